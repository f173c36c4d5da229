"""A worker's Scrapy spider: one per worker, crawling every configured source, whatever its site type.

It lives as long as the worker: opens the store and the Redis link, polls
Redis (heartbeat, start messages, dead workers), stays open while the
workers have work, and hands each response to the site spider of the
request's source and run (``crawler.workers.runs``), putting the requests
that spider yields back into the shared queue.  Link choice, pagination,
revisits and page parsing are exactly the single-host code; only where
requests wait and who fetches them changes.  Finished requests are
acknowledged by ``crawler.workers.acks``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Self

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from twisted.internet.task import LoopingCall
from twisted.python.failure import Failure

from crawler.context import shared_database
from crawler.items import ArticlePage, NotModified
from crawler.middlewares import KIND, URL_STATE_META
from crawler.pipelines import PageNotStored
from crawler.politeness import scrapy_overrides
from crawler.processes import NOT_ARTICLE
from crawler.spiders.source_spider import NO_LINKS
from crawler.workers.acks import Acknowledgements
from crawler.workers.link import WorkerLink
from crawler.workers.patient_store import DATABASE_BACKOFF_BASE, DATABASE_BACKOFF_MAX, until_done
from crawler.workers.queue import ENTRY_META, RUN_META, SOURCE_META
from crawler.workers.run_items import for_run
from crawler.workers.runs import RunDelegates, RunTally, domains
from monitor.archive.files import Archive
from monitor.backoff import backoff_seconds
from monitor.config import Settings, load_settings
from monitor.errors import ConfigError, StoreError, StoreUnavailable
from monitor.running.workers import WorkerQueueKeys
from monitor.store import Database

logger = logging.getLogger("signwatch.workers")

POLL_SECONDS = 0.25
TALLY_SECONDS = 2.0
DISCOVERY_PRIORITY = 10  # listings, feeds and sitemaps before articles


class WorkerSpider(Spider):
    """A worker's spider: pulls start messages and requests from Redis, writes to the shared store."""

    name = "signwatch-worker"

    signwatch: Settings
    link: WorkerLink
    archive: Archive
    exit_when_idle: bool
    allowed_domains: list[str]
    idle_seconds: float

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """Load the config, check ``[workers]`` is configured, open the store and the Redis link."""
        config = kwargs.pop("config", None)
        exit_when_idle = bool(kwargs.pop("exit_when_idle", False))
        idle_seconds = float(kwargs.pop("idle_seconds", 30.0))
        settings = load_settings(Path(config) if config else None)
        if not settings.workers.redis_url:
            raise ConfigError("signwatch worker needs [workers] redis_url in the config")
        keys = WorkerQueueKeys.of(settings.workers)
        crawler.settings.setdict(scrapy_overrides(settings.crawler), priority="spider")
        # A worker lives until it is stopped; crawl_timeout bounds single-host crawls only.
        crawler.settings.set("CLOSESPIDER_TIMEOUT", 0, priority="spider")
        crawler.settings.set("SCHEDULER_QUEUE_KEY", keys.requests, priority="spider")
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.signwatch = settings
        spider.link = WorkerLink.open(
            settings.workers.redis_url,
            keys,
            timeout=settings.workers.worker_timeout,
            seen_ttl_hours=settings.workers.seen_ttl_hours,
        )
        spider.archive = Archive(settings.archive_path, settings.archive.layout)
        spider.exit_when_idle = exit_when_idle
        spider.idle_seconds = idle_seconds
        spider.allowed_domains = sorted(
            {domain for source in settings.sources for domain in domains(source.allowed_domains, source)}
        )
        spider.setup()
        return spider

    def setup(self) -> None:
        """Per-worker state and signal handlers."""
        self.tally = RunTally(lambda: self.db, self.stopping)
        self.runs = RunDelegates(
            self.crawler, self.signwatch, self.archive, lambda: self.db, self.stopping, problems=self.run_problem
        )
        self.acks = Acknowledgements(self.link)
        self.idle_since: float | None = None
        self.store: Database | None = None
        self.store_retry_at = 0.0
        self.store_failures = 0
        self.last: dict[str, float] = {}
        self.poller: LoopingCall | None = None  # made once the reactor is installed (at open)
        self.crawler.signals.connect(self.worker_opened, signal=signals.spider_opened)
        self.crawler.signals.connect(self.worker_closed, signal=signals.spider_closed)
        self.crawler.signals.connect(self.on_idle, signal=signals.spider_idle)
        self.crawler.signals.connect(self.on_dropped, signal=signals.item_dropped)
        self.acks.connect(self.crawler.signals)

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
            self.tally.save_now()
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
        if self._every("tally", TALLY_SECONDS, now) and self.tally.counts:
            self.tally.save_soon()
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
        """Stay open while the workers have work; with --exit-when-idle, close after idle_seconds of none."""
        self.take_start_messages()
        if not self.exit_when_idle or self.link.others_busy() or self.tally.busy:
            self.idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.idle_seconds:
            raise DontCloseSpider
        logger.info("worker %s idle for %.0fs: exiting", self.link.worker, self.idle_seconds)

    # --- start messages and routing to the site spiders --------------------------

    def take_start_messages(self) -> None:
        """Turn waiting start messages into start requests in the shared queue."""
        engine = self.crawler.engine
        if engine is None or engine.spider is None or not self.store_ready():
            return  # a start message stays in Redis until this worker can crawl it
        queue = engine.crawl
        self.runs.take_start_messages(self.link, lambda request, source, run: queue(self._adopt(request, source, run)))

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
            delegate = await self.runs.ready(source, run, needs_known=method != "parse_article")
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
            if method == "parse_listing":
                await self.runs.keep_listing(source, response.request.url if response.request else response.url)
            self.tally.count(run, "pages")
            links = int(stats.get_value("signwatch/listing_links", 0) or 0) - links_before
            self.tally.count(run, "listing_links", links)
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

    def run_problem(self, response: Response, outcome: str, reason: str) -> None:
        """A page problem a site spider met on ``response``: kept with the response's run, as a single host keeps it.

        A listing page without article links (the type does not fit the site)
        is also the run's error, as ``crawler.extensions`` makes it of a
        single-host run: unless the run has one already, the first such line.
        """
        run = int(response.meta.get(RUN_META, 0) or 0)
        self.tally.problem(run, outcome, response.url, reason, run_error=outcome == NO_LINKS)

    def on_dropped(self, item: Any, exception: BaseException, **_: Any) -> None:
        """A page the pipelines did not store as not an article, or as an error: its run counts it."""
        run = getattr(item, "run", 0)
        if run and isinstance(exception, PageNotStored):
            self.tally.count(run, "not_articles" if exception.outcome == NOT_ARTICLE else "errors")

    def on_error(self, failure: Failure) -> None:
        """A failed request: the site spider describes it, the run counts it, the queue forgets it."""
        request = getattr(failure, "request", None)
        meta = request.meta if request is not None else {}
        source, run = str(meta.get(SOURCE_META, "")), int(meta.get(RUN_META, 0))
        delegate = self.runs.current(source)
        stats = self.crawler.stats
        before = int(stats.get_value("signwatch/errors", 0) or 0) if stats else 0
        if delegate is not None:
            delegate.on_error(failure)
        if stats is not None:
            self.tally.count(run, "errors", int(stats.get_value("signwatch/errors", 0) or 0) - before)
        self.link.ack(meta.get(ENTRY_META))
