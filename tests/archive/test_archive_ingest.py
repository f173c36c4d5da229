"""monitor.archive.ingest: new articles, unchanged revisits, duplicates across URLs, revisions."""

from __future__ import annotations

import asyncio
import pickle
import threading
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from crawler.context import in_worker
from crawler.workers.patient_store import store_until_done
from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.archive.revisits import known_article_urls
from monitor.errors import PartlyStored, WriteConflict
from monitor.records import FetchedPage, FiledArticle, IngestResult, PageToStore
from monitor.running.runs import finish_run, last_run_started, start_run
from monitor.store import Article, ArticleUrl, CrawlRun, Database, RawPage, Source
from monitor.store.event_models import EventRow
from monitor.text.article import CleanArticle
from tests.conftest import store_page, to_store

FETCHED = datetime(2024, 3, 7, 8, 0, tzinfo=UTC)
ARTICLE = CleanArticle(
    title="上海灣區吹响新年招商引资集结号",
    paragraphs=("总投资80亿元的3个先进制造业和投资平台项目集中签约。",),
    published=datetime(2021, 1, 21, 5, 15, tzinfo=UTC),
)
EDITED = CleanArticle(
    title=ARTICLE.title,
    paragraphs=("总投资85亿元的3个先进制造业和投资平台项目集中签约。",),
    published=ARTICLE.published,
)


def page(url: str, etag: str = '"v1"') -> FetchedPage:
    return FetchedPage(url=url, body="<html>…</html>".encode(), fetched_at=FETCHED, headers={"ETag": etag})


def test_new_then_unchanged_then_duplicate_then_revision(db: Database, archive: Archive) -> None:
    url = "http://127.0.0.1/index.php/post/1.html"
    first = store_page(db, archive, page(url), ARTICLE, "mirror-zblog")
    assert first.outcome == "new"
    assert archive.read(first.archive_name) == ARTICLE.canonical_text
    assert store_page(db, archive, page(url), ARTICLE, "mirror-zblog").outcome == "unchanged"
    other_url = "http://127.0.0.1/mobile/2.html"
    assert store_page(db, archive, page(other_url), ARTICLE, "mirror-zblog").outcome == "duplicate"
    revised = store_page(db, archive, page(url, '"v2"'), EDITED, "mirror-zblog")
    assert revised.outcome == "revision"
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 2
        new_row = session.get(Article, revised.article_id)
        assert new_row is not None and new_row.revision_of_id == first.article_id
        url_row = session.scalar(select(ArticleUrl).where(ArticleUrl.url == url))
        assert url_row is not None and url_row.article_id == revised.article_id and url_row.etag == '"v2"'
    states = known_article_urls(db, "mirror-zblog")
    assert set(states) == {url, other_url}
    assert states[url].content_hash == EDITED.content_hash
    assert states[url].published == ARTICLE.published


# (charset a header declared, what the raw page is stored with)
DECLARED_CHARSETS = [
    ("utf-8", "utf-8"),
    ("GBK", "gb18030"),  # read as its superset, as decoding does
    ("x-gbk", "gb18030"),
    ("big5", "big5hkscs"),
    (None, None),
    ("x-" + "misconfigured-vendor-charset-" * 3, None),  # longer than the column, and no codec
]


@pytest.mark.parametrize(("declared", "stored"), DECLARED_CHARSETS)
def test_a_raw_page_keeps_the_charset_decoding_reads(
    db: Database, archive: Archive, declared: str | None, stored: str | None
) -> None:
    fetched = FetchedPage(url="http://127.0.0.1/a.html", body=b"<html></html>", fetched_at=FETCHED, encoding=declared)
    result = store_page(db, archive, fetched, ARTICLE, "mirror-generic")
    assert result.outcome == "new"
    with db.session() as session:
        assert session.scalar(select(RawPage.encoding).where(RawPage.article_id == result.article_id)) == stored


