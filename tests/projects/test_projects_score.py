"""The blind-set scorer, on a sample of its format made from real pages (tests/projects/eval/sample)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from monitor.projects import project_key
from tests.projects.eval.score import LabelError, main, read_jsonl, read_passage, score_links, score_passages

SAMPLE = Path(__file__).resolve().parent / "eval" / "sample"


def test_scores_of_the_sample() -> None:
    report = score_passages(read_jsonl(SAMPLE / "passages.jsonl"))
    summary = report.summary()
    stage_measures = {"stage_set_accuracy", "stage_precision"}
    assert {k: v for k, v in summary.items() if k not in stage_measures} == {
        "passages": 4,
        # 湖北随州举行…集中开工活动: the reader counts the city holding the ceremony as its host (the
        # blind set's rule); this format sample was labelled before, without it
        "parties_precision": 0.857,
        "parties_recall": 1.0,
        "parties_recall_with_aliases": 1.0,
        "party_role_accuracy": 1.0,
        "names_precision": 1.0,
        "names_recall": 1.0,
        # 犇星新能源材料项目 and 锂电池负极材料项目: this sample, labelled by the reader's writer, files battery
        # materials 新材料; both blind sets file them 新能源 (the chain they supply), as the reader does now, so
        # the article's four projects are a mix (no label)
        "industry_accuracy": 0.75,
        # 东莞斯缤克化工聚酯胺膜和防伪油墨项目: labelled 新材料, read 其他制造业 (化工); and the two above
        "project_industry_accuracy": 0.571,
        "stage_recall": 1.0,
    }
    # 这个项目从接触到签订落地 (suizhou) is a past signing the label leaves out; whether the
    # extraction reads it as one is the signing reader's call (issue 15 changes it)
    [miss] = report.misses
    assert miss.pop("parties") == {"found": ["湖北随州"], "labelled": []}
    assert miss.pop("industry") == {"found": None, "labelled": "新材料"}
    if len(miss) > 1:
        assert miss == {"id": "suizhou-q1-start", "stages": {"found": ["开工", "签约"], "labelled": ["开工"]}}
        assert (summary["stage_set_accuracy"], summary["stage_precision"]) == (0.75, 0.833)
    else:
        assert (summary["stage_set_accuracy"], summary["stage_precision"]) == (1.0, 1.0)


def test_a_traditional_passage_is_read_as_cleaning_leaves_it() -> None:
    [row] = [r for r in read_jsonl(SAMPLE / "passages.jsonl") if r["id"] == "wenan-culture-town"]
    reading = read_passage(row["text"], row["published"])
    assert "文安县政府" in {p.name for p in reading.parties}


def test_a_label_is_compared_without_its_sources_pinyin_glosses() -> None:
    # blind2026e's q048: the labels are exact substrings, glosses included (晶龍集團(tuán)晶澳公司); the
    # reading strips them as cleaning does, and the two are one party and one project
    text = (
        "9月20日,工人在寧晉縣晶龍集團(tuán)晶澳公司高效太陽能電池生產(chǎn)線上工作。近日,河北省寧晉縣投資10.53億元的"
        "晶龍集團(tuán)晶澳公司高效太陽能電池——博秀P型單晶太陽能電池項(xiàng)目達(dá)產(chǎn)達(dá)效。"
    )
    row = {
        "id": "q048",
        "text": text,
        "published": None,
        "parties": [{"name": "晶龍集團(tuán)晶澳公司", "role": "investor", "same_as": None}],
        "projects": [{"name": "博秀P型單晶太陽能電池項(xiàng)目", "industry": "新能源"}],
        "industry": "新能源",
        "stages": [{"stage": "达产", "text": "達(dá)產(chǎn)達(dá)效", "project": "博秀P型單晶太陽能電池項(xiàng)目"}],
    }
    summary = score_passages([row]).summary()
    assert (summary["parties_recall"], summary["names_recall"], summary["stage_recall"]) == (1.0, 1.0, 1.0)


def _link_by_first_project(lines: list[dict[str, Any]]) -> list[str | None]:
    groups: list[str | None] = []
    for line in lines:
        reading = read_passage(str(line["text"]), line["published"])
        groups.append(project_key(reading.projects[0].name) if reading.projects else None)
    return groups


def test_score_links_counts_pairs() -> None:
    scores = score_links(SAMPLE / "links.jsonl", _link_by_first_project)
    assert scores == {"lines": 3, "labelled_pairs": 1, "found_pairs": 1, "precision": 1.0, "recall": 1.0}


def test_score_links_refuses_a_linker_that_drops_lines() -> None:
    with pytest.raises(LabelError, match="gave 0 groups for 3 lines"):
        score_links(SAMPLE / "links.jsonl", lambda lines: [])


def test_a_bad_line_is_one_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "passages.jsonl").write_text('{"id": "a", "text": "x"}\nnot json\n', encoding="utf-8")
    assert main([str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == "score: passages.jsonl:2: not JSON (Expecting value)"


def test_the_command_prints_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SAMPLE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["passages", "4"]
    assert lines[1].split() == ["parties_precision", "0.857"]
