"""Delivering the outbox through Apprise, at least once, duplicates only in one short window.

Each message goes through three steps, each its own short transaction or
none at all:

1. **claim** - the row (or a digest's rows) turns ``sending`` with a claim
   token, one more attempt and a lease (``alerts.claim_lease_seconds``);
   up to ``claim_batch`` messages are claimed in one transaction;
2. **send** - Apprise posts the message, outside any transaction;
3. **mark** - ``sent``; or, on failure, ``pending`` again after an
   exponential backoff, or ``failed`` with its last error once
   ``alerts.max_attempts`` is reached.

A process killed before step 2 completes leaves the row claimed; after the
lease runs out the next dispatcher sends it: nothing is lost.  A process
killed after the service accepted the message and before step 3 committed
leaves the same claim, so the message is sent again: **that window - one
HTTP response to one small UPDATE - is the only way to get a duplicate**.

Test seam: ``SIGNWATCH_ALERTS_PAUSE_AT=claimed|sent|marked``
(``TEST_SEAM_PAUSE_ENV``) makes a dispatcher print ``PAUSED <point>`` and
stop there, so the crash tests can SIGKILL it at that point.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import apprise
from sqlalchemy import ColumnElement, Table, and_, or_, select, update
from sqlalchemy.orm import Session

from monitor.alerts.alert_event import AlertEvent
from monitor.alerts.digest_times import last_digest, zone
from monitor.alerts.masking import scrub
from monitor.alerts.outbox import BACKFILL, backfill_period
from monitor.alerts.render import Message, Templates
from monitor.alerts.subscriptions import build_apprise, sync_config_subscriptions
from monitor.backoff import backoff_seconds
from monitor.config import AlertSettings, Settings
from monitor.store import Database
from monitor.store.alert_models import FAILED, PENDING, SENDING, SENT, OutboxRow, Subscription
from monitor.store.base import utcnow

# Test seam: tests/alerts/test_alerts_crash.py (through tests/alerts/alerts_child.py)
# SIGKILLs a real dispatcher process at each point between its own steps -
# the claim committed, Apprise accepted the message, the mark committed - to
# show that a crash there loses no alert and duplicates only in the one window.
# Those points lie inside deliver_due and last microseconds: nothing outside
# the process can stop it exactly there, and patching private methods from the
# child would tie the test to them.  Unset (everywhere but that test), each
# point costs one environment lookup.
TEST_SEAM_PAUSE_ENV = "SIGNWATCH_ALERTS_PAUSE_AT"
_FORMATS = {
    "text": apprise.NotifyFormat.TEXT,
    "markdown": apprise.NotifyFormat.MARKDOWN,
    "html": apprise.NotifyFormat.HTML,
}


@dataclass
class DispatchReport:
    """What one dispatch pass did."""

    messages: int = 0  # notifications Apprise accepted
    sent: int = 0  # outbox rows marked sent (a digest sends many in one message)
    retrying: int = 0  # rows put back to wait out a backoff
    failed: int = 0  # rows that used up their attempts
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The report as JSON."""
        return {
            "messages": self.messages,
            "sent": self.sent,
            "retrying": self.retrying,
            "failed": self.failed,
            "errors": self.errors,
        }


@dataclass(frozen=True)
class Claim:
    """Rows one dispatcher owns until it marks them: one message's worth."""

    token: str
    subscription: Subscription
    rows: tuple[OutboxRow, ...]
    attempts: int


class AppriseWarnings(logging.Handler):
    """Keeps the warnings Apprise logs, so a failed delivery can say why.

    One handler stays on Apprise's logger for good: Apprise's own LogCapture
    changes logger levels on every use, which costs more than the post.
    """

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the message (the last few are enough)."""
        self.lines = [*self.lines[-4:], record.getMessage().strip()]


@lru_cache(maxsize=1)
def apprise_warnings() -> AppriseWarnings:
    """The handler collecting Apprise's warnings (attached on first use)."""
    handler = AppriseWarnings()
    logger = logging.getLogger("apprise")
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    return handler


def _test_seam_pause(name: str) -> None:
    """Print ``PAUSED <name>`` and stop here for good when ``TEST_SEAM_PAUSE_ENV`` names this point."""
    if os.environ.get(TEST_SEAM_PAUSE_ENV) == name:
        sys.stdout.write(f"PAUSED {name}\n")
        sys.stdout.flush()
        while True:
            time.sleep(60)


