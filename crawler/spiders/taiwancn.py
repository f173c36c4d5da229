"""The 中国台湾网 mobile portal; link shapes declared in ``monitor.sites.taiwancn``."""

from __future__ import annotations

from crawler.spiders.source_spider import SourceSpider


class TaiwancnSpider(SourceSpider):
    """Column listings ``index.htm``, ``index_1.htm`` …; articles ``…/t20210121_12320000.htm``."""

    name = "taiwancn"
    site_type = "taiwancn"
