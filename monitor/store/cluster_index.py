"""The clusters a batch's events may join, and where each event is filed.

``ClusterIndex`` reads the stored clusters under a batch's cluster keys once,
keeps the clusters the batch founds in memory, and places every event of
every article in turn: an existing cluster when ``same_cluster`` says it is
the same real-world signing (against the cluster's founder or any member),
a new one otherwise.  No writes: ``monitor.store.filing`` writes what the
index decided.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, not_, or_, select
from sqlalchemy.orm import Session

from monitor.events.cluster import DAY_SLACK, UNDATED_WINDOW, ClusterKey, same_cluster
from monitor.events.model import Figure, SigningEvent
from monitor.store.event_models import Cluster, EventRow, FigureRow
from monitor.store.models import Article

# Margin on the date prefilter of cluster members (same_cluster decides exactly).
_SPARE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class FilingPlan:
    """One article's events, ready to be filed under clusters: what they report and their cluster keys."""

    article_row: Article
    reported: tuple[SigningEvent, ...]
    published: date | None
    keys: list[ClusterKey]


def lead_figure(figures: tuple[Figure, ...]) -> Figure | None:
    """The event's headline figure: its largest investment amount (as the cluster key uses)."""
    return max(figures, key=lambda f: f.value, default=None)


def cluster_values(event: SigningEvent, key: ClusterKey) -> dict[str, Any]:
    """A clusters row as column values: the founding event's summary."""
    lead = lead_figure(event.figures)
    return {
        "key": key.key,
        "kind": event.kind,
        "province": event.place.province,
        "city": event.place.city,
        "county": event.place.county,
        "date_text": event.date.to_json() if event.date else None,
        "window_from": key.earliest,
        "window_to": key.latest,
        "projects": event.projects,
        "figure_values": sorted(float(v) for v in key.values),
        "investment_value": float(lead.value) if lead else None,
        "investment_max": float(lead.maximum) if lead and lead.maximum is not None else None,
        "qualifier": lead.qualifier if lead else None,
        "currency": lead.currency if lead else None,
    }


def _cluster_key_of(cluster: Any) -> ClusterKey:
    """The founder's key of a cluster (a Cluster, or a row with its columns)."""
    return ClusterKey(
        key=cluster.key,
        province=cluster.province,
        city=cluster.city,
        county=cluster.county,
        earliest=cluster.window_from,
        latest=cluster.window_to,
        values=frozenset(cluster.figure_values or ()),
        projects=cluster.projects,
    )


def _founder_key(values: dict[str, Any]) -> ClusterKey:
    """The founder's key of a cluster about to be written (its column values)."""
    return ClusterKey(
        key=values["key"],
        province=values["province"],
        city=values["city"],
        county=values["county"],
        earliest=values["window_from"],
        latest=values["window_to"],
        values=frozenset(values["figure_values"]),
        projects=values["projects"],
    )


# The queries of ClusterIndex, built once: a statement built per call costs
# more Python than the database takes to answer it (and a prebuilt one keeps
# its compiled-cache key).
_CANDIDATES = (
    select(
        Cluster.id,
        Cluster.key,
        Cluster.province,
        Cluster.city,
        Cluster.county,
        Cluster.window_from,
        Cluster.window_to,
        Cluster.figure_values,
        Cluster.projects,
    )
    .where(Cluster.key.in_(bindparam("keys", expanding=True)))
    .order_by(Cluster.id)
)
_DONE_CLUSTERS = (
    select(EventRow.cluster_id)
    .where(EventRow.cluster_id.in_(bindparam("ids", expanding=True)), EventRow.status == "done")
    .distinct()
)
_MEMBERS = (
    select(
        EventRow.id,
        EventRow.cluster_id,
        EventRow.province,
        EventRow.city,
        EventRow.county,
        EventRow.date_from,
        EventRow.date_to,
        EventRow.projects,
        Article.published_at,
    )
    .join(Article, EventRow.article_id == Article.id)
    .where(EventRow.cluster_id.in_(bindparam("ids", expanding=True)))
    .order_by(EventRow.id)
)
# Members whose date window cannot overlap [first, last] (see ClusterIndex.stored_members).
_MEMBERS_NEAR = _MEMBERS.where(
    not_(
        or_(
            and_(
                EventRow.date_from.is_not(None),
                EventRow.date_to.is_not(None),
                or_(EventRow.date_from > bindparam("last"), EventRow.date_to < bindparam("first")),
            ),
            # an undated member's window is the UNDATED_WINDOW before its article's publication
            and_(
                EventRow.date_from.is_(None),
                Article.published_at.is_not(None),
                or_(
                    Article.published_at < bindparam("published_from"),
                    Article.published_at >= bindparam("published_until"),
                ),
            ),
        )
    )
)
_MEMBER_VALUES = select(FigureRow.event_id, FigureRow.value).where(
    FigureRow.event_id.in_(bindparam("ids", expanding=True))
)


