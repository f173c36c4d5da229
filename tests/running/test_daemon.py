"""``signwatch daemon`` on the mirror: scheduled crawls, alerts, signals, a killed crawl child."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO

import pytest
from sqlalchemy import func, select

from monitor.config import load_settings
from monitor.demo.mirror.server import MirrorServer
from monitor.demo.sink import AlertSink
from monitor.demo.tour import new_signing_body
from monitor.errors import StoreError
from monitor.store import Article, CrawlRun, Database, Source
from tests.running.conftest import write_config
from tests.running.proc_tree import crawl_processes
from tests.running.trouble_site import Behaviour, trouble_site

NEW_TITLE = "金山区举行重点项目集中签约 12个项目总投资86亿元"


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    """Poll ``condition`` until it holds or ``seconds`` pass (a bound, not a timing assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


@pytest.fixture
def start_daemon(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    logs: list[IO[str]] = []

    def start(config: Path, *extra: str) -> subprocess.Popen[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SIGNWATCH_")}
        command = [sys.executable, "-m", "monitor", "--config", str(config), "daemon"]
        command += ["--delivery-interval", "1", "--startup-window", "1", *extra]
        log = (tmp_path / "daemon.log").open("w")
        logs.append(log)
        process = subprocess.Popen(command, cwd=tmp_path, env=env, stderr=log, text=True)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()
    for log in logs:
        log.close()


def test_daemon_crawls_alerts_new_articles_and_stops_cleanly_on_sigterm(
    tmp_path: Path, start_daemon: Callable[..., subprocess.Popen[str]]
) -> None:
    with MirrorServer(3) as mirror, AlertSink() as sink:
        config = write_config(mirror, sink, tmp_path, schedule="3s")
        daemon = start_daemon(config, "--grace", "5")
        # Never-crawled sources run within the startup window; their alerts follow.
        assert wait_for(lambda: len(sink.received()) >= 5, 90), (tmp_path / "daemon.log").read_text()
        mirror.publish("zblog", NEW_TITLE, new_signing_body())
        assert wait_for(lambda: any("86亿元" in m.body for m in sink.received()), 90)
        started = time.monotonic()
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=30) == 0
        assert time.monotonic() - started < 5 + 10  # the grace period, plus start-up slack of a loaded machine
    log = (tmp_path / "daemon.log").read_text()
    assert "Traceback" not in log
    crawl_lines = [line for line in log.splitlines() if " crawl ok " in line]
    assert crawl_lines and all("source=mirror-" in line and "run=" in line for line in crawl_lines)
    assert "received SIGTERM: stopping" in log and log.rstrip().endswith("daemon stopped")
    # One message per event: nothing arrived twice.
    bodies = Counter(m.body for m in sink.received())
    assert max(bodies.values()) == 1


def test_killed_crawl_child_is_recorded_and_the_daemon_goes_on(
    tmp_path: Path, start_daemon: Callable[..., subprocess.Popen[str]]
) -> None:
    with MirrorServer(3) as mirror, AlertSink() as sink:
        config = write_config(mirror, sink, tmp_path, schedule="2s")
        daemon = start_daemon(config, "--grace", "3")
        db = Database.from_settings(load_settings(config))

        def crawling() -> bool:
            # Killed while its spiders run (a crawl process killed before it took its batch is replaced at once).
            try:
                with db.session() as session:
                    return bool(session.scalar(select(func.count()).where(CrawlRun.status == "running")))
            except StoreError:  # the daemon has not made its tables yet
                return False

        assert wait_for(lambda: bool(crawl_processes(config)) and crawling(), 120)
        for pid in crawl_processes(config):
            os.kill(pid, signal.SIGKILL)

        def killed_runs() -> int:
            with db.session() as session:
                return int(session.scalar(select(func.count()).where(CrawlRun.status == "killed")) or 0)

        def ok_runs_after_kill() -> int:
            with db.session() as session:
                return int(session.scalar(select(func.count()).where(CrawlRun.status == "ok")) or 0)

        # The daemon saw its child die of a signal it did not send: the runs are closed as killed, with why.
        assert wait_for(lambda: killed_runs() >= 1, 60), (tmp_path / "daemon.log").read_text()
        with db.session() as session:
            reasons = set(session.scalars(select(CrawlRun.error_text).where(CrawlRun.status == "killed")))
        assert reasons == {"the crawl process was killed by SIGKILL"}
        # The daemon goes on: later crawls finish and every mirror article is stored once.
        expected = sum(len(mirror.articles(site)) for site in ("zblog", "dedecms", "taiwancn", "generic"))
        assert wait_for(lambda: ok_runs_after_kill() >= 4, 120)

        def stored() -> int:
            with db.session() as session:
                return int(session.scalar(select(func.count()).select_from(Article)) or 0)

        assert wait_for(lambda: stored() >= expected - 1, 60)
        assert wait_for(lambda: len(sink.received()) > 0, 60)
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=30) == 0
        with db.session() as session:
            assert session.scalar(select(func.count()).where(CrawlRun.status == "running")) == 0
            hashes = list(session.scalars(select(Article.content_hash)))
        db.dispose()
    assert len(hashes) == len(set(hashes))
    assert max(Counter(m.body for m in sink.received()).values()) == 1


_DATABASE_URLS: dict[Path, str] = {}


def _runs(config: Path) -> Counter[str]:
    """Crawl runs recorded so far, by source name (none while the daemon has not made its store yet).

    The database is the one the config named when first asked: a test may
    break the config later (the daemon keeps the one it runs with).
    """
    if config not in _DATABASE_URLS:
        _DATABASE_URLS[config] = load_settings(config).database_url
    db = Database(_DATABASE_URLS[config])
    try:
        with db.session() as session:
            rows = session.execute(select(CrawlRun.source_id, func.count()).group_by(CrawlRun.source_id)).all()
            names = {s.id: s.name for s in session.scalars(select(Source))}
        return Counter({names[source_id]: count for source_id, count in rows})
    except StoreError:
        return Counter()
    finally:
        db.engine.dispose()


def test_sighup_reloads_the_config_and_a_bad_config_keeps_the_running_one(
    tmp_path: Path, start_daemon: Callable[..., subprocess.Popen[str]]
) -> None:
    with MirrorServer(3) as mirror, AlertSink() as sink:
        config = write_config(mirror, sink, tmp_path, schedule="1h")
        log_path = tmp_path / "daemon.log"
        daemon = start_daemon(config, "--grace", "5")
        # the first runs (within the startup window), then nothing for an hour
        assert wait_for(lambda: sum(_runs(config).values()) >= 4, 90), log_path.read_text()

        # Reload: every source every 2 s, the generic one disabled.
        text = config.read_text(encoding="utf-8").replace('schedule = "1h"', 'schedule = "2s"')
        config.write_text(text.replace('type = "generic"', 'type = "generic"\nenabled = false'), encoding="utf-8")
        before = _runs(config)
        daemon.send_signal(signal.SIGHUP)
        assert wait_for(lambda: "config reloaded: 3 enabled sources" in log_path.read_text(), 30)
        mirror.publish("zblog", NEW_TITLE, new_signing_body())
        # the new schedule is in force: the zblog source is crawled again and finds the new article
        assert wait_for(lambda: any("86亿元" in m.body for m in sink.received()), 90), log_path.read_text()
        assert wait_for(lambda: _runs(config)["mirror-zblog"] >= before["mirror-zblog"] + 2, 60)
        assert _runs(config)["mirror-generic"] == before["mirror-generic"]  # disabled: no run since

        # A broken config is refused in one line; the daemon goes on with the one it has.
        config.write_text(text.replace('schedule = "2s"', 'schedule = "every blue moon"', 1), encoding="utf-8")
        daemon.send_signal(signal.SIGHUP)
        assert wait_for(lambda: "config reload failed, keeping the running config" in log_path.read_text(), 30)
        runs = _runs(config)["mirror-zblog"]
        assert wait_for(lambda: _runs(config)["mirror-zblog"] > runs, 60)
        assert daemon.poll() is None
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=30) == 0
    log = log_path.read_text()
    assert "Traceback" not in log
    [refused] = [line for line in log.splitlines() if "config reload failed" in line]
    assert "every blue moon" in refused or "schedule" in refused


