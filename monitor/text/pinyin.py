"""Removing pinyin annotations: ``寶山區(qū)`` → ``寶山區``, real parentheses kept."""

from __future__ import annotations

import re

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# One syllable of toned pinyin after a Han character, in half- or full-width
# parentheses.  A tone mark is required: it is what tells ``(qū)`` from ``(PET)``
# or an abbreviation; lower-case only, because annotations are.
_ANNOTATION = re.compile(rf"(?<=[\u3400-\u9fff])[(（]([a-zü{_TONED}]{{0,5}}[{_TONED}][a-zü{_TONED}]{{0,5}})[)）]")


def strip_pinyin(text: str) -> tuple[str, int]:
    """Remove pinyin annotations after Han characters; return the text and how many went."""
    stripped, count = _ANNOTATION.subn("", text)
    return stripped, count


def has_pinyin(text: str) -> bool:
    """True if ``text`` still holds a pinyin annotation after a Han character."""
    return _ANNOTATION.search(text) is not None
