"""EmpireCMS (帝国CMS) sites drawn from the 7.x default templates: read right, recognised, crawled whole.

Two themes: ``empirecms-news`` (static pages in GBK: ``/news/2021-08-26/1843.html``,
``/news/index_2.html``) and ``empirecms-dynamic`` (``/e/action/ShowInfo.php?classid=6&id=1843``,
``/e/action/ListInfo/index.php?page=1&classid=6`` with pages counted from 0).  The
title is the only ``<h1>``; the info line is ``时间：2021-08-26 09:30:00&nbsp;&nbsp;来源：…&nbsp;&nbsp;作者：…``.

What every themed site gets (its articles read right with the type given and
recognised, its listings no articles, crawls by its own spider and by
``generic``) is tested once for all of them in ``test_themed_sites.py``; here
are the product's own traps, URL shapes and declaration.
"""

from __future__ import annotations

import re

import pytest

from monitor.demo.mirror import MirrorServer
from monitor.demo.mirror.templates import SiteStyle, article_path
from monitor.sites import site_type
from tests.sites.theme_harness import (
    clean_site,
    listing_paths,
    page_type,
    themed_site,
)

TYPE = "empirecms"
THEMES = ("empirecms-news", "empirecms-dynamic")


def _style(name: str) -> SiteStyle:
    style = themed_site(name)
    assert style.theme is not None and style.site_type == TYPE
    return style


# --- the declaration's URL shapes, on the product's real URL modes ---------------------------

URLS = [
    # (url, what it is: "article", "listing" or "" for neither)
    ("http://www.example.gov.cn/news/2021-08-26/1843.html", "article"),  # 文件存放目录 Y-m-d
    ("http://www.example.gov.cn/html/news/2021/0826/1843.html", "article"),  # Y/md
    ("http://www.example.gov.cn/news/20210826/1843.html", "article"),  # Ymd
    ("http://www.example.gov.cn/e/action/ShowInfo.php?classid=2&id=1843", "article"),  # dynamic
    ("http://www.example.gov.cn/showinfo-2-1843-0.html", "article"),  # rewritten
    ("http://www.example.gov.cn/news/2021-08-26/1843_2.html", ""),  # page 2 of the same article
    ("http://www.example.gov.cn/e/action/ShowInfo.php?classid=2&id=1843&page=1", ""),
    ("http://www.example.gov.cn/news/index_2.html", "listing"),
    ("http://www.example.gov.cn/news/index_12.html", "listing"),
    ("http://www.example.gov.cn/e/action/ListInfo/index.php?page=1&classid=2", "listing"),
    ("http://www.example.gov.cn/e/action/ListInfo/?classid=2&page=3", "listing"),
    ("http://www.example.gov.cn/listinfo-2-1.html", "listing"),
    # The first page is the start URL, never "a further page": a column link or page=0.
    ("http://www.example.gov.cn/news/", ""),
    ("http://www.example.gov.cn/news/index.html", ""),
    ("http://www.example.gov.cn/e/action/ListInfo/?classid=2", ""),
    ("http://www.example.gov.cn/e/action/ListInfo/index.php?page=0&classid=2", ""),
    ("http://www.example.gov.cn/listinfo-2-0.html", ""),
    # Scripts and forms of the product.
    ("http://www.example.gov.cn/e/member/cp/", ""),
    ("http://www.example.gov.cn/e/public/ViewClick/?classid=2&id=1843&addclick=1", ""),
]


@pytest.mark.parametrize(("url", "kind"), URLS)
def test_url_shapes(url: str, kind: str) -> None:
    site = site_type(TYPE)
    assert bool(re.search(site.article_url, url)) == (kind == "article")
    assert bool(re.search(site.listing_url, url)) == (kind == "listing")


# --- the pages and the traps their templates hold ------------------------------------------------


@pytest.mark.parametrize("name", THEMES)
def test_no_chrome_in_the_body(site_mirror: MirrorServer, name: str) -> None:
    # The digg box, the comment form, the sider and the footer stay out, whatever else cleaning gets wrong.
    chrome = ("来顶一下", "返回首页", "发表评论", "条评论", "匿名发表", "推荐资讯", "相关文章", "Powered by", "ICP")
    for reading in clean_site(site_mirror, _style(name)):
        assert [line for line in reading.body if any(mark in line for mark in chrome)] == []


# --- recognising the pages -----------------------------------------------------------------------


@pytest.mark.parametrize("name", THEMES)
def test_pages_are_recognised_as_empirecms_by_their_links_without_the_page_source(
    site_mirror: MirrorServer, name: str
) -> None:
    """Without the page source (where its scripts' paths are found), only links and the <title> can tell.

    (With the source, every themed page is recognised: ``test_themed_sites.py``.)
    """
    style = _style(name)
    paths = [article_path(style, a) for a in site_mirror.articles(name)] + listing_paths(site_mirror, style)
    kinds = {path: page_type(site_mirror, style, path, with_source=False) for path in paths}
    assert {path: kind for path, kind in kinds.items() if kind != TYPE} == {}
