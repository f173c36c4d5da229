"""Items of a crawl shared by workers: the single-host items plus the run and queue entry they belong to."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from crawler.items import ArticlePage, NotModified


@dataclass
class WorkerArticlePage(ArticlePage):
    """An article page fetched for crawl run ``run``.

    ``entry`` is the queue entry to acknowledge once the page is stored or
    dropped; ``stored_hash`` is the content hash stored for the URL when this
    was a revisit (the single-host spider keeps it in its ``known`` map).
    """

    run: int = 0
    entry: bytes | None = None
    stored_hash: str | None = None


@dataclass
class WorkerNotModified(NotModified):
    """A 304 of crawl run ``run`` (acknowledged once the URL is marked as checked)."""

    run: int = 0
    entry: bytes | None = None


def _values(item: Any) -> dict[str, Any]:
    return {f.name: getattr(item, f.name) for f in fields(item)}


def for_run(item: ArticlePage | NotModified, run: int, entry: bytes | None, stored_hash: str | None) -> Any:
    """The workers' version of an item the site spider yielded."""
    if isinstance(item, ArticlePage):
        return WorkerArticlePage(**_values(item), run=run, entry=entry, stored_hash=stored_hash)
    return WorkerNotModified(**_values(item), run=run, entry=entry)
