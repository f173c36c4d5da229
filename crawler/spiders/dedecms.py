"""DedeCMS portals: ``list_N_M.html`` listings and dated article paths."""

from __future__ import annotations

from crawler.spiders.source_spider import SourceSpider


class DedecmsSpider(SourceSpider):
    """Listings ``list_<type>_<page>.html``; articles under a date (``/20231024/123.html``, ``/2023/1024/123.html``)."""

    name = "dedecms"
    site_type = "dedecms"
    article_url = r"/(?:20\d{6}|20\d{2}/\d{4}|\d{4}-\d{2}-\d{2})/\d+\.html$"
    listing_url = r"/list_\d+_\d+\.html$"
