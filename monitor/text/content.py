"""Finding title, meta lines and body in an HTML page, for any site.

Chrome elements (``nav``, ``aside``, ``footer``, scripts, blocks whose class or id
says breadcrumb, share, related ...) are removed first.  The article is the
element holding the most prose: Han characters and Chinese punctuation in its
own text, summed over its children and half over its grandchildren, the way
text-density extractors do.  Link text never counts, so menus and teaser lists
lose.  What the rest of cleaning needs are plain lines, one per block.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from lxml import etree

from monitor.text.byline import is_meta_line

# Form controls go, the <form> itself stays: ASP.NET-style sites wrap the whole
# page, article included, in one form.
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "nav",
    "aside",
    "footer",
    "select",
    "button",
    "svg",
    "template",
    "object",
    "embed",
    "textarea",
    "input",
    "head",
)
_CHROME_NAME = re.compile(
    r"(?:^|[-_\s])(breadcrumbs?|crumbs?|position|location|sidebar|side|nav|navbar|menu|footer|"
    r"copyright|related|relate|xgwz|share|social|comments?|tags?|pager|pages|prenext|"
    r"pre-next|recommend|hot|ads?|advert|banner|login|search|toolbar)(?:$|[-_\s\d])",
    re.I,
)
# WordPress labels the article element itself with its taxonomy (``tag-wordpress``,
# ``category-news``): such tokens describe the post, they are not chrome.
_TAXONOMY_TOKEN = re.compile(r"(?:^|\s)(?:tag|category|post|format|status|type|postid)-\S*", re.I)
# A block named like chrome that holds at least this share of the page's own
# (non-link) prose is the article in a misleading wrapper, and stays.
_KEEP_PROSE_SHARE = 0.5
_UNPUNCTUATED_WEIGHT = 0.3
# The tag chrome blocks are renamed to, so that one C call removes them all.
_DOOMED = "signwatch-chrome"
_MAX_UNPUNCTUATED = 60
_BLOCK_TAGS = frozenset(
    (
        "p", "div", "br", "li", "ul", "ol", "table", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
        "section", "article", "header", "main", "blockquote", "pre", "dl", "dt", "dd", "center", "figure",
        "figcaption", "address", "hr", "body", "html",
    )
)  # fmt: skip
_SCORED_TAGS = frozenset(
    ["div", "td", "section", "article", "main", "p", "span", "font", "center", "blockquote", "body", "pre"]
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_INLINE_HOLDERS = frozenset(("p", "span", "font"))
# ``descendant::`` rather than ``//``: libxml2 sorts and dedupes ``//`` results.
_TEXT_NODES = etree.XPath("descendant::text()[normalize-space()][not(ancestor::a)]")
_STRING = etree.XPath("string()")
_LINK_TEXT = etree.XPath("descendant::a/descendant::text()")
_LABELLED = etree.XPath("descendant::*[@class or @id]")
_WHITESPACE = re.compile(r"[\s\u3000\xa0]+")
_INLINE_SPACE = re.compile(r"[^\S\n]+")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_PUNCT = re.compile(r"[，。；、！？,;]")
_SPACES = "\u3000\xa0\u200b\ufeff \t\r"
_TITLE_SUFFIX = re.compile(r"\s*(?:[-_|–—]|\s[-_|–—]\s).{2,30}$")
_META_NAMES = (
    "article:published_time",
    "publishdate",
    "pubdate",
    "publish_date",
    "og:release_date",
    "datepublished",
    "ptime",
    "og:published_time",
    "weibo:article:create_at",
)
_HEADING_MAX = 100

# Where each known site type keeps the article body (class or id of the
# block): the body is taken from there when it holds prose, because a related
# list of long teasers can outweigh a short article in the generic scoring.
# Z-BlogPHP themes, DedeCMS article templates, and the TRS editor that
# government and news portals (中国台湾网 among them) are built on.
SITE_CONTENT = {
    "zblog": ("article-content", "post-content", "entry-content", "single-content", "article_content"),
    "dedecms": ("content", "article_content", "arc-content", "newstext"),
    "taiwancn": ("TRS_Editor", "content", "article-content"),
}
_SITE_CONTENT_MIN_PROSE = 40.0


@dataclass
class PageParts:
    """An HTML page reduced to what cleaning reads."""

    title: str | None
    meta_lines: list[str] = field(default_factory=list)
    body_lines: list[str] = field(default_factory=list)
    site_type: str = "generic"


def parse_document(text: str, utf8: bytes | None = None) -> etree._Element | None:
    """Parse HTML text into a document, or None when nothing parses.

    ``utf8``, when given, is ``text`` already encoded as UTF-8 (the page as fetched):
    it saves encoding the text again.
    """
    # Parsed as UTF-8 bytes: lxml refuses str input that carries an XML encoding
    # declaration, and deleting control bytes is one C call over bytes where a
    # regex over the str costs as much as the parse itself.
    data = (utf8 if utf8 is not None else text.encode("utf-8", errors="replace")).translate(None, _CONTROL_BYTES)
    if not data.strip():
        return None
    try:
        # Plain lxml elements, not lxml.html's: the per-element class lookup of
        # HtmlElement costs a tenth of the whole cleaning time.
        document = etree.fromstring(data, etree.HTMLParser(encoding="utf-8", huge_tree=True))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return document if document is not None and isinstance(document.tag, str) else None


def detect_site_type(document: etree._Element, url: str | None, page_text: str | None = None) -> str:
    """Which known site type a page is: zblog, dedecms, taiwancn or generic.

    ``page_text``, the page's source when the caller has it, makes the DedeCMS
    test (its ``/plus/`` scripts and links) a substring search instead of a walk.
    """
    return _site_type(document, _meta_tags(document), url, page_text)


def _site_type(document: etree._Element, metas: list[tuple[str, str]], url: str | None, page_text: str | None) -> str:
    generator = " ".join(content for name, content in metas if name == "generator").lower()
    host = (url or "").lower()
    if "z-blog" in generator or "zblog" in generator:
        return "zblog"
    if page_text is not None:
        plus = "/plus/" in page_text
    else:
        plus = bool(document.xpath("descendant::a[contains(@href,'/plus/')][1]"))
    if "dedecms" in generator or plus:
        return "dedecms"
    title = " ".join(document.xpath("descendant::title[1]/text()"))
    if "taiwan.cn" in host or "台湾网" in title or "台灣網" in title:
        return "taiwancn"
    return "generic"


def extract_page(
    document: etree._Element, site_type: str | None = None, url: str | None = None, page_text: str | None = None
) -> PageParts:
    """Reduce a parsed page to title, meta lines and body lines (``page_text``: see detect_site_type)."""
    metas = _meta_tags(document)  # one walk serves the site type, the title and the dates
    kind = site_type or _site_type(document, metas, url, page_text)
    head_meta = _head_meta_lines(metas)
    page_title = _page_title(document, metas)
    # The site's own name, as its header and footer print it ("版权所有 © 招商资讯网").
    site_names = " ".join("".join(el.itertext()) for el in document.iter("nav", "header", "footer"))
    _drop_chrome(document)
    body = document.find("body")
    root = body if body is not None else document
    content = _site_content(root, kind)
    if content is None:
        content = _content_node(root)
    heading = _heading(root, content)
    before, inside = _lines(root, content)
    title = heading or page_title
    if (
        heading is None
        and page_title
        and (page_title in site_names or any(page_title in line and line != page_title for line in before))
    ):
        # With no heading on the page, a <title> that only repeats the site's or
        # a column's name from the header, breadcrumb or footer is not the article's.
        title = None
    meta_lines = _meta_lines(before, title)
    if title and inside and inside[0] == title:
        inside = inside[1:]
    # A meta line inside the content node (a theme that puts the date under the
    # title, inside the article div) is header, not body.
    while inside and len(inside[0]) <= 90 and is_meta_line(inside[0]) and len(meta_lines) < 6:
        meta_lines.append(inside.pop(0))
    return PageParts(title, meta_lines + head_meta, inside, kind)


def _meta_tags(document: etree._Element) -> list[tuple[str, str]]:
    """(name, content) of every <meta> with content; the name from property, name or itemprop."""
    tags = []
    for meta in document.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if name and content:
            tags.append((name, content))
    return tags


def _head_meta_lines(metas: list[tuple[str, str]]) -> list[str]:
    lines = []
    for name, content in metas:
        if name in _META_NAMES:
            lines.append(f"发布时间:{content}")
        elif name in ("author", "article:author"):
            lines.append(f"作者:{content}")
    return lines


def _page_title(document: etree._Element, metas: list[tuple[str, str]]) -> str | None:
    candidates = [content for name, content in metas if name == "og:title"]
    candidates += document.xpath("descendant::title[1]/text()")
    for value in candidates:
        title = _clean(str(value))
        if title:
            trimmed = _TITLE_SUFFIX.sub("", title)
            return trimmed if len(trimmed) >= 4 else title
    return None


def _drop_chrome(document: etree._Element) -> None:
    # strip_elements removes in C and keeps each element's tail (text of the parent).
    etree.strip_elements(document, *_DROP_TAGS, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    named = _chrome_named(document)
    if not named:
        return
    body = document.find("body")
    page_prose = _own_prose(body if body is not None else document)
    threshold = page_prose * _KEEP_PROSE_SHARE
    doomed: set[etree._Element] = set()
    for el in named:  # document order: outer blocks before the blocks inside them
        if any(ancestor in doomed for ancestor in el.iterancestors()):
            continue  # goes with an outer block already
        # All its text is an upper bound of its prose outside links: most chrome
        # blocks are small and need no second look.
        if page_prose == 0 or _wide_count(_STRING(el)) < threshold or _own_prose(el) < threshold:
            doomed.add(el)
    for el in doomed:
        el.tag = _DOOMED
    etree.strip_elements(document, _DOOMED, with_tail=False)


def _chrome_named(document: etree._Element) -> list[etree._Element]:
    """Elements whose class or id names chrome, in document order."""
    # A big portal page has thousands of classed elements but a few hundred distinct
    # names: one pass reads the names, the regex runs once per distinct name.
    body = document.find("body")
    scope = body if body is not None else document
    labelled = [(el, el.get("class"), el.get("id")) for el in _LABELLED(scope)]
    names = {name for _, class_name, id_name in labelled for name in (class_name, id_name) if name}
    # One regex scan over the distinct names joined; each hit is mapped back to its name.
    joined = "\n".join(names)
    hits = {
        joined[joined.rfind("\n", 0, hit.start()) + 1 : _line_end(joined, hit.end())]
        for hit in _CHROME_NAME.finditer(joined)
    }
    matched = {name for name in hits if _is_chrome_name(name)}
    if not matched:
        return []
    return [el for el, class_name, id_name in labelled if class_name in matched or id_name in matched]


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _is_chrome_name(name: str) -> bool:
    return _CHROME_NAME.search(name) is not None and _CHROME_NAME.search(_TAXONOMY_TOKEN.sub(" ", name)) is not None


def _own_prose(el: etree._Element) -> int:
    """Roughly how many Han characters an element's text outside links holds."""
    return _wide_count(_STRING(el)) - _wide_count("".join(_LINK_TEXT(el)))


