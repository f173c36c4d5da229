"""workbench: event_parties by name as written, for the Events page's party filter

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 08:00:00

The party filter matches an organisation as written or by its matching
form (ix_event_parties_normalised); see monitor.store.workbench_indexes.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_event_parties_name', 'event_parties', ['name'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_event_parties_name', table_name='event_parties')
