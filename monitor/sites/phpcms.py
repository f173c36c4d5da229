"""PHPCMS v9 sites: static ``/html/…`` or dynamic ``index.php?m=content`` lists and articles.

Written against PHPCMS V9.6.3's default templates
(``phpcms/templates/default/content/``) and the URL rules its install defines
(``phpcms_urlrule`` in ``install/main/phpcms_db.sql``).
"""

from monitor.sites.declaration import SiteType

SITE = SiteType(
    name="phpcms",
    summary="PHPCMS v9: /html/ or index.php?m=content lists and articles",
    rank=60,
    # PHPCMS prints no generator <meta>.  Its front controller's routes (m=content,
    # m=member, m=comment, m=link), the hit counter api.php?op=count and the
    # /statics/js/ scripts of its templates give it away.
    source_marks=(
        "index.php?m=content&c=",
        "index.php?m=member&c=index&a=mini",
        "index.php?m=comment&c=index&a=init",
        "index.php?m=link",
        "api.php?op=count&",
        "/statics/js/jquery.sgallery.js",
    ),
    # show.html's date line inside the title: "2021-08-26 09:30:00   来源：…   评论：0 点击：".
    text_marker=r"^20\d{2}-\d{2}-\d{2}\s+\d{2}:\d{2}:\d{2}\s+来源[:：].*评论[:：]",
    # Static (urlrule 11: /html/2021/news_0826/566.html; urlrule 12: /news/2021/0826/566.html),
    # pseudo-static (show-6-566-1.html, content-6-566-1.html) and dynamic
    # (index.php?m=content&c=index&a=show&catid=6&id=566).  Further pages of one
    # article (566_2.html, &page=2, -2.html) are that article again.
    article_url=(
        r"/20\d{2}/[a-z][\w-]*_\d{4}/\d+\.html$"
        r"|/20\d{2}/\d{4}/\d+\.html$"
        r"|/(?:show|content)-\d+-\d+-1\.html$"
        r"|index\.php\?m=content&c=index&a=show&catid=\d+&id=\d+$"
    ),
    # Further list pages: static …/news/2.html (urlrule 1; column directories
    # are letters, so a dated article path never matches), pseudo-static
    # list-6-2.html and dynamic …&a=lists&catid=6&page=2.  Page 1 is the start URL.
    listing_url=(
        r"/(?:[a-z][a-z0-9-]*/)+(?:[2-9]|[1-9]\d+)\.html$"
        r"|/list-\d+-(?:[2-9]|[1-9]\d+)\.html$"
        r"|index\.php\?m=content&c=index&a=lists&catid=\d+&page=\d+$"
    ),
    # list.html's rows: <ul class="list lh24 f14"> in div.col-left (the ranks beside it repeat some).
    listing_links_css=".col-left ul.list a",
    # show.html prints {$content} into div.content inside div#Article.
    content_blocks=("content",),
    # What follows the body in show.html, when the body is found without div.content.
    chrome_drop=(r"^分享到[:：]?$", r"^评论排行$", r"^频道(?:总|本月)排行$"),
    chrome_cut=(r"^相关热词搜索[:：]", r"^上一篇[:：]", r"^延伸阅读[:：]"),
    # The <h1> holds the title, a <br /> and the date line in a <span>: the title is
    # the h1's own first text, the date and 来源 are in the span
    # ("2021-08-26 09:30:00   来源：肥西发布   评论：0 点击：").
    title_xpath=("//div[@id='Article']/h1/text()[normalize-space()][1]",),
    date_xpath=("//div[@id='Article']/h1/span[1]",),
    source_xpath=("//div[@id='Article']/h1/span[1]",),
    # pages() is printed into <div id="pages" class="text-c">.
    pagination_css="#pages",
    follows="PHPCMS V9.6.3 (default templates)",
)
