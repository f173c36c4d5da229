"""Item pipelines, one job each, each a thin call into ``monitor``.

Order (``ITEM_PIPELINES``): clean -> content hash and dedupe -> archive and
store -> (extract events) -> (queue alerts).  Extraction and alerts run
inside ``monitor.ingest``'s storing transaction (its ``after_store`` steps),
so an article, its events and its outbox rows are written together.
"""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.batching import StoreBatcher
from crawler.cleaning import clean_page
from crawler.context import SourceContext, in_worker
from crawler.items import ArticlePage, NotModified
from crawler.store_process import StoreProcess
from monitor.ingest import PageToStore, touch_url


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
    """Decode and clean the page into a CleanArticle (``monitor.text``)."""

    async def process_item(self, item: Any) -> Any:
        """Attach the cleaned article; drop a page with no text in it."""
        if not isinstance(item, ArticlePage):
            return item
        item.article = await in_worker(
            clean_page,
            item.body,
            url=item.url,
            fetched=item.fetched_at,
            http_charset=item.http_charset,
            site_type=item.site_type,
        )
        if not item.article.paragraphs:
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
        if not isinstance(item, ArticlePage) or item.article is None:
            return item
        digest = item.article.content_hash
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
    """Archive and store the article (``monitor.ingest.ingest_pages``): new, revision or duplicate.

    Storing runs in a process of its own (``crawler.store_process``), and
    articles that arrive while it is busy are stored together, in one
    transaction (``crawler.batching``).

    Extraction and alert queueing (``monitor.pipeline``) run inside the same
    storing transaction, so an article, its events and its outbox rows land together.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.batcher: StoreBatcher | None = None

    def open_spider(self) -> None:
        """Start the store process as the crawl opens, so its start-up overlaps the first downloads."""
        self.batcher = StoreBatcher(StoreProcess(self.context.db, self.context.archive).store)

    async def process_item(self, item: Any) -> Any:
        """Store the article and count what storing it did."""
        if isinstance(item, NotModified):
            await in_worker(touch_url, self.context.db, item.url)
            return item
        if not isinstance(item, ArticlePage) or item.article is None:
            return item
        if self.batcher is None:
            self.open_spider()
        assert self.batcher is not None
        result = await self.batcher.store(PageToStore(item.fetched_page(), item.article, item.source))
        self.count(
            {"new": "new_articles", "revision": "revisions", "duplicate": "duplicates"}.get(
                result.outcome, result.outcome
            )
        )
        return item
