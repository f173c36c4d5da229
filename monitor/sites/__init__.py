"""The site-type registry: the one place that lists the kinds of site signwatch reads.

Each site type is one module of this package holding one declaration,
``SITE = SiteType(...)`` (see ``monitor.sites.declaration`` for what it says).
The registry finds those modules by looking in this package, the way Apprise
finds its plugins: adding a site type is adding a file.  The spiders, the
configuration check and cleaning all read the declarations from here; none
of them keeps a list of types of its own.

    >>> site_type_names()[:3], site_type_names()[-1]
    (('zblog', 'dedecms', 'taiwancn'), 'generic')
    >>> site_type("dedecms").generators
    ('dedecms',)

This package imports no Scrapy, no lxml and nothing of the store.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from monitor.errors import InputError
from monitor.sites.declaration import SiteType

__all__ = ["SiteType", "fallback_site_type", "site_type", "site_type_names", "site_types"]


@cache
def site_types() -> tuple[SiteType, ...]:
    """Every registered site type, in rank order, the fallback type last."""
    found: list[SiteType] = []
    for module in pkgutil.iter_modules(__path__):
        if module.ispkg or module.name.startswith("_"):
            continue
        declared = getattr(importlib.import_module(f"{__name__}.{module.name}"), "SITE", None)
        if declared is None:
            continue  # a helper module, such as the declaration itself
        if not isinstance(declared, SiteType) or declared.name != module.name:
            raise RuntimeError(f"{__name__}.{module.name}: SITE must be a SiteType named {module.name!r}")
        found.append(declared)
    found.sort(key=lambda site: (site.fallback, site.rank))
    _check(found)
    return tuple(found)


def _check(found: list[SiteType]) -> None:
    """Ranks unique and exactly one fallback: otherwise recognising a page would depend on file order."""
    ranks = [site.rank for site in found]
    if len(set(ranks)) != len(ranks):
        raise RuntimeError(f"{__name__}: two site types share a rank: {ranks}")
    fallbacks = [site.name for site in found if site.fallback]
    if len(fallbacks) != 1:
        raise RuntimeError(f"{__name__}: exactly one site type must be the fallback, not {fallbacks}")


@cache
def site_type_names() -> tuple[str, ...]:
    """The names of the registered site types, in rank order (what a source's ``type`` may be)."""
    return tuple(site.name for site in site_types())


@cache
def _by_name() -> dict[str, SiteType]:
    return {site.name: site for site in site_types()}


def site_type(name: str) -> SiteType:
    """The declaration of site type ``name``; an unknown name is an InputError naming the known ones."""
    found = _by_name().get(name)
    if found is None:
        raise InputError(f"unknown site type {name!r} (known: {', '.join(site_type_names())})")
    return found


def fallback_site_type() -> SiteType:
    """The type of a page no other type recognises (``generic``)."""
    return site_types()[-1]
