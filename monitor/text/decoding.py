"""Decoding page bytes, and re-decoding text that was decoded with the wrong codec.

The order for bytes: a byte-order mark; else a ``<meta>`` charset (it wins over an
HTTP header that contradicts it, because Chinese servers often send a default
header for pages written in another encoding); else the header; else detection.
GBK and GB2312 are read as their superset GB18030, Big5 as Big5-HKSCS.  A page
whose bytes are valid UTF-8 is read as UTF-8 whatever it declares: GBK text is
practically never valid UTF-8, so a declared GBK there is a lie (``涓骇涓氶``).
"""

from __future__ import annotations

import codecs
import re

from monitor.text.common_chars import uncommon_count

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
# Where the <meta> charset must appear for browsers to honour it.
_META_SCAN_BYTES = 4096
_SUPERSETS = {
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "cp950": "big5hkscs",
    "cp936": "gb18030",
    # Pages declare Latin-1 by default and mean something else; let detection decide.
    "latin_1": "",
    "iso8859_1": "",
    "cp1252": "",
    "ascii": "",
}
_DETECTION_ORDER = ("utf-8", "gb18030", "big5hkscs")
# A declared codec that leaves more than this share of undecodable bytes is wrong.
_MAX_ERROR_SHARE = 0.002
_SAMPLE_CHARS = 4000


def normalize_charset(name: str | None) -> str | None:
    """The Python codec signwatch reads a declared charset with, or None if unusable."""
    if not name:
        return None
    cleaned = name.strip().strip("\"'").lower()
    # Names browsers know and Python does not.
    cleaned = {"x-gbk": "gbk", "x-gb2312": "gb2312", "x-big5": "big5", "x-euc-cn": "gb2312"}.get(cleaned, cleaned)
    try:
        codec = codecs.lookup(cleaned).name
    except LookupError:
        return None
    mapped = _SUPERSETS.get(codec.replace("-", "_"), codec)
    return mapped or None


def meta_charset(page: bytes) -> str | None:
    """The charset a page's ``<meta>`` declares (normalised), or None."""
    match = _META_CHARSET.search(page[:_META_SCAN_BYTES])
    return normalize_charset(match.group(1).decode("ascii")) if match else None


def decode_page(page: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode page bytes; return the text and the codec used (BOM, meta, header, detection)."""
    for bom, codec in _BOMS:
        if page.startswith(bom):
            return page.decode(codec, errors="replace").lstrip("\ufeff"), codec
    if not page:
        return "", "utf-8"
    if (text := _as_utf8(page)) is not None:
        return text, "utf-8"
    declared = meta_charset(page) or normalize_charset(http_charset)
    if declared and declared != "utf-8" and _decodes_cleanly(page, declared):
        return page.decode(declared, errors="replace"), declared
    codec = detect_codec(page)
    return page.decode(codec, errors="replace"), codec


def detect_codec(page: bytes) -> str:
    """Guess the codec of Chinese page bytes: the candidate giving the fewest odd characters."""
    best, best_score = "gb18030", None
    for codec in _DETECTION_ORDER:
        text = page.decode(codec, errors="replace")[:_SAMPLE_CHARS]
        score = text.count("\ufffd") * 4 + uncommon_count(text)
        if best_score is None or score < best_score:
            best, best_score = codec, score
    return best


def redecode_text(text: str) -> tuple[str, bool]:
    """Undo a wrong decoding of already-decoded text; return the text and whether it changed.

    UTF-8 read as GBK (``涓骇涓氶``) is re-encoded as GB18030 and read as UTF-8;
    GBK read as Latin-1 (``ÉÏº£``) is re-encoded as Latin-1 and read as GB18030.
    The new reading is kept only when it has clearly fewer odd characters.
    """
    before = uncommon_count(text)
    if before == 0:
        return text, False
    for wrong, right in (("gb18030", "utf-8"), ("latin-1", "gb18030"), ("cp1252", "gb18030")):
        try:
            candidate = text.encode(wrong).decode(right)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if uncommon_count(candidate) * 4 < before and (candidate.isprintable() or not text.isprintable()):
            return candidate, True
    return text, False


def _as_utf8(page: bytes) -> str | None:
    """The page read as UTF-8 if its bytes are valid UTF-8 and not plain ASCII, else None."""
    if page.isascii():
        return None  # ASCII says nothing: a <meta> may still name the codec of entities
    try:
        return page.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decodes_cleanly(page: bytes, codec: str) -> bool:
    text = page.decode(codec, errors="replace")
    return text.count("\ufffd") <= max(1, len(text) * _MAX_ERROR_SHARE)
