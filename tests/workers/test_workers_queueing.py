"""The scheduler side and the Redis pieces of the workers' shared crawl, on a real Redis (and SQLite and PostgreSQL).

Queuing runs and settling them (``monitor.running.workers``), the per-run dupefilter,
the reliable queue's processing sets and the backoff while Redis is away.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from scrapy import Request, Spider
from scrapy.settings import Settings as ScrapySettings
from sqlalchemy import select

from crawler.workers.link import Backoff, WorkerLink
from crawler.workers.queue import ENTRY_META, RUN_META, ReliableQueue, RunDupeFilter, WorkerScheduler
from monitor.config import Settings, SourceSettings, WorkersSettings
from monitor.errors import ConfigError, StoreError
from monitor.running.daemon import Daemon
from monitor.running.runs import MAX_PAGE_PROBLEMS, start_run
from monitor.running.workers import (
    WorkerQueueKeys,
    add_run_counts,
    queue_sources,
    read_start_message,
    start_message,
)
from monitor.store import CrawlRun, Database, PageProblem
from tests.workers.workers_helpers import CuttableProxy, free_port

pytestmark = pytest.mark.redis

SOURCES = [
    SourceSettings(name="county-a", type="zblog", start_urls=["http://127.0.0.1:9/a/"]),
    SourceSettings(name="county-b", type="dedecms", start_urls=["http://127.0.0.1:9/b/"]),
]


def _settings(redis_url: str, prefix: str) -> Settings:
    return Settings(workers=WorkersSettings(redis_url=redis_url, key_prefix=prefix), sources=SOURCES)


@pytest.mark.parametrize(
    ("prefix", "accepted"),
    [
        ("signwatch", True),
        ("prod.zj-2:crawl", True),
        ("a" * 64, True),
        ("", False),
        ("a" * 65, False),
        ("sign watch", False),
        ("%(spider)s", False),  # scrapy-redis formats its keys with %
        ("签约", False),
    ],
)
def test_key_prefix_rules(prefix: str, accepted: bool) -> None:
    if accepted:
        assert WorkerQueueKeys.of(WorkersSettings(key_prefix=prefix)).requests == f"{prefix}:requests"
    else:
        with pytest.raises(ConfigError, match=r"workers\.key_prefix"):
            WorkerQueueKeys.of(WorkersSettings(key_prefix=prefix))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (start_message("county-a", 7), ("county-a", 7)),
        (b'{"source": "x", "run": "12"}', ("x", 12)),
        (b"http://example.com/", None),  # a bare URL as scrapy-redis examples push
        (b'{"source": "x"}', None),
        (b'{"source": "x", "run": "twelve"}', None),
        (b"\xff\xfe", None),
        (b"[1, 2]", None),
    ],
)
def test_start_messages(data: bytes, expected: tuple[str, int] | None) -> None:
    assert read_start_message(data) == expected


def test_queued_runs_are_settled_when_the_next_run_is_queued(
    db: Database, redis_url: str, queue_prefix: str, shared_redis: redis.Redis
) -> None:
    settings = _settings(redis_url, queue_prefix)
    keys = WorkerQueueKeys.of(settings.workers)
    first = queue_sources(settings, db, ["county-a", "county-b"])
    assert [(o.source, o.status) for o in first] == [("county-a", "queued"), ("county-b", "queued")]
    raw = shared_redis.lrange(keys.start, 0, -1)
    messages = [read_start_message(m) for m in reversed(raw) if isinstance(m, bytes)]
    assert messages == [("county-a", first[0].run_id), ("county-b", first[1].run_id)]

    # Workers fetched county-a's pages and nothing of county-b's.
    assert first[0].run_id is not None
    add_run_counts(db, {first[0].run_id: {"pages": 3, "listing_links": 20, "new_articles": 2}})
    add_run_counts(db, {first[0].run_id: {"pages": 1, "new_articles": 1}})  # a second worker adds
    second = queue_sources(settings, db, ["county-a", "county-b"])

    with db.session() as session:
        runs = {run.id: run for run in session.scalars(select(CrawlRun))}
        settled_a, settled_b = runs[first[0].run_id], runs[first[1].run_id]  # type: ignore[index]
        assert (settled_a.status, settled_a.pages, settled_a.new_articles) == ("ok", 4, 3)
        assert settled_b.status == "failed"
        assert settled_b.error_text == "no worker fetched its pages before the next run was due"
        assert [runs[o.run_id].status for o in second] == ["queued", "queued"]  # type: ignore[index]
    assert shared_redis.llen(keys.start) == 4


def test_redis_down_queues_nothing(db: Database) -> None:
    settings = _settings(f"redis://127.0.0.1:{free_port()}/0", "down")
    with pytest.raises(StoreError, match="unreachable"):
        queue_sources(settings, db, ["county-a"])
    with db.session() as session:
        assert session.scalars(select(CrawlRun)).all() == []  # still due at the next pass


def test_run_counts_reject_unknown_counters(db: Database) -> None:
    with pytest.raises(ValueError, match="not a run counter: bogus"):
        add_run_counts(db, {1: {"bogus": 1}})


def test_run_counts_keep_page_problems_and_the_first_error_line(db: Database) -> None:
    run = start_run(db, "county-a", "zblog")
    first, second = (f"0 article links on listing page http://127.0.0.1:9/a/{n} — is the type right?" for n in (1, 2))
    # Two workers add: each its counts, problems and the error line it met; the first line saved stays.
    add_run_counts(db, {run: {"pages": 1}}, {run: [("no_links", "http://127.0.0.1:9/a/1", first)]}, {run: first})
    many = [("not_article", f"http://127.0.0.1:9/a/p{n}", "a listing page") for n in range(MAX_PAGE_PROBLEMS + 5)]
    problems = [("no_links", "http://127.0.0.1:9/a/2", second), *many]
    add_run_counts(db, {run: {"pages": 2}}, {run: problems}, {run: second})
    add_run_counts(db, {}, {run: many[:3]})  # past the cap: nothing more is kept
    with db.session() as session:
        row = session.get(CrawlRun, run)
        assert row is not None and (row.pages, row.error_text) == (3, first)
        kept = session.scalars(select(PageProblem).where(PageProblem.run_id == run).order_by(PageProblem.id)).all()
    assert len(kept) == MAX_PAGE_PROBLEMS
    assert [(p.outcome, p.reason) for p in kept[:2]] == [("no_links", first), ("no_links", second)]


def test_dupefilter_is_per_run(redis_url: str, queue_prefix: str, shared_redis: redis.Redis) -> None:
    keys = WorkerQueueKeys(queue_prefix)
    dupefilter = RunDupeFilter(shared_redis, keys.seen("none"), ttl=3600)
    page = "http://127.0.0.1:9/a/category-1_2.html"
    assert not dupefilter.request_seen(Request(page, meta={RUN_META: 1}))
    assert dupefilter.request_seen(Request(page, meta={RUN_META: 1}))  # twice in one run: filtered
    assert not dupefilter.request_seen(Request(page, meta={RUN_META: 2}))  # the next run revisits it
    assert 0 < int(shared_redis.ttl(keys.seen(1))) <= 3600
    dupefilter.close("finished")
    assert shared_redis.exists(keys.seen(1))  # one worker stopping keeps the run's fingerprints


class _Holder(Spider):
    """The least a queue needs of a spider: a name, a WorkerLink and callbacks to serialize."""

    name = "holder"

    def parse_listing(self, response: object) -> None:
        """A callback the queue refers to by name."""


def test_popped_requests_wait_in_processing_until_acked_or_reclaimed(
    redis_url: str, queue_prefix: str, shared_redis: redis.Redis
) -> None:
    keys = WorkerQueueKeys(queue_prefix)
    dead = WorkerLink.open(redis_url, keys, timeout=5, seen_ttl_hours=1)
    alive = WorkerLink.open(redis_url, keys, timeout=5, seen_ttl_hours=1)
    holder = _Holder()
    holder.link = dead  # type: ignore[attr-defined]
    queue = ReliableQueue(dead.client, holder, keys.requests)
    for number, priority in ((1, 0), (2, 5), (3, 0)):
        queue.push(Request(f"http://127.0.0.1:9/a/{number}.html", callback=holder.parse_listing, priority=priority))
    dead.heartbeat()

    first = queue.pop()
    assert first is not None and first.url.endswith("/2.html")  # highest priority first
    assert first.callback == holder.parse_listing
    second = queue.pop()
    assert second is not None
    assert len(queue) == 1 and shared_redis.zcard(dead.processing) == 2
    dead.ack(first.meta[ENTRY_META])
    assert shared_redis.zcard(dead.processing) == 1

    # The worker dies holding the second request: once its heartbeat expires it goes back.
    assert alive.reclaim_dead() == 0  # still alive
    shared_redis.delete(keys.alive(dead.worker))
    assert alive.reclaim_dead() == 1
    assert len(queue) == 2 and not shared_redis.exists(dead.processing)
    assert dead.worker.encode() not in shared_redis.smembers(keys.workers)
    dead.client.close()
    alive.client.close()


def test_backoff_logs_one_line_per_retry(caplog: pytest.LogCaptureFixture) -> None:
    link = WorkerLink.open(f"redis://127.0.0.1:{free_port()}/0", WorkerQueueKeys("down"), timeout=5, seen_ttl_hours=1)
    with caplog.at_level(logging.WARNING, logger="signwatch.workers"):
        assert link.guarded("pop", link.client.ping) is None
        assert link.guarded("pop", link.client.ping) is None  # within the pause: not even tried
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1
    assert "unreachable" in lines[0] and "retry 1 in 1s" in lines[0]
    link.client.close()


@pytest.mark.parametrize(("failures", "pause"), [(1, 1.0), (2, 2.0), (3, 4.0), (5, 16.0), (6, 30.0), (20, 30.0)])
def test_backoff_doubles_up_to_its_cap(failures: int, pause: float, caplog: pytest.LogCaptureFixture) -> None:
    backoff = Backoff()
    for _ in range(failures):
        backoff.failed(ConnectionError("refused"), "redis://127.0.0.1:1/0")
    assert caplog.records[-1].getMessage().endswith(f"retry {failures} in {pause:.0f}s")
    backoff.succeeded()
    assert backoff.ready() and backoff.failures == 0


def test_daemon_job_queues_the_source_instead_of_crawling(
    tmp_path: Path, postgres_url: str, redis_url: str, queue_prefix: str, shared_redis: redis.Redis
) -> None:
    config = tmp_path / "signwatch.toml"
    config.write_text(
        f'[database]\nurl = "{postgres_url}"\n\n'
        f'[workers]\nredis_url = "{redis_url}"\nkey_prefix = "{queue_prefix}"\n\n'
        '[[sources]]\nname = "county-a"\ntype = "zblog"\nstart_urls = ["http://127.0.0.1:9/a/"]\n',
        encoding="utf-8",
    )
    daemon = Daemon(config)
    daemon.crawl_source("county-a")
    raw = shared_redis.lrange(WorkerQueueKeys(queue_prefix).start, 0, -1)
    assert [read_start_message(m) for m in raw if isinstance(m, bytes)] == [("county-a", 1)]
    assert daemon._children == {}  # no crawl child process was started
    with daemon.db.session() as session:
        assert [run.status for run in session.scalars(select(CrawlRun))] == ["queued"]
    daemon.db.dispose()


@dataclass
class Flapping:
    """A worker's scheduler on a line to the shared Redis that is cut every few milliseconds."""

    link: WorkerLink
    scheduler: WorkerScheduler
    holder: _Holder
    queue: ReliableQueue  # the same queue, read past the cut line
    steady: Callable[[], None]  # stops the cutting (the line stays up)

    def urls(self, client: redis.Redis, key: str) -> list[str]:
        """The URLs of the requests in a sorted set (the queue, or a processing set)."""
        return [self.queue._decode_request(raw).url for raw in client.zrange(key, 0, -1)]


