"""Z-BlogPHP's default theme as a fresh 1.7 install renders it, in either of the product's URL modes.

Followed: Z-BlogPHP 1.7.5 (the zblogcn/zblogphp repository, tag v1.7.5.3540),
the default theme 1.24 in ``zb_users/theme/default/template/`` —
``index.php`` (home and category lists), ``single.php`` (the article page),
``header.php`` (the ``<head>``), ``footer.php``, ``post-multi.php`` (a list
entry), ``post-single.php`` (the article), ``comments.php``/``comment.php``/
``commentpost.php`` (comments and the form) — and what the system fills them
with: ``zb_system/defend/default/{pagebar,sidebar,module,module-previous,
module-catalog,module-archives,module-calendar,module-comments}.php``, the
``PageBar`` class (``zb_system/function/lib/pagebar.php``: first/prev/numbers/
next/last buttons labelled ``‹‹ ‹ 1 2 › ››`` by ``zb_users/language/zh-cn.php``),
``UrlRule::Make`` (``lib/urlrule.php``: page 1 drops its page part, a dynamic
URL's ``&`` is written ``&amp;``), the sidebar modules a fresh install creates
(``zb_install/index.php``: ``divCalendar``, ``divContorPanel`` — sic —,
``divCatalog``, ``divSearchPanel``, ``divComments``, ``divArchives``,
``divFavorites``, ``divLinkage``) plus the stock ``divPrevious`` (最近发表)
most sites add, and the URL rules of the 静态管理中心 plugin
(``zb_users/plugin/STACentre/main.php``): ``post/{id}.html`` and
``category-{id}_{page}.html`` when rewriting, ``?id={id}`` and
``?cate={id}&page={page}`` in the default dynamic mode.

What the real theme makes hard, reproduced in markup of our own: the only
``<h1>`` is the blog's name (``<h1 id="BlogTitle">``); ``<title>`` is
``站名-标题`` (the site's name *first*); the article's title is the text of
``<h2 class="post-title">`` with the date glued after it in a
``<span class="post-date">`` printed by ``Post::Time()`` as
``2021-08-26 10:30:00``; the theme prints no 来源, so the editor's pasted
``来源：肥西发布`` is the first paragraph of the body; author, category, views
and comments follow the body as ``作者:… | 分类:… | 浏览:… | 评论:…``; a
comment carries its own date; list entries show the same title-and-date
heading with the start of the body (the automatic intro) below; every link is
absolute, written with the site's host.
"""

# ruff: noqa: E501  (markup lines as long as the real templates' own)

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape
from urllib.parse import urlsplit

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import Theme, ThemePage

VERSION = "1.7.5"
BUILD = "173540"  # ZC_BLOG_VERSION's build number, in script query strings
# The intro a post gets when its editor leaves the field empty: ZC_ARTICLE_EXCERPT_MAX characters.
EXCERPT_MAX = 250
# The id the newest mirror article gets: the blog's table counts up, so older posts have smaller ids
# (the install's own two posts, 1 and 2 — the first article and the guestbook page — far below).
NEWEST_ID = 120
TAGS = ("招商引资", "项目签约", "产业园区")
OTHER_CATEGORIES = ("政策解读", "厂房出租", "土地出让")
COMMENTERS = ("访客", "厂房中介", "投资人")
COMMENTS = ("请问项目具体落在哪个园区？", "期待早日开工，带动就业。", "厂房还有空置的吗？欢迎联系。")


@dataclass(frozen=True)
class UrlMode:
    """How a Z-BlogPHP install writes its URLs (the 静态管理中心 settings), as paths below the site's host."""

    article: Callable[[int], str]  # post id
    page: Callable[[int], str]  # a single page (the guestbook)
    category: Callable[[int, int], str]  # category id, page number
    tag: Callable[[int], str]
    date: Callable[[str], str]  # "2021-8" (month archive) or "2021-8-26" (a calendar day)
    author: Callable[[int], str]


