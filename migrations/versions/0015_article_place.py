"""article places: where each analysed article is, for pages that report no event too

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 14:00:00.000000

Extraction now says where every article is (``Extraction.place``: its first
placed event's place, else what its title and lede name), and the filing step
keeps it in ``article_places`` (see monitor.store.models.ArticlePlace), so the
Article page shows the place of a page that reports no event (a bank's 授信
report, a province's half-year figures).  Articles already stored take their
first placed event's place here; those with no event get theirs when they are
next analysed (``signwatch reprocess``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "article_places",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("province", sa.String(length=40), nullable=True),
        sa.Column("city", sa.String(length=40), nullable=True),
        sa.Column("county", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_article_places_article_id_articles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_places")),
    )
    # each stored article's first placed event (events are numbered in their article's order)
    op.execute(
        "INSERT INTO article_places (article_id, province, city, county) "
        "SELECT article_id, province, city, county FROM events WHERE id IN "
        "(SELECT MIN(id) FROM events WHERE province IS NOT NULL GROUP BY article_id)"
    )


def downgrade() -> None:
    op.drop_table("article_places")
