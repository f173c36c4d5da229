"""Which site type a page is, from its markup or from its text, by the registry's declarations.

The types are asked in the registry's rank order and the first that
recognises the page wins; a page none recognises is of the fallback type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from lxml import etree

from monitor.sites import fallback_site_type, site_types

_FALLBACK = fallback_site_type().name
_TEXT_MARKERS = tuple((site.name, re.compile(site.text_marker)) for site in site_types() if site.text_marker)
_HAS_LINK_TO = etree.XPath("descendant::a[contains(@href, $mark)][1]")
_FIRST_TITLE_TEXT = etree.XPath("descendant::title[1]/text()")
_OWN_TEXT = etree.XPath("text()")


def page_site_type(
    document: etree._Element,
    metas: Sequence[tuple[str, str]],
    url: str | None,
    page_text: str | None,
    title_element: etree._Element | None = None,
    page_utf8: bytes | None = None,
) -> str:
    """The site type of a parsed page, from its generator ``<meta>``, source, URL and ``<title>``.

    ``metas`` are the page's ``(name, content)`` meta pairs; ``page_text``, the
    page's source when the caller has it, makes a source mark (DedeCMS's
    ``/plus/`` scripts and links) a substring search instead of a walk;
    ``title_element``, the page's first ``<title>`` when the caller has found it;
    ``page_utf8``, ``page_text`` exactly as UTF-8 bytes when the caller holds them
    (the page as fetched): the first look for marks reads those, faster.
    """
    generator = " ".join(content for name, content in metas if name == "generator").lower()
    host = (url or "").lower()
    title: str | None = None  # read when a type first asks for it
    # Most pages carry no type's source mark: one scan of the source says so (and with
    # the bytes at hand, which marks it holds: no search per type).
    present = source_marks_in(page_utf8) if page_utf8 is not None else None
    marked = page_text is None or _ANY_SOURCE_MARK.search(page_text) is not None if present is None else bool(present)
    for site in site_types():
        if any(mark in generator for mark in site.generators):
            return site.name
        if site.source_marks and marked:
            if present is not None:
                if any(mark in present for mark in site.source_marks):
                    return site.name
            elif _has_source_mark(document, page_text, site.source_marks):
                return site.name
        if any(mark in host for mark in site.hosts):
            return site.name
        if site.title_marks:
            if title is None:
                title = _title_text(document, title_element)
            if any(mark in title for mark in site.title_marks):
                return site.name
    return _FALLBACK


def _title_text(document: etree._Element, title_element: etree._Element | None) -> str:
    """The text directly inside the page's first ``<title>`` (its text nodes, joined by spaces)."""
    if title_element is None:
        return " ".join(_FIRST_TITLE_TEXT(document))
    if not len(title_element):  # a title holds no elements (the parser reads it as text): its one text node
        return title_element.text or ""
    return " ".join(_OWN_TEXT(title_element))


def text_site_type(head: Sequence[str]) -> str:
    """The site type of page text (the archive's format), from its first lines."""
    for name, marker in _TEXT_MARKERS:
        if any(marker.search(line.strip()) for line in head):
            return name
    return _FALLBACK


def _has_source_mark(document: etree._Element, page_text: str | None, marks: tuple[str, ...]) -> bool:
    if page_text is not None:
        return any(mark in page_text for mark in marks)
    return any(_HAS_LINK_TO(document, mark=mark) for mark in marks)


# The characters a mark is sought by, in order of choice.  The scan stops at every
# occurrence of every character chosen, so few distinct ones is what counts: the rare
# ($, ?), then the slash most marks hold (one stop serves them all: on GNE's portal pages
# this choice stops about 6,700 times a page, rarest-of-each-mark about 11,400), then
# the underscore and capitals.  A mark with none of them is sought by its first character.
_ANCHORS = '$?/_ABCDEFGHIJKLMNOPQRSTUVWXYZjxzq&="('


def _anchor(mark: str) -> int:
    """Where in ``mark`` the scan for it starts: the first of ``_ANCHORS`` it holds."""
    for char in _ANCHORS:
        if char in mark:
            return mark.index(char)
    return 0


def any_mark_pattern(marks: Iterable[str]) -> re.Pattern[str]:
    """One regex that matches where any of ``marks`` stands in a text (a substring, as ``in`` finds it).

    A search per mark reads the whole page source each time: with the registry's
    thirty marks that was a fifth of cleaning's time.  Here each mark is matched
    from one of few characters (``_ANCHORS``), with a lookbehind for the part before it, and every
    alternative starts with a literal, so the regex engine scans the text once,
    stopping only at those few characters.
    """
    by_anchor: dict[str, list[str]] = {}
    for mark in dict.fromkeys(marks):
        if not mark:
            continue
        index = _anchor(mark)
        rest = re.escape(mark[index + 1 :])
        by_anchor.setdefault(mark[index], []).append(f"{rest}(?<={re.escape(mark)})" if index else rest)
    if not by_anchor:
        return re.compile(r"(?!)")  # no marks: matches nothing
    return re.compile("|".join(f"{re.escape(char)}(?:{'|'.join(rests)})" for char, rests in by_anchor.items()))


