"""Which Han characters are common: the yardstick for mojibake and decoding guesses.

Mojibake produces rare characters (``毙旖ㄇ嗾``); real news text is made of the
3,755 level-1 characters of GB2312 nearly everywhere.  A Traditional character
counts as common when its Simplified form is.

Every page goes through these tests many times, so the common set is built once
into one regex character class: counting the uncommon characters of a text is
then a single C-level scan instead of a Python call per character.
"""

from __future__ import annotations

import re
from functools import lru_cache

from monitor.text.script import to_simplified

# Full-width punctuation and the symbols Chinese news uses between characters.
_COMMON_SYMBOLS = "，。、；：？！“”‘’（）《》〈〉【】—…·「」『』〔〕　％～ "
# Where Traditional characters whose Simplified form is level-1 can live (the BMP
# ideograph blocks); characters elsewhere are rare in any case.
_HAN_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def _level_one() -> frozenset[str]:
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # the few holes at the end of row 0xD7
    return frozenset(chars)


@lru_cache(maxsize=1)
def common_set() -> frozenset[str]:
    """Every non-ASCII character ``is_common`` accepts (level-1 Han in either script, symbols)."""
    level_one = _level_one()
    candidates = [chr(code) for low, high in _HAN_BLOCKS for code in range(low, high + 1)]
    candidates = [ch for ch in candidates if ch not in level_one]
    # One OpenCC call for all candidates: newlines keep each character its own phrase.
    simplified = to_simplified("\n".join(candidates)).split("\n")
    if len(simplified) != len(candidates):  # pragma: no cover - OpenCC keeps newlines
        simplified = [to_simplified(ch) for ch in candidates]
    traditional = {ch for ch, simple in zip(candidates, simplified, strict=True) if simple in level_one}
    return frozenset(level_one | traditional | set(_COMMON_SYMBOLS))


def _class_of(chars: frozenset[str]) -> str:
    """A regex character-class body matching exactly ``chars``, as code-point ranges."""
    codes = sorted(ord(ch) for ch in chars)
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in ranges
    )


@lru_cache(maxsize=1)
def uncommon_class() -> str:
    """A regex character class matching one character that is not common."""
    return f"[^\\x00-\\x7f{_class_of(common_set())}]"


@lru_cache(maxsize=1)
def _uncommon() -> re.Pattern[str]:
    return re.compile(uncommon_class())


def is_common(ch: str) -> bool:
    """True for ASCII, common punctuation and level-1 Han characters (either script)."""
    return ord(ch) < 0x80 or ch in common_set()


def uncommon_count(text: str) -> int:
    """How many characters of ``text`` are not common (see ``is_common``)."""
    return len(_uncommon().findall(text))


def has_uncommon(text: str) -> bool:
    """True if any character of ``text`` is not common: the cheap test before any repair."""
    return _uncommon().search(text) is not None
