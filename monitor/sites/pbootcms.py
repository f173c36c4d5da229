"""PbootCMS company and park sites: ``/?news/12.html`` (or rewritten ``/news/12.html``) articles, ``news_2/`` pages.

Written against PbootCMS V3.2's default template (``template/default/html/``:
``news.html``, ``newslist.html`` and ``comm/``) and the PHP that fills it.
Its ``comm/top.html`` prints the *category* name as the page's only ``<h1>``
in a jumbotron above the content; the article title is the
``<h2 class="text-center">`` inside ``<div class="container pages">``, and the
grey line under it prints ``时间：2021-08-26`` (no time of day) and ``访问量``
(sites add ``来源：``/``作者：`` there).
"""

from monitor.sites.declaration import SiteType

# The line under the title: <div class="text-center border-bottom text-secondary pb-2 mb-3">时间：…
_INFO = "//div[contains(@class, 'pages')]/div[contains(@class, 'border-bottom') and contains(@class, 'text-secondary')]"

SITE = SiteType(
    name="pbootcms",
    summary="PbootCMS sites: /?news/12.html or /news/12.html articles, news_2/ list pages",
    rank=40,
    # No generator <meta>: the default template's stylesheet, and the QR code
    # the footer asks PbootCMS's core for.
    source_marks=("/css/aoyun.css", "/core/qrcode.php"),
    # The date line under the title: "时间：2021-08-26   访问量：1234".
    text_marker=r"^时间\s*[:：]\s*\d{4}-\d{2}-\d{2}\b.{0,60}访问量\s*[:：]\s*\d+$",
    # parserLink's content address in the three URL modes: /?news/12.html (3, the
    # default), /news/12.html (2, rewritten), /index.php/news/12.html (1); the
    # category may be nested (/?news/zsdt/12.html) or left out (/?12.html).
    article_url=r"/(?:index\.php/|\?)?(?:[\w-]+/)*\d+\.html$",
    # Paging.php: a category's further pages <category>_N/ (/?news_2/, /news_2/),
    # or ?page=N where it pages by query.
    listing_url=r"(?:/|\?)[\w-]+_\d+/$|[?&]page=\d+$",
    # The list in the page body (newslist.html's <ul>), not the footer's links.
    listing_links_css=".pages ul a",
    # comm/page.html: <div class="pagination"> of page-link and page-num anchors.
    pagination_css=".pagination",
    content_blocks=("content",),
    chrome_drop=(r"^上一篇\s*[:：]", r"^下一篇\s*[:：]"),
    title_xpath=("//div[contains(@class, 'pages')]/h2[contains(@class, 'text-center')]",),
    date_xpath=(_INFO,),
    source_xpath=(_INFO,),
    follows="PbootCMS V3.2 (template/default)",
)
