"""The outbox: alerts owed to subscribers, written in the transaction that found them.

``queue_events`` runs inside the caller's transaction (the one storing an
article and its events), so an alert exists exactly when its event does.
Rows are inserted with "on conflict do nothing" against the unique keys
(subscription, cluster) and (subscription, alert key): a repost of a known
event, or a second health check of one outage, adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Insert, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from monitor.alerts.alert_event import AlertEvent
from monitor.alerts.filters import matches, wants_kind
from monitor.alerts.masking import mask_target
from monitor.alerts.render import summary_line
from monitor.store.alert_models import FAILED, PENDING, SENDING, SENT, OutboxRow, Subscription
from monitor.store.base import utcnow

STATUSES = (PENDING, SENDING, SENT, FAILED)
# The outbox kind of a ``subscribe add --backfill`` digest (``monitor.alerts.backfill``):
# one row holding many events, sent as one message.
BACKFILL = "backfill"


def _insert(session: Session) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT DO NOTHING."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert
    if name == "sqlite":
        return sqlite.insert
    raise NotImplementedError(f"the outbox needs SQLite or PostgreSQL, not {name}")  # pragma: no cover


def insert_ignoring_duplicates(session: Session, rows: Sequence[dict[str, Any]]) -> int:
    """Insert outbox rows, skipping any whose unique key exists; return how many were new."""
    if not rows:
        return 0
    added = 0
    insert = _insert(session)
    for values in rows:
        # RETURNING tells what was really inserted: rowcount after ON CONFLICT
        # DO NOTHING is not reliable on every driver (psycopg reports 1).
        statement: Insert = insert(OutboxRow).values(**values).on_conflict_do_nothing().returning(OutboxRow.id)
        added += len(session.execute(statement).all())
    return added


def active_subscriptions(session: Session) -> list[Subscription]:
    """The enabled subscriptions, in a stable order."""
    return list(session.scalars(select(Subscription).where(Subscription.enabled.is_(True)).order_by(Subscription.id)))


def event_key(event: AlertEvent) -> str:
    """The alert key of an event: its cluster, else its article and summary."""
    if event.cluster_id is not None:
        return f"cluster:{event.cluster_id}"
    return f"article:{event.article_id}:{summary_line(event)}"[:200]


def queue_events(
    session: Session,
    events: Iterable[AlertEvent],
    *,
    subscriptions: Sequence[Subscription] | None = None,
    now: datetime | None = None,
) -> int:
    """Write one outbox row per (matching subscription, event cluster); return the rows added."""
    subscribers = active_subscriptions(session) if subscriptions is None else subscriptions
    when = now or utcnow()
    rows = [
        {
            "subscription_id": subscription.id,
            "cluster_id": event.cluster_id,
            "alert_key": event_key(event),
            "kind": event.kind,
            "payload": event.to_payload(),
            "batch": bool(subscription.digest),
            "status": PENDING,
            "attempts": 0,
            "due_at": when,
            "created_at": when,
        }
        for event in events
        for subscription in subscribers
        if matches(subscription, event)
    ]
    return insert_ignoring_duplicates(session, rows)


def queue_health(session: Session, key: str, payload: dict[str, Any], *, now: datetime | None = None) -> int:
    """Write a health alert for every subscription that takes them, once per ``key``."""
    when = now or utcnow()
    rows = [
        {
            "subscription_id": subscription.id,
            "cluster_id": None,
            "alert_key": key,
            "kind": "health",
            "payload": payload,
            "batch": False,  # an outage does not wait for the digest
            "status": PENDING,
            "attempts": 0,
            "due_at": when,
            "created_at": when,
        }
        for subscription in active_subscriptions(session)
        if wants_kind(subscription, "health")
    ]
    return insert_ignoring_duplicates(session, rows)


def outbox_rows(session: Session, statuses: Sequence[str] = (), limit: int = 200) -> list[OutboxRow]:
    """Outbox rows, newest first, optionally only those in ``statuses``."""
    query = select(OutboxRow).join(OutboxRow.subscription).order_by(OutboxRow.id.desc()).limit(limit)
    if statuses:
        query = query.where(OutboxRow.status.in_(statuses))
    return list(session.scalars(query))


def describe_row(row: OutboxRow) -> dict[str, Any]:
    """An outbox row as JSON (the subscription's target masked)."""
    payload = row.payload or {}
    return {
        "id": row.id,
        "subscription": row.subscription.name,
        "target": mask_target(row.subscription.target, row.subscription.tag),
        "kind": row.kind,
        "cluster_id": row.cluster_id,
        "status": row.status,
        "attempts": row.attempts,
        "due_at": row.due_at.isoformat(),
        "sent_at": row.sent_at.isoformat() if row.sent_at else None,
        "digest": row.batch,
        "last_error": row.last_error,
        "summary": row_summary(row.kind, payload),
    }


def backfill_period(payload: dict[str, Any]) -> str:
    """The period a backfill digest covers, as its title says it: ``近7天``."""
    return f"近{int(payload.get('days') or 0)}天"


def row_summary(kind: str, payload: dict[str, Any]) -> str:
    """One line saying what an outbox row is about."""
    if kind == "health":
        return f"{payload.get('source', '')} {payload.get('state', '')}"
    if kind == BACKFILL:
        return f"{backfill_period(payload)}汇总:{len(payload.get('events') or ())}条"
    return summary_line(AlertEvent.from_payload(payload))


def retry_now(session: Session, *, now: datetime | None = None) -> int:
    """Make failed rows and rows waiting out a backoff due at once; return how many."""
    when = now or utcnow()
    failed = session.execute(
        update(OutboxRow).where(OutboxRow.status == FAILED).values(status=PENDING, attempts=0, due_at=when)
    ).rowcount  # type: ignore[attr-defined]
    backed_off = session.execute(
        update(OutboxRow)
        .where(OutboxRow.status == PENDING, OutboxRow.attempts > 0, OutboxRow.due_at > when)
        .values(due_at=when)
    ).rowcount  # type: ignore[attr-defined]
    return int(failed) + int(backed_off)


def counts(session: Session) -> dict[str, int]:
    """How many outbox rows are in each state."""
    found = dict.fromkeys(STATUSES, 0)
    for status, number in session.execute(select(OutboxRow.status, func.count()).group_by(OutboxRow.status)):
        found[status] = int(number)
    return found


def stale_claims(session: Session, now: datetime) -> int:
    """How many rows a dead dispatcher left claimed past their lease."""
    return len(
        session.scalars(
            select(OutboxRow.id).where(
                OutboxRow.status == SENDING, or_(OutboxRow.claimed_until.is_(None), OutboxRow.claimed_until < now)
            )
        ).all()
    )
