"""workbench: the Overview's sums by month, place, industry and amount band, kept by triggers on events

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 08:00:00

``overview_clusters`` (each cluster's share, read off its founding report)
and ``overview_cells`` (their sums) are filled from the events stored and
kept by triggers on ``events`` from now on: see
monitor.store.overview_cells.  Measured by bench/bench_workbench.py
(docs/benchmarks.md, "Workbench latency and search").
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from monitor.store.overview_cells import create_triggers, drop_triggers, refill

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('overview_cells',
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('province', sa.String(length=40), nullable=False),
    sa.Column('city', sa.String(length=40), nullable=False),
    sa.Column('county', sa.String(length=40), nullable=False),
    sa.Column('industry', sa.String(length=40), nullable=False),
    sa.Column('band', sa.Integer(), nullable=False),
    sa.Column('signed', sa.Float(), nullable=False),
    sa.Column('events', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('month', 'province', 'city', 'county', 'industry', 'band', name=op.f('pk_overview_cells'))
    )
    op.create_table('overview_clusters',
    sa.Column('cluster_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('province', sa.String(length=40), nullable=False),
    sa.Column('city', sa.String(length=40), nullable=False),
    sa.Column('county', sa.String(length=40), nullable=False),
    sa.Column('industry', sa.String(length=40), nullable=False),
    sa.Column('band', sa.Integer(), nullable=False),
    sa.Column('signed', sa.Float(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('cluster_id', name=op.f('pk_overview_clusters'))
    )
    op.create_index(op.f('ix_overview_clusters_amount'), 'overview_clusters', ['amount'], unique=False)
    connection = op.get_bind()
    refill(connection)
    create_triggers(connection)


def downgrade() -> None:
    drop_triggers(op.get_bind())
    op.drop_index(op.f('ix_overview_clusters_amount'), table_name='overview_clusters')
    op.drop_table('overview_clusters')
    op.drop_table('overview_cells')
