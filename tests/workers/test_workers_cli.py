"""The commands of a cluster deployment, as an operator runs them: run queues, worker crawls, status shows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from workers_helpers import ROOT, article_count, cluster_config, expected_articles

from monitor.demo.mirror import MirrorServer
from monitor.store import Database

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis]


@pytest.fixture
def mirror() -> Iterator[MirrorServer]:
    """A small mirror: 5 generated articles per site plus the seeds."""
    server = MirrorServer(articles_per_site=5, seed=2, page_size=5)
    server.start()
    yield server
    server.stop()


def signwatch(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``signwatch --config CONFIG ARGS`` to completion."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SIGNWATCH_")}
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_run_queues_worker_crawls_status_shows(
    mirror: MirrorServer, tmp_path: Path, postgres_url: str, redis_url: str, cluster_prefix: str
) -> None:
    config = cluster_config(mirror, tmp_path, database_url=postgres_url, redis_url=redis_url, prefix=cluster_prefix)

    queued = signwatch(config, "run", "--json")
    assert queued.returncode == 0, queued.stderr
    summary = json.loads(queued.stdout)
    assert {entry["status"] for entry in summary["crawled"]} == {"queued"}

    status = signwatch(config, "cluster", "status", "--json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["start_messages"] == len(summary["crawled"])

    worker = signwatch(config, "worker", "--exit-when-idle", "--idle-seconds", "2")
    assert worker.returncode == 0, worker.stderr[-3000:]
    db = Database(postgres_url)
    assert article_count(db) == len(expected_articles(mirror))
    db.dispose()

    after = json.loads(signwatch(config, "cluster", "status", "--json").stdout)
    assert (after["start_messages"], after["requests"], after["in_flight"], after["workers"]) == (0, 0, 0, [])

    again = json.loads(signwatch(config, "run", "--json").stdout)
    assert again["crawled"] == [] and len(again["not_due"]) == len(summary["crawled"])  # queued runs count as runs


@pytest.mark.parametrize("command", [["worker"], ["cluster", "status"]])
def test_commands_need_a_cluster(command: list[str], mirror: MirrorServer, tmp_path: Path) -> None:
    config = mirror.write_config(tmp_path / "signwatch.toml", tmp_path / "data")
    result = signwatch(config, *command)
    assert result.returncode == 2
    assert result.stderr.startswith("signwatch: error:") and "[cluster] redis_url" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
