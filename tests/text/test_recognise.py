"""Recognising a page's site type by the source marks the registry declares (monitor/text/recognise.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from monitor.sites import site_types
from monitor.text.recognise import any_mark_pattern, page_site_type, source_marks_in

MARKS = [(site.name, mark) for site in site_types() for mark in site.source_marks]
ALL_MARKS = [mark for _, mark in MARKS]
PATTERN = any_mark_pattern(ALL_MARKS)
# Page text around a mark: markup, Han text, and characters the marks are sought by.
BEFORE = '<html><head><script src="/js/jquery.min.js"></script></head><body><div class="Main">宝山区签约?_'
AFTER = '_$<a href="/news/2021/0826/c_123.htm">总投资300亿元</a></div></body></html>'


def _recognised(page: str) -> str:
    document = etree.fromstring(page.encode(), etree.HTMLParser(encoding="utf-8"))
    found = page_site_type(document, [], None, page)
    # Given the page's UTF-8 bytes too (as clean_html does for a page fetched as UTF-8), the answer is the same.
    assert page_site_type(document, [], None, page, page_utf8=page.encode()) == found
    return found


@pytest.mark.parametrize(("site_type", "mark"), MARKS)
def test_every_source_mark_is_found_and_recognises_its_type(site_type: str, mark: str) -> None:
    page = BEFORE + mark + AFTER
    assert PATTERN.search(page) is not None
    assert source_marks_in(page.encode()) == {mark}
    assert _recognised(page) == site_type


@pytest.mark.parametrize(("site_type", "mark"), MARKS)
def test_a_mark_cut_short_is_no_mark(site_type: str, mark: str) -> None:
    for cut in (mark[1:], mark[:-1], mark[: len(mark) // 2] + " " + mark[len(mark) // 2 :]):
        page = BEFORE + cut + AFTER
        if not any(other in page for other in ALL_MARKS):  # a cut mark may still hold another one
            assert PATTERN.search(page) is None, cut
            assert _recognised(page) == "generic", cut


# Texts made of pieces of the marks (their starts, ends and middles) and of other text,
# so that near misses, overlaps and marks split across pieces all occur.
_PIECES = st.one_of(
    st.sampled_from(ALL_MARKS).flatmap(
        lambda mark: st.tuples(st.integers(0, len(mark)), st.integers(0, len(mark))).map(
            lambda ends: mark[min(ends) : max(ends)]
        )
    ),
    st.text(alphabet="/._-?=&\"'<>$[]()abcdeTRSCx所信 \n宝山", max_size=6),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_the_one_scan_finds_a_mark_exactly_when_one_is_there(text: str) -> None:
    assert (PATTERN.search(text) is not None) == any(mark in text for mark in ALL_MARKS)


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_the_marks_found_in_the_bytes_are_exactly_those_in_the_text(text: str) -> None:
    assert source_marks_in(text.encode()) == {mark for mark in ALL_MARKS if mark in text}
    page = f"<html><body><p>{text}</p></body></html>"
    document = etree.fromstring(page.encode(), etree.HTMLParser(encoding="utf-8"))
    assert page_site_type(document, [], None, page, page_utf8=page.encode()) == page_site_type(document, [], None, page)


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("<p>宝山区签约 /js/jquery.min.js</p>", set()),  # slashes, no mark
        ("<div class='TRS_Editor'>", {"TRS_Editor"}),
        ("<div class='TRS?Editor'>", set()),  # folded like a mark: the bytes around it say no
        ("src=http://ta.trs.cn/c/js/ta.js", {"ta.trs.cn/"}),  # a mark ending in its anchor, searched by itself
        ("<!--<$[信息内容]>begin-->", {"<!--<$[信息内容]>begin-->"}),
        ("<!--<$[信息]>begin-->", set()),
        # Overlapping and repeated marks, each found once.
        ("/e/member/cp//e/member/cp/ /wp-content//wp-includes/", {"/e/member/cp/", "/wp-content/", "/wp-includes/"}),
        ("index.php?m=member&c=index&a=mini", {"index.php?m=member&c=index&a=mini"}),
    ],
)
def test_source_marks_in(text: str, marks: set[str]) -> None:
    assert source_marks_in(text.encode()) == marks


@pytest.mark.parametrize(
    ("marks", "text", "found"),
    [
        ((), "anything /plus/", False),
        (("/plus/",), "a /plus/ b", True),
        (("/plus/",), "a /plu/s/ b", False),
        (("所在页",), "//所在页从0开始", True),
        (("a.b", "a?b"), "axb", False),  # a mark's dot is a dot, its ? a question mark
        (("a.b", "a?b"), "a?b", True),
    ],
)
def test_any_mark_pattern(marks: tuple[str, ...], text: str, found: bool) -> None:
    assert (any_mark_pattern(marks).search(text) is not None) is found
