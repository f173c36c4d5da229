"""The crawler's door to cleaning: ``monitor.text.clean_html`` when it exists.

Until the cleaning package exposes ``clean_html`` this adapter falls back to a
plain reading of the page (title from the first heading, paragraphs from
``<p>``, the first date on the page); the pipelines call ``clean_page`` either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import lxml.html

import monitor.text as text_package
from monitor.text.article import CleanArticle
from monitor.text.decoding import decode_page

_DATE = re.compile(r"(20\d\d)[-/年](\d{1,2})[-/月](\d{1,2})日?(?:\s+(\d{1,2}):(\d{2}))?")


def clean_page(body: bytes, *, url: str, fetched: datetime, http_charset: str | None, site_type: str) -> CleanArticle:
    """Clean one fetched page into a CleanArticle."""
    clean_html: Callable[..., CleanArticle] | None = getattr(text_package, "clean_html", None)
    if clean_html is not None:
        return clean_html(body, url=url, fetched=fetched, http_charset=http_charset, site_type=site_type)
    return _plain_reading(body, http_charset)


def _plain_reading(body: bytes, http_charset: str | None) -> CleanArticle:
    text, _codec = decode_page(body, http_charset)
    tree: Any = lxml.html.fromstring(text) if text.strip() else None
    if tree is None:
        return CleanArticle(title=None, paragraphs=())
    headings = tree.xpath("//h1|//h2")
    title = " ".join(headings[0].text_content().split()) if headings else None
    paragraphs = tuple(" ".join(p.text_content().split()) for p in tree.xpath("//p") if p.text_content().strip())
    match = _DATE.search(tree.text_content())
    published = None
    if match:
        year, month, day, hour, minute = match.groups()
        try:
            published = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
        except ValueError:
            published = None
    return CleanArticle(title=title, paragraphs=paragraphs, published=published)
