"""Z-BlogPHP blogs (bs-cfw.com, rent.sh.cn): ``index.php/post/NNNN.html`` articles, paged categories."""

from monitor.sites.declaration import SiteType

SITE = SiteType(
    name="zblog",
    summary="Z-BlogPHP blogs: category listings and index.php/post/N.html articles",
    rank=10,
    generators=("z-blog", "zblog"),
    # The theme's "正文内容" label, or a relative time with its date: "3天前 (09-24)".
    text_marker=r"正文内容$|^\S{1,30}?\d+\s*(?:天|个月|年|小时|分钟)前\s*\(\d{2}-\d{2}\)",
    article_url=r"/(?:index\.php/)?post/\d+\.html$",
    # category-N.html, category-N_P.html, page_P.html, ?page=P
    listing_url=r"/(?:index\.php/)?(?:category-\d+(?:_\d+)?\.html|page_\d+\.html)$|[?&]page=\d+$",
    # Post links in the listing body, not in the sidebars of hot or related posts.
    listing_links_css=".post a, h2 a, .article a",
    content_blocks=("article-content", "post-content", "entry-content", "single-content", "article_content"),
    chrome_drop=(r"^.{0,40}正文内容$",),
)
