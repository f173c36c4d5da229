"""One spider per site type; which site it reads comes from the source entry (``-a source=NAME``).

The site types and their link shapes are declared in ``monitor.sites``; a
spider class adds only what needs code (the generic spider's selectors).
"""

from crawler.spiders.dedecms import DedecmsSpider
from crawler.spiders.generic import GenericSpider
from crawler.spiders.taiwancn import TaiwancnSpider
from crawler.spiders.zblog import ZblogSpider

# By site type; tests/sites checks that these are exactly the registered types.
SPIDERS = {spider.site_type: spider for spider in (ZblogSpider, DedecmsSpider, TaiwancnSpider, GenericSpider)}

__all__ = ["SPIDERS", "DedecmsSpider", "GenericSpider", "TaiwancnSpider", "ZblogSpider"]
