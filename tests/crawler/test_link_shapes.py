"""A generic source without a link rule: its listings' article links told by their shape, from the main list.

Each case is a listing page in the markup of a real CMS's list template
(our own markup following it), with the chrome around the list that links
things of other shapes or of the same: nav columns and single pages, a
calendar of day archives, tag and category links, hot-article sidebars, a
footer with single pages, and the pager.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from parsel import Selector

from crawler.spiders.islands import with_islands
from crawler.spiders.link_shapes import shape_of, shaped_links
from crawler.spiders.pagination import read_pager

H = "http://zs.example.cn"


@dataclass(frozen=True)
class Case:
    """A listing page at ``url`` and the article links a generic crawl must take from it, in order."""

    name: str
    url: str
    html: str
    articles: list[str]


DEDECMS = """<html><head><meta name="generator" content="DedeCMS"></head><body>
<div class="header"><div class="top"><a href="/">首页</a> <a href="/about/1.html">关于我们</a></div></div>
<div class="nav"><ul><li><a href="/a/news/">招商动态</a></li><li><a href="/a/zhengce/">政策法规</a></li></ul></div>
<div class="position">当前位置: <a href="/">主页</a> &gt; <a href="/a/news/">招商动态</a> &gt;</div>
<div class="listbox"><ul class="e2">
<li><a href="/a/news/20210826/12.html" class="title">宝山区重大项目集中签约</a>
<span class="info">日期：2021-08-26</span><p class="intro">8月26日，宝山区举行重大项目集中签约仪式……</p>
<a href="/a/news/20210826/12.html" class="more">阅读全文</a></li>
<li><a href="/a/news/20210825/11.html" class="title">合肥高新区93个项目集中签约</a>
<span class="info">日期：2021-08-25</span></li>
<li><a href="/a/news/20210824/10.html" class="title">成都双流区46个项目签约</a>
<span class="info">日期：2021-08-24</span></li>
</ul></div>
<div class="dede_pages"><ul class="pagelist"><li><a>首页</a></li><li class="thisclass">1</li>
<li><a href="list_3_2.html">2</a></li><li><a href="list_3_2.html">下一页</a></li>
<li><a href="list_3_2.html">末页</a></li></ul></div>
<div class="pright"><div class="hot"><dl><dt>热门文章</dt><dd><ul>
<li><a href="/a/zhengce/20210801/5.html">关于促进投资的若干政策</a></li>
<li><a href="/a/news/20210820/9.html">江北新区集中签约</a></li></ul></dd></dl></div></div>
<div class="footer"><a href="/about/2.html">联系我们</a> Copyright 招商网</div>
</body></html>"""

ZBLOG_DYNAMIC = f"""<html><head><meta name="generator" content="Z-BlogPHP 1.7.3"></head><body>
<div id="divTop"><h1 id="BlogTitle"><a href="{H}/">产业招商网</a></h1></div>
<div id="divNavBar"><ul><li><a href="{H}/">首页</a></li><li><a href="{H}/?cate=1">招商动态</a></li>
<li><a href="{H}/?id=2">留言本</a></li></ul></div>
<div id="divMain">
<div class="post cate1 auth1"><h4 class="post-date">2021年08月26日</h4>
<h2 class="post-title"><a href="{H}/?id=12">宝山区重大项目集中签约</a></h2>
<div class="post-body">8月26日，宝山区举行重大项目集中签约仪式……</div></div>
<div class="post cate1 auth1"><h4 class="post-date">2021年08月25日</h4>
<h2 class="post-title"><a href="{H}/?id=11">合肥高新区93个项目集中签约</a></h2></div>
<div class="pagebar"><span class="page now-page">1</span>
<a title="2" href="{H}/?cate=1&amp;page=2"><span class="page">2</span></a>
<a title="›" href="{H}/?cate=1&amp;page=2"><span class="page">›</span></a></div>
</div>
<div id="divSidebar"><dl class="function" id="divCalendar"><dd><table><tr>
<td><a href="{H}/?date=2021-8-25">25</a></td><td><a href="{H}/?date=2021-8-26">26</a></td></tr></table></dd></dl>
<dl class="function" id="divPrevious"><dt>最近发表</dt><dd><ul>
<li><a href="{H}/?id=12">宝山区重大项目集中签约</a></li><li><a href="{H}/?id=11">合肥高新区93个项目集中签约</a></li>
<li><a href="{H}/?id=10">成都双流区46个项目签约</a></li></ul></dd></dl>
<dl class="function" id="divTags"><dd><ul><li><a href="{H}/?tags=3">签约</a></li></ul></dd></dl></div>
<div id="divBottom"><p>Powered By <a href="https://www.zblogcn.com/">Z-BlogPHP</a></p></div>
</body></html>"""

WORDPRESS = f"""<html><head><meta name="generator" content="WordPress 6.3.5"></head><body>
<header id="masthead" class="site-header"><p class="site-title"><a href="{H}/">产业观察</a></p>
<nav id="site-navigation" class="primary-navigation"><ul><li><a href="{H}/about/">关于</a></li>
<li><a href="{H}/category/news/">新闻</a></li></ul></nav></header>
<main id="main" class="site-main">
<article id="post-12" class="post-12 post type-post"><header class="entry-header">
<h2 class="entry-title default-max-width">
<a href="{H}/2021/08/26/baoshan-signing/">宝山区重大项目集中签约</a></h2></header>
<div class="entry-content"><p>8月26日，宝山区举行重大项目集中签约仪式……</p></div>
<footer class="entry-footer default-max-width"><span class="posted-on">发布于 <time class="entry-date published"
 datetime="2021-08-26T10:30:00+08:00">2021年8月26日</time></span>