def _paged(base: str, page: int, joiner: str, suffix: str = "") -> str:
    # UrlRule::Make: page 1 drops the page part of the rule.
    return f"{base}{suffix}" if page <= 1 else f"{base}{joiner}{page}{suffix}"


STATIC = UrlMode(
    article=lambda post: f"/post/{post}.html",
    page=lambda post: f"/{post}.html",
    category=lambda cate, page: "/" + _paged(f"category-{cate}", page, "_", ".html"),
    tag=lambda tag: f"/tags-{tag}.html",
    date=lambda when: f"/date-{when}.html",
    author=lambda user: f"/author-{user}.html",
)
DYNAMIC = UrlMode(
    article=lambda post: f"/?id={post}",
    page=lambda post: f"/?id={post}",
    category=lambda cate, page: _paged(f"/?cate={cate}", page, "&page="),
    tag=lambda tag: f"/?tags={tag}",
    date=lambda when: f"/?date={when}",
    author=lambda user: f"/?auth={user}",
)


@dataclass(frozen=True)
class ZblogDefaultSite:
    """One blog in the default theme: its names, its category and its URL mode."""

    name: str  # the mirror site (served under /<name>/)
    site_name: str  # ZC_BLOG_NAME
    subname: str  # ZC_BLOG_SUBNAME
    category: str
    category_id: int
    urls: UrlMode
    article_pattern: str
    icp: str
    follows: str


def post_id(article: MirrorArticle) -> int:
    """The post's id in the blog's table: an auto-increment, so the newer post has the larger id."""
    return NEWEST_ID + 1 - article.article_id


