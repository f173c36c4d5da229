"""A PHPCMS v9 site generating static HTML: the default templates with the install's static URL rules.

The markup is ``monitor.demo.mirror.themes._phpcms`` (read its docstring for what
of the product it follows).  The column is generated as HTML under the
``html_root`` ``/html``: its list pages are ``/html/news/index.html`` and
``/html/news/2.html`` … (urlrule 1), the nav and breadcrumb link it as
``/html/news/`` (``category_url`` drops ``index.html``); an article is
``/html/2021/news_0826/566.html`` (urlrule 11, ``{$year}/{$catdir}_{$month}{$day}/{$id}.html``).
Static files are served with no charset in Content-Type; the page's ``<meta>`` says utf-8.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import Theme, ThemePage
from monitor.demo.mirror.themes._phpcms import FOLLOWS, PhpcmsSite, article_page, content_id, listing_page


def _column_url(page: ThemePage, catdir: str, catid: int) -> str:
    return f"{page.root}/html/{catdir}/"


SITE = PhpcmsSite(catdir="news", catid=6, icp="苏ICP备10212345号-2", column_url=_column_url)


def _article_path(article: MirrorArticle) -> str:
    day = article.published
    return f"/html/{day:%Y}/{SITE.catdir}_{day:%m%d}/{content_id(article)}.html"


def _listing_path(page: int) -> str:
    return f"/html/{SITE.catdir}/index.html" if page == 1 else f"/html/{SITE.catdir}/{page}.html"


def _render_article(page: ThemePage, article: MirrorArticle) -> str:
    return article_page(page, SITE, article)


def _render_listing(page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
    return listing_page(page, SITE, articles, number, pages)


THEME = Theme(
    name="phpcms-default",
    site_type="phpcms",
    follows=FOLLOWS + "; static HTML (urlrules 1 and 11: /html/news/N.html, /html/Y/news_md/ID.html)",
    site_name="南通市投资促进网",
    category="招商快讯",
    article_path=_article_path,
    listing_path=_listing_path,
    render_article=_render_article,
    render_listing=_render_listing,
    article_pattern=r"/html/\d{4}/[a-z]\w*_\d{4}/\d+\.html$",
    header_charset=None,
    shows_time=True,
)
