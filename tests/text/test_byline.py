"""The 来源 cleaning reads: the whole name, stopped at the next field of the line, not at a word inside the name."""

from __future__ import annotations

import pytest

from monitor.text import clean_html
from monitor.text.byline import parse_metadata, source_name, split_source_paragraphs
from tests.text import cms_pages
from tests.text.cms_pages import PARAGRAPHS

LINES = [
    ("来源:肥西发布", "肥西发布"),
    ("来源：宝山融媒 作者：李明", "宝山融媒"),
    ("来源：嘉兴日报发布时间：2021-08-26 10:30", "嘉兴日报"),
    ("时间:2021-08-26 10:30来源:肥西发布 作者:李明 点击: 次", "肥西发布"),
    ("文章来源：苏州发布\u3000责任编辑：张立新", "苏州发布"),
    ("来源：新华社 | 2021-08-26", "新华社"),
    ("来源：临港新片区管委会【打印】【关闭】", "临港新片区管委会"),
    ("发布日期：2021-08-26 信息来源：投资促进中心 浏览次数：36", "投资促进中心"),
    ("来源:上海证券报·中国证券网", "上海证券报·中国证券网"),
    ("来源：肥西发布2021-08-26", "肥西发布"),
]


@pytest.mark.parametrize(("line", "source"), LINES)
def test_source_is_the_whole_name(line: str, source: str) -> None:
    assert parse_metadata([line]).source == source
    assert source_name(line) == source


@pytest.mark.parametrize(("text", "name"), [
    ("肥西县融媒体中心", "肥西县融媒体中心"),  # a ContentSource meta, a <span class="source">
    ("admin9个月前 (09-24)宝山产业地产信息941", None),  # a meta line with no 来源 in it
    ("点击：94次", None),
    ("https://www.example.com/", None),
])  # fmt: skip
def test_a_bare_name_or_none(text: str, name: str | None) -> None:
    assert source_name(text) == name


def test_source_paragraphs_at_the_body_edges_are_metadata() -> None:
    body = ["来源：肥西发布", *PARAGRAPHS, "文章来源：嘉兴日报　责任编辑：张立新"]
    assert split_source_paragraphs(body) == (list(PARAGRAPHS), "肥西发布")
    # In the middle of the body, a sentence about a source stays.
    middle = [*PARAGRAPHS, "来源：多方消息", *PARAGRAPHS]
    assert split_source_paragraphs(middle) == (middle, None)


PAGES = [
    ("ContentSource meta", cms_pages.gov_article(source="肥西县融媒体中心"), None, "肥西县融媒体中心"),
    ("DedeCMS info line", cms_pages.dedecms_article(source="肥西发布"), None, "肥西发布"),
    ("DedeCMS info line, generic", cms_pages.dedecms_article(source="宝山融媒"), "generic", "宝山融媒"),
    ("Z-BlogPHP: typed as the body's first paragraph", cms_pages.zblog_default_article(source="嘉兴日报"), None,
     "嘉兴日报"),
    ("WordPress: typed as the body's last paragraph", cms_pages.wordpress_article(), "generic", "肥西发布"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "html", "site_type", "source"), PAGES, ids=[case for case, _, _, _ in PAGES])
def test_source_of_pages(case: str, html: str, site_type: str | None, source: str) -> None:
    article = clean_html(html, site_type=site_type)
    assert article.source == source, case
    assert article.paragraphs == PARAGRAPHS  # the 来源 line is not body text
