"""Ranking a few elements says what numbering every element of the page said, for every question cleaning asks."""

from __future__ import annotations

import itertools

import pytest
from lxml import etree

from monitor.text.page_order import PageOrder
from tests.text import cms_pages

# Small pages with the shapes that matter: a block at the end of the page, nested blocks, a comment
# right after the block, a heading right after it, an element removed from the page.
SMALL = [
    "<html><body><h1>标题</h1><div id='c'><p>正文一</p><p>正文二</p></div></body></html>",
    "<html><body><div><h2>栏目</h2><div id='c'><h1>标题</h1><p>正文</p></div><!-- 注释 --><h3>相关</h3></div>"
    "<footer><h2>页脚</h2></footer></body></html>",
    "<html><body><div id='c'><div><p>正文</p></div></div><h2>紧随其后</h2>"
    "<ul><li><h3>列表</h3></li></ul></body></html>",
    "<html><body><p>只有正文</p></body></html>",
]


def _cases() -> list[etree._Element]:
    roots = []
    themed = [
        cms_pages.zblog_default_article(),
        cms_pages.zblog_default_listing(),
        cms_pages.dedecms_article(),
        cms_pages.pbootcms_article(),
        cms_pages.wordpress_article(),
        cms_pages.wordpress_archive(),
        cms_pages.gov_listing(),
    ]
    for html in SMALL + themed:
        document = etree.fromstring(html.encode("utf-8"), etree.HTMLParser(encoding="utf-8"))
        body = document.find("body")
        roots.append(body if body is not None else document)
    return roots


def _agrees(root: etree._Element, content: etree._Element, elements: list[etree._Element]) -> None:
    full = {element: index for index, element in enumerate(root.iter())}
    start, end = full.get(content, 0), full.get(content, 0) + sum(1 for _ in content.iter())
    order = PageOrder(root, content, elements)
    for element in elements:
        assert (element in order) is (element in full)
        if element not in full:
            assert order.get(element) is None and order.get(element, -1) == -1
            continue
        here, ranked = full[element], order[element]
        assert (start < here <= end) is (order.start < ranked <= order.end)
        assert (here <= start) is (ranked <= order.start)
        assert (here > end) is (ranked > order.end)
    for one, other in itertools.combinations([element for element in elements if element in full], 2):
        assert (full[one] < full[other]) is (order[one] < order[other])


@pytest.mark.parametrize("root", _cases())
def test_ranks_agree_with_the_whole_numbering_for_every_block(root: etree._Element) -> None:
    everything = list(root.iter(etree.Element))
    headings = [element for element in everything if element.tag in ("h1", "h2", "h3", "li", "a", "p")]
    removed = root.find(".//footer")
    if removed is not None:
        removed.getparent().remove(removed)  # gone with the chrome: still held, no longer on the page
    on_page = set(root.iter())
    # The article block is always on the page: every element still there may be it.
    for content in [element for element in everything[:60] if element in on_page]:
        _agrees(root, content, headings)
