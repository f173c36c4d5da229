"""Several workers on one Redis queue and one PostgreSQL, crawling the offline mirror for real.

The scheduler side is ``monitor.running.workers.queue_sources`` (what ``signwatch run``
does with workers configured); the workers are ``python -m crawler.workers.worker``
child processes, as ``signwatch worker`` execs them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from monitor.alerts.subscriptions import SubscriptionSpec, add_subscription
from monitor.config import Settings, load_settings
from monitor.demo.mirror import SITES, MirrorServer
from monitor.demo.mirror.templates import listing_path
from monitor.running.startup import open_store
from monitor.running.workers import queue_sources
from monitor.store import CrawlRun, Database
from monitor.store.alert_models import OutboxRow
from tests.workers.workers_helpers import (
    Worker,
    article_count,
    expected_articles,
    start_worker,
    stored_articles,
    wait_for,
    workers_config,
)

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis]


@pytest.fixture
def mirror() -> Iterator[MirrorServer]:
    """A small mirror: 15 generated articles per site plus the seeds, 5 to a listing page."""
    server = MirrorServer(articles_per_site=15, seed=11, page_size=5)
    server.start()
    yield server
    server.stop()


def _open(config: Path, stores: list[Database]) -> tuple[Settings, Database]:
    settings = load_settings(config)
    db = open_store(settings)
    stores.append(db)
    return settings, db


def _finish(workers: list[Worker]) -> list[Worker]:
    """Wait for each worker to exit idle; each exits 0 with no traceback."""
    for worker in workers:
        assert worker.wait() == 0, worker.text()[-2000:]
        assert "Traceback" not in worker.text(), worker.text()[-3000:]
    return workers


def _crawl_with_workers(config: Path, directory: Path, count: int, label: str) -> list[Worker]:
    return _finish([start_worker(config, directory / f"{label}-{n}.log") for n in range(count)])


def test_two_workers_store_every_article_once_and_revisit(
    mirror: MirrorServer, tmp_path: Path, postgres_url: str, redis_url: str, queue_prefix: str, stores: list[Database]
) -> None:
    config = workers_config(mirror, tmp_path, database_url=postgres_url, redis_url=redis_url, prefix=queue_prefix)
    settings, db = _open(config, stores)
    names = [f"mirror-{style.name}" for style in SITES]

    # 1. One run per source queued, two workers crawl: every text stored once, at every URL it has.
    #    Both are pulling before the runs are queued: a worker that started seconds after the
    #    other on a busy machine would find the queue already drained (idle long enough to wait
    #    for the slower start, 8 s).
    workers = [start_worker(config, tmp_path / f"first-{n}.log", idle_seconds=8.0) for n in range(2)]
    wait_for(lambda: all("pulling from" in worker.text() for worker in workers), what="both workers to pull")
    queued = queue_sources(settings, db, names)
    assert [o.status for o in queued] == ["queued"] * len(names)
    _finish(workers)
    expected = expected_articles(mirror)
    assert stored_articles(db) == expected
    assert article_count(db) == len(expected)
    with db.session() as session:
        runs = session.scalars(select(CrawlRun).order_by(CrawlRun.id)).all()
        assert [run.status for run in runs] == ["queued"] * len(names)
        assert sum(run.new_articles for run in runs) == len(expected)
        assert all(run.pages > 0 and run.listing_links > 0 for run in runs)
    for worker in workers:  # both took part
        assert "'downloader/response_count'" in worker.text()

    # 2. Next run: the listing pages are fetched again (the dupefilter is per run),
    #    stored articles are only re-checked with validators (304), nothing new is stored.
    mirror.clear_log()
    mirror.publish("zblog")
    queue_sources(settings, db, names)
    _crawl_with_workers(config, tmp_path, 2, "second")
    requests = mirror.requests
    fetched = {r.path for r in requests if r.status in (200, 304)}
    assert {listing_path(style, 1) for style in SITES} <= fetched
    assert {listing_path(style, 2) for style in SITES} & fetched  # pagination not blocked by the last run
    assert any(r.status == 304 and r.conditional for r in requests)
    assert article_count(db) == len(expected) + 1
    with db.session() as session:
        runs = session.scalars(select(CrawlRun).order_by(CrawlRun.id)).all()
        # Queuing the second run settled the first.
        assert [run.status for run in runs[: len(names)]] == ["ok"] * len(names)
        assert sum(run.new_articles for run in runs[len(names) :]) == 1
        # the re-checked articles are counted in their runs as unchanged, as on a single host (a listing
        # page answered 304 is a listing unchanged, counted apart: workers ask with its saved validators too)
        # (a site has no more listing pages than articles)
        listings = {listing_path(s, page) for s in SITES for page in range(1, 1 + len(mirror.articles(s.name)))}
        revisited = sum(1 for r in requests if r.status == 304 and r.conditional and r.path not in listings)
        assert sum(run.unchanged for run in runs[len(names) :]) >= revisited > 0


def test_two_workers_racing_on_one_text_store_and_alert_it_once(
    mirror: MirrorServer, tmp_path: Path, postgres_url: str, redis_url: str, queue_prefix: str, stores: list[Database]
) -> None:
    # The same article published on two sites: two URLs, one text, fetched by whichever worker.
    for _ in range(6):
        original = mirror.publish("zblog")
        mirror.publish("generic", title=original.title, paragraphs=list(original.paragraphs))
    config = workers_config(mirror, tmp_path, database_url=postgres_url, redis_url=redis_url, prefix=queue_prefix)
    settings, db = _open(config, stores)
    with db.session() as session:
        add_subscription(session, SubscriptionSpec(name="everything", target="json://127.0.0.1:9/race"))
    expected = expected_articles(mirror)
    shared = {digest: urls for digest, urls in expected.items() if len(urls) > 1}
    assert len(shared) >= 6

    queue_sources(settings, db, [f"mirror-{style.name}" for style in SITES])
    _crawl_with_workers(config, tmp_path, 2, "race")

    stored = stored_articles(db)
    assert stored == expected  # one article per text, both URLs pointing at it
    assert article_count(db) == len(expected)
    with db.session() as session:
        outbox = session.scalar(select(func.count()).select_from(OutboxRow))
        clusters = session.scalar(select(func.count(func.distinct(OutboxRow.cluster_id))))
        duplicates = session.scalar(select(func.sum(CrawlRun.duplicates)))
    assert outbox and outbox == clusters  # one alert per event cluster, never two
    assert duplicates == sum(len(urls) - 1 for urls in expected.values())