@pytest.fixture
def flapping(redis_url: str, queue_prefix: str, shared_redis: redis.Redis) -> Iterator[Flapping]:
    """A scheduler whose line to Redis flaps; its backoff is a millisecond, so it keeps trying through the cuts."""
    direct = shared_redis.connection_pool.connection_kwargs
    proxy = CuttableProxy(direct.get("host", "127.0.0.1"), int(direct.get("port", 6379)))
    proxy.restore()
    url = f"redis://127.0.0.1:{proxy.port}/{direct.get('db', 0)}"
    link = WorkerLink.open(url, WorkerQueueKeys(queue_prefix), timeout=5, seen_ttl_hours=1)
    link.backoff = Backoff(base=0.001, cap=0.001)
    holder = _Holder()
    holder.link = link  # type: ignore[attr-defined]
    holder.settings = ScrapySettings({"DUPEFILTER_DEBUG": False})
    scheduler = WorkerScheduler(
        server=None,
        persist=True,
        queue_key=link.keys.requests,
        queue_cls="crawler.workers.queue.ReliableQueue",
        dupefilter_cls="crawler.workers.queue.RunDupeFilter",
    )
    scheduler.open(holder)
    stop = threading.Event()

    def flap() -> None:
        while not stop.is_set():
            time.sleep(0.004)
            proxy.cut()
            time.sleep(0.001)
            proxy.restore()

    cutter = threading.Thread(target=flap, daemon=True)
    cutter.start()

    def steady() -> None:
        stop.set()
        cutter.join()

    yield Flapping(link, scheduler, holder, ReliableQueue(shared_redis, holder, link.keys.requests), steady)
    steady()
    link.client.close()
    proxy.cut()


