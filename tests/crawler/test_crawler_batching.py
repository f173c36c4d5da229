"""crawler.batching: pages that arrive while the store is busy are stored together, failures stay per page."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from crawler.batching import Batcher, Work
from crawler.context import in_worker
from monitor.archive.files import Archive
from monitor.archive.ingest import TestSeamBeforeCommit, ingest_pages
from monitor.records import FetchedPage, FiledArticle, IngestResult, PageToStore
from monitor.store import Article, Database
from monitor.text.article import CleanArticle
from tests.conftest import to_store

FETCHED = datetime(2024, 3, 7, 8, 0, tzinfo=UTC)
TEXTS = [
    "1月19日,上海市金山区举行招商大会,石化高性能弹性体等3个项目集中签约,总投资80亿元。",
    "2022年8月30日,上海市宝山区举行重大产业项目集中签约仪式,120个项目集中签约,总投资额超600亿元。",
    "2023年5月8日,广东省深圳市南山区举行重大项目集中签约仪式,12个项目集中签约,总投资1.5万亿元。",
    "今天天气很好。",
]


def _page(number: int, text: str) -> PageToStore:
    article = CleanArticle(title=f"第{number}篇", paragraphs=(text,), published=FETCHED)
    page = FetchedPage(url=f"http://127.0.0.1/{number}.html", body=text.encode(), fetched_at=FETCHED)
    return to_store(page, article, "mirror-zblog")


# Stores a batch of pages in one transaction and returns their results in order.
StoreBatch = Work[PageToStore, IngestResult]


def in_store_thread(db: Database, archive: Archive, seam: TestSeamBeforeCommit | None = None) -> StoreBatch:
    """The real store, in the crawl process's worker thread (the store process's work, without the process)."""

    async def store(pages: list[PageToStore]) -> list[IngestResult]:
        return await in_worker(ingest_pages, db, archive, pages, test_seam_before_commit=seam)

    return store


def _recording(store: StoreBatch, sizes: list[int]) -> StoreBatch:
    """The real store, noting the size of every batch it is handed."""

    async def record(pages: list[PageToStore]) -> list[IngestResult]:
        sizes.append(len(pages))
        return await store(pages)

    return record


def test_pages_arriving_together_are_stored_in_one_batch(db: Database, archive: Archive) -> None:
    sizes: list[int] = []
    batcher = Batcher(_recording(in_store_thread(db, archive), sizes))

    async def crawl() -> list[IngestResult]:
        return await asyncio.gather(*(batcher.submit(_page(n, text)) for n, text in enumerate(TEXTS)))

    results = asyncio.run(crawl())
    assert [r.outcome for r in results] == ["new"] * len(TEXTS)
    assert sizes == [len(TEXTS)]
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == len(TEXTS)


def test_batches_are_cut_at_max_batch(db: Database, archive: Archive) -> None:
    sizes: list[int] = []
    batcher = Batcher(_recording(in_store_thread(db, archive), sizes), max_batch=3)

    async def crawl() -> list[IngestResult]:
        return await asyncio.gather(*(batcher.submit(_page(n, text)) for n, text in enumerate(TEXTS)))

    assert len(asyncio.run(crawl())) == len(TEXTS)
    assert sizes == [3, 1]


def test_a_failing_page_fails_alone(db: Database, archive: Archive) -> None:
    def refuse_weather(session: object, filed: Sequence[FiledArticle]) -> None:
        """Breaks on one article inside the storing transaction (a bug met by one page)."""
        if any("天气" in (item.row.clean_text or "") for item in filed):
            raise ValueError("cannot analyse the weather")

    sizes: list[int] = []
    batcher = Batcher(_recording(in_store_thread(db, archive, refuse_weather), sizes))

    async def crawl() -> list[IngestResult | BaseException]:
        return await asyncio.gather(
            *(batcher.submit(_page(n, text)) for n, text in enumerate(TEXTS)), return_exceptions=True
        )

    *stored, failed = asyncio.run(crawl())
    assert [r.outcome for r in stored if isinstance(r, IngestResult)] == ["new"] * (len(TEXTS) - 1)
    assert isinstance(failed, ValueError)
    assert sizes == [len(TEXTS), 1, 1, 1, 1]  # the batch, then each page on its own
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == len(TEXTS) - 1


def test_an_item_submitted_as_the_last_batch_ends_is_still_handed_over() -> None:
    """A caller woken by its result submits again before the finished drain's task is reaped."""

    async def echo(items: list[int]) -> list[int]:
        return items

    batcher: Batcher[int, int] = Batcher(echo)

    async def crawl() -> list[int]:
        first = await batcher.submit(1)
        # awaited directly: submit runs at once, before the loop reaps the finished drain
        second = await batcher.submit(2)
        return [first, second]

    # a stranded item would wait forever: give up after a while instead
    assert asyncio.run(asyncio.wait_for(crawl(), timeout=5)) == [1, 2]


def test_concurrent_batches_use_every_worker_slot() -> None:
    in_flight: list[int] = []
    peak: list[int] = []

    async def slow(items: list[int]) -> list[int]:
        in_flight.append(1)
        peak.append(len(in_flight))
        await asyncio.sleep(0.01)
        in_flight.pop()
        return [item * 2 for item in items]

    batcher: Batcher[int, int] = Batcher(slow, max_batch=2, concurrency=3)

    async def crawl() -> list[int]:
        return await asyncio.gather(*(batcher.submit(n) for n in range(10)))

    assert asyncio.run(crawl()) == [n * 2 for n in range(10)]
    assert max(peak) == 3


class _WorkerGone(Exception):
    """An error about the worker (its database is gone), not about any one item."""


@pytest.mark.parametrize(
    ("error", "calls"),
    [
        (ValueError("one bad item"), [4, 1, 1, 1, 1]),  # about an item: each tried alone
        (_WorkerGone("database gone"), [4]),  # about the worker: the batch fails at once
    ],
)
def test_whole_batch_errors_are_not_retried_item_by_item(error: Exception, calls: list[int]) -> None:
    sizes: list[int] = []

    async def failing(items: list[int]) -> list[int]:
        sizes.append(len(items))
        raise error

    batcher: Batcher[int, int] = Batcher(failing, whole_batch_errors=(_WorkerGone,))

    async def crawl() -> list[int | BaseException]:
        return await asyncio.gather(*(batcher.submit(n) for n in range(4)), return_exceptions=True)

    assert asyncio.run(crawl()) == [error] * 4
    assert sizes == calls
