"""Benchmark: HTML → CleanArticle on real Chinese news pages, beside trafilatura and bare lxml.

Pages: the article pages in GNE's source distribution (its list pages and its
docs page left out), downloaded at run time into a temporary directory (never
committed).  Quality, three ways:

1. <p> proxy: a page's reference is its Han sentences (10+ Han characters)
   inside <p> elements; recall = share of them in an extractor's body,
   precision = share of the extractor's sentences that are reference sentences.
   It counts comments and teaser paragraphs as body, so it favours extractors
   that keep them.
2. GNE's own answers: the sdist's result.txt holds GNE's extracted body for 20
   of the pages; the same two shares against those sentences.
3. Hand-picked: on six pages, one sentence of the article that must be in the
   body and one chrome sentence (spam, footer, ad, comment, teaser) that must not.

Also text → CleanArticle on the five seeds.

Run: .venv/bin/python bench/bench_clean.py [--rounds 5]

Side by side with earlier trees (speed only, the same pages):

    taskset -c 0 .venv/bin/python bench/bench_clean.py --against <commit> [--against <commit> …] --pairs 7

takes each ``<commit>``'s tree out of git into a temporary directory and times
``clean_html`` over the pages in child processes, one per tree and this
checkout, alternately (the order turning round each run), so all meet the same
load; it prints each run's CPU and wall rates, the medians and each tree's
ratio over the first commit's.  Each child cleans every page once before
timing (imports, caches).  ``--site-type generic`` cleans every page as that
type, as a crawl does, instead of recognising it.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import lxml.html
import opencc

from monitor.text import clean_html, clean_text

Page = TypeVar("Page", bytes, str)
_SENTENCE = re.compile(r"[^。！？!?\n]{15,}")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_T2S = opencc.OpenCC("t2s")


# (page, a sentence of the article, a chrome sentence), checked by reading the pages.
HAND_PICKED = [
    ("tests/njxfhn/1.html", "南都记者向江门警方了解到", "邓朴方潜逃"),  # keyword-cloud SEO spam
    ("tests/sxmu/1.html", "需要由上级监察机关管辖的", "主办单位"),  # page footer
    ("tests/cjddsb/1.html", "面对金融消费者、投资者和广大网民", "复制链接"),  # share widget
    ("tests/sina/2.html", "铁路12306网站未发生用户信息泄漏", "网友提问"),  # a stock chat beside the article
    ("tests/sina/4.html", "前置摄像头升级至1200万像素摄像头", "新浪众测"),  # an advert
    ("tests/toutiao/2.html", "世界第二大内陆国的蒙古国", "新时代中国奇迹"),  # a teaser for another article
]


def gne_pages() -> tuple[dict[str, bytes], dict[str, str]]:
    """Download GNE's sdist with pip; its article pages by path, and GNE's bodies from result.txt."""
    pages: dict[str, bytes] = {}
    answers: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-q", "-d", tmp, "gne"],
            check=True,
        )
        for archive in Path(tmp).glob("*.tar.gz"):
            with tarfile.open(archive) as tar:
                for member in tar.getmembers():
                    handle = tar.extractfile(member) if member.isfile() else None
                    if handle is None:
                        continue
                    path = member.name.split("/", 1)[1]
                    if path.endswith(".html") and path.startswith(("tests/", "visiable_test/")):
                        pages[path] = handle.read()
                    elif path == "result.txt":
                        answers = _gne_answers(handle.read().decode("utf-8"))
    return pages, answers


def _gne_answers(text: str) -> dict[str, str]:
    answers = {}
    for block in re.split(r"^>{5,}", text, flags=re.M):
        name, _, rest = block.partition(">" * 13)
        body = rest.split("<" * 10)[0].strip()
        if name.strip() and body:
            answers[name.strip()] = json.loads(body)["content"]
    return answers


def _sentences(text: str) -> set[str]:
    return {s.strip() for s in _SENTENCE.findall(_T2S.convert(text)) if len(_HAN.findall(s)) >= 10}


def reference_sentences(page: bytes) -> set[str]:
    """Prose sentences of a page: Han sentences inside <p> elements outside obvious chrome."""
    root = lxml.html.fromstring(page.decode("utf-8", errors="replace"))
    for el in root.xpath("//script|//style|//nav|//footer|//aside"):
        el.drop_tree()
    return _sentences("\n".join(p.text_content() for p in root.iter("p")))


def ours(page: bytes) -> str:
    return clean_html(page).body


def theirs(page: bytes) -> str:
    import trafilatura  # the [bench] extra; only the full comparison needs it

    return trafilatura.extract(page.decode("utf-8", errors="replace")) or ""


def bare(page: bytes) -> str:
    return str(lxml.html.fromstring(page.decode("utf-8", errors="replace")).text_content())


def hand_picked(extract: Callable[[bytes], str], pages: dict[str, bytes]) -> tuple[int, int]:
    """How many hand-picked article sentences are kept and chrome sentences dropped."""
    bodies = {name: extract(pages[name]) for name, _, _ in HAND_PICKED if name in pages}
    kept = sum(1 for name, key, _ in HAND_PICKED if key in bodies.get(name, ""))
    dropped = sum(1 for name, _, chrome in HAND_PICKED if name in bodies and chrome not in bodies[name])
    return kept, dropped


def measure(extract: Callable[[Page], object], pages: list[Page], rounds: int) -> tuple[float, float]:
    """Pages per second by wall clock and by this process's CPU time (medians over rounds).

    On a machine shared with other work the wall clock also counts time spent
    waiting for a core; CPU time does not, so both are reported.
    """
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        for page in pages:
            extract(page)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return len(pages) / statistics.median(walls), len(pages) / statistics.median(cpus)


def quality(
    extract: Callable[[bytes], str], pages: dict[str, bytes], answers: dict[str, str] | None = None
) -> tuple[float, float]:
    """Median recall and precision against the <p> proxy, or against GNE's answers when given."""
    recalls, precisions = [], []
    for name, page in pages.items():
        if answers is None:
            reference = reference_sentences(page)
        elif name in answers:
            reference = _sentences(answers[name])
        else:
            continue
        got = _sentences(extract(page))
        if not reference:
            continue
        recalls.append(len(reference & got) / len(reference))
        precisions.append(len(reference & got) / len(got) if got else 0.0)
    return statistics.median(recalls), statistics.median(precisions)


