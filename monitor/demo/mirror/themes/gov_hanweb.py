"""A city government portal run on Hanweb JCMS (大汉网络), as a crawler without JavaScript receives it.

What the product renders, reproduced here in markup of our own:

* URLs: an article is ``/art/<year>/<month>/<day>/art_<column id>_<article
  id>.html`` (month and day without a leading zero); a column is
  ``/col/col<column id>/index.html``.
* A column page holds no article link in its markup.  Its list is a data
  island, ``<script type="text/xml"><datastore><nextgroup>…</nextgroup>
  <recordset><record><![CDATA[<li><a href="/art/…">…</a></li>]]></record>
  …</recordset></datastore></script>``, that the jpage script
  (``/module/web/jpage/``) turns into a list and a pager in the browser.  The
  island holds the first group of records; the ``nextgroup`` link, also inside
  CDATA, names the next group's address on the data proxy,
  ``/module/web/jpage/dataproxy.jsp?page=2&appid=1&webid=…&path=/&columnid=…
  &unitid=…&webname=…&permissiontype=0``, which answers with the same
  ``<datastore>`` (``totalrecord``, ``totalpage``, ``nextgroup``,
  ``recordset``) as XML.  The jpage call on the column page names the proxy,
  ``totalRecord``, ``perPage`` and the ``ajaxParam`` the proxy is asked with.
* The whole page sits in ``<div id="barrierfree_container">`` (the hook of
  the accessibility toolbar); the breadcrumb's links have class ``bt_link``;
  the body is ``<div id="zoom">`` and the publisher marks the content with
  ``<!--<$[信息内容]>begin-->`` … ``<!--<$[信息内容]>end-->`` comments and
  ``<meta name="ContentStart">`` / ``<meta name="ContentEnd">``.
* The head carries the metadata of the 政府网站发展指引 (SiteName, SiteDomain,
  SiteIDCode, ColumnName, ColumnType, ArticleTitle, PubDate, ContentSource,
  Keywords, Author, Description, Url); the ``<title>`` reads site, column and
  article title one after the other, with no separator to cut at.
* The info line ``发布日期：2021-08-26 信息来源：… 浏览次数：<script
  src="/module/visitcount/articlehits.jsp?…">`` and ``字体：[ 大 中 小 ]``; 打印本页 /
  关闭窗口, a share bar, 扫一扫在手机打开当前页, 上一篇 / 下一篇, 相关信息, a
  sidebar of the latest records and the footer with 主办单位, 网站标识码, ICP
  and 公安备案 numbers.

Followed: Hanweb JCMS sites as public crawler code and saved pages show them:
the ``<datastore>``/``<nextgroup>``/``<recordset>`` data proxy replies quoted
by crawlers of 杭州余杭, 江苏 and 盐城 sites (``startrecord``/``endrecord``/
``perpage``, ``columnid``, ``unitid``, ``webid``, ``webname``), the jpage
``proxyUrl``/``totalRecord``/``ajaxParam`` of a 江苏 column page, the
``#barrierfree_container`` / ``#zoom`` layout of 江苏 and 衡水 article pages,
and the ``<!--<$[信息内容]>begin-->`` content marks of 温州 pages.  No Hanweb
template is copied.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from urllib.parse import quote

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import Theme, ThemePage

SITE_NAME = "太仓市人民政府"
CATEGORY = "工作动态"
DOMAIN = "www.taicang.gov.cn"
SITE_ID = "3205850002"
COLUMN_ID = 14236
UNIT_ID = 68492
WEB_ID = 27
FIRST_ARTICLE_ID = 5723000
PROXY = "/module/web/jpage/dataproxy.jsp"
_ON = ' class="on"'
_SEPARATOR = (
    '<td><table width="100%" border="0"><tr><td class="bt_link" width="10" align="center">&gt;</td></tr></table></td>'
)
FOLLOWS = (
    "Hanweb JCMS government sites as published: /art/Y/M/D/art_COL_ID.html articles, /col/colN/index.html columns "
    "whose list is a text/xml datastore island paged through the jpage data proxy, the barrier-free container and "
    "zoom layout, 发展指引 head metas (江苏, 余杭, 盐城, 衡水, 温州 government pages)"
)


def article_path(article: MirrorArticle) -> str:
    """``/art/2021/8/26/art_14236_5723001.html``: the date without leading zeros, the column and article ids."""
    day = article.published
    return f"/art/{day.year}/{day.month}/{day.day}/art_{COLUMN_ID}_{FIRST_ARTICLE_ID + article.article_id}.html"


def listing_path(page: int) -> str:
    """The column page, then the data proxy's address of each further group of records."""
    if page == 1:
        return f"/col/col{COLUMN_ID}/index.html"
    return f"{PROXY}?page={page}&{_proxy_query()}"


