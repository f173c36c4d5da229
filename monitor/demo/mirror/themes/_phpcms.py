"""The markup both PHPCMS v9 themes share: the default template set, drawn in our own f-strings.

Read in forget-code/phpcms (PHPCMS V9.6.3, release 20170515):
``phpcms/templates/default/content/{header,footer,show,list}.html`` and what fills
them.  Reproduced:

* header.html: XHTML 1.0 doctype, ``X-UA-Compatible IE=7``, ``<title>`` from ``seo()``
  (``标题 - 栏目 - 站点``; a list page ``栏目 - 站点``), the ``/statics/css/`` and
  ``/statics/js/`` (jquery.min.js, jquery.sgallery.js, search_common.js) files;
  ``div.body-top`` with the scrolling ``#announ`` list of promoted titles, the rss
  link and the member mini-login iframe written by a script; ``div.header``: the
  logo image (no heading), the search tabs and form (``index.php`` with
  m=search), the poster script, ``div.nav-bar`` > ``ul.nav-site`` (首页 | columns).
* show.html: ``div.crumbs`` (首页 &gt; ``catpos()`` 正文); ``div#Article`` whose ``<h1>``
  holds the title *and*, after a ``<br />``, ``<span>{$inputtime}&nbsp;&nbsp;&nbsp;来源：{$copyfrom}
  &nbsp;&nbsp;&nbsp;评论：<a id="comment">0</a> 点击：</span><span id="hits"></span>`` — the date in the
  model field's format ``Y-m-d H:i:s`` and the hits filled in by ``api.php?op=count``;
  ``div.summary`` with ``{$description}`` (the first 200 bytes of the body, cut by
  ``str_cut`` with "...": the summary repeats the lede); ``div.content`` with the
  editor's paragraphs; ``div#pages``; 相关热词搜索 tag links; 上一篇/下一篇 (第一页/最后一页 and
  a ``javascript:alert`` when there is none, ``modules/content/index.php``); 延伸阅读
  (``div.related``, dates ``(Y-m-d)``); the mood script; ``div.Article-Tool`` (分享到, 收藏);
  the comment iframe and 评论排行; ``div.col-auto``: 频道总排行 and 频道本月排行.
* list.html: ``div.crumbs`` (首页 > catpos 列表), ``ul.list`` rows
  ``<li><span class="rt">Y-m-d H:i:s</span>·<a>title</a></li>`` with a ``li.bk20.hr`` after
  every fifth, and ``<div id="pages" class="text-c">``: ``pages()`` in
  ``phpcms/libs/functions/global.func.php`` — ``<a class="a1">7条</a>``, 上一页 (``a.a1``),
  ``<span>`` for the current page, numbers, 下一页 (``a.a1``, on the last page pointing at itself).
* footer.html: column links, 友情链接, "Powered by PHPCMS V9.6.3 © 2017".
  Added as sites add them: the site's name as the logo's ``alt`` and its ICP line.

URL shapes come from the install's ``phpcms_urlrule`` rows (static: list
``{$categorydir}{$catdir}/index.html|…/{$page}.html`` under ``/html``, show
``{$year}/{$catdir}_{$month}{$day}/{$id}.html``; dynamic: ``index.php?m=content&c=index&a=lists&catid=N[&page=P]``
and ``…&a=show&catid=N&id=ID``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import ThemePage

FOLLOWS = (
    "PHPCMS V9.6.3 (20170515) default templates, phpcms/templates/default/content/{header,footer,show,list}.html; "
    "pages() in phpcms/libs/functions/global.func.php; urlrules of install/main/phpcms_db.sql"
)
# Other columns of the nav: (catdir, catid, name).
COLUMNS = (("zcfg", 7, "政策法规"), ("tzhj", 8, "投资环境"), ("yqjs", 9, "园区介绍"))
KEYWORDS = ("项目签约", "招商引资")


@dataclass(frozen=True)
class PhpcmsSite:
    """What differs between PHPCMS sites: the column, its id, how columns are linked, the ICP line.

    ``column_url(page, catdir, catid)`` is a column's link as the nav and the
    breadcrumb print it (``/html/news/``, or ``/index.php?m=content&c=index&a=lists&catid=6``).
    """

    catdir: str
    catid: int
    icp: str
    column_url: Callable[[ThemePage, str, int], str]


def content_id(article: MirrorArticle) -> int:
    """The id PHPCMS gave the article: the news table's auto-increment, so the newer article has the larger id.

    The mirror numbers a site's first articles newest first (1 is the newest).
    """
    return 570 - article.article_id


def _cut(text: str, length: int, dot: str = "") -> str:
    # str_cut: cut past ``length`` characters, ending in ``dot``.
    return text if len(text) <= length else text[:length] + dot


def description(article: MirrorArticle) -> str:
    """{$description}: the body's text with its line breaks gone, cut to 200 bytes (100 Han characters) and "..."."""
    return _cut("".join(article.paragraphs), 100, "...")


