"""Is a page a listing (a column's list of articles) or an article?

A crawl that does not know a site's article URLs (a ``generic`` source with no
pattern) fetches listing pages too; cleaned as articles they would be stored
as the column's teasers.  A listing shows many links of one shape (the same
tags and classes around them, one per entry) to other pages, each with a
title's worth of text; little connected prose outside those entries; often a
pager (``下一页``, ``›``, ``page-numbers``, a script's ``createPageHTML``); and
no title of its own that is not a link.

An article may have related-link lists, sidebars of latest posts and a very
short body, so the verdict is conservative.  A page is a listing when nothing
marks it an article (``og:type`` article, an ``ArticleTitle`` meta, JSON-LD of
an article, 上一篇/下一篇) and, with no title of its own (``has_title``: a
heading the page's metadata vouches for):

- a pager, and the heading above the article block links to another page
  (a column's last page, one entry left), or the article block has no prose;
- or a list of at least three links whose entries hold nearly all the page's
  prose (less than ``_ARTICLE_PROSE`` characters outside every list's
  entries) and which is or holds the article block;

or, title or not, when the article block the cleaner found is a teaser (or a
whole post) inside one entry of such a list.  Missing a listing costs one
stray page; dropping an article loses news.

``listing_signals`` keeps what chrome removal takes away (pager blocks) and
looks up the pager and the article marks only when a rule asks;
``judge_listing`` decides after chrome removal, beside the article block.
The verdict is a one-line reason; cleaning flags the page ``listing-page``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lxml import etree

from monitor.text.article_block import own_prose
from monitor.text.block_lines import element_text
from monitor.text.labels import labelled_elements

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
# A page number as pagers print it: 2, 页面 2 (WordPress), 第2页; and WordPress's 较新文章/较旧文章.
_PAGE_NUMBER = re.compile(r"^(?:页面|第)?\s*\d{1,4}\s*页?$")
_OLDER_NEWER = re.compile(r"^(?:较新|较旧|更新|更早|更旧|新|旧)的?(?:文章|日志|内容)|^(?:older|newer)\b", re.I)
_SCRIPT_PAGER = re.compile(r"createPageHTML\(|\bcountPage\b")
# A pager written by a script, or records a script pages through: TRS's createPageHTML(countPage, …),
# Hanweb JCMS's jpage() over a <datastore> of <record>s.
_SCRIPT_PAGER_MARKS = ("createPageHTML(", "countPage", "<recordset>", ".jpage(")
_ARROWS = " \t\n←→‹›«»<>"
_MAX_PAGER_TEXT = 12
_MAX_PAGER_LINK = 40
_PREV_NEXT_LABELS = ("上一篇", "下一篇", "上一条", "下一条")
# Strings a page with a pager holds somewhere in its source.
_PAGER_LABELS = ("下一页", "下页", "尾页", "末页", "后页")
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
_ENTRY_TAGS = frozenset(("li", "article", "dd", "dt", "tr"))
# 上一篇/下一篇 (previous and next article) anywhere in the page's text.
_PREV_NEXT = etree.XPath(
    "boolean(descendant::text()[contains(., '上一篇') or contains(., '下一篇') or contains(., '上一条') "
    "or contains(., '下一条')])"
)
# Links with a title's worth of text (four characters past ASCII at least: Han, full-width marks).
_TITLE_LINKS = etree.XPath(
    "descendant::a[@href][string-length(normalize-space()) >= 4]"
    "[string-length(translate(normalize-space(), "
    "' !\"#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~', '')) >= 4]"
)


class PagerSignals:
    """What the page shows besides its lists: a pager, marks of an article; each looked up when first asked.

    Made before chrome removal (which drops pagers and 上一篇/下一篇 boxes): it
    keeps the blocks whose class or id names a pager, and the page's source.
    Most pages are articles with a title of their own, for which the verdict
    needs neither answer, so neither is sought until asked.
    """

    def __init__(
        self,
        document: etree._Element,
        page_text: str | None = None,
        pager_blocks: list[etree._Element] | None = None,
        article_marks: tuple[str, ...] | list[str] = (),
    ) -> None:
        """Signals of ``document``; ``pager_blocks``: its blocks whose class or id names a pager, if found already."""
        if pager_blocks is None:
            pager_blocks = [element for element, class_name, id_name in labelled_elements(document)
                            if _is_pager_block(class_name, id_name)]  # fmt: skip
        self._document = document
        self._text = page_text
        self._marks = tuple(article_marks)
        # Kept now: chrome removal takes them out of the page (they stay readable, detached).
        self._blocks = pager_blocks

    @functools.cached_property
    def pager(self) -> bool:
        """True when the page has a pager: one a script writes, a pager block's links, rel=next or 下一页 links."""
        text = self._text
        if text is not None:
            if any(mark in text for mark in _SCRIPT_PAGER_MARKS):
                return True
        elif any(_SCRIPT_PAGER.search(script.text or "") for script in self._document.iter("script")):
            return True
        links = [anchor for block in self._blocks for anchor in block.iter("a")]
        if any(_is_pager_link(anchor, element_text(anchor).strip()) for anchor in links):
            return True
        # Pagers named in no way we know, still on the page after chrome removal: 下一页, rel=next.
        for anchor in self._document.iter("a"):
            text = anchor.text if not len(anchor) else element_text(anchor)
            if not text or len(text) > _MAX_PAGER_LINK:
                continue
            if (anchor.get("rel") in ("next", "prev") or any(label in text for label in _PAGER_LABELS)) and (
                _is_pager_link(anchor, text.strip())
            ):
                return True
        return False

    @functools.cached_property
    def article_marks(self) -> tuple[str, ...]:
        """Marks only an article carries: the metas' and JSON-LD's (given), 上一篇/下一篇 in the page."""
        text = self._text
        # A substring search of the source costs nothing beside an XPath over every text node (and a 上一篇
        # in a script only errs towards "article").
        found = any(label in text for label in _PREV_NEXT_LABELS) if text is not None else _PREV_NEXT(self._document)
        return (*self._marks, "上一篇/下一篇") if found else self._marks


