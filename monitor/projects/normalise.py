"""Name forms for matching across articles: one spelling whatever the script, width or legal form.

Two articles name one company ``上海医药集团股份有限公司`` and
``上海醫藥集團有限公司``, one project ``华晟（一期）项目`` and ``华晟(一期)项目``:
matching needs one form.  ``fold`` makes text Simplified (OpenCC ``t2s``, as
cleaning does), half-width (NFKC: ``（`` → ``(``, ``Ａ`` → ``A``), without
spaces or quotes; ``organisation`` then strips what varies in an
organisation's name (legal-form suffixes, a bracketed place, ``人民政府`` →
``政府``).  Both are cached: an article names the same organisation again and
again, and OpenCC is the costly step.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from monitor.text.script import to_simplified

# Quotes, spaces and dots between words carry no identity: “紫光”IC城 = 紫光IC城.
_NOISE = re.compile(r"[\s\"'“”‘’「」『』《》〈〉·・•]")
# A bracketed place or group marker inside a company name: 中交四航(武汉)供应链, 地质工程(集团)公司
_BRACKETED = re.compile(r"\([\u4e00-\u9fff]{1,8}\)")
# Legal forms, longest first; 集团 stays (上海医药集团 is how the group is known).
_LEGAL_FORM = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|股份公司|公司)$")
_GOVERNMENT = (("人民政府", "政府"), ("管理委员会", "管委会"))


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """``text`` Simplified, half-width, without spaces, quotes or middle dots."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = to_simplified(text)
    return _NOISE.sub("", text)


@lru_cache(maxsize=8192)
def organisation(name: str) -> str:
    """The matching form of an organisation's name.

    >>> organisation("上海医药集团股份有限公司")
    '上海医药集团'
    >>> organisation("中交四航（武汉）供应链管理有限公司")
    '中交四航供应链管理'
    >>> organisation("梁园区人民政府")
    '梁园区政府'
    """
    folded = fold(name)
    stripped = _BRACKETED.sub("", folded)
    stripped = _LEGAL_FORM.sub("", stripped) or stripped
    for long, short in _GOVERNMENT:
        stripped = stripped.replace(long, short)
    return stripped
