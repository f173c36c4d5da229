"""event place statistics: PostgreSQL learns that a county fixes its city and province

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 00:00:00.000000

An event's province, city and county are not independent (宝山区 is in
上海市, 上海市 in 上海市), but PostgreSQL's planner multiplies the three
columns' selectivities: at 1,000,000 articles it took 上海市's 174,000
events for 104,000 and 宝山区's 86,000 for 29,000.  With the place
underestimated it preferred ANDing the place's bitmap with a source's or a
year's and sorting them to reading the source's (or the place's) index in
the list's order: 37-47 ms for the first candidates of 上海市 + a source +
a free text, against 7 ms (EXPLAIN ANALYZE, docs/benchmarks.md, "Workbench
filters, 2026-12-05").  Extended statistics (functional dependencies and
the most common combinations) give it the combined counts.  PostgreSQL only
(SQLite has no such statistics), the name is
``monitor.store.workbench_indexes.PLACE_STATISTICS``; the statistics are
gathered here once and kept by ANALYZE (autovacuum) after.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As monitor.store.workbench_indexes holds it now (a migration keeps its own copy).
STATISTICS = "st_events_place"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"CREATE STATISTICS IF NOT EXISTS {STATISTICS} (dependencies, mcv) ON province, city, county FROM events"
    )
    # gathered now: autovacuum would analyse the table only after a fifth of its rows changed
    op.execute("ANALYZE events")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")