def _head(page: ThemePage, title: str, keywords: str, description_text: str) -> str:
    root = page.root
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        f'<meta http-equiv="Content-Type" content="text/html; charset={page.theme.meta_charset}" />\n'
        '<meta http-equiv="X-UA-Compatible" content="IE=7" />\n'
        f"<title>{escape(title)}</title>\n"
        f'<meta name="keywords" content="{escape(keywords)}">\n'
        f'<meta name="description" content="{escape(description_text)}">\n'
        f'<link href="{root}/statics/css/reset.css" rel="stylesheet" type="text/css" />\n'
        f'<link href="{root}/statics/css/default_blue.css" rel="stylesheet" type="text/css" />\n'
        f'<script type="text/javascript" src="{root}/statics/js/jquery.min.js"></script>\n'
        f'<script type="text/javascript" src="{root}/statics/js/jquery.sgallery.js"></script>\n'
        f'<script type="text/javascript" src="{root}/statics/js/search_common.js"></script>\n'
        "</head>\n<body>\n"
    )


def _header(page: ThemePage, site: PhpcmsSite) -> str:
    root = page.root
    announced = "\n".join(
        f'                      <li><a href="{page.article_href(a)}">{escape(a.title)}</a></li>' for a in page.recent
    )
    columns = [(site.catdir, site.catid, page.theme.category), *COLUMNS]
    nav = "\n".join(
        f'\t\t\t<li class="line">|</li>\n\t\t\t<li><a href="{site.column_url(page, d, i)}"><span>{n}</span></a></li>'
        for d, i, n in columns
    )
    return (
        '<div class="body-top">\n    <div class="content">\n'
        f'    \t\t<div id="announ">\n                 <ul>\n{announced}\n                 </ul>\n'
        "            </div>\n"
        "<script type=\"text/javascript\">\n$(function(){\n\tstartmarquee('announ',22,1,500,3000);\n})\n</script>\n"
        f'            <div class="login lh24 blue"><a href="{root}/index.php?m=content&c=rss&siteid=1" '
        'class="rss ib">rss</a><span class="rt"><script type="text/javascript">'
        f"document.write('<iframe src=\"{root}/index.php?m=member&c=index&a=mini&forward='+"
        'encodeURIComponent(location.href)+\'&siteid=1" allowTransparency="true"  width="500" height="24" '
        'frameborder="0" scrolling="no"></iframe>\')</script></span></div>\n'
        "    </div>\n</div>\n"
        '<div class="header">\n'
        f'\t<div class="logo"><a href="{root}/"><img src="{root}/statics/images/v9/logo.jpg" '
        f'alt="{escape(page.theme.site_name)}" /></a></div>\n\n'
        '    <div class="search">\n    \t<div class="tab" id="search">\n'
        '\t\t\t\t<a href="javascript:;" onclick="setmodel(1, $(this));" style="outline:medium none;" '
        'hidefocus="true"  class="on" >新闻</a><span> | </span>\n'
        '\t\t\t\t<a href="javascript:;" onclick="setmodel(3, $(this));" style="outline:medium none;" '
        'hidefocus="true" >下载</a>\n\t\t</div>\n\n'
        '        <div class="bd">\n'
        f'            <form action="{root}/index.php" method="get" target="_blank">\n'
        '\t\t\t\t<input type="hidden" name="m" value="search"/>\n'
        '\t\t\t\t<input type="hidden" name="c" value="index"/>\n'
        '\t\t\t\t<input type="hidden" name="a" value="init"/>\n'
        '\t\t\t\t<input type="hidden" name="typeid" value="1" id="typeid"/>\n'
        '\t\t\t\t<input type="hidden" name="siteid" value="1" id="siteid"/>\n'
        '                <input type="text" class="text" name="q" id="q"/>'
        '<input type="submit" value="搜 索" class="button" />\n'
        "            </form>\n        </div>\n    </div>\n\n"
        f'    <div class="banner"><script language="javascript" src="{root}/index.php?m=poster&c=index&a=show_poster'
        '&id=1"></script></div>\n'
        '    <div class="bk3"></div>\n'
        '    <div class="nav-bar">\n    \t<map>\n        \t<ul class="nav-site">\n'
        f'\t\t\t<li><a href="{root}/"><span>首页</span></a></li>\n{nav}\n'
        "            </ul>\n        </map>\n    </div> \n</div>\n"
    )


