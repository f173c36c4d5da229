"""Opening the store beside a busy writer (monitor/running/startup.py).

A second command started while an import holds SQLite's write lock must not
queue behind it when it has nothing to write: its schema check and its
subscription check read without the lock.  When the config file did change
a subscription, the change is still written.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from monitor.config import DatabaseSettings, Settings, SubscriptionSettings
from monitor.running.startup import open_store
from monitor.store import Database
from monitor.store.alert_models import Subscription


def _settings(tmp_path: Path, subscriptions: list[SubscriptionSettings]) -> Settings:
    return Settings(
        data_dir=str(tmp_path),
        database=DatabaseSettings(url=f"sqlite:///{tmp_path / 'signwatch.db'}"),
        subscriptions=subscriptions,
    )


def _names(db: Database) -> list[str]:
    with db.reading() as session:
        return sorted(row.name for row in session.query(Subscription))


def test_open_store_beside_a_writer_holding_the_lock_needs_no_lock(tmp_path: Path) -> None:
    entries = [SubscriptionSettings(name="team", url="json://127.0.0.1:9/hook")]
    open_store(_settings(tmp_path, entries)).dispose()  # migrated, subscription in
    writer = sqlite3.connect(tmp_path / "signwatch.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # an import's write transaction, held open
    writer.execute("UPDATE subscriptions SET tag = tag")
    opened: list[Database] = []
    starter = threading.Thread(target=lambda: opened.append(open_store(_settings(tmp_path, entries))))
    starter.start()
    # The write lock is held all along: a start that needed it would wait 30 s and then fail.
    starter.join(timeout=20)
    finished = not starter.is_alive()
    writer.execute("ROLLBACK")
    starter.join()
    assert finished and opened, "open_store waited for the write lock with nothing to write"
    assert _names(opened[0]) == ["team"]
    opened[0].dispose()


def test_a_changed_config_is_still_written(tmp_path: Path) -> None:
    first = [SubscriptionSettings(name="team", url="json://127.0.0.1:9/hook")]
    open_store(_settings(tmp_path, first)).dispose()
    second = [SubscriptionSettings(name="boss", url="json://127.0.0.1:9/boss")]
    db = open_store(_settings(tmp_path, second))
    assert _names(db) == ["boss"]
    db.dispose()
    db = open_store(_settings(tmp_path, []))
    assert _names(db) == []
    db.dispose()
