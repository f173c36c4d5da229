"""A TRS WCM government portal, drawn as TRS publishes it, reads right, is recognised, and is crawled whole.

Two themes, two generations of TRS templates.  ``gov_trs.py`` (WCM 7/8)
keeps what makes TRS sites hard: the pager exists only as a
``createPageHTML(…)`` script call, the 来源 is written by script (no visible
来源 without JavaScript; the head's ``ContentSource`` has it), links are
relative (``./202108/t…``, ``../../``), the server names no charset.
``gov_trs_wcm6.py`` (WCM 5/6) serves GBK ``.htm`` pages in a table layout with
no heading element, its pager assembled in ``document.write`` calls.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

import pytest
from lxml import etree
from lxml import html as lxml_html

from monitor.demo.mirror import MirrorServer
from monitor.demo.mirror.templates import article_path
from monitor.sites import site_type
from monitor.text import clean_html
from monitor.text.byline import BEIJING
from monitor.text.chrome import rules_for, strip_chrome
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

THEMES = ("gov-trs", "gov-trs-wcm6")
SITE = site_type("trs")


def _problems(readings: Sequence[Reading], shows_time: bool) -> dict[int, list[str]]:
    """Each article read wrong, by id, with what was wrong."""
    return {r.truth.article_id: r.problems(shows_time) for r in readings if r.problems(shows_time)}


def _text(mirror: MirrorServer, theme: str, path: str) -> str:
    style = themed_site(theme)
    assert style.theme is not None
    return page_bytes(mirror, style, path).decode(style.theme.encoding)


# --- cleaning each article page ---------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("typed", [True, False], ids=["typed", "recognised"])
def test_every_article_page_reads_title_date_time_source_and_body_exactly(
    site_mirror: MirrorServer, theme: str, typed: bool
) -> None:
    style = themed_site(theme)
    assert style.theme is not None
    shows_time = style.theme.shows_time  # WCM 7/8: 发布时间：2021-08-26 09:30; WCM 5/6: 发布日期：2019-08-26
    if typed:
        readings = clean_site(site_mirror, style)
    else:  # the type recognised from the page itself, as an import of raw pages would
        readings = []
        for article in site_mirror.articles(theme):
            path = article_path(style, article)
            cleaned = clean_html(
                page_bytes(site_mirror, style, path), url=site_mirror.base_url + path, fetched=datetime.now(BEIJING)
            )
            readings.append(Reading(article, cleaned.title, cleaned.published, cleaned.source, cleaned.paragraphs))
    assert len(readings) == style.theme.articles
    assert _problems(readings, shows_time) == {}


def test_the_page_carries_what_makes_it_hard(site_mirror: MirrorServer) -> None:
    """The WCM 7/8 fixture keeps TRS's traps: 来源 only in a script and the head, the title an <h2>, relative links."""
    theme = "gov-trs"
    style = themed_site(theme)
    article = site_mirror.articles(theme)[0]
    text = _text(site_mirror, theme, article_path(style, article))
    document = lxml_html.document_fromstring(text)
    metas = {meta.get("name"): meta.get("content") for meta in document.iter("meta") if meta.get("name")}
    assert metas["ArticleTitle"] == article.title
    assert metas["PubDate"] == f"{article.published:%Y-%m-%d %H:%M}"
    assert metas["ContentSource"] == article.source
    assert {"SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "Url"} <= set(metas)
    # Without JavaScript no 来源 is visible: it is written by script.
    etree.strip_elements(document, "script", with_tail=False)
    visible = document.text_content()
    assert article.source and article.source not in visible and "来源" not in visible
    assert f'var str_source = "{article.source}";' in text
    assert f"发布时间：{article.published:%Y-%m-%d %H:%M}" in visible
    assert document.xpath("//h1") == []
    assert document.xpath("string(//h2[@class='article-title'])") == article.title
    assert document.xpath("//div[contains(@class, 'TRS_UEDITOR') and contains(@class, 'trs_paper_default')]")
    assert document.xpath("//a[@class='CurrChnlCls']/@href") == ["../../../", "../../../xxgk/", "../"]
    assert "网站标识码" in visible and "ICP备" in visible and "公网安备" in visible


def test_the_older_page_is_gbk_tables_and_a_visible_source(site_mirror: MirrorServer) -> None:
    """The WCM 5/6 fixture: GBK with no header charset, no heading element, the editor's wrapper, 来源 printed."""
    theme = "gov-trs-wcm6"
    style = themed_site(theme)
    article = site_mirror.articles(theme)[0]
    reply = site_mirror.answer("GET", article_path(style, article), {}, b"")
    assert style.header_charset is None and b"charset=gb2312" in reply.body
    with pytest.raises(UnicodeDecodeError):
        reply.body.decode("utf-8")
    document = lxml_html.document_fromstring(reply.body.decode("gbk"))
    assert document.xpath("//h1 | //h2 | //h3") == []
    assert document.xpath("string(//td[@class='bt'])") == article.title
    assert document.xpath("//div[@class='TRS_Editor']/div[@class='Custom_UnionStyle']")
    assert f"发布日期：{article.published:%Y-%m-%d}\xa0\xa0来源：{article.source}" in document.text_content()


@pytest.mark.parametrize(
    ("theme", "pager"),
    [
        ("gov-trs", 'createPageHTML({pages}, {current}, "index", "html");'),
        ("gov-trs-wcm6", "var currentPage = {current};//所在页从0开始"),
        ("gov-trs-wcm6", "var countPage = {pages}//共多少页"),
    ],
)
def test_the_pager_is_only_a_script(site_mirror: MirrorServer, theme: str, pager: str) -> None:
    style = themed_site(theme)
    assert style.theme is not None
    paths = listing_paths(site_mirror, style)
    extension = style.theme.article_pattern.rsplit(".", 1)[1].rstrip("$")
    assert [path.rsplit("/", 1)[1] for path in paths] == [
        f"index.{extension}",
        f"index_1.{extension}",
        f"index_2.{extension}",
    ]
    for current, path in enumerate(paths):
        text = _text(site_mirror, theme, path)
        assert pager.format(pages=len(paths), current=current) in text
        links = lxml_html.document_fromstring(text).xpath("//a/@href")
        assert not [link for link in links if re.search(r"index_\d+\.s?html?", link)], path
        assert all(link.startswith("./20") for link in links if "/t20" in link), path


# --- recognising the type -----------------------------------------------------------------


def _page_type(text: str, url: str) -> str:
    document = lxml_html.document_fromstring(text)
    metas = [
        ((meta.get("name") or meta.get("property") or "").lower(), meta.get("content") or "")
        for meta in document.iter("meta")
    ]
    return page_site_type(document, metas, url, text)


@pytest.mark.parametrize("theme", THEMES)
def test_article_and_listing_pages_are_recognised_as_trs(site_mirror: MirrorServer, theme: str) -> None:
    style = themed_site(theme)
    paths = [article_path(style, a) for a in site_mirror.articles(theme)] + listing_paths(site_mirror, style)
    for path in paths:
        assert _page_type(_text(site_mirror, theme, path), site_mirror.base_url + path) == "trs", path


@pytest.mark.parametrize(
    "markup, kind",
    [
        ('<div class=TRS_Editor><div class="Custom_UnionStyle"><p>正文</p></div></div>', "trs"),  # WCM 6
        ('<div class="view TRS_UEDITOR trs_paper_default trs_web"><p>正文</p></div>', "trs"),  # WCM 7/8
        ('<div class="page"><script>createPageHTML(12, 0, "index", "html");</script></div>', "trs"),
        ('<script src="//ta.trs.cn/c/js/ta.js?mpid=3127"></script><p>正文</p>', "trs"),
        ("<script>var currentPage = 0;//所在页从0开始\nvar countPage = 4//共多少页</script>", "trs"),
        ('当前位置：<a href="../../" title="首页" class="CurrChnlCls">首页</a>', "trs"),
        ('<div class="content"><p>正文</p></div>', "generic"),
    ],
)
def test_trs_marks_in_the_source(markup: str, kind: str) -> None:
    text = f"<html><head><title>标题</title></head><body>{markup}</body></html>"
    assert _page_type(text, "http://www.example.gov.cn/xxgk/zwdt/202108/t20210826_1.html") == kind


@pytest.mark.parametrize(
    "line, kind",
    [
        ("发布时间：2021-08-26 09:30 字号：[大 中 小] 【打印】【关闭】", "trs"),
        ("发布时间：2021-08-26 10:30 来源：肥西县人民政府 字号：[大 中 小] 【打印】【关闭】", "trs"),
        ("发布时间：2021-08-26", "generic"),
    ],
)
def test_info_lines_mark_trs_text(line: str, kind: str) -> None:
    assert text_site_type(["标题", line]) == kind


# --- the declaration's URL shapes --------------------------------------------------------


@pytest.mark.parametrize(
    "url, article, listing",
    [
        ("http://www.feixi.gov.cn/xxgk/zwdt/202108/t20210826_4823301.html", True, False),
        ("http://www.mee.gov.cn/ywdt/hjywnews/202204/t20220417_974894.shtml", True, False),
        ("http://www.example.gov.cn/xwzx/202108/t20210826_123.htm", True, False),
        ("http://www.feixi.gov.cn/xxgk/zwdt/index_1.html", False, True),
        ("http://www.feixi.gov.cn/xxgk/zwdt/index_12.shtml", False, True),
        ("http://www.feixi.gov.cn/xxgk/zwdt/index.html", False, False),  # the column's start URL
        ("http://www.feixi.gov.cn/xxgk/zwdt/", False, False),
        ("http://www.feixi.gov.cn/xxgk/zwdt/202108/P020210826512345678901.pdf", False, False),  # an appendix
        ("http://www.feixi.gov.cn/xxgk/zwdt/202108/W020210826482330100001.jpg", False, False),  # an image
        ("http://swj.jiaxing.gov.cn/swdt/201908/t20190826_2901201.htm", True, False),
        ("http://swj.jiaxing.gov.cn/swdt/index_2.htm", False, True),
        ("http://www.feixi.gov.cn/search/?searchword=签约", False, False),
    ],
)
def test_url_shapes(url: str, article: bool, listing: bool) -> None:
    assert bool(re.search(SITE.article_url, url)) is article
    assert bool(re.search(SITE.listing_url, url)) is listing


@pytest.mark.parametrize("theme", THEMES)
def test_the_declared_xpaths_select_the_government_metas(site_mirror: MirrorServer, theme: str) -> None:
    style = themed_site(theme)
    article = site_mirror.articles(theme)[0]
    document = lxml_html.document_fromstring(_text(site_mirror, theme, article_path(style, article)))
    assert [str(v) for x in SITE.title_xpath for v in document.xpath(x)] == [article.title]
    assert [str(v) for x in SITE.date_xpath for v in document.xpath(x)] == [f"{article.published:%Y-%m-%d %H:%M}"]
    assert [str(v) for x in SITE.source_xpath for v in document.xpath(x)] == [article.source]


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        (
            ["正文第一段,签约项目12个。", "字号：[大 中 小]", "正文第二段。"],
            ["正文第一段,签约项目12个。", "正文第二段。"],
        ),
        (["正文第一段,签约项目12个。", "【字体：大 中 小】"], ["正文第一段,签约项目12个。"]),
        (["正文第一段,签约项目12个。" * 12, "相关链接", "另一篇文章的标题"], ["正文第一段,签约项目12个。" * 12]),
        (["正文第一段,签约项目12个。" * 12, "相关文章：", "另一篇文章的标题"], ["正文第一段,签约项目12个。" * 12]),
        (["会议强调,要相关链接各方资源。"], ["会议强调,要相关链接各方资源。"]),  # prose that names them stays
    ],
)
def test_trs_chrome_lines(lines: list[str], kept: list[str]) -> None:
    """When the editor's block is not found, the info line's font switch goes and 相关链接 ends the article."""
    assert strip_chrome(lines, rules_for("trs"))[0] == kept


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
            site_type="trs" if typed else None,
        )
        assert not_an_article(cleaned) is not None, f"{path} read as an article: {cleaned.title!r}"


# --- crawls -----------------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_own_spider_finds_every_article_on_every_page_and_stores_nothing_else(
    themed_crawl: dict[str, CrawledSite], site_mirror: MirrorServer, theme: str
) -> None:
    style = themed_site(theme)
    assert len(listing_paths(site_mirror, style)) >= 3  # articles only on index_1.html and index_2.html
    crawled = themed_crawl[source_name(style, "own")]
    assert crawled.outcome.status == "ok", crawled.outcome.error
    assert [a.article_id for a in crawled.missing] == []
    assert crawled.strays == []
    assert style.theme is not None
    assert _problems(crawled.readings, style.theme.shows_time) == {}


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
    titles = sum(r.title == r.truth.title for r in crawled.readings)
    dates = sum(
        r.published is not None and r.published.astimezone(BEIJING).date() == r.truth.published.date()
        for r in crawled.readings
    )
    assert titles >= 0.95 * len(crawled.readings), [(r.title, r.truth.title) for r in crawled.readings]
    assert dates >= 0.95 * len(crawled.readings), [(r.published, r.truth.published) for r in crawled.readings]
