"""Z-BlogPHP blogs (bs-cfw.com, rent.sh.cn): ``index.php/post/NNNN.html`` articles, paged categories."""

from __future__ import annotations

from collections.abc import Iterable

from scrapy.http import Response

from crawler.spiders.source_spider import SourceSpider


class ZblogSpider(SourceSpider):
    """Category listings (``category-N.html``, ``category-N_P.html``) and post pages."""

    name = "zblog"
    site_type = "zblog"
    article_url = r"/(?:index\.php/)?post/\d+\.html$"
    listing_url = r"/(?:index\.php/)?(?:category-\d+(?:_\d+)?\.html|page_\d+\.html)$|[?&]page=\d+$"

    def candidate_links(self, response: Response) -> Iterable[str]:
        """Post links in the listing body, not in sidebars of 'hot' or 'related' posts."""
        return response.css(".post a::attr(href), h2 a::attr(href), .article a::attr(href)").getall() or (
            response.css("a::attr(href)").getall()
        )
