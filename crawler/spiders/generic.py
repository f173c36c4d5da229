"""Any news site: article links chosen by the source's CSS/XPath or URL pattern, plus feeds and sitemaps."""

from __future__ import annotations

from collections.abc import Iterable

from parsel import Selector
from scrapy.http import Response

from crawler.spiders.source_spider import SourceSpider


class GenericSpider(SourceSpider):
    """Listing links from ``link_css`` / ``link_xpath`` (else every link matching ``article_pattern``)."""

    name = "generic"
    site_type = "generic"  # article_url "." (the selectors alone decide), no listing_url: see monitor.sites.generic

    def candidate_links(self, response: Response) -> Iterable[str]:
        """The links the source's selectors choose on a listing page."""
        source = self.context.source
        links: list[str] = []
        chosen: list[Selector] = []
        if source.link_css:
            chosen += response.css(source.link_css)
        if source.link_xpath:
            chosen += response.xpath(source.link_xpath)
        for selected in chosen:
            # A selector may pick the <a> itself or a block that holds links.
            href = selected.attrib.get("href") if selected.root.tag == "a" else None
            links += [href] if href else selected.css("a::attr(href)").getall()
        if not (source.link_css or source.link_xpath):
            links = response.css("a::attr(href)").getall()
        return links

    def pagination_links(self, response: Response) -> list[str]:
        """``rel=next`` and 下一页 links."""
        hrefs = response.css("a[rel=next]::attr(href)").getall()
        hrefs += response.xpath("//a[normalize-space(text())='下一页']/@href").getall()
        return list(dict.fromkeys(self._absolute(response, hrefs)))
