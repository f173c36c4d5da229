"""monitor.store: migrations match the models, both backends, SQLite concurrency, UTC times."""

from __future__ import annotations

import multiprocessing
import re
import socket
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from monitor.errors import StoreError
from monitor.store import Database, Source, database
from monitor.store.database import SCHEMA_HEAD
from monitor.store.migrate import current_revisions, head_revisions
from monitor.store.schema import all_metadata
from monitor.store.search_index import is_modelled


def _column_key_of_sqlite(differences: list[Any], dialect: str) -> list[Any]:
    """The differences but events.source_id's foreign key on SQLite (migration 0016 adds it to a filled table).

    SQLite adds a column's key only as a column constraint, whose name and ON DELETE SQLAlchemy's
    reflection does not read (it parses table constraints), so the comparison sees another key;
    ``test_a_deleted_source_leaves_its_events_without_one`` (tests/store/test_event_source.py) checks the real one.
    """
    if dialect != "sqlite":
        return differences
    return [
        d
        for d in differences
        if not (d[0] in ("add_fk", "remove_fk") and d[1].table.name == "events" and d[1].column_keys == ["source_id"])
    ]


def test_migrations_match_the_models(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": is_modelled})
        differences = compare_metadata(context, all_metadata())
    assert _column_key_of_sqlite(differences, db.engine.dialect.name) == []


def test_upgrade_is_idempotent_and_reaches_head(db: Database) -> None:
    assert db.upgrade() == []
    with db.engine.connect() as connection:
        assert current_revisions(connection) == head_revisions()


def test_the_quick_schema_check_knows_the_newest_migration() -> None:
    # Database.upgrade skips Alembic when the store is at SCHEMA_HEAD: a new
    # migration must move the constant, or stores would never reach it.  (A
    # store one behind is upgraded: tests/store/test_event_source.py.)
    assert {SCHEMA_HEAD} == head_revisions()


def test_datetimes_come_back_aware_in_utc(db: Database) -> None:
    shanghai = timezone(timedelta(hours=8))
    with db.session() as session:
        source = Source(name="时区", created_at=datetime(2021, 8, 26, 10, 0, tzinfo=shanghai))
        session.add(source)
    with db.session() as session:
        stored = session.scalar(select(Source).where(Source.name == "时区"))
        assert stored is not None
        assert stored.created_at == datetime(2021, 8, 26, 2, 0, tzinfo=UTC)
        assert stored.created_at.tzinfo is not None


def test_sqlite_runs_in_wal_mode_with_busy_timeout(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert (connection.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 5000


def _write_sources(url: str, prefix: str, count: int) -> None:
    database = Database(url)
    for index in range(count):
        with database.session() as session:
            session.add(Source(name=f"{prefix}-{index}"))
            # Hold the write lock a little so the other process must wait for it.
            session.execute(text("SELECT 1"))


def _read_sources(url: str, rounds: int) -> None:
    database = Database(url)
    for _ in range(rounds):
        with database.session() as session:
            session.scalars(select(Source)).all()


def test_sqlite_reader_and_writers_in_separate_processes_do_not_fail(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    Database(url).upgrade()
    processes = [
        multiprocessing.Process(target=_write_sources, args=(url, "a", 150)),
        multiprocessing.Process(target=_write_sources, args=(url, "b", 150)),
        multiprocessing.Process(target=_read_sources, args=(url, 300)),
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0, 0, 0]
    with Database(url).session() as session:
        assert len(session.scalars(select(Source)).all()) == 300


def test_a_silent_postgresql_host_is_reported_unreachable(monkeypatch: pytest.MonkeyPatch) -> None:
    # A host that takes the connection and never answers (a dead server
    # behind a live load balancer) must end in a one-line error, not a hang.
    monkeypatch.setattr(database, "CONNECT_TIMEOUT_SECONDS", 1)
    silent = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    threading.Thread(target=lambda: held.append(silent.accept()[0]), daemon=True).start()
    db = Database(f"postgresql+psycopg://signwatch@127.0.0.1:{silent.getsockname()[1]}/signwatch")
    outcome: list[BaseException | None] = []

    def upgrade() -> None:
        try:
            db.upgrade()
        except BaseException as error:  # handed to the test thread below
            outcome.append(error)
        else:
            outcome.append(None)

    try:
        attempt = threading.Thread(target=upgrade, daemon=True)
        attempt.start()
        attempt.join(60)  # without a connect timeout it would wait on the silent socket for good
        assert outcome, "the connection attempt is still waiting on the silent host"
        assert isinstance(outcome[0], StoreError), outcome
        assert re.fullmatch(r"cannot upgrade database .*timeout expired", str(outcome[0])), outcome
    finally:
        db.dispose()
        silent.close()
        for connection in held:
            connection.close()
