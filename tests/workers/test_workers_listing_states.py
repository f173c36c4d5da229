"""Workers keep what a listing page answered, as a single-host crawl does: the next poll is a 304.

A single-host crawl saves each listing page's validators and the fingerprint
of its article links when its spider closes (``monitor.running.listings``;
``tests/crawler/test_listing_validators.py``).  A worker's share of a shared
run never closes, so it saves each listing page as soon as it has read it,
and every worker's delegate of a source loads them: the next run of the
source, whichever worker makes it, asks for the listing with its validators
and follows nothing when the page has not changed.  Real Redis, real
PostgreSQL, real worker processes against the mirror over 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from monitor.config import load_settings
from monitor.demo.mirror import SITES, MirrorServer
from monitor.demo.mirror.server import ServedRequest
from monitor.demo.mirror.templates import listing_path
from monitor.running.listings import load_listing_memos
from monitor.running.startup import open_store
from monitor.running.workers import queue_sources
from monitor.store import CrawlRun, Database
from tests.workers.workers_helpers import article_count, start_worker

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis]

SOURCE = "mirror-zblog"
ZBLOG = next(style for style in SITES if style.site_type == "zblog")


@pytest.fixture
def mirror() -> Iterator[MirrorServer]:
    """Four generated articles a site, all on the first listing page."""
    with MirrorServer(articles_per_site=4, seed=11, page_size=10) as server:
        yield server


def _config(mirror: MirrorServer, tmp_path: Path, *, database_url: str, redis_url: str, prefix: str) -> Path:
    config = mirror.write_config(tmp_path / "signwatch.toml", tmp_path / "data", revisit_days=0)
    with config.open("a", encoding="utf-8") as handle:
        handle.write(
            f'\n[database]\nurl = "{database_url}"\n\n[workers]\nredis_url = "{redis_url}"\n'
            f'key_prefix = "{prefix}"\nworker_timeout = 6.0\n'
        )
    return config


def _pages(mirror: MirrorServer) -> list[ServedRequest]:
    """The requests for the site's pages (robots.txt is read once a worker and host, whatever changed)."""
    return [r for r in mirror.requests if r.path != "/robots.txt"]


def _crawl(config: Path, log: Path) -> None:
    """One worker, until the queue has been idle a few seconds."""
    worker = start_worker(config, log)
    assert worker.wait() == 0, worker.text()[-2000:]
    assert "Traceback" not in worker.text(), worker.text()[-3000:]


def test_a_worker_saves_its_listing_pages_and_the_next_poll_asks_with_their_validators(
    mirror: MirrorServer,
    tmp_path: Path,
    postgres_url: str,
    redis_url: str,
    queue_prefix: str,
    stores: list[Database],
) -> None:
    config = _config(mirror, tmp_path, database_url=postgres_url, redis_url=redis_url, prefix=queue_prefix)
    settings = load_settings(config)
    db = open_store(settings)
    stores.append(db)
    page_one = mirror.base_url + listing_path(ZBLOG, 1)
    articles = {mirror.article_url("zblog", a.article_id) for a in mirror.articles("zblog")}

    # The first run: every article fetched, and the listing page saved with its validators and links.
    queue_sources(settings, db, [SOURCE])
    _crawl(config, tmp_path / "first.log")
    assert article_count(db) == len(articles)
    memos = load_listing_memos(db, SOURCE)
    assert list(memos) == [page_one]
    assert memos[page_one].etag and set(memos[page_one].links) == articles

    # The second run of the unchanged site: its listing page once, asked with the validators, a 304.
    mirror.clear_log()
    [second] = queue_sources(settings, db, [SOURCE])
    _crawl(config, tmp_path / "second.log")
    assert [(r.path, r.status, r.conditional, r.body_bytes) for r in _pages(mirror)] == [
        (listing_path(ZBLOG, 1), 304, True, 0)
    ]
    assert article_count(db) == len(articles)
    assert load_listing_memos(db, SOURCE) == memos  # a 304 leaves what is stored as it was

    # A new article: the listing answers 200 with it, it is fetched, and the page's new links are saved.
    published = mirror.publish("zblog")
    new_url = mirror.article_url("zblog", published.article_id)
    mirror.clear_log()
    queue_sources(settings, db, [SOURCE])
    _crawl(config, tmp_path / "third.log")
    assert [(r.path, r.status) for r in _pages(mirror)] == [
        (listing_path(ZBLOG, 1), 200),
        (new_url.removeprefix(mirror.base_url), 200),
    ]
    assert article_count(db) == len(articles) + 1
    assert set(load_listing_memos(db, SOURCE)[page_one].links) == articles | {new_url}

    # The second run was settled when the third was queued: its pages counted, nothing new.
    with db.session() as session:
        run = session.scalar(select(CrawlRun).where(CrawlRun.id == second.run_id))
        assert run is not None
        assert (run.status, run.new_articles) == ("ok", 0)