def backoff(attempts: int, alerts: AlertSettings) -> timedelta:
    """How long to wait after the ``attempts``-th failure: doubling from ``backoff_seconds``, capped."""
    return timedelta(seconds=backoff_seconds(attempts, alerts.backoff_seconds, alerts.backoff_max_seconds))


def _claimable(now: datetime) -> ColumnElement[bool]:
    """Rows a dispatcher may take: due and pending, or claimed by one whose lease ran out."""
    return or_(
        and_(OutboxRow.status == PENDING, OutboxRow.due_at <= now),
        and_(OutboxRow.status == SENDING, or_(OutboxRow.claimed_until.is_(None), OutboxRow.claimed_until < now)),
    )


class Dispatcher:
    """Delivers due outbox rows of one store with the given alert settings."""

    def __init__(self, db: Database, alerts: AlertSettings, *, claim_batch: int = 20) -> None:
        """Prepare a dispatcher (templates are checked now: ConfigError if one is bad).

        ``claim_batch`` messages are claimed in one transaction and then sent and
        marked one by one; the lease must cover sending them all.
        """
        self.db = db
        self.claim_batch = max(claim_batch, 1)
        self.alerts = alerts
        self.templates = Templates.from_settings(alerts)
        self._notifiers: dict[tuple[str, str | None], apprise.Apprise] = {}

    def deliver_due(self, *, now: datetime | None = None, limit: int | None = None) -> DispatchReport:
        """Deliver every row due at ``now`` (default: the current time); digests when their time came."""
        when = now or utcnow()
        report = DispatchReport()
        while limit is None or report.messages + report.failed < limit:
            room = self.claim_batch if limit is None else min(self.claim_batch, limit - report.messages - report.failed)
            claims = self._claim_some(when, room)
            if not claims:
                break
            for claim in claims:
                _test_seam_pause("claimed")
                self._deliver(claim, when, report)
        return report

    def _claim_some(self, now: datetime, size: int) -> list[Claim]:
        """Claim up to ``size`` due messages (one transaction); digests only when no single row is due."""
        with self.db.session() as session:
            singles = list(
                session.scalars(
                    select(OutboxRow.id)
                    .where(_claimable(now), OutboxRow.batch.is_(False))
                    .order_by(OutboxRow.due_at, OutboxRow.id)
                    .limit(size)
                    .with_for_update(skip_locked=True)
                )
            )
            if singles:
                return self._take(session, singles, now, together=False)
            for subscription in session.scalars(select(Subscription).where(Subscription.digest.is_not(None))):
                ids = self._due_digest_rows(session, subscription, now)
                if ids:
                    return self._take(session, ids, now, together=True)
        return []

    def _due_digest_rows(self, session: Session, subscription: Subscription, now: datetime) -> list[int]:
        """Batched rows of a digest subscription queued before its latest digest time."""
        assert subscription.digest
        tick = last_digest(subscription.digest, now, self.alerts.timezone)
        return list(
            session.scalars(
                select(OutboxRow.id)
                .where(
                    OutboxRow.subscription_id == subscription.id,
                    OutboxRow.batch.is_(True),
                    OutboxRow.created_at <= tick,
                    _claimable(now),
                )
                .order_by(OutboxRow.id)
                .with_for_update(skip_locked=True)
            )
        )

    def _take(self, session: Session, ids: Sequence[int], now: datetime, *, together: bool) -> list[Claim]:
        """Claim rows: sending, one more attempt, a lease, our token; one message each or ``together``."""
        token = uuid.uuid4().hex
        lease = now + timedelta(seconds=self.alerts.claim_lease_seconds)
        session.execute(
            update(OutboxRow)
            .where(OutboxRow.id.in_(ids), _claimable(now))
            .values(status=SENDING, claim_token=token, claimed_until=lease, attempts=OutboxRow.attempts + 1)
        )
        rows = tuple(session.scalars(select(OutboxRow).where(OutboxRow.claim_token == token).order_by(OutboxRow.id)))
        groups = [rows] if together and rows else [(row,) for row in rows]
        claims: list[Claim] = []
        for group in groups:
            subscription = session.get(Subscription, group[0].subscription_id)
            if subscription is not None:  # rows cascade with their subscription
                claims.append(Claim(token, subscription, group, max(r.attempts for r in group)))
        return claims

    def _deliver(self, claim: Claim, now: datetime, report: DispatchReport) -> None:
        subscription = claim.subscription
        if claim.attempts > self.alerts.max_attempts:
            # Claimed more often than allowed: earlier dispatchers died sending it.
            self._mark_failed(claim, "dispatcher stopped while sending, attempts used up", report)
            return
        try:
            message = self._render(claim)
        except (KeyError, TypeError, ValueError) as bad:
            self._mark_failed(claim, f"cannot render the message: {bad}", report)
            return
        ok, error = self.send(subscription, message)
        if ok:
            _test_seam_pause("sent")
            self._mark_sent(claim, report)
            _test_seam_pause("marked")
            return
        if claim.attempts >= self.alerts.max_attempts:
            self._mark_failed(claim, error, report)
        else:
            self._mark_retry(claim, now + backoff(claim.attempts, self.alerts), error, report)

    def _render(self, claim: Claim) -> Message:
        rows = claim.rows
        if rows[0].kind == "health":
            return self.templates.health(rows[0].payload)
        if rows[0].kind == BACKFILL:
            payload = rows[0].payload
            subjects = [AlertEvent.from_payload(item) for item in payload.get("events") or ()]
            return self.templates.digest(subjects, backfill_period(payload))
        events = [AlertEvent.from_payload(row.payload) for row in rows]
        if rows[0].batch:
            local = zone(self.alerts.timezone)
            first, last = rows[0].created_at.astimezone(local), rows[-1].created_at.astimezone(local)
            period = first.strftime("%m-%d")
            if last.date() != first.date():
                period += "至" + last.strftime("%m-%d")
            return self.templates.digest(events, period)
        return self.templates.event(events[0])

    def notifier(self, subscription: Subscription) -> apprise.Apprise:
        """The Apprise object of a subscription's target (built once per dispatcher)."""
        key = (subscription.target, subscription.tag)
        if key not in self._notifiers:
            self._notifiers[key] = build_apprise(subscription.target, subscription.tag, self.alerts.apprise_config)
        return self._notifiers[key]

    def send(self, subscription: Subscription, message: Message) -> tuple[bool, str]:
        """Post one message; (accepted, error text with the target's secrets scrubbed)."""
        notifier = self.notifier(subscription)
        options: dict[str, Any] = {"body_format": _FORMATS[self.templates.body_format]}
        if subscription.tag:
            options["tag"] = subscription.tag
        warnings = apprise_warnings()
        warnings.lines.clear()
        if bool(notifier.notify(body=message.body, title=message.title, **options)):
            return True, ""
        error = warnings.lines[-1] if warnings.lines else "the service did not accept the message"
        return False, scrub(error, subscription.target)[:500]

    def _finish(self, claim: Claim, **values: Any) -> None:
        """Release a claim, setting ``values``, in its own short transaction."""
        table = OutboxRow.__table__
        assert isinstance(table, Table)
        # A Core UPDATE: the ORM's bulk-update machinery costs a millisecond a message here.
        statement = (
            update(table)
            .where(
                table.c.id.in_([row.id for row in claim.rows]),
                table.c.claim_token == claim.token,
                table.c.status == SENDING,
            )
            .values(claim_token=None, claimed_until=None, **values)
        )
        with self.db.session() as session:
            session.execute(statement)

    def _mark_sent(self, claim: Claim, report: DispatchReport) -> None:
        self._finish(claim, status=SENT, sent_at=utcnow(), last_error=None)
        report.messages += 1
        report.sent += len(claim.rows)

    def _mark_retry(self, claim: Claim, due: datetime, error: str, report: DispatchReport) -> None:
        self._finish(claim, status=PENDING, due_at=due, last_error=error)
        report.retrying += len(claim.rows)
        report.errors.append(f"{claim.subscription.name}: {error}")

    def _mark_failed(self, claim: Claim, error: str, report: DispatchReport) -> None:
        self._finish(claim, status=FAILED, last_error=error)
        report.failed += len(claim.rows)
        report.errors.append(f"{claim.subscription.name}: {error}")


def deliver_due(
    db: Database, settings: Settings, *, now: datetime | None = None, limit: int | None = None
) -> DispatchReport:
    """Deliver what is due now: the call ``alerts send``, the daemon and ``run`` make.

    The config file's ``[[subscriptions]]`` are synced into the store first.
    """
    with db.session() as session:
        sync_config_subscriptions(session, settings.subscriptions, settings.alerts.apprise_config)
    return Dispatcher(db, settings.alerts).deliver_due(now=now, limit=limit)
