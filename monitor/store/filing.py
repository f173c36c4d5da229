"""Storing an article's extraction: its events, figures and their clusters.

``store_extractions`` (as ``extraction_step``; ``store_extraction`` for one
article) is the after-store step of ``monitor.pipeline``: inside the
transaction that stores or re-analyses articles it extracts, replaces each
article's previous events and figures, and files every event under a cluster
— an existing one when ``same_cluster`` says it is the same real-world
signing (against the cluster's founder or any member event), a new one
otherwise.

Later steps in the same transaction (alert queueing) read what was stored
with ``stored_events(session, article_row)``: each ``StoredEvent`` says
whether its cluster was created just now and whether the event is the
cluster's first *done* report from any article (what an alert is owed for).

Concurrency: two workers storing two reposts at once could both miss the
other's cluster and create two.  On PostgreSQL a transaction-scoped advisory
lock on the cluster key serialises them; SQLite's ``BEGIN IMMEDIATE``
already lets only one writer in at a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, and_, bindparam, delete, insert, not_, or_, select, text
from sqlalchemy.orm import Session

from monitor.archive.ingest import StoredArticle, is_inserted_here
from monitor.events.announcements import investment_announcements
from monitor.events.cluster import DAY_SLACK, UNDATED_WINDOW, ClusterKey, cluster_key, same_cluster
from monitor.events.extract import Extraction, extract
from monitor.events.model import Figure, SigningEvent
from monitor.store.event_models import Cluster, EventRow, FigureRow
from monitor.store.ids import reserve_ids
from monitor.store.models import Article
from monitor.text.article import CleanArticle
from monitor.text.byline import BEIJING

# Margin on the date prefilter of cluster members (same_cluster decides exactly).
_SPARE_DAY = timedelta(days=1)
# The tables, for Core inserts.
_CLUSTERS = cast(Table, Cluster.__table__)
_EVENTS = cast(Table, EventRow.__table__)
_FIGURES = cast(Table, FigureRow.__table__)
# Where this transaction's results wait for the steps after ours.
_SESSION_KEY = "signwatch.stored_events"


@dataclass(frozen=True)
class StoredEvent:
    """An event row as just stored, with what alerting needs to know about its cluster.

    ``event`` (and a cluster the article founded) hold the values as written,
    ids included; they are not attached to the session.
    """

    event: EventRow
    cluster: Cluster
    new_cluster: bool  # the cluster was created by this article
    first_done: bool  # a done event, and no other article's done event is in the cluster yet

    @property
    def alertable(self) -> bool:
        """True when an alert is owed for this event's cluster (once per cluster)."""
        return self.first_done


def store_extraction(session: Session, article_row: Article, article: CleanArticle) -> list[StoredEvent]:
    """Extract ``article`` and store its events, figures and clusters for ``article_row``.

    The article's previous events and figures (a re-analysis) are deleted
    first.  Returns the stored events in article order (also available to
    later steps through ``stored_events``).
    """
    [stored] = store_extractions(session, [StoredArticle(article_row, article)])
    return stored


