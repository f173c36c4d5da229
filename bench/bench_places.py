"""Places with the zone table (issue 15) and without it, side by side in one run.

    .venv/bin/python bench/bench_places.py [--rounds 9] [--starts 7]
    .venv/bin/python bench/bench_places.py --against COMMIT [--against COMMIT …] [--rounds 9]

Three designs of ``monitor.events.places`` run the same ``extract()``:

- ``zones``: today's places with the zone table (2,700 zones, 11,000 names);
- ``no zones``: today's places with the divisions alone (the zone table left empty);
- ``before``: ``places.py`` as it was before issue 15 (read from git at ``BEFORE``),
  the divisions alone and none of the new context rules.

Throughput: ``extract()`` over the five seeds and the 210 blind2026 passages
(each cleaned by ``clean_text`` once, outside the timing), one pass per design
per round, the designs alternating within each round; medians of the rounds.

First call: a fresh interpreter imports ``monitor.events`` and extracts one
seed; the wall time from before the import to after the extraction, and the
gazetteer's own load inside it, for ``zones`` and ``no zones`` alternating;
medians of ``--starts`` starts each.

``--against COMMIT``: ``extract()`` of this checkout and of each commit's tree
(exported with ``git archive``, so no uncommitted work is in it; a directory
holding a tree is taken as it is) over the seeds
and the passages of blind2026 and blind2026b, each tree in its own child
process, one pass per tree per round, the trees alternating within each round;
medians of the rounds, and each tree's speed as a ratio of this checkout's.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.events import extract, places  # noqa: E402
from monitor.text import clean_text  # noqa: E402
from monitor.text.article import CleanArticle  # noqa: E402

# the module, not the function the package exports under its name; swapped into by _design
extract_module: Any = importlib.import_module("monitor.events.extraction")
BEFORE = "0893e94"  # the commit before issue 15's places work
SEEDS = sorted((ROOT / "monitor" / "demo" / "mirror" / "data").glob("[0-9][0-9][0-9]_*.txt"))
PASSAGES = ROOT / "tests" / "events" / "eval" / "blind2026" / "passages.jsonl"
PASSAGES_B = ROOT / "tests" / "events" / "eval" / "blind2026b" / "passages.jsonl"

# One tree's pass, in a child process started in that tree: the articles come
# from this checkout's files (argv), so every tree reads the same text.
ONE_PASS = """
import json, sys, time
from monitor.events import extract
from monitor.text import clean_text
texts = json.load(open(sys.argv[1], encoding="utf-8"))
articles = [clean_text(text) for text in texts]
for article in articles:
    extract(article)
for line in sys.stdin:
    start = time.perf_counter()
    for article in articles:
        extract(article)
    print(len(articles) / (time.perf_counter() - start), flush=True)
"""

FIRST_CALL = """
import sys, time
start = time.perf_counter()
import monitor.events.places as places
if sys.argv[1] == "no zones":
    places.zone_records = lambda: ()
