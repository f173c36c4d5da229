"""crawl: listing pages' validators and article-link fingerprints; runs count unchanged listings

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 07:50:00

A poll of an unchanged listing asks with its stored validators (a 304) and
compares the stored fingerprint of its article links (issue 19).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import monitor.store.base

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('listing_states',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('etag', sa.Text(), nullable=True),
    sa.Column('last_modified', sa.Text(), nullable=True),
    sa.Column('links_digest', sa.String(length=64), nullable=False),
    sa.Column('links', sa.Text(), nullable=False),
    sa.Column('checked_at', monitor.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_listing_states_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_listing_states'))
    )
    with op.batch_alter_table('listing_states', schema=None) as batch_op:
        batch_op.create_index('ux_listing_states_source_url', ['source_id', 'url'], unique=True)

    with op.batch_alter_table('crawl_runs', schema=None) as batch_op:
        # existing runs count none
        batch_op.add_column(sa.Column('unchanged_listings', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('crawl_runs', schema=None) as batch_op:
        batch_op.drop_column('unchanged_listings')
    with op.batch_alter_table('listing_states', schema=None) as batch_op:
        batch_op.drop_index('ux_listing_states_source_url')
    op.drop_table('listing_states')
