"""Cleaning: from a raw page or an archive file to a CleanArticle.

``clean`` runs the steps; each has a module, in the order a page meets them:

- ``decoding`` (with ``common_chars``) - bytes to text, and text decoded with the wrong codec;
- ``page_parts`` - an HTML page to title, meta lines and body lines, through ``page_walk``
  (one walk gathering the elements the steps read) and ``labels`` (what class and id names
  say: chrome, title, logo, footer, pager), ``recognise`` (which site type), ``page_meta``
  (what the whole page says of itself before chrome goes: metas, JSON-LD, ``<time>``, the
  type's XPaths, the site's and columns' names),
  ``article_block`` (chrome elements out, the article's element found), ``headline`` (the
  title), ``page_kind`` (a listing or an article) and ``block_lines`` (text as lines);
- ``mojibake``, ``pinyin``, ``script`` - repairs, then everything Simplified;
- ``chrome`` (line rules: the generic ones and each site type's), ``lede``, ``censor``;
- ``byline`` - published time, source and author (the page's dates ranked by ``page_meta``);
  ``article`` - the CleanArticle; ``plausible`` - why a cleaned page is not an article.

What differs between site types is declared in ``monitor.sites``, never here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from monitor.lazy import exports_on_use

if TYPE_CHECKING:
    from monitor.text.article import CleanArticle, Script
    from monitor.text.clean import clean_html, clean_text
    from monitor.text.decoding import decode_page

# On first use: cleaning loads OpenCC and lxml, and most importers of a step
# (the byline's dates, the article's type) want that step alone.
__getattr__ = exports_on_use(
    globals(),
    {
        **dict.fromkeys(("CleanArticle", "Script"), "monitor.text.article"),
        **dict.fromkeys(("clean_html", "clean_text"), "monitor.text.clean"),
        "decode_page": "monitor.text.decoding",
    },
)

__all__ = ["CleanArticle", "Script", "clean_html", "clean_text", "decode_page"]
