"""PHPCMS v9 sites drawn from the V9.6.3 default templates: read right, recognised, crawled whole.

Two themes: ``phpcms-default`` (static HTML: ``/html/2021/news_0826/566.html``,
``/html/news/2.html``) and ``phpcms-dynamic`` (``index.php?m=content&c=index&a=show&catid=6&id=566``,
``…&a=lists&catid=6&page=2``).  show.html puts the date line inside the title's
``<h1>``: ``<h1>标题<br /><span>2021-08-26 09:30:00&nbsp;&nbsp;&nbsp;来源：…&nbsp;&nbsp;&nbsp;评论：0 点击：</span>``,
and prints an auto-summary (the body's first 100 characters and "...") above the body.

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

TYPE = "phpcms"
THEMES = ("phpcms-default", "phpcms-dynamic")


def _style(name: str) -> SiteStyle:
    style = themed_site(name)
    assert style.theme is not None and style.site_type == TYPE
    return style


# --- the declaration's URL shapes, on the product's real URL modes ---------------------------

URLS = [
    # (url, what it is: "article", "listing" or "" for neither)
    ("http://www.example.gov.cn/html/2021/news_0826/566.html", "article"),  # urlrule 11
    ("http://www.example.gov.cn/html/news/2021/0826/566.html", "article"),  # urlrule 12
    ("http://www.example.gov.cn/index.php?m=content&c=index&a=show&catid=6&id=566", "article"),  # urlrule 16
    ("http://www.example.gov.cn/show-6-566-1.html", "article"),  # urlrule 17
    ("http://www.example.gov.cn/content-6-566-1.html", "article"),  # urlrule 18
    ("http://www.example.gov.cn/html/2021/news_0826/566_2.html", ""),  # page 2 of the same article
    ("http://www.example.gov.cn/index.php?m=content&c=index&a=show&catid=6&id=566&page=2", ""),
    ("http://www.example.gov.cn/show-6-566-2.html", ""),
    ("http://www.example.gov.cn/html/news/2.html", "listing"),  # urlrule 1
    ("http://www.example.gov.cn/html/news/china/12.html", "listing"),
    ("http://www.example.gov.cn/news/3.html", "listing"),  # a column generated at the site root
    ("http://www.example.gov.cn/index.php?m=content&c=index&a=lists&catid=6&page=2", "listing"),  # urlrule 6
    ("http://www.example.gov.cn/list-6-2.html", "listing"),  # urlrule 30
    # The first page is the start URL, never "a further page".
    ("http://www.example.gov.cn/html/news/", ""),
    ("http://www.example.gov.cn/html/news/index.html", ""),
    ("http://www.example.gov.cn/html/news/1.html", ""),
    ("http://www.example.gov.cn/index.php?m=content&c=index&a=lists&catid=6", ""),
    ("http://www.example.gov.cn/list-6-1.html", ""),
    # Routes of the product that are neither.
    ("http://www.example.gov.cn/index.php?m=content&c=tag&a=lists&tag=%E6%8B%9B%E5%95%86", ""),
    ("http://www.example.gov.cn/index.php?m=comment&c=index&a=init&commentid=content_6-566-1&iframe=1", ""),
    ("http://www.example.gov.cn/api.php?op=count&id=566&modelid=1", ""),
]


@pytest.mark.parametrize(("url", "kind"), URLS)
def test_url_shapes(url: str, kind: str) -> None:
    site = site_type(TYPE)
    assert bool(re.search(site.article_url, url)) == (kind == "article")
    assert bool(re.search(site.listing_url, url)) == (kind == "listing")


# --- the pages and the traps their templates hold ------------------------------------------------


@pytest.mark.parametrize("name", THEMES)
def test_no_chrome_in_the_body(site_mirror: MirrorServer, name: str) -> None:
    # The summary, tags, prev/next, related list, share box, ranks and footer stay out.
    chrome = ("...", "相关热词", "上一篇", "下一篇", "延伸阅读", "分享到", "收藏", "排行", "Powered by", "ICP")
    for reading in clean_site(site_mirror, _style(name)):
        assert [line for line in reading.body if any(mark in line for mark in chrome)] == []


# --- recognising the pages -----------------------------------------------------------------------


@pytest.mark.parametrize("name", THEMES)
def test_pages_are_recognised_as_phpcms_by_their_links_without_the_page_source(
    site_mirror: MirrorServer, name: str
) -> None:
    """Without the page source (where its scripts' paths are found), only links and the <title> can tell.

    (With the source, every themed page is recognised: ``test_themed_sites.py``.)
    """
    style = _style(name)
    paths = [article_path(style, a) for a in site_mirror.articles(name)] + listing_paths(site_mirror, style)
    kinds = {path: page_type(site_mirror, style, path, with_source=False) for path in paths}
    assert {path: kind for path, kind in kinds.items() if kind != TYPE} == {}