def _footer(page: ThemePage, site: PhpcmsSite) -> str:
    root = page.root
    columns = [(site.catdir, site.catid, page.theme.category), *COLUMNS]
    links = "\n".join(f'<a href="{site.column_url(page, d, i)}" target="_blank">{n}</a> |  ' for d, i, n in columns)
    return (
        '<div class="footer">\n<p class="info">\n'
        f"{links}\n"
        f'<a href="{root}/index.php?m=link" target="_blank">友情链接</a>\n<br />\n'
        'Powered by <strong><a href="http://www.phpcms.cn" target="_blank">PHPCMS</a></strong> <em>V9.6.3</em> '
        f'&copy; 2017 <img src="{root}/statics/images/copyright.gif"/>\n'
        f'<br />{escape(page.theme.site_name)} 版权所有 <a href="https://beian.miit.gov.cn/" target="_blank">'
        f"{escape(site.icp)}</a>\n"
        "</p>\n</div>\n"
        '<script type="text/javascript">\n$(function(){\n\t$(".picbig").each(function(i){\n'
        "\t\tvar cur = $(this).find('.img-wrap').eq(0);\n\t});\n})\n</script>\n"
        "</body>\n</html>\n"
    )


def _crumbs(page: ThemePage, site: PhpcmsSite, separator: str, last: str) -> str:
    # catpos(): each column as a link followed by " > ".
    column = site.column_url(page, site.catdir, site.catid)
    return (
        f'<div class="crumbs"><a href="{page.root}/">首页</a><span> {separator} </span>'
        f'<a href="{column}">{escape(page.theme.category)}</a> >  {last}</div>'
    )


def _ranks(page: ThemePage, articles: Sequence[MirrorArticle]) -> str:
    digg = "\n".join(
        f'\t\t\t\t\t<li><a href="{page.article_href(a)}" target="_blank" title="{escape(a.title)}">'
        f"{escape(_cut(a.title, 14))}</a></li>"
        for a in articles
    )
    monthly = "\n".join(
        f'\t\t\t\t<li><span>{1200 - 97 * n:,}</span><a href="{page.article_href(a)}" class="title" '
        f'title="{escape(a.title)}">{escape(_cut(a.title, 28, "..."))}</a></li>'
        for n, a in enumerate(articles)
    )
    return (
        '    <div class="col-auto">\n        <div class="box">\n'
        '            <h5 class="title-2">频道总排行</h5>\n'
        f'            <ul class="content digg">\n{digg}\n            </ul>\n        </div>\n'
        '        <div class="bk10"></div>\n        <div class="box">\n'
        '            <h5 class="title-2">频道本月排行</h5>\n'
        f'            <ul class="content rank">\n{monthly}\n            </ul>\n        </div>\n    </div>\n'
    )


