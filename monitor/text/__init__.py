"""Cleaning: from a raw page or an archive file to a CleanArticle."""

from __future__ import annotations

from monitor.text.article import CleanArticle, Script
from monitor.text.clean import clean_html, clean_text
from monitor.text.decoding import decode_page

__all__ = ["CleanArticle", "Script", "clean_html", "clean_text", "decode_page"]
