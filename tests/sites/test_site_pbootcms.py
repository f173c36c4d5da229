"""PbootCMS sites drawn from the real default template (URL modes 3 and 2) read right, crawled and cleaned.

The themes (``monitor/demo/mirror/themes/pbootcms_*.py``) keep what made every
stored PbootCMS title the category name: ``comm/top.html`` prints the category
as the page's only ``<h1>``, above the article's ``<h2 class="text-center">``.

What every themed site gets (its articles read right with the type given and
recognised, its listings no articles, crawls by its own spider and by
``generic``) is tested once for all of them in ``test_themed_sites.py``; here
are the product's own traps, URL shapes and declaration.
"""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from monitor.demo.mirror import MirrorServer
from monitor.demo.mirror.templates import article_path
from monitor.sites import site_type
from monitor.text.recognise import text_site_type
from tests.sites.theme_harness import (
    page_bytes,
    themed_site,
)

THEMES = ("pbootcms-default", "pbootcms-rewrite")
SITE = site_type("pbootcms")


# --- the pages and the traps their templates hold ---------------------------------------


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
