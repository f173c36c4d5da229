"""DedeCMS portals; link shapes declared in ``monitor.sites.dedecms``."""

from __future__ import annotations

from crawler.spiders.source_spider import SourceSpider


class DedecmsSpider(SourceSpider):
    """Listings ``list_<type>_<page>.html``; articles under a date (``/20231024/123.html``, ``/2023/1024/123.html``)."""

    name = "dedecms"
    site_type = "dedecms"
