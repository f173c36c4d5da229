"""The commands of a workers deployment, as an operator runs them: run queues, worker crawls, status shows."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.demo.mirror import MirrorServer
from monitor.store import Database
from tests.command import run_signwatch
from tests.workers.workers_helpers import article_count, expected_articles, workers_config

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
    return run_signwatch("--config", str(config), *args, timeout=240)


def test_run_queues_worker_crawls_status_shows(
    mirror: MirrorServer, tmp_path: Path, postgres_url: str, redis_url: str, queue_prefix: str
) -> None:
    config = workers_config(mirror, tmp_path, database_url=postgres_url, redis_url=redis_url, prefix=queue_prefix)

    queued = signwatch(config, "run", "--json")
    assert queued.returncode == 0, queued.stderr
    summary = json.loads(queued.stdout)
    assert summary["crawled"] == [] and summary["queued"]  # nothing crawled here: queued for the workers

    status = signwatch(config, "workers", "status", "--json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["start_messages"] == len(summary["queued"])
    # The old name answers the same, after one line saying it is the old name.
    old = signwatch(config, "cluster", "status", "--json")
    assert old.returncode == 0 and json.loads(old.stdout) == json.loads(status.stdout)
    assert old.stderr.splitlines() == [ALIAS_WARNING]

    worker = signwatch(config, "worker", "--exit-when-idle", "--idle-seconds", "2")
    assert worker.returncode == 0, worker.stderr[-3000:]
    db = Database(postgres_url)
    assert article_count(db) == len(expected_articles(mirror))
    db.dispose()

    after = json.loads(signwatch(config, "workers", "status", "--json").stdout)
    assert (after["start_messages"], after["requests"], after["in_flight"], after["workers"]) == (0, 0, 0, [])

    again = json.loads(signwatch(config, "run", "--json").stdout)
    assert again["queued"] == [] and len(again["not_due"]) == len(summary["queued"])  # queued runs count as runs


NO_WORKERS = "signwatch: error: no workers configured: set [workers] redis_url in the config"
WORKER_NEEDS = "signwatch: error: signwatch worker needs [workers] redis_url in the config"
ALIAS_WARNING = (
    "signwatch: warning: 'signwatch cluster status' is renamed 'signwatch workers status'; "
    "the old name works until signwatch 0.3"
)
TABLE_WARNING = "signwatch: warning: {config}: [cluster] is renamed [workers]; the old name is read until signwatch 0.3"
BOTH_TABLES = (
    "signwatch: error: {config}: both [cluster] and [workers]: [cluster] is the old name of [workers]; "
    "keep [workers] only"
)
OLD_TABLE_TYPO = "signwatch: error: {config}: unknown key 'cluster.redis_ur'"  # named as the file spells it

# (tables added to the mirror's config, command, exit status, stderr lines): the
# new names, and the old ones, each read with one line saying so until signwatch 0.3.
SPELLINGS = [
    ("", ["worker"], 2, [WORKER_NEEDS]),
    ("", ["workers", "status"], 2, [NO_WORKERS]),
    ("", ["cluster", "status"], 2, [ALIAS_WARNING, NO_WORKERS]),
    ("[workers]\nkey_prefix = 'sw'\n", ["sources", "check"], 0, []),
    ("[cluster]\nkey_prefix = 'sw'\n", ["sources", "check"], 0, [TABLE_WARNING]),
    ("[cluster]\nkey_prefix = 'sw'\n", ["worker"], 2, [TABLE_WARNING, WORKER_NEEDS]),
    ("[cluster]\nkey_prefix = 'sw'\n", ["cluster", "status"], 2, [ALIAS_WARNING, TABLE_WARNING, NO_WORKERS]),
    ("[cluster]\nredis_ur = 'x'\n", ["sources", "check"], 2, [OLD_TABLE_TYPO]),
    ("[cluster]\n\n[workers]\n", ["sources", "check"], 2, [BOTH_TABLES]),
]


@pytest.mark.parametrize(("tables", "command", "status", "stderr"), SPELLINGS)
def test_names_old_and_new(
    tables: str, command: list[str], status: int, stderr: list[str], mirror: MirrorServer, tmp_path: Path
) -> None:
    config = mirror.write_config(tmp_path / "signwatch.toml", tmp_path / "data")
    with config.open("a", encoding="utf-8") as handle:
        handle.write("\n" + tables)
    result = signwatch(config, *command)
    assert result.returncode == status, result.stderr
    assert result.stderr.splitlines() == [line.format(config=config) for line in stderr]
