"""The storing end of a crawl worker: dedupe against the stored hash, store with retries, count per run.

Cleaning is the single-host ``crawler.pipelines.CleanPipeline`` itself, and storing
is the single-host store process, batches and all.  Deduplication across
workers is the store's job: two workers storing one text meet at the unique
content hash and ``ingest_pages`` turns the loser into a duplicate; the outbox
key keeps them from alerting twice.  What these pipelines add is patience
(a database outage delays items, it does not drop them) and per-run counts.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.batching import Batcher
from crawler.pipelines import CrawlerPipeline
from crawler.processes import StorePage, StoreProcess
from crawler.workers.patient_store import store_until_done, until_done
from crawler.workers.run_items import WorkerArticlePage, WorkerNotModified
from crawler.workers.spider import WorkerSpider
from monitor.archive.revisits import touch_url
from monitor.errors import StoreUnavailable
from monitor.records import IngestResult

_OUTCOME_COUNTERS = {
    "new": "new_articles",
    "revision": "revisions",
    "duplicate": "duplicates",
    "unchanged": "unchanged",
}


class _WorkerPipeline(CrawlerPipeline):
    """Base: a pipeline whose spider is the worker's WorkerSpider."""

    @property
    def spider(self) -> WorkerSpider:
        """The worker's spider (store, archive, run counts)."""
        spider = self.crawler.spider
        assert isinstance(spider, WorkerSpider)
        return spider


class WorkerDedupePipeline(_WorkerPipeline):
    """Drop a revisited article whose text is the stored one (and mark its URL as checked)."""

    async def process_item(self, item: Any) -> Any:
        """Pass changed or new text on; drop unchanged text."""
        if not isinstance(item, WorkerArticlePage) or item.cleaned is None:
            return item
        if item.stored_hash is not None and item.stored_hash == item.cleaned.content_hash:
            self.count("unchanged")
            spider = self.spider
            spider.tally.count(item.run, "unchanged")
            await until_done(touch_url, spider.db, item.url, what=f"check of {item.url}", stopping=spider.stopping)
            raise DropItem(f"unchanged: {item.url}")
        return item


class WorkerStorePipeline(_WorkerPipeline):
    """Archive and store articles through ``ingest_pages`` in the store process, retrying while the database is down.

    As on a single host (``crawler.pipelines.StorePipeline``), articles that
    arrive while the store process is busy are stored together, in one
    transaction; a batch that meets the database down waits and is tried
    again, and the articles behind it wait with it.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.batcher: Batcher[StorePage, IngestResult] | None = None

    def open_spider(self) -> None:
        """Reach the store process of the worker's database (started by the worker's main, else now)."""
        settings = self.spider.signwatch
        store = StoreProcess(
            settings.database_url,
            settings.archive_path,
            settings.alerts.max_event_age_days,
            layout=settings.archive.layout,
        )

        async def store_batch(pages: list[StorePage]) -> list[IngestResult]:
            return await store_until_done(store.store, pages, stopping=self.spider.stopping)

        self.batcher = Batcher(store_batch, whole_batch_errors=(StoreUnavailable,))

    async def process_item(self, item: Any) -> Any:
        """Store the article (or mark a 304 as checked) and count the outcome for its run."""
        spider = self.spider
        if isinstance(item, WorkerNotModified):
            self.count("not_modified")
            spider.tally.count(item.run, "unchanged")  # a 304 is an unchanged page, as a single-host run counts it
            await until_done(touch_url, spider.db, item.url, what=f"check of {item.url}", stopping=spider.stopping)
            return item
        if not isinstance(item, WorkerArticlePage) or item.cleaned is None:
            return item
        assert self.batcher is not None, "Scrapy opens the pipeline before items flow"
        result = await self.batcher.submit(item.to_store())
        key = _OUTCOME_COUNTERS.get(result.outcome, result.outcome)
        self.count(key)
        spider.tally.count(item.run, key)
        return item