URLS = [f"http://127.0.0.1:9/a/{number}.html" for number in range(600)]


def test_requests_queued_through_a_flapping_redis_are_all_queued(
    flapping: Flapping, shared_redis: redis.Redis, caplog: pytest.LogCaptureFixture
) -> None:
    # A request whose fingerprint was recorded must be in the queue too, or
    # the retry after a cut finds it "seen" and it is lost.
    with caplog.at_level(logging.WARNING, logger="signwatch.workers"):
        for url in URLS:
            request = Request(url, callback=flapping.holder.parse_listing, meta={RUN_META: 7})
            flapping.scheduler.enqueue_request(request)
            time.sleep(0.002)  # found at a crawl's pace: the cuts fall between and inside the calls
    flapping.steady()
    flapping.scheduler.close("finished")  # pushes whatever waited for Redis
    assert "unreachable" in caplog.text  # the line was cut while queuing
    assert sorted(flapping.urls(shared_redis, flapping.link.keys.requests)) == sorted(URLS)


def test_requests_popped_through_a_flapping_redis_are_received_or_back_in_the_queue(
    flapping: Flapping, shared_redis: redis.Redis, caplog: pytest.LogCaptureFixture
) -> None:
    # A pop whose answer was lost moved a request into this worker's
    # processing set; the worker puts it back once Redis answers.
    link, scheduler = flapping.link, flapping.scheduler
    for url in URLS:
        flapping.queue.push(Request(url, callback=flapping.holder.parse_listing))
    received: list[str] = []
    with caplog.at_level(logging.WARNING, logger="signwatch.workers"):
        for _ in range(300):
            time.sleep(0.002)
            request = scheduler.next_request()
            if request is not None:
                received.append(request.url)
                link.ack(request.meta[ENTRY_META])
        flapping.steady()
        link.backoff.next_attempt = 0.0
        scheduler.next_request()  # the first call with Redis steady returns the orphans (and pops one more)
    assert "unreachable" in caplog.text
    in_queue = flapping.urls(shared_redis, link.keys.requests)
    held = flapping.urls(shared_redis, link.processing)
    assert sorted(received + in_queue + held) == sorted(URLS)
    assert len(held) <= 1 and len(link.held) == len(held)
