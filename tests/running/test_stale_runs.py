"""Runs whose crawl was killed: closed as ``killed`` by the next pass, counted by health, never a live one.

The first tests drive ``monitor.running.stale`` on real SQLite and
PostgreSQL; the last kills a real ``signwatch run`` with SIGKILL mid-crawl
and checks that its crawl child died with it and that the next pass closes
the run (and raises the source's health alert).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from monitor.alerts.health import check_source_health, source_health
from monitor.config import load_settings
from monitor.demo.mirror.server import MirrorServer
from monitor.demo.sink import AlertSink
from monitor.running.crawl import run_crawl
from monitor.running.leases import Lease, process_owner, release_lease, take_lease
from monitor.running.runs import finish_run, start_run
from monitor.running.stale import KILLED, STALE_REASON, close_stale_runs
from monitor.store import Article, CrawlRun, Database
from monitor.store.alert_models import OutboxRow
from tests.running.conftest import signwatch, write_config
from tests.running.proc_tree import crawl_processes


def _statuses(db: Database) -> dict[int, str]:
    with db.session() as session:
        return {run_id: status for run_id, status in session.execute(select(CrawlRun.id, CrawlRun.status))}


def test_runs_nobody_crawls_are_closed_and_a_live_crawl_is_left_alone(db: Database) -> None:
    dead = start_run(db, "dead-site", "zblog")
    done = start_run(db, "dead-site", "zblog")
    finish_run(db, done, status="ok", listing_links=3)
    live = start_run(db, "live-site", "zblog")
    held = take_lease(db, "live-site", owner=process_owner())  # this process crawls it: alive
    assert isinstance(held, Lease)
    closed = close_stale_runs(db)
    assert [(run.source, run.run_id) for run in closed] == [("dead-site", dead)]
    assert _statuses(db) == {dead: KILLED, done: "ok", live: "running"}
    with db.session() as session:
        run = session.get(CrawlRun, dead)
        assert run is not None and run.error_text == STALE_REASON and run.finished_at is not None
    assert close_stale_runs(db) == []  # once
    assert release_lease(db, held)
    assert [run.run_id for run in close_stale_runs(db)] == [live]  # its crawl is over without recording it


def test_killed_runs_count_against_the_source_and_raise_its_health_alert(db: Database) -> None:
    with db.session() as session:
        from monitor.alerts.subscriptions import SubscriptionSpec, add_subscription

        add_subscription(session, SubscriptionSpec("desk", "json://127.0.0.1:9/alerts"))
    for _ in range(2):
        start_run(db, "dying-site", "zblog")
        close_stale_runs(db)
    assert check_source_health(db, "dying-site", threshold=2) == "down"
    [health] = [h for h in source_health(db) if h.name == "dying-site"]
    assert health.consecutive_failures == 2 and health.last_error == STALE_REASON
    assert health.reason == "连续2次抓取失败"
    with db.session() as session:
        assert session.scalars(select(OutboxRow.kind)).all() == ["health"]


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    """Poll ``condition`` until it holds or ``seconds`` pass (a bound, not a timing assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.mark.slow
def test_kill_9_of_a_pass_kills_its_crawl_and_the_next_pass_closes_the_runs(tmp_path: Path) -> None:
    with MirrorServer(30) as mirror, AlertSink() as sink:
        config = write_config(mirror, sink, tmp_path)
        # Slow enough to be killed mid-crawl; health alerts after one bad run.
        text = config.read_text(encoding="utf-8").replace("download_delay = 0.0", "download_delay = 0.2")
        config.write_text(text.replace("[crawler]", "[alerts]\nhealth_failures = 1\n\n[crawler]", 1), encoding="utf-8")
        db = Database.from_settings(load_settings(config))
        env = {k: v for k, v in os.environ.items() if not k.startswith("SIGNWATCH_")}
        first = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "run"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def stored() -> int:
            try:
                with db.session() as session:
                    return len(session.scalars(select(Article.id)).all())
            except Exception:  # the pass has not made the store yet
                return 0

        assert wait_for(lambda: stored() >= 3 and bool(crawl_processes(config)), 120)
        first.send_signal(signal.SIGKILL)
        first.wait()
        # The crawl child dies with its parent: no crawl goes on beside the next pass.
        assert wait_for(lambda: not crawl_processes(config), 10), crawl_processes(config)
        running = [run for run, status in _statuses(db).items() if status == "running"]
        assert running  # the killed pass could not record the end of its runs
        # The passes after the kill need no slowing down: 0.2 s a page was only there to be killed in.
        config.write_text(
            config.read_text(encoding="utf-8").replace("download_delay = 0.2", "download_delay = 0.0"), encoding="utf-8"
        )

        second = signwatch("--config", str(config), "run", "--json", cwd=tmp_path)
        assert second.returncode == 0, second.stderr
        assert "Traceback" not in second.stderr
        statuses = _statuses(db)
        assert {statuses[run] for run in running} == {KILLED}
        assert "running" not in statuses.values()
        closed_lines = [line for line in second.stderr.splitlines() if "closed as killed" in line]
        assert len(closed_lines) == len(running)
        # Each killed run is a failure of its source: with health_failures = 1, one health alert each.
        summary = json.loads(second.stdout)
        assert summary["delivered"] >= len(running)
        health = [m for m in sink.received() if m.title.startswith("【源异常】")]
        assert len(health) == len(running)
        # The next crawl finds what the killed one left: a file written just before the kill, its
        # row never committed, is taken up by its article; every article is stored once.
        again = signwatch("--config", str(config), "crawl", "--all", "--json", cwd=tmp_path)
        assert again.returncode == 0, again.stderr
        verify = signwatch("--config", str(config), "archive", "verify", "--json", cwd=tmp_path)
        report = json.loads(verify.stdout)
        assert verify.returncode == 0 and report["problems"] == [], report
        expected = sum(len(mirror.articles(site)) for site in ("zblog", "dedecms", "taiwancn", "generic"))
        assert stored() == expected == report["verified"]
        db.dispose()


# (how the source's last crawl ended, does the next crawl store every article of the site?)
AFTER_A_BROKEN_CRAWL = [
    ("ok", False),  # finished: the next crawl stops at the first page with nothing new, as designed
    (KILLED, True),  # killed after storing page 1: the next one reads every page and finds the rest
    ("failed", True),
]


@pytest.mark.slow
@pytest.mark.parametrize(("last", "every"), AFTER_A_BROKEN_CRAWL)
def test_after_a_crawl_that_did_not_finish_the_next_reads_every_listing_page(
    tmp_path: Path, last: str, every: bool
) -> None:
    with MirrorServer(30, page_size=10) as mirror:
        config = tmp_path / "signwatch.toml"
        # First crawl: the first listing page and its ten articles, then the page limit.
        text = mirror.sources_toml(tmp_path / "data").replace("page_limit = 100000", "page_limit = 11")
        config.write_text(text, encoding="utf-8")
        (first,) = run_crawl(load_settings(config), ["mirror-zblog"])
        assert (first.status, first.new_articles) == ("ok", 10)
        db = Database.from_settings(load_settings(config))
        if last != "ok":
            run_id = start_run(db, "mirror-zblog", "zblog")
            finish_run(db, run_id, status=last, error_text="the crawl did not finish")
        config.write_text(text.replace("page_limit = 11", "page_limit = 1000"), encoding="utf-8")
        (second,) = run_crawl(load_settings(config), ["mirror-zblog"])
        assert second.status == "ok"
        with db.session() as session:
            stored = len(session.scalars(select(Article.id)).all())
        db.dispose()
        assert stored == (len(mirror.articles("zblog")) if every else 10)
