"""Choosing an HTML page's title among what the page offers, never the site's or a column's name.

In order of trust: the ``ArticleTitle`` meta government sites carry; the site
type's ``title_xpath``; the heading that best looks like the article's (an
``h1``–``h3`` or an element with a title-like class, whose text the page's
``<title>`` or ``og:title`` repeats, placed before or at the top of the
article block, not a link to another page); the ``<title>`` with the site's
and the column's names taken off either end (``标题_栏目_站点``,
``站点-标题``); and last a heading nothing else vouches for.

A name the page uses for itself or a column (metas, the logo, links to the
home page or a directory above the page, breadcrumb and nav links) is never
the title: Z-BlogPHP's default theme puts the blog's name in the only
``<h1>``, PbootCMS's puts the column's name in an ``<h1>`` above the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from monitor.text.page_meta import Heading, PageMeta, footer_text, norm
from monitor.text.page_order import PageOrder

# A title says something in words: a date or a number alone is no title.
_HAN_OR_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# Separators between a title and the names around it in <title>: 标题_栏目_站点, 站点-标题, 标题 | 站点.
_TITLE_SEPARATORS = re.compile(r"\s*(?:_+|\||｜|——|—|–|·|::|»|-{1,2})\s*|\s+-\s+")
_MIN_HEADING = 4
_MAX_HEADING = 120
# Score a heading needs to be taken without the <title> to vouch for it.
_SURE = 3.0
# With no name recognised, a last part of <title> this short is taken for the site's name.
_MAX_SITE_NAME = 30


@dataclass(frozen=True)
class Title:
    """The chosen title and, when it came from an element of the page, that element (to keep it out of the body).

    ``vouched``: the title came from the page's metadata, the type's XPath or
    a heading the page's ``<title>`` repeats (not from a fallback).
    """

    text: str | None
    element: etree._Element | None = None
    vouched: bool = False


def choose_title(meta: PageMeta, content: etree._Element, order: PageOrder) -> Title:
    """The article's title: ArticleTitle meta, declared XPath, a vouched-for heading, the trimmed <title>, a heading.

    ``order`` ranks the headings still in the document (after chrome removal)
    in document order; a heading missing from it went with the chrome.
    """
    names = meta.names

    def usable(text: str | None) -> bool:
        return bool(text) and _HAN_OR_WORD.search(text or "") is not None and norm(text or "") not in names

    def usable_heading(heading: Heading) -> bool:
        return bool(heading.text) and _HAN_OR_WORD.search(heading.text) is not None and heading.key not in names

    if meta.article_title and usable(meta.article_title):
        return Title(meta.article_title, _element_of(meta.article_title, meta.headings, order), True)
    declared = meta.declared_title
    if declared is not None and usable(declared.text):
        return Title(declared.text, declared.element, True)
    scored = _scored(meta, content, order, usable_heading)
    if scored and scored[0][0] >= _SURE:
        best = scored[0][1]
        return Title(best.text, best.element, True)
    chrome_text = footer_text(meta) if meta.page_titles else ""
    for page_title in meta.page_titles:
        trimmed = trim_page_title(page_title, names, chrome_text)
        if trimmed and usable(trimmed):
            return Title(trimmed, _element_of(trimmed, meta.headings, order))
    if scored and scored[0][0] > 0:
        best = scored[0][1]
        return Title(best.text, best.element)
    return Title(None)


def _scored(
    meta: PageMeta, content: etree._Element, order: PageOrder, usable: Callable[[Heading], bool]
) -> list[tuple[float, Heading]]:
    """Headings that may be the title, best first, each with its score."""
    page_titles = [norm(title) for title in meta.page_titles]
    start, end = order.start, order.end
    candidates = [
        heading for heading in meta.headings if _MIN_HEADING <= len(heading.text) <= _MAX_HEADING and usable(heading)
    ]
    preceding = [order[h.element] for h in candidates if h.element in order and order[h.element] <= start]
    nearest = max(preceding) if preceding else None
    scored = []
    for heading in candidates:
        text = heading.key
        score = {"h1": 1.0, "h2": 0.8, "h3": 0.5}.get(heading.tag, 0.0)
        if heading.classed:
            score += 1.5
        if any(text in title for title in page_titles):
            score += 3.0
        if len(heading.text) >= 10:
            score += 0.5
        if heading.linked:
            score -= 3.0
        position = order.get(heading.element)
        if position is None:
            score -= 3.0  # it went with the chrome (a sidebar, the header)
        elif position > end:
            score -= 2.0  # after the article: a related list's or a comment box's heading
        elif position == nearest or start < position:
            score += 1.0  # right above the article, or at the top of its block
        scored.append((score, heading))
    scored.sort(key=lambda pair: (-pair[0], order.get(pair[1].element, 1 << 30)))
    return scored


def _element_of(text: str, headings: list[Heading], order: PageOrder) -> etree._Element | None:
    """The heading still on the page that prints ``text``, if any."""
    wanted = norm(text)
    for heading in headings:
        if heading.element in order and heading.key == wanted:
            return heading.element
    return None


def trim_page_title(title: str, names: set[str], chrome_text: str = "") -> str | None:
    """``<title>`` without the site's and columns' names at either end (None when nothing else is left).

    A part is a name when the page names itself or a column so elsewhere, or
    when the footer prints it.  With no name recognised, a short last part is
    taken for the site's name, as most CMSes append it.
    """
    pieces = _TITLE_SEPARATORS.split(title)
    separators = _TITLE_SEPARATORS.findall(title)
    chrome = norm(chrome_text)

    def is_name(piece: str) -> bool:
        key = norm(piece)
        return not key or key in names or (len(key) >= 2 and key in chrome)

    if len(pieces) == 1:
        return None if is_name(title) else title

    first, last = 0, len(pieces)
    trimmed = False
    while first < last and is_name(pieces[first]):
        first += 1
        trimmed = True
    while last > first and is_name(pieces[last - 1]):
        last -= 1
        trimmed = True
    if first >= last:
        return None
    if not trimmed and last - first > 2:
        # 标题_栏目_站点 with no name known: the title is the longest piece, at one end.
        longest = max(range(first, last), key=lambda index: len(pieces[index]))
        if longest in (first, last - 1):
            first, last = longest, longest + 1
    if not trimmed and last - first > 1 and len(pieces[last - 1]) <= _MAX_SITE_NAME:
        last -= 1
    kept = pieces[first]
    for index in range(first + 1, last):
        kept += separators[index - 1] + pieces[index]
    kept = kept.strip()
    return kept or None