def _neighbours(page: ThemePage, article: MirrorArticle) -> tuple[MirrorArticle | None, MirrorArticle | None]:
    """The older and the newer article of the column, when the page knows them."""
    ids = [a.article_id for a in page.recent]
    if article.article_id not in ids:
        return None, None
    at = ids.index(article.article_id)
    older = page.recent[at + 1] if at + 1 < len(page.recent) else None
    newer = page.recent[at - 1] if at > 0 else None
    return older, newer


def _neighbour_link(page: ThemePage, other: MirrorArticle | None, none: str) -> str:
    if other is None:
        return f"<a href=\"javascript:alert('{none}');\">{none}</a>"
    return f'<a href="{page.article_href(other)}">{escape(other.title)}</a>'


def article_page(page: ThemePage, site: PhpcmsSite, article: MirrorArticle) -> str:
    """An article page in show.html."""
    root, ident = page.root, content_id(article)
    title = escape(article.title)
    summary = description(article)
    content = "\n".join(f"<p>\n\t{escape(p)}</p>" for p in article.paragraphs)
    tags = " \t".join(
        f'<a href="{root}/index.php?m=content&c=tag&a=lists&tag={quote(word)}" class="blue">{word}</a>'
        for word in KEYWORDS
    )
    older, newer = _neighbours(page, article)
    others = [a for a in page.recent if a.article_id != article.article_id]
    related = "\n".join(
        f'                            <li>·<a href="{page.article_href(a)}" target="_blank">{escape(a.title)}</a>'
        f"<span>({a.published:%Y-%m-%d})</span></li>"
        for a in others
    )
    comment_rank = "\n".join(
        f'                \t<li>·<a href="{page.article_href(a)}" target="_blank">{escape(_cut(a.title, 20))}</a>'
        f"<span>({n})</span></li>"
        for n, a in enumerate(others[:3], start=2)
    )
    commentid = f"content_{site.catid}-{ident}-1"
    return (
        _head(page, f"{article.title} - {page.theme.category} - {page.theme.site_name}", ",".join(KEYWORDS), summary)
        + _header(page, site)
        + '<div class="main">\n\t<div class="col-left">\n    \t'
        + _crumbs(page, site, "&gt;", "正文")
        + '\n        <div id="Article">\n'
        f"        \t<h1>{title}<br />\n"
        f"<span>{article.published:%Y-%m-%d %H:%M:%S}&nbsp;&nbsp;&nbsp;来源：{escape(article.source or '')}"
        '&nbsp;&nbsp;&nbsp;评论：<a href="#comment_iframe" id="comment">0</a> 点击：</span>'
        '<span id="hits"></span></h1>\n'
        f'\t\t\t<div class="summary" >{escape(summary)}</div>\n'
        f'\t\t\t<div class="content">\n\t\t\t\t{content}\n\t\t\t\t<!--内容关联投票-->\n                \n\t\t\t</div>\n'
        '\t\t\t<div id="pages" class="text-c"></div>\n'
        f'            <p style="margin-bottom:10px">\n            <strong>相关热词搜索：</strong>{tags} \t\n'
        "            </p>\n"
        '            <p class="f14">\n'
        f"                <strong>上一篇：</strong>{_neighbour_link(page, older, '第一页')}<br />\n"
        f"                <strong>下一篇：</strong>{_neighbour_link(page, newer, '最后一页')}\n"
        "            </p>\n"
        + (
            '                <div class="related">\n                    <h5 class="blue">延伸阅读：</h5>\n'
            f'                    <ul class="list blue lh24 f14">\n{related}\n                    </ul>\n'
            "                </div>\n"
            if related
            else ""
        )
        + '          <div class="bk15"></div>\n'
        f'            <script type="text/javascript" src="{root}/index.php?m=mood&c=index&a=init&id={site.catid}-'
        f'{ident}-1"></script>\n      </div>\n'
        '      <div class="Article-Tool">\n          分享到：\n'
        '\t\t  <img src="http://v.t.qq.com/share/images/s/weiboicon16.png" style="padding-bottom:3px;" '
        'onclick="postToWb();" class="cu" title="分享到腾讯微博"/>'
        '<script type="text/javascript">document.write(\'<a href="http://v.t.sina.com.cn/share/share.php?url=\'+'
        'encodeURIComponent(location.href)+\'" title="分享到新浪微博" class="t1" target="_blank">&nbsp;</a>\');'
        "</script>\n"
        "\t  <span id='favorite'>\n"
        f'\t\t<a href="javascript:;" onclick="add_favorite(\'{title}\');" class="t6">收藏</a>\n\t  </span>\n\n'
        '\t  </div>\n      <div class="bk10"></div>\n'
        f'      <iframe src="{root}/index.php?m=comment&c=index&a=init&commentid={commentid}&iframe=1" '
        'width="100%" height="100%" id="comment_iframe" frameborder="0" scrolling="no"></iframe>\n'
        '      <div class="box">\n        \t\t<h5>评论排行</h5>\n'
        f'            \t<ul class="content list blue f14 row-2">\n{comment_rank}\n                </ul>\n'
        "        </div>\n  </div>\n" + _ranks(page, page.recent) + "</div>\n"
        f'<script language="JavaScript" src="{root}/api.php?op=count&id={ident}&modelid=1"></script>\n'
        + _footer(page, site)
    )


