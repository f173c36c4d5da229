"""workbench: event_parties by name, articles by source and time, events by place newest first

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 08:00:00

The party filter matches an organisation as written or by its matching
form (ix_event_parties_normalised); a source's articles are read from an
index alone, with their newest and recent count; a place's events are read
newest first per level.  See monitor.store.workbench_indexes (measured by
bench/bench_workbench.py, docs/benchmarks.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# As monitor.store.workbench_indexes.PLACE_ORDER_INDEXES holds them now (a migration keeps its own copy).
PLACE_LEVELS = ('province', 'city', 'county')


def upgrade() -> None:
    op.create_index('ix_event_parties_name', 'event_parties', ['name'], unique=False)
    op.create_index('ix_articles_source_stored', 'articles', ['source_id', 'id', 'stored_at'], unique=False)
    postgres = op.get_bind().dialect.name == 'postgresql'
    for level in PLACE_LEVELS:
        order = 'reported_on DESC NULLS LAST, id DESC' if postgres else 'reported_on'
        op.execute(f'CREATE INDEX ix_events_{level}_newest ON events ({level}, {order})')


def downgrade() -> None:
    for level in PLACE_LEVELS:
        op.drop_index(f'ix_events_{level}_newest', table_name='events')
    op.drop_index('ix_articles_source_stored', table_name='articles')
    op.drop_index('ix_event_parties_name', table_name='event_parties')