def default_theme(site: ZblogDefaultSite) -> Theme:
    """The mirror theme of a blog in Z-BlogPHP's default theme."""

    def article_path(article: MirrorArticle) -> str:
        return site.urls.article(post_id(article))

    def listing_path(page: int) -> str:
        return site.urls.category(site.category_id, page)

    def render_article(page: ThemePage, article: MirrorArticle) -> str:
        return _article_page(site, page, article)

    def render_listing(page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
        return _listing_page(site, page, articles, number, pages)

    return Theme(
        name=site.name,
        site_type="zblog",
        follows=site.follows,
        site_name=site.site_name,
        category=site.category,
        article_path=article_path,
        listing_path=listing_path,
        render_article=render_article,
        render_listing=render_listing,
        article_pattern=site.article_pattern,
        shows_time=True,
        articles=7,
        page_size=3,
    )


# --- values the templates print ------------------------------------------------------


def post_time(article: MirrorArticle) -> str:
    """``Post::Time()`` with its default format, ``Y-m-d H:i:s``."""
    return f"{article.published:%Y-%m-%d %H:%M:%S}"


def views(article: MirrorArticle) -> int:
    """A view count that stays the same between requests."""
    return 40 + (article.article_id * 211) % 700


def comment_count(article: MirrorArticle) -> int:
    """Every third post has one comment."""
    return 1 if article.article_id % 3 == 0 else 0


def body_paragraphs(article: MirrorArticle) -> list[str]:
    """The post's content as the editor saved it: the pasted 来源 line, then the article's paragraphs."""
    lines = [f"来源：{escape(article.source)}"] if article.source else []
    lines += [f"&nbsp;&nbsp;&nbsp;&nbsp;{escape(paragraph)}" for paragraph in article.paragraphs]
    return [f"<p>{line}</p>" for line in lines]


def intro(article: MirrorArticle) -> str:
    """The automatic intro: the content cut after ``EXCERPT_MAX`` characters of text, its tags closed."""
    kept, size = [], 0
    for paragraph in ([f"来源：{article.source}"] if article.source else []) + list(article.paragraphs):
        room = EXCERPT_MAX - size
        if room <= 0:
            break
        kept.append(f"<p>{escape(paragraph[:room])}</p>")
        size += len(paragraph)
    return "".join(kept)


# --- the shared parts ----------------------------------------------------------------


def _host(page: ThemePage) -> str:
    """``{$host}``: the site's absolute URL with its trailing slash (Z-BlogPHP writes every link with it)."""
    parts = urlsplit(page.url)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme else ""
    return f"{origin}{page.root}/"


def _url(page: ThemePage, path: str) -> str:
    """An absolute link to ``path`` (``/post/3.html``, ``/?cate=2&page=2``), escaped for an attribute."""
    return escape(_host(page) + path.lstrip("/"))


def _head(page: ThemePage, title: str) -> str:
    host = _host(page)
    return f"""<!DOCTYPE html>
<html lang="zh-Hans">

<head>

<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="ie=edge" />
<meta name="generator" content="Z-BlogPHP {VERSION}" />
<meta name="renderer" content="webkit">
<title>{title}</title>
<link rel="stylesheet" rev="stylesheet" href="{host}zb_users/theme/default/style/default.css?2023-05-26" type="text/css" media="all" />
<script src="{host}zb_system/script/jquery-latest.min.js?v={BUILD}"></script>
<script src="{host}zb_system/script/zblogphp.js?v={BUILD}"></script>
<script src="{host}zb_system/script/c_html_js_add.php?hash=&v={BUILD}"></script>
<script src="{host}zb_users/theme/default/script/custom.js"></script>
</head>
"""


def _top(site: ZblogDefaultSite, page: ThemePage, subtitle_tag: str) -> str:
    host = _host(page)
    return f"""  <div id="divAll">
    <div id="divPage">
      <div id="divMiddle">
        <div id="divTop">
          <h1 id="BlogTitle"><a href="{host}">{escape(site.site_name)}</a></h1>
          <{subtitle_tag} id="BlogSubTitle">{escape(site.subname)}</{subtitle_tag}>
        </div>
        <div id="divNavBar">
          <ul>
            <li id="navbar-item-index"><a href="{host}">首页</a></li><li id="navbar-category-{site.category_id}"><a href="{_url(page, site.urls.category(site.category_id, 1))}">{escape(site.category)}</a></li><li id="navbar-page-2"><a href="{_url(page, site.urls.page(2))}">留言本</a></li>
          </ul>
        </div>
"""


def _sidebar(site: ZblogDefaultSite, page: ThemePage) -> str:
    host = _host(page)
    today = page.today
    categories = [(site.category_id, site.category)] + [
        (site.category_id + index, name) for index, name in enumerate(OTHER_CATEGORIES, start=1)
    ]
    catalog = "".join(
        f'<li><a title="{escape(name)}" href="{_url(page, site.urls.category(cate, 1))}">{escape(name)}</a></li>\n'
        for cate, name in categories
    )
    previous = "".join(
        f'<li><a title="{escape(other.title)}" href="{_url(page, site.urls.article(post_id(other)))}">'
        f"{escape(other.title)}</a></li>\n"
        for other in page.recent
    )
    commented = [other for other in page.recent if comment_count(other)]
    comments = "".join(
        f'<li><a href="{_url(page, site.urls.article(post_id(other)))}#cmt{_comment_id(other)}" '
        f'title="{escape(_commenter(other))} @ {_comment_time(other)}">{escape(_comment_text(other))}</a></li>\n'
        for other in commented
    )
    months = sorted({(other.published.year, other.published.month) for other in page.recent}, reverse=True)
    archives = "".join(
        f'<li><a title="{year}年{month}月" href="{_url(page, site.urls.date(f"{year}-{month}"))}">'
        f"{year}年{month}月 ({sum(1 for o in page.recent if (o.published.year, o.published.month) == (year, month))})"
        "</a></li>\n"
        for year, month in months
    )
    return f"""        <div id="divSidebar">

<dl class="function" id="divCalendar">
<dt style="display:none;"></dt>
<dd class="function_c">

<div>{_calendar(site, page, today)}</div>

</dd>
</dl>
<dl class="function" id="divContorPanel">
<dt class="function_t">控制面板</dt>
<dd class="function_c">

<div><span class="cp-hello">您好，欢迎到访网站！</span><br/><span class="cp-login"><a href="{host}zb_system/cmd.php?act=login">登录后台</a></span>&nbsp;&nbsp;<span class="cp-vrs"><a href="{host}zb_system/cmd.php?act=misc&amp;type=vrs">查看权限</a></span></div>

</dd>
</dl>
<dl class="function" id="divPrevious">
<dt class="function_t">最近发表</dt>
<dd class="function_c">

<ul>{previous}</ul>

</dd>
</dl>
<dl class="function" id="divCatalog">
<dt class="function_t">网站分类</dt>
<dd class="function_c">

<ul>{catalog}</ul>

</dd>
</dl>
<dl class="function" id="divSearchPanel">
<dt class="function_t">搜索</dt>
<dd class="function_c">

<div><form name="search" method="post" action="{host}zb_system/cmd.php?act=search"><label><span style="position:absolute;color:transparent;z-index:-9999;">Search</span><input type="text" name="q" size="11" /></label> <input type="submit" value="搜索" /></form></div>

</dd>
</dl>
<dl class="function" id="divComments">
<dt class="function_t">最新留言</dt>
<dd class="function_c">

<ul>{comments}</ul>

</dd>
</dl>
<dl class="function" id="divArchives">
<dt class="function_t">文章归档</dt>
<dd class="function_c">

<ul>{archives}</ul>

</dd>
</dl>
<dl class="function" id="divFavorites">
<dt class="function_t">网站收藏</dt>
<dd class="function_c">

<ul><li><a href="https://app.zblogcn.com/" target="_blank" title="Z-Blog应用中心">Z-Blog应用中心</a></li><li><a href="https://weibo.com/zblogcn" target="_blank" title="Z-Blog官方微博">Z-Blog官方微博</a></li></ul>

</dd>
</dl>
<dl class="function" id="divLinkage">
<dt class="function_t">友情链接</dt>
<dd class="function_c">

<ul><li><a href="https://www.zblogcn.com/" target="_blank" title="Z-Blog官方网站">Z-Blog</a></li></ul>

</dd>
</dl>
        </div>
"""


def _calendar(site: ZblogDefaultSite, page: ThemePage, today: date) -> str:
    """module-calendar: the month as a table, days with posts linked to their day's archive."""
    posted = {
        other.published.day
        for other in page.recent
        if (other.published.year, other.published.month) == (today.year, today.month)
    }
    prev_month = today.replace(day=1) - timedelta(days=1)
    next_month = today.replace(day=28) + timedelta(days=4)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdayscalendar(today.year, today.month):
        cells = []
        for day in week:
            if day in posted:
                when = f"{today.year}-{today.month}-{day}"
                cells.append(
                    f'<td><a href="{_url(page, site.urls.date(when))}" title="{when} (1)" target="_blank">{day}</a></td>'
                )
            else:
                cells.append(f"<td>{day or ''}</td>")
        weeks.append("<tr>" + "".join(cells) + "</tr>")
    heads = "".join(
        f'<th title="星期{name}" scope="col"><small>{name}</small></th>'
        for name in ("一", "二", "三", "四", "五", "六", "日")
    )
    return (
        '<table id="tbCalendar">\n    <caption>'
        f'<a title="上个月" href="{_url(page, site.urls.date(f"{prev_month.year}-{prev_month.month}"))}">«</a>&nbsp;&nbsp;&nbsp;'
        f'<a href="{_url(page, site.urls.date(f"{today.year}-{today.month}"))}">\n    {today.year}年{today.month}月\n    </a>'
        f'&nbsp;&nbsp;&nbsp;<a title="下个月" href="{_url(page, site.urls.date(f"{next_month.year}-{next_month.month}"))}">»</a>'
        f"</caption>\n    <thead><tr>{heads}</tr></thead>\n    <tbody>\n" + "\n".join(weeks) + "\n\t</tbody>\n</table>"
    )


def _footer(site: ZblogDefaultSite) -> str:
    return f"""<div id="divBottom">
  <p id="BlogPowerBy">Powered By <a href="https://www.zblogcn.com/" title="Z-BlogPHP {VERSION} Build {BUILD}" target="_blank" rel="noopener noreferrer">Z-BlogPHP {VERSION}</a></p>
  <p id="BlogCopyRight">Copyright © {escape(site.site_name)} 版权所有 <a href="https://beian.miit.gov.cn/" target="_blank" rel="nofollow">{escape(site.icp)}</a></p>
</div>
<div class="clear"></div>

"""


def _end() -> str:
    return """      </div>
      <div class="clear"></div>
    </div>
    <div class="clear"></div>
  </div>
</body>

</html>
"""


def _post_footer(site: ZblogDefaultSite, article: MirrorArticle) -> str:
    author = escape(article.author or "admin")
    return (
        f'\t<p class="post-footer">\n\t\t作者:{author} <small>|</small> 分类:{escape(site.category)} '
        f"<small>|</small> 浏览:{views(article)} <small>|</small> 评论:{comment_count(article)}\n\t</p>\n"
    )


def _comment_id(article: MirrorArticle) -> int:
    return 10 + article.article_id


def _commenter(article: MirrorArticle) -> str:
    return COMMENTERS[article.article_id % len(COMMENTERS)]


def _comment_text(article: MirrorArticle) -> str:
    return COMMENTS[article.article_id % len(COMMENTS)]


def _comment_time(article: MirrorArticle) -> str:
    # Comment::Time(): a reader's comment, two hours and some minutes after the post.
    when: datetime = article.published + timedelta(hours=2, minutes=17, seconds=41)
    return f"{when:%Y-%m-%d %H:%M:%S}"


# --- the pages -----------------------------------------------------------------------


def _pagebar(site: ZblogDefaultSite, page: ThemePage, number: int, pages: int) -> str:
    """pagebar.php over PageBar::Make: ‹‹ (first), ‹ (previous), the numbers, › (next), ›› (last)."""
    buttons: list[tuple[str, int]] = [("‹‹", 1)]
    if number != 1:
        buttons.append(("‹", max(1, number - 1)))
    buttons += [(str(n), n) for n in range(1, pages + 1)]
    if number != min(pages, number + 1):
        buttons.append(("›", number + 1))
    buttons.append(("››", pages))
    drawn = []
    for label, target in buttons:
        if label == str(number):
            drawn.append(f'\t<span class="page now-page">{label}</span>')
        else:
            href = _url(page, site.urls.category(site.category_id, target))
            drawn.append(f'\t<a title="{label}" href="{href}"><span class="page">{label}</span></a>')
    return "\n".join(drawn)


def _listing_page(
    site: ZblogDefaultSite, page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int
) -> str:
    entries = []
    for article in articles:
        href = _url(page, site.urls.article(post_id(article)))
        entries.append(
            f"""

<div class="post multi">
\t<h2 class="post-title"><a href="{href}">{escape(article.title)}</a><span class="post-date">{post_time(article)}</span></h2>
\t<div class="post-body">{intro(article)}</div>
{_post_footer(site, article)}</div>

          """
        )
    return (
        _head(page, f"{escape(site.site_name)}-{escape(site.category)}")
        + '\n<body class="multi category">\n'
        + _top(site, page, "h2")
        + '        <div id="divMain">\n'
        + "".join(entries)
        + f'          <div class="pagebar">{_pagebar(site, page, number, pages)}</div>\n'
        + "        </div>\n"
        + _sidebar(site, page)
        + _footer(site)
        + _end()
    )


def _comments(site: ZblogDefaultSite, page: ThemePage, article: MirrorArticle) -> str:
    host = _host(page)
    listed = ""
    if comment_count(article):
        number = _comment_id(article)
        listed = f"""<ul class="msg msghead">
\t<li class="tbname">评论列表</li>
</ul>

<label id="AjaxCommentBegin"></label>
<!--评论输出-->
<ul class="msg" id="cmt{number}">
\t<li class="msgname"><img class="avatar" src="{host}zb_users/avatar/0.png" alt="" width="32"/>&nbsp;<span class="commentname"><a href="" rel="nofollow" target="_blank">{escape(_commenter(article))}</a></span><br/><small>&nbsp;发布于&nbsp;{_comment_time(article)}&nbsp;&nbsp;<span class="revertcomment"><a href="#comment" onclick="zbp.comment.reply('{number}')">回复该评论</a></span></small></li>
\t<li class="msgarticle">{escape(_comment_text(article))}
\t</li>
</ul>
"""
    else:
        listed = '\n<label id="AjaxCommentBegin"></label>\n<!--评论输出-->\n'
    return f"""{listed}
<!--评论翻页条输出-->
<div class="pagebar commentpagebar">
</div>
<label id="AjaxCommentEnd"></label>

<!--评论框-->
<div class="post" id="divCommentPost">
\t<p class="posttop"><a name="comment">发表评论:</a><a rel="nofollow" id="cancel-reply" href="#divCommentPost" style="display:none;"><small>取消回复</small></a></p>
\t<form id="frmSumbit" target="_self" method="post" action="{host}zb_system/cmd.php?act=cmt&amp;postid={post_id(article)}&amp;key=7f3c9e1d0b2a4c58" >
\t<input type="hidden" name="inpId" id="inpId" value="{post_id(article)}" />
\t<input type="hidden" name="inpRevID" id="inpRevID" value="0" />
\t<p><input type="text" name="inpName" id="inpName" class="text" value="" size="28" tabindex="1" /> <label for="inpName">名称(*)</label></p>
\t<p><input type="text" name="inpEmail" id="inpEmail" class="text" value="" size="28" tabindex="2" /> <label for="inpEmail">邮箱</label></p>
\t<p><input type="text" name="inpHomePage" id="inpHomePage" class="text" value="" size="28" tabindex="3" /> <label for="inpHomePage">网址</label></p>
\t<p style="display:none;"><label for="txaArticle">正文(*)</label></p>
\t<p><textarea name="txaArticle" id="txaArticle" class="text" cols="50" rows="4" tabindex="5" ></textarea></p>
\t<p><input name="sumbit" type="submit" tabindex="6" value="提交" onclick="return zbp.comment.post()" class="button" /></p>
\t</form>
\t<p class="postbottom">◎欢迎参与讨论，请在这里发表您的看法、交流您的观点。</p>
</div>
"""


def _article_page(site: ZblogDefaultSite, page: ThemePage, article: MirrorArticle) -> str:
    tags = "".join(
        f"&nbsp;<a href='{_url(page, site.urls.tag(index))}' title='{escape(tag)}'>{escape(tag)}</a>&nbsp;<small>,</small>"
        for index, tag in enumerate(TAGS, start=1)
    )
    body = "".join(body_paragraphs(article))
    post = f"""<div class="post single">
\t<h2 class="post-title">{escape(article.title)}<span class="post-date">{post_time(article)}</span></h2>
\t<div class="post-body">{body}</div>
\t<p class="post-tags">
                标签:{tags}
\t</p>
{_post_footer(site, article)}</div>

"""
    return (
        _head(page, f"{escape(site.site_name)}-{escape(article.title)}")
        + '\n<body class="single article">\n'
        + _top(site, page, "h3")
        + '        <div id="divMain">\n          '
        + post
        + _comments(site, page, article)
        + "\n        </div>\n"
        + _sidebar(site, page)
        + _footer(site)
        + _end()
    )
