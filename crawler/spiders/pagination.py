"""The further listing pages a listing page links to, however its CMS writes its pager.

Every spider asks ``read_pager`` for the pages after the one it read.  The
pagers of the CMSes our sources run say "next" in many ways:

- ``rel="next"`` on an ``<a>`` or on a ``<link>`` in the head (WordPress,
  WP-PageNavi's ``nextpostslink``);
- a word or a glyph: DedeCMS's ``<ul class="pagelist">`` and PHPCMS's
  ``<div id="pages">`` write 下一页, PbootCMS's ``<span class="page-next">``
  writes 后一页, Z-BlogPHP's ``<div class="pagebar">`` writes ``›`` (and
  ``››`` for the last page), WP-PageNavi ``»``, others ``>``, ``>>`` or ``＞``;
- a class: WordPress's ``<a class="next page-numbers">``, ``page-next``,
  ``nextpostslink``, Bootstrap's ``<li class="next">``;
- only in a script: TRS WCM's government pagers call
  ``createPageHTML(count, current, "index", "html")`` and the pages are
  ``index.html``, ``index_1.html``, ``index_2.html`` …;
- in a data island: Hanweb JCMS's ``<nextgroup>`` (``crawler.spiders.islands``);
- only by their addresses: the listing's own URL with its page number
  advanced (``list_3_1.html`` → ``list_3_2.html``, ``index.html`` →
  ``index_1.html``, ``?cate=1`` → ``?cate=1&page=2``, ``/page/2/``).

The next page is what a crawl wants: it stops at the first listing page with
nothing new, so the pages after it are never fetched.  When a page names no
next page, the numbered and last-page links of its pager are the fallback
(a crawl fetches each once).  Links backwards (上一页, 首页, ``‹``, ``«``)
are never followed, but they are pager links all the same: ``Pager.links``
holds every link of the pager, which is never an article.

Pure: the parsed page and its URL in, URLs out; same host only.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree
from parsel import Selector
from w3lib.url import canonicalize_url

# Labels of a link, normalised (NFKC, no blanks, case folded), by what they mean.
_NEXT_GLYPHS = frozenset({"›", "»", ">", ">>", "→", "下一页>", "next>"})
_LAST_GLYPHS = frozenset({"››", "»»", ">>|", ">|", "»|", "›|"})
_BACK_GLYPHS = frozenset({"‹", "«", "<", "<<", "←", "‹‹", "««", "|<", "|<<", "|‹"})
_GLYPHS = "<>‹›«»←→|[]【】()"
_NEXT_WORDS = frozenset(
    {
        "下一页",
        "下页",
        "后页",
        "后一页",
        "下一頁",
        "下頁",
        "後頁",
        "後一頁",
        "next",
        "nextpage",
        "olderposts",
        "olderentries",
        "较早文章",
        "更早的文章",
        "早期文章",
    }
)
_LAST_WORDS = frozenset({"尾页", "末页", "最后一页", "最后页", "尾頁", "末頁", "最後一頁", "last", "lastpage", "最后"})
_BACK_WORDS = frozenset(
    {
        "上一页",
        "上页",
        "前页",
        "前一页",
        "上一頁",
        "上頁",
        "前頁",
        "首页",
        "首頁",
        "第一页",
        "prev",
        "previous",
        "previouspage",
        "first",
        "firstpage",
        "newerposts",
        "newerentries",
        "较新文章",
    }
)
# Class names (of the link, or of the one-link element around it) that say the same.
_NEXT_CLASSES = frozenset(
    {
        "next",
        "page-next",
        "next-page",
        "nextpage",
        "nextpostslink",
        "pager-next",
        "pagination-next",
        "wp-block-query-pagination-next",
        "nav-next-page",
    }
)
_LAST_CLASSES = frozenset({"last", "page-last", "last-page", "lastpage"})
_BACK_CLASSES = frozenset(
    {
        "prev",
        "previous",
        "page-pre",
        "page-prev",
        "prev-page",
        "previouspostslink",
        "pager-prev",
        "pagination-prev",
        "wp-block-query-pagination-previous",
        "first",
        "page-index",
        "page-first",
        "first-page",
    }
)
# Class or id names of the element holding a pager (when the site type declares none).
_PAGER_NAMES = re.compile(
    r"^(?:page|pages|pagebar|page-?bar|pagelist|page-?list|pagination|pagination-\w+|pager|paging|paginator|"
    r"page-?nav|pagenavi|wp-pagenavi|page-numbers|nav-links|epages|dede_pages|fenye|fy|page-?box|page-?div|"
    r"page_?div|turn-?page|page-?turn)$",
    re.IGNORECASE,
)
# A block with more links than this is the page, not its pager (Z-BlogPHP's "divPage" wraps everything).
_MAX_PAGER_LINKS = 40
_NUMBERED = re.compile(r"^\[?(\d{1,5})\]?$")
# Class names marking the current page's number in a pager.
_CURRENT_CLASS = re.compile(r"current|active|now|thisclass|\bon\b|\bcur\b|selected", re.IGNORECASE)

# Query parameters that carry a page number (not ``p``: WordPress's post id).
_PAGE_PARAMETERS = frozenset(
    {
        "page",
        "paged",
        "pg",
        "pn",
        "pageno",
        "page_no",
        "pagenum",
        "pagenumber",
        "pageindex",
        "page_index",
        "pageid",
        "curpage",
        "currentpage",
        "cp",
        "pi",
    }
)
# File names whose one number is a page number (``index_1``, ``list_2``, ``page_3``).
_PAGE_WORDS = frozenset({"index", "list", "page", "default", "more", "lists", "p"})
# TRS WCM's script pager, with or without the id of the element it draws in.
_CREATE_PAGE = re.compile(r"createPageHTML\s*\(([^)]*)\)")
_COUNT_PAGE = re.compile(r"\bcountPage\s*=\s*['\"]?(\d+)")
_CURRENT_PAGE = re.compile(r"\bcurrentPage\s*=\s*['\"]?(\d+)")


@dataclass(frozen=True)
class Pager:
    """What a listing page's pager says: the pages to follow next, and every link the pager holds.

    ``next`` are absolute URLs in page order (usually one); ``links`` are the
    canonical forms (``w3lib.url.canonicalize_url``) of every pagination link
    of the page, backwards ones included, and of the page itself.
    """

    next: list[str]
    links: frozenset[str] = field(default_factory=frozenset)

    def holds(self, url: str) -> bool:
        """Whether ``url`` is one of the pager's links (or the page itself)."""
        return canonicalize_url(url) in self.links


