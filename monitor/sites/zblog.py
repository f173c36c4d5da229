"""Z-BlogPHP blogs (bs-cfw.com, rent.sh.cn): post pages and paged categories, in static or dynamic URLs.

Written against Z-BlogPHP 1.7.5 (zblogcn/zblogphp): its default theme
(``zb_users/theme/default/template/``), the widely used free theme 拓源纯净
(tpure 5.0.2, ``zb_users/theme/tpure/``), the system's pager
(``zb_system/defend/default/pagebar.php``) and the URL rules the 静态管理中心
plugin offers (``zb_users/plugin/STACentre/main.php``).

What the real pages need said:

- Every page names the product in ``<meta name="generator" content="Z-BlogPHP 1.7.5">``
  and loads ``zb_system/script/zblogphp.js`` (sites that strip the meta keep the script).
- URLs: dynamic (the install's default) ``?id=N`` and ``?cate=N&page=P``; rewritten
  ``post/N.html`` (or ``post/alias.html``, ``index.php/post/N.html``,
  ``YYYY/MM/N/``) and ``category-N_P.html`` (``category/alias/P/``, ``page_P.html``).
- The default theme's only ``<h1>`` is the blog's name and its ``<title>`` is
  ``站名-标题``: the title is the own text of ``<h2 class="post-title">``, whose
  ``<span class="post-date">`` holds the date (``2021-08-26 10:30:00``).  tpure's
  title is the ``<h1>`` of ``<div class="post">``, its date the ``span.date`` of
  the unlabelled info line (``admin2021年08月26日 10:30产业动态312``).
- Neither theme prints a 来源: an editor pastes ``来源：肥西发布`` as the body's
  first paragraph (``div.post-body`` in the default theme, ``div.single`` in tpure).
- The pager is ``<div class="pagebar">``: ``‹‹ ‹ 1 2 › ››`` links in the default
  theme, 首页/上页/下页/尾页 in tpure.
"""

from monitor.sites.declaration import SiteType

# The class test XPath 1.0 needs for one class among several ("post single").
_SINGLE = "contains(concat(' ', normalize-space(@class), ' '), ' single ')"
_POST = "contains(concat(' ', normalize-space(@class), ' '), ' post ')"
_BODY = "contains(concat(' ', normalize-space(@class), ' '), ' post-body ')"
_SHORT = "[string-length(normalize-space()) < 40]"

SITE = SiteType(
    name="zblog",
    summary="Z-BlogPHP blogs: paged categories and post pages, rewritten (post/N.html) or dynamic (?id=N)",
    rank=10,
    generators=("z-blog", "zblog"),
    # Every theme's <head> loads the system's scripts from zb_system/script/ (zblogphp.js, c_html_js_add.php).
    source_marks=("/zb_system/script/",),
    # The theme's "正文内容" label, or a relative time with its date: "3天前 (09-24)".
    text_marker=r"正文内容$|^\S{1,30}?\d+\s*(?:天|个月|年|小时|分钟)前\s*\(\d{2}-\d{2}\)",
    # post/N.html, post/alias.html, index.php/post/N.html; ?id=N (dynamic); YYYY/MM/N/
    article_url=r"/(?:index\.php/)?post/(?:\d+|[a-z][\w-]*)\.html$|/(?:index\.php)?\?id=\d+$|/20\d{2}/\d{1,2}/\d+/$",
    # A category's further pages: category-N_P.html, category-alias_P.html, page_P.html,
    # category/alias/P/, page/P/, and ?cate=N&page=P or ?page=P (page 1 is the source's start URL).
    listing_url=(
        r"/(?:index\.php/)?(?:category-[\w-]+_\d+|page_\d+)\.html$"
        r"|/(?:category/[^/?#]+|page)/\d+/$|/page_\d+/$|[?&]page=\d+$"
    ),
    # Post links in the listing body (entries are div.post), not in the sidebars of new or related posts.
    listing_links_css=".post a, h2 a, .article a",
    pagination_css=".pagebar",
    # post-body: the default theme; the others: themes of our first Z-BlogPHP sources.  (tpure's
    # body is "div.single", a name the default theme gives the whole post, title and footer too.)
    content_blocks=(
        "post-body",
        "article-content",
        "post-content",
        "entry-content",
        "single-content",
        "article_content",
    ),
    chrome_drop=(r"^.{0,40}正文内容$",),
    title_xpath=(
        # Default theme: the heading's own text, without the date span glued after it.
        f"//div[{_POST} and {_SINGLE}]/h2[@class='post-title']/text()[normalize-space()][1]",
        # tpure: the article's own <h1> (its logo is an image); a list entry is "post item".
        "//div[@class='post']/h1",
    ),
    date_xpath=(
        f"//div[{_POST} and {_SINGLE}]/h2[@class='post-title']/span[@class='post-date']",
        "//div[@class='post']/div[@class='info']/span[@class='date']",
    ),
    # The editor's 来源 line: a short paragraph opening the article's body (not a list entry's intro).
    source_xpath=(
        f"//div[{_POST} and {_SINGLE}]/div[{_BODY}]/p[position() <= 2][contains(., '来源')]{_SHORT}",
        f"//div[@class='post']/div[{_SINGLE}]/p[position() <= 2][contains(., '来源')]{_SHORT}",
    ),
    follows="Z-BlogPHP 1.7.5 (default theme 1.24; tpure 5.0.2)",
)
