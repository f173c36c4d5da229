"""Clusters: one real-world signing, however many articles report it.

A cluster key has an exact part a store can index (``key``: province and the
event's leading figure, or its parties when it has no figure) and a fuzzy
part that ``same_cluster`` compares: the place (a level missing on one side
matches any), the date as a window (a day ± ``DAY_SLACK``; a month when the
article gives no day; up to ``UNDATED_WINDOW`` before publication when it
gives no date at all), the set of investment values and the project count.
A repost, a Traditional mirror and a rewrite that repeats the figures share
the key and match; the next year's signing in the same district does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from monitor.events.model import SigningEvent
from monitor.events.signing import BATCH_KINDS

DAY_SLACK = timedelta(days=3)
UNDATED_WINDOW = timedelta(days=60)


@dataclass(frozen=True)
class ClusterKey:
    """What decides whether two events are one: an exact ``key`` and fuzzy fields."""

    key: str
    province: str | None
    city: str | None
    county: str | None
    earliest: date | None
    latest: date | None
    values: frozenset[int | float]
    projects: int | None


def _value_text(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def cluster_key(event: SigningEvent, published: date | None) -> ClusterKey:
    """The cluster key of an event reported by an article published on ``published``."""
    values = frozenset(f.value for f in event.figures)
    if values:
        lead = "amount:" + _value_text(max(values))
    elif event.parties:
        lead = "parties:" + "+".join(sorted(event.parties))
    else:
        lead = "kind:" + ("batch" if event.kind in BATCH_KINDS else event.kind)
    earliest: date | None
    latest: date | None
    if event.date is not None:
        earliest, latest = event.date.earliest, event.date.latest
    elif published is not None:
        earliest, latest = published - UNDATED_WINDOW, published
    else:
        earliest = latest = None
    return ClusterKey(
        key=f"{event.place.province or '-'}|{lead}",
        province=event.place.province,
        city=event.place.city,
        county=event.place.county,
        earliest=earliest,
        latest=latest,
        values=values,
        projects=event.projects,
    )


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def same_cluster(a: ClusterKey, b: ClusterKey) -> bool:
    """Whether two keys stand for the same real-world event."""
    if a.key != b.key:
        return False
    if not (_compatible(a.city, b.city) and _compatible(a.county, b.county)):
        return False
    if a.values and b.values and not (a.values & b.values):
        return False
    if a.projects is not None and b.projects is not None and a.projects != b.projects:
        return False
    if None in (a.earliest, a.latest, b.earliest, b.latest):
        return True  # no date on one side: place and figures decide
    assert a.earliest and a.latest and b.earliest and b.latest
    return a.earliest - DAY_SLACK <= b.latest and b.earliest - DAY_SLACK <= a.latest
