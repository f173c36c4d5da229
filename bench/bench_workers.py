"""Workers benchmark: 1, 2 and 4 workers on one Redis and one PostgreSQL, beside a single-host crawl.

    SIGNWATCH_TEST_POSTGRES_URL=postgresql+psycopg://127.0.0.1:5432/test \\
    SIGNWATCH_TEST_REDIS_URL=redis://127.0.0.1:6379/0 \\
    .venv/bin/python bench/bench_workers.py [--articles 500] [--repeats 3] [--fill 100000]

A mirror with ``--articles`` generated articles per site (4 sites: 2,000 by
default, plus the 5 seeds) is crawled, in one run and with the same
politeness (no delay, 8 per domain per process), by:

- single: ``run_crawl`` of the four sources (``signwatch crawl``'s child
  process, one crawler per source), the peer;
- N workers: ``python -m crawler.workers.worker`` processes sharing the Redis
  queue, started and idle before the runs are queued.

Every repeat stores into a fresh PostgreSQL schema and a fresh Redis key
prefix.  Time runs from queuing (workers) or spider open (single) to the
last article stored; pages are the mirror's own count of answered requests.
Medians over ``--repeats``; efficiency = (N-worker pages/s) / (N x 1-worker pages/s).

Then Redis memory: ``--fill`` serialized article requests (as workers queue
them) go into a sorted set and as many fingerprints into a dupefilter set;
``MEMORY USAGE`` of each, scaled to a million.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from monitor.config import load_settings  # noqa: E402
from monitor.demo.mirror import SITES, MirrorServer  # noqa: E402
from monitor.running.crawl import run_crawl  # noqa: E402
from monitor.running.startup import open_store  # noqa: E402
from monitor.running.workers import WorkerQueueKeys, queue_sources  # noqa: E402
from monitor.store import Article, Database  # noqa: E402
from monitor.store.schemas import scratch_schema  # noqa: E402

SOURCES = [f"mirror-{style.name}" for style in SITES]


def write_config(mirror: MirrorServer, directory: Path, database_url: str, workers: dict[str, str] | None) -> Path:
    """The mirror's config storing into ``database_url`` (with a ``[workers]`` table when given)."""
    path = mirror.write_config(directory / "signwatch.toml", directory / "data")
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f'\n[database]\nurl = "{database_url}"\n')
        if workers:
            handle.write("\n[workers]\n" + "".join(f'{key} = "{value}"\n' for key, value in workers.items()))
    return path


def count_articles(db: Database) -> int:
    """Articles stored so far."""
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Article)) or 0)


def single_host(mirror: MirrorServer, admin_url: str) -> dict[str, Any]:
    """One single-host crawl (the peer): pages, articles, seconds (the longest of the four crawls)."""
    with tempfile.TemporaryDirectory() as directory, scratch_schema(admin_url, "bench") as url:
        settings = load_settings(write_config(mirror, Path(directory), url, None))
        mirror.clear_log()
        outcomes = run_crawl(settings, SOURCES)
        assert all(o.status == "ok" for o in outcomes), [o.error for o in outcomes]
        seconds = max(o.duration for o in outcomes)
        return {"pages": len(mirror.requests), "articles": sum(o.new_articles for o in outcomes), "seconds": seconds}


def workers_run(mirror: MirrorServer, admin_url: str, redis_url: str, workers: int, expected: int) -> dict[str, Any]:
    """One crawl by ``workers`` worker processes: pages, articles, seconds from queuing to the last article."""
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    client = redis.Redis.from_url(redis_url)
    with tempfile.TemporaryDirectory() as directory, scratch_schema(admin_url, "bench") as url:
        config = write_config(mirror, Path(directory), url, {"redis_url": redis_url, "key_prefix": prefix})
        settings = load_settings(config)
        db = open_store(settings)
        environment = dict(os.environ, PYTHONPATH=str(ROOT))
        logs = [Path(directory) / f"worker-{n}.log" for n in range(workers)]
        processes = []
        for log in logs:
            with log.open("wb") as handle:
                command = [sys.executable, "-m", "crawler.workers.worker", "--config", str(config)]
                processes.append(subprocess.Popen(command, stderr=handle, stdout=subprocess.DEVNULL, env=environment))
        try:
            while not all("pulling from" in log.read_text(errors="replace") for log in logs):
                time.sleep(0.1)
            mirror.clear_log()
            started = time.monotonic()
            queue_sources(settings, db, SOURCES)
            while count_articles(db) < expected:
                time.sleep(0.05)
            seconds = time.monotonic() - started
            pages = len(mirror.requests)
        finally:
            for process in processes:
                process.send_signal(signal.SIGTERM)
            for process in processes:
                process.wait(timeout=120)
            db.dispose()
            keys = list(client.scan_iter(match=f"{prefix}:*"))
            if keys:
                client.delete(*keys)
            client.close()
    return {"pages": pages, "articles": expected, "seconds": seconds}


