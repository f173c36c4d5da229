"""PbootCMS sites drawn from the real default template (URL modes 3 and 2) read right, crawled and cleaned.

The themes (``monitor/demo/mirror/themes/pbootcms_*.py``) keep what made every
stored PbootCMS title the category name: ``comm/top.html`` prints the category
as the page's only ``<h1>``, above the article's ``<h2 class="text-center">``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

import pytest
from lxml import html as lxml_html

from monitor.demo.mirror import MirrorServer
from monitor.demo.mirror.templates import article_path
from monitor.sites import site_type
from monitor.text import clean_html
from monitor.text.byline import BEIJING
from monitor.text.plausible import not_an_article
from monitor.text.recognise import page_site_type, text_site_type
from tests.sites.theme_harness import (
    CrawledSite,
    Reading,
    clean_site,
    listing_paths,
    page_bytes,
    source_name,
    themed_site,
)

THEMES = ("pbootcms-default", "pbootcms-rewrite")
SITE = site_type("pbootcms")


def _problems(readings: Sequence[Reading]) -> dict[int, list[str]]:
    """Each article read wrong, by id, with what was wrong (the template prints no time of day)."""
    return {r.truth.article_id: r.problems(False) for r in readings if r.problems(False)}


# --- cleaning each article page ---------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_every_article_page_reads_title_date_source_and_body_exactly(site_mirror: MirrorServer, theme: str) -> None:
    style = themed_site(theme)
    assert style.theme is not None and not style.theme.shows_time  # {content:date style=Y-m-d}
    readings = clean_site(site_mirror, style)
    assert len(readings) == style.theme.articles
    assert _problems(readings) == {}


@pytest.mark.parametrize("theme", THEMES)
def test_cleaning_without_the_type_recognises_it_and_reads_the_same(site_mirror: MirrorServer, theme: str) -> None:
    """A page cleaned with no site type given (import, reprocess) is recognised and read as well."""
    style = themed_site(theme)
    readings = []
    for article in site_mirror.articles(theme):
        path = article_path(style, article)
        cleaned = clean_html(
            page_bytes(site_mirror, style, path),
            url=site_mirror.base_url + path,
            fetched=datetime.now(BEIJING),
            http_charset=style.header_charset,
        )
        readings.append(Reading(article, cleaned.title, cleaned.published, cleaned.source, cleaned.paragraphs))
    assert {r.truth.article_id: r.problems(False) for r in readings if r.problems(False)} == {}


@pytest.mark.parametrize("theme", THEMES)
def test_the_page_carries_what_makes_it_hard(site_mirror: MirrorServer, theme: str) -> None:
    """The category is the only <h1>; the title an <h2> below the breadcrumb and the category buttons."""
    style = themed_site(theme)
    assert style.theme is not None
    article = site_mirror.articles(theme)[0]
    text = page_bytes(site_mirror, style, article_path(style, article)).decode("utf-8")
    document = lxml_html.document_fromstring(text)
    assert [h.text_content() for h in document.iter("h1")] == [style.theme.category]
    assert document.xpath("string(//div[contains(@class, 'pages')]/h2)") == article.title
    assert document.xpath("string(//title)").startswith(f"{article.title}-{style.theme.category}-")
    assert f"时间：{article.published:%Y-%m-%d}&nbsp;&nbsp;&nbsp;来源：{article.source}&nbsp;" in text
    assert f'<div class="content mb-3"><p style="text-indent: 2em;">{article.paragraphs[0]}' in text


def _selected_text(document: lxml_html.HtmlElement, xpath: str) -> str:
    """The text an XPath of the declaration selects: an element's text or a string (attribute, text node)."""
    found = document.xpath(xpath)
    assert isinstance(found, list) and found, xpath
    first = found[0]
    return first.text_content() if isinstance(first, lxml_html.HtmlElement) else str(first)


@pytest.mark.parametrize("theme", THEMES)
def test_the_declared_xpaths_select_title_date_and_source(site_mirror: MirrorServer, theme: str) -> None:
    style = themed_site(theme)
    assert style.theme is not None
    for article in site_mirror.articles(theme):
        page = page_bytes(site_mirror, style, article_path(style, article))
        document = lxml_html.document_fromstring(page.decode(style.theme.encoding))
        assert _selected_text(document, SITE.title_xpath[0]).strip() == article.title
        assert f"{article.published:%Y-%m-%d}" in _selected_text(document, SITE.date_xpath[0])
        assert str(article.source) in _selected_text(document, SITE.source_xpath[0])


# --- recognising the type -----------------------------------------------------------------


def _page_type(page: bytes, url: str) -> str:
    text = page.decode("utf-8")
    document = lxml_html.document_fromstring(text)
    metas = [
        ((meta.get("name") or meta.get("property") or "").lower(), meta.get("content") or "")
        for meta in document.iter("meta")
    ]
    return page_site_type(document, metas, url, text)


