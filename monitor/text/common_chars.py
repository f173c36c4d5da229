"""Which Han characters are common: the yardstick for mojibake and decoding guesses.

Mojibake produces rare characters (``毙旖ㄇ嗾``); real news text is made of the
3,755 level-1 characters of GB2312 nearly everywhere.  A Traditional character
counts as common when its Simplified form is.
"""

from __future__ import annotations

from functools import lru_cache

from monitor.text.script import to_simplified


@lru_cache(maxsize=1)
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
def _common_symbols() -> frozenset[str]:
    # Full-width punctuation and the symbols Chinese news uses between characters.
    return frozenset("，。、；：？！“”‘’（）《》〈〉【】—…·「」『』〔〕　％～ ")


def is_common(ch: str) -> bool:
    """True for ASCII, common punctuation and level-1 Han characters (either script)."""
    if ord(ch) < 0x80 or ch in _common_symbols():
        return True
    level_one = _level_one()
    if ch in level_one:
        return True
    simplified = to_simplified(ch)
    return len(simplified) == 1 and simplified in level_one


def uncommon_count(text: str) -> int:
    """How many characters of ``text`` are not common (see ``is_common``)."""
    return sum(1 for ch in text if not is_common(ch))
