"""Article links from RSS/Atom feeds and sitemaps (plain XML reading, no Scrapy needed)."""

from __future__ import annotations

from lxml import etree

_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _root(document: bytes) -> etree._Element | None:
    try:
        return etree.fromstring(document, parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None


def feed_links(document: bytes) -> list[str]:
    """The item links of an RSS 2.0 or Atom feed, in feed order."""
    root = _root(document)
    if root is None:
        return []
    links: list[str] = []
    for element in root.iter():
        name = _local(element.tag)
        parent = element.getparent()
        parent_name = _local(parent.tag) if parent is not None else ""
        if name == "link" and parent_name == "item" and element.text:
            links.append(element.text.strip())
        elif name == "link" and parent_name == "entry" and element.get("rel", "alternate") == "alternate":
            href = element.get("href")
            if href:
                links.append(href.strip())
    return list(dict.fromkeys(links))


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