<span class="cat-links">分类 <a href="{H}/category/news/" rel="category tag">新闻</a></span></footer></article>
<article id="post-11" class="post-11 post type-post"><header class="entry-header">
<h2 class="entry-title default-max-width"><a href="{H}/2021/08/25/hefei-signing/">合肥高新区93个项目集中签约</a></h2>
</header></article>
<nav class="navigation pagination" aria-label="文章"><div class="nav-links">
<span aria-current="page" class="page-numbers current">1</span><a class="page-numbers" href="{H}/page/2/">2</a>
<a class="next page-numbers" href="{H}/page/2/">较早的文章</a></div></nav>
</main>
<aside class="widget-area"><section class="widget widget_calendar"><table><tr>
<td><a href="{H}/2021/08/26/">26</a></td></tr></table></section>
<section class="widget widget_recent_entries"><h2>近期文章</h2><ul>
<li><a href="{H}/2021/08/26/baoshan-signing/">宝山区重大项目集中签约</a></li></ul></section></aside>
<footer id="colophon" class="site-footer"><a href="{H}/privacy-policy/">隐私政策</a></footer>
</body></html>"""

PHPCMS_PAGE_2 = """<html><body><div class="header"><a href="/">首页</a></div>
<div class="main"><div class="col-left"><ul class="list lh24 f14">
<li><span class="rt">2021-08-24</span>·<a href="/html/2021/news_0824/10.html">成都双流区46个项目签约</a></li>
<li><span class="rt">2021-08-23</span>·<a href="/html/2021/news_0823/9.html">江北新区集中签约</a></li></ul>
<div id="pages" class="text-c"><a class="a1">7条</a> <a href="/html/news/" class="a1">上一页</a>
<a href="/html/news/">1</a> <span>2</span> <a href="/html/news/3.html">3</a>
<a href="/html/news/3.html" class="a1">下一页</a></div></div></div></body></html>"""

HANWEB = """<html><body><div class="bt-nav"><a href="/col/col14201/index.html">政务动态</a></div>
<div id="68492"><script type="text/xml"><datastore><totalrecord>4</totalrecord>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=2&columnid=14236"></a>]]></nextgroup>
<recordset><record><![CDATA[<li><a href="/art/2021/8/26/art_14236_57.html" title="签约">签约</a>
<span>2021-08-26</span></li>]]></record>
<record><![CDATA[<li><a href="/art/2021/8/25/art_14236_56.html" title="开工">开工</a>
<span>2021-08-25</span></li>]]></record>
</recordset></datastore></script></div></body></html>"""

CASES = [
    # The main list first ("阅读全文" is the same article), then the sidebar's articles of its column;
    # never another column's (the source reads this one), the pager, the columns, or the footer's
    # single pages (/about/2.html has an id's shape too).
    Case(
        "dedecms-list",
        f"{H}/a/news/list_3_1.html",
        DEDECMS,
        [
            f"{H}/a/news/20210826/12.html",
            f"{H}/a/news/20210825/11.html",
            f"{H}/a/news/20210824/10.html",
            f"{H}/a/news/20210820/9.html",
        ],
    ),
    # Z-BlogPHP with dynamic URLs: posts are ?id=N, and so is the 留言本 page in the nav.
    Case("zblog-dynamic", f"{H}/?cate=1", ZBLOG_DYNAMIC, [f"{H}/?id=12", f"{H}/?id=11", f"{H}/?id=10"]),
    # WordPress: the title link sits in the post's own <header>; a day's archive in the calendar is no article.
    Case(
        "wordpress",
        f"{H}/",
        WORDPRESS,
        [f"{H}/2021/08/26/baoshan-signing/", f"{H}/2021/08/25/hefei-signing/"],
    ),
    # PHPCMS's second listing page is /html/news/2.html: an id shape, but a pager link.
    Case(
        "phpcms-page-2",
        f"{H}/html/news/2.html",
        PHPCMS_PAGE_2,
        [f"{H}/html/2021/news_0824/10.html", f"{H}/html/2021/news_0823/9.html"],
    ),
    # Hanweb: the list is in a data island, not in the markup.
    Case(
        "hanweb-data-island",
        f"{H}/col/col14236/index.html",
        HANWEB,
        [f"{H}/art/2021/8/26/art_14236_57.html", f"{H}/art/2021/8/25/art_14236_56.html"],
    ),
    # Nothing of an article's shape: nothing (the crawl then says so).
    Case("no-article-shapes", f"{H}/news/", '<ul><li><a href="/news/intro/">简介</a></li></ul>', []),
    Case("other-hosts-only", f"{H}/news/", '<ul><li><a href="http://www.gov.cn/2021/08/26/x/">x</a></li></ul>', []),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_article_links_by_shape(case: Case) -> None:
    page = with_islands(Selector(text=case.html), case.html)
    assert shaped_links(page, case.url, read_pager(page, case.url)) == case.articles


@pytest.mark.parametrize(
    ("url", "article"),
    [
        (f"{H}/a/news/20210826/12.html", True),  # DedeCMS
        (f"{H}/a/news/2021/0826/12.html", True),
        (f"{H}/news/2021-08-26/12.html", True),  # EmpireCMS
        (f"{H}/2021/08/26/baoshan-signing/", True),  # WordPress day and name
        (f"{H}/xxgk/gzdt/202108/t20210826_123.html", True),  # TRS
        (f"{H}/art/2021/8/26/art_14236_57.html", True),  # Hanweb
        (f"{H}/html/2021/news_0826/12.html", True),  # PHPCMS
        (f"{H}/?news/12.html", True),  # PbootCMS
        (f"{H}/?id=12", True),  # Z-BlogPHP dynamic
        (f"{H}/?p=12", True),  # WordPress plain
        (f"{H}/index.php?m=content&c=index&a=show&catid=6&id=12", True),  # PHPCMS dynamic
        (f"{H}/post/12", True),
        (f"{H}/archives/12", True),
        (f"{H}/show-12-345.html", True),
        (f"{H}/content_123.html", True),
        (f"{H}/2021/08/", False),  # a month's archive
        (f"{H}/?cate=3", False),
        (f"{H}/?page_id=2", False),
        (f"{H}/category/news/", False),
        (f"{H}/NewsList.asp?id=3", False),  # a column, by its file's name
        (f"{H}/tags.php?/签约/", False),
    ],
)
def test_article_shapes(url: str, article: bool) -> None:
    assert (shape_of(url) is not None) is article
