"""Money figures: find every amount of money in a text and read its value.

Forms: ``500亿元``, ``1.5万亿元``, ``六千万元``, ``三十亿元``, ``80.93亿元``,
``50-60亿元``, ``6000余万元``, ``数百亿元``, ``百亿级``, ``10亿美元``,
``1,200万元``, ``50 亿元`` (a space before the unit), and the forms with no
digit: ``上亿元``, ``超亿美元``, ``超万亿元``, ``亿元以上项目``.  A bare ``亿``
without ``元`` counts only where the amount ends the clause (``规模超千亿。``),
is a scale (``百亿级``), sizes what follows (``600亿产业园区``, ``2300多亿投资``,
``5亿以下项目``) or follows a word for money (``计划投资50亿建设``), because
``亿`` alone also counts people and tonnes; a bare ``万`` only as the size of
projects (``过3000万项目61个``).  Qualifiers before the
number (超, 过, 近, 约, 不低于 …) or after it (以上, 左右, 余, ``/月以上`` …) are
kept; the 约 of 签约 is no qualifier.  A project-size class
(``亿元以上项目18个``, ``过10亿元的项目6个``) is an amount with ``bracket``
set: it counts projects above a size.  An amount past ``MAX_AMOUNT`` is
too large to be real: it is no figure, and ``scan_amounts`` reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

from monitor.events.firstchars import FirstChars
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
# (a decimal point written 点 with digits after it: 一千五百六十六点七亿元, 二十一点九五亿美元)
_CHINESE = r"数?[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
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
# One space may stand between a number and its unit (总投资 50 亿元, 347,822,537.83 元),
# only where a unit follows it, so a space never ends up inside a figure's text otherwise.
_GAP = r"(?:[ \u3000\u00a0](?=[十百千万亿元美欧港日英人]))?"
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
    rf"(?P<low>{_NUMBER})(?P<low_more>余|多)?{_GAP}(?P<low_mag>{_MAGNITUDE})"
    rf"(?:元?\s*[-~～—–至到]\s*(?P<high>{_NUMBER})(?P<high_more>余|多)?{_GAP}(?P<high_mag>{_MAGNITUDE}))?"
    rf"(?P<more>余|多)?{_GAP}(?P<currency>{_CURRENCY})?(?P<scale>级)?"
)
# An amount begins with a digit, a Chinese numeral, 数 before a numeral or 上 before a magnitude
# (上亿): _AMOUNT opens with a group of alternatives, so the engine would try it in full at every
# character of the text; it is tried only at these (monitor.events.firstchars).  (上 is common:
# 以上, 上海, 会上; a fifth of the characters a news page starts an amount with are one.)
_AMOUNT_SCAN = FirstChars(
    _AMOUNT,
    r"[\d数零〇一二两三四五六七八九十百千上]"
    r"(?:(?<![数上])|(?<=数)(?=[零〇一二两三四五六七八九十百千])|(?<=上)(?=[十百千万亿]))",
)
# 亿 or 万亿 with no number before it: 超亿美元, 超万亿元, 近亿元, 亿元以上项目, 亿元项目.
# (上亿 is a number of its own, _REACHING; 20多亿, 数亿 and 百亿 have their numbers.)
_BARE = re.compile(
    # (a comma is a thousands separator only after a digit: 其中,亿元以上的项目156个 is a size)
    r"(?<![0-9零〇一二两三四五六七八九十百千万亿数几余多上. \u3000\u00a0])(?<!\d,)"
    rf"(?P<mag>万亿|亿)(?P<currency>{_CURRENCY})?(?P<scale>级)?"
)
# (_BARE opens with lookbehinds, which the engine tries at every position: tried at 万 and 亿 only)
_BARE_SCAN = FirstChars(_BARE, "[万亿]")
# After a bare 亿: what makes it an amount (a size class or a scale).
_BARE_SIZES = re.compile(r"(?:及以上|以上|的?[^,,。;;、\d个]{0,6}?项目|级)")
# A qualifier written right before the number (a space may follow it: 不低于 6 亿元).
# Searched in the few characters before the number, so the leftmost match is the longest word.
_BEFORE = re.compile(
    r"(?:将近|接近|不到|不足|不低于|不少于|不小于|不超过|超过|超出|突破|大约|约合|约为|高达|达到|共计|合计|总计|累计|"
    r"逾|超|近|约|达|共|计|过)[ \u3000]?$"
)
_BEFORE_WINDOW = 4
# Words that end in 约 or 过 without being a qualifier: 签约45亿元 is an exact
# signed amount, 通过5亿元 no "more than".
_NOT_QUALIFIER_BEFORE = {"约": "签合条公履预节制邀相特", "过": "通经度越不难错闯跨胜"}
# 以上 after the amount, possibly after a rate's unit (8000元/月以上).
_AFTER = re.compile(
    r"(?:[/／](?:月|年|天|日|人|次|台|亩|平方米)|每(?:月|年|人))?"
    r"(?P<word>及以上|以上|以下|左右|上下|之多|多(?![个项家次种位名条]))"
)
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
    "过": "more_than",
    "不低于": "more_than",
    "不少于": "more_than",
    "不小于": "more_than",
    "大约": "about",
    "约合": "about",
    "约为": "about",
    "约": "about",
}
_AFTER_MEANING: dict[str, Qualifier] = {
    "以上": "more_than",
    "及以上": "more_than",
    "之多": "more_than",
    "多": "more_than",
    "以下": "nearly",
    "左右": "about",
    "上下": "about",
}
# The patterns after an amount are matched at its end with ``pattern.match(text, pos)``
# (no ``^``: it would not anchor there), so no copy of the rest of the text is made.
# A bare 亿 (no currency) must end its clause: 超千亿。 but not 10亿人次 ...
_CLAUSE_END = re.compile(r"(?:$|[,,。;;、!!??)）”\"\s]|的)")
# ... or size what follows it: 600亿产业园区, 2300多亿投资, 千亿俱乐部, 亿以上项目.
_SIZED_AFTER = re.compile(r"(?:项目|投资|资金|产业|俱乐部|规模|园区|工程|基金|以上|以下|左右)")
# ... or follow a word for money: 计划投资50亿建设…, 总投资约30亿打造…
_MONEY_BEFORE = re.compile(r"(?:投资|投入|引资|金额|总额|资金)额?(?:约|达|超过?|近|为|共|计)?$")
_MONEY_BEFORE_WINDOW = 6
# A sum in 万 with no currency sizes projects (过3000万项目61个, 500万以上项目): 万 alone counts
# people and things too (3000万人次), so only before a project noun.
_WAN_SIZES = re.compile(r"(?:以上|以下)?的?(?:重大|大|产业|工业|外资)?项目")
# Right after an amount: the amount counted something else (人, 吨, 平方米 …),
# or 元 was part of a word (三元锂电池, 三元前驱体: a battery chemistry).
_NOT_MONEY_AFTER = re.compile(
    r"(?:人|名|吨|平方|千瓦|度|户|次|股|辆|台|套|件|亩|只|头|家|倍|锂|前驱|正极|材料|电池|催化)"
)
# A Chinese numeral under ten with 元 and nothing else (三元, 二元) is a word, not money.
_SMALL_CHINESE = frozenset("零〇一二两三四五六七八九")

# Project-size classes (brackets): the amount counts projects above a size.
# After ``X亿元以上``: a project noun it classifies (10亿元以上项目, 百亿元以上的重大项目),
# a policy's threshold (投资1000万元以上的,按…) or a count (30亿元及以上66个).
_SIZE_CLASS = re.compile(r"(?:[(（]含[)）])?的?[^,,。;;、\d个]{0,6}?(?:项目|企业)")
_THRESHOLD = re.compile(
    r"(?:[(（]含[)）])?的[,,]|(?:的)?(?:有|达|共)?(?:\d+|[一二两三四五六七八九十百千]+)(?:个|项|家)"
)
# After ``超/过 X亿元``: the count of the projects above it (超10亿元的项目有7个, 过百亿元的有4个).
_COUNT_AFTER = re.compile(
    r"的?(?:[^,,。;;、\d个]{0,8}?(?:项目|企业)(?:共有|达到|有|达|共|为)?|有|共有)"
    r"(?:\d+|[一二两三四五六七八九十百千]+)(?:个|项|家)"
)
# A project noun right after the amount: 亿元项目15个, 100亿级项目1个, 50-100亿元项目1个.
_PROJECT_AFTER = re.compile(r"的?(?:重大|大|产业|工业|外资)?项目")
# A count of projects right before ``投资过5000万元的项目`` (签约8个投资过5000万元的项目).
_COUNT_BEFORE = re.compile(r"(?:\d+|[一二两三四五六七八九十百]+)个[^,,。;;\d个]{0,4}$")
# Each project's amount (每个项目…均超亿元, 26个项目投资额均超过5000万元): a size class too.
_EACH = re.compile(r"每个|单个|个项目")
_CLAUSE_OPEN = re.compile(r"[,,;;。\n][^,,;;。\n]*$")


@dataclass(frozen=True)
class Amount:
    """A money amount located in a text (before its kind is read).

    ``bracket`` marks a project-size class (``亿元以上项目18个``): its value is
    the size's lower bound, and it is never an event's amount.
    """

    text: str
    value: int | float
    maximum: int | float | None
    currency: str
    qualifier: Qualifier
    start: int
    end: int
    bracket: bool = False


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
    """Every money amount in ``text``, in order, with value, range, qualifier and bracket flag."""
    return scan_amounts(text).amounts


def scan_amounts(text: str) -> AmountScan:
    """Every money amount in ``text`` (as ``find_amounts``), and the amounts past ``MAX_AMOUNT`` apart."""
    found: list[Amount] = []
    oversized: list[str] = []
    for match in _AMOUNT_SCAN.finditer(text):
        if match.group("currency") is None and "亿" not in (whole := match.group()) and "万" not in whole:
            continue  # a year, a count, a lone numeral (一): no money without a currency, 亿 or 万 (_read)
        amount = _read(text, match)
        if amount == TOO_LARGE:
            quoted = match.group()
            oversized.append(quoted if len(quoted) <= _QUOTE_CHARS else quoted[: _QUOTE_CHARS - 1] + "…")
        elif isinstance(amount, Amount):
            found.append(amount)
    bare = [amount for match in _BARE_SCAN.finditer(text) if (amount := _read_bare(text, match)) is not None]
    if bare:
        found = sorted(found + bare, key=lambda amount: amount.start)
    return AmountScan(found, oversized)


def _read(text: str, match: re.Match[str]) -> Amount | Literal["too-large"] | None:
    low, high = match.group("low"), match.group("high")
    low_mag, high_mag = match.group("low_mag"), match.group("high_mag") or ""
    currency, scale = match.group("currency"), match.group("scale")
    after = match.end()
    magnitudes = low_mag + high_mag
    if currency is None:
        # without a currency only 亿 amounts count, as a scale, ending the clause, sizing what
        # follows or after a word for money; a 万 amount only as the size of projects
        if "亿" not in magnitudes + low:
            if "万" not in magnitudes or not _WAN_SIZES.match(text, after):
                return None
        elif (
            not scale
            and not _CLAUSE_END.match(text, after)
            and not _SIZED_AFTER.match(text, after)
            and not _MONEY_BEFORE.search(text, max(0, match.start() - _MONEY_BEFORE_WINDOW), match.start())
        ):
            return None
    elif _NOT_MONEY_AFTER.match(text, after):
        return None
    elif currency == "元" and not magnitudes and high is None and low in _SMALL_CHINESE:
        return None  # 三元, 二元: a word (三元锂电池), not a sum of money
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
    qualifier: Qualifier = "exact"
    if several:
        qualifier = "about"
    if (scale and high is None) or match.group("low_more") or match.group("more") or low == "上":
        qualifier = "more_than"  # 百亿级: a hundred 亿 and up; 6000余万元, 上亿元
    # No written digit (上亿元, 百亿元, 千亿元): a size, as 亿元项目 is; with no currency
    # it is a scale word (千亿俱乐部, 五大千亿产业集群): a thousand 亿 and up.
    sized = low == "上" or (low[:1] in "十百千" and not magnitudes.strip("万亿"))
    if sized and currency is None and high is None:
        qualifier = "more_than"
    return _finish(text, match.start(), after, value, maximum, currency, qualifier, sized or bool(scale))


def _read_bare(text: str, match: re.Match[str]) -> Amount | None:
    """An amount of 亿 or 万亿 with no number (超亿美元, 超万亿元, 亿元以上项目), or None."""
    start, after = match.start(), match.end()
    currency = match.group("currency")
    if currency is not None and _NOT_MONEY_AFTER.match(text, after):
        return None
    qualified = _BEFORE.search(text, max(0, start - _BEFORE_WINDOW), start)
    if qualified is not None and _meaning(text, qualified) != "more_than" and _meaning(text, qualified) != "nearly":
        qualified = None  # 约亿元, 达亿元: not a form news writes
    if qualified is not None:
        if currency is None and not _CLAUSE_END.match(text, after) and not _SIZED_AFTER.match(text, after):
            return None  # 超亿人次
    elif not match.group("scale") and not _BARE_SIZES.match(text, after):
        return None  # a bare 亿元 is an amount only as a size (亿元以上, 亿元项目) or a scale (亿元级)
    value = Decimal(10) ** (12 if match.group("mag") == "万亿" else 8)
    scale: Qualifier = "more_than" if match.group("scale") else "exact"  # 万亿级: a 万亿 and up
    return _finish(text, start, after, value, None, currency, scale, True)


def _meaning(text: str, before: re.Match[str]) -> Qualifier | None:
    """What a word before an amount means; None when it is no qualifier (签约, 通过)."""
    word = before.group().rstrip(" \u3000")
    blocked = _NOT_QUALIFIER_BEFORE.get(word[0], "")
    if blocked and before.start() > 0 and text[before.start() - 1] in blocked:
        return None
    return _BEFORE_MEANING.get(word, "exact")


def _finish(
    text: str,
    start: int,
    end: int,
    value: Decimal,
    maximum: Decimal | None,
    currency: str | None,
    qualifier: Qualifier,
    sized: bool,
) -> Amount:
    """The amount with the qualifiers written around it and whether it is a size bracket.

    ``sized``: the amount has no written digit (亿元, 上亿元, 百亿元) or is a scale
    (100亿级), so a project noun right after it makes it a size class.
    """
    before = _BEFORE.search(text, max(0, start - _BEFORE_WINDOW), start)
    before_meaning = _meaning(text, before) if before else None
    if before is not None and before_meaning is not None:
        if before.group().rstrip(" \u3000") in _BEFORE_MEANING:
            qualifier = _BEFORE_MEANING[before.group().rstrip(" \u3000")]
        start = before.start()  # 达, 共, 计 …: exact, but part of the text as written
    bracket = False
    trailing = _AFTER.match(text, end)
    if trailing:
        word = trailing.group("word")
        qualifier = _AFTER_MEANING[word]
        end = trailing.end()
        if word in ("以上", "及以上", "以下") and (_SIZE_CLASS.match(text, end) or _THRESHOLD.match(text, end)):
            bracket = True  # 10亿元以上项目3个, 1000万元以上的,按…, 30亿元及以上66个, 5亿以下项目18个
    if not bracket and sized and _PROJECT_AFTER.match(text, end):
        bracket = True  # 亿元项目15个, 上亿元项目20个, 100亿级项目1个
    if not bracket and maximum is not None and _PROJECT_AFTER.match(text, end) and _COUNT_AFTER.match(text, end):
        bracket = True  # 50-100亿元项目1个
    if not bracket and before_meaning == "more_than":
        bracket = _qualified_bracket(text, start, end)
    if bracket and maximum is None and not (trailing and trailing.group("word") == "以下"):
        qualifier = "more_than"  # a size class is a lower bound (亿元项目: one 亿 and up), 以下 an upper one
    return Amount(
        text=text[start:end],
        value=plain(value),
        maximum=plain(maximum) if maximum is not None else None,
        currency=_CURRENCIES[currency] if currency else "CNY",
        qualifier=qualifier,
        start=start,
        end=end,
        bracket=bracket,
    )


def _qualified_bracket(text: str, start: int, end: int) -> bool:
    """Whether ``超/过 X亿元`` at ``text[start:end]`` is a size class rather than an amount.

    It is when projects above it are counted (超10亿元的项目有7个, 过百亿元的有4个,
    签约8个投资过5000万元的项目) or each project's amount is meant (每个项目…均超亿元).
    """
    if _COUNT_AFTER.match(text, end):
        return True
    if _SIZE_CLASS.match(text, end) and _COUNT_BEFORE.search(text, max(0, start - 12), start):
        return True
    if start > 0 and text[start - 1] == "均":
        opening = _CLAUSE_OPEN.search(text, max(0, start - 30), start)
        clause = text[opening.start() if opening else max(0, start - 30) : start]
        return bool(_EACH.search(clause))
    return False