def listing_signals(
    document: etree._Element,
    page_text: str | None = None,
    pager_blocks: list[etree._Element] | None = None,
    article_marks: tuple[str, ...] | list[str] = (),
) -> PagerSignals:
    """The page's signals, read before chrome removal (see ``PagerSignals``)."""
    return PagerSignals(document, page_text, pager_blocks, article_marks)


def _is_pager_block(class_name: str | None, id_name: str | None) -> bool:
    # Plain substring tests: this runs once per labelled element of every page.
    return bool(
        (class_name and ("pag" in class_name or "Pag" in class_name or "fenye" in class_name))
        or (id_name and ("pag" in id_name or "Pag" in id_name))
    )


def _is_pager_link(anchor: etree._Element, text: str) -> bool:
    """A 下一页/尾页 link, or a ›/»/next link inside a block whose class names a pager."""
    text = text.strip(_ARROWS) or text  # ←上一页, 下一页 »
    if text in ("下一页", "下页", "尾页", "末页"):
        return True
    if "pag" in (anchor.get("class") or "").lower() and len(text) <= _MAX_PAGER_TEXT:
        return True  # wp-block-query-pagination-next, page-numbers, page-link
    pager_text = text in _PAGER_TEXT or _NEXT_PAGE.match(text) or _PAGE_NUMBER.match(text) or _OLDER_NEWER.search(text)
    if not pager_text and anchor.get("rel") not in ("next", "prev"):
        return False
    parent = anchor.getparent()
    zone = " ".join(
        (el.get("class") or "") + " " + (el.get("id") or "")
        for el in (anchor, parent, parent.getparent() if parent is not None else None)
        if el is not None
    )
    return _PAGER_CLASS.search(zone) is not None


@dataclass(frozen=True)
class _List:
    """The page's biggest list of links of one shape."""

    links: list[etree._Element]
    container: etree._Element
    items: list[etree._Element]


def judge_listing(
    root: etree._Element, content: etree._Element, signals: PagerSignals, has_title: bool, entry_heading: bool = False
) -> str | None:
    """Why the page (after chrome removal) is a listing, in one line; None when it reads as an article.

    ``has_title``: cleaning found the title in an element of the page that is
    not a link (an article's own heading).  ``entry_heading``: the heading
    nearest above the article block is a link to another page (a list entry's).
    """
    content_prose = own_prose(content)
    # Cheap questions first: most pages are articles with a title of their own and a body.
    if not has_title and ((entry_heading and signals.pager) or (content_prose < _NO_PROSE and signals.pager)):
        if signals.article_marks:
            return None
        if entry_heading:
            # The last page of a column, with one entry left: its title links to the article, a pager below.
            return "a listing page: one entry under a linked title, a pager"
        return "a listing page: a pager and no article text"
    # Finding every list costs a walk over all links: first a look whether any rule could hold.
    maybe_in_item = _in_repeated_entry(content)
    maybe_holds = not has_title and _has_title_links(content, _MIN_ITEMS)
    if has_title and content_prose >= _NO_PROSE and not (maybe_in_item or maybe_holds):
        return None
    lists = _lists(root)
    if not lists:
        return None
    placed = [(found, _placement(content, found)) for found in lists]
    overlapping = [(found, place) for found, place in placed if place]
    found, place = max(overlapping or placed, key=lambda pair: len(pair[0].links))
    count = len(found.links)
    verdicts = (
        (place == _IN_ITEM and count >= 2, "the article block is a teaser (or a whole post) of one entry of the list"),
        # A list inside the article block: only without a title of its own (attachments, a short notice).
        (
            place == _HOLDS and count >= _MIN_ITEMS and not has_title,
            "the list is the article block",
        ),
        (
            count >= _MIN_ITEMS and not has_title and (content_prose < _NO_PROSE or signals.pager),
            "no title of its own",
        ),
        (content_prose < _NO_PROSE and count >= _MIN_ITEMS and signals.pager, "no article text, a pager"),
    )
    reasons = [reason for holds, reason in verdicts if holds]
    if not reasons or signals.article_marks:
        return None
    # Prose in no entry of any list (sidebars of teasers are lists too): an article's body is there.
    items = _outermost([item for each in lists for item in each.items])
    outside = own_prose(root) - sum(own_prose(item) for item in items)
    if outside >= _ARTICLE_PROSE:
        return None  # an article's body stands outside any list
    pager = ", a pager" if signals.pager else ""
    return f"a listing page: {count} links in one list{pager}, {outside} characters of prose outside it; {reasons[0]}"


