"""Z-BlogPHP sites drawn from the real templates (default theme, rewritten and dynamic URLs; tpure) read right.

The themes (``monitor/demo/mirror/themes/zblog_*.py``) reproduce what made
Z-BlogPHP pages read wrong: in the default theme the only ``<h1>`` is the
blog's name and ``<title>`` starts with it (every title came out as the site
name), the title shares its ``<h2>`` with the date, the dynamic URL mode
(``?id=N``, ``?cate=N&page=P``) matched no article pattern, and the pager's
next link is a ``›`` glyph; in tpure the info line is a run of unlabelled
spans and the related block repeats the title.  Neither theme prints a 来源:
the editor's ``来源：…`` line opens the body.

What every themed site gets (its articles read right with the type given and
recognised, its listings no articles, crawls by its own spider and by
``generic``) is tested once for all of them in ``test_themed_sites.py``; here
are the product's own traps, URL shapes and declaration.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urljoin

import pytest
from lxml import html as lxml_html
from parsel import Selector

from monitor.demo.mirror import MirrorServer
from monitor.demo.mirror.templates import article_path
from monitor.sites import site_type
from monitor.text.recognise import page_site_type, text_site_type
from tests.sites.theme_harness import (
    clean_site,
    listing_paths,
    page_bytes,
    themed_site,
)

THEMES = ("zblog-default", "zblog-dynamic", "zblog-tpure")
DEFAULT_THEMES = ("zblog-default", "zblog-dynamic")
SITE = site_type("zblog")


def _page_text(mirror: MirrorServer, theme: str, path: str) -> str:
    return page_bytes(mirror, themed_site(theme), path).decode("utf-8")


# --- the pages and the traps their templates hold ---------------------------------------


@pytest.mark.parametrize("theme", DEFAULT_THEMES)
def test_the_default_theme_page_carries_what_makes_it_hard(site_mirror: MirrorServer, theme: str) -> None:
    """The site's name is the only <h1> and opens <title>; the title's <h2> holds the date too; 来源 opens the body."""
    style = themed_site(theme)
    assert style.theme is not None
    article = site_mirror.articles(theme)[0]
    text = _page_text(site_mirror, theme, article_path(style, article))
    document = lxml_html.document_fromstring(text)
    assert [h.text_content() for h in document.iter("h1")] == [style.theme.site_name]
    assert document.findtext(".//title") == f"{style.theme.site_name}-{article.title}"
    heading = document.xpath("//h2[@class='post-title']")[0]
    assert heading.text_content() == f"{article.title}{article.published:%Y-%m-%d %H:%M:%S}"
    assert document.xpath("string(//div[@class='post-body']/p[1])") == f"来源：{article.source}"
    assert '<meta name="generator" content="Z-BlogPHP 1.7.5" />' in text
    assert f"作者:{article.author} <small>|</small> 分类:{style.theme.category}" in text


def test_tpure_page_carries_what_makes_it_hard(site_mirror: MirrorServer) -> None:
    """The logo is an image, the info line unlabelled spans, the related block's heading repeats the title."""
    style = themed_site("zblog-tpure")
    assert style.theme is not None
    article = site_mirror.articles("zblog-tpure")[1]
    text = _page_text(site_mirror, "zblog-tpure", article_path(style, article))
    document = lxml_html.document_fromstring(text)
    assert [h.text_content() for h in document.iter("h1")] == [article.title]
    assert document.findtext(".//title") == f"{article.title} - {style.theme.site_name}"
    info = document.xpath("//div[@class='post']/div[@class='info']")[0]
    assert info.text_content().split()[0] == f"{article.author}{article.published:%Y年%m月%d日}"
    assert document.xpath("string(//div[@class='single viewall']/p[1])") == f"来源：{article.source}"
    assert f"“{article.title}” 的相关文章" in text
    assert "当前位置：" in text and "正文内容" in text


@pytest.mark.parametrize("theme", THEMES)
def test_the_body_holds_no_chrome(site_mirror: MirrorServer, theme: str) -> None:
    """No breadcrumb, meta line, tags, share bar, prev/next, related teaser, comment or footer in any body."""
    chrome = re.compile(
        r"当前位置|正文内容|作者|分类:|浏览|标签|分享|上一篇|下一篇|相关文章|评论|发表|Powered|ICP|来源|版权声明|本文链接"
    )
    for reading in clean_site(site_mirror, themed_site(theme)):
        assert [line for line in reading.body if chrome.search(line)] == [], reading.truth.article_id


# --- recognising the type -----------------------------------------------------------------


def _page_type(text: str, url: str) -> str:
    document = lxml_html.document_fromstring(text)
    metas = [
        ((meta.get("name") or meta.get("property") or "").lower(), meta.get("content") or "")
        for meta in document.iter("meta")
    ]
    return page_site_type(document, metas, url, text)


@pytest.mark.parametrize("theme", THEMES)
def test_a_page_without_its_generator_meta_is_recognised_by_the_system_scripts(
    site_mirror: MirrorServer, theme: str
) -> None:
    """Sites that strip ``<meta name="generator">`` still load ``zb_system/script/zblogphp.js``."""
    style = themed_site(theme)
    path = article_path(style, site_mirror.articles(theme)[0])
    text = re.sub(r'<meta name="generator"[^>]*>', "", _page_text(site_mirror, theme, path))
    assert "generator" not in text
    assert _page_type(text, "http://example.cn/x.html") == "zblog"


