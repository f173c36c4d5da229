"""A county government portal published by TRS WCM (拓尔思), as its static pages come out of the publisher.

TRS WCM writes every page to disk ahead of time, so what a crawler meets is
what the publisher's placeholders rendered, with these marks of the product:

* URLs: a column is a folder (``/xxgk/zwdt/``); its listing is ``index.html``,
  then ``index_1.html``, ``index_2.html`` …; an article sits in a month folder
  as ``t<YYYYMMDD>_<document id>.html`` and is linked relatively
  (``./202108/t20210826_4823301.html``, ``../202107/…``), as TRS writes links.
* The pager exists only as a script call, ``createPageHTML(pages, current,
  "index", "html")``, with the current page counted from 0; the function that
  draws the links lives in a shared script: without JavaScript there is no
  page link at all.
* The breadcrumb is the ``<TRS_CurrChnl>`` output: links of class
  ``CurrChnlCls`` joined by ``&nbsp;>&nbsp;``.
* The body is the UEditor block ``<div class="view TRS_UEDITOR
  trs_paper_default trs_web">`` (older sites: ``<div class=TRS_Editor>``), its
  images renamed ``W0<date>…`` with an ``OLDSRC`` attribute.
* Optional fields are written by script, because a template cannot test a
  field: ``来源`` is ``document.write``'d only when the document has a
  source, so the visible page shows no 来源 to a reader without JavaScript;
  the head's ``ContentSource`` has it.
* The head carries the metadata the national rules for government websites
  (国务院办公厅《政府网站发展指引》) require: SiteName, SiteDomain, SiteIDCode,
  ColumnName, ColumnDescription, ColumnKeywords, ColumnType and, on an article,
  ArticleTitle, PubDate, ContentSource, Keywords, Author, Description, Url.
* The info line ``发布时间：2021-08-26 09:30 … 字号：[大 中 小] 【打印】【关闭】``;
  a share bar, a 扫一扫在手机打开当前页 QR block, 相关链接, a sidebar of the
  latest documents; the footer with 主办单位, 网站标识码, ICP and 公安备案
  numbers, the 党政机关 badge, the 政府网站找错 script and TRS's ``ta.trs.cn``
  visitor analytics.

Followed: the rendered pages of TRS WCM 7/8 government sites as public
crawler code and saved pages show them (the 生态环境部 article page
``ywdt/hjywnews/202204/t20220417_974894.shtml`` with its government metas,
``CurrChnlCls`` breadcrumb, ``TRS_Editor`` body and footer; the
``view TRS_UEDITOR trs_paper_default trs_web`` body class and the
script-written 来源 of 陕西 and 宁夏 government pages; the ``createPage(N,
current, "index", "html")`` pager of 重庆 government listings), and the 开普云
note on the metas the 发展指引 requires of list and detail pages.  The markup
is ours; no TRS template is copied.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from html import escape

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import Theme, ThemePage

SITE_NAME = "肥西县人民政府"
CATEGORY = "政务动态"
SECTION = "政务公开"
DOMAIN = "www.feixi.gov.cn"
SITE_ID = "3401230001"
COLUMN = "/xxgk/zwdt"
# TRS document ids are the database's: large, and unrelated to the article's place.
FIRST_DOCUMENT_ID = 4823300
FOLLOWS = (
    "TRS WCM 7/8 government sites as published: t<date>_<id>.html articles, index_N.html listings paged by TRS's "
    "page-script call, the channel breadcrumb, the UEditor body block, script-written 来源, 发展指引 head metas "
    "(生态环境部 ywdt/hjywnews article page; 陕西, 宁夏, 重庆 government pages)"
)


def article_path(article: MirrorArticle) -> str:
    """``/xxgk/zwdt/202108/t20210826_4823301.html``: the month folder, the date and the document id."""
    day = article.published
    return f"{COLUMN}/{day:%Y%m}/t{day:%Y%m%d}_{FIRST_DOCUMENT_ID + article.article_id}.html"


def listing_path(page: int) -> str:
    """``index.html``, then ``index_1.html``, ``index_2.html`` …: TRS counts the pages after the first from 1."""
    return f"{COLUMN}/index.html" if page == 1 else f"{COLUMN}/index_{page - 1}.html"


def _relative(page: ThemePage, target: str) -> str:
    """``target`` (a path below the site root) as TRS links it: relative to the page's folder."""
    here = posixpath.dirname(_path_of(page))
    link = posixpath.relpath(page.root + target, here)
    return link if link.startswith("../") else "./" + link


