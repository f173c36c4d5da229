"""PostgreSQL's extended statistics on an event's place (migration 0017): the planner counts a place right.

Without them the planner multiplies the province's and the city's shares as
if independent, so a place's events are underestimated and it chose
bitmaps and sorts over an index read in order at a million articles
(docs/benchmarks.md, "Workbench filters, 2026-12-05").  On the analyst
store (real signings through the storing transaction).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select, text

from monitor.archive.files import Archive
from monitor.store import Database
from monitor.store.event_models import EventRow
from monitor.store.migrate import alembic_config
from monitor.store.workbench_indexes import PLACE_STATISTICS
from tests.workbench.analyst_store import populate


@pytest.fixture
def analyst(db: Database, tmp_path: Path) -> Iterator[Database]:
    populate(db, Archive(tmp_path / "archive"))
    yield db


def _commonest_place(db: Database) -> tuple[str | None, str | None, int]:
    """The (province, city) with the most events, and how many it has."""
    with db.session() as session:
        count = func.count().label("n")
        province, city, n = session.execute(
            select(EventRow.province, EventRow.city, count)
            .where(EventRow.city.is_not(None))
            .group_by(EventRow.province, EventRow.city)
            .order_by(count.desc(), EventRow.province, EventRow.city)
            .limit(1)
        ).one()
    return province, city, n


def _estimate(db: Database, province: str | None, city: str | None) -> int:
    """The planner's row estimate for the events of (province, city), after a fresh ANALYZE."""
    with db.engine.begin() as connection:
        connection.execute(text("ANALYZE events"))
        plan = connection.execute(
            text("EXPLAIN (FORMAT JSON) SELECT id FROM events WHERE province = :p AND city = :c"),
            {"p": province, "c": city},
        ).scalar_one()
    return int(plan[0]["Plan"]["Plan Rows"])


def _statistics(db: Database) -> set[str]:
    with db.engine.connect() as connection:
        # this store's schema only: the statistics' names are per schema, and other stores share the database
        found = text("SELECT stxname FROM pg_statistic_ext WHERE stxnamespace = current_schema()::regnamespace")
        return set(connection.execute(found).scalars())


def test_the_planner_counts_a_place_with_the_statistics_and_undercounts_without(analyst: Database) -> None:
    db = analyst
    if db.engine.dialect.name != "postgresql":
        pytest.skip("extended statistics are PostgreSQL's (SQLite has none; the migration does nothing there)")
    province, city, events = _commonest_place(db)
    with db.engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(EventRow)).scalar_one()
        provinces = connection.execute(select(func.count(EventRow.province.distinct()))).scalar_one()
    assert events < total and provinces > 1  # shares under one: multiplying them undercounts
    assert PLACE_STATISTICS in _statistics(db)
    assert _estimate(db, province, city) == events
    with db.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0016")
    assert PLACE_STATISTICS not in _statistics(db)
    assert _estimate(db, province, city) < events
    db.upgrade()
    assert _estimate(db, province, city) == events


def test_the_migration_goes_down_and_up_on_either_backend(analyst: Database) -> None:
    db = analyst
    with db.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0016")
    assert db.upgrade() == ["0017"]
    assert db.upgrade() == []