def _wide_count(text: str) -> int:
    # Han characters and full-width punctuation take three bytes in UTF-8, ASCII one:
    # the length difference counts them at C speed, where a regex over a whole
    # page's text costs a millisecond.
    return (len(text.encode("utf-8", errors="replace")) - len(text)) // 2


def _prose(text: str) -> float:
    han = len(_HAN.findall(text))
    punctuation = len(_PUNCT.findall(text))
    if punctuation:
        return han + 3 * punctuation
    # Text without a single comma or full stop is a caption or a label, and counts
    # for little; a long one is a keyword cloud (SEO spam), and counts for nothing.
    return han * _UNPUNCTUATED_WEIGHT if han <= _MAX_UNPUNCTUATED else 0


def _site_content(root: etree._Element, kind: str) -> etree._Element | None:
    """The known body block of a site type, when it is there and holds prose."""
    names = SITE_CONTENT.get(kind)
    if not names:
        return None
    for element in root.iter("div", "article", "section", "td"):
        marks = set((element.get("class") or "").split())
        if element.get("id"):
            marks.add(element.get("id") or "")
        if any(name in marks for name in names) and _prose("".join(element.itertext())) >= _SITE_CONTENT_MIN_PROSE:
            return element
    return None


def _content_node(root: etree._Element) -> etree._Element:
    scores: dict[etree._Element, float] = defaultdict(float)
    # Only text nodes outside links count, so menus and teaser lists lose.
    for text in _TEXT_NODES(root):
        own = _prose(text)
        if own == 0:
            continue
        holder = text.getparent()
        if text.is_tail:
            holder = holder.getparent()
        # Text sitting directly in a <p> or <span> belongs to the block around it.
        while holder is not None and (holder.tag not in _SCORED_TAGS or holder.tag in _INLINE_HOLDERS):
            holder = holder.getparent()
        if holder is None:
            continue
        scores[holder] += own
        parent = holder.getparent()
        if parent is not None:
            scores[parent] += own / 2
    if not scores:
        return root
    return max(scores, key=lambda el: scores[el])