def _has_title_links(element: etree._Element, count: int) -> bool:
    """True when ``element`` holds at least ``count`` links with a title's worth of text."""
    found = 0
    for anchor in element.iter("a"):
        text = anchor.text if not len(anchor) else element_text(anchor)
        # Four characters past ASCII (Han, full-width marks): counted by the UTF-8 length, at C speed.
        if text and len(text.encode("utf-8", "replace")) - len(text) >= 2 * _MIN_LINK_HAN:
            found += 1
            if found >= count:
                return True
    return False


def _in_repeated_entry(content: etree._Element) -> bool:
    """True when the article block or one of its nearest ancestors has a sibling of its own tag and class."""
    element: etree._Element | None = content
    for _ in range(_STRUCTURE_DEPTH + 1):
        if element is None:
            return False
        parent = element.getparent()
        kind = element.get("class")
        # A list's entries are alike: a classed block, or an item (li, article, dd, tr); bare divs are layout.
        alike = parent is not None and element.tag != "body" and (kind or element.tag in _ENTRY_TAGS)
        if alike and sum(1 for sibling in parent.iterchildren(element.tag) if sibling.get("class") == kind) >= 2:
            return True
        element = parent
    return False


# Where the article block sits against a list: inside one of its entries, holding it
# (or being the list itself), or elsewhere ("").
_IN_ITEM = "in-item"
_HOLDS = "holds"


def _placement(content: etree._Element, found: _List) -> str:
    if content is found.container:
        return _HOLDS
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
    shapes: dict[etree._Element, tuple[str, ...]] = {}
    for anchor in _TITLE_LINKS(root):
        href = (anchor.get("href") or "").strip()
        if href.startswith(("#", "javascript:", "mailto:")):
            continue
        key = _shape(anchor, shapes)
        if href in seen.setdefault(key, set()):
            continue
        seen[key].add(href)
        groups.setdefault(key, []).append(anchor)
    found = []
    for links in groups.values():
        if len(links) >= 2:
            found += _split_lists(links)
    return found


def _split_lists(links: list[etree._Element]) -> list[_List]:
    """One shape's links as lists: all together, else split by a common ancestor (a page's list and a sidebar's)."""
    for depth in (0, 5, 4, 3, 2):
        parts = [links] if depth == 0 else _by_ancestor(links, depth)
        made = [made for part in parts if len(part) >= 2 and (made := _as_list(part)) is not None]
        if made:
            return made
    return []


def _by_ancestor(links: list[etree._Element], depth: int) -> list[list[etree._Element]]:
    parts: dict[etree._Element | None, list[etree._Element]] = {}
    for link in links:
        ancestor: etree._Element | None = link
        for _ in range(depth):
            ancestor = ancestor.getparent() if ancestor is not None else None
        parts.setdefault(ancestor, []).append(link)
    return list(parts.values())


def _as_list(links: list[etree._Element]) -> _List | None:
    container = _common_ancestor(links)
    items = list(dict.fromkeys(_item_of(link, container) for link in links))
    # A list has one entry per link (two at most: a thumbnail and a title); links merely
    # sharing a table layout's cells gather in a few big "entries".
    if len(items) >= 2 and 2 * len(items) >= len(links):
        return _List(links, container, items)
    return None


def _outermost(elements: list[etree._Element]) -> list[etree._Element]:
    """The elements none of whose ancestors is among them (each counted once)."""
    chosen = set(elements)
    return [el for el in chosen if not any(ancestor in chosen for ancestor in el.iterancestors())]


def _shape(element: etree._Element, shapes: dict[etree._Element, tuple[str, ...]]) -> tuple[str, ...]:
    """Tags and classes (numbered tokens such as ``post-12`` left out) of an element and its nearest ancestors."""
    known = shapes.get(element)
    if known is not None:
        return known
    classes = _DIGITS_TOKEN.sub("", element.get("class") or "").split()
    own = f"{element.tag}.{'.'.join(sorted(classes))}"
    parent = element.getparent()
    shape = (own,) if parent is None else (own, *_shape(parent, shapes)[: _STRUCTURE_DEPTH - 1])
    shapes[element] = shape
    return shape


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
