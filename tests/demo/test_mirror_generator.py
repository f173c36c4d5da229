"""The article generator: deterministic, shaped like the seeds, with signing events and figures."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from monitor.archive.canonical import canonical_text, content_hash
from monitor.demo.mirror.generator import corrected_paragraphs, generate_article, publication_time
from monitor.demo.mirror.seeds import SEED_LAYOUTS, seed_article


def test_same_seed_same_article() -> None:
    when = datetime(2024, 5, 1, 9, 30)
    assert generate_article(0, "zblog", 3, when) == generate_article(0, "zblog", 3, when)
    assert generate_article(0, "zblog", 3, when) != generate_article(1, "zblog", 3, when)


@pytest.mark.parametrize("index", range(20))
def test_generated_articles_carry_a_signing_and_figures(index: int) -> None:
    article = generate_article(7, "dedecms", index, publication_time(date(2024, 6, 1), index))
    body = "\n".join(article.paragraphs)
    assert "签约" in body and "签订战略合作协议" in body
    assert re.search(r"总投资额\D{0,2}\d+(\.\d+)?亿元", body)
    assert f"{article.published.month}月{article.published.day}日" in body
    assert "税收" in body  # a distractor figure, as in seed 002


def test_correction_changes_the_content_hash() -> None:
    article = generate_article(0, "generic", 0, datetime(2024, 1, 2))
    before = content_hash(canonical_text(article.title, article.paragraphs))
    after = content_hash(canonical_text(article.title, corrected_paragraphs(article)))
    assert before != after


@pytest.mark.parametrize("layout", SEED_LAYOUTS, ids=[layout.file[:3] for layout in SEED_LAYOUTS])
def test_seeds_split_into_chrome_and_body(layout: object) -> None:
    article = seed_article(layout, 1)  # type: ignore[arg-type]
    assert len(article.paragraphs) >= 5
    assert not any(line.startswith(("葛毅明微信号", "[責", "上一篇")) for line in article.paragraphs)
