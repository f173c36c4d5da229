"""Extraction throughput and money accuracy, side by side with JioNLP, in one run.

    .venv/bin/python bench/bench_extract.py [--rounds 5]

Documents: the five seeds cleaned by monitor.text.clean_text.  Ours: one
``extract()`` per document, 20 passes over the five per timed round (one pass
takes milliseconds); both warmed up first; medians of the rounds.  Ours is
timed with and without its project reading (issue 18) in alternate rounds.
JioNLP: ``ner.extract_money`` + ``ner.extract_time``
on the same body text (JioNLP is a bench extra, not a runtime dependency).
Accuracy: money figures on the labelled evaluation set (tests/events/eval),
a figure counted as found when a returned span overlaps the labelled one.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "events" / "eval"))

from report import load_cases  # noqa: E402

from monitor.events import extract  # noqa: E402
from monitor.text import clean_text  # noqa: E402
from monitor.text.article import CleanArticle  # noqa: E402

OUR_PASSES = 20
SEEDS = sorted((ROOT / "monitor" / "demo" / "mirror" / "data").glob("[0-9][0-9][0-9]_*.txt"))


def _docs_per_second(run: Callable[[], None], documents: int, rounds: int) -> float:
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return documents / statistics.median(timings)


def _overlap_scores(spans_of: Callable[[str], list[tuple[int, int]]]) -> tuple[float, float]:
    found = gold = hits_p = hits_r = 0
    for case in load_cases():
        spans = spans_of(case.snippet)
        golds = []
        for text in case.figures:
            at = case.snippet.find(text)
            golds.append((at, at + len(text)) if at >= 0 else (-1, -1))
        found += len(spans)
        gold += len(golds)
        hits_p += sum(any(s < ge and gs < e for gs, ge in golds) for s, e in spans)
        hits_r += sum(any(s < ge and gs < e for s, e in spans) for gs, ge in golds)
    return hits_p / max(found, 1), hits_r / max(gold, 1)


def _our_spans(snippet: str) -> list[tuple[int, int]]:
    result = extract(CleanArticle(title=None, paragraphs=(snippet,)))
    return [(f.start, f.end) for f in result.figures]


def _alternating(
    first: Callable[[], None], second: Callable[[], None], documents: int, rounds: int
) -> tuple[float, float]:
    """Docs/s of two runs timed in alternate rounds (medians): a shared machine's load hits both alike."""
    timings: tuple[list[float], list[float]] = ([], [])
    for _ in range(rounds):
        for run, kept in ((first, timings[0]), (second, timings[1])):
            start = time.perf_counter()
            run()
            kept.append(time.perf_counter() - start)
    return documents / statistics.median(timings[0]), documents / statistics.median(timings[1])


@contextmanager
def _without_project_reading() -> Iterator[None]:
    """extract() as before issue 18: its project reading returns nothing."""
    import monitor.projects.read as reading
    from monitor.projects.model import NOTHING

    kept = reading.read_prepared
    reading.read_prepared = lambda prepared, extraction, capped=None: NOTHING  # type: ignore[assignment]
    try:
        yield
    finally:
        reading.read_prepared = kept


def main() -> None:
    """Measure both extractors and print a table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    articles = [clean_text(p.read_text(encoding="utf-8")) for p in SEEDS]
    bodies = [a.body for a in articles]

    def run_ours() -> None:
        # a round of one pass lasts a few milliseconds, too short to time on a
        # shared machine: each round makes OUR_PASSES passes
        for _ in range(OUR_PASSES):
            for article in articles:
                extract(article)

    def run_before() -> None:
        with _without_project_reading():
            run_ours()

    run_ours()  # warm-up: the gazetteer loads on first use
    # with and without the project reading (issue 18) in alternate rounds, so both see the same load
    ours, before = _alternating(run_ours, run_before, OUR_PASSES * len(articles), args.rounds)
    our_p, our_r = _overlap_scores(_our_spans)
    print(f"documents: {len(articles)} cleaned seeds, median of {args.rounds} rounds")
    print(f"signwatch extract: {ours:8.1f} docs/s  money precision {our_p:.3f} recall {our_r:.3f}")
    print(f"  without projects: {before:8.1f} docs/s  (the project reading costs {1 - ours / before:.0%})")
    try:
        import jionlp
    except Exception as error:  # the peer is optional: say so and keep our numbers
        print(f"jionlp unavailable ({error}); install it with: pip install jionlp")
        return

    def run_jio() -> None:
        for body in bodies:
            jionlp.ner.extract_money(body, with_parsing=True)
            jionlp.ner.extract_time(body, time_base=time.time(), with_parsing=True)

    run_jio()  # JioNLP loads its dictionaries on first use: keep that out of the timing
    jio = _docs_per_second(run_jio, len(bodies), args.rounds)

    def jio_spans(snippet: str) -> list[tuple[int, int]]:
        return [(m["offset"][0], m["offset"][1]) for m in jionlp.ner.extract_money(snippet, with_parsing=False)]

    jio_p, jio_r = _overlap_scores(jio_spans)
    print(f"jionlp money+time: {jio:8.1f} docs/s  money precision {jio_p:.3f} recall {jio_r:.3f}")
    print(f"ratio: {ours / jio:.1f}x  (without projects: {before / jio:.1f}x)")


if __name__ == "__main__":
    main()
