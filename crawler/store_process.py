"""Storing in a process of its own, so crawling and storing use two cores.

Storing an article (the ORM work of ``monitor.ingest``, event extraction,
cluster matching, alert queueing) costs several times what Scrapy spends
fetching and parsing it.  In a thread of the crawl process that work holds
the GIL, and the reactor thread waits for it between every network event;
in a separate process it runs beside the crawl instead.

One store process per database and archive, started (with ``spawn``: the
crawl process runs threads and holds open database connections, which a
forked child must not inherit) when the first crawl of this process opens,
and shut down when the interpreter exits.  The process opens its own
``Database`` and ``Archive``; pages go to it in batches and come back as
``IngestResult``s, so a batch is still one transaction in which an article,
its events and its outbox rows are written together.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from monitor.archive import Archive
from monitor.ingest import AfterStore, IngestResult, PageToStore, ingest_pages
from monitor.pipeline import after_store_steps
from monitor.store import Database

_POOLS: dict[tuple[str, str], ProcessPoolExecutor] = {}

# In the store process: what ``_open`` made.
_STORE: tuple[Database, Archive, tuple[AfterStore, ...]] | None = None


def _open(database_url: str, archive_path: str) -> None:
    """Store-process initializer: connect to the (already migrated) database and open the archive."""
    global _STORE
    _STORE = (Database(database_url), Archive(Path(archive_path)), after_store_steps())


def _store(pages: list[PageToStore]) -> list[IngestResult]:
    """In the store process: store a batch with every after-store step."""
    assert _STORE is not None, "the store process was not initialised"
    db, archive, steps = _STORE
    return ingest_pages(db, archive, pages, after_store=steps)


def _ready() -> bool:
    return _STORE is not None


class StoreProcess:
    """The store process of one database and archive (shared by every crawl of this process)."""

    def __init__(self, db: Database, archive: Archive) -> None:
        """Start (or reuse) the store process for ``db`` and ``archive``."""
        url = db.url.render_as_string(hide_password=False)
        key = (url, str(archive.path))
        if key not in _POOLS:
            _POOLS[key] = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_open,
                initargs=key,
            )
            _POOLS[key].submit(_ready)  # start it now: its imports overlap the crawl's first downloads
        self.pool = _POOLS[key]

    async def store(self, pages: list[PageToStore]) -> list[IngestResult]:
        """Store ``pages`` in one transaction in the store process; their results in order."""
        return await asyncio.wrap_future(self.pool.submit(_store, pages))
