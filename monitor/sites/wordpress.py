"""WordPress sites: classic and block themes, pretty or plain permalinks.

Written against WordPress 6.3–6.5 core and its default themes (Twenty
Twenty-One, a classic PHP theme; Twenty Twenty-Four, a block theme).  What
core prints whatever the theme: ``<meta name="generator" content="WordPress
6.x">`` (security plugins often remove it; the ``/wp-content/`` and
``/wp-includes/`` asset paths stay), the post's body in
``<div class="entry-content">`` (block themes add ``wp-block-post-content``),
``paginate_links()``'s ``page-numbers`` links and the query loop's
``wp-block-query-pagination-next``.  Where themes differ is the date: a classic
theme prints ``<time class="entry-date published" datetime="…">`` in the entry
header or, like Twenty Twenty-One, in the entry *footer*; a block theme prints
``<div class="wp-block-post-date"><time datetime="…">``.  WordPress has no
来源 field: editors type ``来源：…`` as the first or the last paragraph.
"""

from monitor.sites.declaration import SiteType

# An XPath test that an element's class list holds one name (not just a substring of a longer one).
_HAS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"

SITE = SiteType(
    name="wordpress",
    summary="WordPress sites: classic and block themes, /YYYY/MM/DD/slug/, /archives/N or ?p=N articles",
    rank=70,
    generators=("wordpress",),
    # Theme and core assets; they stay when the generator meta is removed.
    source_marks=("/wp-content/", "/wp-includes/"),
    hosts=("wordpress.com",),
    # Permalink structures WordPress offers: day and name, month and name,
    # numeric (/archives/123), Chinese sites' /%post_id%.html, and plain ?p=123.
    # (Post name alone, /slug/, has no shape: such a site needs an article_pattern.)
    article_url=(
        r"/20\d{2}/\d{2}/\d{2}/[^/?#]+/?$"
        r"|/20\d{2}/\d{2}/[^/?#]*[^/?#\d][^/?#]*/?$"
        r"|/archives/\d+(?:\.html)?/?$"
        r"|/\d+\.html$"
        r"|[?&]p=\d+$"
    ),
    # /page/N/ below any archive (home, category, tag, date), or ?paged=N with plain permalinks.
    listing_url=r"/page/\d+/?$|[?&]paged=\d+(?:&|$)",
    # The post titles of an archive (classic themes' h2.entry-title, the query loop's post-title block),
    # not the latest-posts widgets or the prev/next links.
    listing_links_css=".entry-title a, .wp-block-post-title a",
    content_blocks=("entry-content", "wp-block-post-content", "post-content"),
    # The editor's 来源 line (with the editor's name after it, sometimes), first or last paragraph
    # of the post: metadata, not body.
    chrome_drop=(
        r"^[(（]?\s*(?:文章|本文)?来源\s*[:：]\s*[^\s，,。；;]{1,30}"
        r"(?:\s+(?:责任)?编辑\s*[:：]\s*[^\s，,。；;]{1,12})?\s*[)）]?$",
    ),
    title_xpath=(
        f"//article//h1[{_HAS.format('entry-title')}]",
        f"//h1[{_HAS.format('wp-block-post-title')}]",
        f"//h1[{_HAS.format('entry-title')}]",
    ),
    date_xpath=(
        # A classic theme's posted-on, in the entry header or footer; the first is the post's (not a comment's).
        f"//article//time[{_HAS.format('entry-date')}][{_HAS.format('published')}]/@datetime",
        f"//time[{_HAS.format('entry-date')}]/@datetime",
        # A block theme's post-date block.
        f"//div[{_HAS.format('wp-block-post-date')}]/time/@datetime",
        # SEO plugins (Yoast, Rank Math) print it in the head.
        "//meta[@property='article:published_time']/@content",
    ),
    source_xpath=(
        f"//div[{_HAS.format('entry-content')}]/p[starts-with(normalize-space(.), '来源')]",
        f"//div[{_HAS.format('entry-content')}]/p[starts-with(normalize-space(.), '文章来源')]",
        f"//div[{_HAS.format('entry-content')}]/p[starts-with(normalize-space(.), '本文来源')]",
    ),
    # the_posts_pagination(), the_posts_navigation(), the query-pagination block, WP-PageNavi.
    pagination_css="nav.pagination, nav.posts-navigation, nav.wp-block-query-pagination, div.wp-pagenavi",
    follows=(
        "WordPress 5.5.20 (Twenty Seventeen 2.4, Yoast SEO 15), 6.3.5 (Twenty Twenty-One 1.9), "
        "6.5.5 (Twenty Twenty-Four 1.1)"
    ),
)
