"""Workers under failure: Redis restarted mid-crawl, a worker SIGKILLed, a worker stopped with SIGTERM.

Each test crawls the offline mirror with real worker processes, real Redis
and real PostgreSQL, breaks something mid-crawl, and checks that every
article still ends up stored exactly once.
"""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
import redis
from sqlalchemy.engine import make_url

from monitor.config import WorkersSettings, load_settings
from monitor.demo.mirror import SITES, MirrorServer
from monitor.running.startup import open_store
from monitor.running.workers import WorkerQueueKeys, queue_sources
from monitor.store import Database
from tests.workers.workers_helpers import (
    CuttableProxy,
    PrivateRedis,
    Worker,
    article_count,
    expected_articles,
    start_worker,
    stored_articles,
    wait_for,
    workers_config,
)

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis]

# Slow enough that a crawl is still running when the test breaks something.
SLOW_CRAWL = {"download_delay": 0.05, "concurrency_per_domain": 2}
SOURCES = [f"mirror-{style.name}" for style in SITES]


@pytest.fixture
def mirror() -> Iterator[MirrorServer]:
    """A mirror of 40 generated articles per site plus the seeds."""
    server = MirrorServer(articles_per_site=40, seed=5, page_size=10)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def workers() -> Iterator[list[Worker]]:
    """Worker processes a test started; any still running are stopped at the end."""
    started: list[Worker] = []
    yield started
    for worker in started:
        if worker.process.poll() is None:
            worker.process.kill()
            worker.process.wait()


def _queue(config: Path, stores: list[Database]) -> Database:
    settings = load_settings(config)
    db = open_store(settings)
    stores.append(db)
    queue_sources(settings, db, SOURCES)
    return db


def _slow_crawl_queued(
    mirror: MirrorServer, tmp_path: Path, postgres_url: str, redis_url: str, prefix: str, stores: list[Database]
) -> tuple[Path, WorkerQueueKeys, Database]:
    """A slow crawl of the mirror queued in Redis: its config, its Redis keys and its store."""
    config = workers_config(
        mirror, tmp_path, database_url=postgres_url, redis_url=redis_url, prefix=prefix, crawler=SLOW_CRAWL
    )
    return config, WorkerQueueKeys.of(WorkersSettings(redis_url=redis_url, key_prefix=prefix)), _queue(config, stores)


def _worker_name(worker: Worker) -> str:
    wait_for(lambda: "pulling from" in worker.text(), what="the worker to start")
    match = re.search(r"worker (\S+) pulling from", worker.text())
    assert match is not None
    return match.group(1)


def test_redis_restart_mid_crawl_loses_nothing(
    mirror: MirrorServer, tmp_path: Path, postgres_url: str, workers: list[Worker], stores: list[Database]
) -> None:
    server = PrivateRedis(tmp_path)
    server.start()
    try:
        config = workers_config(
            mirror, tmp_path, database_url=postgres_url, redis_url=server.url, prefix="restart", crawler=SLOW_CRAWL
        )
        db = _queue(config, stores)
        workers += [start_worker(config, tmp_path / f"w{n}.log") for n in range(2)]
        wait_for(lambda: article_count(db) >= 20, what="the crawl to get going")

        server.stop()
        for worker in workers:
            wait_for(partial(_says_unreachable, worker), what="workers to notice Redis is gone")
        assert all(worker.process.poll() is None for worker in workers)  # they wait, they do not exit
        server.start()

        for worker in workers:
            assert worker.wait() == 0, worker.text()[-3000:]
        expected = expected_articles(mirror)
        assert stored_articles(db) == expected
        assert article_count(db) == len(expected)
        log = "\n".join(worker.text() for worker in workers)
        retries = re.findall(r"redis \S+ \(\w[^)]*\) unreachable \(.*\): retry (\d+) in \d+s", log)
        assert retries, log[-3000:]
        assert "redis reachable again" in log
    finally:
        server.stop()


