"""A reprocess filing each batch as one stores exactly what filing its articles one at a time stores.

``file_extractions`` files a re-analysed batch together (its old events
deleted at once, its clusters decided in memory, its rows written with one
statement per table); filed one by one, each article replaces its own
events in turn.  Two stores are built alike from real texts (the seeds and
reposts of them, the labelled cluster reports of blind2026 and blind2026b,
the project-stage passages, the mirror's project lifecycle), with a
subscription that takes every alert, and reprocessed: one with batched
filing, the other filing one article at a time.  Every table is compared
whole, but the moments written from the clock.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from monitor.alerts.subscriptions import SubscriptionSpec, add_subscription
from monitor.archive import analysis
from monitor.archive.analysis import analyse_pending, mark_all_pending
from monitor.archive.files import Archive
from monitor.archive.importer import import_archive
from monitor.records import FiledArticle, StoredArticle
from monitor.store import Database
from monitor.store.base import Base
from monitor.store.filing import file_extractions, lock_provinces_of
from monitor.store.schemas import scratch_schema
from tests.archive.real_texts import POLICY, archive_dir
from tests.conftest import _postgres_admin_url

# Columns written from the clock: not compared (every other column is).
_CLOCK = {"analysed_at", "checked_at", "created_at", "due_at", "first_seen", "last_seen", "recorded_at", "started_at"}
_CLOCK |= {"stored_at", "updated_at"}


@pytest.fixture
def second_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A second empty database on the same backend as ``database_url``."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'second.db'}"
        return
    with scratch_schema(_postgres_admin_url()) as url:
        yield url


def _analysed_store(url: str, incoming: Path, archive: Path) -> Database:
    """A store of the real texts, analysed once, with a subscription to every alert made before."""
    db = Database(url)
    db.upgrade()
    with db.session() as session:
        add_subscription(session, SubscriptionSpec(name="everything", target="json://127.0.0.1:9/"))
    import_archive(db, Archive(archive), incoming)
    analyse_pending(db, workers=1, alert_policy=POLICY)
    return db


def _one_at_a_time(session: Session, articles: Sequence[StoredArticle]) -> list[FiledArticle]:
    """Filing as it was before batches: each article in turn, in the same transaction.

    Its locks are taken first, as the batch takes them: taken article by article they could
    deadlock with another test's writer (advisory locks are the server's, not a schema's).
    """
    lock_provinces_of(session, articles)
    # the articles after each are re-analysed in this transaction too: their previous events are stale
    ids = [item.row.id for item in articles]
    return [
        file_extractions(session, [item], later=frozenset(ids[number + 1 :]))[0] for number, item in enumerate(articles)
    ]


def _dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in primary-key order, without the clock's columns (SQLite: the events' FTS5 terms too)."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with db.session() as session:
        names = set(inspect(session.connection()).get_table_names())
        for table in Base.metadata.sorted_tables:
            if table.name not in names:
                continue
            columns = [c.name for c in table.columns if c.name not in _CLOCK]
            order = ", ".join(c.name for c in table.primary_key.columns)
            query = f"SELECT {', '.join(columns)} FROM {table.name} ORDER BY {order}"
            rows = [tuple(row) for row in session.execute(text(query))]
            if table.name == "overview_cells":
                # a cell emptied on the way stays as a row of zeros (PostgreSQL's triggers run per statement's end)
                events = columns.index("events")
                rows = [row for row in rows if row[events]]
            tables[table.name] = rows
        if session.get_bind().dialect.name == "sqlite":
            fts = text("SELECT rowid, terms FROM event_search_fts ORDER BY rowid")
            tables["event_search_fts"] = [tuple(row) for row in session.execute(fts)]
    return tables


def test_batched_filing_stores_exactly_what_filing_one_at_a_time_stores(
    database_url: str, second_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    incoming = archive_dir(tmp_path / "incoming")
    batched = _analysed_store(database_url, incoming, tmp_path / "archive-a")
    single = _analysed_store(second_url, incoming, tmp_path / "archive-b")
    try:
        assert _dump(batched) == _dump(single)  # built alike
        monkeypatch.setattr(analysis, "BATCH_SIZE", 50)  # several batches, each filed as one
        for db, filing in ((batched, file_extractions), (single, _one_at_a_time)):
            monkeypatch.setattr(analysis, "file_extractions", filing)
            mark_all_pending(db)
            analyse_pending(db, workers=1, alert_policy=POLICY)
        got, want = _dump(batched), _dump(single)
        assert sorted(got) == sorted(want)
        for name in want:
            assert got[name] == want[name], name
        # not an empty comparison: clusters of several reports, projects with stages, alerts queued
        events = want["events"]
        cluster_column = [c.name for c in Base.metadata.tables["events"].columns if c.name not in _CLOCK].index(
            "cluster_id"
        )
        assert len({row[cluster_column] for row in events}) < len(events)
        assert want["project_stages"] and want["event_parties"] and want["figures"] and want["outbox"]
    finally:
        batched.dispose()
        single.dispose()
