"""The crawl runs a worker takes part in: opened by start messages, served by site spiders, counted.

A start message (``monitor.running.workers``) names a source and a crawl
run; the worker that pops it makes the source's start requests with the site
type's own spider (``crawler.spiders``).  Every request carries its source and
run, so whichever worker pops it hands the response to that source's site
spider here (a *delegate*, one per source in this worker, made afresh when a
newer run of the source comes).  What the worker fetched and stored for each
run is added to the run's counters in the database every few seconds: no
single worker sees the whole of a shared crawl.  So are the run's page
problems a site spider meets (a listing page without article links: the
type does not fit the site), which become the run's error as they do in a
single-host crawl.  What a listing page answered (validators, the
fingerprint of its article links: ``monitor.running.listings``) is loaded
with the delegate and saved as soon as the page is read, so the next poll,
whichever worker makes it, asks with its validators as a single host does.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.context import SourceContext
from crawler.spiders import SPIDERS
from crawler.spiders.source_spider import SourceSpider
from crawler.workers.link import WorkerLink
from crawler.workers.patient_store import until_done
from monitor.archive.files import Archive
from monitor.config import Settings
from monitor.errors import SignwatchError, StoreUnavailable
from monitor.running.listings import ListingMemo, load_listing_memos, save_listing_memos
from monitor.running.runs import MAX_PAGE_PROBLEMS
from monitor.running.workers import (
    PageProblemLine,
    add_run_counts,
    known_at_run_start,
    read_start_message,
    take_run_lease,
)
from monitor.store import Database

logger = logging.getLogger("signwatch.workers")

START_BATCH = 16  # start messages taken per poll

# Queues a start request of (source, run) with the worker's spider.
CrawlRequest = Callable[[Request, str, int], None]
# Takes a page problem a site spider met: the response (its meta names the run), the outcome, the reason.
ProblemSink = Callable[[Response, str, str], None]


class RunDelegates:
    """The site spider of each source, for the newest run of the source this worker has met."""

    def __init__(
        self,
        crawler: Crawler,
        settings: Settings,
        archive: Archive,
        db: Callable[[], Database],
        stopping: Callable[[], bool],
        problems: ProblemSink | None = None,
    ) -> None:
        self.crawler = crawler
        self.settings = settings
        self.archive = archive
        self._db = db
        self._stopping = stopping
        self._problems = problems
        self.spiders: dict[str, tuple[SourceSpider, int, bool]] = {}  # source -> (spider, run, known loaded)

    def take_start_messages(self, link: WorkerLink, crawl: CrawlRequest) -> None:
        """Turn up to START_BATCH waiting start messages into start requests, each handed to ``crawl``."""
        for _ in range(START_BATCH):
            data = link.guarded("start messages", link.client.rpop, link.keys.start)
            if not data:
                return
            message = read_start_message(data)
            if message is None:
                logger.warning("ignored a start message that is not one: %r", data[:200])
                continue
            source, run = message
            delegate = self.get(source, run)
            if delegate is None:
                continue
            # One crawl of a source at a time, single-host crawls included: the run takes the source's lease.
            try:
                skipped = take_run_lease(self._db(), source, run)
            except SignwatchError as error:
                link.guarded("start messages", link.client.rpush, link.keys.start, data)  # back, to try again
                logger.warning("source=%s run=%d waits: its crawl lease could not be taken: %s", source, run, error)
                return
            if skipped is not None:
                logger.info("source=%s run=%d %s", source, run, skipped)
                continue
            for request in delegate.entry_requests():
                crawl(request, source, run)
            logger.info("source=%s run=%d queued its start pages", source, run)

    def get(self, name: str, run: int) -> SourceSpider | None:
        """The site spider of source ``name`` for ``run`` (a new run starts it afresh)."""
        current = self.spiders.get(name)
        if current is not None and current[1] >= run:
            return current[0]
        try:
            source = self.settings.source(name)
        except SignwatchError as error:
            logger.warning("source=%s run=%d not crawled: %s", name, run, error)
            return None
        spider_class = SPIDERS[source.type]
        delegate = spider_class(name=spider_class.name)
        delegate.crawler = self.crawler
        delegate.settings = self.crawler.settings
        delegate.context = SourceContext(self.settings, source, self._db(), self.archive)
        delegate.allowed_domains = list(domains(source.allowed_domains, source))
        delegate.requested = 0
        delegate.first_errors = []
        # A delegate serves whichever run of its source a response belongs to: its problems go by the response.
        delegate.problem_sink = self._problems
        delegate.listing_memos = self._listing_memos(name, run)
        self.spiders[name] = (delegate, run, False)
        return delegate

    def _listing_memos(self, name: str, run: int) -> dict[str, ListingMemo]:
        """What the source's listing pages answered last (none when the store cannot say: pages are read whole)."""
        try:
            return load_listing_memos(self._db(), name)
        except SignwatchError as error:
            logger.warning("source=%s run=%d listing pages read whole: %s", name, run, error)
            return {}

    async def keep_listing(self, name: str, url: str) -> None:
        """Save what the site spider of ``name`` read on listing page ``url``: the next poll asks with it.

        A single-host crawl saves its listing pages when its spider closes;
        a worker's share of a run never closes, so each page is saved as
        soon as it is read (a poll reads one or two).  A save the database
        refuses while the worker stops is given up with a warning: the next
        poll reads that page whole, nothing else is lost.
        """
        current = self.spiders.get(name)
        memo = current[0].listings_read.pop(url, None) if current is not None else None
        if memo is None:
            return  # a 304: what is stored stands
        try:
            await until_done(
                save_listing_memos, self._db(), name, [memo], what=f"listing page {url}", stopping=self._stopping
            )
        except StoreUnavailable as error:
            logger.warning("source=%s listing page %s not saved: %s", name, url, error)

    async def ready(self, name: str, run: int, *, needs_known: bool) -> SourceSpider | None:
        """The site spider for ``run``, with the URLs stored at the run's start loaded when ``needs_known``."""
        delegate = self.get(name, run)
        if delegate is None or not needs_known:
            return delegate
        _spider, current_run, loaded = self.spiders[name]
        if not loaded:
            # Like a single-host crawl, a run knows what was stored when it started.
            known = await until_done(
                known_at_run_start,
                self._db(),
                name,
                current_run,
                what=f"stored URLs of {name}",
                stopping=self._stopping,
            )
            delegate.context.known = known
            # The listing pages as the store has them now (another worker's delegate may have read some).
            delegate.listing_memos = await until_done(
                load_listing_memos, self._db(), name, what=f"listing pages of {name}", stopping=self._stopping
            )
            self.spiders[name] = (delegate, current_run, True)
        return delegate

    def current(self, name: str) -> SourceSpider | None:
        """The site spider source ``name`` has now, if any (for describing a failed request)."""
        current = self.spiders.get(name)
        return current[0] if current is not None else None


