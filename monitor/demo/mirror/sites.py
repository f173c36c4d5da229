"""The mirror's sites: which there are, how each is styled, and the articles each starts with."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date

from monitor.demo.mirror.generator import MirrorArticle, attributed, generate_article, publication_time
from monitor.demo.mirror.seeds import seed_articles
from monitor.demo.mirror.templates import SiteStyle, theme_style
from monitor.demo.mirror.themes import themes
from monitor.errors import InputError

SITES = (
    SiteStyle("zblog", "zblog", "utf-8", "utf-8", "utf-8", "上海厂房出租信息"),
    SiteStyle("dedecms", "dedecms", "gbk", "gb2312", None, "招商动态"),
    SiteStyle("taiwancn", "taiwancn", "big5", "big5", "big5", "新聞中心"),
    SiteStyle("generic", "generic", "utf-8", "utf-8", "gbk", "招商资讯"),
)
# Sites drawn in real CMS template structures, one per theme (monitor.demo.mirror.themes).
THEME_SITES = tuple(theme_style(theme) for theme in themes())
TROUBLE = SiteStyle("trouble", "generic", "utf-8", "utf-8", "utf-8", "故障测试")

ROBOTS_TXT = "User-agent: *\nDisallow: /private/\nDisallow: /_mirror/\nDisallow: /zblog/zb_system/\n"


def site_style(site: str) -> SiteStyle:
    """The style of the mirror site called ``site``; InputError if there is none."""
    for style in (*SITES, *THEME_SITES):
        if style.name == site:
            return style
    names = ", ".join(s.name for s in (*SITES, *THEME_SITES))
    raise InputError(f"no mirror site {site!r} (sites: {names})")


def build_site(style: SiteStyle, count: int, seed: int, today: date) -> list[MirrorArticle]:
    """A site's first articles, newest first: ``count`` generated ones and the seeds of its type.

    A themed site has its theme's own number of generated articles, each with
    the 来源 and author it prints, and no seeds.
    """
    if style.theme is not None:
        made = (generate_article(seed, style.name, i, publication_time(today, i)) for i in range(style.theme.articles))
        return [attributed(article, seed, style.name) for article in made]
    generated = [
        localise(style, generate_article(seed, style.name, i, publication_time(today, i))) for i in range(count)
    ]
    seeds = seed_articles(style.name, first_id=count + 1)
    return sorted([*generated, *seeds], key=lambda a: a.published, reverse=True)


def localise(style: SiteStyle, article: MirrorArticle) -> MirrorArticle:
    """The article as ``style``'s site writes it (Traditional characters on the Taiwan portal)."""
    if style.site_type != "taiwancn":
        return article
    # The Taiwan portal writes Traditional characters; cleaning turns them back.
    convert = _to_traditional()
    return MirrorArticle(
        article.article_id,
        convert(article.title),
        tuple(convert(p) for p in article.paragraphs),
        article.published,
        article.modified,
    )


@functools.cache
def _to_traditional() -> Callable[[str], str]:
    """OpenCC's Simplified-to-Traditional converter, loaded once (loading its dictionaries is slow)."""
    from opencc import OpenCC

    convert: Callable[[str], str] = OpenCC("s2t").convert
    return convert
