"""Is a decoded page text at all?  Empty pages, binary bytes and bytes no codec reads.

Served as ``text/html``, random or binary bytes still decode (GB18030 reads
almost any byte sequence) and would clean into an "article" of replacement
and rare characters.  Real pages, in any codec signwatch reads, carry no
control characters and are made mostly of common characters; such bytes are
neither.  The verdict is a flag on the article, which the crawl turns into a
"not an article" outcome with its reason.
"""

from __future__ import annotations

import re

from monitor.text.article import CleanArticle
from monitor.text.common_chars import uncommon_count
from monitor.text.page_parts import TOO_DEEP

# The page was empty (or only whitespace).
EMPTY_PAGE = "empty-page"
# The page holds control characters no text has: binary data.
BINARY = "binary"
# The page decodes mostly into replacement or rare characters: no codec reads it.
UNDECODABLE = "undecodable"

# The verdict reads this much of the page: enough to judge, and cheap on a large one.
_SAMPLE_CHARS = 65_536
# Control characters (tab, newline, carriage return and form feed are text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Real pages have none; random bytes have one in ten.  A few stray ones are tolerated.
_MAX_CONTROL_SHARE = 0.01
_MIN_CONTROL = 8
# Chinese news is more than 95% common characters (level-1 GB2312, either script);
# text that decoded wrongly or not at all is mostly rare ones.
_MAX_UNCOMMON_SHARE = 0.5
_MIN_NON_ASCII = 200


def looks_like_text(text: str) -> str | None:
    """The flag (``BINARY`` or ``UNDECODABLE``) when a decoded page ``text`` is no text; else None."""
    sample = text[:_SAMPLE_CHARS]
    controls = len(_CONTROL.findall(sample))
    if controls >= max(_MIN_CONTROL, len(sample) * _MAX_CONTROL_SHARE):
        return BINARY
    non_ascii = len(_NON_ASCII.findall(sample))
    if non_ascii >= _MIN_NON_ASCII and uncommon_count(sample) > non_ascii * _MAX_UNCOMMON_SHARE:
        return UNDECODABLE
    return None


def not_an_article(article: CleanArticle) -> str | None:
    """Why a cleaned page is not an article to store (one line), or None when it is one."""
    flags = set(article.flags)
    if EMPTY_PAGE in flags:
        return "empty page"
    if BINARY in flags:
        return "not text: binary data (control characters)"
    if UNDECODABLE in flags:
        return "not text: undecodable (mostly replacement or rare characters)"
    if article.paragraphs:
        return None
    if TOO_DEEP in flags:
        return "too deeply nested (past 2048 levels): no text could be read"
    return "no article text"