class RunTally:
    """A worker's counts, page problems and error lines per crawl run, added to the runs every few seconds."""

    def __init__(self, db: Callable[[], Database], stopping: Callable[[], bool]) -> None:
        self._db = db
        self._stopping = stopping
        self.counts: dict[int, Counter[str]] = {}
        self.problems: dict[int, list[PageProblemLine]] = {}
        self.errors: dict[int, str] = {}
        self.saving: set[asyncio.Future[None]] = set()

    @property
    def busy(self) -> bool:
        """Whether counts wait to be saved or are being saved (a worker does not call itself idle then)."""
        return bool(self.counts or self.problems or self.errors or self.saving)

    def count(self, run: int, key: str, amount: int = 1) -> None:
        """Add to a run's counter (saved to its crawl run by the next save)."""
        if run and amount:
            self.counts.setdefault(run, Counter())[key] += amount

    def problem(self, run: int, outcome: str, url: str, reason: str, *, run_error: bool = False) -> None:
        """Keep a page problem of a run (saved with its counts); ``run_error``: its reason is also the run's error."""
        if not run:
            return
        kept = self.problems.setdefault(run, [])
        if len(kept) < MAX_PAGE_PROBLEMS:
            kept.append((outcome, url, reason))
        if run_error:
            self.errors.setdefault(run, reason)

    def _take(self) -> RunAdditions:
        taken = RunAdditions({run: dict(counter) for run, counter in self.counts.items()}, self.problems, self.errors)
        self.counts, self.problems, self.errors = {}, {}, {}
        return taken

    def save_soon(self) -> None:
        """Save the counts in the store thread, waiting while the database is down; they are kept if it stays down."""
        taken = self._take()

        async def save() -> None:
            try:
                await until_done(
                    add_run_counts,
                    self._db(),
                    taken.counts,
                    taken.problems,
                    taken.errors,
                    what="run counts",
                    stopping=self._stopping,
                )
            except StoreUnavailable:
                self._merge_back(taken)

        # The reactor runs on asyncio; keep the task referenced until it is done.
        task = asyncio.ensure_future(save())
        self.saving.add(task)
        task.add_done_callback(self.saving.discard)

    def _merge_back(self, taken: RunAdditions) -> None:
        for run, values in taken.counts.items():
            self.counts.setdefault(run, Counter()).update(values)
        for run, problems in taken.problems.items():
            self.problems[run] = [*problems, *self.problems.get(run, [])][:MAX_PAGE_PROBLEMS]
        for run, line in taken.errors.items():
            self.errors[run] = line  # met first

    def save_now(self) -> None:
        """Save the counts here and now (at stop); raises when the database is down."""
        taken = self._take()
        if taken.counts or taken.problems or taken.errors:
            add_run_counts(self._db(), taken.counts, taken.problems, taken.errors)


class RunAdditions(NamedTuple):
    """What a worker adds to its runs at one save: counters, page problems and error lines, by run id."""

    counts: dict[int, dict[str, int]]
    problems: dict[int, list[PageProblemLine]]
    errors: dict[int, str]


def domains(configured: list[str], source: Any) -> list[str]:
    """A source's allowed domains: the configured ones, else the hosts of its start URLs, feeds and sitemaps."""
    if configured:
        return list(configured)
    urls = [*source.start_urls, *source.feeds, *source.sitemaps]
    return sorted({urlsplit(url).hostname or "" for url in urls} - {""})
