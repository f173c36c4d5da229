"""Money figures: find every amount of money in a text and read its value.

Forms: ``500亿元``, ``1.5万亿元``, ``六千万元``, ``三十亿元``, ``80.93亿元``,
``50-60亿元``, ``6000余万元``, ``数百亿元``, ``百亿级``, ``10亿美元``,
``1,200万元``.  A bare ``亿`` without ``元`` counts only where the amount ends
the clause (``规模超千亿。``) or is a scale (``百亿级``), because ``亿`` alone
also counts people and tonnes.  Qualifiers before the number (超, 近, 约 …)
or after it (以上, 左右, 余 …) are kept.  An amount past ``MAX_AMOUNT`` is
too large to be real: it is no figure, and ``scan_amounts`` reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

from monitor.events.model import Qualifier
from monitor.events.numerals import MAX_NUMBER, SEVERAL_HIGH, SEVERAL_LOW, TOO_LARGE, plain, read_number

# The largest amount that is a figure, in units of its currency: the largest
# number read at all (see ``numerals.MAX_NUMBER``: 10^16, about 75 times
# China's yearly GDP in yuan).  The store keeps figures as doubles, which hold it.
MAX_AMOUNT: Final = MAX_NUMBER
# The flag of an extraction that met an amount past MAX_AMOUNT.
AMOUNT_TOO_LARGE: Final = "amount-too-large"
# How much of an oversized amount's text a report quotes (it may be a megabyte of digits).
_QUOTE_CHARS = 40

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CHINESE = r"数?[零〇一二两三四五六七八九十百千]+"
_MAGNITUDE = r"[十百千万亿]*"
# 一亿五千万, 1亿5000万: a number with its own big unit, then the rest of it
# (the unit must be followed by a digit, or 5亿 would swallow the magnitude).
# The compound part comes after the first digits so the pattern still opens
# with a digit, which keeps the regex engine's fast scan for a first character.
_SIMPLE = rf"(?:{_ARABIC}|{_CHINESE})"
_COMPOUND = rf"(?:[亿万](?=[0-9零〇一二两三四五六七八九]){_SIMPLE})?"
# 上亿, 上千万, 上百亿: "reaching a hundred million", a lower bound with no digit
# (``_read`` drops it after 会/线/网/场/以, where 上 ends another word: 会上, 线上)
_REACHING = r"上(?=[十百千万亿])"
_NUMBER = rf"(?:{_SIMPLE}{_COMPOUND}|{_REACHING})"
_CURRENCIES = {
    "美元": "USD",
    "美金": "USD",
    "欧元": "EUR",
    "港元": "HKD",
    "港币": "HKD",
    "日元": "JPY",
    "英镑": "GBP",
    "人民币": "CNY",
    "元人民币": "CNY",
    "元": "CNY",
}
_CURRENCY = "|".join(sorted(_CURRENCIES, key=len, reverse=True))

_AMOUNT = re.compile(
    rf"(?P<low>{_NUMBER})(?P<low_more>余|多)?(?P<low_mag>{_MAGNITUDE})"
    rf"(?:元?\s*[-~～—–至到]\s*(?P<high>{_NUMBER})(?P<high_more>余|多)?(?P<high_mag>{_MAGNITUDE}))?"
    rf"(?P<more>余|多)?(?P<currency>{_CURRENCY})?(?P<scale>级)?"
)
# A qualifier written right before the number; longest first.
_BEFORE = re.compile(
    r"(?:将近|接近|不到|不足|超过|超出|突破|大约|约合|约为|高达|达到|共计|合计|总计|累计|"
    r"逾|超|近|约|达|共|计)$"
)
_AFTER = re.compile(r"(?:以上|以下|左右|上下|之多|多)")
_BEFORE_MEANING: dict[str, Qualifier] = {
    "将近": "nearly",
    "接近": "nearly",
    "不到": "nearly",
    "不足": "nearly",
    "近": "nearly",
    "超过": "more_than",
    "超出": "more_than",
    "突破": "more_than",
    "逾": "more_than",
    "超": "more_than",
    "大约": "about",
    "约合": "about",
    "约为": "about",
    "约": "about",
}
_AFTER_MEANING: dict[str, Qualifier] = {
    "以上": "more_than",
    "之多": "more_than",
    "多": "more_than",
    "以下": "nearly",
    "左右": "about",
    "上下": "about",
}
# The patterns after an amount are matched at its end with ``pattern.match(text, pos)``
# (no ``^``: it would not anchor there), so no copy of the rest of the text is made.
# A bare 亿 (no currency) must end its clause: 超千亿。 but not 10亿人次.
_CLAUSE_END = re.compile(r"(?:$|[,,。;;、!!??)）”\"\s]|的)")
# Right after an amount: the amount counted something else (人, 吨, 平方米 …).
_NOT_MONEY_AFTER = re.compile(r"(?:人|名|吨|平方|千瓦|度|户|次|股|辆|台|套|件|亩|只|头|家|倍)")

# After ``X亿元以上``: a project noun it classifies (10亿元以上项目, 百亿元以上的重大项目).
_SIZE_CLASS = re.compile(r"的?[^,,。;;、\d]{0,6}?(?:项目|企业)")


@dataclass(frozen=True)
class Amount:
    """A money amount located in a text (before its investment reading)."""

    text: str
    value: int | float
    maximum: int | float | None
    currency: str
    qualifier: Qualifier
    start: int
    end: int


@dataclass(frozen=True)
class AmountScan:
    """The amounts of a text, and the texts of those too large to be real (quoted short)."""

    amounts: list[Amount]
    oversized: list[str]


def _magnitude(number: str, magnitude: str, several: int) -> Decimal | Literal["too-large"] | None:
    if number == "上":
        number = "一" if magnitude[:1] in ("万", "亿") else ""  # 上亿 → 一亿, 上百亿 → 百亿
    return read_number(number + magnitude, several)


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in ``text``, in order, with value, range and qualifier."""
    return scan_amounts(text).amounts