def _heading(root: etree._Element, content: etree._Element) -> str | None:
    for tag in ("h1", "h2"):
        for el in root.iter(tag):
            text = _clean("".join(el.itertext()))
            if 4 <= len(text) <= _HEADING_MAX and _HAN.search(text):
                return text
        if content is not root:
            break  # an <h2> outside the article is a section heading, not the title
    return None


def _lines(root: etree._Element, content: etree._Element) -> tuple[list[str], list[str]]:
    """Lines of text before the content node and inside it, one per block."""
    # A newline at the start of each block's text and tail marks the block edges;
    # lxml's itertext then gathers all text in C, and lines are split on newlines.
    # Only blocks up to the content node and inside it are read; the rest of the
    # page (comments, footers) needs no marks.
    for el in root.iter(*_BLOCK_TAGS):
        if el is content:
            break
        _mark_block(el, root)
    for el in content.iter(*_BLOCK_TAGS):
        _mark_block(el, root)
    inside = _split_lines("".join(content.itertext()))
    before = _split_lines(_text_before(root, content)) if content is not root else []
    return before, inside


def _mark_block(el: etree._Element, root: etree._Element) -> None:
    el.text = "\n" + el.text if el.text else "\n"
    if el is not root:
        el.tail = "\n" + el.tail if el.tail else "\n"


def _text_before(root: etree._Element, content: etree._Element) -> str:
    """All text of ``root`` that precedes ``content`` in document order."""
    chunks: list[str] = []  # collected from the content outwards, reversed at the end
    el = content
    while el is not root:
        parent = el.getparent()
        if parent is None:
            break
        for sibling in el.itersiblings(preceding=True):
            chunks.append(sibling.tail or "")
            chunks.extend(reversed(list(sibling.itertext())))
        chunks.append(parent.text or "")
        el = parent
    return "".join(reversed(chunks))


def _split_lines(text: str) -> list[str]:
    lines = _INLINE_SPACE.sub(" ", text).split("\n")
    return [cleaned for line in lines if (cleaned := line.strip(_SPACES))]


def _clean(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip(_SPACES + "\n")


def _meta_lines(before: list[str], title: str | None) -> list[str]:
    """The lines between the title and the article (or the last few before it)."""
    if title and title in before:
        start = len(before) - 1 - before[::-1].index(title)
        return before[start + 1 : start + 7]
    return before[-4:]
