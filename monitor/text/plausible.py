"""Is a decoded page text at all?  Empty pages, binary bytes and bytes no codec reads.

Served as ``text/html``, random or binary bytes still decode (GB18030 reads
almost any byte sequence) and would clean into an "article" of replacement
and rare characters.  Real pages, in any codec signwatch reads, carry no
control characters and are made mostly of common characters; such bytes are
neither.  The verdict is a flag on the article, which the crawl turns into a
"not an article" outcome with its reason (``not_an_article``), as it does for
a page ``page_kind`` found to be a listing (``listing-page``).
"""

from __future__ import annotations

from monitor.text.article import CleanArticle
from monitor.text.common_chars import uncommon_count
from monitor.text.page_kind import LISTING_PAGE
from monitor.text.page_parts import TOO_DEEP

# The page was empty (or only whitespace).
EMPTY_PAGE = "empty-page"
# The page holds control characters no text has: binary data.
BINARY = "binary"
# The page decodes mostly into replacement or rare characters: no codec reads it.
UNDECODABLE = "undecodable"

# The verdict reads three pieces of this many characters (start, middle, end):
# enough to judge, and a few per cent of cleaning's time on a large page.
_PIECE_CHARS = 4096
# Control characters (tab, newline, carriage return and form feed are text), as UTF-8 bytes.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
# Every byte but those that start a non-ASCII character in UTF-8: what is left counts them.
_NOT_LEAD_BYTES = bytes(range(0x00, 0xC0))
# Real pages have none; random bytes have one in ten.  A few stray ones are tolerated.
_MAX_CONTROL_SHARE = 0.01
_MIN_CONTROL = 8
# Chinese news is more than 95% common characters (level-1 GB2312, either script);
# text that decoded wrongly or not at all is mostly rare ones.
_MAX_UNCOMMON_SHARE = 0.5
_MIN_NON_ASCII = 200


def looks_like_text(text: str) -> str | None:
    """The flag (``BINARY`` or ``UNDECODABLE``) when a decoded page ``text`` is no text; else None."""
    sample = _sample(text)
    # Counted over the UTF-8 bytes: deleting bytes is one C call, a regex over the text ten times slower.
    data = sample.encode("utf-8", "surrogatepass")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls >= max(_MIN_CONTROL, len(sample) * _MAX_CONTROL_SHARE):
        return BINARY
    non_ascii = len(data.translate(None, _NOT_LEAD_BYTES))
    if non_ascii >= _MIN_NON_ASCII and uncommon_count(sample) > non_ascii * _MAX_UNCOMMON_SHARE:
        return UNDECODABLE
    return None


def _sample(text: str) -> str:
    if len(text) <= 3 * _PIECE_CHARS:
        return text
    middle = (len(text) - _PIECE_CHARS) // 2
    return text[:_PIECE_CHARS] + text[middle : middle + _PIECE_CHARS] + text[-_PIECE_CHARS:]


def not_an_article(article: CleanArticle) -> str | None:
    """Why a cleaned page is not an article to store (one line), or None when it is one."""
    flags = set(article.flags)
    if EMPTY_PAGE in flags:
        return "empty page"
    if BINARY in flags:
        return "not text: binary data (control characters)"
    if UNDECODABLE in flags:
        return "not text: undecodable (mostly replacement or rare characters)"
    if LISTING_PAGE in flags:
        return "a listing page (a list of links to articles), not an article"
    if article.paragraphs:
        return None
    if TOO_DEEP in flags:
        return "too deeply nested (past 2048 levels): no text could be read"
    return "no article text"
