"""One spider per site type; which site it reads comes from the source entry (``-a source=NAME``).

The site types and their link shapes are declared in ``monitor.sites``; a
spider class adds only what needs code (the generic spider's selectors).
A registered type without a class of its own here gets a plain
``SourceSpider`` made for it, so adding a site type is adding its module
to ``monitor.sites``.
"""

from crawler.spiders.dedecms import DedecmsSpider
from crawler.spiders.generic import GenericSpider
from crawler.spiders.source_spider import SourceSpider
from crawler.spiders.taiwancn import TaiwancnSpider
from crawler.spiders.zblog import ZblogSpider
from monitor.sites import site_type_names

_WITH_CODE: dict[str, type[SourceSpider]] = {
    spider.site_type: spider for spider in (ZblogSpider, DedecmsSpider, TaiwancnSpider, GenericSpider)
}


def _declared_only(name: str) -> type[SourceSpider]:
    """A spider for a site type whose declaration says all its links need (no code of its own)."""
    return type(f"{name.title()}Spider", (SourceSpider,), {"name": name, "site_type": name, "__module__": __name__})


# By site type, for every registered type (tests/sites checks the two agree).
SPIDERS: dict[str, type[SourceSpider]] = {
    name: _WITH_CODE.get(name) or _declared_only(name) for name in site_type_names()
}

__all__ = ["SPIDERS", "DedecmsSpider", "GenericSpider", "SourceSpider", "TaiwancnSpider", "ZblogSpider"]