def _proxy_query() -> str:
    # The order and names of the parameters the jpage script sends, the site name percent-encoded.
    return (
        f"appid=1&webid={WEB_ID}&path=/&columnid={COLUMN_ID}&unitid={UNIT_ID}"
        f"&webname={quote(SITE_NAME)}&permissiontype=0"
    )


def _head(page: ThemePage, title: str, article: MirrorArticle | None = None) -> str:
    metas = [
        ("SiteName", SITE_NAME),
        ("SiteDomain", DOMAIN),
        ("SiteIDCode", SITE_ID),
        ("ColumnName", CATEGORY),
        ("ColumnType", CATEGORY),
    ]
    if article is not None:
        metas += [
            ("ArticleTitle", article.title),
            ("PubDate", f"{article.published:%Y-%m-%d %H:%M}"),
            ("ContentSource", article.source or ""),
            ("Keywords", "招商引资,重大项目"),
            ("Author", article.author or ""),
            ("Description", article.paragraphs[0][:80] if article.paragraphs else ""),
            ("Url", page.url),
        ]
    tags = "\n".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in metas)
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
        f"<title>{escape(title)}</title>\n{tags}\n"
        f'<link href="{page.root}/images/{COLUMN_ID}/css/style.css" rel="stylesheet" type="text/css" />\n'
        f'<script type="text/javascript" src="{page.root}/module/jslib/jquery/jquery.js"></script>\n'
        "</head>\n"
    )


def _header(page: ThemePage) -> str:
    return (
        '<div class="bt-top"><div class="bt-w1200">'
        '<span class="bt-welcome">欢迎访问太仓市人民政府门户网站</span>'
        '<span class="bt-top-links"><a href="javascript:void(0)" id="wza">无障碍浏览</a>'
        '<a href="javascript:void(0)" id="zzms">长者模式</a>'
        f'<a href="{page.root}/col/col14001/index.html">English</a></span>'
        "</div></div>\n"
        '<div class="bt-header"><div class="bt-w1200">'
        f'<div class="bt-logo"><a href="{page.root}/"><img src="{page.root}/images/{COLUMN_ID}/logo.png" '
        f'alt="{SITE_NAME}" /></a></div>'
        f'<div class="bt-search"><form action="{page.root}/jrobot/search.do" method="get" target="_blank">'
        f'<input type="hidden" name="webid" value="{WEB_ID}" />'
        '<input type="text" name="q" class="bt-search-text" /><input type="submit" value="搜索" /></form></div>'
        "</div></div>\n"
        '<div class="bt-nav"><ul class="bt-w1200">'
        f'<li><a href="{page.root}/">首页</a></li>'
        f'<li><a href="{page.root}/col/col14201/index.html">政务动态</a></li>'
        f'<li><a href="{page.root}/col/col14301/index.html">信息公开</a></li>'
        f'<li><a href="{page.root}/col/col14401/index.html">政务服务</a></li>'
        f'<li><a href="{page.root}/col/col14501/index.html">政民互动</a></li>'
        f'<li><a href="{page.root}/col/col14601/index.html">走进太仓</a></li>'
        "</ul></div>\n"
    )


def _position(page: ThemePage) -> str:
    # Hanweb's position output: a table of bt_link links with ">" cells between them.
    return (
        '<div class="bt-position"><span>当前位置：</span>'
        '<table cellspacing="0" cellpadding="0" border="0"><tr>'
        f'<td><a href="{page.root}/" class="bt_link">首页</a></td>{_SEPARATOR}'
        f'<td><a href="{page.root}/col/col14201/index.html" class="bt_link">政务动态</a></td>{_SEPARATOR}'
        f'<td><a href="{page.root}{listing_path(1)}" class="bt_link">{CATEGORY}</a></td>'
        "</tr></table></div>\n"
    )


