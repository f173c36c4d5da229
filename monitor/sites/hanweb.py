"""Government portals run on Hanweb JCMS (大汉网络): ``/art/Y/M/D/art_COL_ID.html`` articles, ``/col/colN/`` columns.

A column page (``/col/col14236/index.html``) holds its list as a data island,
``<script type="text/xml"><datastore>…<record><![CDATA[<li><a href="/art/…">``,
that the jpage script draws; further groups of records come from the data
proxy ``/module/web/jpage/dataproxy.jsp?page=2&…columnid=…&unitid=…`` as the
same ``<datastore>`` XML, the next group's address in ``<nextgroup>``.  No
link of the list is markup: the spiders read the island's links as part of the
page (``crawler/spiders/islands.py``), so this type needs no spider code.
Articles are ``/art/2021/8/26/art_14236_5723001.html``; the jpaas releases
name them ``/art/2021/art_<32 hex>.html``.  The body is ``#zoom``
(``bt-content``), the whole page inside ``#barrierfree_container``; the head
carries the 政府网站发展指引 metas (ArticleTitle, PubDate, ContentSource).
"""

from monitor.sites.declaration import SiteType

SITE = SiteType(
    name="hanweb",
    summary="Hanweb JCMS government portals: /col/colN/ columns paged by the jpage data proxy, /art/ articles",
    rank=90,
    # The jpage list script and its data proxy, the publisher's content marks, the
    # accessibility toolbar's container and the visit counter: Hanweb's own paths and names.
    source_marks=(
        "/module/web/jpage/",
        "<!--<$[信息内容]>begin-->",
        'id="barrierfree_container"',
        "/module/visitcount/articlehits.jsp",
    ),
    # The info line: "发布日期：2021-08-26 信息来源：… 浏览次数：".
    text_marker=r"发布日期\s*[:：].{0,40}信息来源\s*[:：].{0,40}浏览次数",
    article_url=r"/art/20\d{2}/(?:\d{1,2}/\d{1,2}/art_\d+_\d+|art_[0-9a-f]{32})\.html(?:$|\?)",
    # The data proxy's further groups; a column's own index.html is the start URL.
    listing_url=r"/module/web/jpage/dataproxy\.jsp\?",
    # Records are read from the data island, not from the page's links.
    listing_links_css="",
    content_blocks=("zoom", "bt-content", "bt_content"),
    # On top of the rules every page gets: the visit counter (a script, so often empty), the font
    # switch in brackets, and the tools and related list that end an article.
    chrome_drop=(r"^(浏览次数|访问量)\s*[:：]\s*\d*$", r"^字体\s*[:：]\s*\[?\s*大\s*中\s*小\s*\]?$"),
    chrome_cut=(r"^【?打印本页】?\s*【?关闭窗口】?$", r"^相关信息\s*[:：]?$"),
    # The metas the 政府网站发展指引 requires of a detail page (a site without them gets the general rules).
    title_xpath=("//meta[@name='ArticleTitle']/@content",),
    date_xpath=("//meta[@name='PubDate']/@content",),
    source_xpath=("//meta[@name='ContentSource']/@content",),
    pagination_css="",
    follows="Hanweb JCMS (jpage data proxy, barrierfree_container templates), 政府网站发展指引 page metadata",
)
