"""The 中国台湾网 mobile portal: TRS-style ``index_N.htm`` listings and ``tYYYYMMDD_ID.htm`` articles."""

from __future__ import annotations

from crawler.spiders.source_spider import SourceSpider


class TaiwancnSpider(SourceSpider):
    """Column listings ``index.htm``, ``index_1.htm`` …; articles ``…/t20210121_12320000.htm``."""

    name = "taiwancn"
    site_type = "taiwancn"
    article_url = r"/t20\d{6}_\d+\.s?html?$"
    listing_url = r"/index(?:_\d+)?\.s?html?$"
