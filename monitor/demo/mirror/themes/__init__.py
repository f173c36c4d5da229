"""Mirror themes: sites rendered in the structure of real CMS templates, one module per theme.

The mirror's four first sites (``monitor.demo.mirror.templates``) were drawn
from memory.  A theme is drawn from a real product: its author read the
CMS's published template files (Z-BlogPHP's ``zb_users/theme/default/template/``,
DedeCMS 5.7's ``templets/default/``, …) and reproduced their rendered
structure — class names, ids, nav, sidebars, breadcrumbs, comment blocks,
related lists, footers, pagination, URL shapes — in markup of our own.  No
third-party template file is copied; each theme names in ``follows`` the
release and the template files it follows, and every page it renders says so
in an HTML comment.

Each module here declares ``THEME = Theme(...)``; the registry finds them the
way ``monitor.sites`` finds site types, so adding a theme is adding a file.
A theme's site is served by the mirror under ``/<name>/`` and crawled by a
source of type ``site_type``; what it renders (title, date, 来源, body) is the
truth the site tests and ``bench/bench_sites.py`` compare cleaning against.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from monitor.demo.mirror.generator import MirrorArticle


@dataclass(frozen=True)
class ThemePage:
    """What a theme's renderer is told about the page it draws.

    ``root`` is the site's URL prefix on the mirror (``/zblog-default``): every
    link a theme draws starts with it.  ``url`` is the page's own absolute URL.
    ``recent`` are the site's newest articles (for sidebars of latest posts),
    ``today`` the mirror's date (for relative dates such as ``3天前``).
    """

    root: str
    url: str
    today: date
    recent: Sequence[MirrorArticle]
    theme: Theme

    def article_href(self, article: MirrorArticle) -> str:
        """The link to ``article`` as the site writes it (root-relative)."""
        return self.root + self.theme.article_path(article)

    def listing_href(self, page: int) -> str:
        """The link to listing page ``page`` (1-based) as the site writes it (root-relative)."""
        return self.root + self.theme.listing_path(page)


ArticleRenderer = Callable[[ThemePage, MirrorArticle], str]
ListingRenderer = Callable[[ThemePage, Sequence[MirrorArticle], int, int], str]


@dataclass(frozen=True)
class Theme:
    """One mirror site drawn in a real CMS's template structure.

    ``article_path(article)`` and ``listing_path(page)`` are paths below the
    site's root, starting with ``/`` and possibly carrying a query
    (``/?id=7``, ``/?cate=1&page=2``).  ``render_article(page, article)`` and
    ``render_listing(page, articles, number, pages)`` return the page's HTML
    text; the server encodes it in ``encoding`` and names ``header_charset``
    in Content-Type (None: no charset there).  ``article_pattern`` is a regular
    expression of the theme's article URLs, given to a ``generic`` source that
    crawls the site with a pattern.  ``shows_time``: whether article pages give
    the time of day as well as the date (the truth is then to the minute).
    The site has ``articles`` generated articles, ``page_size`` to a listing.
    """

    name: str
    site_type: str
    follows: str
    site_name: str
    category: str
    article_path: Callable[[MirrorArticle], str]
    listing_path: Callable[[int], str]
    render_article: ArticleRenderer
    render_listing: ListingRenderer
    article_pattern: str
    encoding: str = "utf-8"
    meta_charset: str = "utf-8"
    header_charset: str | None = "utf-8"
    shows_time: bool = False
    articles: int = 7
    page_size: int = 3


@cache
def themes() -> tuple[Theme, ...]:
    """Every theme of this package, by name."""
    found: list[Theme] = []
    for module in pkgutil.iter_modules(__path__):
        if module.ispkg or module.name.startswith("_"):
            continue
        declared = getattr(importlib.import_module(f"{__name__}.{module.name}"), "THEME", None)
        if declared is None:
            continue  # a helper module shared by themes
        if not isinstance(declared, Theme):
            raise RuntimeError(f"{__name__}.{module.name}: THEME must be a Theme")
        found.append(declared)
    names = [theme.name for theme in found]
    if len(set(names)) != len(names):
        raise RuntimeError(f"{__name__}: two themes share a name: {sorted(names)}")
    return tuple(sorted(found, key=lambda theme: theme.name))
