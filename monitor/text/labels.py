"""The page's class and id names, read once: which elements they mark as chrome, a title, a logo, a footer, a pager.

Several steps of cleaning look for elements by what their class or id says:
chrome removal (``breadcrumb``, ``share``, ``related`` …), the title
(``post-title``, ``arc_tit``), the site's names (the logo, the footer) and the
listing verdict (the pager).  A big portal page has a thousand elements with a
class or id but a few hundred distinct names, and a site repeats its names on
every page: so each distinct name is judged once, for every question at once,
and remembered, and the page's elements are picked by their names in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

# What a name says of its element (bits: a name may say several things).
CHROME, TITLE, LOGO, FOOTER, PAGER = 1, 2, 4, 8, 16

# A class or id names chrome when one of these words stands inside it, with a separator
# on each side (``main-nav-list``, ``con_share_2``, ``left side box``).  A name that is only
# the word, or starts or ends with it (``nav``, ``footer``, ``nav-list``), does not count:
# chrome tags (<nav>, <footer>) go anyway, and it is the rule cleaning has always applied
# in effect (see ``name_kinds``); the themed sites' listing blocks (PbootCMS's ``pages``)
# and the tests were made under it.
_CHROME_NAME = re.compile(
    r"(?<=[-_\s])(breadcrumbs?|crumbs?|position|location|sidebar|side|nav|navbar|menu|footer|"
    r"copyright|related|relate|xgwz|share|social|comments?|tags?|pager|pages|prenext|"
    r"pre-next|recommend|hot|ads?|advert|banner|login|search|toolbar)[-_\s\d]",
    re.I,
)
# WordPress labels the article element itself with its taxonomy (``tag-wordpress``,
# ``category-news``): such tokens describe the post, they are not chrome.
_TAXONOMY_TOKEN = re.compile(r"(?:^|\s)(?:tag|category|post|format|status|type|postid)-\S*", re.I)
# A class or id token that names the article's title (post-title, entry-title, arc_title, news_title, tit) ...
_TITLE_TOKEN = re.compile(r"(?:^|[-_])(?:title|tit|headline|biaoti)(?:$|[-_\d])", re.I)
# ... and tokens that name some other title: the site's, a widget's, a list's, a column's.
_OTHER_TITLE = re.compile(
    r"site|blog|logo|widget|sub|list|side|nav|menu|column|lanmu|cat|sort|module|box|bar|more|foot|head|crumb|"
    r"related|hot|recommend|comment|banner|lm|dh",
    re.I,
)
# Where a site prints its own name in text: the footer's copyright line.  (Not the header: an
# article's own <header class="entry-header"> holds its title.)
_FOOTER = re.compile(r"(?:^|[-_\s])(?:footer|foot|bottom|copyright|copy|banquan)(?:$|[-_\s\d])", re.I)
# ``descendant::`` rather than ``//``: libxml2 sorts and dedupes ``//`` results.
_LABELLED = etree.XPath("descendant::*[@class or @id]")

# Elements with a class or id, with both, in document order.
Labelled = list[tuple[etree._Element, str | None, str | None]]


@dataclass(frozen=True)
class Labels:
    """A page's elements with a class or id (``elements``), and those whose names say something (``marked``)."""

    elements: Labelled
    # (element, what its class and id say: CHROME | TITLE | …), in document order.
    marked: list[tuple[etree._Element, int]]

    def having(self, kind: int) -> list[etree._Element]:
        """The elements whose class or id says ``kind`` (one of CHROME, TITLE, …), in document order."""
        return [element for element, kinds in self.marked if kinds & kind]


def labelled_elements(document: etree._Element) -> Labelled:
    """Every element of ``document`` with a class or an id, with its class and id, in document order."""
    return [(el, el.get("class"), el.get("id")) for el in _LABELLED(document)]


def read_labels(document: etree._Element) -> Labels:
    """The labelled elements of ``document`` and what each one's class and id say."""
    return labels_of(labelled_elements(document))


def labels_of(elements: Labelled) -> Labels:
    """What the class and id of each of ``elements`` (``labelled_elements``, read already) say."""
    names = {name for _, class_name, id_name in elements for name in (class_name, id_name) if name}
    said = {name: kinds for name in names if (kinds := name_kinds(name))}
    if not said:
        return Labels(elements, [])
    marked = [
        (element, said.get(class_name or "", 0) | said.get(id_name or "", 0))
        for element, class_name, id_name in elements
        if class_name in said or id_name in said
    ]
    return Labels(elements, marked)


@lru_cache(maxsize=16384)
def name_kinds(name: str) -> int:
    """What one class or id value says of its element: CHROME, TITLE, LOGO, FOOTER, PAGER bits (0: nothing).

    Until the names were judged one by one, one regex scan over them joined by
    newlines judged chrome: it took the newline before or after a name for the
    separator around a word, so a name starting or ending with the word counted
    only when it happened to come first or last in a set of strings, an order
    that changes from one process to the next (the same page cleaned differently
    in two crawls).  The words count only inside a name, as they did in nearly every run.
    """
    kinds = 0
    if _CHROME_NAME.search(name) is not None and _CHROME_NAME.search(_TAXONOMY_TOKEN.sub(" ", name)) is not None:
        kinds |= CHROME
    if any(_TITLE_TOKEN.search(token) and not _OTHER_TITLE.search(token) for token in name.split()):
        kinds |= TITLE
    lowered = name.lower()
    if "logo" in lowered or "brand" in lowered:
        kinds |= LOGO
    if _FOOTER.search(name):
        kinds |= FOOTER
    if "pag" in lowered or "fenye" in lowered:
        kinds |= PAGER
    return kinds
