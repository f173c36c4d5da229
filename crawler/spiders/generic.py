"""Any news site: article links from the source's CSS/XPath or URL pattern, else by their shape; feeds and sitemaps.

A generic source may give no link rule at all: its listings' article links
are then told by their addresses (``crawler.spiders.link_shapes``), from the
page's main list.  Pagination is the pager's next page however the site
writes it (``crawler.spiders.pagination``), as for every type.  A page such
a crawl fetches that turns out to be another listing is not an article, and
cleaning says so: it is never stored.
"""

from __future__ import annotations

from collections.abc import Iterable

from parsel import Selector
from scrapy.http import Response

from crawler.spiders.link_shapes import shaped_links
from crawler.spiders.pagination import Pager
from crawler.spiders.source_spider import SourceSpider, unique_urls


class GenericSpider(SourceSpider):
    """Listing links from ``link_css`` / ``link_xpath``, else those matching ``article_pattern``, else by shape."""

    name = "generic"
    site_type = "generic"  # article_url "." (the source's rule decides), no listing_url: see monitor.sites.generic

    def has_link_rule(self) -> bool:
        """Whether the source says which links are articles (selectors or a pattern)."""
        source = self.context.source
        return bool(source.link_css or source.link_xpath or source.article_pattern)

    def candidate_links(self, response: Response) -> Iterable[str]:
        """The links the source's selectors choose on a listing page (every link when it gives none)."""
        source = self.context.source
        page = self.page(response)
        links: list[str] = []
        chosen: list[Selector] = []
        if source.link_css:
            chosen += page.css(source.link_css)
        if source.link_xpath:
            chosen += page.xpath(source.link_xpath)
        for selected in chosen:
            # A selector may pick the <a> itself or a block that holds links.
            href = selected.attrib.get("href") if selected.root.tag == "a" else None
            links += [href] if href else selected.css("a::attr(href)").getall()
        if not (source.link_css or source.link_xpath):
            links = page.css("a::attr(href)").getall()
        return links

    def article_links(self, response: Response, pager: Pager | None = None) -> list[str]:
        """The source's rule picks the article links; without one, their shape does (main list first)."""
        if self.has_link_rule():
            return super().article_links(response, pager)
        return unique_urls(shaped_links(self.page(response), response.url, pager or self.pager(response)))
