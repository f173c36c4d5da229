"""Sizing inputs measured on a real worker crawl: Redis bytes per queued request and per fingerprint,
PostgreSQL CPU and transactions per stored article, requests and bytes per source per unchanged poll.

    SIGNWATCH_TEST_POSTGRES_URL=postgresql+psycopg://127.0.0.1:5432/test \\
    SIGNWATCH_TEST_REDIS_URL=redis://127.0.0.1:6379/0 \\
    .venv/bin/python bench/bench_sizing.py [--articles 300] [--quick] [--json]

The mirror (4 sites with ``--articles`` generated articles each, plus the
seeds) is crawled by one ``signwatch worker`` process through Redis into a
fresh PostgreSQL schema, as ``bench_workers.py`` does.  While it runs, the
real queue (a sorted set) and the run's dupefilter set are sampled with
``MEMORY USAGE`` and ``ZCARD``/``SCARD`` every 50 ms; bytes per entry are
taken from the largest sample.  The PostgreSQL backends serving the worker
(``application_name`` set in its URL) have their CPU read from ``/proc``
when the crawl is done (the server is shared with other work, so its
database-wide counters are not used; statements per article are
``bench_store.py``'s).  Then the same sources are queued again with nothing changed on the mirror
(a second poll): the mirror's log gives requests and bytes per source.
``--quick``: 60 articles per site.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import redis  # noqa: E402
from bench_workers import SOURCES, count_articles, fresh_schema, write_config  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from monitor.config import load_settings  # noqa: E402
from monitor.demo.mirror import MirrorServer  # noqa: E402
from monitor.running.startup import open_store  # noqa: E402
from monitor.running.workers import WorkerQueueKeys, queue_sources  # noqa: E402
from monitor.store import Database  # noqa: E402

APPLICATION = "signwatch-sizing"
_TICKS = os.sysconf("SC_CLK_TCK")


def _backend_cpu(db: Database) -> dict[int, float]:
    """CPU seconds (user + system) each PostgreSQL backend serving the worker has used so far, by pid."""
    with db.session() as session:
        query = text("SELECT pid FROM pg_stat_activity WHERE application_name = :a")
        pids = [int(pid) for pid in session.scalars(query, {"a": APPLICATION})]
    used: dict[int, float] = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / _TICKS
    return used


def _since(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def _tree_cpu(root: int) -> float:
    """CPU seconds of process ``root`` and every process under it, alive or reaped."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = sum(int(value) for value in fields[11:15]) / _TICKS  # own and reaped children's
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total


def _sample(client: redis.Redis, keys: WorkerQueueKeys, prefix: str, samples: dict[str, list[tuple[int, int]]]) -> None:
    """One sample of the queue and of every dupefilter set: (bytes, entries)."""
    entries = int(client.zcard(keys.requests))
    if entries:
        samples["queue"].append((int(client.memory_usage(keys.requests, samples=0) or 0), entries))
    for key in client.scan_iter(match=f"{prefix}:seen:*"):
        members = int(client.scard(key))
        if members:
            samples["seen"].append((int(client.memory_usage(key, samples=0) or 0), members))


def _per_entry(found: list[tuple[int, int]]) -> dict[str, float] | None:
    if not found:
        return None
    size, entries = max(found, key=lambda pair: pair[1])
    return {"entries": entries, "bytes": size, "bytes_per_entry": round(size / entries, 1)}


