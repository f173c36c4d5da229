"""What a page says about itself before chrome removal: title candidates, the site's names, dates, 来源.

Read from the whole parsed page, because chrome removal takes away much of it:
WordPress prints the date in the entry *footer*, JSON-LD sits in a script, the
site's name is in the header's logo and the footer's copyright line, the
column's name in the breadcrumb and the nav.  What is read here:

- the ``<meta>`` tags Chinese government sites must carry (``ArticleTitle``,
  ``PubDate``, ``ContentSource``, ``SiteName``, ``ColumnName``) and the common
  ones (``og:title``, ``og:site_name``, ``article:published_time`` …);
- JSON-LD ``datePublished`` and ``headline``;
- ``<time datetime>`` outside comments and sidebars;
- the site type's declared ``title_xpath``, ``date_xpath`` and ``source_xpath``;
- the headings a title may be (``h1``–``h3`` and elements with title-like
  classes), each with its own text apart from a date printed inside it;
- the names a title must never be: the site's (metas, the logo's ``alt``,
  links to the home page) and the columns' (metas, breadcrumb and nav links,
  links to a directory above the page).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, lru_cache
from urllib.parse import urljoin, urlsplit

from lxml import etree

from monitor.sites import SiteType
from monitor.text.block_lines import SPACES, element_text
from monitor.text.byline import parse_machine_date, source_name
from monitor.text.labels import FOOTER, LOGO, PAGER, TITLE, Labels
from monitor.text.page_walk import PageElements, walk_page

# Where a date comes from, most trustworthy first.  Lower ranks win; a date of a
# lower-ranked kind only lends its time of day to a winner without one.
DECLARED = 0  # the site type's date_xpath
MACHINE = 1  # PubDate / article:published_time / JSON-LD datePublished
TIME_ELEMENT = 2  # <time datetime> in the article
META_LINE = 3  # the printed date line near the title
URL_DATE = 4  # t20210826_, /2021/08/26/ in the article's URL
LISTED = 5  # the feed item's pubDate
RELATIVE = 6  # 3天前, 9个月前 (09-24)

_DATE_METAS = frozenset(
    (
        "pubdate",
        "publishdate",
        "publish_date",
        "publishtime",
        "publish-date",
        "firstpublishedtime",
        "article:published_time",
        "og:published_time",
        "og:release_date",
        "datepublished",
        "ptime",
        "weibo:article:create_at",
        "dc.date.issued",
    )
)
_SITE_NAME_METAS = frozenset(
    ("sitename", "og:site_name", "site_name", "application-name", "apple-mobile-web-app-title")
)
_COLUMN_NAME_METAS = frozenset(("columnname", "column", "catalogname", "category", "article:section"))
_SOURCE_METAS = frozenset(("contentsource", "source", "article:source", "og:source"))
_AUTHOR_METAS = frozenset(("author", "article:author"))
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WHITESPACE = re.compile(r"[\s\u3000\xa0]+")
# Chrome zones: a <time> inside them dates a comment or another post, not the article.
_OTHER_POSTS = re.compile(r"comment|widget|sidebar|side|recent|latest|related|hot|recommend|respond|reply", re.I)
_PUBLISHED_MARK = re.compile(r"publish|entry-date|post-date|pubdate|posted-on|date-published", re.I)
_DATE_CHILD = re.compile(r"date|time|meta|info|author|view|count|source|hits|label|badge|original|icon", re.I)
# Badges a heading may carry beside the title.
_BADGES = frozenset(("原创", "转载", "置顶", "推荐", "头条", "热", "新", "图", "视频", "独家"))
_HAS_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/年.]\s*\d{1,2}|(?<!\d)\d{1,4}\s*(?:秒|分钟|小时|天|周|个月|年)前|刚刚")
# A child this long inside a heading is part of the title, not a date printed beside it.
_MAX_ASIDE = 60
_MAX_NAME = 40
# A breadcrumb or menu entry longer than this is an article's title, not a column's name.
_MAX_MENU_NAME = 10
# Slashes in a column's path (/a/zsdt/): deeper directories are articles' (WordPress's /2021/08/26/slug/).
_MAX_COLUMN_DEPTH = 3
_MAX_TITLE = 160
_MAX_JSON_LD = 200_000
_MAX_FOOTER_TEXT = 20_000

_ARTICLE_TYPES = frozenset(("NewsArticle", "Article", "BlogPosting", "Report", "ReportageNewsArticle"))
# Where a short link names a column or the site: menus, breadcrumbs, headers, logos.
_MENU = re.compile(r"nav|menu|crumb|bread|position|location|place|logo|brand|top|head|site-?title|site-?name", re.I)
_MENU_DEPTH = 6
# Separators between the parts of a <title> (as headline reads them).
# Characters urllib drops from a URL before splitting it.
_DROPPED_BY_URLLIB = re.compile(r"[\t\r\n]")
_TITLE_PIECES = re.compile(r"\s*(?:_+|\||｜|——|—|–|·|::|»|-{1,2})\s*")


@dataclass(frozen=True)
class DateClue:
    """A publication date one part of the page gives, with the rank of that part (``DECLARED`` … ``RELATIVE``)."""

    rank: int
    moment: datetime
    has_time: bool


@dataclass
class Heading:
    """An element that may hold the article's title.

    ``text`` is its own title text (a date printed inside it left out, in
    ``aside``); ``linked``: its text is a link to another page (a list item, a logo).
    """

    element: etree._Element
    text: str
    aside: str = ""
    tag: str = ""
    classed: bool = False
    linked: bool = False
    # What ``key`` gave, once asked (functools.cached_property takes a lock on each first read in
    # Python 3.11, for every heading of every page).
    _key: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def key(self) -> str:
        """Its text as titles and names are compared (``norm``), worked out once."""
        if self._key is None:
            self._key = norm(self.text)
        return self._key


@dataclass
class PageMeta:
    """What the whole page says about the article, read before chrome removal."""

    article_title: str | None = None
    page_titles: list[str] = field(default_factory=list)
    declared_title: Heading | None = None
    headings: list[Heading] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    # The footers (elements, read when first needed: they stay readable after chrome removal).
    footers: list[etree._Element] = field(default_factory=list)
    # Blocks whose class or id names a pager (for page_kind: chrome removal takes them away).
    pager_blocks: list[etree._Element] = field(default_factory=list)
    dates: list[DateClue] = field(default_factory=list)
    source: str | None = None
    author: str | None = None
    # The page's elements with a class or id and what their names say (read once, for chrome removal too).
    labels: Labels = field(default_factory=lambda: Labels([], []))
    # Marks only an article page carries: og:type article, an ArticleTitle meta, JSON-LD of an article.
    article_marks: list[str] = field(default_factory=list)


def footer_text(meta: PageMeta) -> str:
    """The text of the page's footers, where a site prints its own name (``版权所有 © 招商资讯网``)."""
    return " ".join(clean_space(element_text(el)) for el in _outermost(meta.footers))[:_MAX_FOOTER_TEXT]


