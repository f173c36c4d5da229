"""One spider per worker that crawls every configured source, whatever its site type.

A start message (``monitor.running.workers``) names a source and a crawl run; the
worker that pops it makes the source's start requests with the site type's
own spider (``crawler.spiders``) and pushes them into the shared queue.
Every request carries its source and run, so whichever worker pops it hands
the response to that source's site spider (a *delegate*, one per source in
this worker) and puts the requests it yields back into the queue.  Link
choice, pagination, revisits and page parsing are exactly the single-host
code; only where requests wait and who fetches them changes.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from twisted.internet.task import LoopingCall
from twisted.python.failure import Failure

from crawler.context import SourceContext, shared_database
from crawler.items import ArticlePage, NotModified
from crawler.middlewares import KIND, URL_STATE_META
from crawler.politeness import scrapy_overrides
from crawler.spiders import SPIDERS
from crawler.spiders.source_spider import SourceSpider
from crawler.workers.link import ClusterLink
from crawler.workers.patient_store import DATABASE_BACKOFF_BASE, DATABASE_BACKOFF_MAX, until_done
from crawler.workers.queue import ENTRY_META, RUN_META, SOURCE_META
from crawler.workers.run_items import ClusterArticlePage, ClusterNotModified, for_run
from monitor.archive.files import Archive
from monitor.backoff import backoff_seconds
from monitor.config import Settings, load_settings
from monitor.errors import ConfigError, SignwatchError, StoreError, StoreUnavailable
from monitor.running.workers import ClusterKeys, add_run_counts, known_at_run_start, read_start_message
from monitor.store import Database

logger = logging.getLogger("signwatch.cluster")

POLL_SECONDS = 0.25
TALLY_SECONDS = 2.0
START_BATCH = 16  # start messages taken per poll
DISCOVERY_PRIORITY = 10  # listings, feeds and sitemaps before articles


class ClusterSpider(Spider):
    """A worker's spider: pulls start messages and requests from Redis, writes to the shared store."""

    name = "signwatch-cluster"

    signwatch: Settings
    link: ClusterLink
    archive: Archive
    exit_when_idle: bool
    allowed_domains: list[str]
    idle_seconds: float

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """Load the config, check the cluster is configured, open the store and the Redis link."""
        config = kwargs.pop("config", None)
        exit_when_idle = bool(kwargs.pop("exit_when_idle", False))
        idle_seconds = float(kwargs.pop("idle_seconds", 30.0))
        settings = load_settings(Path(config) if config else None)
        if not settings.cluster.redis_url:
            raise ConfigError("signwatch worker needs [cluster] redis_url in the config")
        keys = ClusterKeys.of(settings.cluster)
        crawler.settings.setdict(scrapy_overrides(settings.crawler), priority="spider")
        # A worker lives until it is stopped; crawl_timeout bounds single-host crawls only.
        crawler.settings.set("CLOSESPIDER_TIMEOUT", 0, priority="spider")
        crawler.settings.set("SCHEDULER_QUEUE_KEY", keys.requests, priority="spider")
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.signwatch = settings
        spider.link = ClusterLink.open(
            settings.cluster.redis_url,
            keys,
            timeout=settings.cluster.worker_timeout,
            seen_ttl_hours=settings.cluster.seen_ttl_hours,
        )
        spider.archive = Archive(settings.archive_path)
        spider.exit_when_idle = exit_when_idle
        spider.idle_seconds = idle_seconds
        spider.allowed_domains = sorted(
            {domain for source in settings.sources for domain in _domains(source.allowed_domains, source)}
        )
        spider.setup()
        return spider

    def setup(self) -> None:
        """Per-worker state and signal handlers."""
        self.delegates: dict[str, tuple[SourceSpider, int, bool]] = {}  # source -> (spider, run, known loaded)
        self.tally: dict[int, Counter[str]] = {}
        self.idle_since: float | None = None
        self.store: Database | None = None
        self.store_retry_at = 0.0
        self.store_failures = 0
        self.saving: set[asyncio.Future[None]] = set()
        self.last: dict[str, float] = {}
        self.poller: LoopingCall | None = None  # made once the reactor is installed (at open)
        self.crawler.signals.connect(self.worker_opened, signal=signals.spider_opened)
        self.crawler.signals.connect(self.worker_closed, signal=signals.spider_closed)
        self.crawler.signals.connect(self.on_idle, signal=signals.spider_idle)
        self.crawler.signals.connect(self.item_done, signal=signals.item_scraped)
        self.crawler.signals.connect(self.item_done, signal=signals.item_dropped)
        self.crawler.signals.connect(self.item_failed, signal=signals.item_error)
        self.crawler.signals.connect(self.callback_failed, signal=signals.spider_error)

    @property
    def db(self) -> Database:
        """The shared store, once open (``store_ready`` or ``open_store`` first)."""
        if self.store is None:
            raise StoreUnavailable("the store is not open yet")
        return self.store

    def store_ready(self) -> bool:
        """Open the store if it is not open; False (and a logged retry) while the database is down."""
        if self.store is not None:
            return True
        if time.monotonic() < self.store_retry_at:
            return False
        try:
            self.store = shared_database(self.signwatch)
        except StoreError as error:
            self.store_failures += 1
            pause = backoff_seconds(self.store_failures, DATABASE_BACKOFF_BASE, DATABASE_BACKOFF_MAX)
            self.store_retry_at = time.monotonic() + pause
            logger.warning(
                "database unreachable (%s): opening the store, retry %d in %.0fs", error, self.store_failures, pause
            )
            return False
        return True

    async def open_store(self) -> Database:
        """The store, waiting (with retries) while the database is down."""
        if self.store is None:
            self.store = await until_done(
                shared_database, self.signwatch, what="opening the store", stopping=self.stopping
            )
        return self.store

    def stopping(self) -> bool:
        """Whether the worker was asked to stop (store retries then give up and leave requests queued)."""
        engine = self.crawler.engine
        return engine is None or not engine.running

    # --- lifetime ------------------------------------------------------------------

    def worker_opened(self, spider: Spider) -> None:
        """Announce the worker and start polling Redis for start messages."""
        logger.info("worker %s pulling from %s (prefix %s)", self.link.worker, self.link.url, self.link.keys.prefix)
        self.link.heartbeat()
        self.poller = LoopingCall(self.poll)
        self.poller.start(POLL_SECONDS, now=True)

    def worker_closed(self, spider: Spider, reason: str) -> None:
        """Save the last counts (the scheduler already put unfinished requests back)."""
        if self.poller is not None and self.poller.running:
            self.poller.stop()
        try:
            self._save_tally()
        except Exception as error:  # the database may be down at the very end
            logger.warning("run counts not saved at stop: %s", error)
        logger.info("worker %s stopped (%s)", self.link.worker, reason)

    async def start(self) -> AsyncIterator[Request]:
        """Nothing of its own: requests come from start messages and the shared queue."""
        for _ in ():
            yield _

    def poll(self) -> None:
        """Every quarter second: heartbeat, start messages, dead workers, run counts, waking the engine."""
        try:
            self._poll()
        except Exception:  # an exception would stop the LoopingCall, and with it the heartbeat
            logger.exception("worker poll failed; polling goes on")

    def _poll(self) -> None:
        now = time.monotonic()
        if self._every("heartbeat", self.link.timeout / 3, now):
            self.link.heartbeat()
        if self._every("reclaim", self.link.timeout / 2, now):
            self.link.reclaim_dead()
        if self._every("tally", TALLY_SECONDS, now) and self.tally:
            self._save_tally_soon()
        if not self.stopping():
            self.take_start_messages()
            self._wake_engine()

    def _wake_engine(self) -> None:
        # Scrapy asks an empty scheduler again only on its 5-second heartbeat; other
        # workers fill the shared queue meanwhile, so ask it on every poll instead.
        # (No public API for this: the engine's slot is private.)
        slot = getattr(self.crawler.engine, "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule()

    def _every(self, what: str, seconds: float, now: float) -> bool:
        if now - self.last.get(what, 0.0) < seconds:
            return False
        self.last[what] = now
        return True

    def on_idle(self) -> None:
        """Stay open while the cluster has work; with --exit-when-idle, close after idle_seconds of none."""
        self.take_start_messages()
        if not self.exit_when_idle or self.link.others_busy() or self.tally or self.saving:
            self.idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.idle_seconds:
            raise DontCloseSpider
        logger.info("worker %s idle for %.0fs: exiting", self.link.worker, self.idle_seconds)

    # --- start messages --------------------------------------------------------------

    def take_start_messages(self) -> None:
        """Turn waiting start messages into start requests in the shared queue."""
        engine = self.crawler.engine
        if engine is None or engine.spider is None or not self.store_ready():
            return  # a start message stays in Redis until this worker can crawl it
        for _ in range(START_BATCH):
            data = self.link.guarded("start messages", self.link.client.rpop, self.link.keys.start)
            if not data:
                return
            message = read_start_message(data)
            if message is None:
                logger.warning("ignored a start message that is not one: %r", data[:200])
                continue
            source, run = message
            delegate = self._delegate(source, run)
            if delegate is None:
                continue
            for request in delegate.entry_requests():
                engine.crawl(self._adopt(request, source, run))
            logger.info("source=%s run=%d queued its start pages", source, run)

    # --- routing to the site spiders ---------------------------------------------

    def _delegate(self, name: str, run: int) -> SourceSpider | None:
        """The site spider of source ``name`` for ``run`` (a new run starts it afresh)."""
        current = self.delegates.get(name)
        if current is not None and current[1] >= run:
            return current[0]
        try:
            source = self.signwatch.source(name)
        except SignwatchError as error:
            logger.warning("source=%s run=%d not crawled: %s", name, run, error)
            return None
        spider_class = SPIDERS[source.type]
        delegate = spider_class(name=spider_class.name)
        delegate.crawler = self.crawler
        delegate.settings = self.crawler.settings
        delegate.context = SourceContext(self.signwatch, source, self.db, self.archive)
        delegate.allowed_domains = list(_domains(source.allowed_domains, source))
        delegate.requested = 0
        delegate.first_errors = []
        self.delegates[name] = (delegate, run, False)
        return delegate

    async def _ready_delegate(self, name: str, run: int, *, needs_known: bool) -> SourceSpider | None:
        delegate = self._delegate(name, run)
        if delegate is None or not needs_known:
            return delegate
        _spider, current_run, loaded = self.delegates[name]
        if not loaded:
            # Like a single-host crawl, a run knows what was stored when it started.
            known = await until_done(
                known_at_run_start, self.db, name, current_run, what=f"stored URLs of {name}", stopping=self.stopping
            )
            delegate.context.known = known
            self.delegates[name] = (delegate, current_run, True)
        return delegate

    def _adopt(self, request: Request, source: str, run: int) -> Request:
        """A site spider's request, made this spider's (callbacks by name) and tagged with source and run."""
        callback = getattr(self, getattr(request.callback, "__name__", "parse_listing"))
        meta = {**request.meta, SOURCE_META: source, RUN_META: run}
        meta.pop(ENTRY_META, None)
        # Listings first: each holds the link to the next one, and all workers wait on that chain.
        # (Single-host Scrapy gets this from its LIFO queue; the shared queue orders by priority.)
        priority = request.priority + (DISCOVERY_PRIORITY if meta.get(KIND) != "article" else 0)
        return request.replace(callback=callback, errback=self.on_error, meta=meta, priority=priority)

    async def _route(self, response: Response, method: str) -> AsyncIterator[Any]:
        meta = response.meta
        source, run, entry = str(meta.get(SOURCE_META, "")), int(meta.get(RUN_META, 0)), meta.get(ENTRY_META)
        handed_on = False
        try:
            await self.open_store()
            delegate = await self._ready_delegate(source, run, needs_known=method != "parse_article")
            if delegate is None:
                return
            stats = self.crawler.stats
            assert stats is not None
            links_before = int(stats.get_value("signwatch/listing_links", 0) or 0)
            state = meta.get(URL_STATE_META)
            for output in getattr(delegate, method)(response):
                if isinstance(output, ArticlePage | NotModified):
                    handed_on = True
                    yield for_run(output, run, entry, getattr(state, "content_hash", None))
                elif isinstance(output, Request):
                    yield self._adopt(output, source, run)
                else:
                    yield output
            self.count(run, "pages")
            self.count(run, "listing_links", int(stats.get_value("signwatch/listing_links", 0) or 0) - links_before)
        except StoreUnavailable:
            handed_on = True  # not finished: the request stays in processing and goes back at stop
            raise
        finally:
            if not handed_on:
                self.link.ack(entry)

    async def parse_listing(self, response: Response) -> AsyncIterator[Any]:
        """A listing page of some source."""
        async for output in self._route(response, "parse_listing"):
            yield output

    async def parse_feed(self, response: Response) -> AsyncIterator[Any]:
        """A feed of some source."""
        async for output in self._route(response, "parse_feed"):
            yield output

    async def parse_sitemap(self, response: Response) -> AsyncIterator[Any]:
        """A sitemap of some source."""
        async for output in self._route(response, "parse_sitemap"):
            yield output

    async def parse_article(self, response: Response) -> AsyncIterator[Any]:
        """An article page of some source."""
        async for output in self._route(response, "parse_article"):
            yield output

    def on_error(self, failure: Failure) -> None:
        """A failed request: the site spider describes it, the run counts it, the queue forgets it."""
        request = getattr(failure, "request", None)
        meta = request.meta if request is not None else {}
        source, run = str(meta.get(SOURCE_META, "")), int(meta.get(RUN_META, 0))
        delegate = self.delegates.get(source)
        stats = self.crawler.stats
        before = int(stats.get_value("signwatch/errors", 0) or 0) if stats else 0
        if delegate is not None:
            delegate[0].on_error(failure)
        if stats is not None:
            self.count(run, "errors", int(stats.get_value("signwatch/errors", 0) or 0) - before)
        self.link.ack(meta.get(ENTRY_META))

    # --- acknowledgements and counts ---------------------------------------------

    def item_done(self, item: Any, **_: Any) -> None:
        """An article stored or dropped: its request is finished."""
        if isinstance(item, ClusterArticlePage | ClusterNotModified):
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

    def count(self, run: int, key: str, amount: int = 1) -> None:
        """Add to a run's counter (saved to its crawl run every few seconds)."""
        if run and amount:
            self.tally.setdefault(run, Counter())[key] += amount

    def _take_tally(self) -> dict[int, dict[str, int]]:
        counts = {run: dict(counter) for run, counter in self.tally.items()}
        self.tally = {}
        return counts

    def _save_tally_soon(self) -> None:
        counts = self._take_tally()

        async def save() -> None:
            try:
                await until_done(add_run_counts, self.db, counts, what="run counts", stopping=self.stopping)
            except StoreUnavailable:
                self._merge_back(counts)

        # The reactor runs on asyncio; keep the task referenced until it is done.
        task = asyncio.ensure_future(save())
        self.saving.add(task)
        task.add_done_callback(self.saving.discard)

    def _merge_back(self, counts: dict[int, dict[str, int]]) -> None:
        for run, values in counts.items():
            self.tally.setdefault(run, Counter()).update(values)

    def _save_tally(self) -> None:
        counts = self._take_tally()
        if counts:
            add_run_counts(self.db, counts)


def _domains(configured: list[str], source: Any) -> list[str]:
    if configured:
        return list(configured)
    urls = [*source.start_urls, *source.feeds, *source.sitemaps]
    return sorted({urlsplit(url).hostname or "" for url in urls} - {""})
