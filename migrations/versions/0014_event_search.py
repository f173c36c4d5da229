"""event search: each event's own terms (its article's title and its evidence sentence), filled from the stored events

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 09:00:00.000000

The Events page's free text matches an event's title or evidence; a word in
an article's body but in none of its events' sentences could not be narrowed
by the article index, and the page read every event (4-7 s p95 at 1M
articles, docs/benchmarks.md).  PostgreSQL keeps the terms as a tsvector with
a GIN index; SQLite in an FTS5 table whose entry a trigger drops with its
event (see monitor.store.search_index).  The events already stored are
indexed here, in batches.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from monitor.store.search_index import (
    EVENT_FTS_TABLE,
    SQLITE_EVENT_FTS_DDL,
    SQLITE_EVENT_FTS_TRIGGER,
    document_terms,
)

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5000


def upgrade() -> None:
    op.create_table('event_search',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('terms', sa.Text().with_variant(postgresql.TSVECTOR(), 'postgresql'), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_search_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_event_search'))
    )
    bind = op.get_bind()
    sqlite = bind.dialect.name == 'sqlite'
    if sqlite:
        op.execute(SQLITE_EVENT_FTS_DDL)
        op.execute(SQLITE_EVENT_FTS_TRIGGER)
    _backfill(bind, sqlite)
    # built after the rows are in: one pass, not an index kept up through every batch
    op.create_index('ix_event_search_terms', 'event_search', ['terms'], unique=False, postgresql_using='gin')


def _backfill(bind: sa.engine.Connection, sqlite: bool) -> None:
    """Index every stored event (the same terms monitor.store.search_index.index_events writes when filing)."""
    last = 0
    while True:
        rows = bind.execute(
            sa.text(
                'SELECT events.id, articles.title, events.evidence FROM events JOIN articles ON articles.id = events.article_id '
                'WHERE events.id > :last ORDER BY events.id LIMIT :batch'
            ),
            {'last': last, 'batch': BATCH},
        ).all()
        if not rows:
            return
        entries = [{'id': row[0], 'terms': ' '.join(document_terms(row[1], row[2]))} for row in rows]
        if sqlite:
            bind.execute(sa.text(f'INSERT INTO {EVENT_FTS_TABLE}(rowid, terms) VALUES (:id, :terms)'), entries)
        else:
            bind.execute(
                sa.text('INSERT INTO event_search (event_id, terms) VALUES (:id, CAST(:terms AS tsvector))'), entries
            )
        last = rows[-1][0]


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('DROP TRIGGER event_search_fts_on_delete')
        op.execute(f'DROP TABLE {EVENT_FTS_TABLE}')
    op.drop_index('ix_event_search_terms', table_name='event_search', postgresql_using='gin')
    op.drop_table('event_search')
