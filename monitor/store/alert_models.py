"""The alerts' tables: subscriptions and the outbox of messages to deliver.

An outbox row is one message owed to one subscription.  Its ``alert_key``
(``cluster:<id>`` for an event, ``stage:<project>:<stage>`` for a project's
stage, ``health:<source>:<run>:down`` for an outage)
is unique per subscription, and so is its cluster: writing the same alert
twice (a repost, a second health check) is a no-op at the database.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from monitor.store import event_models  # noqa: F401  the clusters table outbox rows point at
from monitor.store.base import Base, IntPK, UTCDateTime, When, utcnow

# Row states of the outbox, in the order a row passes through them.
PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"


class Subscription(Base):
    """Who gets which alerts, through which Apprise target."""

    __tablename__ = "subscriptions"

    id: Mapped[IntPK]
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Apprise URL(s) separated by spaces or commas, or an Apprise config file
    # path; empty when ``tag`` picks entries of the configured Apprise file.
    target: Mapped[str] = mapped_column(Text, default="")
    tag: Mapped[str | None] = mapped_column(String(200))
    places: Mapped[list[str]] = mapped_column(JSON, default=list)
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Project stages (开工, 投产) whose first report is alerted, once per project and stage.
    stages: Mapped[list[str]] = mapped_column(JSON, default=list)
    min_amount: Mapped[float | None] = mapped_column(Float)
    digest: Mapped[str | None] = mapped_column(String(32))  # "daily@08:30"
    origin: Mapped[str] = mapped_column(String(16), default="cli")  # cli or config
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[When] = mapped_column(default=utcnow)


class OutboxRow(Base):
    """One message owed to one subscription, and how its delivery is going."""

    __tablename__ = "outbox"

    id: Mapped[IntPK]
    subscription_id: Mapped[int] = mapped_column(ForeignKey("subscriptions.id", ondelete="CASCADE"))
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("clusters.id", ondelete="SET NULL"))
    alert_key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))  # signing, investment, health
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    batch: Mapped[bool] = mapped_column(Boolean, default=False)  # held for the subscription's digest
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[When] = mapped_column(default=utcnow)
    claim_token: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[When] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)

    subscription: Mapped[Subscription] = relationship()

    __table_args__ = (
        UniqueConstraint("subscription_id", "cluster_id", name="uq_outbox_subscription_cluster"),
        UniqueConstraint("subscription_id", "alert_key", name="uq_outbox_subscription_key"),
        Index("ix_outbox_status_due", "status", "due_at"),
    )