def _path_of(page: ThemePage) -> str:
    """The page's own path on the mirror (its URL without scheme and host)."""
    after_scheme = page.url.split("://", 1)[-1]
    return "/" + after_scheme.split("/", 1)[1] if "/" in after_scheme else "/"


def _head(page: ThemePage, title: str, article: MirrorArticle | None = None) -> str:
    """The doctype and head: the 发展指引 metas of a column page, and of an article when there is one."""
    metas = [
        ("SiteName", SITE_NAME),
        ("SiteDomain", DOMAIN),
        ("SiteIDCode", SITE_ID),
        ("ColumnName", CATEGORY),
        ("ColumnDescription", f"{SITE_NAME}{CATEGORY}栏目发布本县政务工作动态信息"),
        ("ColumnKeywords", f"{CATEGORY},政务公开,肥西"),
        ("ColumnType", CATEGORY),
    ]
    if article is not None:
        metas += [
            ("ArticleTitle", article.title),
            ("PubDate", f"{article.published:%Y-%m-%d %H:%M}"),
            ("ContentSource", article.source or ""),
            ("Keywords", "招商引资,项目签约"),
            ("Author", article.author or ""),
            ("Description", article.paragraphs[0][:80] if article.paragraphs else ""),
            ("Url", page.url),
        ]
    tags = "\n".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in metas)
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
        '<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f"<title>{escape(title)}</title>\n{tags}\n"
        f'<link rel="stylesheet" type="text/css" href="{page.root}/images/base.css">\n'
        f'<script type="text/javascript" src="{page.root}/images/jquery-1.12.4.min.js"></script>\n'
        "</head>\n"
    )


def _header(page: ThemePage) -> str:
    home = _relative(page, "/index.html").removesuffix("index.html") or "./"
    return (
        '<div class="top-bar"><div class="w1200">'
        '<span class="today">今天是：<script type="text/javascript">document.write(new Date().toLocaleDateString());'
        "</script></span>"
        '<span class="top-links"><a href="javascript:void(0)" id="cniil_wza">无障碍</a>'
        '<a href="javascript:void(0)" class="old-mode">长者模式</a>'
        f'<a href="http://big5.feixi.gov.cn/gate/big5/{DOMAIN}/" target="_parent">繁體</a></span>'
        "</div></div>\n"
        '<div class="header"><div class="w1200">'
        f'<div class="logo"><a href="{home}" target="_parent"><img src="{page.root}/images/logo.png" '
        f'alt="{SITE_NAME}"></a></div>'
        f'<div class="search-box"><form action="{page.root}/search/" method="get" target="_blank">'
        '<input type="text" name="searchword" class="search-text" placeholder="请输入关键字">'
        '<input type="submit" class="search-btn" value="搜索"></form></div>'
        "</div></div>\n"
        '<div class="nav"><ul class="w1200">'
        f'<li><a href="{home}">首页</a></li>'
        f'<li><a href="{home}xwzx/">新闻中心</a></li>'
        f'<li class="on"><a href="{home}xxgk/">{SECTION}</a></li>'
        f'<li><a href="{home}zwfw/">政务服务</a></li>'
        f'<li><a href="{home}hdjl/">互动交流</a></li>'
        f'<li><a href="{home}zjfx/">走进肥西</a></li>'
        "</ul></div>\n"
    )


