"""Item pipelines, one job each, each a thin call into ``monitor``.

Order (``ITEM_PIPELINES``): clean and extract -> content hash and dedupe ->
store.  The clean processes clean each page and extract its events (pure
text work); the store process runs ``monitor.archive.ingest``'s storing
transaction, which stores the article, files its events and queues its
alerts, so an article, its events and its outbox rows are written together.
"""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.batching import Batcher
from crawler.context import SourceContext, in_worker
from crawler.items import ArticlePage, NotModified
from crawler.processes import CleanedPage, CleanProcesses, PageToClean, StorePage, StoreProcess
from monitor.archive.revisits import touch_url
from monitor.records import IngestResult


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
        processes = CleanProcesses()  # started by crawler.run already, else now
        self.cleaner: Batcher[PageToClean, CleanedPage] = Batcher(processes.clean, concurrency=processes.workers)

    async def process_item(self, item: Any) -> Any:
        """Attach the cleaned article and its extraction; drop a page with no text in it."""
        if not isinstance(item, ArticlePage):
            return item
        cleaned = await self.cleaner.submit(
            PageToClean(item.body, item.url, item.fetched_at, item.http_charset, item.site_type)
        )
        item.cleaned = cleaned
        if not cleaned.has_text:
            self.count("empty_pages")
            raise DropItem(f"no article text on {item.url}")
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
            raise DropItem(f"unchanged: {item.url}")
        if digest in self.seen:
            self.count("duplicates")
            raise DropItem(f"same text as an article stored in this run: {item.url}")
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
        """Reach the store process of this crawl's database (started by ``crawler.run``, else now)."""
        settings = self.context.settings
        self.batcher = Batcher(StoreProcess(settings.database_url, settings.archive_path).store)

    async def process_item(self, item: Any) -> Any:
        """Store the article and count what storing it did."""
        if isinstance(item, NotModified):
            await in_worker(touch_url, self.context.db, item.url)
            return item
        if not isinstance(item, ArticlePage) or item.cleaned is None:
            return item
        assert self.batcher is not None, "Scrapy opens the pipeline before items flow"
        result = await self.batcher.submit(item.to_store())
        self.count(
            {"new": "new_articles", "revision": "revisions", "duplicate": "duplicates"}.get(
                result.outcome, result.outcome
            )
        )
        return item
