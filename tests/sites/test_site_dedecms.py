"""DedeCMS 5.7 sites drawn from the real default templates (GBK and UTF-8 builds) read right, crawled and cleaned.

The themes (``monitor/demo/mirror/themes/dedecms57*.py``) reproduce what made
DedeCMS lose titles: the logo is the only ``<h1>``, the title an ``<h2>``, the
automatic summary repeats the start of the body above it, the info line's
click count is a script, and the sidebars list the article itself.

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

THEMES = ("dedecms57-gbk", "dedecms57-utf8")
SITE = site_type("dedecms")


# --- the pages and the traps their templates hold ---------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_the_page_carries_what_makes_it_hard(site_mirror: MirrorServer, theme: str) -> None:
    """The fixture keeps the real template's traps: a logo <h1>, the title in <h2>, a summary repeating the body."""
    style = themed_site(theme)
    assert style.theme is not None
    article = site_mirror.articles(theme)[0]
    text = page_bytes(site_mirror, style, article_path(style, article)).decode(style.theme.encoding)
    document = lxml_html.document_fromstring(text)
    assert [h.text_content().strip() for h in document.iter("h1")] == [""]  # the logo image alone
    assert document.xpath("//h1//img/@alt") == [style.theme.site_name]
    assert document.xpath("string(//div[@class='title']/h2)") == article.title
    # The description above the body: the start of the body, or (where the editor wrote it) the title again.
    intros = []
    for other in site_mirror.articles(theme):
        page = lxml_html.document_fromstring(page_bytes(site_mirror, style, article_path(style, other)))
        intros.append(page.xpath("string(//div[@class='intro'])"))
        assert intros[-1] == other.title or "".join(other.paragraphs).startswith(intros[-1])
    assert any(i in {a.title for a in site_mirror.articles(theme)} for i in intros)
    assert any(i not in {a.title for a in site_mirror.articles(theme)} for i in intros)
    assert f"{article.published:%Y-%m-%d %H:%M}<small>来源:</small>{article.source} <small>作者:</small>" in text
    assert "/plus/count.php?view=yes&aid=" in text
    assert f"charset={style.theme.meta_charset}" in text


@pytest.mark.parametrize("theme", THEMES)
def test_gbk_build_is_served_in_gbk_without_a_header_charset(site_mirror: MirrorServer, theme: str) -> None:
    style = themed_site(theme)
    assert style.theme is not None
    reply = site_mirror.answer("GET", article_path(style, site_mirror.articles(theme)[0]), {}, b"")
    if style.theme.encoding == "gbk":
        assert style.header_charset is None and b"charset=gb2312" in reply.body
        reply.body.decode("gbk")
        with pytest.raises(UnicodeDecodeError):
            reply.body.decode("utf-8")
    else:
        assert style.header_charset == "utf-8" and b"charset=utf-8" in reply.body
        reply.body.decode("utf-8")


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
        assert f"{article.published:%Y-%m-%d %H:%M}" in _selected_text(document, SITE.date_xpath[0])
        assert str(article.source) in _selected_text(document, SITE.source_xpath[0])


# --- recognising the type -----------------------------------------------------------------


@pytest.mark.parametrize(
    "line, kind",
    [
        ("时间:2021-08-26 10:30来源:肥西发布 作者:李明 点击: 次", "dedecms"),  # 5.7's info line, count by script
        ("2023-10-24 14:09来源:互联网 点击:94次", "dedecms"),  # seed 004's byline
        ("时间:2021-08-26", "generic"),
    ],
)
def test_info_lines_mark_dedecms_text(line: str, kind: str) -> None:
    assert text_site_type(["标题", line]) == kind


# --- the declaration's URL shapes --------------------------------------------------------


@pytest.mark.parametrize(
    "url, article, listing",
    [
        ("http://x.gov.cn/a/zhaoshang/20210826/123.html", True, False),  # {typedir}/{Y}{M}{D}/{aid}.html
        ("http://x.gov.cn/html/tzdt/2021/0826/123.html", True, False),  # 5.7 default {Y}/{M}{D}
        ("http://x.gov.cn/news/2021-08-26/123.html", True, False),
        ("http://x.gov.cn/plus/view.php?aid=123", True, False),  # dynamic browsing
        ("http://x.gov.cn/plus/view-123-1.html", True, False),  # dynamic, rewritten
        ("http://x.gov.cn/a/zhaoshang/list_1_2.html", False, True),
        ("http://x.gov.cn/plus/list.php?tid=3&TotalResult=120&PageNo=2", False, True),
        ("http://x.gov.cn/plus/list-3-120-2.html", False, True),
        ("http://x.gov.cn/a/zhaoshang/", False, False),  # the channel's index: a start URL, not a further page
        ("http://x.gov.cn/plus/search.php?q=签约", False, False),
        ("http://x.gov.cn/plus/count.php?view=yes&aid=123&mid=1", False, False),
        ("http://x.gov.cn/tags.php?/招商引资/", False, False),
    ],
)
def test_url_shapes(url: str, article: bool, listing: bool) -> None:
    assert bool(re.search(SITE.article_url, url)) is article
    assert bool(re.search(SITE.listing_url, url)) is listing