def read_pager(page: Selector, url: str, block_css: str = "") -> Pager:
    """The further listing pages ``page`` (a listing at ``url``) links to, and all its pager links.

    ``block_css`` is the site type's ``pagination_css``: the element holding
    its pager (empty: the pager is found by the rules every page gets).
    """
    base = _base_url(page, url)
    host = _host(url)
    here = canonicalize_url(url)
    anchors = list(page.root.iter("a")) if _is_element(page.root) else []
    links = [link for link in (_Link.of(anchor, base) for anchor in anchors) if _host(link.url) == host]
    blocks = _pager_blocks(page, block_css, links)
    in_blocks = {anchor for block in blocks for anchor in block.iter("a")}
    # A glyph or a bare number says "page" only inside a pager; rel, words and classes say it anywhere.
    marked = [link for link in links if (link.kind and link.strong) or link.element in in_blocks]
    next_urls = [link.url for link in marked if link.kind == "next"]
    next_urls += [u for u in _head_next(page, base) if _host(u) == host]
    next_urls += [u for u in _script_next(page, url) if _host(u) == host]
    sequels = _sequels(url)
    in_sequence = [link.url for link in links if canonicalize_url(link.url) in sequels]
    if not next_urls:
        # Only when nothing names the next page: an address alone is a weaker sign (/news/ lists /news/2.html).
        next_urls = in_sequence
    if not next_urls:
        # No next page named: the pager's last page and its numbered pages after the current one.
        current = _current_number(blocks)
        next_urls = [
            link.url
            for link in marked
            if link.kind == "last" or (link.kind == "numbered" and _number(link.element) > current)
        ]
    pager_links = {canonicalize_url(link.url) for link in marked} | {canonicalize_url(u) for u in next_urls} | {here}
    followed = _unique(u for u in next_urls if canonicalize_url(u) != here)
    return Pager(followed, frozenset(pager_links))


def next_pages(page: Selector, url: str, block_css: str = "") -> list[str]:
    """The further listing pages to follow from listing page ``page`` at ``url`` (see ``read_pager``)."""
    return read_pager(page, url, block_css).next


