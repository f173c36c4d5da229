"""The crawl's deadline: close the spider at the wall-clock time its starter gave (``SIGNWATCH_CLOSE_AT``).

``monitor.running.crawl`` kills the crawl process at ``crawler.crawl_timeout``
and asks it to close its spiders a little before (``crawler.run --close-at``),
so that a crawl that runs out of time still records its runs and its counts.
Scrapy's own CLOSESPIDER_TIMEOUT counts from the moment the spider opened,
seconds after the process started; this counts from the same clock as the
kill.  Without the setting (``scrapy crawl``, the workers) it does nothing.

A spider closes only when its downloads in flight have ended, so a page that
never answers would hold it open until its download timeout, past the kill:
each download's timeout is cut to end at the deadline (give or take its
wait for a turn at its host).  The daemon's long-lived crawl process
(``crawler.serve``) then closes a hung source's spider in time and goes on
with its next batch, not killed.
"""

from __future__ import annotations

import logging
import time
from typing import Self

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import CallLaterResult, call_later
from scrapy.utils.defer import deferred_from_coro

logger = logging.getLogger(__name__)

# Seconds: the shortest timeout a download gets near the deadline (it must still be able to start).
MIN_TIMEOUT = 1.0

CLOSE_AT_SETTING = "SIGNWATCH_CLOSE_AT"


def close_at(crawler: Crawler) -> float:
    """The wall-clock time (seconds since the epoch) by which the crawl closes; 0 when it has none."""
    return max(0.0, crawler.settings.getfloat(CLOSE_AT_SETTING, 0.0))


class CrawlDeadline:
    """Closes the spider (reason ``closespider_timeout``) at ``SIGNWATCH_CLOSE_AT``."""

    def __init__(self, crawler: Crawler, when: float) -> None:
        self.crawler = crawler
        self.when = when
        self.call: CallLaterResult | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Not configured without ``SIGNWATCH_CLOSE_AT``."""
        when = close_at(crawler)
        if not when:
            raise NotConfigured
        extension = cls(crawler, when)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.request_reached_downloader, signal=signals.request_reached_downloader)
        return extension

    def request_reached_downloader(self, request: Request, spider: Spider) -> None:
        """Cut the request's download timeout to end at the deadline (its middlewares have set it by now)."""
        left = max(MIN_TIMEOUT, self.when - time.time())
        timeout = request.meta.get("download_timeout")
        if not timeout or float(timeout) > left:
            request.meta["download_timeout"] = left

    def spider_opened(self, spider: Spider) -> None:
        """Schedule the close."""
        self.call = call_later(max(0.0, self.when - time.time()), self._close)

    def spider_closed(self, spider: Spider) -> None:
        """Cancel the close of a spider that finished first."""
        if self.call is not None:
            self.call.cancel()
        self.call = None

    def _close(self) -> None:
        self.call = None
        engine = self.crawler.engine
        if engine is None:
            return
        logger.warning("crawl time limit reached: closing the spider")
        deferred_from_coro(engine.close_spider_async(reason="closespider_timeout"))
