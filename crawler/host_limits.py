"""Per-host politeness across every crawler of a process: one host's limits, however many sources it serves.

A crawl process runs one Scrapy crawler per source, and each crawler's
downloader keeps its own per-domain slots.  Scrapy's limits
(``CONCURRENT_REQUESTS_PER_DOMAIN``, ``DOWNLOAD_DELAY``) therefore held per
source: a batch of 500 sources on one portal sent it 500 times the
configured concurrency, and its listings timed out.  ``HostLimitedHTTPHandler``
(Scrapy's HTTP download handler, named in ``DOWNLOAD_HANDLERS``) takes a
turn at the host's ``HostTurns`` before each download and shares one
connection pool among the crawlers, so the host sees at most
``concurrency_per_domain`` requests and connections at once and starts at
least ``download_delay`` apart, as one source alone would.  Each crawler's
own slot (its AutoThrottle, its per-source results and stats) is Scrapy's
as before.  The wait for a turn is not download time: ``DOWNLOAD_TIMEOUT``
runs from the download's start, so a long queue at a busy host is not a
timeout of the site.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.utils.httpobj import urlparse_cached

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class HostTurns:
    """One host's turns: at most ``concurrency`` requests at once, their starts ``delay`` apart (± ``jitter``)."""

    def __init__(self, concurrency: int, delay: float = 0.0, jitter: float = 0.0) -> None:
        """Limits as Scrapy's slot takes them: a delay of 0 spaces nothing."""
        self.concurrency, self.delay, self.jitter = self.limits(concurrency, delay, jitter)
        self.busy = 0  # requests holding a turn now
        self.users = 0  # requests holding or waiting for a turn
        self._places = asyncio.Semaphore(self.concurrency)
        self._spacing = asyncio.Lock()
        self._next_start = 0.0  # the loop's time before which no request of the host starts

    @staticmethod
    def limits(concurrency: int, delay: float, jitter: float) -> tuple[int, float, float]:
        """The limits as the turns hold them: at least one request at once, no negative delay or jitter."""
        return max(1, concurrency), max(0.0, delay), max(0.0, jitter)

    def follow(self, earlier: HostTurns) -> None:
        """Take over from ``earlier`` turns of the host: the next start waits for the delay since its last."""
        self._next_start = earlier._next_start

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Wait for a free place and for the delay since the host's last start; hold the place while inside."""
        self.users += 1
        try:
            async with self._places:
                await self._wait_for_delay()
                self.busy += 1
                try:
                    yield
                finally:
                    self.busy -= 1
        finally:
            self.users -= 1

    def idle(self, now: float) -> bool:
        """Nobody holds or waits for a turn, and the delay since the last start has passed (the loop's time)."""
        return self.users == 0 and now >= self._next_start

    async def _wait_for_delay(self) -> None:
        if self.delay <= 0:
            return
        # One place-holder at a time measures the delay, in the order they came.
        async with self._spacing:
            loop = asyncio.get_running_loop()
            wait = self._next_start - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self._next_start = loop.time() + self._drawn_delay()

    def _drawn_delay(self) -> float:
        # Scrapy's own spread (DOWNLOAD_DELAY_JITTER): the delay times 1 ± jitter.
        if not self.jitter:
            return self.delay
        return max(0.0, self.delay * (1 + random.uniform(-self.jitter, self.jitter)))


class HostLimits:
    """Every host's ``HostTurns`` in this process, made on first use with the limits of the crawler that asked."""

    def __init__(self, keep: int = 1024) -> None:
        """No host yet; past ``keep`` hosts, idle ones are forgotten."""
        self.keep = keep
        self._hosts: dict[str, HostTurns] = {}

    def of(self, host: str, concurrency: int, delay: float, jitter: float) -> HostTurns:
        """The turns of ``host`` with these limits (every crawler of a config asks with the same ones).

        Limits other than the host's turns have come from a config changed
        since (the daemon reloaded it: a long-lived process reads it again):
        the host gets new turns with the new limits, its next start still
        spaced from its last.  Requests inside the old turns finish there.
        """
        turns = self._hosts.get(host)
        if turns is not None and (turns.concurrency, turns.delay, turns.jitter) == HostTurns.limits(
            concurrency, delay, jitter
        ):
            return turns
        if turns is None and len(self._hosts) >= self.keep:
            self._forget_idle()
        fresh = self._hosts[host] = HostTurns(concurrency, delay, jitter)
        if turns is not None:
            fresh.follow(turns)
        return fresh

    def _forget_idle(self) -> None:
        # A long-lived crawl worker meets many hosts: an idle host's turns hold
        # nothing worth keeping (its delay has passed), so they are made again.
        now = asyncio.get_running_loop().time()
        for host in [host for host, turns in self._hosts.items() if turns.idle(now)]:
            del self._hosts[host]

    def __len__(self) -> int:
        """Hosts seen so far."""
        return len(self._hosts)


# This process's hosts and connection pool, shared by every crawler it runs.
PROCESS_HOSTS = HostLimits()
_SHARED_POOL: dict[str, Any] = {}  # "pool": the HTTPConnectionPool, "users": handlers not yet closed


class HostLimitedHTTPHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler, its downloads taking turns per host with every other crawler of the process."""

    def __init__(self, crawler: Crawler) -> None:
        """Scrapy's handler; its connection pool replaced by the process's."""
        super().__init__(crawler)
        settings = crawler.settings
        self._concurrency = settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
        self._delay = settings.getfloat("DOWNLOAD_DELAY")
        self._jitter = settings.getfloat("DOWNLOAD_DELAY_JITTER")
        # One pool: a host's idle keep-alive connections serve every crawler, so the
        # host's open connections stay within its concurrency (a pool per crawler
        # kept up to that many per source).
        if "pool" not in _SHARED_POOL:
            _SHARED_POOL["pool"], _SHARED_POOL["users"] = self._pool, 0
        else:
            self._pool = _SHARED_POOL["pool"]
        _SHARED_POOL["users"] += 1

    async def download_request(self, request: Request) -> Response:
        """Download ``request`` when its host gives it a turn."""
        host = urlparse_cached(request).hostname or ""
        async with PROCESS_HOSTS.of(host, self._concurrency, self._delay, self._jitter).turn():
            return await super().download_request(request)

    async def close(self) -> None:
        """Close the shared pool's idle connections when the process's last crawler closes."""
        _SHARED_POOL["users"] -= 1
        if _SHARED_POOL["users"] <= 0 and _SHARED_POOL.get("pool") is self._pool:
            _SHARED_POOL.clear()
            await super().close()