def test_killed_worker_requests_are_finished_by_the_other(
    mirror: MirrorServer,
    tmp_path: Path,
    postgres_url: str,
    redis_url: str,
    queue_prefix: str,
    shared_redis: redis.Redis,
    workers: list[Worker],
    stores: list[Database],
) -> None:
    config, keys, db = _slow_crawl_queued(mirror, tmp_path, postgres_url, redis_url, queue_prefix, stores)
    victim = start_worker(config, tmp_path / "victim.log")
    survivor = start_worker(config, tmp_path / "survivor.log")
    workers += [victim, survivor]
    victim_name = _worker_name(victim)
    wait_for(lambda: article_count(db) >= 20, what="the crawl to get going")
    # Kill it while it holds requests it has popped and not finished.
    wait_for(lambda: bool(shared_redis.zcard(keys.processing(victim_name))), what="the victim to hold requests")
    victim.process.send_signal(signal.SIGKILL)
    victim.process.wait()

    assert survivor.wait() == 0, survivor.text()[-3000:]
    assert "stopped answering" in survivor.text()
    expected = expected_articles(mirror)
    assert stored_articles(db) == expected
    assert article_count(db) == len(expected)
    assert not shared_redis.exists(keys.processing(victim_name))


def test_sigterm_finishes_in_flight_and_leaves_the_rest_queued(
    mirror: MirrorServer,
    tmp_path: Path,
    postgres_url: str,
    redis_url: str,
    queue_prefix: str,
    shared_redis: redis.Redis,
    workers: list[Worker],
    stores: list[Database],
) -> None:
    config, keys, db = _slow_crawl_queued(mirror, tmp_path, postgres_url, redis_url, queue_prefix, stores)
    first = start_worker(config, tmp_path / "first.log", idle_seconds=None)  # runs until stopped
    workers.append(first)
    name = _worker_name(first)
    wait_for(lambda: article_count(db) >= 20, what="the crawl to get going")

    first.process.send_signal(signal.SIGTERM)
    assert first.wait(timeout=120) == 0, first.text()[-3000:]
    assert "Traceback" not in first.text()
    assert not shared_redis.exists(keys.processing(name))  # nothing held back
    assert not shared_redis.exists(keys.alive(name))
    assert shared_redis.zcard(keys.requests) > 0  # the rest waits in the queue
    stored_at_stop = article_count(db)

    second = start_worker(config, tmp_path / "second.log")
    workers.append(second)
    assert second.wait() == 0, second.text()[-3000:]
    expected = expected_articles(mirror)
    assert stored_at_stop < len(expected)
    assert stored_articles(db) == expected


def test_database_outage_delays_items_without_dropping_them(
    mirror: MirrorServer,
    tmp_path: Path,
    postgres_url: str,
    redis_url: str,
    queue_prefix: str,
    workers: list[Worker],
    stores: list[Database],
) -> None:
    direct = make_url(postgres_url)
    proxy = CuttableProxy(direct.host or "127.0.0.1", direct.port or 5432)
    proxy.restore()
    try:
        through_proxy = direct.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        config = workers_config(
            mirror, tmp_path, database_url=through_proxy, redis_url=redis_url, prefix=queue_prefix, crawler=SLOW_CRAWL
        )
        db = Database(postgres_url)  # the test reads past the proxy
        stores.append(db)
        db.upgrade()
        queue_sources(load_settings(config), db, SOURCES)
        # The database is down when the worker starts: it waits, start messages stay queued.
        proxy.cut()
        worker = start_worker(config, tmp_path / "worker.log")
        workers.append(worker)
        wait_for(lambda: "opening the store, retry 2" in worker.text(), what="the worker to wait for the database")
        assert article_count(db) == 0
        proxy.restore()
        wait_for(lambda: article_count(db) >= 20, what="the crawl to get going")

        proxy.cut()
        wait_for(lambda: "retry 1 in 1s" in worker.text().split("opening the store, retry 2")[-1], what="a retry")
        stored_during_outage = article_count(db)
        wait_for(lambda: "retry 3 in" in worker.text().split("opening the store, retry 2")[-1], what="a few retries")
        assert worker.process.poll() is None  # it waits, it does not exit
        assert article_count(db) == stored_during_outage
        proxy.restore()

        assert worker.wait() == 0, worker.text()[-3000:]
        expected = expected_articles(mirror)
        assert stored_articles(db) == expected
        assert article_count(db) == len(expected)
        assert re.search(r"database unreachable \(.+\): .+, retry \d+ in \d+s", worker.text())
    finally:
        proxy.cut()


def _says_unreachable(worker: Worker) -> bool:
    """The worker's log says it cannot reach Redis."""
    return "unreachable" in worker.text()
