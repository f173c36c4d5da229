"""The alert policy: which stored events a subscription is alerted for, and when not.

A subscription is alerted for an event when all four hold:

1. **first report** - the event is the first *done* report of its cluster
   (one real-world signing), and the subscription's filters take it; a
   repost adds nothing (``monitor.store.filing`` decides, the outbox's unique
   key per subscription and cluster holds it);
2. **fresh** - the event's own day (its date, the last day of a month-only
   one; else its article's publication day) is at most
   ``alerts.max_event_age_days`` days before today, on Beijing's calendar.
   An event with neither is judged by the day its page was fetched; one
   without even that (an imported file with no date) is never alerted, since
   its age cannot be known;
3. **new to the subscription** - the event was first stored after the
   subscription was created.  An event is first stored with its article
   (``Article.stored_at``, which a reprocess keeps: a reprocess deletes and
   re-inserts events, so an event row's own ``created_at`` says nothing);
   an imported file counts from its import.  A revision's event that repeats
   a done event of an earlier version of its article (same kind and place)
   was first stored with that earlier version;
4. **not alerted already** - the subscription has no alert for the event's
   cluster, nor for an event of the same kind and place reported by the same
   article or an earlier version of it (a reprocess that files the event
   under a new cluster, a revision that corrects a figure).

So ``subscribe add`` queues nothing for the past, and ``reprocess``,
``import`` and revisions never alert a subscriber about what it was alerted
for already, what it subscribed after, or what is too old.
``subscribe add --backfill DAYS`` is the one way to get the recent past: a
single digest (``monitor.alerts.backfill``).

This module holds the pure decisions (rules 2 and 3's comparison); the
queries behind rules 3 and 4 are in ``monitor.alerts.queueing``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from monitor.config import AlertSettings
from monitor.store.base import utcnow
from monitor.text.byline import BEIJING

# One default, the config's: a caller that passes no settings gets what an
# empty config file would give.
DEFAULT_MAX_EVENT_AGE_DAYS: int = AlertSettings.max_event_age_days


@dataclass(frozen=True)
class AlertPolicy:
    """The values the policy judges by: the age limit, and the moment "today" is taken from.

    ``now`` is None in production (the clock, read once per storing
    transaction by ``fixed``); tests pass a moment to judge old seeds as news.
    It only judges event ages: outbox rows are always stamped with the clock.
    """

    max_event_age_days: int = DEFAULT_MAX_EVENT_AGE_DAYS
    now: datetime | None = None

    @classmethod
    def from_settings(cls, alerts: AlertSettings, now: datetime | None = None) -> AlertPolicy:
        """The policy of the ``[alerts]`` settings."""
        return cls(alerts.max_event_age_days, now)

    def fixed(self) -> AlertPolicy:
        """This policy with ``now`` read from the clock if unset, so one batch has one "today"."""
        return self if self.now is not None else replace(self, now=utcnow())

    def today(self) -> date:
        """Today on Beijing's calendar, the calendar event dates are written in."""
        return (self.now or utcnow()).astimezone(BEIJING).date()

    def oldest_day(self) -> date:
        """The oldest event day still news."""
        return self.today() - timedelta(days=self.max_event_age_days)

    def is_fresh(self, day: date | None) -> bool:
        """Whether an event of ``day`` (see ``news_day``) may be alerted; an unknown day may not."""
        return day is not None and day >= self.oldest_day()


def news_day(reported_on: date | None, fetched_at: datetime | None) -> date | None:
    """The day an event's age is judged by: its own day, else its page's fetch day (Beijing), else None.

    ``reported_on`` is the event row's day: the event's date, else its
    article's publication day (``monitor.store.filing``).
    """
    if reported_on is not None:
        return reported_on
    if fetched_at is not None:
        return fetched_at.astimezone(BEIJING).date()
    return None


def new_to(subscription_created: datetime, first_stored: datetime) -> bool:
    """Rule 3: an event first stored at ``first_stored`` is news to a subscription created then."""
    return first_stored >= subscription_created
