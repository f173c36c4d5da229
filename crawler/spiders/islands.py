"""A listing's links kept in a data island, made part of the page for the link readers.

Hanweb JCMS (大汉) government portals draw a column's list in the browser:
the page carries it as ``<script type="text/xml"><datastore>`` whose
``<record>`` elements each hold a list item's markup as CDATA, and whose
``<nextgroup>`` holds the link to the next records on the data proxy; the
proxy answers with the same ``<datastore>`` as an XML document.  An HTML
parser sees script text there, no links.

``with_islands`` gives the link readers (``pagination``, ``link_shapes``) a
page in which every island's markup stands where the island was, as
elements: the records' ``<a>`` in their ``<record>``, the next group's in
its ``<nextgroup>``.  A page without an island is returned as it is.
"""

from __future__ import annotations

import re

from parsel import Selector

# A script holding markup rather than code (jpage's text/xml island).
_ISLAND_SCRIPT = re.compile(r"<script\b[^>]*\btype\s*=\s*['\"]?text/xml['\"]?[^>]*>(.*?)</script\s*>", re.S | re.I)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def with_islands(page: Selector, text: str) -> Selector:
    """``page`` (parsed from ``text``) with its data islands' markup as elements; ``page`` itself when it has none."""
    if "<datastore" not in text.lower():
        return page
    text = _COMMENT.sub("", text)  # a comment may name a script tag (and holds no link)
    if _ISLAND_SCRIPT.search(text):
        expanded = _ISLAND_SCRIPT.sub(lambda found: _CDATA.sub(r"\1", found.group(1)), text)
    else:
        # The data proxy's reply: the island alone, as an XML document.
        expanded = "<html><body>" + _CDATA.sub(r"\1", _XML_DECLARATION.sub("", text)) + "</body></html>"
    return Selector(text=expanded, type="html")
