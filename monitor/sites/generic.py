"""Any other news site: recognised by nothing in particular, its article links chosen by the source's settings.

A generic source says where its article links are (``link_css``,
``link_xpath``, ``article_pattern``, feeds or sitemaps); cleaning finds the
article by text density alone, with only the rules every page gets.
"""

from monitor.sites.declaration import SiteType

SITE = SiteType(
    name="generic",
    summary="any news site: links from the source's selectors, pattern, feeds or sitemaps",
    rank=1000,
    fallback=True,
    article_url=r".",  # with no pattern configured, the source's selectors alone decide
    listing_url="",  # pagination: rel="next" and 下一页 links only
    needs_link_rule=True,  # "." alone would take every link on a listing for an article
)
