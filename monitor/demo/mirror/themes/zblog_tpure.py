"""A Z-BlogPHP blog in 拓源纯净 (tpure), the free theme by TOYEAN many Chinese Z-BlogPHP sites run.

Followed: tpure 5.0.2 as the zblogcn/zblogphp repository carries it
(``zb_users/theme/tpure/``, tag v1.7.5.3540): ``template/{single,catalog,
header,navbar,footer,post-single,post-multi,pagebar,mutuality,comments,
commentpost,module}.php``, the theme's settings defaults and helpers in
``include.php`` (``tpure_TimeAgo``, ``tpure_navcate``, the sidebar modules of
``tpure_SideContent``, the pager labels 首页/上页/下页/尾页 it puts in place of
the system's ‹‹ ‹ › ››) and its ``language/zh-cn.php`` (当前位置：, 正文内容,
上一篇：, 返回列表, 相关文章, 分享给朋友, 本文链接：).  The site rewrites its URLs
with the 静态管理中心 plugin's dated rules: articles at
``{%host%}{%year%}/{%month%}/{%id%}/``, categories at
``{%host%}category/{%alias%}/{%page%}/``.

What a real tpure page makes hard, reproduced in markup of our own: the
logo is an image (no ``<h1>`` but the article's own, ``<div class="post"><h1>``);
``<title>`` is ``标题 - 站名``; the info line is a run of ``<span>``s with
no labels — author link, date, category link, view count — which reads as
``admin2021年08月26日 10:30产业动态312`` (the site shows absolute times,
``时间显示`` set to ``Y年m月d日 H:i``, where the theme's default is
``3天前``); the theme prints no 来源, so the editor's pasted ``来源：…`` line
opens the body; after the body come the 版权声明 box with 本文链接, tags,
the share bar, 上一篇/下一篇 with their titles, a related block whose heading
repeats the article's title (``“…” 的相关文章``) above teasers of other
articles with their figures, the comment form; the category page puts the
category's name in its only ``<h1>`` (the filter bar), and its pager marks
the next page's number with ``<span class="next-page">``.
"""

# ruff: noqa: E501  (markup lines as long as the real templates' own)

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from urllib.parse import urlsplit

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import Theme, ThemePage

NAME = "zblog-tpure"
SITE_NAME = "宝山产业地产信息网"
CATEGORY = "产业动态"
CATEGORY_ALIAS = "chanye"
OTHER_CATEGORIES = (("厂房出租", "changfang"), ("政策解读", "zhengce"), ("园区推荐", "yuanqu"))
ICP = "沪ICP备18033517号-2"
VERSION = "1.7.5"
THEME_VERSION = "5.0.2"
TAGS = ("宝山", "招商引资", "产业地产")
# The id the newest mirror article gets: the blog's table counts up, so older posts have smaller ids.
NEWEST_ID = 268
# PostINTRONUM: the teasers' length in characters.
INTRO_CHARS = 150
FOLLOWS = (
    f"Z-BlogPHP {VERSION} with tpure {THEME_VERSION} (zblogcn/zblogphp v1.7.5.3540, zb_users/theme/tpure): "
    "template/{single,catalog,header,navbar,footer,post-single,post-multi,pagebar,mutuality,comments,"
    "commentpost,module}.php, include.php, language/zh-cn.php; zb_users/plugin/STACentre/main.php"
)


def post_id(article: MirrorArticle) -> int:
    """The post's id in the blog's table: an auto-increment, so the newer post has the larger id."""
    return NEWEST_ID + 1 - article.article_id


def article_path(article: MirrorArticle) -> str:
    """``{%host%}{%year%}/{%month%}/{%id%}/``."""
    return f"/{article.published:%Y}/{article.published:%m}/{post_id(article)}/"


def listing_path(page: int) -> str:
    """``{%host%}category/{%alias%}/{%page%}/``, page 1 without its number."""
    return f"/category/{CATEGORY_ALIAS}/" if page <= 1 else f"/category/{CATEGORY_ALIAS}/{page}/"


def shown_time(article: MirrorArticle) -> str:
    """``tpure_TimeAgo`` with 时间显示 absolute and format 4: ``Y年m月d日 H:i``."""
    return f"{article.published:%Y年%m月%d日 %H:%M}"


