"""Numbers as Chinese news writes them: 80.93, 1,200, 六千, 三十, 数百, 1.5万亿, 一千五百六十六点七亿."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Final, Literal

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}

# "数" (several) stands for a digit from two to nine: the low and high ends.
SEVERAL_LOW = 2
SEVERAL_HIGH = 9

# The largest number read: 10^16 (一亿亿).  Nothing Chinese news counts comes
# near it: China's yearly GDP is about 1.3 x 10^14 yuan (130万亿元), the largest
# investment plans a few 万亿 (10^12 - 10^13).  A number past it is a typo, a
# phone or ID number run together, or garbage (a page of a million digits), and
# reading it would overflow the decimal context or the database's columns.
# Below it a double holds every whole number up to 2^53 (about 9 x 10^15) exactly.
MAX_NUMBER: Final = Decimal(10) ** 16
# What ``read_number`` gives for a number past MAX_NUMBER.
TOO_LARGE: Final = "too-large"
# More digits than this before the point are past MAX_NUMBER whatever follows.
_MAX_DIGITS = 17
# An Arabic literal: digits with their points and thousands separators.
_LITERAL = re.compile(r"[0-9][0-9.,,]*")


def parse_number(text: str, several: int = SEVERAL_LOW) -> Decimal | None:
    """Parse an Arabic or Chinese number, with 十/百/千/万/亿 multipliers.

    ``"80.93亿"`` → 8093000000, ``"六千万"`` → 60000000, ``"1.5万亿"`` →
    1500000000000, ``"1,200万"`` → 12000000.  ``数`` counts as ``several``.
    Returns None when the text is not a number, or a number past ``MAX_NUMBER``.
    """
    value = read_number(text, several)
    return value if isinstance(value, Decimal) else None


def read_number(text: str, several: int = SEVERAL_LOW) -> Decimal | Literal["too-large"] | None:
    """As ``parse_number``, but a number past ``MAX_NUMBER`` is ``TOO_LARGE`` (never an exception)."""
    if not text:
        return None
    total = Decimal(0)  # sum of completed 亿 blocks
    section = Decimal(0)  # sum of completed 万 blocks below 亿
    small = Decimal(0)  # sum of 十/百/千 groups below 万
    digit: Decimal | None = None
    i = 0
    seen = False
    while i < len(text):
        ch = text[i]
        if ch.isdigit() and ch.isascii():
            literal_match = _LITERAL.match(text, i)
            assert literal_match is not None  # ch is a digit, so it matches
            j = literal_match.end()
            literal = text[i:j].replace(",", "").replace(",", "").rstrip(".")
            if len(literal.partition(".")[0].lstrip("0")) > _MAX_DIGITS:
                return TOO_LARGE
            try:
                digit = Decimal(literal)
            except InvalidOperation:
                return None
            seen = True
            i = j
            continue
        if ch == "点" and seen:
            # 一千五百六十六点七亿: a decimal point in Chinese numerals, the digits after it one by one
            j = i + 1
            while j < len(text) and text[j] in _DIGITS and text[j] != "两":
                j += 1
            if j == i + 1:
                return None
            fraction = Decimal("0." + "".join(str(_DIGITS[c]) for c in text[i + 1 : j]))
            digit = (digit or Decimal(0)) + fraction
            i = j
            continue
        if ch in _DIGITS:
            digit = Decimal(_DIGITS[ch])
            seen = True
        elif ch == "数":
            digit = Decimal(several)
            seen = True
        elif ch in _SMALL_UNITS:
            small += (digit if digit is not None else Decimal(1)) * _SMALL_UNITS[ch]
            digit = None
            seen = True
        elif ch == "万":
            if not seen:
                return None
            section += (small + (digit or 0)) * _BIG_UNITS["万"]
            small, digit = Decimal(0), None
        elif ch == "亿":
            if not seen:
                return None
            total = (total + section + small + (digit or 0)) * _BIG_UNITS["亿"]
            section, small, digit = Decimal(0), Decimal(0), None
        else:
            return None
        # Checked at every step, so no product ever grows past the decimal context (亿亿亿…).
        if total > MAX_NUMBER or section > MAX_NUMBER or small > MAX_NUMBER:
            return TOO_LARGE
        i += 1
    if not seen:
        return None
    value = total + section + small + (digit or 0)
    return TOO_LARGE if value > MAX_NUMBER else value


def plain(value: Decimal) -> int | float:
    """A Decimal as a plain JSON number: an int when whole, else a float."""
    return int(value) if value == value.to_integral_value() else float(value)