@pytest.mark.parametrize(
    "line, kind",
    [
        ("当前位置:首页 > 宝山产业地产信息 > 正文内容", "zblog"),  # seeds 001/002, a tpure breadcrumb
        ("admin9个月前 (09-24)宝山产业地产信息941", "zblog"),  # tpure's relative time with its date
        ("2021-08-26 10:30:00", "generic"),  # the default theme's post-date alone says nothing
    ],
)
def test_text_lines_mark_zblog_text(line: str, kind: str) -> None:
    assert text_site_type(["标题", line]) == kind


# --- the declaration's URL shapes --------------------------------------------------------


@pytest.mark.parametrize(
    "url, article, listing",
    [
        # the 静态管理中心 plugin's article rules, and the dynamic default
        ("http://x.cn/post/123.html", True, False),
        ("http://x.cn/post/baoshan-qianyue.html", True, False),  # {%alias%}
        ("http://x.cn/index.php/post/123.html", True, False),  # PATH_INFO without rewriting
        ("http://x.cn/2021/08/123/", True, False),  # {%year%}/{%month%}/{%id%}/
        ("http://x.cn/?id=123", True, False),  # ZC_STATIC_MODE ACTIVE
        ("http://x.cn/blog/index.php?id=123", True, False),
        # further category pages
        ("http://x.cn/category-2_2.html", False, True),
        ("http://x.cn/category-zhaoshang_3.html", False, True),  # {%alias%}
        ("http://x.cn/index.php/category-2_2.html", False, True),
        ("http://x.cn/category/zhaoshang/2/", False, True),
        ("http://x.cn/?cate=2&page=2", False, True),
        ("http://x.cn/page_2.html", False, True),
        ("http://x.cn/?page=3", False, True),
        # a category's first page is a source's start URL, not a further page; the rest is neither
        ("http://x.cn/category-2.html", False, False),
        ("http://x.cn/?cate=2", False, False),
        ("http://x.cn/category/zhaoshang/", False, False),
        ("http://x.cn/2.html", False, False),  # a single page (the guestbook)
        ("http://x.cn/tags-3.html", False, False),
        ("http://x.cn/?tags=3", False, False),
        ("http://x.cn/date-2021-8.html", False, False),
        ("http://x.cn/post/2021-8_2.html", False, False),  # a month archive's page 2: no article, no category
        ("http://x.cn/?auth=1", False, False),
        ("http://x.cn/zb_system/cmd.php?act=cmt&postid=12&key=ab", False, False),
        ("http://x.cn/zb_system/cmd.php?act=search", False, False),
    ],
)
def test_url_shapes(url: str, article: bool, listing: bool) -> None:
    assert bool(re.search(SITE.article_url, url)) is article
    assert bool(re.search(SITE.listing_url, url)) is listing


def _first_text(document: lxml_html.HtmlElement, expressions: Sequence[str]) -> str | None:
    """The text the first of ``expressions`` that selects something selects (an element's, or a text node)."""
    for expression in expressions:
        for found in document.xpath(expression):
            return str(found) if isinstance(found, str) else str(found.text_content())
    return None


@pytest.mark.parametrize("theme", THEMES)
def test_the_declared_xpaths_select_title_date_and_source_on_articles_and_nothing_on_listings(
    site_mirror: MirrorServer, theme: str
) -> None:
    style = themed_site(theme)
    dates = {"zblog-tpure": "%Y年%m月%d日 %H:%M"}
    for article in site_mirror.articles(theme):
        document = lxml_html.document_fromstring(_page_text(site_mirror, theme, article_path(style, article)))
        assert _first_text(document, SITE.title_xpath) == article.title
        assert _first_text(document, SITE.date_xpath) == f"{article.published:{dates.get(theme, '%Y-%m-%d %H:%M:%S')}}"
        assert _first_text(document, SITE.source_xpath) == f"来源：{article.source}"
    for path in listing_paths(site_mirror, style):
        document = lxml_html.document_fromstring(_page_text(site_mirror, theme, path))
        found = [_first_text(document, xpaths) for xpaths in (SITE.title_xpath, SITE.date_xpath, SITE.source_xpath)]
        assert found == [None, None, None], path


@pytest.mark.parametrize("theme", THEMES)
def test_listing_links_pick_the_pages_articles_and_the_pagebar_links_the_next_page(
    site_mirror: MirrorServer, theme: str
) -> None:
    """What the own spider reads off each listing page: its articles, and the next page in ``.pagebar``."""
    style = themed_site(theme)
    assert style.theme is not None
    paths = listing_paths(site_mirror, style)
    articles = site_mirror.articles(theme)
    size = style.theme.page_size
    for number, path in enumerate(paths, start=1):
        url = site_mirror.base_url + path
        page = Selector(text=_page_text(site_mirror, theme, path))
        picked = [urljoin(url, href) for href in page.css(SITE.listing_links_css).xpath("@href").getall()]
        found = [link for link in dict.fromkeys(picked) if re.search(SITE.article_url, link)]
        on_page = articles[(number - 1) * size : number * size]
        assert found == [site_mirror.base_url + article_path(style, a) for a in on_page], path
        pager = {urljoin(url, href) for href in page.css(SITE.pagination_css).xpath(".//a/@href").getall()}
        if number < len(paths):
            assert site_mirror.base_url + paths[number] in pager, path
        further = {link for link in pager if re.search(SITE.listing_url, link)}
        # Every further page but the one shown (its number is a <span>, though the last-page button links it).
        others = {site_mirror.base_url + p for p in paths[1:] if p != path}
        assert others <= further <= {site_mirror.base_url + p for p in paths[1:]}, path