def views(article: MirrorArticle) -> int:
    """A view count that stays the same between requests."""
    return 90 + (article.article_id * 173) % 900


def teaser(article: MirrorArticle) -> str:
    """The first ``INTRO_CHARS`` characters of the content as text, and ``...``."""
    text = " ".join([f"来源：{article.source}", *article.paragraphs] if article.source else article.paragraphs)
    return text[:INTRO_CHARS] + "..."


# --- the shared parts ----------------------------------------------------------------


def _host(page: ThemePage) -> str:
    parts = urlsplit(page.url)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme else ""
    return f"{origin}{page.root}/"


def _url(page: ThemePage, path: str) -> str:
    return escape(_host(page) + path.lstrip("/"))


def _article_url(page: ThemePage, article: MirrorArticle) -> str:
    return _url(page, article_path(article))


def _head(page: ThemePage, title: str, keywords: str = "") -> str:
    host = _host(page)
    theme = f"{host}zb_users/theme/tpure"
    meta = f'    <meta name="keywords" content="{keywords}">\n' if keywords else ""
    return f"""<!DOCTYPE html>
<html xml:lang="zh-Hans" lang="zh-Hans">
<head>
    <meta charset="utf-8">
    <meta name="theme" content="拓源主题,toyean.com">

    <meta http-equiv="X-UA-Compatible" content="ie=edge">
    <meta name="renderer" content="webkit">
    <meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">
    <title>{title}</title>
{meta}    <meta name="generator" content="Z-BlogPHP {VERSION}">
    <link rel="stylesheet" href="{theme}/plugin/share/share.css" />
    <script src="{theme}/plugin/share/share.js"></script>
    <link rel="stylesheet" rev="stylesheet" href="{theme}/style/style.css?v={THEME_VERSION}" type="text/css" media="all" />
    <script src="{host}zb_system/script/jquery-latest.min.js"></script>
    <script src="{host}zb_system/script/zblogphp.js"></script>
    <script src="{host}zb_system/script/c_html_js_add.php"></script>
    <script src="{theme}/script/common.js?v={THEME_VERSION}"></script>
    <script src="{theme}/plugin/qrcode/jquery.qrcode.min.js"></script>
    <script>window.tpure={{linkblank:true,qr:true,qrsize:70,viewall:true,viewallstyle:1,viewallheight:'1000',night:true,tfontsize:true,fixsidebarstyle:'0',lang:true,backtotop:true,backtotopvalue:0,version:'{THEME_VERSION}'}}</script>
</head>
"""


def _navbar(page: ThemePage) -> str:
    host = _host(page)
    theme = f"{host}zb_users/theme/tpure"
    others = "".join(
        f'<li class="navbar-item"><a href="{_url(page, f"/category/{alias}/")}" title="{name}">{name}</a></li>'
        for name, alias in OTHER_CATEGORIES
    )
    return f"""<div class="wrapper">
    <div class="header fixed">
    <div class="wrap">
        <div class="logo on"><a href="{host}"><img src="{theme}/style/images/nightlogo.svg" alt="专注宝山厂房土地招商"><img src="{theme}/style/images/logo.svg" alt="专注宝山厂房土地招商"></a></div>
        <div class="head">
            <div class="account">
    <div class="sign"><span><a href="{host}zb_system/login.php">登录/注册</a></span></div>
        </div>
<div class="menuico"><span></span><span></span><span></span></div>
            <div class="menu">
                <ul>
                    <li class="navbar-item"><a href="{host}" title="">首页</a></li><li class="navbar-item"><a href="{_url(page, listing_path(1))}" title="{CATEGORY}">{CATEGORY}</a></li>{others}
                </ul>
                <div class="schico statefixed">
                    <a href="javascript:;"></a>
                    <div class="schfixed">
                        <form method="post" name="search" action="{host}zb_system/cmd.php?act=search">
                            <input type="text" name="q" placeholder="搜索..." class="schinput">
                            <button type="submit" class="btn"></button>
                        </form>
                    </div>
                </div>
                <form method="post" name="search" action="{host}zb_system/cmd.php?act=search" class="sch-m">
                    <input type="text" name="q" placeholder="搜索..." class="schinput">
                    <button type="submit" class="btn"></button>
                </form>
            </div>
        </div>
    </div>
</div>
"""