def pages_html(page: ThemePage, number: int, pages: int, total: int, setpages: int = 10) -> str:
    """pages(): the list's pager, page ``number`` of ``pages`` (empty when one page holds everything).

    As the product draws it: the total in ``a.a1``, 上一页 (on the first page too,
    pointing at it), page 1, a window of numbers around the current page (the
    current one a ``<span>``), the last page, and 下一页 (on the last page
    pointing at the page itself).
    """
    if pages <= 1:
        return ""
    window = setpages + 1
    offset = -(-setpages // 2) - 1
    first, last, more = number - offset, number + offset, False
    if window >= pages:
        first, last = 2, pages - 1
    else:
        if first <= 1:
            first, last = 2, window - 1
        elif last >= pages:
            first, last = pages - (window - 2), pages - 1
        more = True
    out = f'<a class="a1">{total}条</a>'
    out += f' <a href="{page.listing_href(max(1, number - 1))}" class="a1">上一页</a>'
    if number == 1:
        out += " <span>1</span>"
    else:
        out += f' <a href="{page.listing_href(1)}">1</a>' + (".." if number > 6 and more else "")
    for n in range(first, last + 1):
        out += f" <span>{n}</span>" if n == number else f' <a href="{page.listing_href(n)}">{n}</a>'
    if number < pages:
        gap = " .." if number < pages - 5 and more else " "
        out += f'{gap}<a href="{page.listing_href(pages)}">{pages}</a>'
        out += f' <a href="{page.listing_href(number + 1)}" class="a1">下一页</a>'
    else:
        out += f' <span>{pages}</span> <a href="{page.listing_href(number)}" class="a1">下一页</a>'
    return out


def listing_page(page: ThemePage, site: PhpcmsSite, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
    """A column's list page in list.html, page ``number`` of ``pages``."""
    size = page.theme.page_size
    # pages() prints the column's total; the last page tells it exactly, the others as the site was generated.
    total = (pages - 1) * size + len(articles) if number == pages else max(page.theme.articles, pages * size - size + 1)
    rows: list[str] = []
    for n, a in enumerate(articles, start=1):
        rows.append(
            f'\t<li><span class="rt">{a.published:%Y-%m-%d %H:%M:%S}</span>·<a href="{page.article_href(a)}" '
            f'target="_blank">{escape(a.title)}</a></li>'
        )
        if n % 5 == 0:
            rows.append('\t<li class="bk20 hr"></li>')
    category = page.theme.category
    return (
        _head(page, f"{category} - {page.theme.site_name}", category, category)
        + _header(page, site)
        + '<!--main-->\n<div class="main">\n\t<div class="col-left">\n    \t'
        + _crumbs(page, site, ">", "列表")
        + '\n        <ul class="list lh24 f14">\n'
        + "\n".join(rows)
        + "\n        </ul>\n"
        f'        <div id="pages" class="text-c">{pages_html(page, number, pages, total)}</div>\n'
        "  </div>\n" + _ranks(page, page.recent) + "</div>\n" + _footer(page, site)
    )
