"""Government portals published by TRS WCM (拓尔思): ``t<date>_<id>.html`` articles, ``index_N.html`` listings.

TRS WCM writes static pages.  An article is ``…/<column>/202108/t20210826_4823301.html``
(``.htm`` and ``.shtml`` on some sites), a column's listing ``index.html``,
``index_1.html``, ``index_2.html`` …, its pager drawn by a script call
``createPageHTML(pages, current, "index", "html")`` (no page link without
JavaScript).  The body is the editor's block: ``TRS_Editor`` (WCM 6),
``view TRS_UEDITOR trs_paper_default`` (WCM 7/8).  Optional fields such as 来源
are written by script, so the head's government-website metas (ArticleTitle,
PubDate, ContentSource, required by the 政府网站发展指引) are the reliable
title, date and source.
"""

from monitor.sites.declaration import SiteType

SITE = SiteType(
    name="trs",
    summary="TRS WCM government portals: index_N.html listings with a script pager, tYYYYMMDD_ID.html articles",
    rank=80,
    # The editor's body classes, the pager scripts (WCM 7/8's call, WCM 5/6's default script with
    # its comment), the channel breadcrumb's default class and TRS's visitor analytics: each is TRS's alone.
    source_marks=(
        "TRS_Editor",
        "TRS_UEDITOR",
        "trs_paper_default",
        "createPageHTML(",
        "//所在页从0开始",
        'class="CurrChnlCls"',
        "ta.trs.cn/",
    ),
    # The info line's font switch as TRS government templates print it: "字号：[大 中 小]".
    text_marker=r"字号\s*[:：]\s*\[\s*大\s+中\s+小\s*\]",
    article_url=r"/t20\d{6}_\d+\.s?html?(?:$|\?)",
    # Only the numbered pages: a column's index.html is its start URL, and the nav's
    # index.html links lead to other columns.
    listing_url=r"/index_\d+\.s?html?$",
    content_blocks=("TRS_Editor", "TRS_UEDITOR", "trs_paper_default", "trs_editor_view"),
    # On top of the rules every page gets: the font switch in brackets, 【字体：大 中 小】 included,
    # and the related links that end an article when the editor's block is not found.
    chrome_drop=(r"^【?(字号|字体)\s*[:：]\s*\[?\s*大\s*中\s*小\s*\]?】?$",),
    chrome_cut=(r"^相关(链接|文章)\s*[:：]?$",),
    # The metas the 政府网站发展指引 requires of a detail page (a site without them gets the general rules).
    title_xpath=("//meta[@name='ArticleTitle']/@content",),
    date_xpath=("//meta[@name='PubDate']/@content",),
    source_xpath=("//meta[@name='ContentSource']/@content",),
    # The pager is a script with no link in its block: the pagination rules read the call itself.
    pagination_css="",
    follows="TRS WCM 5/6 and 7/8 government sites as published; 政府网站发展指引 page metadata",
)
