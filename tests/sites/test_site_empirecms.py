"""EmpireCMS (帝国CMS) sites drawn from the 7.x default templates: read right, recognised, crawled whole.

Two themes: ``empirecms-news`` (static pages in GBK: ``/news/2021-08-26/1843.html``,
``/news/index_2.html``) and ``empirecms-dynamic`` (``/e/action/ShowInfo.php?classid=6&id=1843``,
``/e/action/ListInfo/index.php?page=1&classid=6`` with pages counted from 0).  The
title is the only ``<h1>``; the info line is ``时间：2021-08-26 09:30:00&nbsp;&nbsp;来源：…&nbsp;&nbsp;作者：…``.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from lxml import etree

from monitor.demo.mirror import MirrorServer
from monitor.demo.mirror.templates import SiteStyle, article_path
from monitor.sites import site_type
from monitor.text import clean_html
from monitor.text.byline import BEIJING
from monitor.text.decoding import decode_page
from monitor.text.plausible import not_an_article
from monitor.text.recognise import page_site_type
from tests.sites.theme_harness import (
    CrawledSite,
    Reading,
    clean_site,
    listing_paths,
    page_bytes,
    source_name,
    themed_site,
)

TYPE = "empirecms"
THEMES = ("empirecms-news", "empirecms-dynamic")
GENERIC = ("generic-pattern", "generic-bare")
# What a generic crawl must read right at least (issue 14's target).
GENERIC_RATE = 0.95


def _style(name: str) -> SiteStyle:
    style = themed_site(name)
    assert style.theme is not None and style.site_type == TYPE
    return style


def _shows_time(style: SiteStyle) -> bool:
    assert style.theme is not None
    return style.theme.shows_time


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


# --- cleaning each article page ------------------------------------------------------------------


@pytest.mark.parametrize("name", THEMES)
def test_cleaning_reads_title_date_source_and_body(site_mirror: MirrorServer, name: str) -> None:
    style = _style(name)
    readings = clean_site(site_mirror, style)
    assert len(readings) == len(site_mirror.articles(name))
    wrong = {r.truth.article_id: r.problems(_shows_time(style)) for r in readings}
    assert {ident: found for ident, found in wrong.items() if found} == {}


@pytest.mark.parametrize("name", THEMES)
def test_no_chrome_in_the_body(site_mirror: MirrorServer, name: str) -> None:
    # The digg box, the comment form, the sider and the footer stay out, whatever else cleaning gets wrong.
    chrome = ("来顶一下", "返回首页", "发表评论", "条评论", "匿名发表", "推荐资讯", "相关文章", "Powered by", "ICP")
    for reading in clean_site(site_mirror, _style(name)):
        assert [line for line in reading.body if any(mark in line for mark in chrome)] == []


# --- recognising the pages -----------------------------------------------------------------------


def _page_type(site_mirror: MirrorServer, style: SiteStyle, path: str, *, with_source: bool) -> str:
    text, _ = decode_page(page_bytes(site_mirror, style, path), style.header_charset)
    document = etree.fromstring(text.encode("utf-8"), etree.HTMLParser(encoding="utf-8"))
    metas = [(meta.get("name") or "", meta.get("content") or "") for meta in document.iter("meta")]
    # Without the page source, only links and the <title> can tell.
    return page_site_type(document, metas, site_mirror.base_url + path, text if with_source else None)


@pytest.mark.parametrize("with_source", [True, False], ids=["source", "links"])
@pytest.mark.parametrize("name", THEMES)
def test_pages_are_recognised_as_empirecms(site_mirror: MirrorServer, name: str, with_source: bool) -> None:
    style = _style(name)
    paths = [article_path(style, a) for a in site_mirror.articles(name)] + listing_paths(site_mirror, style)
    kinds = {path: _page_type(site_mirror, style, path, with_source=with_source) for path in paths}
    assert {path: kind for path, kind in kinds.items() if kind != TYPE} == {}


# --- listing pages are not articles --------------------------------------------------------------


@pytest.mark.parametrize("name", THEMES)
def test_a_listing_page_is_not_an_article(site_mirror: MirrorServer, name: str) -> None:
    style = _style(name)
    for path in listing_paths(site_mirror, style):
        cleaned = clean_html(
            page_bytes(site_mirror, style, path),
            url=site_mirror.base_url + path,
            fetched=datetime.now(BEIJING),
            http_charset=style.header_charset,
            site_type=TYPE,
        )
        assert not_an_article(cleaned) is not None, f"{path} cleans to an article: {cleaned.paragraphs[:3]}"


# --- crawls ---------------------------------------------------------------------------------------


def _only_on_later_pages(site_mirror: MirrorServer, style: SiteStyle) -> list[int]:
    """Ids of the articles no page links but listing pages 2, 3 … (the sidebars show the newest five)."""
    assert style.theme is not None
    articles = site_mirror.articles(style.name)
    shown_early = {a.article_id for a in articles[: style.theme.page_size]} | {a.article_id for a in articles[:5]}
    later = [a.article_id for a in articles if a.article_id not in shown_early]
    assert later, "the site must have articles that only later listing pages link"
    return later


def _crawled(themed_crawl: dict[str, CrawledSite], style: SiteStyle, spider: str) -> CrawledSite:
    crawled = themed_crawl[source_name(style, spider)]
    assert crawled.outcome.status == "ok", crawled.outcome
    return crawled


@pytest.mark.parametrize("name", THEMES)
def test_own_spider_finds_every_article_and_stores_nothing_else(
    site_mirror: MirrorServer, themed_crawl: dict[str, CrawledSite], name: str
) -> None:
    style = _style(name)
    crawled = _crawled(themed_crawl, style, "own")
    missing = [a.article_id for a in crawled.missing]
    assert [ident for ident in _only_on_later_pages(site_mirror, style) if ident in missing] == []
    assert missing == []
    assert crawled.strays == []


@pytest.mark.parametrize("name", THEMES)
def test_own_spider_stores_every_article_read_right(themed_crawl: dict[str, CrawledSite], name: str) -> None:
    style = _style(name)
    crawled = _crawled(themed_crawl, style, "own")
    wrong = {r.truth.article_id: r.problems(_shows_time(style)) for r in crawled.readings}
    assert {ident: found for ident, found in wrong.items() if found} == {}


def _right(readings: list[Reading], fields: tuple[str, ...], shows_time: bool) -> int:
    """How many readings have no problem with ``fields`` (``("title",)``, ``("date", "time")``)."""
    return sum(1 for r in readings if not any(p.startswith(fields) for p in r.problems(shows_time)))


@pytest.mark.parametrize("spider", GENERIC)
@pytest.mark.parametrize("name", THEMES)
def test_generic_crawls_find_every_article_and_read_titles_and_dates(
    site_mirror: MirrorServer, themed_crawl: dict[str, CrawledSite], name: str, spider: str
) -> None:
    style = _style(name)
    crawled = _crawled(themed_crawl, style, spider)
    assert [a.article_id for a in crawled.missing] == []
    assert crawled.strays == []
    total, shows_time = len(site_mirror.articles(name)), _shows_time(style)
    titles = [r.title for r in crawled.readings if r.title != r.truth.title]
    assert _right(crawled.readings, ("title",), shows_time) / total >= GENERIC_RATE, titles
    dates = [p for r in crawled.readings for p in r.problems(shows_time) if p.startswith(("date", "time"))]
    assert _right(crawled.readings, ("date", "time"), shows_time) / total >= GENERIC_RATE, dates
