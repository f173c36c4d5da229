"""Article and listing pages in the rendered structure of real CMS templates, for the page-metadata and page-kind tests.

Our own markup, written after reading the templates each function names (no
template file copied): what matters to cleaning is kept — where the title,
the date, the 来源 and the site's and column's names sit, the logo ``<h1>``,
the pager's markup and the sidebars of other posts.  Every value is escaped.
"""

# ruff: noqa: E501  (markup lines as long as the templates' own)

from __future__ import annotations

from collections.abc import Sequence
from html import escape

TITLE = "肥西县举行重点项目集中签约仪式 28个项目总投资86亿元"
PARAGRAPHS = (
    "8月26日上午，肥西县举行2021年第三季度重点项目集中签约仪式，28个项目现场签约，总投资86亿元。",
    "本次签约项目涵盖新能源汽车、智能家电、生物医药等领域，其中10亿元以上项目3个。",
    "县委书记表示，将全力做好项目服务保障，推动签约项目早开工、早投产、早见效。",
)
SITE = "肥西县投资促进网"
COLUMN = "招商动态"
OTHERS = (
    "合肥高新区签约12个项目 总投资超50亿元",
    "三河镇召开招商引资工作推进会",
    "肥西县投资促进局赴长三角开展驻点招商",
    "桃花工业园新签约项目开工建设",
    "紫蓬镇举行文旅项目签约活动",
)


def _ps(paragraphs: Sequence[str]) -> str:
    return "\n".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def _related(prefix: str, count: int = 5) -> str:
    return "\n".join(
        f'<li><a href="{prefix}{n}.html">{escape(title)}</a></li>' for n, title in enumerate(OTHERS[:count])
    )


def zblog_default_article(*, source: str = "肥西发布", paragraphs: Sequence[str] = PARAGRAPHS) -> str:
    """Z-BlogPHP 1.7 default theme, single.php + post-single.php: the blog's name is the only <h1>, <title> is 站名-标题,
    the date is a <span class="post-date"> inside <h2 class="post-title">, no 来源 field (the editor types it)."""
    return f"""<!DOCTYPE html><html lang="zh-Hans"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="generator" content="Z-BlogPHP 1.7.5" />
<title>{escape(SITE)}-{escape(TITLE)}</title></head>
<body class="single article"><div id="divAll"><div id="divPage"><div id="divMiddle">
<div id="divTop"><h1 id="BlogTitle"><a href="https://www.feixi.example/">{escape(SITE)}</a></h1>
<h3 id="BlogSubTitle">招商引资 产业发展</h3></div>
<div id="divNavBar"><ul><li><a href="https://www.feixi.example/">首页</a></li>
<li><a href="https://www.feixi.example/category-1.html">{escape(COLUMN)}</a></li></ul></div>
<div id="divMain"><div class="post single">
<h2 class="post-title">{escape(TITLE)}<span class="post-date">2021-08-26 10:30:00</span></h2>
<div class="post-body"><p>来源：{escape(source)}</p>{_ps(paragraphs)}</div>
<p class="post-tags"></p>
<p class="post-footer">作者:admin <small>|</small> 分类:{escape(COLUMN)} <small>|</small> 浏览:312 <small>|</small> 评论:0</p>
</div></div>
<div id="divSidebar"><dl class="function" id="divPrevious"><dt class="function_t">最近发表</dt><dd><ul>
{_related("https://www.feixi.example/post/")}</ul></dd></dl></div>
<div id="divBottom"><p id="BlogCopyRight">Copyright {escape(SITE)} 皖ICP备12345678号</p></div>
</div></div></div></body></html>"""


