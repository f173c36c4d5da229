"""A Hanweb JCMS government portal, drawn as Hanweb serves it, reads right, is recognised, and is crawled whole.

The theme (``monitor/demo/mirror/themes/gov_hanweb.py``) keeps what makes
Hanweb sites hard: a column page has no article link in its markup (its list
is a jpage ``<datastore>`` island in ``<script type="text/xml">``, the next
groups come from the data proxy as XML), the ``<title>`` runs site, column and
article title together, and the title is no heading element.

What every themed site gets (its articles read right with the type given and
recognised, its listings no articles, crawls by its own spider and by
``generic``) is tested once for all of them in ``test_themed_sites.py``; here
are the product's own traps, URL shapes and declaration.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import html as lxml_html
from parsel import Selector

from crawler.spiders.islands import with_islands
from crawler.spiders.pagination import read_pager
from monitor.demo.mirror import MirrorServer
from monitor.demo.mirror.templates import article_path
from monitor.sites import site_type
from monitor.text.chrome import rules_for, strip_chrome
from monitor.text.recognise import page_site_type, text_site_type
from tests.sites.theme_harness import (
    listing_paths,
    page_bytes,
    themed_site,
)

THEMES = ("gov-hanweb",)
SITE = site_type("hanweb")


def _text(mirror: MirrorServer, theme: str, path: str) -> str:
    style = themed_site(theme)
    assert style.theme is not None
    return page_bytes(mirror, style, path).decode(style.theme.encoding)


# --- the pages and the traps their templates hold ---------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_the_page_carries_what_makes_it_hard(site_mirror: MirrorServer, theme: str) -> None:
    """The fixture keeps Hanweb's traps: a <title> with no separator, no heading element, content marks."""
    style = themed_site(theme)
    assert style.theme is not None
    article = site_mirror.articles(theme)[0]
    text = _text(site_mirror, theme, article_path(style, article))
    document = lxml_html.document_fromstring(text)
    assert document.findtext(".//title") == f"{style.theme.site_name} {style.theme.category} {article.title}"
    assert document.xpath("//h1 | //h2") == []
    metas = {meta.get("name"): meta.get("content") for meta in document.iter("meta") if meta.get("name")}
    assert metas["ArticleTitle"] == article.title
    assert metas["PubDate"] == f"{article.published:%Y-%m-%d %H:%M}"
    assert metas["ContentSource"] == article.source
    assert {"SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "Url"} <= set(metas)
    assert document.xpath("/html/body/div/@id") == ["barrierfree_container"]
    assert document.xpath("//div[@id='zoom']")
    assert "<!--<$[信息内容]>begin-->" in text and "<!--<$[信息内容]>end-->" in text
    assert f"发布日期：{article.published:%Y-%m-%d}</span><span>信息来源：{article.source}</span>" in text
    assert "/module/visitcount/articlehits.jsp?colid=" in text
    visible = document.text_content()
    assert "网站标识码" in visible and "ICP备" in visible and "公网安备" in visible


# --- the column's list: a data island and the data proxy ---------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_a_column_page_has_no_article_link_in_its_markup(site_mirror: MirrorServer, theme: str) -> None:
    style = themed_site(theme)
    first = listing_paths(site_mirror, style)[0]
    links = lxml_html.document_fromstring(_text(site_mirror, theme, first)).xpath("//a/@href")
    assert links and not [link for link in links if re.search(SITE.article_url, link)]


def _island(text: str, url: str) -> tuple[list[str], list[str]]:
    """The record links and the next pages a listing's reader finds in ``text`` at ``url`` (absolute)."""
    page = with_islands(Selector(text=text), text)
    records = list(dict.fromkeys(urljoin(url, href) for href in page.xpath("//record//a/@href").getall()))
    return records, read_pager(page, url).next


@pytest.mark.parametrize("theme", THEMES)
def test_the_island_and_the_proxy_give_every_article_once_in_order(site_mirror: MirrorServer, theme: str) -> None:
    """Following each group's next-group link from the column page reaches the last group, as the spider does."""
    style = themed_site(theme)
    url = site_mirror.base_url + listing_paths(site_mirror, style)[0]
    visited, found = [], []
    while url:
        path = url.removeprefix(site_mirror.base_url)
        records, following = _island(_text(site_mirror, theme, path), url)
        visited.append(path)
        found += records
        url = following[0] if following else ""
        assert len(visited) <= 10
    assert visited == listing_paths(site_mirror, style)
    assert found == [site_mirror.base_url + article_path(style, a) for a in site_mirror.articles(theme)]
    assert all(urlsplit(path).path.endswith("/module/web/jpage/dataproxy.jsp") for path in visited[1:])


COLUMN = "http://www.taicang.gov.cn/col/col14236/index.html"
PROXY = "http://www.taicang.gov.cn/module/web/jpage/dataproxy.jsp?page=4&appid=1"


@pytest.mark.parametrize(
    "url, text, records, following",
    [
        (  # a column page's island: root-relative record and proxy links
            COLUMN,
            '<html><body><div id="68492"><script type="text/xml"><datastore>'
            '<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=2&appid=1&webid=27&path=/'
            '&columnid=14236&unitid=68492&permissiontype=0"></a>]]></nextgroup><recordset>'
            '<record><![CDATA[\n<li><a href="/art/2021/8/26/art_14236_5723001.html" target="_blank" '
            'title="签约">签约</a><span>2021-08-26</span></li>\n]]></record>'
            "<record><![CDATA[<li><a target='_blank' href='/art/2021/8/25/art_14236_5723002.html'>二</a></li>]]>"
            "</record></recordset></datastore></script></div></body></html>",
            [
                "http://www.taicang.gov.cn/art/2021/8/26/art_14236_5723001.html",
                "http://www.taicang.gov.cn/art/2021/8/25/art_14236_5723002.html",
            ],
            [
                "http://www.taicang.gov.cn/module/web/jpage/dataproxy.jsp?page=2&appid=1&webid=27&path=/"
                "&columnid=14236&unitid=68492&permissiontype=0"
            ],
        ),
        (  # the proxy's XML reply: the next group relative to the proxy, a record on the jpaas URL scheme
            PROXY,
            '<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>6163</totalrecord>'
            '<totalpage>309</totalpage><nextgroup>\n<![CDATA[<a href="./dataproxy.jsp?page=5&appid=1"></a>]]>'
            '\n</nextgroup><recordset><record>\n<![CDATA[<li><a href="/art/2021/'
            'art_2d61a3d279ba4d53aa944359d20b8d7f.html"><span>标题</span><i>2020-08-14</i></a></li>]]>\n'
            "</record></recordset></datastore>",
            ["http://www.taicang.gov.cn/art/2021/art_2d61a3d279ba4d53aa944359d20b8d7f.html"],
            ["http://www.taicang.gov.cn/module/web/jpage/dataproxy.jsp?page=5&appid=1"],
        ),
        (  # the last group: an empty next group
            PROXY,
            "<datastore><nextgroup><![CDATA[]]></nextgroup><recordset>"
            '<record><![CDATA[<li><a href="/art/2021/8/1/art_1_2.html">y</a></li>]]></record>'
            "</recordset></datastore>",
            ["http://www.taicang.gov.cn/art/2021/8/1/art_1_2.html"],
            [],
        ),
    ],
    ids=["column-page", "proxy-reply", "last-group"],
)
def test_reading_a_datastore(url: str, text: str, records: list[str], following: list[str]) -> None:
    assert _island(text, url) == (records, following)


# --- recognising the type -----------------------------------------------------------------


def _page_type(text: str, url: str) -> str:
    document = lxml_html.document_fromstring(text)
    metas = [
        ((meta.get("name") or meta.get("property") or "").lower(), meta.get("content") or "")
        for meta in document.iter("meta")
    ]
    return page_site_type(document, metas, url, text)


@pytest.mark.parametrize(
    "markup, kind",
    [
        ('<div id="barrierfree_container"><div id="zoom"><p>正文</p></div></div>', "hanweb"),
        ('<div id="zoom"><!--<$[信息内容]>begin--><p>正文</p><!--<$[信息内容]>end--></div>', "hanweb"),
        ('<script src="/module/web/jpage/jpage.js"></script>', "hanweb"),
        ('<div id="zoom"><p>正文</p></div>', "generic"),
    ],
)
def test_hanweb_marks_in_the_source(markup: str, kind: str) -> None:
    text = f"<html><head><title>标题</title></head><body>{markup}</body></html>"
    assert _page_type(text, "http://www.example.gov.cn/art/2021/8/26/art_1_2.html") == kind


@pytest.mark.parametrize(
    "line, kind",
    [
        ("发布日期：2021-08-26 信息来源：肥西发布 浏览次数： 字体：[ 大 中 小 ]", "hanweb"),
        ("发布日期：2021-08-26 信息来源：肥西发布", "generic"),
    ],
)
def test_info_lines_mark_hanweb_text(line: str, kind: str) -> None:
    assert text_site_type(["标题", line]) == kind


# --- the declaration's URL shapes --------------------------------------------------------


@pytest.mark.parametrize(
    "url, article, listing",
    [
        ("http://www.taicang.gov.cn/art/2021/8/26/art_14236_5723001.html", True, False),
        ("http://www.jiangsu.gov.cn/art/2021/12/3/art_46143_10216891.html", True, False),
        ("http://www.nhsa.gov.cn/art/2021/2/19/art_175_4474.html?xxgkhide=1", True, False),
        ("https://www.miit.gov.cn/gxsj/tjfx/txy/art/2021/art_057a331667154aaaa6767018dfd79a4f.html", True, False),
        (
            "http://www.taicang.gov.cn/module/web/jpage/dataproxy.jsp?page=2&appid=1&webid=27&path=/"
            "&columnid=14236&unitid=68492&permissiontype=0",
            False,
            True,
        ),
        (
            "http://www.taicang.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=90&perpage=15",
            False,
            True,
        ),
        ("http://www.taicang.gov.cn/col/col14236/index.html", False, False),  # the column's start URL
        ("http://www.taicang.gov.cn/col/col14236/index.html?uid=68492&pageNum=2", False, False),  # drawn by jpage
        ("http://www.taicang.gov.cn/module/visitcount/articlehits.jsp?colid=14236&artid=5723001", False, False),
        ("http://www.taicang.gov.cn/module/download/downfile.jsp?classid=0&filename=a.pdf", False, False),
        ("http://www.taicang.gov.cn/art/2021/8/26/", False, False),
    ],
)
def test_url_shapes(url: str, article: bool, listing: bool) -> None:
    assert bool(re.search(SITE.article_url, url)) is article
    assert bool(re.search(SITE.listing_url, url)) is listing


def test_the_declared_xpaths_select_the_government_metas(site_mirror: MirrorServer) -> None:
    style = themed_site("gov-hanweb")
    article = site_mirror.articles("gov-hanweb")[0]
    document = lxml_html.document_fromstring(_text(site_mirror, "gov-hanweb", article_path(style, article)))
    assert [str(v) for x in SITE.title_xpath for v in document.xpath(x)] == [article.title]
    assert [str(v) for x in SITE.date_xpath for v in document.xpath(x)] == [f"{article.published:%Y-%m-%d %H:%M}"]
    assert [str(v) for x in SITE.source_xpath for v in document.xpath(x)] == [article.source]


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        (["正文第一段,签约项目12个。", "浏览次数：", "字体：[ 大 中 小 ]"], ["正文第一段,签约项目12个。"]),
        (["正文第一段,签约项目12个。", "浏览次数：1234"], ["正文第一段,签约项目12个。"]),
        (
            ["正文第一段,签约项目12个。" * 12, "【打印本页】【关闭窗口】", "分享到："],
            ["正文第一段,签约项目12个。" * 12],
        ),
        (["正文第一段,签约项目12个。" * 12, "相关信息", "另一篇文章的标题"], ["正文第一段,签约项目12个。" * 12]),
        (["浏览次数同比增长三成,签约项目12个。"], ["浏览次数同比增长三成,签约项目12个。"]),  # prose stays
    ],
)
def test_hanweb_chrome_lines(lines: list[str], kept: list[str]) -> None:
    """When #zoom is not found, the visit counter and font switch go, and the page tools end the article."""
    assert strip_chrome(lines, rules_for("hanweb"))[0] == kept
