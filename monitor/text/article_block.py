"""Finding the element of an HTML page that holds the article.

Chrome elements (``nav``, ``aside``, ``footer``, scripts, blocks whose class or id
says breadcrumb, share, related ...) are removed first.  Then the site type's
own body block is taken when the registry names one and it holds prose;
otherwise the article is the element holding the most prose: Han characters
and Chinese punctuation in its own text, summed over its children and half
over its grandchildren, the way text-density extractors do.  Link text never
counts, so menus and teaser lists lose.
"""

from __future__ import annotations

import re
from collections import defaultdict

from lxml import etree

from monitor.sites import site_types
from monitor.text.block_lines import element_text
from monitor.text.labels import CHROME, read_labels

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
# A block named like chrome that holds at least this share of the page's own
# (non-link) prose is the article in a misleading wrapper, and stays.
_KEEP_PROSE_SHARE = 0.5
_UNPUNCTUATED_WEIGHT = 0.3
# The tag chrome blocks are renamed to, so that one C call removes them all.
_DOOMED = "signwatch-chrome"
_MAX_UNPUNCTUATED = 60
_SCORED_TAGS = frozenset(
    ["div", "td", "section", "article", "main", "p", "span", "font", "center", "blockquote", "body", "pre"]
)
# Han characters (U+4E00-U+9FFF) are counted in the text's UTF-8 bytes: each is three bytes led
# by 0xE4-0xE9 (bytes that lead and never continue a character), less those led by 0xE4 that
# encode U+4000-U+4DFF (second byte 0x80-0xB7).  Deleting every other byte counts the leads in
# one C call; a regex that finds the characters one by one made a string of each.
_NOT_HAN_LEAD = bytes(byte for byte in range(256) if not 0xE4 <= byte <= 0xE9)
_BELOW_HAN = re.compile(rb"\xe4[\x80-\xb7]")
# Every byte but UTF-8's continuation bytes: deleting them leaves the continuation bytes to count.
_NOT_CONTINUATION = bytes(byte for byte in range(256) if not 0x80 <= byte <= 0xBF)
_PUNCTUATION = ("，", "。", "；", "、", "！", "？", ",", ";")
_INLINE_HOLDERS = frozenset(("p", "span", "font"))
# ``descendant::`` rather than ``//``: libxml2 sorts and dedupes ``//`` results.
_TEXT_NODES = etree.XPath("descendant::text()[normalize-space()][not(ancestor::a)]")
# Plain strings: the texts are only joined (lxml's default "smart" strings each keep their parent).
_LINK_TEXT = etree.XPath("descendant::a/descendant::text()", smart_strings=False)

# Where each site type keeps the article body (class or id of the block, from
# the registry): the body is taken from there when it holds prose, because a
# related list of long teasers can outweigh a short article in the generic scoring.
_SITE_CONTENT = {site.name: site.content_blocks for site in site_types() if site.content_blocks}
_SITE_CONTENT_MIN_PROSE = 40.0


def article_block(root: etree._Element, site_type: str) -> etree._Element:
    """The element holding the article: the site type's body block, else the densest prose."""
    content = _site_content(root, site_type)
    return content if content is not None else _content_node(root)


def drop_chrome(document: etree._Element, named: list[etree._Element] | None = None) -> None:
    """Remove chrome elements, by tag and by class or id, from the document in place.

    ``named``: the elements whose class or id names chrome, in document order,
    when read already (``labels.read_labels``, before this call: those inside
    the tags removed first go with them, whatever is done to them).
    """
    # strip_elements removes in C and keeps each element's tail (text of the parent).
    etree.strip_elements(document, *_DROP_TAGS, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    if named is None:
        body = document.find("body")
        named = read_labels(body if body is not None else document).having(CHROME)
    if not named:
        return
    body = document.find("body")
    page_prose = own_prose(body if body is not None else document)
    threshold = page_prose * _KEEP_PROSE_SHARE
    doomed: list[etree._Element] = []
    # Every element inside a doomed block (gathered by lxml's walk, in C): one set lookup
    # tells a block that goes with an outer one, where a walk up its ancestors took a loop in Python.
    covered: set[etree._Element] = set()
    for el in named:  # document order: outer blocks before the blocks inside them
        if el in covered:
            continue  # goes with an outer block already
        # All its text is an upper bound of its prose outside links: most chrome
        # blocks are small and need no second look.
        if page_prose == 0 or _wide_text_count(el) < threshold or own_prose(el) < threshold:
            doomed.append(el)
            covered.update(el.iter())
    for el in doomed:
        el.tag = _DOOMED
    etree.strip_elements(document, _DOOMED, with_tail=False)


def own_prose(el: etree._Element) -> int:
    """Roughly how many Han characters (and full-width marks) an element's text outside links holds."""
    return _wide_text_count(el) - _wide_count("".join(_LINK_TEXT(el)))


def _wide_text_count(el: etree._Element) -> int:
    """``_wide_count(element_text(el))``, from the text serialised as UTF-8 (not decoded into a str and encoded back).

    In valid UTF-8 (what libxml2 writes) a character's bytes past its first are its
    continuation bytes (0x80-0xBF): their number is the length in bytes less the length in characters.
    """
    data = etree.tostring(el, method="text", encoding="utf-8", with_tail=False)
    return len(data.translate(None, _NOT_CONTINUATION)) // 2


def _wide_count(text: str) -> int:
    # Han characters and full-width punctuation take three bytes in UTF-8, ASCII one:
    # the length difference counts them at C speed, where a regex over a whole
    # page's text costs a millisecond.
    return (len(text.encode("utf-8", errors="replace")) - len(text)) // 2


def _prose(text: str) -> float:
    han = han_count(text)
    punctuation = sum(map(text.count, _PUNCTUATION))
    if punctuation:
        return han + 3 * punctuation
    # Text without a single comma or full stop is a caption or a label, and counts
    # for little; a long one is a keyword cloud (SEO spam), and counts for nothing.
    return han * _UNPUNCTUATED_WEIGHT if han <= _MAX_UNPUNCTUATED else 0


def han_count(text: str) -> int:
    """How many Han characters (U+4E00 to U+9FFF) ``text`` holds: exactly what a regex of that range finds."""
    data = text.encode("utf-8", "surrogatepass")
    han = len(data.translate(None, _NOT_HAN_LEAD))
    if han and b"\xe4" in data:
        han -= len(_BELOW_HAN.findall(data))
    return han


def _site_content(root: etree._Element, kind: str) -> etree._Element | None:
    """The known body block of a site type, when it is there and holds prose."""
    names = _SITE_CONTENT.get(kind)
    if not names:
        return None
    for element in root.iter("div", "article", "section", "td"):
        marks = set((element.get("class") or "").split())
        if element.get("id"):
            marks.add(element.get("id") or "")
        if any(name in marks for name in names) and _prose(element_text(element)) >= _SITE_CONTENT_MIN_PROSE:
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