class Home(NamedTuple):
    """The cluster an event is filed under: a stored one (its id) or one this batch founds (its index).

    A tuple: a batch makes and hashes one for every stored cluster it meets.
    """

    stored: bool
    id: int


@dataclass(frozen=True)
class Placement:
    """Where one event was filed, and what alerting needs to know of it."""

    home: Home
    fresh: bool  # the event founded its cluster
    first_done: bool  # a done event, and no other article's done event is in the cluster yet


class ClusterIndex:
    """The clusters a batch's events may join: the stored ones under the batch's keys and those the batch founds.

    The stored clusters are read once; the batch's own clusters and member
    events are kept in memory as each article is placed, so an article
    meets exactly what it would had every article before it been stored in
    a transaction of its own.  The batch's articles have no stored events
    (new, or deleted before a re-analysis), so every stored member is
    another article's.
    """

    def __init__(self, session: Session, plans: Sequence[FilingPlan]) -> None:
        self.session = session
        self.keys = [key for plan in plans for key in plan.keys]
        names = sorted({key.key for key in self.keys})
        stored = session.execute(_CANDIDATES, {"keys": names}).all() if names else []
        # the stored clusters under each key, oldest first, with their founders' keys
        self.stored: dict[str, list[tuple[Home, ClusterKey]]] = {}
        for cluster in stored:
            self.stored.setdefault(cluster.key, []).append((Home(True, cluster.id), _cluster_key_of(cluster)))
        ids = [cluster.id for cluster in stored]
        # the clusters holding a done event (of another article): no alert is owed for them again
        done: list[int] = list(session.scalars(_DONE_CLUSTERS, {"ids": ids})) if ids else []
        self.done: set[Home] = {Home(True, cluster_id) for cluster_id in done}
        self.founded: list[dict[str, Any]] = []  # column values of the clusters this batch founds, in order
        self.founders: list[ClusterKey] = []
        self.members: dict[Home, list[ClusterKey]] = {}  # the batch's events placed so far, as members
        self._stored_members: dict[int, list[ClusterKey]] | None = None  # read on first need (see stored_members)

    def place(self, plan: FilingPlan) -> list[Placement]:
        """File every event of one article (in article order) and remember them for the articles after it."""
        own_from = len(self.founded)  # clusters from here on are this article's own
        placed: list[Placement] = []
        for event, key in zip(plan.reported, plan.keys, strict=True):
            home = self.find(key, own_from)
            if home is None:
                # a cluster this article founded: its only members are this article's own events, which never count
                own = range(own_from, len(self.founders))
                home = next((Home(False, i) for i in own if same_cluster(key, self.founders[i])), None)
            fresh = home is None
            if home is None:
                self.founded.append(cluster_values(event, key))
                self.founders.append(_founder_key(self.founded[-1]))
                home = Home(False, len(self.founded) - 1)
            # the first done report of the cluster: none from another article, none earlier in this one
            first_done = (
                event.status == "done"
                and home not in self.done
                and not any(p.home == home and p.first_done for p in placed)
            )
            placed.append(Placement(home, fresh, first_done))
        published = _utc_day(plan.article_row.published_at)
        for event, key, place in zip(plan.reported, plan.keys, placed, strict=True):
            values = {float(figure.value) for figure in event.figures}
            self.members.setdefault(place.home, []).append(
                _member_key(_EventColumns.of(event), values, key.key, published)
            )
            if event.status == "done":
                self.done.add(place.home)
        return placed

    def find(self, key: ClusterKey, own_from: int) -> Home | None:
        """The oldest cluster under ``key.key`` whose founder or a member matches ``key``.

        Stored clusters come first (oldest first), then those the batch's
        earlier articles founded (``own_from``: where this article's begin).
        """
        candidates: list[tuple[Home, ClusterKey]] = [
            *self.stored.get(key.key, ()),
            *((Home(False, i), f) for i, f in enumerate(self.founders[:own_from]) if f.key == key.key),
        ]
        for home, founder in candidates:
            if same_cluster(key, founder):
                return home
        if not candidates:
            return None
        stored = self.stored_members(key) if any(home.stored for home, _ in candidates) else {}
        for home, _ in candidates:
            members = stored.get(home.id, ()) if home.stored else ()
            if any(same_cluster(key, m) for m in (*members, *self.members.get(home, ()))):
                return home
        return None

    def stored_members(self, key: ClusterKey) -> dict[int, list[ClusterKey]]:
        """The stored member events, by cluster id, of the stored clusters under ``key.key`` that may match ``key``.

        Read once per batch, for every key of the batch (the first key that
        needs them pays two queries; the batch's others find them here).
        The query leaves out members whose date window cannot overlap any
        dated key of the batch (with a day to spare beyond
        ``same_cluster``'s slack); ``same_cluster`` decides on the rest.  In
        a busy province the candidates under one key gather many members,
        most of them other years' signings.  A batch with an undated key
        reads every member (an undated key matches any date).
        """
        if self._stored_members is None:
            self._stored_members = self._read_members()
        return self._stored_members

    def _read_members(self) -> dict[int, list[ClusterKey]]:
        ids = [home.id for clusters in self.stored.values() for home, _ in clusters]
        if not ids:
            return {}
        dated = [key for key in self.keys if key.earliest is not None and key.latest is not None]
        if len(dated) < len(self.keys):
            rows = list(self.session.execute(_MEMBERS, {"ids": ids}).all())
        else:
            first = min(key.earliest for key in dated if key.earliest) - DAY_SLACK - _SPARE_DAY
            last = max(key.latest for key in dated if key.latest) + DAY_SLACK + _SPARE_DAY
            window = {
                "first": first,
                "last": last,
                "published_from": _midnight(first),
                "published_until": _midnight(last + UNDATED_WINDOW + _SPARE_DAY),
            }
            rows = list(self.session.execute(_MEMBERS_NEAR, {"ids": ids, **window}).all())
        values: dict[int, set[float]] = {}
        if rows:
            for event_id, value in self.session.execute(_MEMBER_VALUES, {"ids": [m.id for m in rows]}):
                if event_id is not None:
                    values.setdefault(event_id, set()).add(value)
        key_of = {home.id: founder.key for clusters in self.stored.values() for home, founder in clusters}
        members: dict[int, list[ClusterKey]] = {}
        for m in rows:
            member = _member_key(m, values.get(m.id, set()), key_of[m.cluster_id], _utc_day(m.published_at))
            members.setdefault(m.cluster_id, []).append(member)
        return members


