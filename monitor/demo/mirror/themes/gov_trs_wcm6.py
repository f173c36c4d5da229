"""A city bureau's site on an older TRS WCM (5/6) template: GBK, ``.htm`` pages, a table layout, the countPage pager.

What this older generation of TRS sites serves, reproduced in markup of our own:

* GBK pages (``<meta … charset=gb2312>``, no charset in the HTTP header);
  articles ``…/<column>/201908/t20190826_2901234.htm``, listings ``index.htm``,
  ``index_1.htm`` …, linked relatively (``./201908/t…``).
* The pager is the WCM default script: variables ``currentPage`` (from 0),
  ``prevPage``, ``nextPage`` and ``countPage`` and ``document.write`` calls
  that build ``"index" + "_" + nextPage + "." + "htm"``: no page link
  exists without JavaScript.
* The body is ``<div class=TRS_Editor>`` around a ``Custom_UnionStyle`` div
  (the editor's own wrapper), images ``W0…`` with ``OLDSRC``.
* A table layout: the title is a table cell, no heading element; the date and
  the 来源 are printed in the cell below it (``发布日期：2019-08-26 来源：… 【字体：大
  中 小】``), and the font switch.
* The 政府网站发展指引 metas added to the head, the ``CurrChnlCls``
  breadcrumb, 【打印本页】【关闭窗口】, 相关文章, and a footer with 网站标识码,
  ICP and 公安备案 numbers.

Followed: the pages of WCM 6 government sites as saved pages and crawler code
show them (the 生态环境部 page's ``TRS_Editor``/``Custom_UnionStyle`` body and
``CurrChnlCls`` breadcrumb, crawlers reading ``var countPage = N`` from the
pager script and building ``index_N.html``), no TRS template copied.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from html import escape

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import Theme, ThemePage

SITE_NAME = "嘉兴市商务局"
CATEGORY = "商务动态"
DOMAIN = "swj.jiaxing.gov.cn"
SITE_ID = "3304000041"
COLUMN = "/swdt"
FIRST_DOCUMENT_ID = 2901200
FOLLOWS = (
    "TRS WCM 5/6 government sites as published: GBK, t<date>_<id>.htm articles, index_N.htm listings paged by "
    "the default document.write pager script, the TRS editor body block, table layout, the channel breadcrumb "
    "(生态环境部 ywdt article page; crawlers of the pager script)"
)


def article_path(article: MirrorArticle) -> str:
    """``/swdt/201908/t20190826_2901201.htm``."""
    day = article.published
    return f"{COLUMN}/{day:%Y%m}/t{day:%Y%m%d}_{FIRST_DOCUMENT_ID + article.article_id}.htm"


def listing_path(page: int) -> str:
    """``index.htm``, ``index_1.htm``, ``index_2.htm`` …"""
    return f"{COLUMN}/index.htm" if page == 1 else f"{COLUMN}/index_{page - 1}.htm"


def _here(page: ThemePage) -> str:
    after_scheme = page.url.split("://", 1)[-1]
    return posixpath.dirname("/" + after_scheme.split("/", 1)[1] if "/" in after_scheme else "/")


def _relative(page: ThemePage, target: str) -> str:
    link = posixpath.relpath(page.root + target, _here(page))
    return link if link.startswith("../") else "./" + link


def _home(page: ThemePage) -> str:
    return _relative(page, "/index.htm").removesuffix("index.htm") or "./"


def _head(page: ThemePage, title: str, article: MirrorArticle | None = None) -> str:
    metas = [("SiteName", SITE_NAME), ("SiteDomain", DOMAIN), ("SiteIDCode", SITE_ID)]
    metas += [("ColumnName", CATEGORY), ("ColumnType", CATEGORY)]
    if article is not None:
        metas += [
            ("ArticleTitle", article.title),
            ("PubDate", f"{article.published:%Y-%m-%d %H:%M}"),
            ("ContentSource", article.source or ""),
            ("Keywords", ""),
            ("Author", article.author or ""),
            ("Description", ""),
            ("Url", page.url),
        ]
    tags = "\n".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in metas)
    return (
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html>\n<head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
        f"<title>{escape(title)}</title>\n{tags}\n"
        f'<link href="{_home(page)}images/style.css" rel="stylesheet" type="text/css">\n'
        "</head>\n"
    )


def _top(page: ThemePage) -> str:
    home = _home(page)
    return (
        '<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="top">'
        f'<tr><td><img src="{home}images/top_banner.jpg" width="1000" height="120" alt="{SITE_NAME}"></td></tr>'
        '<tr><td class="menu">'
        f'<a href="{home}">首页</a> | <a href="{home}jgzn/">机构职能</a> | <a href="{home}swdt/">{CATEGORY}</a> | '
        f'<a href="{home}tzgg/">通知公告</a> | <a href="{home}zcfg/">政策法规</a> | <a href="{home}zsyz/">招商引资</a>'
        "</td></tr></table>\n"
    )


def _crumbs(page: ThemePage) -> str:
    home = _home(page)
    column = _relative(page, f"{COLUMN}/index.htm").removesuffix("index.htm") or "./"
    return (
        '<td class="dqwz">您现在的位置：'
        f'<a href="{home}" title="首页" class="CurrChnlCls">首页</a>&nbsp;&gt;&nbsp;'
        f'<a href="{column}" title="{CATEGORY}" class="CurrChnlCls">{CATEGORY}</a></td>'
    )


def _bottom(page: ThemePage) -> str:
    return (
        '<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="bottom">'
        f'<tr><td align="center">版权所有：{SITE_NAME}　地址：嘉兴市南湖区中环东路1号<br>'
        f"网站标识码：{SITE_ID}　浙ICP备05012345号　浙公网安备 33040202000456号<br>"
        f'<script id="_jiucuo_" sitecode="{SITE_ID}" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>'
        "</td></tr></table>\n"
    )


def _pager(number: int, pages: int) -> str:
    # WCM's default pager script: the links are assembled in document.write calls, never written out.
    return (
        '<script language="JavaScript">\n'
        f"var currentPage = {number - 1};//所在页从0开始\n"
        "var prevPage = currentPage-1//上一页\n"
        "var nextPage = currentPage+1//下一页\n"
        f"var countPage = {pages}//共多少页\n"
        'document.write("共"+countPage+"页&nbsp;&nbsp;");\n'
        "if(countPage>1&&currentPage!=0&&currentPage!=1)\n"
        '\tdocument.write("<a href=\\"index.htm\\">首页</a>&nbsp;<a href=\\"index"+"_" + prevPage + "."+"htm\\">'
        '上一页</a>&nbsp;");\n'
        "else if(countPage>1&&currentPage!=0&&currentPage==1)\n"
        '\tdocument.write("<a href=\\"index.htm\\">首页</a>&nbsp;<a href=\\"index.htm\\">上一页</a>&nbsp;");\n'
        "else\n"
        '\tdocument.write("首页&nbsp;上一页&nbsp;");\n'
        "if(countPage>1&&currentPage!=(countPage-1))\n"
        '\tdocument.write("<a href=\\"index"+"_" + nextPage + "."+"htm\\">下一页</a>&nbsp;<a href=\\"index_" + '
        '(countPage-1) + "."+"htm\\">尾页</a>");\n'
        "else\n"
        '\tdocument.write("下一页&nbsp;尾页");\n'
        "</script>\n"
    )


def render_article(page: ThemePage, article: MirrorArticle) -> str:
    """An article page: title cell, the date and 来源 cell, the TRS_Editor body, 相关文章, footer."""
    day = article.published
    image = f"W0{day:%Y%m%d}{FIRST_DOCUMENT_ID + article.article_id}01.jpg"
    paragraphs = "\n".join(f"<p>　　{escape(p)}</p>" for p in article.paragraphs)
    related = "\n".join(
        f'<tr><td>· <a href="{_relative(page, page.theme.article_path(a))}" target="_blank">{escape(a.title)}</a>'
        f"</td><td>{a.published:%Y-%m-%d}</td></tr>"
        for a in page.recent
        if a.article_id != article.article_id
    )
    body = (
        "<body>\n" + _top(page) + '<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">'
        f"<tr>{_crumbs(page)}</tr></table>\n"
        '<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="wz">\n'
        f'<tr><td align="center" class="bt">{escape(article.title)}</td></tr>\n'
        '<tr><td align="center" class="xx">'
        f"发布日期：{day:%Y-%m-%d}&nbsp;&nbsp;来源：{escape(article.source or '')}&nbsp;&nbsp;"
        '【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> '
        '<a href="javascript:doZoom(12)">小</a>】</td></tr>\n'
        '<tr><td class="nr"><div class=TRS_Editor><div class="Custom_UnionStyle">\n'
        f"{paragraphs}\n"
        f'<p align="center"><img src="./{image}" OLDSRC="{image}" border="0"></p>\n'
        "</div></div></td></tr>\n"
        '<tr><td align="right">【<a href="javascript:window.print()">打印本页</a>】'
        '【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>\n'
        "</table>\n"
        '<table width="1000" border="0" align="center" class="xgwz"><tr><td colspan="2">相关文章：</td></tr>\n'
        f"{related}\n</table>\n" + _bottom(page) + "</body>\n</html>\n"
    )
    return _head(page, article.title, article) + body


def render_listing(page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
    """A listing: a table of title and date rows, the countPage pager script below it."""
    rows = "\n".join(
        f'<tr><td class="lb">· <a href="{_relative(page, page.theme.article_path(a))}" target="_blank" '
        f'title="{escape(a.title)}">{escape(a.title)}</a></td><td class="rq">{a.published:%Y-%m-%d}</td></tr>'
        for a in articles
    )
    body = (
        "<body>\n" + _top(page) + '<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">'
        f"<tr>{_crumbs(page)}</tr></table>\n"
        '<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="list">\n'
        f"{rows}\n"
        f'<tr><td colspan="2" align="center" class="fy">{_pager(number, pages)}</td></tr>\n'
        "</table>\n" + _bottom(page) + "</body>\n</html>\n"
    )
    return _head(page, f"{CATEGORY}--{SITE_NAME}") + body


THEME = Theme(
    name="gov-trs-wcm6",
    site_type="trs",
    follows=FOLLOWS,
    site_name=SITE_NAME,
    category=CATEGORY,
    article_path=article_path,
    listing_path=listing_path,
    render_article=render_article,
    render_listing=render_listing,
    article_pattern=r"/t20\d{6}_\d+\.htm$",
    encoding="gbk",
    meta_charset="gb2312",
    header_charset=None,
)