from monitor.events import extract
from monitor.text import clean_text
article = clean_text(open(sys.argv[2], encoding="utf-8").read())
loaded = time.perf_counter()
places.gazetteer()
gazetteer = time.perf_counter() - loaded
extract(article)
print(time.perf_counter() - start, gazetteer)
"""


def _articles() -> list[CleanArticle]:
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    with PASSAGES.open(encoding="utf-8") as lines:
        texts += [json.loads(line)["text"] for line in lines]
    return [clean_text(text) for text in texts]


def _before_module() -> ModuleType | None:
    """``places.py`` as it was at ``BEFORE``, or None where git cannot say."""
    shown = subprocess.run(
        ["git", "show", f"{BEFORE}:monitor/events/places.py"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if shown.returncode != 0:
        return None
    path = Path(tempfile.mkdtemp()) / "places_before.py"
    path.write_text(shown.stdout, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("places_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["places_before"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@contextmanager
def _design(name: str, before: ModuleType | None) -> Iterator[None]:
    """extract() with the named places design."""
    resolver, table = extract_module.PlaceResolver, places.gazetteer
    plain = places.Gazetteer(places.divisions())
    try:
        if name == "no zones":
            places.gazetteer = lambda: plain  # type: ignore[assignment]
        elif name == "before" and before is not None:
            old = before.PlaceResolver
            # the resolver before issue 15 took no source home
            extract_module.PlaceResolver = lambda text, skip=(), scan=None, home=None: old(text, skip, scan)
        yield
    finally:
        extract_module.PlaceResolver = resolver
        places.gazetteer = table


def _timed(run: Callable[[], None]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def throughput(rounds: int) -> dict[str, float]:
    """Documents per second of extract() per design (medians of alternating rounds)."""
    articles = _articles()
    before = _before_module()
    designs = ["zones", "no zones"] + (["before"] if before is not None else [])

    def run() -> None:
        for article in articles:
            extract(article)

    timings: dict[str, list[float]] = {name: [] for name in designs}
    for name in designs:  # warm up each
        with _design(name, before):
            run()
    for round_number in range(rounds):
        # each round starts with the next design, so none always runs first (or after the same one)
        turn = round_number % len(designs)
        for name in designs[turn:] + designs[:turn]:
            with _design(name, before):
                gc.collect()
                timings[name].append(_timed(run))
    return {name: len(articles) / statistics.median(times) for name, times in timings.items()}


def first_calls(starts: int) -> dict[str, tuple[float, float]]:
    """Median seconds from a fresh start to the first extraction, and of the gazetteer load, per design."""
    seen: dict[str, list[tuple[float, float]]] = {"zones": [], "no zones": []}
    for _ in range(starts):
        for name in seen:
            out = subprocess.run(
                [sys.executable, "-c", FIRST_CALL, name, str(SEEDS[0])],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            seen[name].append((float(out[0]), float(out[1])))
    return {
        name: (statistics.median(t for t, _ in runs), statistics.median(g for _, g in runs))
        for name, runs in seen.items()
    }


def trees(commits: list[str], rounds: int) -> dict[str, float]:
    """Median docs/s of extract() in this checkout and each commit's exported tree (child processes)."""
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    for passages in (PASSAGES, PASSAGES_B):
        with passages.open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
    with tempfile.TemporaryDirectory(prefix="bench_places_") as directory:
        return _time_trees(commits, rounds, texts, Path(directory))


def _time_trees(commits: list[str], rounds: int, texts: list[str], work: Path) -> dict[str, float]:
    """The trees timed, with the texts and exported trees in ``work`` (removed afterwards)."""
    (work / "texts.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    roots = {"this checkout": ROOT}
    for commit in commits:
        if Path(commit).is_dir():
            roots[commit] = Path(commit).resolve()
            continue
        tree = work / commit
        tree.mkdir()
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        roots[commit] = tree
    children = {
        name: subprocess.Popen(
            [sys.executable, "-c", ONE_PASS, str(work / "texts.json")],
            cwd=root,
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name, root in roots.items()
    }
    speeds: dict[str, list[float]] = {name: [] for name in roots}
    names = list(roots)
    try:
        for round_number in range(rounds):
            turn = round_number % len(names)
            for name in names[turn:] + names[:turn]:
                child = children[name]
                assert child.stdin is not None and child.stdout is not None
                child.stdin.write("pass\n")
                child.stdin.flush()
                speeds[name].append(float(child.stdout.readline()))
    finally:
        for child in children.values():
            if child.stdin is not None:
                child.stdin.close()
            child.wait()
    return {name: statistics.median(runs) for name, runs in speeds.items()}


def main() -> None:
    """Print both tables (or, with --against, the trees' table)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--starts", type=int, default=7)
    parser.add_argument(
        "--against",
        action="append",
        default=[],
        help="a commit (or a directory holding a tree) to time beside this one",
    )
    args = parser.parse_args()
    if args.against:
        medians = trees(args.against, args.rounds)
        here = medians["this checkout"]
        print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print("| tree | docs/s | vs this checkout |")
        print("| --- | --- | --- |")
        for name, speed in medians.items():
            print(f"| {name} | {speed:.0f} | {speed / here:.2f}x |")
        return
    speeds = throughput(args.rounds)
    print("| design | docs/s | vs before |")
    print("| --- | --- | --- |")
    base = speeds.get("before")
    for name, speed in speeds.items():
        print(f"| {name} | {speed:.0f} | {speed / base:.2f}x |" if base else f"| {name} | {speed:.0f} | - |")
    print()
    print("| design | fresh start to first extract (s) | gazetteer load (ms) |")
    print("| --- | --- | --- |")
    for name, (total, load) in first_calls(args.starts).items():
        print(f"| {name} | {total:.3f} | {load * 1000:.0f} |")


if __name__ == "__main__":
    main()