def redis_memory(redis_url: str, fill: int) -> dict[str, float]:
    """Bytes per queued request and per fingerprint, measured on ``fill`` of each."""
    from datetime import datetime

    from scrapy import Request, Spider

    from crawler.middlewares import URL_STATE_META
    from crawler.workers.link import WorkerLink
    from crawler.workers.queue import RUN_META, SOURCE_META, ReliableQueue, RunDupeFilter
    from monitor.records import UrlState

    class Holder(Spider):
        name = "holder"

        def parse_article(self, response: object) -> None:
            """The callback workers' article requests name."""

        def on_error(self, failure: object) -> None:
            """The errback they name."""

    keys = WorkerQueueKeys(f"bench-mem-{uuid.uuid4().hex[:8]}")
    link = WorkerLink.open(redis_url, keys, timeout=30, seen_ttl_hours=48)
    holder = Holder()
    holder.link = link  # type: ignore[attr-defined]
    queue = ReliableQueue(link.client, holder, keys.requests)
    dupefilter = RunDupeFilter(link.client, keys.seen("none"))
    state = UrlState('"5f3a-9c1"', "Sat, 21 Nov 2026 08:00:00 GMT", datetime(2026, 11, 21, 8), "0123456789abcdef")
    try:
        pipe = link.client.pipeline(transaction=False)
        for number in range(fill):
            # An article request as a worker queues it: county-site URL, source, run, kind.
            url = f"http://www.county{number % 3000:04d}.gov.cn/zwgk/tzgg/202611/t20261122_{1000000 + number}.html"
            meta = {"signwatch_kind": "article", SOURCE_META: f"county-{number % 3000:04d}", RUN_META: 123456}
            if number % 10 == 0:
                meta[URL_STATE_META] = state  # a tenth are revisits carrying their stored validators
            request = Request(url, callback=holder.parse_article, errback=holder.on_error, meta=meta)
            pipe.zadd(keys.requests, {queue._encode_request(request): 0})
            pipe.sadd(keys.seen(123456), dupefilter.request_fingerprint(request))
            if number % 5000 == 4999:
                pipe.execute()
        pipe.execute()
        queued = int(link.client.memory_usage(keys.requests, samples=0) or 0)
        seen = int(link.client.memory_usage(keys.seen(123456), samples=0) or 0)
        return {
            "fill": fill,
            "queue_bytes_per_request": queued / fill,
            "dupefilter_bytes_per_fingerprint": seen / fill,
            "queue_mib_per_million": queued / fill * 1e6 / 2**20,
            "dupefilter_mib_per_million": seen / fill * 1e6 / 2**20,
        }
    finally:
        link.client.delete(keys.requests, keys.seen(123456))
        link.client.close()


def main() -> None:
    """Run every side, print the table and one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500, help="generated articles per site (4 sites)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--fill", type=int, default=100_000, help="requests queued for the memory measure")
    options = parser.parse_args()
    admin_url = os.environ.get("SIGNWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://127.0.0.1:5432/test")
    redis_url = os.environ.get("SIGNWATCH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

    results: dict[str, list[dict[str, Any]]] = {}
    with MirrorServer(articles_per_site=options.articles, seed=1) as mirror:
        for _ in range(options.repeats):
            # Interleaved, so a neighbour's load on the shared machine hits every side alike.
            single = single_host(mirror, admin_url)
            results.setdefault("single", []).append(single)
            for count in options.workers:
                results.setdefault(f"{count} workers", []).append(
                    workers_run(mirror, admin_url, redis_url, count, single["articles"])
                )
    summary: dict[str, Any] = {}
    for side, runs in results.items():
        rates = [run["pages"] / run["seconds"] for run in runs]
        summary[side] = {
            "pages": statistics.median(run["pages"] for run in runs),
            "articles": statistics.median(run["articles"] for run in runs),
            "seconds": round(statistics.median(run["seconds"] for run in runs), 2),
            "pages_per_s": round(statistics.median(rates), 1),
            "articles_per_s": round(statistics.median(run["articles"] / run["seconds"] for run in runs), 1),
        }
    one = summary.get("1 workers", {}).get("pages_per_s")
    header = ("side", "pages", "articles", "seconds", "pages/s", "vs single", "efficiency")
    print(f"{header[0]:<12} " + " ".join(f"{name:>9}" for name in header[1:]))
    for side, row in summary.items():
        count = int(side.split()[0]) if side.endswith("workers") else None
        ratio = row["pages_per_s"] / summary["single"]["pages_per_s"]
        efficiency = f"{row['pages_per_s'] / (count * one):.2f}" if count and one else "-"
        row["vs_single"], row["efficiency"] = round(ratio, 2), efficiency
        print(
            f"{side:<12} {row['pages']:>9.0f} {row['articles']:>9.0f} {row['seconds']:>9.2f} "
            f"{row['pages_per_s']:>9.1f} {ratio:>9.2f} {efficiency:>9}"
        )
    memory = redis_memory(redis_url, options.fill)
    print(
        f"redis: {memory['queue_bytes_per_request']:.0f} B per queued request "
        f"({memory['queue_mib_per_million']:.0f} MiB per million), "
        f"{memory['dupefilter_bytes_per_fingerprint']:.0f} B per fingerprint "
        f"({memory['dupefilter_mib_per_million']:.0f} MiB per million)"
    )
    print(json.dumps({"crawl": summary, "redis": memory, "repeats": options.repeats, "articles": options.articles}))


if __name__ == "__main__":
    main()
