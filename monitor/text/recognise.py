"""Which site type a page is, from its markup or from its text, by the registry's declarations.

The types are asked in the registry's rank order and the first that
recognises the page wins; a page none recognises is of the fallback type.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from lxml import etree

from monitor.sites import fallback_site_type, site_types

_FALLBACK = fallback_site_type().name
# Marks sharing a prefix this long are sought by the prefix first.
_MIN_GATE = 3
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
    for site in site_types():
        if any(mark in generator for mark in site.generators):
            return site.name
        if site.source_marks and _has_source_mark(document, page_text, site.source_marks):
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
        # Each search reads the whole page source (most pages have none of the marks):
        # marks with a common prefix (EmpireCMS's six /e/… paths) are sought by it first.
        return any(gate in page_text and any(mark in page_text for mark in group) for gate, group in _gated(marks))
    return any(_HAS_LINK_TO(document, mark=mark) for mark in marks)


@cache
def _gated(marks: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The marks in groups, each with a prefix every mark of the group starts with (a lone mark is its own)."""
    groups: dict[str, list[str]] = {}
    for mark in marks:
        groups.setdefault(mark[:_MIN_GATE], []).append(mark)
    return tuple((_common_prefix(group), tuple(group)) for group in groups.values())


def _common_prefix(marks: list[str]) -> str:
    prefix = marks[0]
    for mark in marks[1:]:
        while not mark.startswith(prefix):
            prefix = prefix[:-1]
    return prefix
