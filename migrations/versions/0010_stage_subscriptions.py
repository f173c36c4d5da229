"""alerts: a subscription's project stages (stage alerts, one per subscription, project and stage)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 21:20:00

A stage alert's outbox row is keyed ``stage:<project>:<stage>`` in the
existing (subscription, alert_key) unique key, so the outbox needs no new
column: only subscriptions learn which stages they ask for.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        # existing subscriptions ask for no stage: server_default fills their rows
        batch_op.add_column(sa.Column('stages', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.drop_column('stages')
