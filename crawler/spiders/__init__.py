"""One spider per site type; which site it reads comes from the source entry (``-a source=NAME``).

The site types and their link shapes are declared in ``monitor.sites``; a
spider class adds only what needs code (the generic spider's selectors, the
Hanweb spider's data island).  The spiders with code are found the way the
registry finds its types: every module of this package is read, and each
``SourceSpider`` subclass that names a ``site_type`` is that type's spider.
A registered type without a class of its own gets a plain ``SourceSpider``
made for it, so adding a site type is adding its module to ``monitor.sites``
(and, when its links need code, a module here).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from crawler.spiders.source_spider import SourceSpider
from monitor.sites import site_type_names


def _with_code() -> dict[str, type[SourceSpider]]:
    """The spider classes of this package's modules, by the site type each names."""
    found: dict[str, type[SourceSpider]] = {}
    for module in pkgutil.iter_modules(__path__):
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        for _name, spider in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(spider, SourceSpider) and spider.site_type and spider.__module__ == loaded.__name__:
                if spider.site_type in found:
                    raise RuntimeError(f"{__name__}: two spiders for site type {spider.site_type!r}")
                found[spider.site_type] = spider
    return found


def _declared_only(name: str) -> type[SourceSpider]:
    """A spider for a site type whose declaration says all its links need (no code of its own)."""
    return type(f"{name.title()}Spider", (SourceSpider,), {"name": name, "site_type": name, "__module__": __name__})


_WITH_CODE = _with_code()

# By site type, for every registered type (tests/sites checks the two agree).
SPIDERS: dict[str, type[SourceSpider]] = {
    name: _WITH_CODE.get(name) or _declared_only(name) for name in site_type_names()
}
# Made ones are names of this module too, where Scrapy's spider loader looks (``scrapy crawl pbootcms``).
globals().update({spider.__name__: spider for spider in SPIDERS.values() if spider.__module__ == __name__})

__all__ = ["SPIDERS", "SourceSpider"]
