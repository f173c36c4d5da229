"""Is a page a listing (a column's list of articles) or an article?

A crawl that does not know a site's article URLs (a ``generic`` source with no
pattern) fetches listing pages too; cleaned as articles they would be stored
as the column's teasers.  A listing shows:

- many links of one shape (same tags and classes around them) to other pages,
  each with a title-length text: the list;
- little connected prose outside that list (an article's body is prose that
  sits in no list item), or the article block the cleaner found overlapping
  the list itself (teasers, or whole posts, one per item);
- often a pager (``下一页``, ``›``, ``page-numbers``), and no title of its own
  that is not a link.

An article may have related-link lists, sidebars of latest posts and a very
short body, so the verdict is conservative: a page is a listing only when its
prose outside the list is small *and* the list is where the article block is
*and* nothing marks it an article (``ArticleTitle``/``og:type=article`` metas,
JSON-LD of an article, 上一篇/下一篇 links, an unlinked title heading followed
by its date).  Missing a listing costs one stray page; dropping an article
loses news.

``listing_signals`` reads the page before chrome removal (pagers and prev/next
boxes are chrome); ``judge_listing`` decides after it, beside the article
block.  The verdict is a one-line reason, carried as the ``listing-page`` flag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from monitor.text.article_block import own_prose

# The flag of a page that is a listing, not an article (the crawl does not store it).
LISTING_PAGE = "listing-page"

_PAGER_CLASS = re.compile(
    r"pag(?:e|ination|ebar|elist|er|enav|ing|e-numbers|es|e_nav|enavi)\b|fenye|wp-pagenavi|page-nav|pages", re.I
)
_PAGER_TEXT = frozenset(
    (
        "下一页",
        "下页",
        "后页",
        "尾页",
        "末页",
        "上一页",
        "上页",
        "前页",
        "首页",
        "›",
        "»",
        ">",
        "<",
        "‹",
        "«",
        "››",
        "‹‹",
        ">>",
        "<<",
    )
)
_NEXT_PAGE = re.compile(r"^(?:下一页|下页|后页|next|›|»|>|>>|››)\b", re.I)
_PREV_NEXT_ARTICLE = re.compile(r"(?:上一篇|下一篇|上一条|下一条|上篇|下篇)\s*[:：]?")
_ARTICLE_JSON = re.compile(r'"@type"\s*:\s*"(?:NewsArticle|Article|BlogPosting|Report)"')
_DIGITS_TOKEN = re.compile(r"\S*\d\S*")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A list: at least this many links of one shape, to distinct pages, with title-length text.
_MIN_ITEMS = 3
_MIN_LINK_HAN = 4
# Prose outside the list an article body would have (wide characters, outside links).
_ARTICLE_PROSE = 100
# With only this little prose in the article block, the page has no article at all.
_NO_PROSE = 40
_STRUCTURE_DEPTH = 4
_PREV_NEXT = etree.XPath("boolean(descendant::a[@rel='next' or @rel='prev'])")
_META_CONTENT = etree.XPath("descendant::meta[@property='og:type' or @name='og:type']/@content")
_ARTICLE_TITLE = etree.XPath(
    "boolean(descendant::meta[translate(@name, 'ARTICLETITLE', 'articletitle')='articletitle'])"
)
_LD_JSON = etree.XPath("descendant::script[contains(@type, 'ld+json')]/text()")


@dataclass(frozen=True)
class PagerSignals:
    """What the whole page showed before chrome removal: a pager, marks of an article."""

    pager: bool
    article_marks: tuple[str, ...]


def listing_signals(document: etree._Element, url: str | None = None) -> PagerSignals:
    """A pager and the marks of an article (metas, JSON-LD, 上一篇/下一篇), read from the whole page."""
    marks = []
    if any(value.strip().lower() == "article" for value in _META_CONTENT(document)):
        marks.append("og:type article")
    if _ARTICLE_TITLE(document):
        marks.append("ArticleTitle meta")
    if any(_ARTICLE_JSON.search(str(text)) for text in _LD_JSON(document)):
        marks.append("JSON-LD article")
    pager = False
    for anchor in document.iter("a"):
        text = "".join(anchor.itertext()).strip()
        if len(text) <= 8 and _PREV_NEXT_ARTICLE.match(text):
            marks.append("上一篇/下一篇")
            break
    for anchor in document.iter("a"):
        text = "".join(anchor.itertext()).strip()
        if not text or len(text) > 12:
            if _PREV_NEXT_ARTICLE.match(text):
                marks.append("上一篇/下一篇")
                break
            continue
        if text in _PAGER_TEXT or _NEXT_PAGE.match(text) or anchor.get("rel") == "next":
            parent = anchor.getparent()
            zone = " ".join(
                (el.get("class") or "") + " " + (el.get("id") or "")
                for el in (anchor, parent, parent.getparent() if parent is not None else None)
                if el is not None
            )
            if _PAGER_CLASS.search(zone) or text in ("下一页", "下页", "尾页", "末页"):
                pager = True
                break
    return PagerSignals(pager, tuple(dict.fromkeys(marks)))


@dataclass(frozen=True)
class _List:
    """The page's biggest list of links of one shape."""

    links: list[etree._Element]
    container: etree._Element
    items: list[etree._Element]


