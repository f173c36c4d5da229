"""Two passes at once never crawl one source twice, and leave no stray archive file.

While one ``signwatch crawl --all`` crawls the mirror, a ``signwatch run``
and a second ``signwatch crawl --all`` start: each source's lease is held,
so both skip every source, one log line each, and exit 0.  Afterwards every
mirror article is stored once and ``archive verify`` finds every file with
its row.  Real processes, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from monitor.config import load_settings
from monitor.demo.mirror.server import MirrorServer
from monitor.demo.sink import AlertSink
from monitor.store import Article, CrawlRun, Database, Source
from tests.running.conftest import signwatch, write_config
from tests.running.test_stale_runs import wait_for

pytestmark = pytest.mark.slow

SITES = ("zblog", "dedecms", "taiwancn", "generic")


def _leased(db: Database) -> int:
    try:
        with db.session() as session:
            return int(session.scalar(select(func.count()).where(Source.lease_owner.is_not(None))) or 0)
    except Exception:  # the first crawl has not made the store yet
        return 0


def test_a_second_and_third_pass_skip_every_source_the_first_crawls(
    tmp_path: Path, database_url: str, db: Database
) -> None:
    with MirrorServer(20) as mirror, AlertSink() as sink:
        config = write_config(mirror, sink, tmp_path)
        text = config.read_text(encoding="utf-8").replace("download_delay = 0.0", "download_delay = 0.2")
        config.write_text(text.replace("[crawler]", f'[database]\nurl = "{database_url}"\n\n[crawler]', 1), "utf-8")
        assert load_settings(config).database_url == database_url
        env = {k: v for k, v in os.environ.items() if not k.startswith("SIGNWATCH_")}
        first = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "crawl", "--all", "--json"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert wait_for(lambda: _leased(db) == len(SITES), 120)
        second = signwatch("--config", str(config), "run", cwd=tmp_path)
        third = signwatch("--config", str(config), "crawl", "--all", "--json", cwd=tmp_path)
        _out, err = first.communicate(timeout=300)
        assert first.returncode == 0, err
        expected = sum(len(mirror.articles(site)) for site in SITES)

    assert second.returncode == 0 and third.returncode == 0, (second.stderr, third.stderr)
    # One log line per source says who crawls it.
    skip_lines = [line for line in second.stderr.splitlines() if " skipped: being crawled by " in line]
    assert sorted(line.split("source=")[1].split()[0] for line in skip_lines) == sorted(f"mirror-{s}" for s in SITES)
    outcomes = [json.loads(line) for line in third.stdout.splitlines() if line.startswith("{")]
    assert [o["status"] for o in outcomes] == ["skipped"] * len(SITES)
    assert all(o["error"].startswith("skipped: being crawled by ") for o in outcomes)

    with db.session() as session:
        runs = session.scalars(select(CrawlRun)).all()
        stored = int(session.scalar(select(func.count()).select_from(Article)) or 0)
        leased = session.scalars(select(Source.lease_owner).where(Source.lease_owner.is_not(None))).all()
    # One run per source, the first crawl's; no lease left behind.
    assert sorted(run.status for run in runs) == ["ok"] * len(SITES)
    assert leased == []
    assert stored == expected
    verify = signwatch("--config", str(config), "archive", "verify", "--json", cwd=tmp_path)
    report = json.loads(verify.stdout)
    assert verify.returncode == 0 and report["problems"] == [] and report["verified"] == expected, report
