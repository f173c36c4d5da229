"""DedeCMS portals: ``list_N_M.html`` listings, articles under a date, ``/plus/`` scripts."""

from monitor.sites.declaration import SiteType

SITE = SiteType(
    name="dedecms",
    summary="DedeCMS portals: list_N_M.html listings and dated article paths",
    rank=20,
    generators=("dedecms",),
    # DedeCMS serves its counters, search and comments from /plus/*.php.
    source_marks=("/plus/",),
    # The view counter of the byline: "点击: 94 次".
    text_marker=r"点击\s*[:：]?\s*\d+\s*次",
    # /20231024/123.html, /2023/1024/123.html, /2023-10-24/123.html
    article_url=r"/(?:20\d{6}|20\d{2}/\d{4}|\d{4}-\d{2}-\d{2})/\d+\.html$",
    listing_url=r"/list_\d+_\d+\.html$",
    content_blocks=("content", "article_content", "arc-content", "newstext"),
    # A byline that ends in the view counter.
    chrome_drop=(r"^.{0,30}(来源|作者)\s*[:：].{0,30}点击\s*[:：]?\s*\d*\s*次?$",),
)
