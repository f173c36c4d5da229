"""search: the article search index (character bigrams), filled from the stored articles; the Events page's indexes

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 15:55:00.000000

PostgreSQL keeps each article's terms as a tsvector with a GIN index;
SQLite keeps them in a contentless FTS5 table (see monitor.store.search_index).
The articles already stored are indexed here, in batches, so search works
on an upgraded database at once.  The events indexes serve the workbench's
Events page filters (monitor.store.workbench_indexes; docs/benchmarks.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from monitor.store.search_index import FTS_TABLE, SQLITE_FTS_DDL, document_terms

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000


def upgrade() -> None:
    op.create_table('article_search',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('terms', sa.Text().with_variant(postgresql.TSVECTOR(), 'postgresql'), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_search_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', name=op.f('pk_article_search'))
    )
    bind = op.get_bind()
    sqlite = bind.dialect.name == 'sqlite'
    op.create_index('ix_article_search_terms', 'article_search', ['terms'], unique=False, postgresql_using='gin')
    if sqlite:
        op.execute(SQLITE_FTS_DDL)
    _backfill(bind, sqlite)
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_kind', ['kind'], unique=False)
        batch_op.create_index('ix_events_place', ['province', 'city', 'county'], unique=False)
        batch_op.create_index('ix_events_county', ['county'], unique=False)
        batch_op.create_index('ix_events_investment_value', ['investment_value'], unique=False)


def _backfill(bind: sa.engine.Connection, sqlite: bool) -> None:
    """Index every stored article (the same terms monitor.store.search_index writes on insert)."""
    last = 0
    while True:
        rows = bind.execute(
            sa.text('SELECT id, title, clean_text FROM articles WHERE id > :last ORDER BY id LIMIT :batch'),
            {'last': last, 'batch': BATCH},
        ).all()
        if not rows:
            return
        entries = [{'id': row[0], 'terms': ' '.join(document_terms(row[1], row[2]))} for row in rows]
        if sqlite:
            bind.execute(sa.text(f'INSERT INTO {FTS_TABLE}(rowid, terms) VALUES (:id, :terms)'), entries)
            bind.execute(sa.text('INSERT INTO article_search (article_id) VALUES (:id)'), entries)
        else:
            bind.execute(
                sa.text('INSERT INTO article_search (article_id, terms) VALUES (:id, CAST(:terms AS tsvector))'),
                entries,
            )
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        for name in ('ix_events_investment_value', 'ix_events_county', 'ix_events_place', 'ix_events_kind'):
            batch_op.drop_index(name)
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'DROP TABLE {FTS_TABLE}')
    op.drop_index('ix_article_search_terms', table_name='article_search', postgresql_using='gin')
    op.drop_table('article_search')
