"""Cleaning's shortcuts past a regex or a walk say exactly what the regex or the walk says.

Each shortcut (issue 14, cleaning speed) skips work a cheap test proves idle:
the lede's time-word and trailing-ellipsis regexes on a paragraph that cannot
open or end so, the censor regex on a paragraph with no ``*`` or ``#``, and a
walk of its own for the headings.  The tables hold real paragraphs and the
edge characters; the property tests try any text over the characters that
matter.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from monitor.text.censor import _CENSORED, has_censor_marks
from monitor.text.labels import CHROME, FOOTER, LOGO, PAGER, TITLE, labelled_elements, labels_of
from monitor.text.lede import _OPENING_TIME, _TRAILING, _core
from monitor.text.page_walk import walk_page


def _core_by_regex(paragraph: str) -> str:
    return _TRAILING.sub("", _OPENING_TIME.sub("", paragraph.strip()))


LEDE_CASES = [
    "近日,在上海市宝山区举行签约仪式上,100个产业项目集中签约,总投资额超500亿元。......",
    "日前，肥西县与合肥高新区签署合作协议。",
    "昨天，铜陵有色铜箔项目开工……",
    "今日,项目集中签约",
    "8月26日，2021年第三季度重大项目集中开工。",
    "１２月３日，全角数字的日期也是时间词。",  # full-width digits: \d matches them
    "٣月٤日,阿拉伯-印度数字",  # Arabic-Indic digits are decimal digits too
    "12月3日 没有逗号的日期不算时间词。",
    "近年来，开发区招商引资成效明显.",  # one ASCII full stop: not an ellipsis, stays
    "总投资50亿元...",
    "  \u3000近期，项目推进顺利。  ",
    "2026年招商引资实物量85亿元",
    "昨",
    "",
    "。",
    "……",
]


def test_the_lede_core_is_what_the_regexes_make() -> None:
    for paragraph in LEDE_CASES:
        assert _core(paragraph) == _core_by_regex(paragraph), paragraph


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="近日前昨天今期月12１٣,，。…. \u3000\n项目签约ab"))
def test_any_paragraph_core_is_what_the_regexes_make(paragraph: str) -> None:
    assert _core(paragraph) == _core_by_regex(paragraph)


CENSOR_CASES = [
    ("*近平出席签约仪式", True),
    ("水######融项目签约", True),
    ("某地**项目开工", True),
    ("某地#项目开工", False),  # one # is a hashtag's start, no mark
    ("话题#招商引资#", False),
    ("C*项目", False),
    ("肥西县招商引资项目集中签约。", False),
    ("", False),
]


def test_censor_marks_as_the_regex_finds_them() -> None:
    for paragraph, marked in CENSOR_CASES:
        assert has_censor_marks(paragraph) is marked is (_CENSORED.search(paragraph) is not None), paragraph


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="*#近平水融，。、,“”ab 1"))
def test_any_paragraph_censor_marks_as_the_regex_finds_them(paragraph: str) -> None:
    assert has_censor_marks(paragraph) is (_CENSORED.search(paragraph) is not None)


_PAGE = (
    "<html><head><title>标题</title></head><body><h1 class='logo'><a href='/'>招商网</a></h1>"
    "<div class='main'><h2>栏目</h2><article><h1>肥西县项目集中签约</h1><p>正文。<h3>小标题</h3></p>"
    "<div><h2><span>嵌套</span><h3>里面的</h3></h2></div></article></div><footer><h3>友情链接</h3></footer>"
    "</body></html>"
)


def test_the_walk_gathers_the_headings_in_document_order() -> None:
    for markup in (_PAGE, "<h1>页面只有一个标题</h1>", "<div><h2>一</h2><h1>二</h1><h3>三</h3></div>"):
        document = etree.fromstring(markup, etree.HTMLParser())
        expected = [el for el in document.iter("h1", "h2", "h3") if el is not document]
        walked = walk_page(document)
        assert walked.headings == expected
        assert [el.tag for el in walked.headings] == [el.tag for el in expected] != []
        assert walked.tagged("h1") == [el for el in expected if el.tag == "h1"]


_LABELLED_PAGE = (
    "<html><body><div id='header' class='top-nav-bar'><a class='logo-link' href='/'>招商网</a></div>"
    "<div class='main-content'><h1 class='post-title'>肥西县项目集中签约</h1>"
    "<div class='con_share_2'>分享</div><div class='tag-wordpress category-news'>正文。</div>"
    "<ul class='list-pages-1'><li><a class='page-numbers next'>下一页</a></li></ul></div>"
    "<div id='site-footer' class='x_footer_y'>版权所有</div><p class=''>空的类名</p></body></html>"
)


def test_the_walk_judges_each_name_as_name_kinds_does() -> None:
    document = etree.fromstring(_LABELLED_PAGE, etree.HTMLParser())
    expected = labels_of(labelled_elements(document))
    # Twice: the first walk judges the names, the second finds them remembered.
    for _ in range(2):
        walked = walk_page(document)
        assert walked.labels.elements == expected.elements
        assert walked.labels.marked == expected.marked
        said = [kinds for _, kinds in walked.labels.marked]
        assert all(any(kinds & bit for kinds in said) for bit in (CHROME, TITLE, LOGO, FOOTER, PAGER)), said
