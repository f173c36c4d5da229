"""One walk over a parsed page, gathering the elements several steps of cleaning read.

Cleaning reads the page's ``<meta>`` tags (site type, title, dates), its
``<title>``, scripts (JSON-LD), ``<time>`` elements, headings, footers, links,
and every element with a class or id (chrome names, title classes, logos,
pagers: ``labels``).  Each of these was a walk of its own over the whole tree,
and on a portal page of a thousand elements a walk costs about as much as the
work done on what it finds: one walk, before anything changes the page,
serves them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from monitor.text.labels import Labelled, Labels, name_kinds

# The tags gathered, each into its own list.
_GATHERED = ("meta", "title", "script", "time", "h1", "h2", "h3", "footer", "a")
_HEADINGS = ("h1", "h2", "h3")


# What each class or id name seen says (``labels.name_kinds``), by name; emptied when it grows past
# ``_MAX_JUDGED`` names, so a long crawl over many sites keeps it bounded as name_kinds' cache is.
_JUDGED: dict[str, int] = {}
_MAX_JUDGED = 16384


def _judge(name: str) -> int:
    """``name_kinds(name)``, remembered in ``_JUDGED``."""
    if len(_JUDGED) >= _MAX_JUDGED:
        _JUDGED.clear()
    kinds = _JUDGED[name] = name_kinds(name)
    return kinds


@dataclass(frozen=True)
class PageElements:
    """Elements of one page, each list in document order (the root element itself is in none)."""

    by_tag: dict[str, list[etree._Element]]
    # Elements with a class or an id, with both (what ``labels.labelled_elements`` reads) and what the names say.
    labels: Labels
    # The h1, h2 and h3 elements, together.
    headings: list[etree._Element]
    # Every element: held while the page is cleaned, so each keeps its one Python object.  lxml makes
    # an object per element a walk meets and frees it when the walk moves on; the steps after this
    # walk (chrome removal, the article block, the title, the lines) walk the page again, and would
    # make them all again.
    every: list[etree._Element]

    def tagged(self, tag: str) -> list[etree._Element]:
        """The page's elements of one gathered tag (``meta``, ``title``, ``script``, ``time``, ``footer``, ``a`` …)."""
        return self.by_tag[tag]


def walk_page(document: etree._Element) -> PageElements:
    """Walk ``document`` once and gather its elements of the tags cleaning reads and those with a class or id."""
    every = list(document.iter(etree.Element))
    # The one loop in Python over every element reads only its class and id (bytes keys: lxml
    # encodes a str key on every call) and judges its names at once; the tags are gathered by
    # lxml's own filtered walks below, in C, over the elements this list already made (their
    # Python objects are reused).  The root is left out: ``descendant::`` selections never held it.
    labelled: Labelled = []
    marked: list[tuple[etree._Element, int]] = []
    keep, mark = labelled.append, marked.append
    get = etree._Element.get  # called unbound: no bound method made per element
    judged = _JUDGED.get
    for element in every[1:] if every and every[0] is document else every:
        class_name = get(element, b"class")
        id_name = get(element, b"id")
        if class_name is None and id_name is None:
            continue
        keep((element, class_name, id_name))
        # What the names say, judged once per name and looked up in a plain dict after that
        # (``name_kinds``' own cache costs about twice a dict lookup, for each of ~600 names a page).
        kinds = 0
        if class_name:
            kinds = judged(class_name, -1)
            if kinds < 0:
                kinds = _judge(class_name)
        if id_name:
            id_kinds = judged(id_name, -1)
            kinds |= id_kinds if id_kinds >= 0 else _judge(id_name)
        if kinds:
            mark((element, kinds))
    by_tag: dict[str, list[etree._Element]] = {tag: [] for tag in _GATHERED}
    # The headings come from the same walk, in its (document) order: a walk of their own cost as much again.
    headings: list[etree._Element] = []
    for element in document.iter(*_GATHERED):
        if element is not document:
            tag = element.tag
            by_tag[tag].append(element)
            if tag in _HEADINGS:
                headings.append(element)
    return PageElements(by_tag, Labels(labelled, marked), headings, every)
