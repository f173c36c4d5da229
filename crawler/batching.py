"""Work handed to a worker (a process of its own, ``crawler.processes``) in batches.

Storing one page per transaction pays a commit and the per-transaction
lookups (source, subscriptions) for every page; handing one page per call
to another process pays a round trip for every page.  ``Batcher`` lets the
items that arrive while the worker is busy wait, and hands them over
together (at most ``max_batch`` at a time, at most ``concurrency`` batches
in flight).  No timer: an item that arrives while the worker is idle goes
at once, so a slow trickle of pages is not delayed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

MAX_BATCH = 32

T = TypeVar("T")
R = TypeVar("R")

# Does a batch of work and returns its results in order.
Work = Callable[[list[T]], Awaitable[list[R]]]


@dataclass
class _Waiting(Generic[T, R]):
    item: T
    result: asyncio.Future[R]


class Batcher(Generic[T, R]):
    """Hand items to ``work`` in batches: those that arrive while it is busy go together."""

    def __init__(
        self,
        work: Work[T, R],
        *,
        max_batch: int = MAX_BATCH,
        concurrency: int = 1,
        whole_batch_errors: tuple[type[Exception], ...] = (),
    ) -> None:
        """Batches go to ``work`` (e.g. ``StoreProcess.store``); ``concurrency`` batches at most at once.

        A failed batch is tried again item by item, so one bad item fails
        alone; an error in ``whole_batch_errors`` is about the worker, not an
        item (the database is gone and the crawl is stopping), so it fails
        every item of the batch at once.
        """
        self._work = work
        self.max_batch = max_batch
        self.concurrency = concurrency
        self.whole_batch_errors = whole_batch_errors
        self._waiting: list[_Waiting[T, R]] = []
        self._drains = 0  # drains running (counted down as a drain ends, not when its task is reaped)
        self._tasks: set[asyncio.Task[None]] = set()  # held so the loop cannot collect them midway

    async def submit(self, item: T) -> R:
        """Hand one item over (in some batch) and return its result."""
        waiting: _Waiting[T, R] = _Waiting(item, asyncio.get_running_loop().create_future())
        self._waiting.append(waiting)
        if self._drains < self.concurrency:
            self._drains += 1
            task = asyncio.ensure_future(self._drain())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return await waiting.result

    async def _drain(self) -> None:
        # Batches are cut when a drain runs, not when an item arrives: the
        # items submitted meanwhile (in the same turn of the loop) go together.
        try:
            while self._waiting:
                batch, self._waiting = self._waiting[: self.max_batch], self._waiting[self.max_batch :]
                await self._run(batch)
        finally:
            # No await between the loop's last check and here: an item submitted
            # after this line finds a free slot and starts a drain of its own.
            self._drains -= 1

    async def _run(self, batch: list[_Waiting[T, R]]) -> None:
        try:
            results = await self._work([w.item for w in batch])
        except Exception as error:
            if len(batch) == 1 or isinstance(error, self.whole_batch_errors):
                for waiting in batch:
                    _fail(waiting, error)
                return
            # One item's failure (a bug, a bad row) must not fail its batch-mates: one by one.
            for waiting in batch:
                try:
                    [result] = await self._work([waiting.item])
                except Exception as single:
                    _fail(waiting, single)
                else:
                    _succeed(waiting, result)
            return
        for waiting, result in zip(batch, results, strict=True):
            _succeed(waiting, result)


def _succeed(waiting: _Waiting[T, R], result: R) -> None:
    if not waiting.result.done():  # the item may have been cancelled meanwhile
        waiting.result.set_result(result)


def _fail(waiting: _Waiting[T, R], error: Exception) -> None:
    if not waiting.result.done():
        waiting.result.set_exception(error)
