"""Cleaning: from a raw page or an archive file to a CleanArticle."""

from __future__ import annotations

from datetime import datetime

from monitor.text.article import CleanArticle, Script

__all__ = ["CleanArticle", "Script", "clean_text"]


def clean_text(text: str, *, fetched: datetime | None = None, site_type: str | None = None) -> CleanArticle:
    """Clean page text in the seed format (placeholder until the cleaning issue lands)."""
    paragraphs = tuple(line.strip() for line in text.splitlines() if line.strip())
    return CleanArticle(title=None, paragraphs=paragraphs)
