"""An EmpireCMS 7.x site with static pages, in GBK: the default news templates as a fresh install has them.

The markup is ``monitor.demo.mirror.themes._empirecms`` (read its docstring for
what of the product it follows).  This site publishes static HTML the way
EmpireCMS's default column settings generate it: the column's list pages are
``/news/index.html``, ``/news/index_2.html`` …; an article lives under its date,
``/news/2021-08-26/1843.html`` (文件存放目录 ``Y-m-d``, file named by id).  The GBK
edition is as common on government and park sites as the UTF-8 one: the pages
are GBK bytes, ``<meta>`` says gb2312, and the web server names no charset.
The byline is the default one (时间/来源/作者, date and time), with no 上一篇/下一篇.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import Theme, ThemePage
from monitor.demo.mirror.themes._empirecms import FOLLOWS, EmpireSite, article_page, info_id, listing_page

SITE = EmpireSite(class_path="news", classid=2, icp="皖ICP备13007221号-1")


def _article_path(article: MirrorArticle) -> str:
    return f"/news/{article.published:%Y-%m-%d}/{info_id(article)}.html"


def _listing_path(page: int) -> str:
    return "/news/index.html" if page == 1 else f"/news/index_{page}.html"


def _render_article(page: ThemePage, article: MirrorArticle) -> str:
    return article_page(page, SITE, article)


def _render_listing(page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
    return listing_page(page, SITE, articles, number, pages)


THEME = Theme(
    name="empirecms-news",
    site_type="empirecms",
    follows=FOLLOWS + "; static pages (list index_N.html, articles /news/Y-m-d/ID.html), GBK edition",
    site_name="肥西县投资促进中心",
    category="招商动态",
    article_path=_article_path,
    listing_path=_listing_path,
    render_article=_render_article,
    render_listing=_render_listing,
    article_pattern=r"/news/\d{4}-\d{2}-\d{2}/\d+\.html$",
    encoding="gbk",
    meta_charset="gb2312",
    header_charset=None,
    shows_time=True,
)
