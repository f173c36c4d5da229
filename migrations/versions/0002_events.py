"""Events: clusters, signing events and money figures.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 18:22:11.712728
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import monitor.store.base

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('clusters',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('first_seen', monitor.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('province', sa.String(length=40), nullable=True),
    sa.Column('city', sa.String(length=40), nullable=True),
    sa.Column('county', sa.String(length=40), nullable=True),
    sa.Column('date_text', sa.String(length=32), nullable=True),
    sa.Column('window_from', sa.Date(), nullable=True),
    sa.Column('window_to', sa.Date(), nullable=True),
    sa.Column('projects', sa.Integer(), nullable=True),
    sa.Column('figure_values', sa.JSON(), nullable=False),
    sa.Column('investment_value', sa.Float(), nullable=True),
    sa.Column('investment_max', sa.Float(), nullable=True),
    sa.Column('qualifier', sa.String(length=16), nullable=True),
    sa.Column('currency', sa.String(length=16), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clusters'))
    )
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clusters_key'), ['key'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('province', sa.String(length=40), nullable=True),
    sa.Column('city', sa.String(length=40), nullable=True),
    sa.Column('county', sa.String(length=40), nullable=True),
    sa.Column('date_text', sa.String(length=32), nullable=True),
    sa.Column('date_from', sa.Date(), nullable=True),
    sa.Column('date_to', sa.Date(), nullable=True),
    sa.Column('reported_on', sa.Date(), nullable=True),
    sa.Column('parties', sa.JSON(), nullable=False),
    sa.Column('projects', sa.Integer(), nullable=True),
    sa.Column('parts', sa.JSON(), nullable=False),
    sa.Column('investment_value', sa.Float(), nullable=True),
    sa.Column('investment_max', sa.Float(), nullable=True),
    sa.Column('qualifier', sa.String(length=16), nullable=True),
    sa.Column('currency', sa.String(length=16), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('created_at', monitor.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_events_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['cluster_id'], ['clusters.id'], name=op.f('fk_events_cluster_id_clusters'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index('ix_events_reported_on', ['reported_on'], unique=False)

    op.create_table('figures',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('maximum', sa.Float(), nullable=True),
    sa.Column('currency', sa.String(length=16), nullable=False),
    sa.Column('qualifier', sa.String(length=16), nullable=False),
    sa.Column('investment', sa.Boolean(), nullable=False),
    sa.Column('projects', sa.Integer(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_figures_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_figures_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_figures'))
    )
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_figures_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_figures_event_id'), ['event_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_figures_event_id'))
        batch_op.drop_index(batch_op.f('ix_figures_article_id'))

    op.drop_table('figures')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_reported_on')
        batch_op.drop_index(batch_op.f('ix_events_cluster_id'))
        batch_op.drop_index(batch_op.f('ix_events_article_id'))

    op.drop_table('events')
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clusters_key'))

    op.drop_table('clusters')