def test_crawl_runs_are_recorded(db: Database) -> None:
    run_id = start_run(db, "mirror-dedecms", "dedecms")
    finish_run(db, run_id, status="ok", pages=12, new_articles=3, listing_links=9)
    with db.session() as session:
        run = session.get(CrawlRun, run_id)
        assert run is not None
        assert (run.status, run.pages, run.new_articles, run.listing_links) == ("ok", 12, 3, 9)
        assert run.finished_at is not None and run.finished_at >= run.started_at
    assert last_run_started(db, "mirror-dedecms") is not None
    assert last_run_started(db, "never-ran") is None


OTHER = CleanArticle(
    title="金山区举行招商大会",
    paragraphs=("1月19日,上海市金山区举行招商大会,石化高性能弹性体等3个项目集中签约,总投资80亿元。",),
    published=datetime(2021, 1, 20, 2, 0, tzinfo=UTC),
)


def test_a_batch_stores_as_one_page_at_a_time_would(db: Database, archive: Archive) -> None:
    batch = [
        to_store(page("http://127.0.0.1/a.html"), ARTICLE, "mirror-zblog"),
        to_store(page("http://127.0.0.1/b.html"), ARTICLE, "mirror-zblog"),  # same text, another address
        to_store(page("http://127.0.0.1/c.html"), OTHER, "mirror-zblog"),
    ]
    results = ingest_pages(db, archive, batch)
    assert [r.outcome for r in results] == ["new", "duplicate", "new"]
    assert results[1].article_id == results[0].article_id
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ArticleUrl)) == 3
        events = session.scalars(select(EventRow).order_by(EventRow.article_id)).all()
    # each new article's events were filed in the batch's transaction
    assert sorted({e.article_id for e in events}) == [results[0].article_id, results[2].article_id]


def test_a_batch_that_fails_is_stored_one_page_at_a_time(db: Database, archive: Archive) -> None:
    calls: list[list[str]] = []

    def collide_once(session: Session, filed: Sequence[FiledArticle]) -> None:
        """The first call meets a unique key as a racing writer would (a real IntegrityError)."""
        calls.append([item.row.url or "" for item in filed])
        if len(calls) == 1:
            session.add_all([Source(name="taken"), Source(name="taken")])
            session.flush()

    batch = [
        to_store(page("http://127.0.0.1/a.html"), ARTICLE, "mirror-zblog"),
        to_store(page("http://127.0.0.1/c.html"), OTHER, "mirror-zblog"),
    ]
    results = ingest_pages(db, archive, batch, test_seam_before_commit=collide_once)
    assert [r.outcome for r in results] == ["new", "new"]
    # the batch's transaction was rolled back as a whole, then each page stored on its own
    a, c = "http://127.0.0.1/a.html", "http://127.0.0.1/c.html"
    assert calls == [[a, c], [a], [c]]
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 2
        assert session.scalar(select(func.count()).select_from(Source).where(Source.name == "taken")) == 0


def test_two_writers_storing_one_batch_in_opposite_orders_store_each_text_once(
    postgres_db: Database, tmp_path: Path
) -> None:
    # Each writer's batch waits on the other's uncommitted content hashes:
    # PostgreSQL aborts one of them (a deadlock), which must end as
    # duplicates stored one by one, never as an error.
    db = postgres_db
    archive = Archive(tmp_path / "archive")
    rounds, size = 40, 6
    start = threading.Barrier(2)
    outcomes: dict[str, Counter[str]] = {"a": Counter(), "b": Counter()}

    def writer(side: str) -> None:
        for number in range(rounds):
            texts = [
                CleanArticle(
                    title=f"第{number}轮 {k}", paragraphs=(f"第{number}轮第{k}个项目集中签约,总投资{k + 1}亿元。",)
                )
                for k in range(size)
            ]
            ordered = texts if side == "a" else texts[::-1]
            batch = [
                to_store(page(f"http://127.0.0.1/{side}/{number}/{k}.html"), text, "mirror-zblog")
                for k, text in enumerate(ordered)
            ]
            start.wait()
            try:
                outcomes[side].update(result.outcome for result in ingest_pages(db, archive, batch))
            except BaseException:
                start.abort()  # the other writer must not wait for this one at the next round
                raise

    with ThreadPoolExecutor(2) as pool:
        writers = [pool.submit(writer, side) for side in "ab"]
        errors = [error for done in writers if (error := done.exception()) is not None]
    assert not errors, errors
    total = outcomes["a"] + outcomes["b"]
    assert total == Counter({"new": rounds * size, "duplicate": rounds * size})
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == rounds * size
        assert session.scalar(select(func.count()).select_from(ArticleUrl)) == 2 * rounds * size