def test_a_bad_source_at_start_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with MirrorServer(1) as mirror, AlertSink() as sink:
        config = write_config(mirror, sink, tmp_path, schedule="every blue moon")
        env = {k: v for k, v in os.environ.items() if not k.startswith("SIGNWATCH_")}
        done = subprocess.run(
            [sys.executable, "-m", "monitor", "--config", str(config), "daemon"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    [error] = [line for line in done.stderr.splitlines() if line.startswith("signwatch: error:")]
    assert "every blue moon" in error and "(and 3 more: signwatch sources check)" in error


def test_sigterm_during_a_crawl_records_nothing_after_daemon_stopped(
    tmp_path: Path, start_daemon: Callable[..., subprocess.Popen[str]]
) -> None:
    with trouble_site({"fine": Behaviour(), "stuck": Behaviour("hang")}) as site:
        config = tmp_path / "signwatch.toml"
        # The stuck page holds the crawl far past the grace period.
        config.write_text(site.config(tmp_path / "data", timeout=60.0), encoding="utf-8")
        daemon = start_daemon(config, "--grace", "1")
        assert wait_for(lambda: site.answers("stuck") == ["hang"], 60), (tmp_path / "daemon.log").read_text()
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=60) == 0
    lines = (tmp_path / "daemon.log").read_text().splitlines()
    assert "Traceback" not in "\n".join(lines)
    assert lines[-1].endswith("daemon stopped")
    stopped = datetime.strptime(lines[-1].split()[0], "%Y-%m-%dT%H:%M:%S%z")
    assert not crawl_processes(config)
    db = Database.from_settings(load_settings(config))
    with db.session() as session:
        run = session.scalars(select(CrawlRun)).one()
        leased = session.scalars(select(Source.lease_owner).where(Source.lease_owner.is_not(None))).all()
    db.dispose()
    # The crawl ended by the shutdown was recorded by its own job, before the last line (whole seconds there).
    assert run.status == "failed" and run.error_text in ("ended by daemon shutdown", "crawl ended: shutdown")
    assert run.finished_at is not None and run.finished_at < stopped + timedelta(seconds=1)
    assert leased == []


def test_a_daemon_killed_with_9_takes_its_crawl_along_and_the_next_one_closes_the_run(
    tmp_path: Path, start_daemon: Callable[..., subprocess.Popen[str]]
) -> None:
    with trouble_site({"fine": Behaviour(), "stuck": Behaviour("hang")}) as site:
        config = tmp_path / "signwatch.toml"
        config.write_text(site.config(tmp_path / "data", timeout=60.0), encoding="utf-8")
        first = start_daemon(config, "--grace", "1")
        assert wait_for(lambda: site.answers("stuck") == ["hang"], 60), (tmp_path / "daemon.log").read_text()
        first.send_signal(signal.SIGKILL)
        first.wait()
        # The crawl child was started by a job thread of the daemon: it dies with the daemon all the same.
        assert wait_for(lambda: not crawl_processes(config), 10)
        db = Database.from_settings(load_settings(config))

        def statuses() -> list[str]:
            with db.session() as session:
                return list(session.scalars(select(CrawlRun.status).order_by(CrawlRun.id)))

        assert statuses() == ["running"]
        second = start_daemon(config, "--grace", "1")
        # At its start the next daemon closes the run nobody crawls any more (and then crawls anew).
        assert wait_for(lambda: statuses()[:1] == ["killed"], 60), (tmp_path / "daemon.log").read_text()
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=60) == 0
        db.dispose()
    assert "closed as killed" in (tmp_path / "daemon.log").read_text()