# --- the links of a page --------------------------------------------------------------


@dataclass(frozen=True)
class _Link:
    """An ``<a>`` of the page: its absolute URL and what its rel, label or class says it is.

    ``kind`` is "next", "last", "back", "numbered" or "" (nothing a pager
    would say); ``strong`` when a rel, a word or a class says it (trusted
    anywhere on the page), not a glyph or a bare number (trusted in a pager).
    """

    element: etree._Element
    url: str
    kind: str
    strong: bool

    @classmethod
    def of(cls, anchor: etree._Element, base: str) -> _Link:
        href = (anchor.get("href") or "").strip()
        url = urljoin(base, href).split("#", 1)[0] if href else ""
        if urlsplit(url).scheme not in ("http", "https"):
            url = ""  # javascript:;, mailto: — a disabled button or no page at all
        kind, strong = _kind(anchor)
        return cls(anchor, url, kind, strong)


def _kind(anchor: etree._Element) -> tuple[str, bool]:
    rel = {token.lower() for token in (anchor.get("rel") or "").split()}
    parent = anchor.getparent()
    if "next" in rel or (parent is not None and parent.tag == "nextgroup"):
        return "next", True  # (Hanweb's data island links its next records from <nextgroup>)
    if rel & {"prev", "previous", "first"}:
        return "back", True
    label = _label(anchor)
    bare = label.strip(_GLYPHS)
    for kind, words in (("next", _NEXT_WORDS), ("last", _LAST_WORDS), ("back", _BACK_WORDS)):
        if bare in words:
            return kind, True
    classes = _classes_around(anchor)
    for kind, names in (("next", _NEXT_CLASSES), ("back", _BACK_CLASSES), ("last", _LAST_CLASSES)):
        if classes & names:
            return kind, True
    for kind, glyphs in (("next", _NEXT_GLYPHS), ("last", _LAST_GLYPHS), ("back", _BACK_GLYPHS)):
        if label in glyphs:
            return kind, False
    if _NUMBERED.match(label):
        return "numbered", False
    return "", False


def _label(anchor: etree._Element) -> str:
    """The link's text, else its title, aria-label or image alt: NFKC, without blanks, case folded."""
    text = "".join(anchor.itertext())
    if not text.strip():
        images = [image.get("alt") or "" for image in anchor.iter("img")]
        text = anchor.get("title") or anchor.get("aria-label") or " ".join(images)
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _classes_around(anchor: etree._Element) -> set[str]:
    """The class names of the link and of the elements around it that hold no other link (two levels)."""
    found = set(_tokens(anchor.get("class")))
    parent = anchor.getparent()
    for _ in range(2):
        if parent is None or _count_links(parent, 2) > 1:
            break
        found |= set(_tokens(parent.get("class")))
        parent = parent.getparent()
    return {name.lower() for name in found}


def _tokens(value: str | None) -> list[str]:
    return (value or "").split()


def _pager_blocks(page: Selector, block_css: str, links: list[_Link]) -> list[etree._Element]:
    """The page's pager blocks.

    The declared block (``block_css``) when the page has it.  Else elements
    named like a pager (``pagebar``, ``pagelist``, ``pagination``, ``epages`` …)
    when at least half their links say what a pager's do (a number, a glyph,
    a word): a layout block called ``page`` that holds the list is no pager.
    And, around a link worded like a pager's (下一页, 首页, Next) outside
    those, the nearest element whose links are three quarters a pager's: the
    pager, not the column that holds the list and the pager.
    """
    if block_css:
        declared = [selected.root for selected in page.css(block_css) if _is_element(selected.root)]
        if declared:
            return declared
    if not _is_element(page.root):
        return []
    pagerish = {link.element for link in links if link.kind} | {
        anchor for anchor in page.root.iter("a") if not anchor.get("href") and _kind(anchor)[0]
    }
    blocks: list[etree._Element] = []
    for element in page.root.iter():
        if isinstance(element.tag, str):
            names = [*_tokens(element.get("class")), *_tokens(element.get("id"))]
            if any(_PAGER_NAMES.match(name) for name in names) and _mostly(element, pagerish, 0.5):
                blocks.append(element)
    inside = {anchor for block in blocks for anchor in block.iter("a")}
    for link in links:
        if link.strong and link.kind in ("next", "back", "last") and link.element not in inside:
            # The nearest element around the link that is (nearly) all pager: not the column holding the list too.
            ancestors = itertools.islice(link.element.iterancestors(), 3)
            around = next((element for element in ancestors if _mostly(element, pagerish, 0.75)), None)
            if around is not None:
                blocks.append(around)
                inside.update(around.iter("a"))
    return blocks


