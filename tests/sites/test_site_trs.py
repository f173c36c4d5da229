"""A TRS WCM government portal, drawn as TRS publishes it, reads right, is recognised, and is crawled whole.

Two themes, two generations of TRS templates.  ``gov_trs.py`` (WCM 7/8)
keeps what makes TRS sites hard: the pager exists only as a
``createPageHTML(…)`` script call, the 来源 is written by script (no visible
来源 without JavaScript; the head's ``ContentSource`` has it), links are
relative (``./202108/t…``, ``../../``), the server names no charset.
``gov_trs_wcm6.py`` (WCM 5/6) serves GBK ``.htm`` pages in a table layout with
no heading element, its pager assembled in ``document.write`` calls.

What every themed site gets (its articles read right with the type given and
recognised, its listings no articles, crawls by its own spider and by
``generic``) is tested once for all of them in ``test_themed_sites.py``; here
are the product's own traps, URL shapes and declaration.
"""

from __future__ import annotations

import re

import pytest
from lxml import etree
from lxml import html as lxml_html

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

THEMES = ("gov-trs", "gov-trs-wcm6")
SITE = site_type("trs")


def _text(mirror: MirrorServer, theme: str, path: str) -> str:
    style = themed_site(theme)
    assert style.theme is not None
    return page_bytes(mirror, style, path).decode(style.theme.encoding)


# --- the pages and the traps their templates hold ---------------------------------------


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