def _breadcrumb(page: ThemePage) -> str:
    home = _relative(page, "/index.html").removesuffix("index.html") or "./"
    column = _relative(page, f"{COLUMN}/index.html").removesuffix("index.html") or "./"
    return (
        '<div class="position">当前位置：'
        f'<a href="{home}" target="_self" title="首页" class="CurrChnlCls">首页</a>&nbsp;&gt;&nbsp;'
        f'<a href="{home}xxgk/" target="_self" title="{SECTION}" class="CurrChnlCls">{SECTION}</a>&nbsp;&gt;&nbsp;'
        f'<a href="{column}" target="_self" title="{CATEGORY}" class="CurrChnlCls">{CATEGORY}</a>'
        "</div>\n"
    )


def _sidebar(page: ThemePage) -> str:
    items = "\n".join(
        f'<li><a href="{_relative(page, page.theme.article_path(a))}" target="_blank" '
        f'title="{escape(a.title)}">{escape(_shortened(a.title, 18))}</a></li>'
        for a in page.recent
    )
    return (
        '<div class="side-right">\n<div class="side-box"><div class="side-title">最新发布</div>\n'
        f'<ul class="side-list">\n{items}\n</ul></div>\n'
        '<div class="side-box"><div class="side-title">专题专栏</div><ul class="side-list">'
        f'<li><a href="{page.root}/ztzl/yshj/">优化营商环境</a></li>'
        f'<li><a href="{page.root}/ztzl/zsyz/">招商引资</a></li></ul></div>\n'
        "</div>\n"
    )


def _footer(page: ThemePage) -> str:
    return (
        '<div class="footer"><div class="w1200">'
        '<div class="footer-links"><a href="javascript:void(0)">网站地图</a> | '
        '<a href="javascript:void(0)">联系我们</a> | <a href="javascript:void(0)">网站声明</a></div>'
        f"<p>主办单位：{SITE_NAME}办公室　承办单位：肥西县数据资源局</p>"
        f'<p>网站标识码：{SITE_ID}　<a href="https://beian.miit.gov.cn" target="_blank">皖ICP备05001234号</a>　'
        '<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=34012302000123" target="_blank">'
        "皖公网安备 34012302000123号</a></p>"
        '<p><a href="http://bszs.conac.cn/sitename?method=show&amp;id=0A1B2C3D4E5F" target="_blank">'
        f'<img src="{page.root}/images/dzjg.png" alt="党政机关"></a>'
        f"<script id=\"_jiucuo_\" sitecode='{SITE_ID}' src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'></script></p>"
        "</div></div>\n"
        '<script type="text/javascript" src="//ta.trs.cn/c/js/ta.js?mpid=3127" async></script>\n'
    )


def _shortened(title: str, limit: int) -> str:
    # TRS list placeholders cut a long title at NUM characters and mark the cut.
    return title if len(title) <= limit else title[:limit] + "..."