def judge_listing(root: etree._Element, content: etree._Element, signals: PagerSignals, has_title: bool) -> str | None:
    """Why the page (after chrome removal) is a listing, in one line; None when it reads as an article.

    ``has_title``: cleaning found the title in an element of the page that is
    not a link (an article's own heading).
    """
    if signals.article_marks:
        return None
    content_prose = own_prose(content)
    lists = _lists(root)
    if not lists:
        if signals.pager and not has_title and content_prose < _NO_PROSE:
            return "a listing page: a pager and no article text"
        return None
    page_prose = own_prose(root)
    placed = [(found, _placement(content, found)) for found in lists]
    overlapping = [(found, place) for found, place in placed if place]
    found, place = max(overlapping or placed, key=lambda pair: len(pair[0].links))
    # Prose in no entry of any list (sidebars of teasers are lists too): an article's body is there.
    outside = page_prose - sum(own_prose(item) for item in _outermost([item for each in lists for item in each.items]))
    if outside >= _ARTICLE_PROSE:
        return None  # an article's body stands outside any list
    count = len(found.links)
    pager = ", a pager" if signals.pager else ""
    why = f"a listing page: {count} article links in one list{pager}, {outside} characters of prose outside it"
    if place == _IN_ITEM and count >= 2:
        return why  # the article block is a teaser (or a whole post) of one entry of the list
    if place == _HOLDS and (signals.pager or not has_title) and count >= _MIN_ITEMS:
        return why  # a list inside the article block: only without a title of its own (attachments, a short notice)
    if content_prose < _NO_PROSE and not has_title and (count >= _MIN_ITEMS or signals.pager):
        return why  # no article text anywhere, a list of links
    return None


# Where the article block sits against a list: inside one of its entries (or is the
# list itself), holding it, or elsewhere ("").
_IN_ITEM = "in-item"
_HOLDS = "holds"


def _placement(content: etree._Element, found: _List) -> str:
    if content is found.container:
        return _IN_ITEM
    ancestors = set(content.iterancestors())
    if any(item is content or item in ancestors for item in found.items):
        return _IN_ITEM
    if any(ancestor is content for ancestor in found.container.iterancestors()):
        return _HOLDS
    return ""


def _lists(root: etree._Element) -> list[_List]:
    """Groups of two or more title links sharing one shape (the tags and classes of their ancestors)."""
    groups: dict[tuple[str, ...], list[etree._Element]] = {}
    seen: dict[tuple[str, ...], set[str]] = {}
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        text = "".join(anchor.itertext())
        if len(_HAN.findall(text)) < _MIN_LINK_HAN:
            continue
        key = _shape(anchor)
        if href in seen.setdefault(key, set()):
            continue
        seen[key].add(href)
        groups.setdefault(key, []).append(anchor)
    found = []
    for links in groups.values():
        if len(links) < 2:
            continue
        container = _common_ancestor(links)
        items = list(dict.fromkeys(_item_of(link, container) for link in links))
        # A list has one entry per link (two at most: a thumbnail and a title); links merely
        # sharing a table layout's cells gather in a few big "entries".
        if len(items) >= 2 and 2 * len(items) >= len(links):
            found.append(_List(links, container, items))
    return found


def _outermost(elements: list[etree._Element]) -> list[etree._Element]:
    """The elements none of whose ancestors is among them (each counted once)."""
    chosen = set(elements)
    return [el for el in chosen if not any(ancestor in chosen for ancestor in el.iterancestors())]


def _shape(anchor: etree._Element) -> tuple[str, ...]:
    """Tags and classes (numbered tokens such as ``post-12`` left out) of an anchor's nearest ancestors."""
    shape = []
    element: etree._Element | None = anchor
    for _ in range(_STRUCTURE_DEPTH):
        if element is None:
            break
        classes = _DIGITS_TOKEN.sub("", element.get("class") or "").split()
        shape.append(f"{element.tag}.{'.'.join(sorted(classes))}")
        element = element.getparent()
    return tuple(shape)


def _common_ancestor(elements: list[etree._Element]) -> etree._Element:
    if len(elements) == 1:
        parent = elements[0].getparent()
        return parent if parent is not None else elements[0]
    paths = [list(reversed([element, *element.iterancestors()])) for element in elements]
    common = paths[0][0]
    for level in zip(*paths, strict=False):
        if all(node is level[0] for node in level):
            common = level[0]
        else:
            break
    return common


def _item_of(link: etree._Element, container: etree._Element) -> etree._Element:
    """The child of ``container`` that holds ``link``."""
    element = link
    for ancestor in link.iterancestors():
        if ancestor is container:
            return element
        element = ancestor
    return link