def zblog_default_listing(entries: int = 3, *, pager: bool = True) -> str:
    """Z-BlogPHP 1.7 default theme, index.php + post-multi.php: each entry a linked <h2 class="post-title"> with its
    date and the automatic intro, the ‹‹ ‹ 1 2 › ›› pagebar."""
    posts = "\n".join(
        f'<div class="post multi"><h2 class="post-title"><a href="https://www.feixi.example/post/{n}.html">'
        f'{escape(title)}</a><span class="post-date">2021-08-2{n} 09:00:00</span></h2>'
        f'<div class="post-body">{escape(PARAGRAPHS[n % 3])}</div>'
        f'<p class="post-footer">作者:admin <small>|</small> 分类:{escape(COLUMN)} <small>|</small> 浏览:{n}</p></div>'
        for n, title in enumerate((TITLE, *OTHERS)[:entries])
    )
    bar = (
        '<div class="pagebar"><a href="https://www.feixi.example/category-1.html">‹‹</a>'
        '<span class="now-page">2</span><a href="https://www.feixi.example/category-1_3.html">›</a></div>'
        if pager
        else ""
    )
    return f"""<!DOCTYPE html><html><head><meta name="generator" content="Z-BlogPHP 1.7.5" />
<title>{escape(SITE)}-{escape(COLUMN)}</title></head><body class="multi category">
<div id="divTop"><h1 id="BlogTitle"><a href="https://www.feixi.example/">{escape(SITE)}</a></h1></div>
<div id="divMain">{posts}{bar}</div>
<div id="divSidebar"><ul>{_related("https://www.feixi.example/post/")}</ul></div></body></html>"""


def dedecms_article(*, intro: str = "", source: str = "肥西发布", paragraphs: Sequence[str] = PARAGRAPHS) -> str:
    """DedeCMS 5.7 templets/default/article_article.htm: the logo <h1> holds only an <img alt=站名>, the title is the
    <h2> of div.title, div.info prints 时间/来源/作者/点击, div.intro the description (摘要)."""
    intro_block = f'<div class="intro">{escape(intro)}</div>' if intro else ""
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{escape(TITLE)}_{escape(SITE)}</title><meta name="description" content="{escape(intro)}" /></head><body>
<div class="header"><div class="top w960 center"><div class="title"><h1><a href="http://www.feixi.example">
<img src="/templets/default/images/logo.gif" alt="{escape(SITE)}"/></a></h1></div></div>
<div id="navMenu"><ul><li><a href="/"><span>主页</span></a></li><li><a href="/a/zsdt/"><span>{escape(COLUMN)}</span></a></li>
</ul></div></div>
<div class="w960 center clear mt1"><div class="pleft">
<div class="place"><strong>当前位置:</strong> <a href="http://www.feixi.example/">主页</a> &gt; <a href="/a/zsdt/">{escape(COLUMN)}</a> &gt; </div>
<div class="viewbox"><div class="title"><h2>{escape(TITLE)}</h2></div>
<div class="info"><small>时间:</small>2021-08-26 10:30<small>来源:</small>{escape(source)} <small>作者:</small>李明 <small>点击:</small>
<script src="/plus/count.php?view=yes&aid=7&mid=1" type="text/javascript"></script> 次</div>
{intro_block}
<div class="content"><table width="100%"><tr><td>{_ps(paragraphs)}(责任编辑：admin)</td></tr></table></div>
<div class="boxoff"><strong>------分隔线----------------------------</strong></div>
<div class="handle"><div class="context"><ul><li>上一篇：<a href="/a/zsdt/20210825/6.html">{escape(OTHERS[0])}</a></li>
<li>下一篇：<a href="/a/zsdt/20210827/8.html">{escape(OTHERS[1])}</a></li></ul></div></div></div></div>
<div class="pright"><dl class="tbox"><dt><strong>推荐内容</strong></dt><dd><ul class="d4">
{_related("/a/zsdt/2021082")}</ul></dd></dl></div></div>
<div class="footer w960 center mt1 clear"><p class="powered">Copyright &copy; {escape(SITE)} 皖ICP备12345678号</p></div>
</body></html>"""


def dedecms_listing(entries: int = 3) -> str:
    """DedeCMS 5.7 templets/default/list_article.htm: ul.e2 entries (linked a.title, span.info, p.intro), ul.pagelist."""
    items = "\n".join(
        f'<li><a href="/a/zsdt/2021082{n}/{n}.html" class="title">{escape(title)}</a>'
        f'<span class="info"><small>日期：</small>2021-08-2{n} 09:00:00<small>点击：</small>{n * 7}</span>'
        f'<p class="intro">{escape(PARAGRAPHS[n % 3][:40])}...</p></li>'
        for n, title in enumerate((TITLE, *OTHERS)[:entries])
    )
    return f"""<html><head><title>{escape(COLUMN)}_{escape(SITE)}</title></head><body>
