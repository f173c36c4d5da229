"""Counting Han characters in UTF-8 bytes says what the regex of the Han range says."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.text.article_block import han_count

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