def _column_nav(page: ThemePage) -> str:
    columns = ((14236, CATEGORY), (14237, "部门动态"), (14238, "区镇动态"), (14239, "通知公告"))
    items = "".join(
        f'<li{_ON if number == COLUMN_ID else ""}><a href="{page.root}/col/col{number}/index.html">{name}</a></li>'
        for number, name in columns
    )
    return f'<div class="bt-left"><div class="bt-left-title">政务动态</div><ul class="bt-left-nav">{items}</ul></div>\n'


def _latest(page: ThemePage) -> str:
    items = "\n".join(
        f'<li><a href="{page.article_href(a)}" target="_blank" title="{escape(a.title)}">{escape(a.title)}</a></li>'
        for a in page.recent
    )
    return (
        '<div class="bt-side"><div class="bt-side-title">最新信息</div>\n'
        f'<ul class="bt-side-list">\n{items}\n</ul></div>\n'
    )


def _footer(page: ThemePage) -> str:
    return (
        '<div class="bt-footer"><div class="bt-w1200">'
        f'<p><a href="{page.root}/col/col14002/index.html">网站地图</a> | '
        f'<a href="{page.root}/col/col14003/index.html">联系我们</a> | '
        f'<a href="{page.root}/col/col14004/index.html">网站声明</a></p>'
        f"<p>主办单位：{SITE_NAME}办公室　技术支持：太仓市大数据管理局</p>"
        f'<p>网站标识码：{SITE_ID}　<a href="https://beian.miit.gov.cn/" target="_blank">苏ICP备05010123号</a>　'
        '<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=32058502010123" target="_blank">'
        "苏公网安备 32058502010123号</a></p>"
        '<p><a href="http://bszs.conac.cn/sitename?method=show&amp;id=5F4E3D2C1B0A" target="_blank">'
        f'<img src="{page.root}/images/{COLUMN_ID}/dzjg.png" alt="党政机关" /></a>'
        f"<script id=\"_jiucuo_\" sitecode='{SITE_ID}' src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'></script></p>"
        "</div></div>\n"
    )


def _record(page: ThemePage, article: MirrorArticle) -> str:
    return (
        f'<li><a href="{page.article_href(article)}" target="_blank" title="{escape(article.title)}">'
        f'{escape(article.title)}</a><span class="bt-data-time">{article.published:%Y-%m-%d}</span></li>'
    )


