"""From an HTML page to the parts cleaning reads: title, meta lines and body lines (PageParts), for any site.

This module parses the page and puts the pieces together; each piece has a
module of its own: ``recognise`` (which site type), ``page_meta`` (what the
whole page says about itself, read before chrome removal takes footers,
scripts and menus away), ``article_block`` (chrome removal and the element
holding the article), ``headline`` (the title), ``page_kind`` (listing or
article) and ``block_lines`` (the page's text as lines).  The title element
leaves the page's lines where it stood, so the lines after it are its meta
block whatever the title's text; the dates ``page_meta`` found travel as
ranked clues, its 来源 and author as meta lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from monitor.sites import fallback_site_type
from monitor.sites import site_type as registered_site_type
from monitor.text.article_block import article_block, drop_chrome
from monitor.text.block_lines import block_lines
from monitor.text.byline import is_meta_line
from monitor.text.headline import choose_title
from monitor.text.labels import CHROME
from monitor.text.page_kind import judge_listing, listing_signals
from monitor.text.page_meta import DateClue, PageMeta, heading_text, read_page_meta
from monitor.text.page_order import PageOrder
from monitor.text.page_walk import walk_page
from monitor.text.recognise import page_site_type

_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
# A character reference to a character XML forbids (&#2;, &#x0B;, &#65535;): lxml's
# HTML parser puts the character itself into the text, and lxml then refuses every
# text that holds it.  Dropped before parsing, like the raw control bytes above.
_CONTROL_REFERENCE = re.compile(
    rb"&#(?:0*(?:[1-8]|1[124-9]|2[0-9]|3[01]|6553[45])(?![0-9])"
    rb"|[xX]0*(?:[1-8bBcCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF])(?![0-9a-fA-F]));?"
)
# The flag of a page nested deeper than libxml2 reads (2048 levels): what lies deeper is lost.
TOO_DEEP = "too-deeply-nested"
# Marks where the title stood in the page's lines (a private-use character no page text holds).
_TITLE_MARK = "\ue000"
# Lines after the title that may still be its meta block (date, 来源, counters).
_META_BLOCK = 6
# Short lines above the title inside the article block (a breadcrumb, a column label): header, not body.
_MAX_HEAD_LINES = 3
_MAX_HEAD_LINE = 40


@dataclass
class PageParts:
    """An HTML page reduced to what cleaning reads.

    ``dates`` are the machine-readable and declared dates the whole page gave
    (``page_meta.DateClue``); ``source`` and ``author`` what its metas or the
    type's ``source_xpath`` gave; ``listing``: why the page is a listing, not
    an article (None: it reads as an article).
    """

    title: str | None
    meta_lines: list[str] = field(default_factory=list)
    body_lines: list[str] = field(default_factory=list)
    site_type: str = fallback_site_type().name
    dates: list[DateClue] = field(default_factory=list)
    source: str | None = None
    author: str | None = None
    listing: str | None = None


class ParsedPage(NamedTuple):
    """A parsed page (None when nothing parses) and the flags parsing raised (``TOO_DEEP``)."""

    document: etree._Element | None
    flags: tuple[str, ...] = ()


def parse_document(text: str, utf8: bytes | None = None) -> ParsedPage:
    """Parse HTML text into a document (None when nothing parses), with the flags parsing raised.

    ``utf8``, when given, is ``text`` already encoded as UTF-8 (the page as fetched):
    it saves encoding the text again.
    """
    # Parsed as UTF-8 bytes: lxml refuses str input that carries an XML encoding
    # declaration, and deleting control bytes is one C call over bytes where a
    # regex over the str costs as much as the parse itself.
    data = (utf8 if utf8 is not None else text.encode("utf-8", errors="replace")).translate(None, _CONTROL_BYTES)
    # Sought by the regex, not first by ``b"&#" in data``: the regex engine finds its two-byte
    # literal start a few times faster than bytes' own search for a needle this short, and
    # almost no page holds such a reference, so the substitution (a copy) is rarely made.
    if _CONTROL_REFERENCE.search(data) is not None:
        data = _CONTROL_REFERENCE.sub(b"", data)
    if not data.strip():
        return ParsedPage(None)
    # collect_ids=False: libxml2 keeps no table of the page's id attributes (a hash entry per id,
    # built while parsing and freed with the tree); nothing here looks an element up by its id.
    parser = etree.HTMLParser(encoding="utf-8", huge_tree=True, collect_ids=False)
    try:
        # Plain lxml elements, not lxml.html's: the per-element class lookup of
        # HtmlElement costs a tenth of the whole cleaning time.
        document = etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ParsedPage(None)
    # libxml2 stops reading at 2048 levels even with huge_tree, and says so only in its log.
    flags = (TOO_DEEP,) if any("depth" in entry.message.lower() for entry in parser.error_log) else ()
    return ParsedPage(document if document is not None and isinstance(document.tag, str) else None, flags)


def extract_page(
    document: etree._Element,
    site_type: str | None = None,
    url: str | None = None,
    page_text: str | None = None,
    page_utf8: bytes | None = None,
) -> PageParts:
    """Reduce a parsed page to title, meta lines and body lines.

    ``page_text`` and ``page_utf8``: the page's source, see ``recognise.page_site_type``.
    """
    elements = walk_page(document)  # one walk serves the site type, the metadata and chrome removal
    metas = _meta_tags(elements.tagged("meta"))
    titles = elements.tagged("title")
    kind = site_type or page_site_type(document, metas, url, page_text, titles[0] if titles else None, page_utf8)
    # Read before chrome removal: it takes the footer's <time>, the logo, the breadcrumb, the pager.
    meta = read_page_meta(document, metas, registered_site_type(kind), url, elements)
    pager = listing_signals(document, page_text, meta.pager_blocks, meta.article_marks)
    drop_chrome(document, meta.labels.having(CHROME))
    body = document.find("body")
    root = body if body is not None else document
    content = article_block(root, kind)
    declared = () if meta.declared_title is None else (meta.declared_title.element,)
    order = PageOrder(root, content, [*(heading.element for heading in meta.headings), *declared])
    title = choose_title(meta, content, order)
    if title.element is not None and title.element in order:
        _mark_title(title.element)
    has_title = title.vouched and title.element is not None
    verdict = judge_listing(root, content, pager, has_title, _entry_heading(meta, content, order))
    before, inside = block_lines(root, content)
    meta_lines, inside = _split_at_title(before, inside, title.text)
    # A meta line inside the content node (a theme that puts the date under the
    # title, inside the article div) is header, not body.
    while inside and len(inside[0]) <= 90 and is_meta_line(inside[0]) and len(meta_lines) < _META_BLOCK:
        meta_lines.append(inside.pop(0))
    return PageParts(title.text, meta_lines, inside, kind, meta.dates, meta.source, meta.author, verdict)


def _entry_heading(meta: PageMeta, content: etree._Element, order: PageOrder) -> bool:
    """True when the first heading in the article block (else the nearest above it) links to another page."""
    start, end = order.start, order.end
    inside = [h for h in meta.headings if start < order.get(h.element, -1) <= end]
    above = [h for h in meta.headings if 0 <= order.get(h.element, -1) <= start]
    if inside:
        return min(inside, key=lambda h: order[h.element]).linked
    return bool(above) and max(above, key=lambda h: order[h.element]).linked


def _mark_title(element: etree._Element) -> None:
    """Put a marked line where the title element stood, holding only what it printed besides the title (a date)."""
    _, aside = heading_text(element)
    marker = etree.Element("div")
    marker.text = f"{_TITLE_MARK} {aside}"
    marker.tail = element.tail
    parent = element.getparent()
    if parent is not None:
        parent.replace(element, marker)


def _split_at_title(before: list[str], inside: list[str], title: str | None) -> tuple[list[str], list[str]]:
    """The meta lines (the few after the title) and the body, from the lines before and inside the article block."""
    for index, line in enumerate(before):
        if line.startswith(_TITLE_MARK):
            after = [rest for rest in [line[1:].strip()] if rest] + before[index + 1 :]
            return after[:_META_BLOCK], [line for line in inside if not line.startswith(_TITLE_MARK)]
    for index, line in enumerate(inside):
        if line.startswith(_TITLE_MARK):
            head = inside[:index]
            rest = [line[1:].strip()] if line[1:].strip() else []
            if len(head) <= _MAX_HEAD_LINES and all(len(text) <= _MAX_HEAD_LINE for text in head):
                return rest, inside[index + 1 :]
            return rest, head + inside[index + 1 :]
    meta_lines = _meta_lines(before, title)
    if title and inside and inside[0] == title:
        inside = inside[1:]
    return meta_lines, inside


def _meta_tags(elements: list[etree._Element]) -> list[tuple[str, str]]:
    """(name, content) of every <meta> of ``elements`` with content; the name from property, name or itemprop."""
    tags = []
    for meta in elements:
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if name and content:
            tags.append((name, content))
    return tags


def _meta_lines(before: list[str], title: str | None) -> list[str]:
    """The lines between the title and the article (or the last few before it)."""
    if title and title in before:
        start = len(before) - 1 - before[::-1].index(title)
        return before[start + 1 : start + 1 + _META_BLOCK]
    return before[-4:]