def store_extractions(session: Session, articles: Sequence[StoredArticle]) -> list[list[StoredEvent]]:
    """``store_extraction`` for several articles in one transaction; each one's stored events, in order.

    The result is the same as storing them one after another: an article's
    events may join the clusters the articles before it founded or joined.
    A batch that re-analyses stored articles is taken one article at a time.
    The clusters are decided in memory (the stored ones under every key of
    the batch are read once), then the new clusters, the events and the
    figures are written with one statement each.
    """
    session.flush()  # the article rows need their ids
    if len(articles) > 1 and not all(is_inserted_here(session, item.row) for item in articles):
        # A re-analysis replaces each article's old events in turn, so an article
        # still meets the old events of those after it, as when stored one by one.
        return [store_extractions(session, [item])[0] for item in articles]
    plans = [_plan(item) for item in articles]
    # Reserved before a re-analysis deletes the old events: an id once shown is never given to another event.
    event_ids = reserve_ids(session, _EVENTS, sum(len(plan.reported) for plan in plans))
    replaced = [item.row.id for item in articles if not is_inserted_here(session, item.row)]
    if replaced:
        # a re-analysis: an article stored in this transaction has nothing to replace
        session.execute(delete(FigureRow).where(FigureRow.article_id.in_(replaced)))
        session.execute(delete(EventRow).where(EventRow.article_id.in_(replaced)))
    keys = {key.key for plan in plans for key in plan.keys}
    # one order for every writer, so two writers' advisory locks cannot deadlock
    for text_key in sorted(keys):
        _lock_key(session, text_key)
    index = _ClusterIndex(session, plans)
    placements = [index.place(plan) for plan in plans]
    created = [Cluster(**values) for values in _insert_rows(session, _CLUSTERS, index.founded)]
    found_ids = sorted({p.home.id for placed in placements for p in placed if p.home.stored})
    found = {c.id: c for c in session.scalars(select(Cluster).where(Cluster.id.in_(found_ids)))} if found_ids else {}
    homes = [found[p.home.id] if p.home.stored else created[p.home.id] for placed in placements for p in placed]
    events = [
        _event_values(plan.item.row, event, position, plan.published)
        for plan in plans
        for position, event in enumerate(plan.reported)
    ]
    for values, cluster in zip(events, homes, strict=True):
        values["cluster_id"] = cluster.id
    rows = [EventRow(**values) for values in _insert_rows(session, _EVENTS, events, event_ids)]
    figures: list[dict[str, Any]] = []
    results: list[list[StoredEvent]] = []
    start = 0
    for plan, placed in zip(plans, placements, strict=True):
        mine = rows[start : start + len(placed)]
        stored = [
            StoredEvent(row, cluster, place.fresh, place.first_done)
            for row, cluster, place in zip(mine, homes[start : start + len(placed)], placed, strict=True)
        ]
        start += len(placed)
        figures += _figure_rows(plan, mine)
        session.info.setdefault(_SESSION_KEY, {})[plan.item.row.id] = stored
        results.append(stored)
    if figures:
        # Core executemany: figure rows are never read back in this transaction,
        # and ORM objects for every figure would cost more than the rest.
        session.execute(insert(_FIGURES), figures)
    return results


def extraction_step(session: Session, articles: Sequence[StoredArticle]) -> None:
    """``store_extractions`` as a ``monitor.archive.ingest.AfterStore`` step (which returns nothing)."""
    store_extractions(session, articles)


@dataclass(frozen=True)
class _Plan:
    """One article's extraction, ready to be filed under clusters."""

    item: StoredArticle
    extraction: Extraction
    reported: tuple[SigningEvent, ...]
    published: date | None
    keys: list[ClusterKey]


def _plan(item: StoredArticle) -> _Plan:
    """Extract an article, unless that was done beside its cleaning (no database work)."""
    extraction = item.extraction if item.extraction is not None else extract(item.article)
    # Investment figures no signing carries are stored (and alerted) as 投资 events.
    reported = (*extraction.events, *investment_announcements(extraction, item.article))
    published = extraction.published or _published_day(item.row)
    return _Plan(item, extraction, reported, published, [cluster_key(event, published) for event in reported])


def stored_events(session: Session, article_row: Article) -> list[StoredEvent]:
    """What ``store_extraction`` stored for ``article_row`` in this session's transaction.

    Empty when the step has not run for this article in this session.
    """
    found: dict[int, list[StoredEvent]] = session.info.get(_SESSION_KEY, {})
    return list(found.get(article_row.id, []))


def new_cluster_events(session: Session, article_row: Article) -> list[StoredEvent]:
    """The stored events of ``article_row`` an alert is owed for: first done reports of their cluster."""
    return [s for s in stored_events(session, article_row) if s.alertable]


