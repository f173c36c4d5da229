"""Which site type a page is, from its markup or from its text, by the registry's declarations.

The types are asked in the registry's rank order and the first that
recognises the page wins; a page none recognises is of the fallback type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

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
) -> str:
    """The site type of a parsed page, from its generator ``<meta>``, source, URL and ``<title>``.

    ``metas`` are the page's ``(name, content)`` meta pairs; ``page_text``, the
    page's source when the caller has it, makes a source mark (DedeCMS's
    ``/plus/`` scripts and links) a substring search instead of a walk;
    ``title_element``, the page's first ``<title>`` when the caller has found it.
    """
    generator = " ".join(content for name, content in metas if name == "generator").lower()
    host = (url or "").lower()
    title: str | None = None  # read when a type first asks for it
    # Most pages carry no type's source mark: one scan of the source says so.
    marked = page_text is None or _ANY_SOURCE_MARK.search(page_text) is not None
    for site in site_types():
        if any(mark in generator for mark in site.generators):
            return site.name
        if site.source_marks and marked and _has_source_mark(document, page_text, site.source_marks):
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
