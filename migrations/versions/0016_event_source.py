"""event source: each event carries its article's source, and a source's events are indexed newest first

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 18:30:00.000000

The Events page's source filter reached a source's events through its
articles (every article of the source, then its events by article id), so
no index ordered a source's events by date: at 1,000,000 articles the
filter and place + source + free text missed p95 <= 100 ms
(docs/benchmarks.md).  ``events.source_id`` is the article's source, copied
when an event is filed (monitor.store.filing); the events already stored
take theirs here, in batches of event ids, and then the index is made (one
sort of the filled column, not an index entry per updated row).  The index
is ``monitor.store.workbench_indexes.PLACE_ORDER_INDEXES``'s
``ix_events_source_newest``, each backend spelling the order its own way.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Events per UPDATE: each statement stays short (SQLite's writer lock, PostgreSQL's memory for the join),
# and a store of 300,000 events is filled in six.
BATCH = 50_000
# As monitor.store.workbench_indexes holds it now (a migration keeps its own copy).
INDEX = "ix_events_source_newest"
FOREIGN_KEY = "fk_events_source_id_sources"


def upgrade() -> None:
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    if postgres:
        op.execute("ALTER TABLE events ADD COLUMN source_id INTEGER")
    else:
        # SQLite adds a column with its foreign key in place (no table copy, which would drop the events'
        # triggers); a column's key is unnamed there, as a reflection of SQLite reads every key.
        op.execute("ALTER TABLE events ADD COLUMN source_id INTEGER REFERENCES sources (id) ON DELETE SET NULL")
    low, high = bind.execute(text("SELECT MIN(id), MAX(id) FROM events")).one()
    if low is not None:
        if postgres:
            fill = (
                "UPDATE events SET source_id = articles.source_id FROM articles "
                "WHERE articles.id = events.article_id AND articles.source_id IS NOT NULL "
                "AND events.id >= :start AND events.id < :stop"
            )
        else:
            fill = (
                "UPDATE events SET source_id = (SELECT source_id FROM articles WHERE articles.id = events.article_id) "
                "WHERE events.id >= :start AND events.id < :stop"
            )
        for start in range(low, high + 1, BATCH):
            bind.execute(text(fill), {"start": start, "stop": start + BATCH})
    if postgres:
        # made after the fill, so the rows are checked once rather than by a trigger per updated row
        op.create_foreign_key(FOREIGN_KEY, "events", "sources", ["source_id"], ["id"], ondelete="SET NULL")
    order = "reported_on DESC NULLS LAST, id DESC" if postgres else "reported_on"
    op.execute(f"CREATE INDEX {INDEX} ON events (source_id, {order})")
    # the planner's statistics gain the new column and index (a source's share of the events)
    op.execute("ANALYZE events")


def downgrade() -> None:
    op.drop_index(INDEX, table_name="events")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(FOREIGN_KEY, "events", type_="foreignkey")
    # SQLite drops a column whose only reference is its own foreign key in place, as it added it
    op.execute("ALTER TABLE events DROP COLUMN source_id")