def _published_day(article_row: Article) -> date | None:
    # Stored times are UTC; the day an article was published is Beijing's day.
    return article_row.published_at.astimezone(BEIJING).date() if article_row.published_at else None


def _lead_figure(figures: tuple[Figure, ...]) -> Figure | None:
    """The event's headline figure: its largest investment amount (as the cluster key uses)."""
    return max(figures, key=lambda f: f.value, default=None)


def _event_values(article_row: Article, event: SigningEvent, position: int, published: date | None) -> dict[str, Any]:
    """An events row as column values (its cluster_id is filled in once the cluster is written)."""
    lead = _lead_figure(event.figures)
    return {
        "article_id": article_row.id,
        "position": position,
        "kind": event.kind,
        "status": event.status,
        "province": event.place.province,
        "city": event.place.city,
        "county": event.place.county,
        "date_text": event.date.to_json() if event.date else None,
        "date_from": event.date.earliest if event.date else None,
        "date_to": event.date.latest if event.date else None,
        "reported_on": event.date.latest if event.date else published,
        "parties": list(event.parties),
        "projects": event.projects,
        "parts": [part.to_json() for part in event.parts],
        "investment_value": float(lead.value) if lead else None,
        "investment_max": float(lead.maximum) if lead and lead.maximum is not None else None,
        "qualifier": lead.qualifier if lead else None,
        "currency": lead.currency if lead else None,
        "evidence": event.evidence,
    }


def _figure_values(article_id: int, figure: Figure, event_id: int | None) -> dict[str, Any]:
    """A figures row as column values."""
    return {
        "article_id": article_id,
        "event_id": event_id,
        "text": figure.text,
        "value": float(figure.value),
        "maximum": float(figure.maximum) if figure.maximum is not None else None,
        "currency": figure.currency,
        "qualifier": figure.qualifier,
        "investment": figure.investment,
        "projects": figure.projects,
        "evidence": figure.evidence,
    }


def _figure_rows(plan: _Plan, events: list[EventRow]) -> list[dict[str, Any]]:
    """Every event's figures, then every figure no event claimed (other amounts, non-investment figures), once."""
    article_id = plan.item.row.id
    rows = [
        _figure_values(article_id, figure, row.id)
        for row, event in zip(events, plan.reported, strict=True)
        for figure in event.figures
    ]
    claimed = {(f.text, f.evidence) for e in plan.reported for f in e.figures}
    rows += [
        _figure_values(article_id, figure, None)
        for figure in plan.extraction.figures
        if (figure.text, figure.evidence) not in claimed
    ]
    return rows


def _cluster_values(event: SigningEvent, key: ClusterKey) -> dict[str, Any]:
    """A clusters row as column values: the founding event's summary."""
    lead = _lead_figure(event.figures)
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


def _insert_rows(
    session: Session, table: Table, rows: list[dict[str, Any]], ids: list[int] | None = None
) -> list[dict[str, Any]]:
    """Insert ``rows`` with one executemany under ``ids`` (else ids reserved now); the rows as written.

    No ``INSERT … RETURNING``: SQLite would write such a batch one row per
    statement (``monitor.store.ids``).
    """
    ids = ids if ids is not None else reserve_ids(session, table, len(rows))
    written = [{**row, "id": row_id} for row, row_id in zip(rows, ids, strict=True)]
    if written:
        session.execute(insert(table), written)
    return written


# The queries of _ClusterIndex, built once: a statement built per call costs
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
# Members whose date window cannot overlap [first, last] (see _ClusterIndex.stored_members).
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


class _Home(NamedTuple):
    """The cluster an event is filed under: a stored one (its id) or one this batch founds (its index).

    A tuple: a batch makes and hashes one for every stored cluster it meets.
    """

    stored: bool
    id: int


@dataclass(frozen=True)
class _Placed:
    """Where one event was filed, and what alerting needs to know of it."""

    home: _Home
    fresh: bool  # the event founded its cluster
    first_done: bool  # a done event, and no other article's done event is in the cluster yet


