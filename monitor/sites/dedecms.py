"""DedeCMS 5.7 portals: ``list_N_M.html`` listings, articles under a date, ``/plus/`` scripts.

Written against DedeCMS V5.7's default templates (``templets/default/``:
``article_article.htm``, ``list_article.htm``, ``head.htm``, ``footer.htm``) and
the PHP that fills them.  The logo is the page's only ``<h1>``; the title is
the ``<h2>`` of ``<div class="title">`` in the ``viewbox``; the info line
prints ``时间:…来源:…作者:…点击:`` as ``<small>`` labels each followed by its
value, the view count written by a ``/plus/count.php`` script.
"""

from monitor.sites.declaration import SiteType

# The info line: <div class="info"> <small>时间:</small>2021-08-26 09:30<small>来源:</small>肥西发布 …
_INFO = "//div[@class='viewbox']/div[@class='info']"

SITE = SiteType(
    name="dedecms",
    summary="DedeCMS portals: list_N_M.html listings and dated article paths",
    rank=20,
    generators=("dedecms",),
    # DedeCMS serves its counters, search and comments from /plus/*.php, its
    # templates from /templets/ (sic), and every article page loads dedeajax2.js.
    source_marks=("/plus/", "/templets/", "dedeajax2.js"),
    # The view counter of the byline ("点击: 94 次"), or 5.7's info line, whose
    # count a script writes ("时间:2021-08-26 09:30来源:…").
    text_marker=r"点击\s*[:：]?\s*\d+\s*次|^时间\s*[:：]\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s*来源\s*[:：]",
    # Static pages by the naming rule: {typedir}/{Y}{M}{D}/{aid}.html (/20231024/123.html),
    # 5.7's default {typedir}/{Y}/{M}{D}/{aid}.html (/2023/1024/123.html), /2023-10-24/123.html;
    # dynamic ones /plus/view.php?aid=123, rewritten /plus/view-123-1.html.
    article_url=r"/(?:20\d{6}|20\d{2}/\d{4}|\d{4}-\d{2}-\d{2})/\d+\.html$|/plus/view(?:\.php\?aid=\d+|-\d+-\d+\.html)$",
    # Static list pages {typedir}/list_{tid}_{page}.html; dynamic ones
    # /plus/list.php?tid=3&TotalResult=120&PageNo=2, rewritten /plus/list-3-120-2.html.
    listing_url=(
        r"/list_\d+_\d+\.html$|/plus/list(?:\.php\?tid=\d+(?:&TotalResult=\d+)?&PageNo=\d+|-\d+-\d+-\d+\.html)$"
    ),
    # The list body of list_article.htm, not the 推荐内容/热点内容 sidebars.
    listing_links_css=".listbox a",
    # GetPageListST's pager: <div class="dede_pages"><ul class="pagelist"><li><a href='list_3_2.html'>…
    pagination_css=".pagelist",
    content_blocks=("content", "article_content", "arc-content", "newstext"),
    chrome_drop=(
        # A byline that ends in the view counter.
        r"^.{0,30}(来源|作者)\s*[:：].{0,30}点击\s*[:：]?\s*\d*\s*次?$",
        # The editor's name the template prints at the end of the body.
        r"^[(（]\s*责任编辑\s*[:：].{0,20}[)）]$",
    ),
    title_xpath=("//div[@class='viewbox']/div[@class='title']/h2", "//div[@class='title']/h2"),
    date_xpath=(f"{_INFO}/small[starts-with(., '时间')]/following-sibling::text()[1]", _INFO),
    source_xpath=(f"{_INFO}/small[starts-with(., '来源')]/following-sibling::text()[1]", _INFO),
    follows="DedeCMS V5.7 SP2 (templets/default)",
)
