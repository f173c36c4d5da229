"""Traditional → Simplified conversion with OpenCC, and telling which script a text is in."""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

from monitor.text.article import Script

# A Simplified article can still carry a few characters t2s rewrites (variant forms,
# a quoted Traditional name); below this share of changed Han characters the source
# is recorded as Simplified.
_TRADITIONAL_SHARE = 0.01
_TRADITIONAL_MIN = 3
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    # Built once per process: every article goes through it.
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert text to Simplified Chinese with OpenCC's ``t2s`` configuration."""
    if not text:
        return text
    return str(_converter().convert(text))


def detect_script(original: str, simplified: str) -> Script:
    """Say whether ``original`` was Traditional, given its ``to_simplified`` form."""
    if original == simplified:
        return "simplified"  # the common case, decided without a character scan
    han = len(_HAN.findall(original))
    if han == 0:
        return "simplified"
    if len(original) == len(simplified):
        changed = sum(map(str.__ne__, original, simplified))
    else:
        # Phrase conversions changed the length: count characters t2s never emits.
        changed = len(set(original) - set(simplified))
    if changed >= _TRADITIONAL_MIN and changed >= han * _TRADITIONAL_SHARE:
        return "traditional"
    return "simplified"


def is_han(ch: str) -> bool:
    """True for a CJK unified ideograph (basic block and extension A)."""
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF
