"""Z-BlogPHP blogs (bs-cfw.com, rent.sh.cn); link shapes declared in ``monitor.sites.zblog``."""

from __future__ import annotations

from crawler.spiders.source_spider import SourceSpider


class ZblogSpider(SourceSpider):
    """Paged categories and post pages, rewritten or dynamic; article links from the listing's ``div.post`` entries.

    Every URL mode the product offers (``?cate=N&page=P`` and ``?id=N``,
    ``category-N_P.html`` and ``post/N.html``, ``category/alias/P/`` and
    ``YYYY/MM/N/``) is a regular expression of the declaration, so the
    spider needs no code of its own.
    """

    name = "zblog"
    site_type = "zblog"