<div class="header"><h1><a href="/"><img src="/logo.gif" alt="{escape(SITE)}"/></a></h1></div>
<div class="pleft"><div class="place"><strong>当前位置:</strong> <a href="/">主页</a> &gt; <a href="/a/zsdt/">{escape(COLUMN)}</a></div>
<div class="listbox"><ul class="e2">{items}</ul></div>
<div class="dede_pages"><ul class="pagelist"><li><a href="list_3_1.html">首页</a></li><li><a href="list_3_1.html">上一页</a></li>
<li class="thisclass">2</li><li><a href="list_3_3.html">下一页</a></li><li><a href="list_3_3.html">末页</a></li></ul></div></div>
<div class="pright"><dl class="tbox"><dt><strong>推荐内容</strong></dt><dd><ul class="d4">{_related("/a/zsdt/x")}</ul></dd></dl></div>
</body></html>"""


def pbootcms_article() -> str:
    """PbootCMS 3 template/default/html/news.html: the column's name is the jumbotron <h1> (comm/top.html), the title
    an <h2>, <title> is 标题-栏目-站点-副标题, the date line 时间：…&nbsp;访问量：…, 上一篇/下一篇."""
    return f"""<!doctype html><html lang="zh"><head><meta charset="utf-8">
<title>{escape(TITLE)}-{escape(COLUMN)}-{escape(SITE)}-招商引资服务平台</title></head><body>
<nav class="navbar navbar-light bg-light fixed-top navbar-expand-lg"><div class="container">
<a class="navbar-brand my-1" href="/"><img src="/static/images/logo.png" class="logo-sm-height" height="50"></a>
<ul class="navbar-nav"><li class="nav-item"><a class="nav-link" href="/">首页</a></li>
<li class="nav-item active"><a class="nav-link" href="/?zsdt/">{escape(COLUMN)}</a></li></ul></div></nav>
<div class="jumbotron jumbotron-fluid mb-2"><div class="container text-light">
<h1 class="fs-18 fs-sm-26 wow fadeInDown">{escape(COLUMN)}</h1><p class="fs-14">Investment News</p></div></div>
<div class="container pages">
<div class="text-right position mb-3 d-none d-md-block">当前位置：<a href="/">首页</a>&gt;<a href="/?zsdt/">{escape(COLUMN)}</a></div>
<h2 class="text-center fs-sm-28 fs-20 mt-3">{escape(TITLE)}</h2>
<div class="text-center border-bottom text-secondary pb-2 mb-3">时间：2021-08-26&nbsp;&nbsp;&nbsp;访问量：1234</div>
<div class="content mb-3">{_ps(PARAGRAPHS)}</div>
<div class="text-secondary lh-2"><p>上一篇：<a href="/?zsdt/6.html">{escape(OTHERS[0])}</a></p>
<p>下一篇：<a href="/?zsdt/8.html">{escape(OTHERS[1])}</a></p></div></div>
<div class="footer mt-3 pt-5 border-top text-secondary bg-light"><div class="container"><h5>{escape(SITE)}</h5>
<div class="copyright border-top lh-3 text-center">Copyright © 2021 {escape(SITE)} 皖ICP备12345678号</div></div></div>
</body></html>"""


def pbootcms_listing(entries: int = 3) -> str:
    """PbootCMS 3 newslist.html: one <li> per entry, the whole row a link (title spans and a date), comm/page.html."""
    items = "\n".join(
        f'<li class="lh-3 border-bottom-dashed"><i class="fa fa-gg"></i><a href="/?zsdt/{n}.html">'
        f'<span class="d-none d-md-inline">{escape(title)}</span><span class="d-inline d-md-none">{escape(title[:11])}</span>'
        f'<span class="float-right">2021-08-2{n}</span></a></li>'
        for n, title in enumerate((TITLE, *OTHERS)[:entries])
    )
    return f"""<!doctype html><html><head><title>{escape(COLUMN)}-{escape(SITE)}-招商引资服务平台</title></head><body>
