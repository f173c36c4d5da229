"""The labelled evaluation set stays above the targets (0.95 everywhere)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "eval"))

from report import load_cases, score


def test_evaluation_set_meets_targets() -> None:
    cases = load_cases()
    assert len(cases) >= 80
    result = score(cases)
    assert result.figure_precision >= 0.95 and result.figure_recall >= 0.95
    assert result.investment_precision >= 0.95 and result.investment_recall >= 0.95
    assert result.event_accuracy >= 0.95
