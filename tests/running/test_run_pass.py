"""``signwatch run``: one pass for cron — due sources, alerts, and the overlap lock."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.config import load_settings
from monitor.demo.mirror.server import MirrorServer
from monitor.demo.sink import AlertSink
from monitor.errors import ConfigError, PassLocked
from monitor.running.lock import PassLock
from monitor.running.schedule import is_due, parse_schedule
from tests.running.conftest import signwatch, write_config

NOW = datetime(2024, 3, 7, 12, 0, tzinfo=UTC)

SCHEDULES = [
    # (schedule, last started, due at NOW?)
    ("30m", None, True),
    ("30m", NOW - timedelta(minutes=29), False),
    ("30m", NOW - timedelta(minutes=30), True),
    ("6h", NOW - timedelta(hours=5), False),
    ("1d", NOW - timedelta(days=1, seconds=1), True),
    ("0 * * * *", NOW - timedelta(minutes=59), True),  # 11:01 → next 12:00
    ("0 * * * *", NOW, False),  # started 12:00 → next 13:00
    ("30 8 * * *", NOW - timedelta(hours=2), False),  # 10:00 → next 08:30 tomorrow
]


@pytest.mark.parametrize(("text", "last", "due"), SCHEDULES)
def test_is_due(text: str, last: datetime | None, due: bool) -> None:
    assert is_due(parse_schedule(text), last, NOW) is due


@pytest.mark.parametrize("text", ["0m", "soon", "5 * * *", "61 * * * *", "-3h"])
def test_bad_schedules_are_refused(text: str) -> None:
    with pytest.raises(ConfigError, match="schedule"):
        parse_schedule(text)


def test_first_pass_crawls_and_alerts_second_is_not_due(tmp_path: Path, mirror: MirrorServer, sink: AlertSink) -> None:
    config = write_config(mirror, sink, tmp_path)
    first = signwatch("--config", str(config), "run", "--json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert {c["source"] for c in summary["crawled"]} == {s.name for s in load_settings(config).sources}
    assert all(c["status"] == "ok" for c in summary["crawled"])
    assert sum(c["new_articles"] for c in summary["crawled"]) >= 12
    assert summary["delivered"] == len(sink.received()) > 0
    second = signwatch("--config", str(config), "run", "--json", cwd=tmp_path)
    assert second.returncode == 0
    again = json.loads(second.stdout)
    assert again["crawled"] == [] and len(again["not_due"]) == len(summary["crawled"])
    assert again["delivered"] == 0


def test_overlapping_pass_sees_the_lock_and_exits_0(tmp_path: Path, mirror: MirrorServer, sink: AlertSink) -> None:
    config = write_config(mirror, sink, tmp_path)
    with PassLock(tmp_path / "data" / "run.lock"):
        result = signwatch("--config", str(config), "run", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "another signwatch pass is running" in lines[0] and f"pid {os.getpid()}" in lines[0]
    assert sink.received() == []


def _hold_lock(path: str) -> None:
    with PassLock(Path(path)):
        os.kill(os.getpid(), signal.SIGKILL)


def test_lock_of_a_killed_pass_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "run.lock"
    holder = multiprocessing.Process(target=_hold_lock, args=(str(path),))
    holder.start()
    holder.join(timeout=30)
    assert holder.exitcode == -signal.SIGKILL
    assert path.exists()
    # Free again: the kernel dropped the dead process's flock.
    with PassLock(path), pytest.raises(PassLocked):
        PassLock(path).__enter__()


def test_sources_show_health_after_a_pass(tmp_path: Path, mirror: MirrorServer, sink: AlertSink) -> None:
    config = write_config(mirror, sink, tmp_path)
    config.write_text(
        config.read_text(encoding="utf-8")
        + '\n[[sources]]\nname = "gone"\ntype = "generic"\nstart_urls = ["http://127.0.0.1:9/news/"]\n'
        'link_css = "a"\n',
        encoding="utf-8",
    )
    signwatch("--config", str(config), "run", cwd=tmp_path)
    listed = signwatch("--config", str(config), "sources", "--json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    health = {s["name"]: s["health"] for s in json.loads(listed.stdout)}
    assert health["gone"]["consecutive_failures"] == 1 and health["gone"]["last_success"] is None
    assert health["gone"]["last_error"]
    mirror_health = [h for name, h in health.items() if name.startswith("mirror-")]
    assert all(h["consecutive_failures"] == 0 and h["last_success"] for h in mirror_health)
    assert all(h["last_new_article"] for h in mirror_health)
    table = signwatch("--config", str(config), "sources", cwd=tmp_path)
    assert "gone" in table.stdout and "never" in table.stdout
