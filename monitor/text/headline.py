"""Reading an HTML page's title: its heading, else its ``<title>`` (or ``og:title``) without the site's name.

A page's ``<title>`` usually ends with the site or column name (``… - 招商资讯网``);
the article's own heading (``h1``, or ``h2`` inside the article) is better when
there is one.  A ``<title>`` that only repeats a name the header, breadcrumb or
footer prints is no title at all.
"""

from __future__ import annotations

import re

from lxml import etree

from monitor.text.block_lines import SPACES

_HAN = re.compile(r"[\u4e00-\u9fff]")
_WHITESPACE = re.compile(r"[\s\u3000\xa0]+")
_TITLE_SUFFIX = re.compile(r"\s*(?:[-_|–—]|\s[-_|–—]\s).{2,30}$")
_HEADING_MAX = 100


def page_title(document: etree._Element, metas: list[tuple[str, str]]) -> str | None:
    """The ``og:title``, else the ``<title>``, with a trailing site name cut off when enough is left."""
    candidates = [content for name, content in metas if name == "og:title"]
    candidates += document.xpath("descendant::title[1]/text()")
    for value in candidates:
        title = _clean(str(value))
        if title:
            trimmed = _TITLE_SUFFIX.sub("", title)
            return trimmed if len(trimmed) >= 4 else title
    return None


def site_name_text(document: etree._Element) -> str:
    """The text of the page's ``nav``, ``header`` and ``footer``: where a site prints its own name.

    Read before chrome removal, which takes these elements away.
    """
    return " ".join("".join(el.itertext()) for el in document.iter("nav", "header", "footer"))


def heading(root: etree._Element, content: etree._Element) -> str | None:
    """The page's first Chinese ``h1`` (or ``h2``, when the article block is not the whole page)."""
    for tag in ("h1", "h2"):
        for el in root.iter(tag):
            text = _clean("".join(el.itertext()))
            if 4 <= len(text) <= _HEADING_MAX and _HAN.search(text):
                return text
        if content is not root:
            break  # an <h2> outside the article is a section heading, not the title
    return None


def choose_title(heading_text: str | None, title_text: str | None, site_names: str, before: list[str]) -> str | None:
    """The heading, else the page title unless it only repeats the site's or a column's name."""
    if heading_text is not None:
        return heading_text
    if title_text and (title_text in site_names or any(title_text in line and line != title_text for line in before)):
        # With no heading on the page, a <title> that only repeats the site's or
        # a column's name from the header, breadcrumb or footer is not the article's.
        return None
    return title_text


def _clean(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip(SPACES + "\n")
