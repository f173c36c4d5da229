"""amount kinds: what each figure's money is, brackets, and why a cluster joined

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 20:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Rows stored before kinds existed keep NULL kinds until `signwatch reprocess`
    # reads them again; NULL says "not known", never a guessed kind.
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.add_column(sa.Column('amount_kind', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('bracket', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('amount_kind', sa.String(length=16), nullable=True))
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.drop_column('evidence')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('amount_kind')
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.drop_column('bracket')
        batch_op.drop_column('amount_kind')
