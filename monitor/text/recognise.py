"""Which site type a page is, from its markup or from its text, by the registry's declarations.

The types are asked in the registry's rank order and the first that
recognises the page wins; a page none recognises is of the fallback type.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from monitor.sites import fallback_site_type, site_types

_FALLBACK = fallback_site_type().name
_TEXT_MARKERS = tuple((site.name, re.compile(site.text_marker)) for site in site_types() if site.text_marker)
_HAS_LINK_TO = etree.XPath("descendant::a[contains(@href, $mark)][1]")


def page_site_type(
    document: etree._Element, metas: Sequence[tuple[str, str]], url: str | None, page_text: str | None
) -> str:
    """The site type of a parsed page, from its generator ``<meta>``, source, URL and ``<title>``.

    ``metas`` are the page's ``(name, content)`` meta pairs; ``page_text``, the
    page's source when the caller has it, makes a source mark (DedeCMS's
    ``/plus/`` scripts and links) a substring search instead of a walk.
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
                title = " ".join(document.xpath("descendant::title[1]/text()"))
            if any(mark in title for mark in site.title_marks):
                return site.name
    return _FALLBACK


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
