"""The pager reading every spider shares: the next listing page, however a CMS writes its pager.

Each case is a pager in the markup the product renders (our own markup
following the real templates: Z-BlogPHP's pagebar.php and PageBar buttons,
WordPress's paginate_links and the query-pagination block, DedeCMS 5.7's
pagelist, PHPCMS v9's pages(), EmpireCMS's epages, PbootCMS's Paging::pageBar,
TRS WCM's createPageHTML script), placed in a page with the chrome that
must not be taken for a pager: nav links to other columns, a calendar of
numbered day links, a "more" box with a ``>>`` glyph.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from parsel import Selector

from crawler.spiders.pagination import next_pages, read_pager


def page(pager: str, *, head: str = "") -> str:
    """A listing page around ``pager``: a nav, a list, a sidebar with a calendar and a "more" box, a footer."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>招商动态</title>{head}</head><body>
<div id="divNavBar"><ul><li><a href="/">首页</a></li><li><a href="/list_5_1.html">通知公告</a></li>
<li><a href="/?cate=2">政策法规</a></li></ul></div>
<div id="divMain"><ul class="list"><li><a href="/a/news/20210826/12.html">宝山区重大项目集中签约</a></li>
<li><a href="/a/news/20210825/11.html">合肥高新区93个项目集中签约</a></li></ul>
{pager}
</div>
<div id="divSidebar"><div id="divCalendar"><table><tr><td><a href="/?date=2021-8-25">25</a></td>
<td><a href="/?date=2021-8-26">26</a></td><td><a href="/?date=2021-8-27">27</a></td></tr></table></div>
<div class="box"><h3>热点 <a href="/list_9_1.html">&gt;&gt;</a></h3></div></div>
<div id="divBottom"><p>Copyright 招商网 <a href="https://beian.miit.gov.cn/">沪ICP备12345678号</a></p></div>
</body></html>"""


@dataclass(frozen=True)
class Case:
    """A listing page at ``url`` and the further pages a crawl must follow from it."""

    name: str
    url: str
    html: str
    follows: list[str]
    block_css: str = ""


H = "http://zs.example.cn"

CASES = [
    # Z-BlogPHP: <div class="pagebar">, buttons ‹‹ ‹ 1 2 3 › ›› with title attributes, the current page a span.
    Case(
        "zblog-dynamic-first",
        f"{H}/?cate=1",
        page(
            '<div class="pagebar"><span class="page now-page">1</span>'
            f'<a title="2" href="{H}/?cate=1&amp;page=2"><span class="page">2</span></a>'
            f'<a title="3" href="{H}/?cate=1&amp;page=3"><span class="page">3</span></a>'
            f'<a title="›" href="{H}/?cate=1&amp;page=2"><span class="page">›</span></a>'
            f'<a title="››" href="{H}/?cate=1&amp;page=3"><span class="page">››</span></a></div>'
        ),
        [f"{H}/?cate=1&page=2"],
    ),
    Case(
        "zblog-static-middle",
        f"{H}/category-2_2.html",
        page(
            f'<div class="pagebar"><a title="‹‹" href="{H}/category-2.html"><span class="page">‹‹</span></a>'
            f'<a title="‹" href="{H}/category-2.html"><span class="page">‹</span></a>'
            f'<a title="1" href="{H}/category-2.html"><span class="page">1</span></a>'
            '<span class="page now-page">2</span>'
            f'<a title="3" href="{H}/category-2_3.html"><span class="page">3</span></a>'
            f'<a title="›" href="{H}/category-2_3.html"><span class="page">›</span></a>'
            f'<a title="››" href="{H}/category-2_3.html"><span class="page">››</span></a></div>'
        ),
        [f"{H}/category-2_3.html"],
    ),
    Case(
        "zblog-last-page-goes-nowhere",
        f"{H}/?cate=1&page=3",
        page(
            f'<div class="pagebar"><a title="‹‹" href="{H}/?cate=1"><span class="page">‹‹</span></a>'
            f'<a title="‹" href="{H}/?cate=1&amp;page=2"><span class="page">‹</span></a>'
            f'<a title="1" href="{H}/?cate=1"><span class="page">1</span></a>'
            f'<a title="2" href="{H}/?cate=1&amp;page=2"><span class="page">2</span></a>'
            '<span class="page now-page">3</span>'
            f'<a title="››" href="{H}/?cate=1&amp;page=3"><span class="page">››</span></a></div>'
        ),
        [],
    ),
    # WordPress (Twenty Twenty-One): paginate_links in <nav class="navigation pagination">, "next page-numbers".
    Case(
        "wordpress-paginate-links",
        f"{H}/category/news/",
        page(
            '<nav class="navigation pagination" aria-label="文章"><h2 class="screen-reader-text">文章导航</h2>'
            '<div class="nav-links"><span aria-current="page" class="page-numbers current">1</span>'
            f'<a class="page-numbers" href="{H}/category/news/page/2/">2</a>'
            f'<a class="page-numbers" href="{H}/category/news/page/3/">3</a>'
            f'<a class="next page-numbers" href="{H}/category/news/page/2/"><span class="nav-next-text">较早'
            '<span class="nav-short">的文章</span></span><svg class="svg-icon"></svg></a></div></nav>'
        ),
        [f"{H}/category/news/page/2/"],
    ),
    # WordPress block themes (Twenty Twenty-Four): the query-pagination block, no page numbers.
    Case(
        "wordpress-query-pagination",
        f"{H}/",
        page(
            '<nav class="wp-block-query-pagination" aria-label="分页">'
            f'<a href="{H}/?paged=2" class="wp-block-query-pagination-next">下一页</a></nav>'
        ),
        [f"{H}/?paged=2"],
    ),
    # WP-PageNavi: nextpostslink with », and rel=next.
    Case(
        "wp-pagenavi",
        f"{H}/category/news/page/2/",
        page(
            '<div class="wp-pagenavi"><span class="pages">第 2 页，共 3 页</span>'
            f'<a class="previouspostslink" rel="prev" href="{H}/category/news/">«</a>'
            f'<a class="page smaller" href="{H}/category/news/">1</a><span class="current">2</span>'
            f'<a class="page larger" href="{H}/category/news/page/3/">3</a>'
            f'<a class="nextpostslink" rel="next" href="{H}/category/news/page/3/">»</a></div>'
        ),
        [f"{H}/category/news/page/3/"],
    ),
    # DedeCMS 5.7: <ul class="pagelist"> with 首页 (no link on page 1), the current page an <li class="thisclass">.
    Case(
        "dedecms-pagelist",
        f"{H}/a/news/list_3_1.html",
        page(
            '<div class="dede_pages"><ul class="pagelist"><li><a>首页</a></li><li class="thisclass">1</li>'
            "<li><a href='list_3_2.html'>2</a></li><li><a href='list_3_3.html'>3</a></li>"
            "<li><a href='list_3_2.html'>下一页</a></li><li><a href='list_3_3.html'>末页</a></li>"
            '<li><span class="pageinfo">共 <strong>3</strong>页<strong>7</strong>条</span></li></ul></div>'
        ),
        [f"{H}/a/news/list_3_2.html"],
    ),
    # PHPCMS v9: <div id="pages"> with class a1 on 上一页/下一页 and the record count, the current page a span.
    Case(
        "phpcms-pages",
        f"{H}/html/news/",
        page(
            '<div id="pages" class="text-c"><a class="a1">7条</a> '
            f'<a href="{H}/html/news/" class="a1">上一页</a> <span>1</span> '
            f'<a href="{H}/html/news/2.html">2</a> <a href="{H}/html/news/3.html">3</a> '
            f'<a href="{H}/html/news/2.html" class="a1">下一页</a></div>'
        ),
        [f"{H}/html/news/2.html"],
    ),
    # EmpireCMS: <div class="epages">, the record count in a link without href, the current page in <b>.
    Case(
        "empirecms-epages",
        f"{H}/news/index.html",
        page(
            '<div class="epages"><a title="Total record">&nbsp;<b>7</b> </a>&nbsp;&nbsp;&nbsp;<b>1</b>&nbsp;'
            '<a href="/news/index_2.html">2</a>&nbsp;<a href="/news/index_3.html">3</a>&nbsp;'
            '<a href="/news/index_2.html">下一页</a>&nbsp;<a href="/news/index_3.html">尾页</a></div>'
        ),
        [f"{H}/news/index_2.html"],
    ),
    # PbootCMS 3: spans page-index/page-pre/page-numbar/page-next/page-last, 前一页 a javascript:; on page 1.
    Case(
        "pbootcms-pagebar",
        f"{H}/?news/",
        page(
            "<div class='pagebar'><span class='page-status'>共7条 当前1/3页</span>"
            "<span class='page-index'><a href='/?news/'>首页</a></span>"
            "<span class='page-pre'><a href='javascript:;'>前一页</a></span>"
            "<span class='page-numbar'><a href='/?news/' class='page-num page-num-current'>1</a>"
            "<a href='/?news_2/' class='page-num'>2</a><a href='/?news_3/' class='page-num'>3</a></span>"
            "<span class='page-next'><a href='/?news_2/'>后一页</a></span>"
            "<span class='page-last'><a href='/?news_3/'>尾页</a></span></div>"
        ),
        [f"{H}/?news_2/"],
    ),
    Case(
        "pbootcms-basic-paging",
        f"{H}/news/",
        page(
            "<div class='pagebar'><span class='page-numbar'><a href='/news/' class='page-num page-num-current'>1</a>"
            "<a href='/news/?page=2' class='page-num'>2</a></span>"
            "<span class='page-next'><a href='/news/?page=2'>后一页</a></span></div>"
        ),
        [f"{H}/news/?page=2"],
    ),
    # TRS WCM: the pager is written by a script; page 0 is index.html, page N index_N.html.
    Case(
        "trs-create-page-html",
        f"{H}/xxgk/gzdt/index.html",
        page('<div class="page"><script>createPageHTML(3, 0, "index", "html");</script></div>'),
        [f"{H}/xxgk/gzdt/index_1.html"],
    ),
    Case(
        "trs-create-page-html-with-element",
        f"{H}/xxgk/gzdt/index_1.shtml",
        page("<div id='page_div'></div><script>createPageHTML('page_div', 3, 1, 'index', 'shtml', 21);</script>"),
        [f"{H}/xxgk/gzdt/index_2.shtml"],
    ),
    Case(
        "trs-last-page",
        f"{H}/xxgk/gzdt/index_2.html",
        page('<div class="page"><script>createPageHTML(3, 2, "index", "html");</script></div>'),
        [],
    ),
    Case(
        "trs-count-page-variables",
        f"{H}/xwzx/index.htm",
        page(
            "<script>var currentPage = 0;//所在页从0开始\nvar prevPage = currentPage-1;\n"
            "var nextPage = currentPage+1;\nvar countPage = 5;//共多少页\n</script>"
        ),
        [f"{H}/xwzx/index_1.htm"],
    ),
    # <link rel="next"> in the head (Yoast and other SEO plugins).
    Case(
        "head-link-rel-next",
        f"{H}/category/news/",
        page("", head=f'<link rel="next" href="{H}/category/news/page/2/">'),
        [f"{H}/category/news/page/2/"],
    ),
    # Only the addresses tell: the listing's own URL with its page number advanced.
    Case(
        "sequence-list",
        f"{H}/a/news/list_3_1.html",
        page('<p><a href="list_3_2.html">2</a></p>'),
        [f"{H}/a/news/list_3_2.html"],
    ),
    Case(
        "sequence-index",
        f"{H}/xwzx/index.html",
        page('<p><a href="index_1.html">2</a></p>'),
        [f"{H}/xwzx/index_1.html"],
    ),
    Case(
        "sequence-category",
        f"{H}/category-2.html",
        page('<p><a href="category-2_2.html">more</a></p>'),
        [f"{H}/category-2_2.html"],
    ),
    Case(
        "sequence-query",
        f"{H}/list.php?page=2",
        page('<p><a href="list.php?page=3">3</a></p>'),
        [f"{H}/list.php?page=3"],
    ),
    Case(
        "sequence-query-added",
        f"{H}/?cate=1",
        page('<p><a href="/?page=2&amp;cate=1">更多</a></p>'),
        [f"{H}/?page=2&cate=1"],
    ),
    Case(
        "sequence-path-page",
        f"{H}/news/page/2/",
        page('<p><a href="/news/page/3/">3</a></p>'),
        [f"{H}/news/page/3/"],
    ),
    Case(
        "sequence-node", f"{H}/n/node_123.htm", page('<p><a href="node_123_2.htm">2</a></p>'), [f"{H}/n/node_123_2.htm"]
    ),
    # Not a next page: backwards links only, another host, a "more" glyph in a sidebar box, a sibling node.
    Case(
        "backwards-only",
        f"{H}/a/news/list_3_3.html",
        page("<div><a href='list_3_1.html'>首页</a> <a href='list_3_2.html'>上一页</a></div>"),
        [],
    ),
    Case("another-host", f"{H}/news/", page('<a rel="next" href="http://other.example.cn/news/2.html">下一页</a>'), []),
    Case("glyph-outside-a-pager", f"{H}/news/", page(""), []),
    Case("sibling-column", f"{H}/n/node_123.htm", page('<p><a href="node_124.htm">招商政策</a></p>'), []),
    # A pager the site type declares: its glyph-only next link counts.
    Case(
        "declared-block",
        f"{H}/news/list-1.html",
        page('<div class="fy"><a href="/news/list-1.html">1</a><a href="/news/list-2.html">→</a></div>'),
        [f"{H}/news/list-2.html"],
        block_css=".fy",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_next_listing_page(case: Case) -> None:
    assert next_pages(Selector(text=case.html), case.url, case.block_css) == case.follows


@pytest.mark.parametrize(
    ("url", "linked", "held"),
    [
        # The page itself, its backwards and numbered links are pager links; articles and columns are not.
        (f"{H}/a/news/list_3_2.html", f"{H}/a/news/list_3_2.html", True),
        (f"{H}/a/news/list_3_2.html", f"{H}/a/news/list_3_1.html", True),
        (f"{H}/a/news/list_3_2.html", f"{H}/a/news/list_3_3.html", True),
        (f"{H}/a/news/list_3_2.html", f"{H}/a/news/20210826/12.html", False),
        (f"{H}/a/news/list_3_2.html", f"{H}/list_5_1.html", False),
    ],
)
def test_pager_links_are_never_articles(url: str, linked: str, held: bool) -> None:
    pager = read_pager(
        Selector(
            text=page(
                "<ul class='pagelist'><li><a href='list_3_1.html'>首页</a></li><li><a href='list_3_1.html'>上一页</a>"
                "</li><li><a href='list_3_1.html'>1</a></li><li class='thisclass'>2</li>"
                "<li><a href='list_3_3.html'>3</a></li><li><a href='list_3_3.html'>下一页</a></li></ul>"
            )
        ),
        url,
    )
    assert pager.next == [f"{H}/a/news/list_3_3.html"]
    assert pager.holds(linked) is held


def test_query_order_does_not_make_another_page() -> None:
    pager = read_pager(Selector(text=page(f'<a rel="next" href="{H}/?page=2&amp;cate=1">下一页</a>')), f"{H}/?cate=1")
    assert pager.holds(f"{H}/?cate=1&page=2")
