"""SiteType: the declaration each site-type module makes, and nothing else.

A declaration is plain data: strings and tuples of strings (regular
expressions are given as their source text).  The readers compile what they
use — ``monitor.text`` to recognise pages and clean them, ``crawler.spiders``
to pick links — so this package imports neither lxml nor Scrapy nor the store.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteType:
    """What signwatch knows about one kind of site (a CMS, a platform, or any site at all).

    Recognising a page (HTML; the first type in ``rank`` order that matches wins):
    ``generators`` are lower-case substrings of ``<meta name="generator">``;
    ``source_marks`` substrings of the page source (when the source is not at
    hand, of a link's ``href``); ``hosts`` lower-case substrings of the page's
    URL; ``title_marks`` substrings of its ``<title>``.  ``text_marker`` is a
    regular expression searched in the first lines of page *text* (the archive's
    seed format), where there is no markup to go by.

    The crawl: ``article_url`` and ``listing_url`` are regular expressions
    searched in absolute URLs (an article page; a further listing page);
    ``listing_links_css`` is a CSS selector of the article links on a listing
    page (empty: every link on it).  With ``needs_link_rule`` the type knows
    no article URLs of its own: a source of it must give ``link_css``,
    ``link_xpath``, ``article_pattern``, feeds or sitemaps (the config refuses
    one that gives none).

    Cleaning: ``content_blocks`` are class or id names of the element that holds
    the article body; ``chrome_drop`` are regular expressions of lines dropped
    and ``chrome_cut`` of lines that end the article, both on top of the rules
    every page gets and both applied to Simplified text.

    Page metadata (XPath 1.0 expressions over the parsed page, tried in order,
    before the rules every page gets): ``title_xpath`` selects the article's
    title element (its text is the title); ``date_xpath`` the publication date
    (an attribute's value, e.g. ``//time/@datetime``, or an element whose text
    holds a date); ``source_xpath`` the 来源 (an element whose text is the
    source's whole name, or a line ``来源:…``).  ``pagination_css`` is a CSS
    selector of the block holding the listing's page links (empty: the rules
    every listing gets — ``rel=next``, 下一页/下页/后页, ``>``/``»``/``›`` glyphs,
    ``next``/``page-numbers`` classes).

    ``follows`` names the real product and release the declaration was written
    against (``"Z-BlogPHP 1.7.3"``), for docs/sites.md.

    ``rank`` orders the types: recognising a page tries them in rank order,
    error messages and listings name them in it.  The one ``fallback`` type
    recognises every page and comes last whatever its rank.
    """

    name: str
    summary: str
    rank: int
    fallback: bool = False
    # recognising a page
    generators: tuple[str, ...] = ()
    source_marks: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    title_marks: tuple[str, ...] = ()
    text_marker: str = ""
    # the crawl
    article_url: str = ""
    listing_url: str = ""
    listing_links_css: str = ""
    needs_link_rule: bool = False
    # cleaning
    content_blocks: tuple[str, ...] = ()
    chrome_drop: tuple[str, ...] = ()
    chrome_cut: tuple[str, ...] = ()
    # page metadata
    title_xpath: tuple[str, ...] = ()
    date_xpath: tuple[str, ...] = ()
    source_xpath: tuple[str, ...] = ()
    pagination_css: str = ""
    follows: str = ""