@dataclass(frozen=True)
class _EventColumns:
    """The columns of an event row that a member's key is made of."""

    province: str | None
    city: str | None
    county: str | None
    date_from: date | None
    date_to: date | None
    projects: int | None

    @classmethod
    def of(cls, event: SigningEvent) -> _EventColumns:
        """What the events row of ``event`` will hold in those columns."""
        return cls(
            event.place.province,
            event.place.city,
            event.place.county,
            event.date.earliest if event.date else None,
            event.date.latest if event.date else None,
            event.projects,
        )


def _utc_day(moment: datetime | None) -> date | None:
    """The UTC calendar day of a stored time (naive values are UTC, as the store takes them)."""
    if moment is None:
        return None
    return (moment.astimezone(UTC) if moment.tzinfo is not None else moment).date()


def _midnight(day: date) -> datetime:
    """The start of ``day`` in UTC (publication times are stored in UTC)."""
    return datetime.combine(day, time.min, tzinfo=UTC)


def _member_key(member: Any, values: set[float], cluster_key_text: str, published: date | None) -> ClusterKey:
    """The key a stored member event would match with (``member``: a row of ``_MEMBERS``, or an event's columns)."""
    earliest, latest = member.date_from, member.date_to
    if earliest is None and published is not None:
        earliest, latest = published - UNDATED_WINDOW, published
    return ClusterKey(
        key=cluster_key_text,
        province=member.province,
        city=member.city,
        county=member.county,
        earliest=earliest,
        latest=latest,
        values=frozenset(values),
        projects=member.projects,
    )
