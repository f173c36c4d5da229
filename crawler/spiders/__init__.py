"""One spider per site type; which site it reads comes from the source entry (``-a source=NAME``)."""

from crawler.spiders.dedecms import DedecmsSpider
from crawler.spiders.generic import GenericSpider
from crawler.spiders.taiwancn import TaiwancnSpider
from crawler.spiders.zblog import ZblogSpider

SPIDERS = {spider.site_type: spider for spider in (ZblogSpider, DedecmsSpider, TaiwancnSpider, GenericSpider)}

__all__ = ["SPIDERS", "DedecmsSpider", "GenericSpider", "TaiwancnSpider", "ZblogSpider"]
