"""Counting Han characters in UTF-8 bytes says what the regex of the Han range says; wide characters likewise."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from monitor.text.article_block import _wide_count, _wide_text_count, han_count
from monitor.text.block_lines import element_text

_HAN = re.compile(r"[\u4e00-\u9fff]")

# The range's edges and their neighbours (CJK Extension A below it, Yi above), full-width marks, a surrogate.
CASES = [
    ("", 0),
    ("肥西县招商引资项目集中签约。", 13),
    ("\u4dff\u4e00", 1),  # the last character before the range, the first in it
    ("\u9fff\ua000", 1),  # the last in the range, the first after it
    ("㐀䷿", 0),  # CJK Extension A: led by 0xE4 in UTF-8, as U+4E00-U+4FFF are
    ("一丁丂与为", 5),  # U+4E00-U+4E3A: led by 0xE4 too
    ("，。！？ABC abc 123", 0),
    ("\ud800中", 1),
]


def test_edges_of_the_range() -> None:
    for text, count in CASES:
        assert han_count(text) == count == len(_HAN.findall(text)), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0xA100) | st.characters(max_codepoint=0x7F)))
def test_any_text_counts_as_the_regex_counts(text: str) -> None:
    assert han_count(text) == len(_HAN.findall(text))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_unicode_text_counts_as_the_regex_counts(text: str) -> None:
    assert han_count(text) == len(_HAN.findall(text))


# A page's blocks with text of every width: ASCII, Latin-1 (two bytes), Han and full-width marks
# (three), an emoji (four), entities, and text only in children and tails.
_PAGE = (
    "<html><body><div id='a'>肥西县招商引资项目集中签约，总投资12亿元。<a href='/x'>更多 »</a>"
    "<p>Café · naïve © 2026 — <b>粗体</b>尾巴&nbsp;&#x1F600;</p></div>"
    "<ul><li>第一条</li><li><a href='/y'>链接<span>里</span></a>末尾</li></ul><div></div></body></html>"
)


def test_wide_count_of_an_element_is_that_of_its_text() -> None:
    # The count read from the UTF-8 serialisation equals the count of the text as a str, element by element.
    document = etree.fromstring(_PAGE, etree.HTMLParser())
    counts = [(_wide_text_count(el), _wide_count(element_text(el))) for el in document.iter(etree.Element)]
    assert all(ours == theirs for ours, theirs in counts), counts
    assert counts[0][0] == _wide_count(element_text(document)) > 30  # the whole page: Han, marks and the rest


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"))))
def test_wide_count_of_any_text_in_an_element(text: str) -> None:
    element = etree.Element("p")
    element.text = text
    etree.SubElement(element, "b").tail = text[::-1]
    assert _wide_text_count(element) == _wide_count(element_text(element))