def _current_number(blocks: list[etree._Element]) -> int:
    """The number of the page a pager marks as the current one (0 when it marks none).

    The number no link leads to (DedeCMS's ``<li class="thisclass">``, PHPCMS's
    ``<span>``, EmpireCMS's ``<b>``, Z-BlogPHP's ``now-page``, WordPress's
    ``aria-current``), or a link marked current (PbootCMS's ``page-num-current``).
    """
    for block in blocks:
        for element in block.iter():
            if not isinstance(element.tag, str) or not _NUMBERED.match(_label(element)):
                continue
            linked = element.tag == "a" or any(a.tag == "a" for a in element.iterancestors())
            marked = bool(_CURRENT_CLASS.search(element.get("class") or "")) or element.get("aria-current") is not None
            if (linked and marked) or (not linked and not any(True for _ in element.iter("a"))):
                return _number(element)
    return 0


def _number(element: etree._Element) -> int:
    found = _NUMBERED.match(_label(element))
    return int(found.group(1)) if found else 0


def _mostly(block: etree._Element, pagerish: set[etree._Element], share: float) -> bool:
    """Whether ``block`` holds a few links (at most ``_MAX_PAGER_LINKS``), at least ``share`` of them a pager's."""
    anchors = list(itertools.islice(block.iter("a"), _MAX_PAGER_LINKS + 1))
    if not anchors or len(anchors) > _MAX_PAGER_LINKS:
        return False
    return sum(1 for anchor in anchors if anchor in pagerish) >= share * len(anchors)


def _count_links(element: etree._Element, most: int = _MAX_PAGER_LINKS + 1) -> int:
    """How many links ``element`` holds, counted up to ``most`` (a whole page's are not worth counting)."""
    return sum(1 for _ in itertools.islice(element.iter("a"), most))


def _head_next(page: Selector, base: str) -> list[str]:
    """``<link rel="next" href>`` in the head."""
    found = []
    for link in page.xpath("//link[@href]"):
        rel = {token.lower() for token in (link.attrib.get("rel") or "").split()}
        if "next" in rel:
            found.append(urljoin(base, link.attrib["href"].strip()).split("#", 1)[0])
    return found


def _script_next(page: Selector, url: str) -> list[str]:
    """The next page of a TRS-style script pager (``createPageHTML`` or ``countPage``/``currentPage``)."""
    for script in page.xpath("//script/text()").getall():
        call = _CREATE_PAGE.search(script)
        if call is not None:
            found = _create_page_next(call.group(1), url)
            if found:
                return [found]
        count, current = _COUNT_PAGE.search(script), _CURRENT_PAGE.search(script)
        if count is not None and current is not None:
            name, extension = _file_name_parts(url)
            return _trs_page(url, int(count.group(1)), int(current.group(1)), name, extension)
    return []


def _create_page_next(arguments: str, url: str) -> str:
    """``createPageHTML([element,] count, current, name, extension[, rows])``: the page after ``current``."""
    values = [value.strip().strip("'\"") for value in arguments.split(",")]
    numbers = [i for i, value in enumerate(values) if value.isdigit()]
    if len(numbers) < 2:
        return ""
    count, current = int(values[numbers[0]]), int(values[numbers[1]])
    words = [value for value in values[numbers[1] + 1 :] if value and not value.isdigit()]
    name, extension = (words[0], words[1]) if len(words) >= 2 else _file_name_parts(url)
    pages = _trs_page(url, count, current, name, extension)
    return pages[0] if pages else ""


def _trs_page(url: str, count: int, current: int, name: str, extension: str) -> list[str]:
    """TRS numbers pages from 0: page 0 is ``index.html``, page N is ``index_N.html``."""
    if current + 1 >= count or not name:
        return []
    return [urljoin(url, f"{name}_{current + 1}.{extension or 'html'}")]


def _file_name_parts(url: str) -> tuple[str, str]:
    """``("index", "html")`` of ``…/index_3.html``; ``("index", "html")`` of a directory URL."""
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    if not last:
        return "index", "html"
    stem, _, extension = last.partition(".")
    return re.sub(r"_\d+$", "", stem), extension or "html"


