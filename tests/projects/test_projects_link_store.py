"""The store-backed linker scored by score_links on labelled sets (the sample and real-passage linking cases)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.projects.eval.link_store import main, store_link_fn
from tests.projects.eval.score import score_links

EVAL = Path(__file__).resolve().parent / "eval"


@pytest.mark.parametrize(
    ("set_dir", "labelled", "found"),
    [
        ("sample", 1, 1),
        # six real projects over twelve articles (reposts, later stages), six distractors
        # (same investor elsewhere, another phase, same district, same industry)
        ("linkcases", 7, 7),
    ],
)
def test_linking_scores_on_labelled_sets(set_dir: str, labelled: int, found: int) -> None:
    scores = score_links(EVAL / set_dir / "links.jsonl", store_link_fn)
    assert (scores["labelled_pairs"], scores["found_pairs"]) == (labelled, found)
    assert scores["precision"] >= 0.95 and scores["recall"] >= 0.80


def test_a_distractor_line_is_linked_to_nothing_or_alone() -> None:
    lines = [
        {
            "id": "a",
            "text": "兰钧新能源项目开工\n10月28日,上海杭州湾开发区举行兰钧新能源项目开工仪式。",
            "published": "2020-10-28",
        },
        {
            "id": "b",
            "text": "兰钧新能源嘉善GT工厂封顶\n8月2日,浙江省嘉兴市嘉善县兰钧新能源嘉善GT工厂主体厂房完成封顶。",
            "published": "2022-08-03",
        },
        {"id": "c", "text": "今日要闻\n本市召开安全生产工作会议。", "published": "2022-08-03"},
    ]
    groups = store_link_fn(lines)
    assert groups[0] is not None and groups[1] != groups[0] and groups[2] is None


def test_main_prints_the_scores_and_refuses_a_missing_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(EVAL / "sample")]) == 0
    assert "precision        1.0" in capsys.readouterr().out
    assert main([str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("link_store: ")
