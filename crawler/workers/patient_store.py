"""Store calls that outlast a PostgreSQL outage: retried with backoff, never dropped."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy.exc import InterfaceError, OperationalError

from crawler.context import in_worker
from crawler.processes import StorePage
from monitor.backoff import backoff_seconds
from monitor.errors import PartlyStored, StoreError, StoreUnavailable
from monitor.records import IngestResult

logger = logging.getLogger("signwatch.workers")

T = TypeVar("T")
# A page as the store process takes it (packed by a clean process or not).
P = TypeVar("P", bound=StorePage)

DATABASE_BACKOFF_BASE = 1.0
DATABASE_BACKOFF_MAX = 60.0


async def until_done(
    function: Callable[..., T], *args: Any, what: str, stopping: Callable[[], bool], **kwargs: Any
) -> T:
    """Run a store call in the store thread, retrying while the database is unreachable (``retry_while_down``)."""
    return await retry_while_down(lambda: in_worker(function, *args, **kwargs), what=what, stopping=stopping)


async def retry_while_down(attempt: Callable[[], Awaitable[T]], *, what: str, stopping: Callable[[], bool]) -> T:
    """Await ``attempt()`` until it gets through to the database.

    Connection-level errors (OperationalError, InterfaceError, and the
    StoreError that ``Database.session`` makes of them)
    wait and retry with exponential backoff, one log line per retry;
    anything else (a real bug, a constraint the caller did not expect) is
    raised.  When the worker is stopping, StoreUnavailable is raised instead
    of waiting on: the request is then not acknowledged and goes back to the queue.
    """
    failures = 0
    while True:
        try:
            return await attempt()
        except (OperationalError, InterfaceError, StoreError) as error:
            failures += 1
            if stopping():
                raise StoreUnavailable(f"database unreachable while stopping: {what} left in the queue") from error
            pause = backoff_seconds(failures, DATABASE_BACKOFF_BASE, DATABASE_BACKOFF_MAX)
            reason = " ".join(str(getattr(error, "orig", None) or error).split())[:200]
            logger.warning("database unreachable (%s): %s, retry %d in %.0fs", reason, what, failures, pause)
            await asyncio.sleep(pause)


async def store_until_done(
    store: Callable[[list[P]], Awaitable[list[IngestResult]]],
    pages: list[P],
    *,
    stopping: Callable[[], bool],
) -> list[IngestResult]:
    """Store a batch with ``store``, retrying while the database is unreachable; results in order.

    A retry after a batch was partly stored (``PartlyStored``) hands over
    only the pages not yet stored, so each page's outcome is the one its
    first storing had.
    """
    stored: list[IngestResult] = []

    async def the_rest() -> list[IngestResult]:
        try:
            return stored + await store(pages[len(stored) :])
        except PartlyStored as error:
            stored.extend(error.stored)
            raise

    return await retry_while_down(the_rest, what=f"{len(pages)} article(s) from {pages[0].page.url}", stopping=stopping)
