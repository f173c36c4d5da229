"""Hanweb JCMS portals; link shapes declared in ``monitor.sites.hanweb``, the list read from the jpage data island.

A Hanweb column page has no article link in its markup: the list is a data
island, ``<script type="text/xml"><datastore>``, whose ``<record>`` elements
each hold a list item as CDATA, and whose ``<nextgroup>`` holds the link to
the next group of records on the data proxy (``/module/web/jpage/dataproxy.jsp``).
The proxy answers with the same ``<datastore>`` as XML.  A browser runs the
jpage script to turn this into a list and a pager; the spider reads the
island's text instead, the same way on the column page and on the proxy's
replies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import unescape

from scrapy.http import Response

from crawler.spiders.pagination import Pager
from crawler.spiders.source_spider import SourceSpider

# CDATA is taken as text: an HTML parser does not read it (it is script text, or a bogus comment).
_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)
_NEXT_GROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>\s*</nextgroup>", re.S | re.I)
_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)


@dataclass(frozen=True)
class DataIsland:
    """The links of a jpage ``<datastore>``: those of its records, and the next group's."""

    records: list[str]
    next_group: list[str]


def read_datastore(text: str) -> DataIsland:
    """The record links and the next-group link of every ``<datastore>`` in ``text`` (a page or a proxy reply).

    Links are given as written (relative ones stay relative), character
    references resolved, in document order, without repeats.
    """
    records = [href for cdata in _RECORD.findall(text) for href in _hrefs(cdata)]
    following = [href for cdata in _NEXT_GROUP.findall(text) for href in _hrefs(cdata)]
    return DataIsland(_unique(records), _unique(following))


def _hrefs(markup: str) -> list[str]:
    found = []
    for match in _HREF.finditer(markup):
        href = unescape(next(group for group in match.groups() if group is not None)).strip()
        if href and not href.lower().startswith(("javascript:", "#")):
            found.append(href)
    return found


def _unique(links: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(links))


class HanwebSpider(SourceSpider):
    """Columns ``/col/col14236/index.html`` and their proxy groups; articles ``/art/2021/8/26/art_14236_57.html``."""

    name = "hanweb"
    site_type = "hanweb"

    def candidate_links(self, response: Response) -> Iterable[str]:
        """The data island's record links when the page has an island, else the page's links."""
        island = read_datastore(response.text)
        if island.records:
            return island.records
        return super().candidate_links(response)

    def pagination_links(self, response: Response, pager: Pager | None = None) -> list[str]:
        """The island's next group on the data proxy, then whatever the page's own pager links."""
        island = read_datastore(response.text)
        following = self._absolute(response, island.next_group)
        return _unique([*following, *super().pagination_links(response, pager)])