def test_a_deadlock_is_reported_as_a_write_conflict(postgres_db: Database) -> None:
    db = postgres_db
    with db.session() as session:
        session.add_all([Source(name="one"), Source(name="two")])
    first_locked, second_locked = threading.Event(), threading.Event()

    def update(first: str, second: str, locked: threading.Event, other: threading.Event) -> str:
        try:
            with db.session() as session:
                session.execute(update_source.where(Source.name == first))
                locked.set()
                other.wait(10)
                session.execute(update_source.where(Source.name == second))
        except WriteConflict as error:
            return str(error)
        return "committed"

    update_source = sql_update(Source).values(site_type="zblog")
    with ThreadPoolExecutor(2) as pool:
        one = pool.submit(update, "one", "two", first_locked, second_locked)
        two = pool.submit(update, "two", "one", second_locked, first_locked)
        results = sorted([one.result(), two.result()])
    assert results[0] == "committed"
    assert "deadlock detected" in results[1] and "\n" not in results[1]


class _RaceThenOutage:
    """Ingest's test seam: the batch meets a unique key (as a racing writer would), then page ``b`` is cut off.

    Both failures are real: a duplicate row, and PostgreSQL ending this
    session's backend (``pg_terminate_backend``) as a restart would.
    """

    def __init__(self, drop_at: str) -> None:
        self.drop_at = drop_at
        self.calls = 0
        self.dropped = False

    def __call__(self, session: Session, stored: Sequence[FiledArticle]) -> None:
        self.calls += 1
        if self.calls == 1:
            session.add_all([Source(name="taken"), Source(name="taken")])
            session.flush()
        if not self.dropped and [item.row.url for item in stored] == [self.drop_at]:
            self.dropped = True
            session.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))


PARTLY = [
    to_store(page("http://127.0.0.1/a.html"), ARTICLE, "mirror-zblog"),
    to_store(page("http://127.0.0.1/b.html"), OTHER, "mirror-zblog"),
    to_store(page("http://127.0.0.1/c.html"), EDITED, "mirror-zblog"),
]


def test_a_batch_that_loses_the_database_partway_says_what_it_stored(postgres_db: Database, archive: Archive) -> None:
    with pytest.raises(PartlyStored) as raised:
        ingest_pages(postgres_db, archive, PARTLY, test_seam_before_commit=_RaceThenOutage("http://127.0.0.1/b.html"))
    error = raised.value
    assert [result.outcome for result in error.stored] == ["new"]  # a.html, committed on its own
    crossed = pickle.loads(pickle.dumps(error))  # as it comes back from the store process
    assert crossed.stored == error.stored and str(crossed) == str(error)
    with postgres_db.session() as session:
        assert session.scalars(select(ArticleUrl.url)).all() == ["http://127.0.0.1/a.html"]


def test_a_retried_batch_stores_only_the_rest_and_keeps_first_outcomes(postgres_db: Database, archive: Archive) -> None:
    step = _RaceThenOutage("http://127.0.0.1/b.html")

    async def store(pages: list[PageToStore]) -> list[IngestResult]:
        return await in_worker(ingest_pages, postgres_db, archive, pages, test_seam_before_commit=step)

    results = asyncio.run(store_until_done(store, PARTLY, stopping=lambda: False))
    # without the PartlyStored results a.html would come back "unchanged" from the retry
    assert [result.outcome for result in results] == ["new", "new", "new"]
    assert step.dropped
    with postgres_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 3