# --- the listing's own URL, its page number advanced ----------------------------------


def _sequels(url: str) -> set[str]:
    """Canonical forms of the URLs that would be the page after ``url`` in the usual numbering schemes."""
    parts = urlsplit(url)
    found: set[str] = set()
    query = parse_qsl(parts.query, keep_blank_values=True)
    if parts.query and "=" in parts.query:
        found |= {urlunsplit(parts._replace(query=q)) for q in _query_sequels(query)}
    elif parts.query:
        # A path in the query (PbootCMS: ``/?news/``, ``/?news_2/``).
        found |= {urlunsplit(parts._replace(query=q)) for q in _path_sequels(parts.query)}
    if not any(name.lower() in _PAGE_PARAMETERS for name, _ in query):
        found |= {urlunsplit(parts._replace(path=p)) for p in _path_sequels(parts.path)}
    return {canonicalize_url(u) for u in found}


def _query_sequels(query: list[tuple[str, str]]) -> Iterator[str]:
    numbered = False
    for i, (name, value) in enumerate(query):
        if name.lower() in _PAGE_PARAMETERS and value.isdigit():
            numbered = True
            yield urlencode([*query[:i], (name, str(int(value) + 1)), *query[i + 1 :]])
    if not numbered:
        for name in ("page", "paged", "pageNo", "pageno", "pn", "pageIndex", "pagenum", "curpage", "pg"):
            for number in ("2", "1"):
                yield urlencode([*query, (name, number)])


def _path_sequels(path: str) -> Iterator[str]:
    """Paths of the page after ``path``: its last page number advanced, else a page 2 (or 1) added."""
    directory, _, last = path.rpartition("/")
    paged = re.search(r"/page/(\d+)/?$", path)
    if paged is not None:
        yield path[: paged.start(1)] + str(int(paged.group(1)) + 1) + path[paged.end(1) :]
        return
    if not last:
        # A directory: its page 2 in the schemes of WordPress, TRS, EmpireCMS, PHPCMS and PbootCMS.
        for tail in ("page/2/", "page/2", "index_1.html", "index_2.html", "index_1.htm", "index_2.htm"):
            yield f"{path}{tail}"
        parent, _, name = directory.rpartition("/")
        numbered = re.fullmatch(r"(.*?[_-])(\d{1,4})", name)
        if numbered is not None:
            yield f"{parent}/{numbered.group(1)}{int(numbered.group(2)) + 1}/"
        elif name:
            yield f"{directory}_2/"
        return
    stem, dot, extension = last.partition(".")
    tail = f"{dot}{extension}"
    numbered = re.fullmatch(r"(.*?)([_-])(\d{1,5})", stem)
    if stem.isdigit() and int(stem) < 1000:
        yield f"{directory}/{int(stem) + 1}{tail}"  # PHPCMS: /html/news/2.html
    elif numbered is not None and _is_page_slot(numbered.group(1), path):
        yield f"{directory}/{numbered.group(1)}{numbered.group(2)}{int(numbered.group(3)) + 1}{tail}"
    else:
        for number in ("1", "2"):
            yield f"{directory}/{stem}_{number}{tail}"
        yield f"{directory}/{stem}-2{tail}"
        if path.endswith(("/index.html", "/index.htm", "/index.shtml")):
            yield f"{directory}/page/2/"
        if not extension:
            yield f"{path}/page/2/"


def _is_page_slot(before: str, path: str) -> bool:
    """Whether the number after ``before`` in a file name is a page number, not an id.

    ``list_3_1`` (two numbers: the last is the page), ``index_1``, ``page_2``;
    not ``node_123`` (the number names the column).
    """
    if re.search(r"\d$", before):
        return True
    word = re.split(r"[/_-]", before)[-1].lower()
    return word in _PAGE_WORDS


# --- small helpers -----------------------------------------------------------------


def _base_url(page: Selector, url: str) -> str:
    base = page.xpath("//base/@href").get()
    return urljoin(url, base.strip()) if base else url


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower()}:{parts.port or ''}"


def _is_element(node: object) -> bool:
    return isinstance(node, etree._Element) and isinstance(node.tag, str)


def _unique(urls: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for url in urls:
        key = canonicalize_url(url)
        if key not in seen:
            seen.add(key)
            kept.append(url)
    return kept
