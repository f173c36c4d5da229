"""Where the title candidates stand against the article block, in document order, after chrome removal.

The title and the listing verdict ask of a few elements (the headings, the
declared title, the article block) whether they are still on the page, which
comes first, and whether one stands inside the article block, before it or
after it.  Numbering every element of the page for that (a dict of a thousand
elements on a portal page) cost more than the questions: only those few are
numbered here, in document order, with the node that follows the article
block's subtree standing for its end.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import overload

from lxml import etree


class PageOrder:
    """The document-order rank of some elements still under a root, and the article block's start and end.

    ``start`` is the article block's rank; ``end`` the rank of the first node
    after its subtree (past every rank when none follows): an element ranked
    above ``start`` and at most ``end`` stands inside the block or right after it.
    """

    def __init__(self, root: etree._Element, content: etree._Element, elements: Iterable[etree._Element]) -> None:
        """Rank ``elements`` and ``content`` as ``root``'s walk meets them (those not under ``root`` are left out)."""
        after = _after_subtree(content, root)
        wanted = {*elements, content, *(() if after is None else (after,))}
        # lxml's walk and the set lookup run in C; an element kept elsewhere is the same Python object.
        self._ranks = {element: rank for rank, element in enumerate(filter(wanted.__contains__, root.iter()))}
        self.start = self._ranks.get(content, 0)
        self.end = len(self._ranks) if after is None else self._ranks[after]

    def __contains__(self, element: object) -> bool:
        """True when ``element`` was ranked: it is still on the page."""
        return element in self._ranks

    def __getitem__(self, element: etree._Element) -> int:
        """The rank of ``element`` (KeyError when it is not on the page)."""
        return self._ranks[element]

    @overload
    def get(self, element: etree._Element) -> int | None: ...

    @overload
    def get(self, element: etree._Element, default: int) -> int: ...

    def get(self, element: etree._Element, default: int | None = None) -> int | None:
        """The rank of ``element``, or ``default`` when it is not on the page."""
        return self._ranks.get(element, default)


def _after_subtree(element: etree._Element, root: etree._Element) -> etree._Element | None:
    """The first node ``root.iter()`` yields after ``element`` and everything inside it (None: nothing follows)."""
    node: etree._Element | None = element
    while node is not None and node is not root:
        following = node.getnext()
        if following is not None:
            return following
        node = node.getparent()
    return None
