"""projects: each project with its stages (per reporting article), the parties of each event, events' industry

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 20:20:00

The tables start empty on an upgraded database, and events.industry NULL:
`signwatch reprocess` reads the stored articles again and fills them
(monitor.store.project_filing), alerting nothing older than the alert policy allows.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import monitor.store.base

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('projects',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('investor', sa.String(length=200), nullable=True),
    sa.Column('investor_normalised', sa.String(length=200), nullable=True),
    sa.Column('province', sa.String(length=40), nullable=True),
    sa.Column('city', sa.String(length=40), nullable=True),
    sa.Column('county', sa.String(length=40), nullable=True),
    sa.Column('industry', sa.String(length=40), nullable=True),
    sa.Column('industry_words', sa.JSON(), nullable=False),
    sa.Column('amount_value', sa.Float(), nullable=True),
    sa.Column('amount_max', sa.Float(), nullable=True),
    sa.Column('amount_kind', sa.String(length=16), nullable=True),
    sa.Column('currency', sa.String(length=16), nullable=True),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('stage', sa.String(length=40), nullable=False),
    sa.Column('first_seen', monitor.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index('ix_projects_county', ['county'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_industry'), ['industry'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_investor_normalised'), ['investor_normalised'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_key'), ['key'], unique=False)
        batch_op.create_index('ix_projects_place', ['province', 'city', 'county'], unique=False)
        batch_op.create_index('ix_projects_signed_on', ['signed_on'], unique=False)

    op.create_table('event_parties',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('normalised', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_parties_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_parties'))
    )
    with op.batch_alter_table('event_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_parties_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_parties_normalised'), ['normalised'], unique=False)

    op.create_table('project_stages',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=40), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('date_text', sa.String(length=32), nullable=True),
    sa.Column('date_from', sa.Date(), nullable=True),
    sa.Column('date_to', sa.Date(), nullable=True),
    sa.Column('reported_on', sa.Date(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('created_at', monitor.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_project_stages_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_project_stages_event_id_events'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_stages_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_stages')),
    sa.UniqueConstraint('project_id', 'stage', 'article_id', name='uq_project_stages_report')
    )
    with op.batch_alter_table('project_stages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_stages_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_stages_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_stages_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('industry', sa.String(length=40), nullable=True))
        batch_op.create_index('ix_events_industry', ['industry'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_industry')
        batch_op.drop_column('industry')
    op.drop_table('project_stages')
    op.drop_table('event_parties')
    op.drop_table('projects')
