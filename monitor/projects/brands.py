"""What two reports of one project share when their names differ: the investor's brand, the bare name, the capacity.

A signing and the stage reports after it rarely name a project alike: the
signing says ``年产20万吨锂电池负极材料一体化基地项目`` with the investor
``上海杉杉锂电材料科技有限公司``, the groundbreaking ``杉杉科技眉山20万吨锂电池负极
材料一体化基地``; the investor itself is written as a subsidiary, its group
or its brand (``恩捷股份``, ``江苏恩捷新材料科技有限公司``).  An analyst matches
them by the brand (``杉杉``, ``恩捷``), the name less its place, brand and
``年产`` wording, and the capacity (``20万吨`` is not ``4万吨``).  These are the
pure helpers ``monitor.store.project_filing`` links with.
"""

from __future__ import annotations

import re
from functools import lru_cache

from monitor.events.places import gazetteer
from monitor.projects import industries
from monitor.projects.normalise import fold, organisation

# Shortest brand: two characters (恩捷, 伊利, 杉杉).
_BRAND = 2
# Words a company's name may open with that are no brand of its own.
_NOT_BRAND_OPENING = re.compile(r"^(?:中国|我国|全国|国家|国内|全球)")
# A capacity with its unit: 24gw, 10gwh, 2.5万吨, 1800吨, 12英寸, 第6代 (a panel line's generation).
_CAPACITY = re.compile(
    r"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>gwh|gw|mwh|mw|吉瓦时|吉瓦|万吨|吨|万片|片|英寸|吋|寸|万辆|辆|代)"
)
# A brand in Latin letters is the whole run (tcl of TCL中环).
_LATIN_HEAD = re.compile(r"^[a-z]{2,}")
_UNIT = {"吉瓦时": "gwh", "吉瓦": "gw", "吋": "英寸", "寸": "英寸"}
# How a capacity is introduced, and a stock code in brackets: no part of the name's identity.
_CAPACITY_WORD = re.compile(r"^(?:年产能?|日产|年处理|新增|年加工)")
_STOCK_CODE = re.compile(r"\(\d{6}\)")


@lru_cache(maxsize=8192)
def without_places(text: str) -> str:
    """``text`` (folded) less the places it opens with (江苏恩捷新材料 → 恩捷新材料), keeping two characters."""
    rest = text
    while True:
        mentions = gazetteer().mentions(rest, 0, min(len(rest), 12))
        first = mentions[0] if mentions else None
        if first is None or first.start != 0 or len(rest) - first.end < _BRAND:
            return rest
        rest = rest[first.end :]
        rest = rest.removeprefix("市").removeprefix("省")


@lru_cache(maxsize=8192)
def brand(investor: str) -> str | None:
    """An organisation's brand: the first two characters of its matching form less the places it opens with
    (``内蒙古伊利实业集团股份有限公司`` → ``伊利``, ``厦门天马显示科技有限公司`` → ``天马``); None when too short."""
    name = _NOT_BRAND_OPENING.sub("", without_places(organisation(investor).lower()))
    latin = _LATIN_HEAD.match(name)
    head = latin.group() if latin else name[:_BRAND]
    if len(head) < _BRAND or any(ch.isdigit() for ch in head) or industries.find_words(head):
        return None  # 上海医药集团: 医药 is a trade, not a brand
    return head


def same_brand(a: str, b: str) -> bool:
    """Whether two organisations' names share a brand: the brand of one written in the other
    (``恩捷股份`` and ``江苏恩捷新材料科技``; ``蒙牛`` in a name read with words before it)."""
    brand_a, brand_b = brand(a), brand(b)
    folded_a, folded_b = organisation(a).lower(), organisation(b).lower()
    return (brand_a is not None and brand_a in folded_b) or (brand_b is not None and brand_b in folded_a)


def opens_with_brand(key: str, investor: str) -> bool:
    """Whether a project's key, less the places it opens with, opens with the investor's brand
    (``广信区晶科24gw光伏组件一期`` with ``晶科能源``)."""
    mark = brand(investor)
    return mark is not None and without_places(key).startswith(mark)


@lru_cache(maxsize=16384)
def bare(key: str, investors: tuple[str, ...] = ()) -> str:
    """A key less the places it opens with, an investor's name or brand written in front, the words that
    introduce a capacity and a stock code (``tcl中环年产35gw高纯…`` with ``TCL中环新能源科技`` → ``35gw高纯…``)."""
    rest = _STOCK_CODE.sub("", without_places(key))
    for investor in investors:
        name = without_places(organisation(investor).lower())
        common = 0
        while common < min(len(name), len(rest)) and name[common] == rest[common]:
            common += 1
        if common >= _BRAND and len(rest) - common >= _BRAND:
            rest = without_places(rest[common:])
            break
    return _CAPACITY_WORD.sub("", rest) or rest


@lru_cache(maxsize=16384)
def capacities(key: str) -> frozenset[tuple[str, float]]:
    """The capacities a key states, as (unit, value): ``24gw光伏组件`` → {("gw", 24.0)}."""
    found = set()
    for match in _CAPACITY.finditer(fold(key).lower()):
        unit = match.group("unit")
        found.add((_UNIT.get(unit, unit), float(match.group("value"))))
    return frozenset(found)


def capacities_differ(a: str, b: str) -> bool:
    """Whether two keys state a capacity in one unit and no value of it agrees (``8gw`` and ``24gw``,
    ``第6代`` and ``第8.6代``): two plants, however alike the rest."""
    ours, theirs = capacities(a), capacities(b)
    for unit in {u for u, _ in ours} & {u for u, _ in theirs}:
        if not {v for u, v in ours if u == unit} & {v for u, v in theirs if u == unit}:
            return True
    return False