def _new_articles(page: ThemePage) -> str:
    """The 最新文章 module (tpure_newarticle): the newest posts, each with its shown time."""
    items = "".join(
        f"""<li class="sideitem"><a href="{_article_url(page, other)}" target="_blank" title="{escape(other.title)}" class="itemtitle">{escape(other.title)}</a><p class="sideinfo"><em class="view">{shown_time(other)}</em></p>
            </li>"""
        for other in page.recent
    )
    return f"""<dl id="tpure_NewArticle" class="sidebox">
    <dt class="sidetitle">最新文章</dt>
    <dd>
		<ul>{items}</ul>
    </dd>
</dl>"""


def _catalog(page: ThemePage) -> str:
    items = f'<li><a title="{CATEGORY}" href="{_url(page, listing_path(1))}">{CATEGORY}</a></li>' + "".join(
        f'<li><a title="{name}" href="{_url(page, f"/category/{alias}/")}">{name}</a></li>'
        for name, alias in OTHER_CATEGORIES
    )
    return f"""<dl id="divCatalog" class="sidebox">
    <dt class="sidetitle">网站分类</dt>
    <dd>
		<ul>{items}</ul>
    </dd>
</dl>"""


def _footer(page: ThemePage) -> str:
    host = _host(page)
    return f"""<div class="footer">
	<div class="fademask"></div>
    <div class="wrap">
        <h3>Copyright © 2018-2026 {SITE_NAME} 版权所有 <a href="https://beian.miit.gov.cn/" target="_blank" rel="nofollow">{ICP}</a></h3>
        <h4>Powered By <a href="https://www.zblogcn.com/" title="Z-BlogPHP {VERSION} Build 173540" target="_blank" rel="noopener noreferrer">Z-BlogPHP</a>. Theme by <a href="https://www.toyean.com/" target="_blank" title="拓源网">TOYEAN</a>.</h4>
    </div>
</div>
<div class="edgebar">
<a href="javascript:$.translatePage();" target="_self" id="zh_language" class="lang"></a>
<script>var cookieDomain = "{host}";</script>
<script src="{host}zb_users/theme/tpure/plugin/lang/zh_language.js"></script>
<a href="javascript:;" target="_self" class="setnight"></a>
</div>
</body>
</html>
"""


def _info(page: ThemePage, article: MirrorArticle, with_category: bool) -> str:
    """The info line: a run of unlabelled spans (PostARTICLEINFO / PostLISTINFO)."""
    author = escape(article.author or "admin")
    category = (
        f'<span class="cate"><a href="{_url(page, listing_path(1))}">{CATEGORY}</a></span>' if with_category else ""
    )
    return (
        f'<span class="user"><a href="{_url(page, "/author/1/")}" rel="nofollow">{author}</a></span>'
        f'<span class="date">{shown_time(article)}</span>{category}<span class="view">{views(article)}</span>'
    )


# --- the pages -----------------------------------------------------------------------


def _pagebar(page: ThemePage, number: int, pages: int) -> str:
    """pagebar.php: 首页 上页 numbers 下页 尾页; the current number a span, the next one in ``span.next-page``."""
    buttons: list[tuple[str, int]] = [("首页", 1)]
    if number != 1:
        buttons.append(("上页", number - 1))
    buttons += [(str(n), n) for n in range(1, pages + 1)]
    if number < pages:
        buttons.append(("下页", number + 1))
    buttons.append(("尾页", pages))
    drawn = []
    for label, target in buttons:
        href = _url(page, listing_path(target))
        if label == str(number):
            drawn.append(f'<span class="now-page">{label}</span>')
        elif label == str(number + 1):
            drawn.append(f'<span class="next-page"><a href="{href}">{label}</a></span>')
        elif label in ("首页", "上页", "下页", "尾页"):
            drawn.append(f'<a href="{href}" class="m">{label}</a>')
        else:
            drawn.append(f'<a href="{href}">{label}</a>')
    return "\n        ".join(drawn)