def _datastore(page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
    """The data island and the proxy's reply alike: counts, the next group's address and this group's records.

    CDATA holds the markup as the browser will insert it, so its ``&`` stay bare.
    The column page names the proxy from the site root; the proxy's own replies
    name it relative to themselves (``./dataproxy.jsp?page=3&…``).
    """
    size = page.theme.page_size
    # The mirror knows its articles only page by page: the count is exact on the last page, bounded before it.
    total = (pages - 1) * size + len(articles) if number == pages else min(pages * size, page.theme.articles)
    proxy = f"{page.root}{PROXY}" if number == 1 else "./dataproxy.jsp"
    following = f'<a href="{proxy}?page={number + 1}&{_proxy_query()}"></a>' if number < pages else ""
    records = "\n".join(f"<record><![CDATA[\n{_record(page, a)}\n]]></record>" for a in articles)
    return (
        f"<datastore>\n<totalrecord>{total}</totalrecord>\n<totalpage>{pages}</totalpage>\n"
        f"<nextgroup><![CDATA[{following}]]></nextgroup>\n<recordset>\n{records}\n</recordset>\n</datastore>"
    )


def render_article(page: ThemePage, article: MirrorArticle) -> str:
    """An article page: the metas, the barrier-free container, title, info line, #zoom body, chrome, footer."""
    ids = [a.article_id for a in page.recent]
    here = ids.index(article.article_id) if article.article_id in ids else -1
    newer = page.recent[here - 1] if here > 0 else None
    older = page.recent[here + 1] if 0 <= here < len(page.recent) - 1 else None

    def neighbour(label: str, other: MirrorArticle | None) -> str:
        if other is None:
            return f"<p>{label}：没有了</p>"
        return f'<p>{label}：<a href="{page.article_href(other)}">{escape(other.title)}</a></p>'

    day = article.published
    artid = FIRST_ARTICLE_ID + article.article_id
    paragraphs = "\n".join(f"<p>　　{escape(p)}</p>" for p in article.paragraphs)
    related = "\n".join(
        f'<li><a href="{page.article_href(a)}" target="_blank">{escape(a.title)}</a></li>'
        for a in page.recent
        if a.article_id != article.article_id
    )
    body = (
        '<body>\n<div id="barrierfree_container">\n'
        + _header(page)
        + '<div class="bt-main bt-w1200">\n'
        + _position(page)
        + '<div class="bt-article">\n'
        f'<div class="bt-article-title">{escape(article.title)}</div>\n'
        '<div class="bt-article-info">'
        f"<span>发布日期：{day:%Y-%m-%d}</span>"
        f"<span>信息来源：{escape(article.source or '')}</span>"
        '<span>浏览次数：<script language="javascript" '
        f'src="{page.root}/module/visitcount/articlehits.jsp?colid={COLUMN_ID}&amp;artid={artid}"></script></span>'
        '<span>字体：[ <a href="javascript:doZoom(20)">大</a> <a href="javascript:doZoom(16)">中</a> '
        '<a href="javascript:doZoom(14)">小</a> ]</span>'
        "</div>\n"
        '<div id="zoom" class="bt-content">\n'
        '<!--<$[信息内容]>begin--><meta name="ContentStart">\n'
        f"{paragraphs}\n"
        '<meta name="ContentEnd"><!--<$[信息内容]>end-->\n'
        "</div>\n"
        '<div class="bt-article-tool">'
        '【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】'
        "</div>\n"
        '<div class="bt-share">分享到：<a href="javascript:void(0)" class="share-wx">微信</a>'
        '<a href="javascript:void(0)" class="share-wb">微博</a></div>\n'
        f'<div class="bt-ewm"><img src="{page.root}/images/{COLUMN_ID}/ewm.png" alt="" />扫一扫在手机打开当前页</div>\n'
        f'<div class="bt-prevnext">{neighbour("上一篇", newer)}{neighbour("下一篇", older)}</div>\n'
        f'<div class="bt-relate"><div class="bt-relate-title">相关信息</div><ul>\n{related}\n</ul></div>\n'
        "</div>\n" + _latest(page) + "</div>\n" + _footer(page) + "</div>\n</body>\n</html>\n"
    )
    return _head(page, f"{SITE_NAME} {CATEGORY} {article.title}", article) + body


def render_listing(page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
    """The column page with its data island (group 1), or the data proxy's XML reply (groups 2, 3 …)."""
    if number > 1:
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + _datastore(page, articles, number, pages) + "\n"
    total = min(pages * page.theme.page_size, page.theme.articles)
    unit = (
        f'<div id="{UNIT_ID}">\n<script type="text/xml">\n{_datastore(page, articles, number, pages)}\n'
        "</script>\n"
        f'<script language="javascript" src="{page.root}/module/web/jpage/jpage.js"></script>\n'
        '<script type="text/javascript">\n'
        f"$(document).ready(function(){{ $('#{UNIT_ID}').jpage({{ showMode:'full', perPage:{page.theme.page_size}, "
        f"groupSize:1, barPosition:'bottom', totalRecord:{total}, proxyUrl:'{PROXY}', "
        f"ajaxParam:{{ col:1, appid:1, webid:{WEB_ID}, path:'/', columnid:{COLUMN_ID}, sourceContentType:1, "
        f"unitid:{UNIT_ID}, webname:'{SITE_NAME}', permissiontype:0 }} }}); }});\n"
        "</script>\n</div>\n"
    )
    body = (
        '<body>\n<div id="barrierfree_container">\n'
        + _header(page)
        + '<div class="bt-main bt-w1200">\n'
        + _position(page)
        + _column_nav(page)
        + f'<div class="bt-right"><div class="bt-right-title">{CATEGORY}</div>\n'
        + unit
        + "</div>\n</div>\n"
        + _footer(page)
        + "</div>\n</body>\n</html>\n"
    )
    return _head(page, f"{SITE_NAME} {CATEGORY}") + body


THEME = Theme(
    name="gov-hanweb",
    site_type="hanweb",
    follows=FOLLOWS,
    site_name=SITE_NAME,
    category=CATEGORY,
    article_path=article_path,
    listing_path=listing_path,
    render_article=render_article,
    render_listing=render_listing,
    article_pattern=r"/art/20\d{2}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$",
)