_CHILD = """
import pickle, statistics, sys, time
sys.path.insert(0, sys.argv[1])
from monitor.text import clean_html
with open(sys.argv[2], "rb") as handle:
    pages = pickle.load(handle)
site_type = sys.argv[4] or None
for page in pages:
    clean_html(page, site_type=site_type)
walls, cpus = [], []
for _ in range(int(sys.argv[3])):
    wall, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        clean_html(page, site_type=site_type)
    walls.append(time.perf_counter() - wall)
    cpus.append(time.process_time() - cpu)
print(len(pages) / statistics.median(walls), len(pages) / statistics.median(cpus))
"""


def _child_rates(tree: Path, pages_file: Path, rounds: int, site_type: str | None) -> tuple[float, float]:
    """Wall and CPU pages/s of ``clean_html`` from ``tree``, timed in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tree), str(pages_file), str(rounds), site_type or ""],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=tree,
    ).stdout.split()
    return float(out[0]), float(out[1])


def compare(commits: list[str], pairs: int, rounds: int, pages: list[bytes], site_type: str | None = None) -> None:
    """Time this checkout's cleaning and each of ``commits``' in turn, alternately; print each run, medians, ratios.

    Each run times every tree once, in an order that turns round from one run
    to the next (so no tree always goes first); the ratio of a tree is its CPU
    rate over the first commit's, taken run by run.  ``site_type``: every page
    cleaned as that type (as a crawl cleans), not recognised.
    """
    import pickle

    here = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        trees: dict[str, Path] = {}
        for commit in commits:
            tree = Path(tmp) / f"tree{len(trees)}"
            tree.mkdir()
            archive = subprocess.run(["git", "archive", commit], cwd=here, check=True, capture_output=True).stdout
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(tree, filter="data")
            trees[commit] = tree
        trees["checkout"] = here
        pages_file = Path(tmp) / "pages.pickle"
        pages_file.write_bytes(pickle.dumps(pages))
        names = list(trees)
        rates: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
        typed = f", cleaned as {site_type}" if site_type else ", type recognised"
        print(
            f"{len(pages)} pages{typed}; {pairs} runs of each tree, {rounds} rounds each (median); CPU pages/s (wall)"
        )
        print("| run | " + " | ".join(names) + " | load |")
        print("|" + " --- |" * (len(names) + 2))
        for run in range(pairs):
            for name in names if run % 2 == 0 else reversed(names):
                rates[name].append(_child_rates(trees[name], pages_file, rounds, site_type))
            cells = " | ".join(f"{rates[name][-1][1]:.0f} ({rates[name][-1][0]:.0f})" for name in names)
            print(f"| {run + 1} | {cells} | {os.getloadavg()[0]:.1f} |")
        first = rates[names[0]]
        for name in names:
            ratios = [cpu / base_cpu for (_, cpu), (_, base_cpu) in zip(rates[name], first, strict=True)]
            print(
                f"{name}: median {statistics.median(rate[1] for rate in rates[name]):.0f} CPU pages/s, "
                f"{statistics.median(rate[0] for rate in rates[name]):.0f} wall; over {names[0]}: "
                f"{statistics.median(ratios):.3f} (runs {min(ratios):.2f}–{max(ratios):.2f})"
            )
        print(f"load average at the end: {' '.join(f'{load:.1f}' for load in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--against", action="append", help="a commit to time beside this checkout, alternately (repeatable)"
    )
    parser.add_argument("--pairs", type=int, default=7, help="with --against: runs of each tree")
    parser.add_argument("--site-type", help="with --against: clean every page as this type (as a crawl does)")
    args = parser.parse_args()
    by_name, answers = gne_pages()
    if args.against:
        compare(args.against, args.pairs, args.rounds, list(by_name.values()), args.site_type)
        return
    pages = list(by_name.values())
    print(
        f"{len(pages)} GNE article pages, {sum(map(len, pages)) / len(pages) / 1024:.0f} KiB mean, {args.rounds} rounds"
    )
    print(
        "| extractor | pages/s wall (median) | pages/s CPU (median) | vs trafilatura (CPU) "
        "| <p> proxy recall / precision (median) "
        f"| GNE answers ({len(answers)} pages) recall / precision | hand-picked kept / chrome dropped |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    rates = {}
    results = []
    extractors: list[tuple[str, Callable[[bytes], str]]] = [("signwatch clean_html", ours), ("lxml text_content", bare)]
    if importlib.util.find_spec("trafilatura") is not None:
        extractors.insert(1, ("trafilatura.extract", theirs))
    else:
        print("(trafilatura is not installed, the [bench] extra: its row and the ratios to it are left out)")
    for name, extract in extractors:
        wall_rate, rate = measure(extract, pages, args.rounds)
        rates[name] = rate
        results.append(
            (
                name,
                wall_rate,
                rate,
                quality(extract, by_name),
                quality(extract, by_name, answers),
                hand_picked(extract, by_name),
            )
        )
    for name, wall_rate, rate, (recall, precision), (gne_recall, gne_precision), (kept, dropped) in results:
        ratio = f"{rate / rates['trafilatura.extract']:.2f}x" if "trafilatura.extract" in rates else "–"
        print(
            f"| {name} | {wall_rate:.0f} | {rate:.0f} | {ratio} | {recall:.2f} / {precision:.2f} "
            f"| {gne_recall:.2f} / {gne_precision:.2f} | {kept}/{len(HAND_PICKED)} / {dropped}/{len(HAND_PICKED)} |"
        )
    seeds_dir = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
    seeds = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    if seeds:
        wall_rate, rate = measure(clean_text, seeds * 20, args.rounds)
        print(
            f"\ntext → CleanArticle on the {len(seeds)} seeds (x20): "
            f"{wall_rate:.0f} pages/s wall, {rate:.0f} pages/s CPU"
        )


if __name__ == "__main__":
    main()
