"""Z-BlogPHP blogs (bs-cfw.com, rent.sh.cn); link shapes declared in ``monitor.sites.zblog``."""

from __future__ import annotations

from crawler.spiders.source_spider import SourceSpider


class ZblogSpider(SourceSpider):
    """Category listings (``category-N.html``, ``category-N_P.html``) and post pages; links from the listing body."""

    name = "zblog"
    site_type = "zblog"
