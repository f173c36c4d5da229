"""Pages on their way into the store, handed to the store thread in batches.

Storing one page per transaction pays a commit and the per-transaction
lookups (source, subscriptions) for every page.  ``StoreBatcher`` lets the
pages that arrive while a batch is being stored wait, and stores them
together (``monitor.ingest.ingest_pages``: one transaction, at most
``max_batch`` pages), in the store process (``crawler.store_process``) or
the store thread.  No timer: a page that arrives while the store thread
is idle is stored at once, so a slow trickle of pages is not delayed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from crawler.context import in_worker
from monitor.archive import Archive
from monitor.ingest import AfterStore, IngestResult, PageToStore, ingest_pages
from monitor.store import Database

MAX_BATCH = 32

# Stores a batch of pages in one transaction and returns their results in order.
StoreBatch = Callable[[list[PageToStore]], Awaitable[list[IngestResult]]]


@dataclass
class _Waiting:
    page: PageToStore
    result: asyncio.Future[IngestResult]


class StoreBatcher:
    """Store pages through ``ingest_pages``, batching those that arrive while the store is busy."""

    def __init__(self, store: StoreBatch, *, max_batch: int = MAX_BATCH) -> None:
        """Hand batches to ``store`` (``StoreProcess.store``, or ``in_store_thread``'s function)."""
        self._store = store
        self.max_batch = max_batch
        self._waiting: list[_Waiting] = []
        self._draining: asyncio.Task[None] | None = None

    async def store(self, page: PageToStore) -> IngestResult:
        """Store one page (in some batch) and return what storing it did."""
        waiting = _Waiting(page, asyncio.get_running_loop().create_future())
        self._waiting.append(waiting)
        if self._draining is None:
            self._draining = asyncio.ensure_future(self._drain())
        return await waiting.result

    async def _drain(self) -> None:
        try:
            while self._waiting:
                batch, self._waiting = self._waiting[: self.max_batch], self._waiting[self.max_batch :]
                await self._store_batch(batch)
        finally:
            self._draining = None

    async def _store_batch(self, batch: list[_Waiting]) -> None:
        try:
            results = await self._ingest([w.page for w in batch])
        except Exception as error:
            if len(batch) == 1:
                _fail(batch[0], error)
                return
            # One page's failure (a bug, a bad row) must not fail its batch-mates: one by one.
            for waiting in batch:
                try:
                    [result] = await self._ingest([waiting.page])
                except Exception as single:
                    _fail(waiting, single)
                else:
                    _succeed(waiting, result)
            return
        for waiting, result in zip(batch, results, strict=True):
            _succeed(waiting, result)

    async def _ingest(self, pages: list[PageToStore]) -> list[IngestResult]:
        return await self._store(pages)


def in_store_thread(db: Database, archive: Archive, after_store: tuple[AfterStore, ...]) -> StoreBatch:
    """A ``StoreBatch`` that stores in this process's store thread (``crawler.context.in_worker``)."""

    async def store(pages: list[PageToStore]) -> list[IngestResult]:
        return await in_worker(ingest_pages, db, archive, pages, after_store=after_store)

    return store


def _succeed(waiting: _Waiting, result: IngestResult) -> None:
    if not waiting.result.done():  # the item may have been cancelled meanwhile
        waiting.result.set_result(result)


def _fail(waiting: _Waiting, error: Exception) -> None:
    if not waiting.result.done():
        waiting.result.set_exception(error)