_ANY_SOURCE_MARK = any_mark_pattern(mark for site in site_types() for mark in site.source_marks)


# The first look for marks in a page's UTF-8 bytes.  The scan above stops at each of several
# characters, and a regex that starts with a choice of characters tests every character of the
# page against that set in turn: about as slow as the stops.  Here every character a mark is
# sought by is first turned into the one byte ``/`` (one C call over the bytes), so the regex
# starts with a single literal byte, which the regex engine finds with a tight loop, and what
# may follow it is a tree of the marks' folded remainders, told apart by their next byte.  The
# fold may let a page pass that holds no mark (``TRS.Editor`` reads as ``TRS/Editor``): the
# types' own searches of the page text then decide, exactly as before.  It never lets a page
# with a mark be missed: a mark in the text is a mark in its UTF-8 bytes (a UTF-8 sequence
# begins only at a character's first byte), and folded as a whole it stays a folded mark.
_FOLDED_ANCHORS = "/?$_jPC"  # the characters a mark is sought by, in order of choice (see _ANCHORS)
_FOLD = bytes.maketrans(_FOLDED_ANCHORS.encode(), b"/" * len(_FOLDED_ANCHORS))


def _folded_scan(marks: Iterable[str]) -> tuple[re.Pattern[bytes], tuple[bytes, ...]]:
    """The regex over folded bytes for ``marks``, and the marks it cannot serve (searched as they are).

    A mark is served from its first anchor character (by ``_FOLDED_ANCHORS``'s order) when
    something follows it; a mark ending in its only anchor (``ta.trs.cn/``), or holding
    none, would be tried at every stop, and is searched by itself.
    """
    tree: dict[int | None, Any] = {}
    alone: list[bytes] = []
    for mark in dict.fromkeys(marks):
        raw = mark.encode("utf-8")
        index = next((raw.index(char) for char in _FOLDED_ANCHORS.encode() if char in raw), len(raw) - 1)
        if not raw or index == len(raw) - 1:
            if raw:
                alone.append(raw)
            continue
        folded = raw.translate(_FOLD)
        node = tree
        for byte in folded[index + 1 :]:
            node = node.setdefault(byte, {})
        # The part before the anchor is checked once the rest has matched, looking back.
        node.setdefault(None, set()).add(folded if index else b"")
    if not tree:
        return re.compile(rb"(?!)"), tuple(alone)
    return re.compile(b"/" + _tree_regex(tree)), tuple(alone)


def _tree_regex(node: dict[int | None, Any]) -> bytes:
    """A regex of a tree of byte strings: at each node, one alternative per next byte."""
    choices = [
        re.escape(bytes([byte])) + _tree_regex(child)
        for byte, child in sorted((byte, child) for byte, child in node.items() if byte is not None)
    ]
    ends: set[bytes] = node.get(None, set())
    if b"" in ends:
        choices.append(b"")  # a whole mark ends here
    elif ends:
        choices.append(b"|".join(b"(?<=" + re.escape(whole) + b")" for whole in sorted(ends)))
    return choices[0] if len(choices) == 1 else b"(?:" + b"|".join(choices) + b")"


_MARKS = tuple(dict.fromkeys(mark for site in site_types() for mark in site.source_marks))
_FOLDED_SCAN, _ALONE_BYTES = _folded_scan(_MARKS)
_ALONE = tuple((mark, mark.encode("utf-8")) for mark in _MARKS if mark.encode("utf-8") in _ALONE_BYTES)
_SCANNED = tuple((mark, mark.encode("utf-8")) for mark in _MARKS if mark.encode("utf-8") not in _ALONE_BYTES)
_MARGIN = max((len(raw) for _, raw in _SCANNED), default=0)


def source_marks_in(page_utf8: bytes) -> set[str]:
    """The types' source marks that stand in a page (its UTF-8 bytes): what ``mark in page`` says of each, faster.

    The folded scan (``_folded_scan``) finds where a mark may stand; only the bytes around
    each place it stops are searched for the marks.  Every mark in the page is around one
    of them: the scan tries every place after its last find, a mark's anchor included,
    and there it finds the mark or a longer overlap; ``_MARGIN`` covers the longest mark.
    """
    found = {mark for mark, raw in _ALONE if raw in page_utf8}
    for match in _FOLDED_SCAN.finditer(page_utf8.translate(_FOLD)):
        around = page_utf8[max(0, match.start() - _MARGIN) : match.end() + _MARGIN]
        found.update(mark for mark, raw in _SCANNED if raw in around)
    return found
