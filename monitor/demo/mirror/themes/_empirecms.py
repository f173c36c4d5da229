"""The markup both EmpireCMS (帝国CMS) themes share: the 7.x default template set, drawn in our own f-strings.

EmpireCMS keeps its templates in the database; a fresh install loads them from
``e/install/data/empirecms.tempdata.sql``.  What is reproduced here, read there
and in the functions that fill the tags:

* 默认新闻内容模板 (``phome_enewsnewstemp`` 1): a table layout, ``<body class="showpage news">``;
  ``td.main`` holds ``table.position`` (您当前的位置：首页&nbsp;>&nbsp;栏目), then
  ``table.title_info`` with the only ``<h1>`` of the page (``[!--title--]``) and
  ``td.info_text``: ``时间：[!--newstime--]&nbsp;&nbsp;来源：[!--befrom--]&nbsp;&nbsp;作者：[!--writer--]``,
  the date in the template's format ``Y-m-d H:i:s``; the body in ``<td id="text">``
  with its ``p.pageLink`` pager; the digg box (来顶一下, 返回首页, a
  ``/e/public/ViewClick/`` counter script); the comment form (``[!--temp.pl--]``:
  发表评论, 共有…条评论, a textarea); ``td.sider``: 推荐资讯 (picture teasers with
  titles cut short), 相关文章 (``[!--other.link--]``), 栏目更新 and 栏目热门 (filled by
  ``/d/js/class/classN_newnews.js`` scripts, so empty to a crawler);
  ``[!--page.stats--]``, the click-counting script.
* 默认新闻列表模板 (``phome_enewslisttemp`` 1): ``<body class="listpage">``, ``td.news_list``
  with the rows ``<li><a href title>[!--title--]</a> <span>Y-m-d</span></li>`` and
  ``<div class="epages">[!--show.listpage--]</div>``; the sider's 最后更新 and
  热门点击 (``ol.rank``, ``li.noN``) lists with titles cut to the tag's length.
* The pager: ``e/class/t_functions.php`` ``sys_ShowListMorePage`` for static lists
  (``<a title="Total record">&nbsp;<b>7</b> </a>``, 首页, 上一页, numbers with the current
  one in ``<b>``, 下一页, 尾页; ``index.html``, ``index_2.html``), ``e/class/connect.php``
  ``page1`` for dynamic ones (``index.php?page=N&classid=C``, N counted from 0, title 总数).
* 页面头部/页面尾部 (``phome_enewstempvar`` header, footer): the member login script
  (``/e/member/login/loginjs.php``), 加入收藏 | 设为首页 | 会员中心 | 我要投稿 | RSS, the logo
  image (no heading), the tab nav ``table.nav``; the footer's site search form
  (``/e/search/index.php``), the link row and "Powered by EmpireCMS".
* 信息来源 that the 来源 table knows are links (``connect.php`` ``ReplaceBefrom``);
  上一篇/下一篇 are the ``[!--info.pre--]``/``[!--info.next--]`` tags (``functions.php``),
  返回列表 when there is none.

Read in voidfeng/EmpireCMS (EmpireCMS 8.0 sources; its default templates are the
7.x set, the same markup copies of 7.2/7.5 installs carry).  Our additions, as
sites add them: the site's name as the logo's ``alt`` and a copyright line with
the ICP number in the footer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import ThemePage

FOLLOWS = (
    "EmpireCMS 7.5 default template set (as shipped through 8.0), e/install/data/empirecms.tempdata.sql: "
    "默认新闻内容模板, 默认新闻列表模板, tempvar header/footer/pl; "
    "e/class/t_functions.php sys_ShowListMorePage; e/class/connect.php page1, ReplaceBefrom; "
    "e/class/functions.php info.pre/info.next"
)
# 信息来源 entries the site's 来源 table holds: printed as links (ReplaceBefrom).
KNOWN_SOURCES = {"新华社": "http://www.news.cn/", "嘉兴日报": "http://www.cnjxol.com/"}
# The other columns of the tab nav, by class path.
COLUMNS = (("zcfg", "政策法规"), ("tzhj", "投资环境"), ("yqgk", "园区概况"), ("lxwm", "联系我们"))


@dataclass(frozen=True)
class EmpireSite:
    """What differs between EmpireCMS sites: where columns live, the class id, the byline's extras.

    ``dynamic``: columns are ``/e/action/ListInfo/?classid=N`` (else ``/<path>/``).
    ``clicks`` adds ``点击：[!--onclick--]次`` to the info line; ``prev_next``
    adds the 上一篇/下一篇 block (both tags the content template offers).
    """

    class_path: str
    classid: int
    icp: str
    dynamic: bool = False
    clicks: bool = False
    prev_next: bool = False

    def column_href(self, page: ThemePage, path: str, classid: int) -> str:
        """The link to a column, as the nav and the breadcrumb print it."""
        if self.dynamic:
            return f"{page.root}/e/action/ListInfo/?classid={classid}"
        return f"{page.root}/{path}/"


def info_id(article: MirrorArticle) -> int:
    """The id EmpireCMS gave the article: its table's auto-increment, so the newer article has the larger id.

    The mirror numbers a site's first articles newest first (1 is the newest).
    """
    return 1850 - article.article_id


def _cut(title: str, length: int) -> str:
    # Title lists cut titles to the tag's length in characters, with no ellipsis.
    return title[:length]


def _head(page: ThemePage, title: str, keywords: str, description: str, body_class: str, ajax: bool) -> str:
    root = page.root
    charset = page.theme.meta_charset
    ajax_script = f'<script type="text/javascript" src="{root}/e/data/js/ajax.js"></script>\n' if ajax else ""
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />\n'
        f"<title>{escape(title)} - Powered by EmpireCMS</title>\n"
        f'<meta name="keywords" content="{escape(keywords)}" />\n'
        f'<meta name="description" content="{escape(description)}" />\n'
        f'<link href="{root}/skin/default/css/style.css" rel="stylesheet" type="text/css" />\n'
        f'<script type="text/javascript" src="{root}/skin/default/js/tabs.js"></script>\n'
        f'{ajax_script}</head>\n<body class="{body_class}">\n'
    )


def _header(page: ThemePage, site: EmpireSite) -> str:
    root = page.root
    tabs = [
        f'<li id="tabnav_btn_{n}" onmouseover="tabit(this)"><a href="{site.column_href(page, path, site.classid + n)}">'
        f"{name}</a></li>"
        for n, (path, name) in enumerate(((site.class_path, page.theme.category), *COLUMNS), start=1)
    ]
    return (
        "<!-- 页头 -->\n"
        '<table width="100%" border="0" cellspacing="0" cellpadding="0" class="top">\n<tr>\n<td>\n'
        '<table width="100%" border="0" cellspacing="0" cellpadding="0">\n<tr>\n<td width="63%"> \n'
        "<!-- 登录 -->\n<script>\n"
        f"document.write('<script src=\"{root}/e/member/login/loginjs.php?t='+Math.random()+'\"><'+'/script>');\n"
        '</script>\n</td>\n<td align="right">\n'
        '<a onclick="window.external.addFavorite(location.href,document.title)" href="#ecms">加入收藏</a> | '
        f"<a onclick=\"this.style.behavior='url(#default#homepage)';this.setHomePage('{root}/')\" "
        'href="#ecms">设为首页</a> | '
        f'<a href="{root}/e/member/cp/">会员中心</a> | <a href="{root}/e/DoInfo/">我要投稿</a> | '
        f'<a href="{root}/e/web/?type=rss2&classid={site.classid}" target="_blank">RSS'
        f'<img src="{root}/skin/default/images/rss.gif" border="0" hspace="2" /></a>\n'
        "</td>\n</tr>\n</table>\n</td>\n</tr>\n</table>\n"
        '<table width="100%" border="0" cellpadding="0" cellspacing="10">\n<tr valign="middle">\n'
        f'<td width="240" align="center"><a href="{root}/"><img src="{root}/skin/default/images/logo.gif" '
        f'alt="{escape(page.theme.site_name)}" width="200" height="65" border="0" /></a></td>\n'
        f'<td align="center"><a href="{root}/" target="_blank"><img src="{root}/skin/default/images/opensource.gif" '
        'width="100%" height="70" border="0" /></a></td>\n</tr>\n</table>\n'
        "<!-- 导航tab选项卡 -->\n"
        '<table width="920" border="0" align="center" cellpadding="0" cellspacing="0" class="nav">\n'
        '  <tr> \n    <td class="nav_global"><ul>\n'
        f'        <li class="curr" id="tabnav_btn_0" onmouseover="tabit(this)"><a href="{root}/">首页</a></li>\n'
        f"        {''.join(tabs)} </ul></td>\n  </tr>\n</table>\n"
    )


def _footer(page: ThemePage, site: EmpireSite) -> str:
    root = page.root
    return (
        "<!-- 页脚 -->\n"
        '<table width="100%" border="0" cellpadding="0" cellspacing="0">\n<tr>\n<td align="center" class="search">\n'
        f'<form action="{root}/e/search/index.php" method="post" name="searchform" id="searchform">\n'
        '<table border="0" cellspacing="6" cellpadding="0">\n<tr>\n<td><strong>站内搜索：</strong>\n'
        '<input name="keyboard" type="text" size="32" id="keyboard" class="inputText" />\n'
        '<input type="hidden" name="show" value="title" />\n<input type="hidden" name="tempid" value="1" />\n'
        '<select name="tbname">\n<option value="news">新闻</option>\n<option value="article">文章</option>\n'
        "</select>\n</td>\n"
        f'<td><input type="image" class="inputSub" src="{root}/skin/default/images/search.gif" />\n</td>\n'
        f'<td><a href="{root}/search/" target="_blank">高级搜索</a></td>\n'
        "</tr>\n</table>\n</form>\n</td>\n</tr>\n<tr>\n<td>\n"
        '\t<table width="100%" border="0" cellpadding="0" cellspacing="4" class="copyright">\n'
        f'        <tr> \n          <td align="center"><a href="{root}/">网站首页</a> | <a href="#">关于我们</a> \n'
        '            | <a href="#">服务条款</a> | <a href="#">广告服务</a> | <a href="#">联系我们</a> \n'
        f'            | <a href="#">网站地图</a> | <a href="#">免责声明</a> | <a href="{root}/e/wap/" '
        'target="_blank">WAP</a></td>\n        </tr>\n'
        '        <tr> \n          <td align="center">Powered by <strong><a href="http://www.phome.net" '
        'target="_blank">EmpireCMS</a></strong> \n            <strong><font color="#FF9900">7.5</font></strong>'
        "&nbsp; &copy; 2002-2018 \n"
        '            <a href="http://www.digod.com" target="_blank">EmpireSoft Inc.</a></td>\n'
        "        </tr>\n"
        f'        <tr> \n          <td align="center">Copyright &copy; {escape(page.theme.site_name)} 版权所有 '
        f'&nbsp; <a href="https://beian.miit.gov.cn/" target="_blank">{escape(site.icp)}</a></td>\n'
        "        </tr>\n\t</table>\n</td>\n</tr>\n</table>\n"
    )


def _newsnav(page: ThemePage, site: EmpireSite) -> str:
    # ReturnClassLink: 首页, then each column, joined by the nav symbol (">") between &nbsp;s.
    column = site.column_href(page, site.class_path, site.classid)
    return f'<a href="{page.root}/">首页</a>&nbsp;>&nbsp;<a href="{column}">{escape(page.theme.category)}</a>'


def _befrom(source: str | None) -> str:
    if not source:
        return ""
    url = KNOWN_SOURCES.get(source)
    return f"<a href='{url}' target=_blank>{escape(source)}</a>" if url else escape(source)


def _pictures(page: ThemePage, articles: Sequence[MirrorArticle]) -> str:
    # [phomenewspic]: picture teasers, four to a row, titles cut to ten characters.
    cells = [
        f'<td align="center"><a href="{page.article_href(a)}" target="_blank"><img src="{page.root}/d/file/'
        f'{a.published:%Y-%m-%d}/{info_id(a)}.jpg" alt="{escape(a.title)}" width="128" height="90" border="0" />'
        f"<br /><span>{escape(_cut(a.title, 10))}</span></a></td>"
        for a in articles[:4]
    ]
    return f'<table width="100%" border="0" cellpadding="3" cellspacing="0"><tr>{"".join(cells)}</tr></table>'


def _sider_box(title: str, inner: str, first: bool = False) -> str:
    margin = "" if first else " margin_top"
    return (
        f'<table width="100%" border="0" cellspacing="0" cellpadding="0" class="title{margin}">\n'
        f"<tr>\n<td><strong>{title}</strong></td>\n</tr>\n</table>\n"
        f'<table width="100%" border="0" cellspacing="{8 if first else 0}" cellpadding="0" class="box">\n'
        f"<tr>\n<td>{inner}\n</td>\n</tr>\n</table>\n"
    )


def _article_body(article: MirrorArticle) -> str:
    # The editor's paragraphs, indented with two full-width spaces as Chinese editors type them.
    return "\n".join(f"<p>\u3000\u3000{escape(p)}</p>" for p in article.paragraphs)


def _comment_form(page: ThemePage, site: EmpireSite, article: MirrorArticle) -> str:
    root, ident = page.root, info_id(article)
    return (
        '<script>\n\t\t  function CheckPl(obj)\n\t\t  {\n\t\t  if(obj.saytext.value=="")\n\t\t  {\n'
        '\t\t  alert("您没什么话要说吗？");\n\t\t  obj.saytext.focus();\n\t\t  return false;\n\t\t  }\n'
        "\t\t  return true;\n\t\t  }\n\t\t  </script>"
        f'<form action="{root}/e/pl/doaction.php" method="post" name="saypl" id="saypl" '
        'onsubmit="return CheckPl(document.saypl)">\n'
        '<table width="100%" border="0" cellpadding="0" cellspacing="0" id="plpost">\n<tr>\n'
        '<td><table width="100%" border="0" cellpadding="0" cellspacing="0" class="title">\n<tr>\n'
        "<td><strong>发表评论</strong></td>\n"
        f'<td align="right"><a href="{root}/e/pl/?classid={site.classid}&amp;id={ident}">共有<span>'
        f'<script type="text/javascript" src="{root}/e/public/ViewClick/?classid={site.classid}&id={ident}&down=2">'
        "</script></span>条评论</a></td>\n</tr>\n</table>\n"
        '<table width="100%" border="0" cellspacing="10" cellpadding="0">\n<tr>\n<td>'
        '<table width="100%" border="0" cellpadding="0" cellspacing="2">\n<tr>\n'
        '<td width="56%" align="left">用户名:\n<input name="username" type="text" class="inputText" '
        'id="username" value="" size="16" /></td>\n'
        '<td width="44%" align="left">密码:\n<input name="password" type="password" class="inputText" '
        'id="password" value="" size="16" /></td>\n</tr>\n<tr>\n'
        '<td align="left">验证码:\n<input name="key" type="text" class="inputText" size="10" />\n'
        f'<img src="{root}/e/ShowKey/?v=pl" align="absmiddle" name="plKeyImg" id="plKeyImg" '
        'title="看不清楚,点击刷新" /> </td>\n'
        '<td align="left"><input name="nomember" type="checkbox" id="nomember" value="1" checked="checked" />\n'
        "匿名发表</td>\n</tr>\n</table>\n"
        '<textarea name="saytext" rows="6" id="saytext"></textarea>'
        f'<input name="imageField" type="image" src="{root}/e/data/images/postpl.gif"/>\n'
        f'<input name="id" type="hidden" id="id" value="{ident}" />\n'
        f'<input name="classid" type="hidden" id="classid" value="{site.classid}" />\n'
        '<input name="enews" type="hidden" id="enews" value="AddPl" />\n'
        f'<input type="hidden" name="ecmsfrom" value="{page.url}"></td>\n'
        "</tr>\n</table>\n</td>\n</tr>\n</table></form>\n"
    )


def _neighbours(page: ThemePage, article: MirrorArticle) -> tuple[MirrorArticle | None, MirrorArticle | None]:
    """The article before (older) and after (newer) this one, when the page knows them."""
    ids = [a.article_id for a in page.recent]
    if article.article_id not in ids:
        return None, None
    at = ids.index(article.article_id)
    older = page.recent[at + 1] if at + 1 < len(page.recent) else None
    newer = page.recent[at - 1] if at > 0 else None
    return older, newer


def _pre_next(page: ThemePage, site: EmpireSite, article: MirrorArticle) -> str:
    # [!--info.pre--]/[!--info.next--]: a link to the neighbour, or 返回列表 to the column when there is none.
    column = site.column_href(page, site.class_path, site.classid)
    older, newer = _neighbours(page, article)

    def link(other: MirrorArticle | None) -> str:
        if other is None:
            return f"<a href='{column}'>返回列表</a>"
        return f"<a href='{page.article_href(other)}'>{escape(other.title)}</a>"

    return f'<div class="info_pn">上一篇：{link(older)}<br />\n下一篇：{link(newer)}</div>\n'


def article_page(page: ThemePage, site: EmpireSite, article: MirrorArticle) -> str:
    """An article page in 默认新闻内容模板."""
    root, ident = page.root, info_id(article)
    when = f"{article.published:%Y-%m-%d %H:%M:%S}"
    info = f"时间：{when}&nbsp;&nbsp;来源：{_befrom(article.source)}&nbsp;&nbsp;作者：{escape(article.author or '')}"
    if site.clicks:
        # On dynamic pages [!--onclick--] is the count itself.
        info += f"&nbsp;&nbsp;点击：{37 + ident % 500}次"
    smalltext = "".join(article.paragraphs)[:80]
    others = [a for a in page.recent if a.article_id != article.article_id]
    related = "\n".join(
        f'<li><a href="{page.article_href(a)}" title="{escape(a.title)}">{escape(a.title)}</a></li>' for a in others
    )
    column_js = f"{root}/d/js/class/class{site.classid}"
    sider = (
        _sider_box("推荐资讯", _pictures(page, others), first=True)
        + _sider_box("相关文章", f"<ul>\n{related}\n</ul>")
        + _sider_box("栏目更新", f"<ul>\n              <script src='{column_js}_newnews.js'></script></ul>")
        + _sider_box("栏目热门", f"<ul>\n              <script src='{column_js}_hotnews.js'></script></ul>")
    )
    return (
        _head(page, article.title, "招商引资,项目签约", smalltext, "showpage news", ajax=True)
        + _header(page, site)
        + '<table width="100%" border="0" cellspacing="10" cellpadding="0">\n<tr valign="top">\n'
        '<td class="main"><table width="100%" border="0" cellspacing="0" cellpadding="0" class="position">\n'
        f"<tr>\n<td>您当前的位置：{_newsnav(page, site)}</td>\n</tr>\n</table>\n"
        '<table width="100%" border="0" cellspacing="0" cellpadding="0" class="box">\n<tr>\n'
        '<td><table width="100%" border="0" cellpadding="0" cellspacing="0" class="title_info">\n'
        f"<tr>\n<td><h1>{escape(article.title)}</h1></td>\n</tr>\n"
        f'<tr>\n<td class="info_text">{info}</td>\n</tr>\n</table>\n'
        '<table width="100%" border="0" cellspacing="0" cellpadding="0">\n<tr>\n'
        f'<td id="text">{_article_body(article)}\n<p align="center" class="pageLink"></p></td>\n</tr>\n</table>\n'
        + (_pre_next(page, site, article) if site.prev_next else "")
        + '<table border="0" align="center" cellpadding="0" cellspacing="8">\n<tr>\n'
        '<td><table border="0" align="center" cellpadding="0" cellspacing="0" class="digg">\n<tr>\n'
        '<td class="diggnum" id="diggnum"><strong><script type="text/javascript" '
        f'src="{root}/e/public/ViewClick/?classid={site.classid}&id={ident}&down=5"></script></strong></td>\n'
        "</tr>\n<tr>\n"
        f'<td class="diggit"><a href="JavaScript:makeRequest(\'{root}/e/public/digg/?classid={site.classid}'
        f"&id={ident}&dotop=1&doajax=1&ajaxarea=diggnum','EchoReturnedText','GET','');\">来顶一下</a></td>\n"
        "</tr>\n</table></td>\n"
        '<td><table border="0" align="center" cellpadding="0" cellspacing="0" class="digg">\n<tr>\n'
        f'<td valign="middle" class="diggnum"><strong><a href="{root}/"><img src="{root}/skin/default/images/'
        'back.gif" alt="返回首页" width="12" height="13" border="0" align="absmiddle" /></a></strong></td>\n'
        f'</tr>\n<tr>\n<td class="diggit"><a href="{root}/">返回首页</a></td>\n</tr>\n</table></td>\n'
        "</tr>\n</table>\n          </td>\n</tr>\n</table>\n" + _comment_form(page, site, article) + "</td>\n"
        f'<td class="sider">{sider}</td>\n</tr>\n</table>\n'
        + _footer(page, site)
        + f'<script src="{root}/e/public/ViewClick/?classid={site.classid}&id={ident}&addclick=1"></script>\n'
        "</body>\n</html>\n"
    )


def pager(page: ThemePage, site: EmpireSite, number: int, pages: int, total: int) -> str:
    """The list's pager, empty when one page holds everything.

    Static lists: ``sys_ShowListMorePage`` (``index.html``, ``index_2.html``; the
    total titled "Total record").  Dynamic lists: ``page1``, the same links
    over ``index.php?page=N&classid=C`` with N counted from 0, the total titled 总数.
    """
    if pages <= 1:
        return ""
    label = "总数" if site.dynamic else "Total record"
    out = f'<a title="{label}">&nbsp;<b>{total}</b> </a>&nbsp;&nbsp;'
    if number != 1:
        out += f'<a href="{page.listing_href(1)}">首页</a>&nbsp;<a href="{page.listing_href(number - 1)}">上一页</a>'
    for n in range(max(1, number - 2), pages + 1):
        out += f"&nbsp;<b>{n}</b>" if n == number else f'&nbsp;<a href="{page.listing_href(n)}">{n}</a>'
    if number != pages:
        out += f'&nbsp;<a href="{page.listing_href(number + 1)}">下一页</a>'
        out += f'&nbsp;<a href="{page.listing_href(pages)}">尾页</a>'
    return out


def listing_page(page: ThemePage, site: EmpireSite, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
    """A column's list page in 默认新闻列表模板, page ``number`` of ``pages``."""
    size = page.theme.page_size
    # The pager prints the column's total; the last page tells it exactly, the others as the site was generated.
    total = (pages - 1) * size + len(articles) if number == pages else max(page.theme.articles, pages * size - size + 1)
    rows = "\n".join(
        f'<li><a href="{page.article_href(a)}" title="{escape(a.title)}">{escape(a.title)}</a> '
        f"<span>{a.published:%Y-%m-%d}</span></li>"
        for a in articles
    )
    pager_html = pager(page, site, number, pages, total)
    latest = "\n".join(
        f'<li><a href="{page.article_href(a)}" title="{escape(a.title)}">{escape(_cut(a.title, 22))}</a></li>'
        for a in page.recent
    )
    hot = "\n".join(
        f'<li class="no{n}"><a href="{page.article_href(a)}" title="{escape(a.title)}">'
        f"{escape(_cut(a.title, 20))}</a></li>"
        for n, a in enumerate(reversed(page.recent), start=1)
    )
    sider = (
        _sider_box("推荐资讯", _pictures(page, page.recent), first=True)
        + _sider_box("最后更新", f"<ul>\n{latest} \n</ul>")
        + _sider_box("热门点击", f'<ol class="rank">\n{hot} \n</ol>')
    )
    return (
        _head(page, page.theme.category, page.theme.category, page.theme.category, "listpage", ajax=False)
        + _header(page, site)
        + '<table width="100%" border="0" cellspacing="10" cellpadding="0">\n<tr valign="top">\n'
        '<td class="news_list"><table width="100%" border="0" cellspacing="0" cellpadding="0" class="position">\n'
        f"<tr>\n<td>您当前的位置：{_newsnav(page, site)}</td>\n</tr>\n</table>\n"
        '<table width="100%" border="0" cellspacing="0" cellpadding="0" class="box">\n<tr>\n'
        f"<td><ul>\n{rows}\n</ul>\n\n"
        '<table width="100%" border="0" cellspacing="0" cellpadding="0">\n<tr>\n'
        f'                <td height="38"><div class="epages">{pager_html}</div></td>\n</tr>\n</table>\n'
        "</td>\n</tr>\n</table></td>\n"
        f'<td class="sider">{sider}</td>\n</tr>\n</table>\n' + _footer(page, site) + "</body>\n</html>\n"
    )
