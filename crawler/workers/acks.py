"""Acknowledging a worker's requests: a popped request leaves the worker's processing set once it is finished.

A request popped from the shared queue stays in this worker's processing set
(``crawler.workers.link``) until it is finished: its callback ran without
handing an item on, its article was stored or dropped, its 304 was recorded,
or it failed for good.  Until then a worker that dies gives it back to the
queue.  The exception is work the database was down for as the worker
stopped: that is not finished, so its request stays and goes back to the queue.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.http import Response
from scrapy.signalmanager import SignalManager
from twisted.python.failure import Failure

from crawler.workers.link import WorkerLink
from crawler.workers.queue import ENTRY_META
from crawler.workers.run_items import WorkerArticlePage, WorkerNotModified
from monitor.errors import StoreUnavailable

logger = logging.getLogger("signwatch.workers")


class Acknowledgements:
    """The signal handlers that acknowledge requests whose items or callbacks are finished."""

    def __init__(self, link: WorkerLink) -> None:
        self.link = link

    def connect(self, manager: SignalManager) -> None:
        """Listen to the crawler's item and callback signals (the spider keeps this object alive)."""
        manager.connect(self.item_done, signal=signals.item_scraped)
        manager.connect(self.item_done, signal=signals.item_dropped)
        manager.connect(self.item_failed, signal=signals.item_error)
        manager.connect(self.callback_failed, signal=signals.spider_error)

    def item_done(self, item: Any, **_: Any) -> None:
        """An article stored or dropped: its request is finished."""
        if isinstance(item, WorkerArticlePage | WorkerNotModified):
            self.link.ack(item.entry)

    def item_failed(self, item: Any, failure: Failure, **_: Any) -> None:
        """An item that failed: finished, unless the database was down at stop (then it stays queued)."""
        if isinstance(failure.value, StoreUnavailable):
            logger.warning("%s", failure.value)
            return
        self.item_done(item)

    def callback_failed(self, failure: Failure, response: Response, **_: Any) -> None:
        """A callback that raised: finished too (a bug must not bounce between workers forever).

        Except when the database was down as the worker stopped: that request goes back to the queue.
        """
        if isinstance(failure.value, StoreUnavailable):
            logger.warning("%s", failure.value)
            return
        self.link.ack(response.meta.get(ENTRY_META))
