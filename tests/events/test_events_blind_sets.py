"""The blind sets of 2026-12-02 load and the scorer scores them: structure only, no thresholds.

The figures themselves are recorded in docs/benchmarks.md; a test that
asserted them would invite tuning to the sets.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BLIND = Path(__file__).parent / "eval" / "blind2026"


def _scorer() -> ModuleType:
    name = "blind2026_score"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BLIND / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    """Every figure of one scoring run, as ``score.py --json`` prints it."""
    scored: dict[str, Any] = _scorer().score_all()
    scored.pop("_objects")
    return scored


def test_passages_parse_and_every_amount_text_is_in_its_passage() -> None:
    score = _scorer()
    lines = [json.loads(line) for line in (BLIND / "passages.jsonl").read_text(encoding="utf-8").splitlines() if line]
    passages = score.load_passages()
    assert len(passages) == len(lines) > 0
    assert len({p.id for p in passages}) == len(passages)
    for passage in passages:
        assert passage.signing in {"done", "planned", "intended", "none"}
        for amount in passage.amounts:
            assert amount.text in passage.text, (passage.id, amount.text)
            assert amount.qualifier in {"exact", "more_than", "nearly", "about", "range"}
            assert (amount.maximum is not None) == (amount.qualifier == "range")


def test_clusters_parse() -> None:
    score = _scorer()
    reports = score.load_reports()
    assert len(reports) > 0
    assert len({r.id for r in reports}) == len(reports)
    assert all(r.group and r.text and r.url for r in reports)


def _check(metric: dict[str, Any]) -> None:
    assert isinstance(metric["hits"], int) and isinstance(metric["total"], int), metric
    assert 0 <= metric["hits"] <= metric["total"] and metric["total"] > 0, metric
    assert isinstance(metric["value"], float) and 0.0 <= metric["value"] <= 1.0, metric
    assert math.isclose(metric["value"], metric["hits"] / metric["total"]), metric


@pytest.mark.slow  # stores 191 reports twice through the storing transaction: a few seconds
def test_scorer_gives_every_metric_as_a_ratio_with_its_counts(result: dict[str, Any]) -> None:
    assert result["headline"] in result["passages"]["modes"]
    names: set[str] = set()
    for part in ("passages", "clusters"):
        for mode in result[part]["modes"].values():
            for metric in mode["metrics"]:
                _check(metric)
                names.add(metric["name"])
    expected = {
        "amounts.precision",
        "amounts.recall",
        "value",
        "qualifier",
        "investment.precision",
        "investment.recall",
        "brackets.as_event_amount",
        "status.strict",
        "place.province",
        "place.city",
        "event_amount",
        "clusters.pairwise_precision",
        "clusters.pairwise_recall",
        "clusters.reports_without_event",
    }
    assert expected <= names
    assert {"kind", "bracket_flag.precision", "bracket_flag.recall"} <= names
    assert result["passages"]["not_available"] == {}
    json.dumps(result, ensure_ascii=False)  # the --json shape serialises


def test_another_set_of_the_same_schema_is_scored_with_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Two passages of blind2026 copied as a set of their own, with no clusters file.
    lines = (BLIND / "passages.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    (tmp_path / "passages.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _scorer().main(["--set", str(tmp_path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["set"] == tmp_path.name
    assert printed["passages"]["count"] == 2
    assert printed["clusters"]["count"] == 0 and printed["clusters"]["modes"] == {}
    kind = next(m for m in printed["passages"]["modes"]["clean_text"]["metrics"] if m["name"] == "kind")
    _check(kind)


def test_set_without_passages_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        _scorer().main(["--set", str(tmp_path)])
    assert stopped.value.code == 2