def norm(text: str) -> str:
    """A text as titles and names are compared: NFKC, no whitespace."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))


def clean_space(text: str) -> str:
    """Runs of whitespace as one space, none at either end."""
    return _WHITESPACE.sub(" ", text).strip(SPACES + "\n")


def read_page_meta(
    document: etree._Element,
    metas: list[tuple[str, str]],
    site: SiteType,
    url: str | None,
    elements: PageElements | None = None,
) -> PageMeta:
    """Everything the page says about its title, names, dates and 来源, from the whole parsed page.

    ``elements``: the page's ``walk_page``, when walked already.
    """
    elements = elements if elements is not None else walk_page(document)
    meta = PageMeta()
    _read_metas(meta, metas)
    title = document.find("head/title")
    if title is None:
        titles = elements.tagged("title")
        title = titles[0] if titles else None
    if title is not None:
        meta.page_titles.append(clean_space(element_text(title)))
    meta.page_titles = [title for title in meta.page_titles if title]
    _read_json_ld(meta, elements.tagged("script"))
    _read_time_elements(meta, elements.tagged("time"))
    _read_declared(meta, document, site)
    # One pass over the class and id names serves the headings, the names, page_kind's pager and chrome removal.
    meta.labels = elements.labels
    meta.headings = _headings(elements.headings, meta.labels, url)
    _read_names(meta, elements, meta.labels, url)
    return meta


def _read_metas(meta: PageMeta, metas: list[tuple[str, str]]) -> None:
    for name, content in metas:
        value = clean_space(content)
        if not value:
            continue
        if name == "articletitle" and meta.article_title is None:
            meta.article_title = value
            meta.article_marks.append("ArticleTitle meta")
        elif name == "og:type" and value.lower() == "article":
            meta.article_marks.append("og:type article")
        elif name in ("og:title", "twitter:title"):
            meta.page_titles.append(value)
        elif name in _DATE_METAS:
            _add_date(meta, MACHINE, value)
        elif name in _SITE_NAME_METAS or name in _COLUMN_NAME_METAS:
            if len(value) <= _MAX_NAME:
                meta.names.add(norm(value))
        elif name in _SOURCE_METAS and meta.source is None and _HAN.search(value):
            meta.source = source_name(value)
        elif name in _AUTHOR_METAS and meta.author is None and len(value) <= _MAX_NAME and "http" not in value:
            meta.author = value


def _add_date(meta: PageMeta, rank: int, value: str) -> None:
    moment = parse_machine_date(value)
    if moment is not None:
        # A value with a time of day says so; 00:00:00 alone is how many CMSes print "no time".
        has_time = bool(re.search(r"\d[:：时]\d", value)) and (moment.hour, moment.minute, moment.second) != (0, 0, 0)
        meta.dates.append(DateClue(rank, moment, has_time))


def _read_json_ld(meta: PageMeta, scripts: list[etree._Element]) -> None:
    for script in scripts:
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        text = script.text or ""
        if not text.strip() or len(text) > _MAX_JSON_LD:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        for item in _json_objects(data):
            if item.get("@type") in _ARTICLE_TYPES:
                meta.article_marks.append("JSON-LD article")
            published = item.get("datePublished")
            if isinstance(published, str):
                _add_date(meta, MACHINE, published)
            headline = item.get("headline")
            if isinstance(headline, str) and clean_space(headline):
                meta.page_titles.append(clean_space(headline))


def _json_objects(data: object, depth: int = 0) -> list[dict[str, object]]:
    """The objects of a JSON-LD document that may describe the article (top level and ``@graph``)."""
    if depth > 3:
        return []
    if isinstance(data, list):
        return [item for entry in data[:50] for item in _json_objects(entry, depth + 1)]
    if isinstance(data, dict):
        found = [data]
        graph = data.get("@graph")
        if isinstance(graph, list):
            found += _json_objects(graph, depth + 1)
        return found
    return []


def _read_time_elements(meta: PageMeta, times: list[etree._Element]) -> None:
    """The article's ``<time>`` (a published one first), wherever it sits but in comments and other posts."""
    marked: str | None = None
    first: str | None = None
    for element in times:
        value = element.get("datetime") or element.get("content") or element_text(element)
        if not value.strip() or _in_other_posts(element):
            continue
        marks = " ".join(
            (
                element.get("class") or "",
                element.get("itemprop") or "",
                element.getparent().get("class") or "" if element.getparent() is not None else "",
            )
        )
        if element.get("pubdate") is not None or _PUBLISHED_MARK.search(marks):
            marked = marked or value
        elif "updated" not in marks and "modified" not in marks:
            first = first or value
    chosen = marked or first
    if chosen is not None:
        _add_date(meta, TIME_ELEMENT, chosen)


