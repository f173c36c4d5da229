"""Crash safety with real processes killed by SIGKILL at named points, then restarted.

Everywhere but one point a restart gives exactly one delivery per alert; the
documented window (the service accepted the message, the row is not marked
yet) gives exactly two.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from monitor.alerts.dispatch import TEST_SEAM_PAUSE_ENV
from monitor.demo.sink import AlertSink
from monitor.store import Database
from monitor.store.alert_models import OutboxRow
from tests.alerts.alerts_helpers import subscribe

CHILD = Path(__file__).with_name("alerts_child.py")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def run_child(*args: str, pause_at: str = "") -> list[str]:
    """Run the child to completion; its output lines."""
    env = {**os.environ, TEST_SEAM_PAUSE_ENV: pause_at, "PYTHONPATH": f"{CHILD.parent}{os.pathsep}{ROOT}"}
    done = subprocess.run([sys.executable, str(CHILD), *args], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()


def kill_child_at(point: str, *args: str, pause_at: str = "") -> None:
    """Start the child, wait until it reports pausing at ``point``, then SIGKILL it."""
    env = {**os.environ, TEST_SEAM_PAUSE_ENV: pause_at, "PYTHONPATH": f"{CHILD.parent}{os.pathsep}{ROOT}"}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    if line != f"PAUSED {point}":
        child.kill()
        raise AssertionError(f"child did not pause at {point}: {line!r} {child.stderr.read() if child.stderr else ''}")
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL
    child.stdout.close()
    if child.stderr:
        child.stderr.close()


def statuses(db: Database) -> list[str]:
    with db.session() as session:
        return sorted(session.scalars(select(OutboxRow.status)))


@pytest.mark.parametrize(
    ("kill_where", "expected_deliveries"),
    [
        ("store:in-transaction", 1),  # nothing committed: the restart stores and queues again
        ("store:after-commit", 1),  # stored and queued, never dispatched
        ("send:claimed", 1),  # claimed, never sent: the lease runs out, the restart sends
        ("send:sent", 2),  # THE window: accepted by the service, not yet marked
        ("send:marked", 1),  # marked: the restart has nothing to do
    ],
)
def test_a_kill_anywhere_loses_nothing(
    kill_where: str, expected_deliveries: int, database_url: str, tmp_path: Path, sink: AlertSink
) -> None:
    db = Database(database_url)
    db.upgrade()
    archive_dir = str(tmp_path / "archive")
    # one alert: only the headline signing of seed 000 is at least 100亿
    subscribe(db, "phone", sink.url("phone"), min_amount="100亿")
    stage, point = kill_where.split(":")
    if stage == "store":
        kill_child_at(point, "store", database_url, archive_dir, f"pause-{point}")
    else:
        run_child("store", database_url, archive_dir)
        kill_child_at(point, "send", database_url, pause_at=point)
    # restart: store again (a crawler re-fetching the page), then deliver
    run_child("store", database_url, archive_dir)
    assert run_child("send", database_url)[-1] == "DONE"
    received = sink.received("phone")
    assert len(received) == expected_deliveries
    assert {m.title for m in received} == {"【签约】上海市宝山区 超500亿元"}
    assert statuses(db) == ["sent"]
    db.dispose()
