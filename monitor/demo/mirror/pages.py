"""The mirror sites' pages by path: paginated listings, RSS feed, sitemap and articles, rendered as replies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.replies import Reply, html_reply, text_reply
from monitor.demo.mirror.sites import SITES, THEME_SITES
from monitor.demo.mirror.templates import (
    article_path,
    listing_path,
    render_article,
    render_feed,
    render_listing,
    render_sitemap,
)


def site_page(
    articles_by_site: dict[str, list[MirrorArticle]],
    path: str,
    *,
    page_size: int,
    base_url: Callable[[], str],
    today: date,
) -> Reply | None:
    """The page at ``path`` on one of the sites, from its articles (newest first); None if there is none.

    ``path`` may carry a query (``/zblog-dynamic/?id=3``): themed sites with
    dynamic URLs are addressed by it; the first sites ignore it.
    ``base_url()`` is asked only by the pages that name it (feed, sitemap,
    article): a listing renders on a mirror that is not running.
    """
    bare = path.split("?", 1)[0]
    for style in (*SITES, *THEME_SITES):
        if not bare.startswith(f"/{style.name}/") and bare != f"/{style.name}":
            continue
        if style.theme is None:
            path = bare
        articles = articles_by_site[style.name]
        size = style.theme.page_size if style.theme is not None else page_size
        pages = max(1, -(-len(articles) // size))
        recent = articles[:5]
        for number in range(1, pages + 1):
            if path == listing_path(style, number):
                chunk = articles[(number - 1) * size : number * size]
                url = base_url() + path if style.theme is not None else ""
                listing = render_listing(style, chunk, number, pages, url=url, today=today, recent=recent)
                return html_reply(style, listing, None)
        if path == f"/{style.name}/feed.xml":
            return text_reply(render_feed(style, articles[:20], base_url()), "application/rss+xml; charset=utf-8")
        if path == f"/{style.name}/sitemap.xml":
            return text_reply(render_sitemap(style, articles, base_url()), "application/xml; charset=utf-8")
        for article in articles:
            if article_path(style, article) == path:
                url = base_url() + path
                return html_reply(style, render_article(style, article, today, url, recent), article.modified)
    return None