def _in_other_posts(element: etree._Element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in ("body", "html"):
            break  # its classes describe the page (single-with-sidebar), not a zone of it
        if ancestor.tag in ("aside", "nav"):
            return True
        marks = (ancestor.get("class") or "") + " " + (ancestor.get("id") or "")
        if marks.strip() and _OTHER_POSTS.search(marks):
            return True
    return False


@cache
def _compiled(expressions: tuple[str, ...]) -> tuple[etree.XPath, ...]:
    # A declaration with an expression lxml cannot read is a bug in that declaration: it raises here.
    return tuple(etree.XPath(expression) for expression in expressions)


def _read_declared(meta: PageMeta, document: etree._Element, site: SiteType) -> None:
    for expression in _compiled(site.title_xpath):
        for found in _results(expression, document):
            heading = _declared_heading(found)
            if heading is not None:
                meta.declared_title = heading
                break
        if meta.declared_title is not None:
            break
    for expression in _compiled(site.date_xpath):
        clues = len(meta.dates)
        for found in _results(expression, document):
            value = found.get("datetime") or element_text(found) if isinstance(found, etree._Element) else found
            _add_date(meta, DECLARED, str(value))
            if len(meta.dates) > clues:
                break
        if len(meta.dates) > clues:
            break
    for expression in _compiled(site.source_xpath):
        for found in _results(expression, document):
            text = clean_space(element_text(found) if isinstance(found, etree._Element) else str(found))
            name = source_name(text) if text else None
            if name:
                meta.source = name  # the type's own 来源 beats a ContentSource meta
                break
        else:
            continue
        break


def _results(expression: etree.XPath, document: etree._Element) -> list[etree._Element | str]:
    found = expression(document)
    if isinstance(found, list):
        return [item for item in found if isinstance(item, etree._Element | str)]
    return [found] if isinstance(found, str) and found else []


def _declared_heading(found: etree._Element | str) -> Heading | None:
    if isinstance(found, etree._Element):
        text, aside = heading_text(found)
        return Heading(found, text, aside, str(found.tag), True) if text else None
    text = clean_space(found)
    parent = found.getparent() if isinstance(found, etree._ElementUnicodeResult) else None
    if not text or parent is None:
        return None
    # A text node (the own text of Z-BlogPHP's <h2 class="post-title">): its element goes, its date stays.
    _, aside = heading_text(parent)
    return Heading(parent, text, aside, str(parent.tag), True)


def heading_text(element: etree._Element) -> tuple[str, str]:
    """An element's title text, and apart from it the text of children that print a date or a byline."""
    own = [element.text or ""]
    aside = []
    for child in element:
        if not isinstance(child.tag, str):
            own.append(child.tail or "")
            continue
        text = element_text(child)
        marks = (child.get("class") or "") + " " + (child.get("id") or "")
        dated = len(text) <= _MAX_ASIDE and (
            bool(marks.strip() and _DATE_CHILD.search(marks)) or _HAS_DATE.search(text)
        )
        if child.tag == "time" or dated or text.strip() in _BADGES:
            aside.append(text)
        elif child.tag == "br":
            own.append(" ")
        else:
            own.append(text)
        own.append(child.tail or "")
    return clean_space("".join(own)), clean_space(" ".join(aside))


def _headings(headings: list[etree._Element], labels: Labels, url: str | None) -> list[Heading]:
    # h1-h3 first, then the elements whose class or id names a title (an h1-h3 without one is not "classed").
    candidates = dict.fromkeys(headings, False)
    for element in labels.having(TITLE):
        candidates[element] = True
    found = []
    for element, classed in candidates.items():
        if not len(element):
            # No child elements (most headings, every list entry's <a class="title">): its text is the title.
            text, aside = clean_space(element.text or ""), ""
        elif len(element_text(element)) > 2 * _MAX_TITLE:
            continue  # a wrapper around the page, not a heading
        else:
            text, aside = heading_text(element)
        if not text or len(text) > _MAX_TITLE:
            continue
        linked = element.tag == "a" or (len(element) > 0 and _linked(element, text, url))
        found.append(Heading(element, text, aside, str(element.tag), classed, linked))
    return found


def _linked(element: etree._Element, text: str, url: str | None) -> bool:
    """True when the heading's text is a link to another page (a list item, the logo), not to the page itself."""
    linked = 0
    for anchor in element.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith("#") or (url and _same_page(_resolved(url, href) or "", url)):
            continue
        linked += len(clean_space(element_text(anchor)))
    return linked >= 0.6 * len(text)


def _resolved(url: str | None, href: str) -> str | None:
    """``href`` resolved against the page's URL (as it is without one); None when it is no URL (``http://[x/``)."""
    if not url:
        return href
    try:
        return urljoin(url, href)
    except ValueError:  # a malformed host ([ without ]): urllib refuses it
        return None


def _same_page(one: str, other: str) -> bool:
    return one.split("#", 1)[0].rstrip("/") == other.split("#", 1)[0].rstrip("/")


def _read_names(meta: PageMeta, elements: PageElements, labels: Labels, url: str | None) -> None:
    """Which texts that may be taken for the title are the site's or a column's name (and where the footers are).

    A name is what the logo's image says, or the text of a link to the home
    page or to a directory above the page, or of a short link in a menu,
    breadcrumb or header.  Only the page's title candidates (its headings and
    the parts of its ``<title>``) need the answer, so links are matched
    against those in one pass, not every link's target resolved.
    """
    names = meta.names
    footers = list(elements.tagged("footer"))
    for element, kinds in labels.marked:
        if kinds & LOGO:
            for image in element.iter("img"):
                _add_name(names, image.get("alt") or "")
        elif kinds & FOOTER:
            footers.append(element)
        elif kinds & PAGER:
            meta.pager_blocks.append(element)
    meta.footers = footers
    for heading in elements.headings:
        if heading.tag != "h1":
            continue
        for image in heading.iter("img"):
            _add_name(names, image.get("alt") or "")
    texts = [heading.text for heading in meta.headings]
    texts += [piece for title in meta.page_titles for piece in _TITLE_PIECES.split(title)]
    # Compared with runs of whitespace as one space (str.split: C speed, Unicode spaces included).
    # No name is longer than _MAX_NAME: a longer candidate matches no link that may name a place.
    candidates = {key for text in texts if 0 < len(key := " ".join(text.split())) <= _MAX_NAME}
    if not candidates:
        return
    # A link's text, stripped, begins and ends as it does with its spaces run together: most
    # links are told apart from every candidate by those two characters alone.
    firsts, lasts = {text[0] for text in candidates}, {text[-1] for text in candidates}
    page_path = (_path(url) or "") if url else ""
    for anchor in elements.tagged("a"):
        text = anchor.text
        if not text or text.isspace():
            if not len(anchor):
                continue
            text = element_text(anchor)
        key = text.strip()
        if not key or key[0] not in firsts or key[-1] not in lasts:
            continue
        if len(key) > _MAX_NAME or key not in candidates:
            key = " ".join(key.split())
            if len(key) > _MAX_NAME or key not in candidates:
                continue
        target = _resolved(url, anchor.get("href") or "")
        # A link to the page itself (a latest-posts widget, a permalink) names the article, not a place.
        if target is None or (url and _same_page(target, url)):
            continue
        if _names_place(target, page_path) or (len(key) <= _MAX_MENU_NAME and _in_menu(anchor)):
            _add_name(names, key)


def _in_menu(anchor: etree._Element) -> bool:
    """A link inside a nav, a header, a menu, a breadcrumb or a logo block (a few levels up at most)."""
    for depth, ancestor in enumerate(anchor.iterancestors()):
        if depth > _MENU_DEPTH:
            return False
        if ancestor.tag in ("nav", "header") or _is_menu(
            (ancestor.get("class") or "") + " " + (ancestor.get("id") or "")
        ):
            return True
    return False


@lru_cache(maxsize=8192)
def _is_menu(marks: str) -> bool:
    return _MENU.search(marks) is not None


def _outermost(elements: list[etree._Element]) -> list[etree._Element]:
    """The elements none of whose ancestors is among them."""
    chosen = set(elements)
    return [el for el in dict.fromkeys(elements) if not any(ancestor in chosen for ancestor in el.iterancestors())]


def _add_name(names: set[str], text: str) -> None:
    text = clean_space(text)
    if 2 <= len(text) <= _MAX_NAME:
        names.add(norm(text))


def _names_place(href: str, page_path: str) -> bool:
    """A link to the home page or to a directory above the page: its text names the site or a column."""
    href = href.strip()
    if href in ("/", "./", "../", "index.html", "index.htm", "index.php", "/index.html", "/index.htm", "/index.php"):
        return True
    # Most links lead to an article (…/2021/0826/c_123.htm): past the host, the end of the
    # URL before its query says no without parsing it (urllib drops tabs and newlines first).
    base = href.split("#", 1)[0].split("?", 1)[0]
    if base.count("/") > 2 and not base.endswith("/") and not base.rsplit("/", 1)[1].startswith("index."):
        return _DROPPED_BY_URLLIB.search(href) is not None and _names_place_parsed(href, page_path)
    return _names_place_parsed(href, page_path)


def _names_place_parsed(href: str, page_path: str) -> bool:
    try:
        parts = urlsplit(href)
    except ValueError:  # a malformed host ([ without ]): urllib refuses it
        return False
    path = parts.path or "/"
    if parts.query or not (path.endswith("/") or path.rsplit("/", 1)[-1].startswith("index.")):
        return False
    path = path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
    if not page_path:
        # With the page's URL unknown, a short directory path (/news/, /a/zsdt/) is a column.
        return path.count("/") <= _MAX_COLUMN_DEPTH
    return page_path.startswith(path) and path != page_path


def _path(url: str) -> str | None:
    """The path of a URL; None when it is no URL (``http://[x/``)."""
    try:
        return urlsplit(url).path
    except ValueError:  # a malformed host ([ without ]): urllib refuses it
        return None


def resolve_published(clues: list[DateClue]) -> datetime | None:
    """The publication time from the clues: the best-ranked date, with a time of day lent by a clue of that date.

    A declared or machine date without a time (``2021-08-26``) takes the time a
    lower-ranked clue gives for the same day (the printed ``10:30``).
    """
    if not clues:
        return None
    ranked = sorted(clues, key=lambda clue: clue.rank)
    best = ranked[0]
    if best.has_time:
        return best.moment
    for clue in ranked[1:]:
        if clue.has_time and clue.moment.date() == best.moment.date():
            return clue.moment
    return best.moment
