"""workbench: indexes for the Events page's orders (newest first, largest first) and its source filter

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-02 21:00:00

Chosen by bench/bench_workbench.py at 1,000,000 articles (docs/benchmarks.md,
"Workbench latency and search"); see monitor.store.workbench_indexes for why
PostgreSQL's are declared DESC NULLS LAST.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0009'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The order indexes are PostgreSQL's alone (no model declares them): it sorts NULL above every value, so
    # DESC NULLS LAST must be spelt out.  SQLite sorts NULL below every value and its single-column indexes
    # on reported_on and investment_value end with the rowid: read backwards they give these orders already.
    if op.get_bind().dialect.name == 'postgresql':
        for name, column in (('ix_events_newest', 'reported_on'), ('ix_events_largest', 'investment_value')):
            op.execute(f'CREATE INDEX {name} ON events ({column} DESC NULLS LAST, id DESC)')
    op.create_index('ix_articles_source_id', 'articles', ['source_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_articles_source_id', table_name='articles')
    if op.get_bind().dialect.name == 'postgresql':
        op.drop_index('ix_events_largest', table_name='events')
        op.drop_index('ix_events_newest', table_name='events')