<nav class="navbar"><a class="nav-link" href="/?zsdt/">{escape(COLUMN)}</a></nav>
<div class="jumbotron"><h1 class="fs-18">{escape(COLUMN)}</h1></div>
<div class="container pages"><ul>{items}</ul>
<nav aria-label="page navigation" class="my-4"><div class="pagination justify-content-center">
<a class="page-item page-link" href="/?zsdt/">首页</a><a class="page-item page-link" href="/?zsdt/">上一页</a>
<a class="page-item page-link" href="/?zsdt_2/">2</a><a class="page-item page-link" href="/?zsdt_3/">下一页</a>
<a class="page-item page-link" href="/?zsdt_3/">尾页</a></div></nav></div>
<div class="footer">Copyright © 2021 {escape(SITE)}</div></body></html>"""


def wordpress_article() -> str:
    """WordPress 6 with Twenty Twenty-One, content-single.php: h1.entry-title in the entry header, the date only in
    the entry *footer* (<time class="entry-date published updated" datetime>), 来源 typed as the last paragraph,
    a Recent Posts widget and a comment with its own <time>."""
    return f"""<!doctype html><html lang="zh-Hans"><head><meta charset="UTF-8" />
<title>{escape(TITLE)} &#8211; {escape(SITE)}</title><meta name="generator" content="WordPress 6.5.5" /></head>
<body class="post-template-default single single-post postid-7 single-format-standard">
<header id="masthead" class="site-header"><div class="site-branding">
<p class="site-title"><a href="https://www.feixi.example/" rel="home">{escape(SITE)}</a></p></div></header>
<main id="main" class="site-main"><article id="post-7" class="post-7 post type-post status-publish format-standard hentry category-zsdt">
<header class="entry-header alignwide"><h1 class="entry-title">{escape(TITLE)}</h1></header>
<div class="entry-content">{_ps(PARAGRAPHS)}<p>来源：肥西发布</p></div>
<footer class="entry-footer default-max-width"><div class="posted-by"><span class="posted-on">发布于
<time class="entry-date published updated" datetime="2021-08-26T10:30:00+08:00">2021年8月26日</time></span>
<span class="byline">作者 <a href="https://www.feixi.example/author/admin/" rel="author">admin</a></span></div>
<div class="post-taxonomies"><span class="cat-links">分类为 <a href="https://www.feixi.example/category/zsdt/" rel="category tag">{escape(COLUMN)}</a></span></div></footer>
</article>
<div id="comments" class="comments-area"><ol class="comment-list"><li id="comment-3" class="comment even thread-even depth-1">
<div class="comment-metadata"><a href="#comment-3"><time datetime="2021-09-01T08:00:00+08:00">2021年9月1日 08:00</time></a></div>
<div class="comment-content"><p>期待项目早日投产。</p></div></li></ol></div></main>
<aside class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">近期文章</h2><ul>
{_related("https://www.feixi.example/2021/08/2")}</ul></section></aside>
<footer id="colophon" class="site-footer"><div class="site-name">{escape(SITE)}</div></footer></body></html>"""


def wordpress_archive(entries: int = 3) -> str:
    """Twenty Twenty-One archive.php: h1.page-title, one <article> per post (linked h2.entry-title, the excerpt,
    the entry footer's <time>), the_posts_pagination()'s nav.pagination with .page-numbers links."""
    posts = "\n".join(
        f'<article id="post-{n}" class="post-{n} post type-post status-publish hentry entry">'
        f'<header class="entry-header"><h2 class="entry-title default-max-width"><a href="https://www.feixi.example/2021/08/2{n}/p{n}/">'
        f"{escape(title)}</a></h2></header>"
        f'<div class="entry-content"><p>{escape(PARAGRAPHS[n % 3])}… <a href="https://www.feixi.example/2021/08/2{n}/p{n}/" class="more-link">继续阅读</a></p></div>'
        f'<footer class="entry-footer"><span class="posted-on">发布于 <time class="entry-date published updated" '
        f'datetime="2021-08-2{n}T09:00:00+08:00">2021年8月2{n}日</time></span></footer></article>'
        for n, title in enumerate((TITLE, *OTHERS)[:entries])
    )
    return f"""<!doctype html><html><head><title>{escape(COLUMN)} &#8211; 第2页 &#8211; {escape(SITE)}</title>
<meta name="generator" content="WordPress 6.5.5" /></head><body class="archive category paged">
<header id="masthead" class="site-header"><p class="site-title"><a href="https://www.feixi.example/" rel="home">{escape(SITE)}</a></p></header>
<main id="main" class="site-main"><header class="page-header alignwide"><h1 class="page-title">分类：<span>{escape(COLUMN)}</span></h1></header>
{posts}
<nav class="navigation pagination" aria-label="文章"><h2 class="screen-reader-text">文章导航</h2><div class="nav-links">
<a class="prev page-numbers" href="https://www.feixi.example/category/zsdt/"><span class="nav-prev-text">较新<span class="nav-short">文章</span></span></a>
<a class="page-numbers" href="https://www.feixi.example/category/zsdt/">页面 1</a>
<span aria-current="page" class="page-numbers current">页面 2</span>
<a class="next page-numbers" href="https://www.feixi.example/category/zsdt/page/3/"><span class="nav-next-text">较旧<span class="nav-short">文章</span></span></a>
</div></nav></main></body></html>"""


def gov_article(
    *, article_title: str = TITLE, pubdate: str = "2021-08-26 10:30", source: str = "肥西县融媒体中心"
) -> str:
    """A government site on a TRS/Hanweb platform, as 政府网站发展指引 asks: ArticleTitle, PubDate, ContentSource,
    SiteName and ColumnName metas; the page prints 发布时间/来源/字号 and a script pager-less body (TRS_Editor)."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="SiteName" content="{escape(SITE)}"><meta name="SiteDomain" content="www.feixi.example">
<meta name="ColumnName" content="{escape(COLUMN)}"><meta name="ArticleTitle" content="{escape(article_title)}">
<meta name="PubDate" content="{escape(pubdate)}"><meta name="ContentSource" content="{escape(source)}">
<title>{escape(SITE)}</title></head><body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="{escape(SITE)}"></div></div>
<div class="bread">当前位置：<a href="../../">首页</a> &gt; <a href="../">{escape(COLUMN)}</a></div>
<div class="article"><h1 class="article-title">{escape(article_title)}</h1>
<div class="article-info"><span>发布时间：{escape(pubdate)}</span><span>来源：{escape(source)}</span>
<span>字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span></div>
<div class="TRS_Editor">{_ps(PARAGRAPHS)}</div></div>
<div class="footer">主办：{escape(SITE)} 皖ICP备12345678号</div></body></html>"""


def gov_listing(entries: int = 5) -> str:
    """A TRS column page: ul.list rows (a link and a span date), the pager written by createPageHTML()."""
    items = "\n".join(
        f'<li><a href="./202108/t2021082{n}_{4800 + n}.html" title="{escape(title)}">{escape(title)}</a><span>2021-08-2{n}</span></li>'
        for n, title in enumerate((TITLE, *OTHERS)[:entries])
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="SiteName" content="{escape(SITE)}">
<meta name="ColumnName" content="{escape(COLUMN)}"><title>{escape(COLUMN)}_{escape(SITE)}</title></head><body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="{escape(SITE)}"></div></div>
<div class="bread">当前位置：<a href="../">首页</a> &gt; <a href="./">{escape(COLUMN)}</a></div>
<div class="main"><div class="column-title">{escape(COLUMN)}</div><ul class="list">{items}</ul>
<div class="page"><script>createPageHTML(3, 0, "index", "html");</script></div></div>
<div class="footer">主办：{escape(SITE)}</div></body></html>"""
