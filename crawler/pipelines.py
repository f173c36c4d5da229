"""Item pipelines, one job each, each a thin call into ``monitor``.

Order (``ITEM_PIPELINES``): clean and extract -> content hash and dedupe ->
store.  The clean processes clean each page and extract its events (pure
text work); the store process runs ``monitor.archive.ingest``'s storing
transaction, which stores the article, files its events and queues its
alerts, so an article, its events and its outbox rows are written together.

Every article page ends in exactly one counted outcome: stored (new,
revision), duplicate, unchanged, not an article, or error.  The last two
also keep their reason (``CrawlerPipeline.problem``), which the crawl run
records as a ``PageProblem``; one page's failure never stops the others.
"""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.batching import Batcher
from crawler.context import SourceContext, in_worker
from crawler.items import ArticlePage, NotModified
from crawler.processes import (
    ERROR,
    NOT_ARTICLE,
    CleanedPage,
    CleanProcesses,
    PageToClean,
    StorePage,
    StoreProcess,
    describe_error,
)
from monitor.archive.revisits import touch_url
from monitor.records import IngestResult
from monitor.running.runs import MAX_PAGE_PROBLEMS

# The stat holding a crawl's page problems, [outcome, url, reason] each (at most MAX_PAGE_PROBLEMS).
PROBLEMS_STAT = "signwatch/problems"
# The counter each kind of problem adds to; an error also counts in ``errors``, with the failed requests.
_PROBLEM_COUNTERS = {NOT_ARTICLE: ("not_articles",), ERROR: ("page_errors", "errors")}


class PageNotStored(DropItem):
    """A fetched page dropped as not an article or as an error: ``outcome`` says which (the run counts it)."""

    def __init__(self, message: str, outcome: str, *, log_level: str) -> None:
        super().__init__(message, log_level=log_level)
        self.outcome = outcome


class CrawlerPipeline:
    """Base of every signwatch pipeline: it keeps its crawler and counts into its stats."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Keep the crawler; the spider (and its context) exist by the time items flow."""
        return cls(crawler)

    def count(self, key: str) -> None:
        """Add one to a signwatch statistic."""
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"signwatch/{key}")

    def problem(self, outcome: str, url: str, reason: str) -> DropItem:
        """Count a page that is not stored (``not_article`` or ``error``), keep why; the DropItem to raise.

        Every problem is counted; the first ``MAX_PAGE_PROBLEMS`` keep their
        reason, so a broken site cannot flood the run's record.
        """
        for key in _PROBLEM_COUNTERS[outcome]:
            self.count(key)
        stats = self.crawler.stats
        assert stats is not None
        kept: list[list[str]] = stats.get_value(PROBLEMS_STAT) or []
        if len(kept) < MAX_PAGE_PROBLEMS:
            stats.set_value(PROBLEMS_STAT, [*kept, [outcome, url, reason]])
        level = "WARNING" if outcome == ERROR else "INFO"
        return PageNotStored(f"{outcome.replace('_', ' ')}: {reason}: {url}", outcome, log_level=level)


class _SourcePipeline(CrawlerPipeline):
    """Base: a pipeline that reaches the crawl's SourceContext through its crawler."""

    @property
    def context(self) -> SourceContext:
        """The source, store and archive of this crawl."""
        context: SourceContext = self.crawler.spider.context  # type: ignore[union-attr]
        return context


class CleanPipeline(_SourcePipeline):
    """Decode and clean the page into a CleanArticle (``monitor.text``) and extract it, in the clean processes.

    The extraction is only computed here (it is pure text work, and the clean
    processes run on cores the store process does not use); it is stored,
    with the article's events and clusters, by the store step.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        processes = CleanProcesses(start=False)  # started on the first page to clean (or by a crawl worker)
        self.cleaner: Batcher[PageToClean, CleanedPage] = Batcher(processes.clean, concurrency=processes.workers)

    async def process_item(self, item: Any) -> Any:
        """Attach the cleaned article and its extraction; drop (counted, with why) a page that is no article."""
        if not isinstance(item, ArticlePage):
            return item
        try:
            cleaned = await self.cleaner.submit(
                PageToClean(
                    item.body, item.url, item.fetched_at, item.http_charset, item.site_type, item.listed_published
                )
            )
        except Exception as error:  # the clean processes died on it twice: this page's outcome only
            raise self.problem(ERROR, item.url, f"cleaning failed: {describe_error(error)}") from error
        item.cleaned = cleaned
        if cleaned.problem is not None:
            outcome, reason = cleaned.problem
            raise self.problem(outcome, item.url, reason)
        return item


class DedupePipeline(_SourcePipeline):
    """Drop an article whose content hash is already stored for its URL or seen in this run."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.seen: set[str] = set()

    async def process_item(self, item: Any) -> Any:
        """Pass new text on; drop text the store or this run already has."""
        if not isinstance(item, ArticlePage) or item.cleaned is None:
            return item
        digest = item.cleaned.content_hash
        stored = self.context.known.get(item.url)
        if stored is not None and stored.content_hash == digest:
            self.count("unchanged")
            await in_worker(touch_url, self.context.db, item.url)
            raise DropItem(f"unchanged: {item.url}", log_level="INFO")
        if digest in self.seen:
            self.count("duplicates")
            raise DropItem(f"same text as an article stored in this run: {item.url}", log_level="INFO")
        self.seen.add(digest)
        return item


class StorePipeline(_SourcePipeline):
    """Archive and store the article (``monitor.archive.ingest.ingest_pages``): new, revision or duplicate.

    Storing runs in a process of its own (``crawler.processes``), and
    articles that arrive while it is busy are stored together, in one
    transaction (``crawler.batching``).

    Filing the events and queueing alerts run inside the same storing
    transaction, so an article, its events and its outbox rows land together.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.batcher: Batcher[StorePage, IngestResult] | None = None

    def open_spider(self) -> None:
        """Reach the store process of this crawl's database (started on the first batch, or by a crawl worker)."""
        settings = self.context.settings
        store = StoreProcess(
            settings.database_url,
            settings.archive_path,
            settings.alerts.max_event_age_days,
            start=False,
            layout=settings.archive.layout,
        )
        self.batcher = Batcher(store.store)

    async def process_item(self, item: Any) -> Any:
        """Store the article and count what storing it did."""
        if isinstance(item, NotModified):
            await in_worker(touch_url, self.context.db, item.url)
            return item
        if not isinstance(item, ArticlePage) or item.cleaned is None:
            return item
        assert self.batcher is not None, "Scrapy opens the pipeline before items flow"
        try:
            result = await self.batcher.submit(item.to_store())
        except Exception as error:  # tried alone already (crawler.batching): this page's outcome only
            raise self.problem(ERROR, item.url, f"storing failed: {describe_error(error)}") from error
        self.count(
            {"new": "new_articles", "revision": "revisions", "duplicate": "duplicates"}.get(
                result.outcome, result.outcome
            )
        )
        return item
