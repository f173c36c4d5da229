"""Storing an article's extraction: its events, figures and their clusters.

``store_extraction`` (as ``extraction_step``) is the after-store step of ``monitor.pipeline``: inside
the transaction that stores or re-analyses an article it extracts, replaces
the article's previous events and figures, and files every event under a
cluster — an existing one when ``same_cluster`` says it is the same
real-world signing (against the cluster's founder or any member event), a
new one otherwise.

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
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, delete, insert, not_, or_, select, text
from sqlalchemy.orm import Session

from monitor.events.announcements import investment_announcements
from monitor.events.cluster import DAY_SLACK, UNDATED_WINDOW, ClusterKey, cluster_key, same_cluster
from monitor.events.extract import Extraction, extract
from monitor.events.model import Figure, SigningEvent
from monitor.ingest import is_inserted_here
from monitor.store.event_models import Cluster, EventRow, FigureRow
from monitor.store.models import Article
from monitor.text.article import CleanArticle
from monitor.text.metadata import BEIJING

# Margin on the date prefilter of cluster members (same_cluster decides exactly).
_SPARE_DAY = timedelta(days=1)
# The figures table, for Core inserts.
_FIGURES = cast(Table, FigureRow.__table__)
# Where this transaction's results wait for the steps after ours.
_SESSION_KEY = "signwatch.stored_events"


@dataclass(frozen=True)
class StoredEvent:
    """An event row as just stored, with what alerting needs to know about its cluster."""

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
    extraction = extract(article)
    # Investment figures no signing carries are stored (and alerted) as 投资 events.
    reported = (*extraction.events, *investment_announcements(extraction, article))
    session.flush()  # the article row needs its id
    if not is_inserted_here(session, article_row):
        # a re-analysis: an article stored in this transaction has nothing to replace
        session.execute(delete(FigureRow).where(FigureRow.article_id == article_row.id))
        session.execute(delete(EventRow).where(EventRow.article_id == article_row.id))
    published = extraction.published or _published_day(article_row)
    keys = [cluster_key(event, published) for event in reported]
    # one order for every writer, so two writers' advisory locks cannot deadlock
    for text_key in sorted({key.key for key in keys}):
        _lock_key(session, text_key)
    clusters = _StoredClusters(session, {key.key for key in keys}, exclude_article=article_row.id)
    # Decide every event's cluster first (the clusters this article founds are
    # matched in memory), then write the new clusters and the events with one
    # multi-row INSERT ... RETURNING each: no unit-of-work flush per object.
    events: list[dict[str, Any]] = []
    homes: list[tuple[int | None, int | None]] = []  # (stored cluster id, index into ``founded``)
    fresh: list[bool] = []  # the event founded its cluster
    first_done: list[bool] = []
    founded: list[dict[str, Any]] = []
    founders: list[ClusterKey] = []
    for position, (event, key) in enumerate(zip(reported, keys, strict=True)):
        events.append(_event_values(article_row, event, position, published))
        found = clusters.find(key)
        index = None if found is not None else _founded_match(founders, key)
        fresh.append(found is None and index is None)
        if fresh[-1]:
            founded.append(_cluster_values(event, key))
            founders.append(_founder_key(founded[-1]))
            index = len(founded) - 1
        homes.append((found, index))
        # the first done report of the cluster: none from another article, none earlier in this one
        first_done.append(
            event.status == "done"
            and not any(done and home == homes[-1] for done, home in zip(first_done, homes, strict=False))
            and not (found is not None and clusters.has_done_member(found))
        )
    created = list(session.scalars(_returning(Cluster), founded)) if founded else []
    homes_rows = [
        session.get_one(Cluster, found) if found is not None else created[index or 0] for found, index in homes
    ]
    for values, cluster in zip(events, homes_rows, strict=True):
        values["cluster_id"] = cluster.id
    rows = list(session.scalars(_returning(EventRow), events)) if events else []
    stored = [
        StoredEvent(row, cluster, new, done)
        for row, cluster, new, done in zip(rows, homes_rows, fresh, first_done, strict=True)
    ]
    _store_figures(session, article_row, extraction, reported, rows)
    session.info.setdefault(_SESSION_KEY, {})[article_row.id] = stored
    return stored


def extraction_step(session: Session, article_row: Article, article: CleanArticle) -> None:
    """``store_extraction`` as a ``monitor.ingest.AfterStore`` step (which returns nothing)."""
    store_extraction(session, article_row, article)


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


def _store_figures(
    session: Session,
    article_row: Article,
    extraction: Extraction,
    reported: tuple[SigningEvent, ...],
    events: list[EventRow],
) -> None:
    """Every event's figures, then every figure no event claimed (other amounts, non-investment figures), once.

    Written with one Core executemany: figure rows are never read back in
    this transaction, and ORM objects for the dozen figures of an article
    cost more than the rest of the extraction's storing.
    """
    rows = [
        _figure_values(article_row.id, figure, row.id)
        for row, event in zip(events, reported, strict=True)
        for figure in event.figures
    ]
    claimed = {(f.text, f.evidence) for e in reported for f in e.figures}
    rows += [
        _figure_values(article_row.id, figure, None)
        for figure in extraction.figures
        if (figure.text, figure.evidence) not in claimed
    ]
    if rows:
        session.execute(insert(_FIGURES), rows)


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


def _founded_match(founders: list[ClusterKey], key: ClusterKey) -> int | None:
    """The index of a cluster this article founded (newer than every stored one) whose founder matches ``key``.

    Its only members are this article's own events, which never count.
    """
    return next((index for index, founder in enumerate(founders) if same_cluster(key, founder)), None)


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


def _returning(entity: type[Cluster] | type[EventRow]) -> Any:
    """A multi-row ORM INSERT that returns the new rows as objects of this session, in parameter order."""
    return insert(entity).returning(entity, sort_by_parameter_order=True)


# The queries of _StoredClusters, built once: a statement built per call costs
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
_DONE_MEMBER = (
    select(EventRow.id)
    .where(
        EventRow.cluster_id == bindparam("cluster_id"),
        EventRow.status == "done",
        EventRow.article_id != bindparam("exclude"),
    )
    .limit(1)
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
    .where(EventRow.cluster_id.in_(bindparam("ids", expanding=True)), EventRow.article_id != bindparam("exclude"))
    .order_by(EventRow.id)
)
# Members whose date window cannot overlap [first, last] (see _StoredClusters.members).
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


class _StoredClusters:
    """The stored clusters under some keys (read once per article), and their members from other articles.

    The article's own events are never members, so nothing it stores
    changes what its later events find here.
    """

    def __init__(self, session: Session, keys: set[str], *, exclude_article: int) -> None:
        self.session = session
        self.exclude_article = exclude_article
        self.candidates = session.execute(_CANDIDATES, {"keys": sorted(keys)}).all() if keys else []

    def find(self, key: ClusterKey) -> int | None:
        """The id of the oldest stored cluster with this key whose founder or a member event matches ``key``."""
        candidates = [c for c in self.candidates if c.key == key.key]
        for cluster in candidates:
            if same_cluster(key, _cluster_key_of(cluster)):
                return int(cluster.id)
        if not candidates:
            return None
        members = self.members(key, [c.id for c in candidates])
        values = self.member_values(members)
        for cluster in candidates:
            for member in members:
                if member.cluster_id != cluster.id:
                    continue
                published = member.published_at.date() if member.published_at else None
                if same_cluster(key, _member_key(member, values.get(member.id, set()), cluster.key, published)):
                    return int(cluster.id)
        return None

    def has_done_member(self, cluster_id: int) -> bool:
        """True when another article's done event is in the stored cluster ``cluster_id``."""
        found = self.session.scalar(_DONE_MEMBER, {"cluster_id": cluster_id, "exclude": self.exclude_article})
        return found is not None

    def members(self, key: ClusterKey, ids: list[int]) -> list[Any]:
        """The member events from other articles of the clusters ``ids`` that may match ``key``.

        The query leaves out members whose date window cannot overlap
        ``key``'s (with a day to spare beyond ``same_cluster``'s slack);
        ``same_cluster`` decides on the rest.  In a busy province the
        candidates under one key gather many members, most of them other
        years' signings.
        """
        if key.earliest is None or key.latest is None:
            return list(self.session.execute(_MEMBERS, {"ids": ids, "exclude": self.exclude_article}).all())
        first = key.earliest - DAY_SLACK - _SPARE_DAY
        last = key.latest + DAY_SLACK + _SPARE_DAY
        window = {
            "first": first,
            "last": last,
            "published_from": _midnight(first),
            "published_until": _midnight(last + UNDATED_WINDOW + _SPARE_DAY),
        }
        return list(self.session.execute(_MEMBERS_NEAR, {"ids": ids, "exclude": self.exclude_article, **window}).all())

    def member_values(self, members: list[Any]) -> dict[int, set[float]]:
        """The figure values of each member event, by event id."""
        values: dict[int, set[float]] = {}
        if members:
            for event_id, value in self.session.execute(_MEMBER_VALUES, {"ids": [m.id for m in members]}):
                if event_id is not None:
                    values.setdefault(event_id, set()).add(value)
        return values


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