def measure(articles: int, admin_url: str, redis_url: str) -> dict[str, Any]:
    """One worker crawl of the mirror and one unchanged poll; the sizing inputs."""
    prefix = f"sizing-{uuid.uuid4().hex[:8]}"
    client = redis.Redis.from_url(redis_url)
    keys = WorkerQueueKeys(prefix)
    samples: dict[str, list[tuple[int, int]]] = {"queue": [], "seen": []}
    with MirrorServer(articles) as mirror, tempfile.TemporaryDirectory() as directory, fresh_schema(admin_url) as url:
        url = make_url(url).update_query_dict({"application_name": APPLICATION}).render_as_string(hide_password=False)
        config = write_config(mirror, Path(directory), url, {"redis_url": redis_url, "key_prefix": prefix})
        settings = load_settings(config)
        db = open_store(settings)
        expected = 0
        log = Path(directory) / "worker.log"
        environment = dict(os.environ, PYTHONPATH=str(ROOT))
        with log.open("wb") as handle:
            command = [sys.executable, "-m", "crawler.workers.worker", "--config", str(config)]
            worker = subprocess.Popen(command, stderr=handle, stdout=subprocess.DEVNULL, env=environment)
        try:
            while "pulling from" not in log.read_text(errors="replace"):
                time.sleep(0.1)
            mirror.clear_log()
            started, idle_cpu, idle_backends = time.monotonic(), _tree_cpu(worker.pid), _backend_cpu(db)
            queue_sources(settings, db, SOURCES)
            last, quiet_since = -1, time.monotonic()
            # until every generated article is stored (the seeds may add a few) and nothing more comes for 5 s
            while last < len(SOURCES) * articles or time.monotonic() - quiet_since < 5:
                _sample(client, keys, prefix, samples)
                stored = count_articles(db)
                if stored != last:
                    last, quiet_since = stored, time.monotonic()
                if time.monotonic() - started > 900:
                    raise SystemExit(f"the crawl stored {last} articles in 900 s; stopped")
                time.sleep(0.05)
            expected = last
            crawl_seconds = quiet_since - started
            first_pages = len(mirror.requests)
            crawled = _backend_cpu(db)  # the bench's own connection has another application_name
            # The second poll: nothing changed on the mirror.
            worker_cpu = _tree_cpu(worker.pid)
            mirror.clear_log()
            queue_sources(settings, db, SOURCES)
            quiet_since, seen = time.monotonic(), 0
            while seen == 0 or time.monotonic() - quiet_since < 8 or client.zcard(keys.requests):
                if len(mirror.requests) != seen:
                    seen, quiet_since = len(mirror.requests), time.monotonic()
                time.sleep(0.1)
            poll = list(mirror.requests)
            # the 8 quiet seconds' idle polling of Redis included: an upper bound
            poll_cpu = _tree_cpu(worker.pid) - worker_cpu
            poll_backends = _since(crawled, _backend_cpu(db))
        finally:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=300)
            except subprocess.TimeoutExpired:  # a loaded machine: it finishes in-flight work slowly
                worker.kill()
                worker.wait()
            db.dispose()
            stale = list(client.scan_iter(match=f"{prefix}:*"))
            if stale:
                client.delete(*stale)
            client.close()
    return {
        "articles_stored": expected,
        "pages_first_crawl": first_pages,
        "crawl_seconds": round(crawl_seconds, 1),
        "redis_queue": _per_entry(samples["queue"]),
        "redis_dupefilter": _per_entry(samples["seen"]),
        "worker_cpu_ms_per_page": round(1000 * (worker_cpu - idle_cpu) / first_pages, 2) if first_pages else None,
        "postgres_backends": len(crawled),
        "postgres_cpu_ms_per_article": round(1000 * _since(idle_backends, crawled) / expected, 2) if expected else None,
        "unchanged_poll": {
            "requests_per_source": round(len(poll) / len(SOURCES), 1),
            "bytes_per_source": round(sum(r.body_bytes for r in poll) / len(SOURCES)),
            "conditional_share": round(sum(r.conditional for r in poll) / len(poll), 2) if poll else None,
            "statuses": sorted({r.status for r in poll}),
            "worker_cpu_ms_per_source": round(1000 * poll_cpu / len(SOURCES), 1),
            "postgres_cpu_ms_per_source": round(1000 * poll_backends / len(SOURCES), 1),
        },
    }


def main() -> None:
    """Run the measurement and print it."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    admin_url = os.environ.get("SIGNWATCH_TEST_POSTGRES_URL")
    redis_url = os.environ.get("SIGNWATCH_TEST_REDIS_URL")
    if not admin_url or not redis_url:
        raise SystemExit("set SIGNWATCH_TEST_POSTGRES_URL and SIGNWATCH_TEST_REDIS_URL")
    result = measure(60 if options.quick else options.articles, admin_url, redis_url)
    result["load_average"] = round(os.getloadavg()[0], 1)
    print(json.dumps(result) if options.json else json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