def render_article(page: ThemePage, article: MirrorArticle) -> str:
    """An article page: head metas, header, breadcrumb, title, info line, UEditor body, chrome, sidebar, footer."""
    title = escape(article.title)
    day = article.published
    image = f"W0{day:%Y%m%d}{FIRST_DOCUMENT_ID + article.article_id}0001.jpg"
    paragraphs = "\n".join(f'<p style="text-indent: 2em;">{escape(p)}</p>' for p in article.paragraphs)
    # The source is written by script, as TRS templates do with optional fields.
    source = escape(article.source or "")
    others = [a for a in page.recent if a.article_id != article.article_id][:3]
    related = "\n".join(
        f'<li><a href="{_relative(page, page.theme.article_path(a))}" target="_blank" '
        f'title="{escape(a.title)}">{escape(a.title)}</a><span>{a.published:%Y-%m-%d}</span></li>'
        for a in others
    )
    body = (
        '<body>\n<div class="wrapper">\n'
        + _header(page)
        + '<div class="main w1200">\n'
        + _breadcrumb(page)
        + '<div class="article-left">\n<div class="article">\n'
        f'<h2 class="article-title">{title}</h2>\n'
        '<div class="article-info">'
        f'<span class="info-time">发布时间：{day:%Y-%m-%d %H:%M}</span>'
        '<span class="info-source"><script type="text/javascript">'
        f'var str_source = "{source}"; if (str_source != "") {{ document.write("来源：" + str_source); }}'
        "</script></span>"
        '<span class="info-font">字号：[<a href="javascript:void(0)" onclick="changeSize(18)">大</a> '
        '<a href="javascript:void(0)" onclick="changeSize(16)">中</a> '
        '<a href="javascript:void(0)" onclick="changeSize(14)">小</a>]</span>'
        '<span class="info-print"><a href="javascript:window.print()">【打印】</a>'
        '<a href="javascript:window.close()">【关闭】</a></span>'
        "</div>\n"
        '<div class="article-con">\n<div class="view TRS_UEDITOR trs_paper_default trs_web">\n'
        f"{paragraphs}\n"
        f'<p style="text-align: center;"><img src="./{image}" OLDSRC="{image}" /></p>\n'
        "</div>\n</div>\n"
        f'<div class="article-editor">责任编辑：{escape(article.author or "")}</div>\n'
        '<div class="article-share">分享到：<div class="bshare-custom">'
        '<a title="分享到微信" class="bshare-weixin"></a><a title="分享到新浪微博" class="bshare-sinaminiblog"></a>'
        "</div></div>\n"
        f'<div class="article-ewm"><img src="{page.root}/images/ewm.png" alt=""><p>扫一扫在手机打开当前页</p></div>\n'
        f'<div class="related"><div class="related-title">相关链接</div><ul>\n{related}\n</ul></div>\n'
        "</div>\n</div>\n" + _sidebar(page) + "</div>\n" + _footer(page) + "</div>\n</body>\n</html>\n"
    )
    return _head(page, f"{article.title}_{SITE_NAME}", article) + body


def render_listing(page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
    """A column listing: the document list and the script pager (the pages' links exist only in that call)."""
    rows = "\n".join(
        f'<li><a href="{_relative(page, page.theme.article_path(a))}" target="_blank" '
        f'title="{escape(a.title)}">{escape(_shortened(a.title, 30))}</a><span>{a.published:%Y-%m-%d}</span></li>'
        for a in articles
    )
    body = (
        '<body>\n<div class="wrapper">\n'
        + _header(page)
        + '<div class="main w1200">\n'
        + _breadcrumb(page)
        + '<div class="list-left">\n'
        f'<div class="list-title"><span>{CATEGORY}</span></div>\n'
        f'<ul class="list-ul">\n{rows}\n</ul>\n'
        '<div class="page-box">\n'
        f'<script type="text/javascript" src="{page.root}/images/createPageHTML.js"></script>\n'
        f'<script type="text/javascript">createPageHTML({pages}, {number - 1}, "index", "html");</script>\n'
        "</div>\n</div>\n" + _sidebar(page) + "</div>\n" + _footer(page) + "</div>\n</body>\n</html>\n"
    )
    return _head(page, f"{CATEGORY}_{SITE_NAME}") + body


THEME = Theme(
    name="gov-trs",
    site_type="trs",
    follows=FOLLOWS,
    site_name=SITE_NAME,
    category=CATEGORY,
    article_path=article_path,
    listing_path=listing_path,
    render_article=render_article,
    render_listing=render_listing,
    article_pattern=r"/t20\d{6}_\d+\.html$",
    # Served by a plain web server: no charset in the header, the page's <meta> says UTF-8.
    header_charset=None,
    shows_time=True,
)