def scan_amounts(text: str) -> AmountScan:
    """Every money amount in ``text`` (as ``find_amounts``), and the amounts past ``MAX_AMOUNT`` apart."""
    found: list[Amount] = []
    oversized: list[str] = []
    for match in _AMOUNT.finditer(text):
        amount = _read(text, match)
        if amount == TOO_LARGE:
            quoted = match.group()
            oversized.append(quoted if len(quoted) <= _QUOTE_CHARS else quoted[: _QUOTE_CHARS - 1] + "…")
        elif isinstance(amount, Amount):
            found.append(amount)
    return AmountScan(found, oversized)


def _read(text: str, match: re.Match[str]) -> Amount | Literal["too-large"] | None:
    low, high = match.group("low"), match.group("high")
    low_mag, high_mag = match.group("low_mag"), match.group("high_mag") or ""
    currency, scale = match.group("currency"), match.group("scale")
    after = match.end()
    magnitudes = low_mag + high_mag
    if currency is None:
        # without a currency only 亿 amounts count, as a scale or ending the clause
        if "亿" not in magnitudes + low:
            return None
        if not scale and not _CLAUSE_END.match(text, after):
            return None
    elif _NOT_MONEY_AFTER.match(text, after):
        return None
    if high is not None and not high_mag:
        # 50-60亿元: the magnitude written once applies to both ends
        high_mag = low_mag
    if high is not None and not low_mag:
        low_mag = high_mag
    if low == "上" and match.start() > 0 and text[match.start() - 1] in "会线网场以之":
        return None  # 会上, 线上, 以上 …: 上 ends another word
    several = "数" in low
    value = _magnitude(low, low_mag, SEVERAL_LOW)
    if value == TOO_LARGE:
        return TOO_LARGE
    if not isinstance(value, Decimal) or value <= 0:
        return None
    maximum: Decimal | Literal["too-large"] | None = None
    if high is not None:
        maximum = _magnitude(high, high_mag, SEVERAL_HIGH)
    elif several:
        maximum = _magnitude(low, low_mag, SEVERAL_HIGH)
    if maximum == TOO_LARGE:
        return TOO_LARGE
    if high is not None and maximum is None:
        return None
    start, end = match.start(), match.end()
    qualifier: Qualifier = "exact"
    if several or scale:
        qualifier = "about"
    if match.group("low_more") or match.group("more") or low == "上":
        qualifier = "more_than"
    before = _BEFORE.search(text, max(0, start - 2), start)
    if before and before.group() in _BEFORE_MEANING:
        qualifier = _BEFORE_MEANING[before.group()]
        start = before.start()
    elif before:
        start = before.start()  # 达, 共, 计 …: exact, but part of the text as written
    trailing = _AFTER.match(text, after)
    if trailing:
        if trailing.group() == "以上" and _SIZE_CLASS.match(text, trailing.end()):
            return None  # 10亿元以上项目3个: a class of project size, not an amount
        qualifier = _AFTER_MEANING[trailing.group()]
        end = trailing.end()
    return Amount(
        text=text[start:end],
        value=plain(value),
        maximum=plain(maximum) if isinstance(maximum, Decimal) else None,
        currency=_CURRENCIES[currency] if currency else "CNY",
        qualifier=qualifier,
        start=start,
        end=end,
    )
