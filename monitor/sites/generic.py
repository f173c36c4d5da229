"""Any other news site: recognised by nothing in particular, its article links chosen by the source or by their shape.

A generic source may say where its article links are (``link_css``,
``link_xpath``, ``article_pattern``, feeds or sitemaps).  When it says
nothing, the spider takes the links of its listings' main list that have
an article's address (a date in the path, a numeric id, a registered type's
``article_url``: ``crawler.spiders.link_shapes``).  Cleaning finds the
article by text density alone, with only the rules every page gets, and
says when a fetched page is a listing instead (it is then not stored).
"""

from monitor.sites.declaration import SiteType

SITE = SiteType(
    name="generic",
    summary="any news site: links from the source's selectors, pattern, feeds or sitemaps, else by their shape",
    rank=1000,
    fallback=True,
    article_url=r".",  # the source's selectors or pattern decide; without them, the links' shapes do
    listing_url="",  # pagination: the pager's next page, as for every type (crawler.spiders.pagination)
    needs_link_rule=False,  # without a rule, article links are told by their shape
)