def render_listing(page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
    """catalog.php: the breadcrumb, the filter bar with the category's ``<h1>``, the entries, the pager."""
    host = _host(page)
    entries = "".join(
        f"""<div class="post item">
    <h2><a href="{_article_url(page, article)}" target="_blank">{escape(article.title)}</a></h2>
    <div class="info">
        {_info(page, article, with_category=False)}
    </div>
        <div class="intro">
            {escape(teaser(article))}
    </div>
    </div>
"""
        for article in articles
    )
    title = f"{CATEGORY} - {SITE_NAME}"
    return (
        _head(page, title, CATEGORY)
        + '<body class="category">\n'
        + _navbar(page)
        + f"""    <div class="main fixed">
        <div class="mask"></div>
        <div class="wrap">
            <div class="sitemap">当前位置：<a href="{host}">首页</a>
 &gt; <a href="{_url(page, listing_path(1))}" title="查看{CATEGORY}中的全部文章">{CATEGORY}</a>
            </div>
            <div id="sticky">
                <div class="content listcon">
                    <div class="block custom">
                        <div class="filternav">
                            <form id="filternav">
                                <h1>{CATEGORY}</h1>
                                <ul class="filter">
                                    <li class="active" data-type="newlist">
                                        最新<i class="down"></i>
                                    </li>
                                    <li data-type="viewlist">
                                        浏览<i class="down"></i>
                                    </li>
                                    <li data-type="cmtlist">
                                        评论<i class="down"></i>
                                    </li>
                                </ul>
                                <input type="hidden" name="order" value="">
                                <input type="hidden" name="sort" value="0">
                            </form>
                        </div>
                        {entries}
                    </div>
                    <div class="pagebar">
                        {_pagebar(page, number, pages)}
                    </div>
                </div>
                <div class="sidebar fixed">
                    {_new_articles(page)}
                </div>
            </div>
        </div>
    </div>
</div>
"""
        + _footer(page)
    )


def _neighbours(page: ThemePage, article: MirrorArticle) -> tuple[MirrorArticle | None, MirrorArticle | None]:
    # Post::Prev is the next older post (a higher mirror id), Post::Next the next newer one.
    by_id = {other.article_id: other for other in page.recent}
    return by_id.get(article.article_id + 1), by_id.get(article.article_id - 1)


def _related(page: ThemePage, article: MirrorArticle) -> str:
    """mutuality.php: posts of the same category, each a linked heading over a teaser of its text."""
    others = [other for other in page.recent if other.article_id != article.article_id][:6]
    if not others:
        return ""
    items = "".join(
        f"""<div class="relate"><div class="relateinfo">
						<h3><a href="{_article_url(page, other)}" title="{escape(other.title)}">{escape(other.title)}</a></h3>
						<p>{escape(teaser(other))}</p></div>
				</div>"""
        for other in others
    )
    return f"""<div class="block">
	<div class="posttitle"><h4>“{escape(article.title)}” 的相关文章</h4></div>
	<div class="relatecon">
{items}
	</div>
</div>
"""


def _comment_form(page: ThemePage, article: MirrorArticle) -> str:
    host = _host(page)
    return f"""<div data-content="还没有人评论？赶快去抢沙发~" class="cmts block nocmt">
        <label id="AjaxCommentBegin"></label>
        <label id="AjaxCommentEnd"></label>
</div>
<div class="cmt block" id="divCommentPost">
    <div class="posttitle">
        <h4>发表评论<button id="cancel-reply" class="cmtbtn">取消回复</button></h4>
    </div>
    <div class="comment">
        <div id="cmtimg" class="cmtimg"><img src="{host}zb_users/avatar/0.png" alt="" /><p></p></div>
        <div class="cmtarea">
            <form id="frmSumbit" target="_self" method="post" action="{host}zb_system/cmd.php?act=cmt&amp;postid={post_id(article)}&amp;key=3e8a61f0c2d94b7a" >
            <input type="hidden" id="gravatar" value="" />
			<input type="hidden" name="inpId" id="inpId" value="{post_id(article)}" />
			<input type="hidden" name="inpRevID" id="inpRevID" value="0" />
			<textarea name="txaArticle" id="txaArticle" rows="3" tabindex="1"></textarea>
            <div class="cmtform">
                <p><input type="text" name="inpName" id="inpName" class="text" size="28" tabindex="2" value=""><label for="inpName">昵称</label></p>
                <input type="hidden" name="inpEmail" id="inpEmail" />
                <input type="hidden" name="inpHomePage" id="inpHomePage" />
            </div>
            <div class="cmtsubmit">
                <button type="submit" name="btnSumbit" onclick="return zbp.comment.post()" class="cmtbtn" tabindex="6">评论</button>
                <span>◎欢迎参与讨论，请在这里发表您的看法和观点。</span>
            </div>
            </form>
        </div>
    </div>
</div>
"""


def render_article(page: ThemePage, article: MirrorArticle) -> str:
    """single.php with post-single.php: breadcrumb, ``<h1>``, info spans, body, notice, tags, share, prev/next."""
    host = _host(page)
    category_url = _url(page, listing_path(1))
    source = f"<p>来源：{escape(article.source)}</p>" if article.source else ""
    body = source + "".join(f"<p>{escape(paragraph)}</p>" for paragraph in article.paragraphs)
    tags = "".join(
        f"<a href='{_url(page, f'/tags/{index}/')}' title='{tag}'>{tag}</a>" for index, tag in enumerate(TAGS, 1)
    )
    older, newer = _neighbours(page, article)
    prev = (
        f'上一篇：<a href="{_article_url(page, older)}" class="single-prev">{escape(older.title)}</a>'
        if older
        else "<span>没有更早的文章了...</span>"
    )
    next_ = (
        f'下一篇：<a href="{_article_url(page, newer)}" class="single-next">{escape(newer.title)}</a>'
        if newer
        else "<span>没有最新的文章了...</span>"
    )
    title = f"{escape(article.title)} - {SITE_NAME}"
    return (
        _head(page, title, ",".join(TAGS))
        + '<body class="article">\n'
        + _navbar(page)
        + f"""    <div class="main fixed">
        <div class="mask"></div>
        <div class="wrap">
            <div class="sitemap">当前位置：<a href="{host}">首页</a> &gt;
                 <a href="{category_url}">{CATEGORY}</a> &gt; 正文内容
            </div>
            <div id="sticky">
                <div class="content">
    <div data-cateurl="{category_url}" class="block">
        <div class="post">
            <h1>{escape(article.title)}</h1>
            <div class="info">
                {_info(page, article, with_category=True)}
                <div class="ctrl"><a href="javascript:;" title="增大字体"></a><a href="javascript:;" title="减小字体"></a><a href="javascript:;" title="恢复字体" class="hide"></a></div>
            </div>
            <div class="single viewall">
                {body}
                </div>
                <div class="copynotice">
                    <div data-qrurl="{escape(page.url)}" class="tpureqr"></div>
                    <div class="copynoticetxt">
                    <p>扫描二维码推送至手机访问。</p><p>版权声明：本文由<strong>{SITE_NAME}</strong>发布，如需转载请注明出处。</p>
                    <p>本文链接：<a href="{escape(page.url)}">{escape(page.url)}</a></p>
                    </div>
                </div>
                <div class="tags">
                    标签:
                    {tags}
                </div>

        <div class="sharebox">
            <div class="label">分享给朋友：</div>
            <div class="sharebtn">
                <div class="sharing" data-initialized="true">
                    <a href="#" class="share-icon icon-weibo">微博</a>
<a href="#" class="share-icon icon-qq">QQ</a>
<a href="#" class="share-icon icon-wechat">微信</a>
<a href="#" class="share-icon icon-qzone">QQ空间</a>
                </div>
            </div>
        </div>
        </div>
        <div class="pages">
            <a href="{category_url}" class="backlist">返回列表</a>
            <p>{prev}</p>
            <p>{next_}</p>
        </div>
    </div>
{_related(page, article)}{_comment_form(page, article)}</div>
<div class="sidebar fixed">
    {_catalog(page)}
    {_new_articles(page)}
</div>
            </div>
        </div>
    </div>
</div>
"""
        + _footer(page)
    )


THEME = Theme(
    name=NAME,
    site_type="zblog",
    follows=FOLLOWS,
    site_name=SITE_NAME,
    category=CATEGORY,
    article_path=article_path,
    listing_path=listing_path,
    render_article=render_article,
    render_listing=render_listing,
    article_pattern=rf"/{NAME}/20\d{{2}}/\d{{2}}/\d+/$",
    shows_time=True,
    articles=7,
    page_size=3,
)
