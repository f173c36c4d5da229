"""``subscribe add --backfill DAYS``: the recent past in one digest, the policy's one way back in time.

A new subscription is alerted only for events stored after it was created
(``monitor.alerts.policy``).  A backfill adds one outbox row of kind
``backfill`` holding every event of the last ``DAYS`` days (by the event's
own day, as the policy judges age) that the subscription's filters take,
one per cluster (its first done report), oldest first.  The dispatcher sends
it as a single digest message at once, with the outbox's retries; nothing
else is queued, so no later alert repeats a backfilled event (they were all
stored before the subscription).  ``DAYS`` runs from 1 to
``alerts.max_event_age_days``: the policy never alerts anything older.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, joinedload

from monitor.alerts.alert_event import AlertEvent
from monitor.alerts.filters import matches
from monitor.alerts.outbox import BACKFILL, insert_ignoring_duplicates
from monitor.alerts.policy import AlertPolicy, news_day
from monitor.alerts.queueing import alert_event
from monitor.errors import InputError
from monitor.store.alert_models import PENDING, Subscription
from monitor.store.base import utcnow
from monitor.store.event_models import EventRow
from monitor.store.models import Article


def check_backfill_days(days: int, max_event_age_days: int) -> int:
    """``--backfill DAYS``: 1 to ``alerts.max_event_age_days``; InputError otherwise."""
    if days < 1:
        raise InputError(f"--backfill {days}: give a number of days, at least 1")
    if days > max_event_age_days:
        raise InputError(
            f"--backfill {days}: at most alerts.max_event_age_days ({max_event_age_days}) days;"
            " older events are never alerted"
        )
    return days


def backfill_events(session: Session, subscription: Subscription, days: int, policy: AlertPolicy) -> list[AlertEvent]:
    """The events of the last ``days`` days the subscription takes: one per cluster, oldest day first."""
    window = AlertPolicy(days, policy.now).fixed()
    oldest = window.oldest_day()
    # Undated events are judged by their fetch day (news_day); the SQL only narrows, the check below decides.
    query = (
        select(EventRow, Article)
        .join(Article, EventRow.article_id == Article.id)
        .options(joinedload(Article.source))
        .where(
            EventRow.status == "done",
            or_(
                EventRow.reported_on >= oldest,
                and_(EventRow.reported_on.is_(None), Article.fetched_at.is_not(None)),
            ),
        )
        .order_by(Article.stored_at, EventRow.id)
    )
    chosen: list[tuple[date, AlertEvent]] = []
    seen: set[int] = set()
    for event, article in session.execute(query).unique():
        day = news_day(event.reported_on, article.fetched_at)
        if day is None or not window.is_fresh(day):
            continue
        if event.cluster_id is not None:
            if event.cluster_id in seen:
                continue  # a repost: the cluster's first done report stands for it
            seen.add(event.cluster_id)
        subject = alert_event(event, article)
        if matches(subscription, subject):
            chosen.append((day, subject))
    chosen.sort(key=lambda pair: pair[0])  # stable: within a day, in the order stored
    return [subject for _, subject in chosen]


def queue_backfill(session: Session, subscription: Subscription, days: int, policy: AlertPolicy) -> int:
    """Queue one digest of the last ``days`` days for ``subscription``; return how many events it holds (0: no row)."""
    check_backfill_days(days, policy.max_event_age_days)
    events = backfill_events(session, subscription, days, policy)
    if not events:
        return 0
    when = utcnow()
    row = {
        "subscription_id": subscription.id,
        "cluster_id": None,
        "alert_key": f"{BACKFILL}:{subscription.id}",
        "kind": BACKFILL,
        "payload": {"days": days, "events": [event.to_payload() for event in events]},
        "batch": False,  # its own message now, not held for a daily digest
        "status": PENDING,
        "attempts": 0,
        "due_at": when,
        "created_at": when,
    }
    insert_ignoring_duplicates(session, [row])
    return len(events)
