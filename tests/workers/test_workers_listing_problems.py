"""A listing page without article links, crawled by a worker: kept with its run as a single-host crawl keeps it.

The source's type does not fit its site (``dedecms`` pointed at a Z-BlogPHP
listing), so no listing page yields an article link.  A single-host crawl
records ``0 article links on listing page <url> — is the type right?`` as a
page problem of the run and as the run's error
(``tests/crawler/test_crawler_listings.py``); a worker of a shared crawl does
the same, and the source's health counts the run once it is settled.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from crawler.spiders.source_spider import no_links_reason
from monitor.alerts.health import source_health
from monitor.config import load_settings
from monitor.demo.mirror import SITES, MirrorServer
from monitor.demo.mirror.templates import listing_path
from monitor.running.startup import open_store
from monitor.running.workers import queue_sources
from monitor.store import CrawlRun, Database, PageProblem
from tests.workers.workers_helpers import start_worker

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis]

PAGE_SIZE = 3


@pytest.fixture
def mirror() -> Iterator[MirrorServer]:
    """Five generated articles a site, three to a listing page (so page 2 exists)."""
    with MirrorServer(articles_per_site=5, seed=7, page_size=PAGE_SIZE) as server:
        yield server


def _config(tmp_path: Path, listing: str, *, database_url: str, redis_url: str, prefix: str) -> Path:
    config = tmp_path / "signwatch.toml"
    config.write_text(
        f'data_dir = "{tmp_path / "data"}"\n'
        "[crawler]\ndownload_delay = 0.0\nretries = 0\ntimeout = 20.0\n"
        'contact = "http://127.0.0.1/about.html"\n'
        f'[database]\nurl = "{database_url}"\n'
        f'[workers]\nredis_url = "{redis_url}"\nkey_prefix = "{prefix}"\nworker_timeout = 6.0\n'
        '[[sources]]\nname = "wrong-type"\ntype = "dedecms"\n'
        f'start_urls = ["{listing}"]\nrevisit_days = 0\n',
        encoding="utf-8",
    )
    return config


def test_a_worker_records_a_listing_without_article_links_with_its_run(
    mirror: MirrorServer,
    tmp_path: Path,
    postgres_url: str,
    redis_url: str,
    queue_prefix: str,
    stores: list[Database],
) -> None:
    zblog = next(style for style in SITES if style.site_type == "zblog")
    listings = [mirror.base_url + listing_path(zblog, page) for page in (1, 2)]
    config = _config(tmp_path, listings[0], database_url=postgres_url, redis_url=redis_url, prefix=queue_prefix)
    settings = load_settings(config)
    db = open_store(settings)
    stores.append(db)
    [queued] = queue_sources(settings, db, ["wrong-type"])

    worker = start_worker(config, tmp_path / "worker.log")
    assert worker.wait() == 0, worker.text()[-2000:]
    assert "Traceback" not in worker.text(), worker.text()[-3000:]
    assert no_links_reason(listings[0]) in worker.text()  # logged as on a single host

    # Every listing page the worker read is a page problem of the run; the first one is the run's error.
    with db.session() as session:
        run = session.get(CrawlRun, queued.run_id)
        assert run is not None
        assert (run.status, run.listing_links, run.new_articles, run.error_text) == (
            "queued",
            0,
            0,
            no_links_reason(listings[0]),
        )
        kept = session.scalars(select(PageProblem).where(PageProblem.run_id == queued.run_id)).all()
    problems = {(problem.outcome, problem.url, problem.reason) for problem in kept}
    assert ("no_links", listings[0], no_links_reason(listings[0])) in problems
    assert all(outcome == "no_links" and reason == no_links_reason(url) for outcome, url, reason in problems)
    assert {url for _, url, _ in problems} <= {*listings, mirror.base_url + listing_path(zblog, 3)}

    # The next pass settles the run (ok: its pages were fetched) and the source's health counts it.
    queue_sources(settings, db, ["wrong-type"])
    [health] = source_health(db)
    assert (health.consecutive_failures, health.last_error) == (1, no_links_reason(listings[0]))
