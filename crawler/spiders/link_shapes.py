"""Article links of a listing page told by their shape, for a source that gives no link rule.

A ``generic`` source without ``link_css``, ``link_xpath``, ``article_pattern``,
feeds or sitemaps still has to find its articles.  News sites of every CMS
give an article an address of a recognisable shape: a date in the path
(``/2021/08/26/…``, ``/20210826/123.html``, ``t20210826_123.html``,
``/art/2021/8/26/art_…``), a numeric id (``/123.html``, ``?id=123``,
``/post/123``, ``/p/123``, ``/archives/123``, ``/show-12-345.html``,
``/content_123.html``), or the ``article_url`` a registered site type declares.
Categories, tags, single pages, searches and pagers have other shapes.

A listing also links articles from its sidebars (latest, hot, related) and
sometimes single pages of an article-like shape from its header or footer.
The page's main list is the block holding the most of these links — or,
when the page has a pager, the one beside it, as every CMS draws its pager
under its list.  Links elsewhere are kept when they have the shape of the
main list's (the same kind of address in the same folder: more articles of
the site), and dropped otherwise.

Pure: the parsed page, its URL and its pager in, URLs out; same host only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from urllib.parse import parse_qsl, urljoin, urlsplit

from lxml import etree
from parsel import Selector
from w3lib.url import canonicalize_url

from crawler.spiders.pagination import Pager
from monitor.sites import site_types

# Address shapes of articles on the CMSes and platforms our sources run (searched in path + query).
COMMON_SHAPES: tuple[str, ...] = (
    # a date, then more (a day's archive, /2021/08/26/, is no article):
    # /2021/08/26/slug/, /2021-08-26/12.html, /20210826/12.html, /2021/0826/12.html
    r"/20\d{2}(?:[-/]\d{1,2}[-/]\d{1,2}|\d{4}|/\d{4})/[^/?#]+",
    r"[/_]t20\d{6}_\d+",  # TRS: ./202108/t20210826_123.html
    r"/art/20\d{2}/\d{1,2}/\d{1,2}/art_",  # Hanweb
    r"/\d+\.s?html?$",  # /123.html
    r"/(?:post|p|archives|article|articles|news|detail|details|content|view|show|info)[/_-]\d+(?:\.\w+)?/?$",
    r"/(?:show|view|article|content|detail)[_-]\d+[_-]\d+(?:[_-]\d+)?\.\w+$",  # /show-12-345.html
    r"/content_\d+\.\w+$",
    # ?id=123 (not on a file named like a list: NewsList.asp?id=3 is a column)
    r"^(?!.*(?:list|class|column|channel|category|cate|lm)[^/?]*\?)[^?]*\?(?:.*&)?"
    r"(?:id|aid|articleid|article_id|newsid|news_id|contentid|content_id|docid|doc_id|infoid|itemid|p|post)=\d+(?:&|$)",
)
# Elements whose links are the site's chrome, never its list: header, navigation, footer, breadcrumb
# (Z-BlogPHP's divNavBar and divBottom, WordPress's site-header and main-navigation, DedeCMS's position …).
_CHROME_TAGS = frozenset({"header", "nav", "footer"})
_CHROME_NAMES = re.compile(
    r"^(?:div|site|main|top|sub|global|primary|header)?[-_]?"
    r"(?:header|head|top|topbar|nav|navbar|navigation|menu|mainmenu|footer|foot|bottom|copyright|copy)"
    r"(?:[-_]?(?:bar|wrap|wrapper|box|inner|list|menu|nav|links|area|container))?$"
    r"|^(?:breadcrumbs?|crumbs?|position|location|place|weizhi|dh|links|friendlinks?|flink|yqlj)$",
    re.IGNORECASE,
)


@cache
def _shapes() -> tuple[re.Pattern[str], ...]:
    """The registered site types' article URLs (but the fallback's, which matches anything), then the common ones."""
    declared = [site.article_url for site in site_types() if not site.fallback and site.article_url not in ("", ".")]
    return tuple(re.compile(pattern, re.IGNORECASE) for pattern in (*declared, *COMMON_SHAPES))


def shape_of(url: str) -> int | None:
    """The index of the first article shape ``url`` has, None if it has none.

    (The types' ``listing_url`` are no help here: each is written for its own
    CMS's sites, and PHPCMS's ``/news/2.html`` is any site's ``/post/2.html``.)
    """
    parts = urlsplit(url)
    tail = parts.path + (f"?{parts.query}" if parts.query else "")
    return next((i for i, pattern in enumerate(_shapes()) if pattern.search(tail)), None)


def shaped_links(page: Selector, url: str, pager: Pager) -> list[str]:
    """The article links of listing ``page`` at ``url`` chosen by shape, main list first, in page order.

    Never a link of the pager, the listing itself, another host, or a
    link in the page's header, navigation, footer or breadcrumb.
    """
    root = page.root
    if not isinstance(root, etree._Element):
        return []
    base = _base_url(page, url)
    host = (urlsplit(url).hostname or "").lower()
    found: list[tuple[etree._Element, str, tuple[object, ...]]] = []
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or _in_chrome(anchor):
            continue
        link = urljoin(base, href).split("#", 1)[0]
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() != host or pager.holds(link):
            continue
        shape = shape_of(link)
        if shape is None:
            continue
        found.append((anchor, link, _key(link, shape)))
    if not found:
        return []
    main = _main_list(found, _pager_elements(root, pager, base))
    keys = {key for _anchor, _link, key in main}
    chosen = [link for _anchor, link, key in (*main, *found) if key in keys]
    return _unique(chosen)


def _key(url: str, shape: int) -> tuple[object, ...]:
    """What makes two links the same kind: their shape, their folder (digits aside) and query names."""
    parts = urlsplit(url)
    folder = re.sub(r"\d+", "0", parts.path.rstrip("/").rpartition("/")[0])
    names = tuple(sorted(name for name, _ in parse_qsl(parts.query, keep_blank_values=True)))
    if not names and parts.query:
        folder += "?" + re.sub(r"\d+", "0", parts.query.rstrip("/").rpartition("/")[0])
    return (shape, folder, names)


def _main_list(
    found: Sequence[tuple[etree._Element, str, tuple[object, ...]]], pager: Sequence[etree._Element]
) -> list[tuple[etree._Element, str, tuple[object, ...]]]:
    """The links of the page's main list: the block nearest the pager, else the block with the most links.

    A link's block is its nearest ancestor that holds another article link
    (the title and "read more" links of one post count as one).
    """
    under: dict[etree._Element, set[str]] = {}
    for anchor, link, _key in found:
        for element in anchor.iterancestors():
            under.setdefault(element, set()).add(link)
    groups: dict[etree._Element, list[tuple[etree._Element, str, tuple[object, ...]]]] = {}
    for item in found:
        block = next((e for e in item[0].iterancestors() if len(under[e]) > 1), item[0])
        groups.setdefault(block, []).append(item)

    def size(block: etree._Element) -> int:
        return len({link for _anchor, link, _key in groups[block]})

    if not pager:
        return groups[max(groups, key=size)]
    return groups[min(groups, key=lambda block: (_distance(block, pager[0]), -size(block)))]


def _distance(block: etree._Element, other: etree._Element) -> int:
    """Steps from ``block`` up to the ancestor it shares with ``other``, then down to ``other``."""
    theirs = {element: depth for depth, element in enumerate([other, *other.iterancestors()])}
    for depth, element in enumerate([block, *block.iterancestors()]):
        if element in theirs:
            return depth + theirs[element]
    return 10**6


def _pager_elements(root: etree._Element, pager: Pager, base: str) -> list[etree._Element]:
    """The page's ``<a>`` elements that link further listing pages."""
    wanted = {canonicalize_url(url) for url in pager.next}
    found = []
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href and canonicalize_url(urljoin(base, href).split("#", 1)[0]) in wanted:
            found.append(anchor)
    return found


def _in_chrome(anchor: etree._Element) -> bool:
    """Whether the link sits in the page's header, navigation, footer or breadcrumb (not a post's own)."""
    chrome = False
    for element in anchor.iterancestors():
        if element.tag == "article":
            return False  # a post's <header> and <footer> hold its title and permalink
        names = [*(element.get("class") or "").split(), *(element.get("id") or "").split()]
        if element.tag in _CHROME_TAGS or any(_CHROME_NAMES.match(name) for name in names):
            chrome = True
    return chrome


def _tail(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _base_url(page: Selector, url: str) -> str:
    base = page.xpath("//base/@href").get()
    return urljoin(url, base.strip()) if base else url


def _unique(urls: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for url in urls:
        key = canonicalize_url(url)
        if key not in seen:
            seen.add(key)
            kept.append(url)
    return kept
