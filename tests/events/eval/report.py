"""Score extraction on the labelled evaluation set and print the figures.

    .venv/bin/python tests/events/eval/report.py [--cases FILE] [-v]

Figures: precision and recall of the money figures found (matched on their
text as written).  Investment: precision and recall of the investment label
over the gold investment figures.  Events: share of snippets whose first event
(kind and status, or none) is right.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

CASES = Path(__file__).with_name("cases.tsv")


@dataclass(frozen=True)
class Case:
    """One labelled snippet."""

    snippet: str
    figures: dict[str, bool]  # text as written → investment?
    event: str  # "kind/status" or "-"


@dataclass(frozen=True)
class Scores:
    """Evaluation results."""

    figure_precision: float
    figure_recall: float
    investment_precision: float
    investment_recall: float
    event_accuracy: float
    cases: int


def load_cases(path: Path = CASES) -> list[Case]:
    """The labelled cases of ``cases.tsv`` (or another file in its format).

    Columns after the third (ids, detailed labels) are allowed and ignored here.
    """
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        snippet, figures, event = line.split("\t")[:3]
        labels = {}
        for item in filter(None, figures.split(";")):
            text, label = item.rsplit("=", 1)
            labels[text] = label == "I"
        cases.append(Case(snippet, labels, event))
    return cases


Extractor = Callable[[str], tuple[dict[str, bool], str]]


def ours(snippet: str) -> tuple[dict[str, bool], str]:
    """signwatch's extraction: figures (text → investment) and first event.

    Project-size brackets (``亿元以上项目18个``) are named in the answer's
    ``brackets``, so ``score`` can leave out those a set did not label.
    """
    from monitor.events import extract
    from monitor.text.article import CleanArticle

    result = extract(CleanArticle(title=None, paragraphs=(snippet,)))
    event = f"{result.events[0].kind}/{result.events[0].status}" if result.events else "-"
    found = Found({f.text: f.investment for f in result.figures})
    found.brackets = frozenset(f.text for f in result.figures if getattr(f, "bracket", False))
    return found, event


class Found(dict[str, bool]):
    """Figures found (text → investment), and which of them are project-size brackets."""

    brackets: frozenset[str] = frozenset()


def _labelled(figures: dict[str, bool], case: Case) -> dict[str, bool]:
    """The figures to compare: a bracket only when the set labels it.

    These sets were labelled before brackets became figures (with ``bracket``
    set): most were left out then (``亿元以上项目18个``), a few labelled.
    """
    brackets: frozenset[str] = getattr(figures, "brackets", frozenset())
    return {text: inv for text, inv in figures.items() if text not in brackets or text in case.figures}


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def score(cases: Iterable[Case], extractor: Extractor = ours) -> Scores:
    """Score an extractor over the cases."""
    found = gold = matched = 0
    inv_pred = inv_gold = inv_hit = 0
    events_right = n = 0
    for case in cases:
        n += 1
        answer, event = extractor(case.snippet)
        figures = _labelled(answer, case)
        found += len(figures)
        gold += len(case.figures)
        matched += len(set(figures) & set(case.figures))
        inv_pred += sum(figures.values())
        inv_gold += sum(case.figures.values())
        inv_hit += sum(1 for t, inv in figures.items() if inv and case.figures.get(t))
        events_right += event == case.event
    return Scores(
        _ratio(matched, found),
        _ratio(matched, gold),
        _ratio(inv_hit, inv_pred),
        _ratio(inv_hit, inv_gold),
        _ratio(events_right, n),
        n,
    )


def mistakes(cases: Iterable[Case], extractor: Extractor = ours) -> list[str]:
    """One line per case the extractor gets wrong."""
    lines = []
    for case in cases:
        answer, event = extractor(case.snippet)
        figures = _labelled(answer, case)
        if figures != case.figures or event != case.event:
            lines.append(f"{case.snippet}\n    want {case.figures} {case.event}\n    got  {figures} {event}")
    return lines


def main() -> None:
    """Print the scores (and the mistakes with -v)."""
    parser = argparse.ArgumentParser(description="Score extraction on a labelled set.")
    parser.add_argument("--cases", type=Path, default=CASES, help="labelled TSV (default: cases.tsv)")
    parser.add_argument("-v", action="store_true", help="print the cases that are wrong")
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[3]
    sys.path.insert(0, str(root))
    cases = load_cases(args.cases)
    result = score(cases)
    print(f"cases: {result.cases}")
    print(f"figures: precision {result.figure_precision:.3f} recall {result.figure_recall:.3f}")
    print(f"investment: precision {result.investment_precision:.3f} recall {result.investment_recall:.3f}")
    print(f"events: accuracy {result.event_accuracy:.3f}")
    if args.v:
        print("\n".join(mistakes(cases)))


if __name__ == "__main__":
    main()
