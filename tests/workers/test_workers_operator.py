"""A workers deployment as cron and journald see it: ``run`` queues and says so, a worker logs one line per event."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.demo.mirror import MirrorServer
from tests.cli.conftest import LOG_LINE, signwatch
from tests.workers.workers_helpers import workers_config

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis]

SOURCES = ["mirror-zblog", "mirror-dedecms", "mirror-taiwancn", "mirror-generic"]


@pytest.fixture
def mirror() -> Iterator[MirrorServer]:
    """A small mirror: two generated articles per site."""
    with MirrorServer(2) as server:
        yield server


def test_run_queues_exits_0_and_the_worker_logs_one_line_per_event(
    mirror: MirrorServer, tmp_path: Path, postgres_url: str, redis_url: str, queue_prefix: str
) -> None:
    config = str(workers_config(mirror, tmp_path, database_url=postgres_url, redis_url=redis_url, prefix=queue_prefix))

    queued = signwatch("--config", config, "run", cwd=tmp_path)
    assert queued.returncode == 0, queued.stderr
    lines = queued.stdout.splitlines()
    assert lines[0] == "source\tstatus\trun"
    assert [line.split("\t")[:2] for line in lines[1:-1]] == [[name, "queued"] for name in SOURCES]
    assert lines[-1] == "queued: 4  not due: 0  alerts delivered: 0  delivery failures: 0"
    assert "crawled" not in queued.stdout
    assert all(LOG_LINE.match(line) for line in queued.stderr.splitlines()), queued.stderr

    worker = signwatch("--config", config, "worker", "--exit-when-idle", "--idle-seconds", "2", cwd=tmp_path)
    assert worker.returncode == 0, worker.stderr[-3000:]
    assert worker.stdout == ""
    logged = worker.stderr.splitlines()
    assert all(LOG_LINE.match(line) for line in logged), worker.stderr
    # Scrapy's start-up lists and per-minute counters are held back; its one-line stats dump stays.
    for noise in ("Enabled extensions", "Enabled downloader middlewares", "Versions:", "Crawled 0 pages", "alembic"):
        assert noise not in worker.stderr, noise
    assert any("Dumping Scrapy stats: {" in line for line in logged)
    for name in SOURCES:
        assert any(f"source={name} run=" in line for line in logged), name

    # The runs the worker crawled, as `sources` shows them: queued, with the counts the worker added.
    listed = signwatch("--config", config, "sources", cwd=tmp_path)
    rows = [line.split("\t") for line in listed.stdout.splitlines()[1:]]
    assert [(row[0], row[5]) for row in rows] == [(name, "queued") for name in SOURCES]
    assert sum(int(row[6]) for row in rows) > 0  # new articles
