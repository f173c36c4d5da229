"""Article links from RSS/Atom feeds and sitemaps (plain XML reading, no Scrapy needed).

A feed also dates its items (RSS ``pubDate``, Atom ``published`` or else
``updated``, ``dc:date``): the date travels with the article's request, for
cleaning to fall back on when the page itself prints none it can read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from lxml import etree

_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _root(document: bytes) -> etree._Element | None:
    try:
        return etree.fromstring(document, parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None


# A feed's date without a zone is the site's local time: Chinese sites write Beijing time.
BEIJING = ZoneInfo("Asia/Shanghai")
# The elements of a feed item that date it, the most telling first.
_DATE_ELEMENTS = ("pubDate", "published", "issued", "date", "created", "updated", "modified")


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: its link, and the publication date the feed gives it (None: none readable)."""

    url: str
    published: datetime | None


def feed_entries(document: bytes) -> list[FeedEntry]:
    """The items of an RSS 2.0 or Atom feed, in feed order, one per link."""
    root = _root(document)
    if root is None:
        return []
    entries: dict[str, FeedEntry] = {}
    for item in root.iter():
        name = _local(item.tag)
        if name not in ("item", "entry"):
            continue
        url = _item_link(item, atom=name == "entry")
        if url and url not in entries:
            entries[url] = FeedEntry(url, _item_date(item))
    return list(entries.values())


def feed_links(document: bytes) -> list[str]:
    """The item links of an RSS 2.0 or Atom feed, in feed order."""
    return [entry.url for entry in feed_entries(document)]


def _item_link(item: etree._Element, *, atom: bool) -> str:
    for child in item:
        if _local(child.tag) != "link":
            continue
        text = str(child.text or "").strip()
        if not atom and text:
            return text
        href = str(child.get("href") or "").strip()
        if atom and child.get("rel", "alternate") == "alternate" and href:
            return href
    return ""


def _item_date(item: etree._Element) -> datetime | None:
    found = {_local(child.tag): (child.text or "").strip() for child in item if isinstance(child.tag, str)}
    for name in _DATE_ELEMENTS:
        moment = parse_feed_date(found.get(name, ""))
        if moment is not None:
            return moment
    return None


def parse_feed_date(text: str) -> datetime | None:
    """A feed's date as an aware datetime: RFC 822 (RSS), ISO 8601 (Atom), or ``2021-08-26 10:30``; else None."""
    text = text.strip()
    if not text:
        return None
    moment: datetime | None = None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        try:
            moment = datetime.fromisoformat(text.replace("/", "-"))
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=BEIJING)
    return moment


def sitemap_links(document: bytes) -> tuple[list[str], list[str]]:
    """``(page URLs, child sitemap URLs)`` of a sitemap or sitemap index."""
    root = _root(document)
    if root is None:
        return [], []
    locations = [
        (element.text or "").strip()
        for element in root.iter()
        if _local(element.tag) == "loc" and (element.text or "").strip()
    ]
    if _local(root.tag) == "sitemapindex":
        return [], locations
    return locations, []
