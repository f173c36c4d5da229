"""The figure step before and after issue 15's amounts and kinds, side by side in one run.

    .venv/bin/python bench/bench_amounts.py [--before REV] [--rounds 15]

What is timed is the part of ``extract()`` that issue 15 changed: finding every
amount in an article's prepared text and deciding each one's money reading.

- before: ``monitor/events/amounts.py`` and ``investment.py`` as they were at
  ``REV`` (default ``2669d46^``, the commit before amount kinds), read with
  ``git show`` and loaded as modules of their own: ``scan_amounts`` then
  ``is_investment`` per amount;
- now: ``scan_amounts`` (brackets, bare 亿, spaces before units) then
  ``amount_kind`` per amount.

Both read the same prepared text (today's ``textprep``, whose one addition,
folding a full-width decimal point, is a single search per paragraph).

Documents: the five seeds cleaned by ``clean_text`` and the 210 passages of
``tests/events/eval/blind2026``, prepared once.  Each timed round runs both
versions over every document, in alternating order; the medians and their
ratio are printed (the machine is shared, so only the ratio means much).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.events import amounts, investment  # noqa: E402
from monitor.events.extraction import _prepare  # noqa: E402
from monitor.events.segments import Sentence  # noqa: E402
from monitor.text import clean_text  # noqa: E402
from monitor.text.article import CleanArticle  # noqa: E402

SEEDS = sorted((ROOT / "monitor" / "demo" / "mirror" / "data").glob("[0-9][0-9][0-9]_*.txt"))
PASSAGES = ROOT / "tests" / "events" / "eval" / "blind2026" / "passages.jsonl"
Document = tuple[str, list[Sentence]]


def _module_at(revision: str, path: str, name: str) -> ModuleType:
    """``path`` as it was at ``revision``, loaded as module ``name`` (its own imports resolve to today's package)."""
    source = subprocess.run(
        ["git", "show", f"{revision}:{path}"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    spec = importlib.util.spec_from_loader(name, loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    exec(compile(source, f"{revision}:{path}", "exec"), module.__dict__)  # the project's own history
    return module


def _documents() -> list[Document]:
    articles = [clean_text(path.read_text(encoding="utf-8")) for path in SEEDS]
    for line in PASSAGES.read_text(encoding="utf-8").splitlines():
        if line.strip():
            text = json.loads(line)["text"]
            articles.append(CleanArticle(title=None, paragraphs=tuple(text.split("\n"))))
    prepared = [_prepare(article) for article in articles]
    return [(p.text, p.sentences) for p in prepared]


def _sentence_start(sentences: list[Sentence], position: int) -> int:
    for sentence in sentences:
        if sentence.start <= position < sentence.end:
            return sentence.start
    return sentences[-1].start if sentences else 0


def _runner(scan: Callable[[str], object], decide: Callable[[str, int, int, int], object]) -> Callable[..., int]:
    def run(documents: list[Document]) -> int:
        found = 0
        for text, sentences in documents:
            for amount in scan(text).amounts:  # type: ignore[attr-defined]
                decide(text, amount.start, amount.end, _sentence_start(sentences, amount.start))
                found += 1
        return found

    return run


def main() -> None:
    """Time both versions in alternate rounds and print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--before", default="2669d46^", help="the revision of the previous design (default 2669d46^)")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    old_amounts = _module_at(args.before, "monitor/events/amounts.py", "bench_old_amounts")
    old_investment = _module_at(args.before, "monitor/events/investment.py", "bench_old_investment")
    documents = _documents()
    before = _runner(old_amounts.scan_amounts, old_investment.is_investment)
    now = _runner(amounts.scan_amounts, investment.amount_kind)
    counts = {"before": before(documents), "now": now(documents)}  # warm-up, and how many amounts each finds
    timings: dict[str, list[float]] = {"before": [], "now": []}
    for round_number in range(args.rounds):
        order = [("before", before), ("now", now)]
        for name, run in order if round_number % 2 == 0 else reversed(order):
            start = time.perf_counter()
            run(documents)
            timings[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(times) for name, times in timings.items()}
    print(f"documents: {len(documents)} (5 seeds, {len(documents) - 5} passages), median of {args.rounds} rounds")
    for name in ("before", "now"):
        print(f"{name:6} {medians[name] * 1000:8.1f} ms per pass, {counts[name]} amounts")
    print(f"now / before: {medians['now'] / medians['before']:.2f}x the time")


if __name__ == "__main__":
    main()