@pytest.mark.parametrize("theme", THEMES)
def test_article_and_listing_pages_are_recognised_as_pbootcms(site_mirror: MirrorServer, theme: str) -> None:
    style = themed_site(theme)
    paths = [article_path(style, a) for a in site_mirror.articles(theme)] + listing_paths(site_mirror, style)
    for path in paths:
        assert _page_type(page_bytes(site_mirror, style, path), site_mirror.base_url + path) == "pbootcms", path


@pytest.mark.parametrize(
    "line, kind",
    [
        ("时间：2021-08-26   访问量：1234", "pbootcms"),  # the default template's line
        ("时间：2021-08-26   来源：肥西发布   作者：李明   访问量：1057", "pbootcms"),
        ("时间：2021-08-26", "generic"),
    ],
)
def test_the_date_line_marks_pbootcms_text(line: str, kind: str) -> None:
    assert text_site_type(["标题", line]) == kind


# --- the declaration's URL shapes --------------------------------------------------------


@pytest.mark.parametrize(
    "url, article, listing",
    [
        ("http://x.gov.cn/?zsdt/12.html", True, False),  # mode 3, the default
        ("http://x.gov.cn/zsdt/12.html", True, False),  # mode 2, rewritten
        ("http://x.gov.cn/index.php/zsdt/12.html", True, False),  # mode 1
        ("http://x.gov.cn/?news/zsdt/12.html", True, False),  # a nested category path
        ("http://x.gov.cn/?list_3/12.html", True, False),  # no category filename: model_scode
        ("http://x.gov.cn/?12.html", True, False),  # url_rule_content_path: no category
        ("http://x.gov.cn/?zsdt_2/", False, True),
        ("http://x.gov.cn/zsdt_3/", False, True),
        ("http://x.gov.cn/index.php/zsdt_2/", False, True),
        ("http://x.gov.cn/?list_3_2/", False, True),  # model_scode_page
        ("http://x.gov.cn/?zsdt/&page=2", False, True),  # Paging.php's query form
        ("http://x.gov.cn/?zsdt/", False, False),  # the category itself: a start URL
        ("http://x.gov.cn/?aboutus/", False, False),
        ("http://x.gov.cn/core/qrcode.php?string=x", False, False),
        ("http://x.gov.cn/?member/login/", False, False),
    ],
)
def test_url_shapes(url: str, article: bool, listing: bool) -> None:
    assert bool(re.search(SITE.article_url, url)) is article
    assert bool(re.search(SITE.listing_url, url)) is listing


# --- listing pages are no articles --------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("typed", [True, False], ids=["typed", "untyped"])
def test_a_listing_page_is_not_taken_for_an_article(site_mirror: MirrorServer, theme: str, typed: bool) -> None:
    style = themed_site(theme)
    for path in listing_paths(site_mirror, style):
        cleaned = clean_html(
            page_bytes(site_mirror, style, path),
            url=site_mirror.base_url + path,
            fetched=datetime.now(BEIJING),
            http_charset=style.header_charset,
            site_type="pbootcms" if typed else None,
        )
        # Cleaning flags it (monitor.text.page_kind), and a flagged page is no article to store.
        assert "listing-page" in cleaned.flags, f"{path} not flagged as a listing: {cleaned.flags}"
        assert not_an_article(cleaned) is not None, f"{path} read as an article: {cleaned.title!r}"


# --- crawls -----------------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_own_spider_finds_every_article_on_every_page_and_stores_nothing_else(
    themed_crawl: dict[str, CrawledSite], site_mirror: MirrorServer, theme: str
) -> None:
    style = themed_site(theme)
    assert len(listing_paths(site_mirror, style)) >= 3  # articles only on pages 2 and 3
    crawled = themed_crawl[source_name(style, "own")]
    assert crawled.outcome.status == "ok", crawled.outcome.error
    assert [a.article_id for a in crawled.missing] == []
    assert crawled.strays == []
    assert _problems(crawled.readings) == {}


@pytest.mark.parametrize("spider", ["generic-pattern", "generic-bare"])
@pytest.mark.parametrize("theme", THEMES)
def test_generic_spider_finds_every_article_and_reads_titles_and_dates(
    themed_crawl: dict[str, CrawledSite], theme: str, spider: str
) -> None:
    style = themed_site(theme)
    crawled = themed_crawl[source_name(style, spider)]
    assert crawled.outcome.status == "ok", crawled.outcome.error
    assert [a.article_id for a in crawled.missing] == []
    assert crawled.strays == []
    problems = [r.problems(False) for r in crawled.readings]
    titles = sum(not any(line.startswith("title ") for line in found) for found in problems)
    dates = sum(not any(line.startswith(("date ", "time ")) for line in found) for found in problems)
    assert titles >= 0.95 * len(problems), problems
    assert dates >= 0.95 * len(problems), problems