class _ClusterIndex:
    """The clusters a batch's events may join: the stored ones under the batch's keys and those the batch founds.

    The stored clusters are read once; the batch's own clusters and member
    events are kept in memory as each article is placed, so an article
    meets exactly what it would had every article before it been stored in
    a transaction of its own.  The batch's articles have no stored events
    (new, or deleted before a re-analysis), so every stored member is
    another article's.
    """

    def __init__(self, session: Session, plans: Sequence[_Plan]) -> None:
        self.session = session
        self.keys = [key for plan in plans for key in plan.keys]
        names = sorted({key.key for key in self.keys})
        stored = session.execute(_CANDIDATES, {"keys": names}).all() if names else []
        # the stored clusters under each key, oldest first, with their founders' keys
        self.stored: dict[str, list[tuple[_Home, ClusterKey]]] = {}
        for cluster in stored:
            self.stored.setdefault(cluster.key, []).append((_Home(True, cluster.id), _cluster_key_of(cluster)))
        ids = [cluster.id for cluster in stored]
        # the clusters holding a done event (of another article): no alert is owed for them again
        done: list[int] = list(session.scalars(_DONE_CLUSTERS, {"ids": ids})) if ids else []
        self.done: set[_Home] = {_Home(True, cluster_id) for cluster_id in done}
        self.founded: list[dict[str, Any]] = []  # column values of the clusters this batch founds, in order
        self.founders: list[ClusterKey] = []
        self.members: dict[_Home, list[ClusterKey]] = {}  # the batch's events placed so far, as members
        self._stored_members: dict[int, list[ClusterKey]] | None = None  # read on first need (see stored_members)

    def place(self, plan: _Plan) -> list[_Placed]:
        """File every event of one article (in article order) and remember them for the articles after it."""
        own_from = len(self.founded)  # clusters from here on are this article's own
        placed: list[_Placed] = []
        for event, key in zip(plan.reported, plan.keys, strict=True):
            home = self.find(key, own_from)
            if home is None:
                # a cluster this article founded: its only members are this article's own events, which never count
                own = range(own_from, len(self.founders))
                home = next((_Home(False, i) for i in own if same_cluster(key, self.founders[i])), None)
            fresh = home is None
            if home is None:
                self.founded.append(_cluster_values(event, key))
                self.founders.append(_founder_key(self.founded[-1]))
                home = _Home(False, len(self.founded) - 1)
            # the first done report of the cluster: none from another article, none earlier in this one
            first_done = (
                event.status == "done"
                and home not in self.done
                and not any(p.home == home and p.first_done for p in placed)
            )
            placed.append(_Placed(home, fresh, first_done))
        published = _utc_day(plan.item.row.published_at)
        for event, key, place in zip(plan.reported, plan.keys, placed, strict=True):
            values = {float(figure.value) for figure in event.figures}
            self.members.setdefault(place.home, []).append(
                _member_key(_EventColumns.of(event), values, key.key, published)
            )
            if event.status == "done":
                self.done.add(place.home)
        return placed

    def find(self, key: ClusterKey, own_from: int) -> _Home | None:
        """The oldest cluster under ``key.key`` whose founder or a member matches ``key``.

        Stored clusters come first (oldest first), then those the batch's
        earlier articles founded (``own_from``: where this article's begin).
        """
        candidates: list[tuple[_Home, ClusterKey]] = [
            *self.stored.get(key.key, ()),
            *((_Home(False, i), f) for i, f in enumerate(self.founders[:own_from]) if f.key == key.key),
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
    """The key a stored member event would match with (``member``: a row of ``_StoredClusters.members``)."""
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


def _lock_key(session: Session, key: str) -> None:
    """Serialise cluster creation for one key across workers (PostgreSQL only; see the module doc)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    # a stable signed 64-bit number: Python's hash() changes between processes
    number = int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big", signed=True)
    session.execute(text("SELECT pg_advisory_xact_lock(:number)"), {"number": number})
