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
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select, text
from sqlalchemy.orm import Session

from monitor.events.cluster import UNDATED_WINDOW, ClusterKey, cluster_key, same_cluster
from monitor.events.extract import Extraction, extract
from monitor.events.model import Figure, SigningEvent
from monitor.ingest import is_inserted_here
from monitor.store.event_models import Cluster, EventRow, FigureRow
from monitor.store.models import Article
from monitor.text.article import CleanArticle

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
    session.flush()  # the article row needs its id
    if not is_inserted_here(session, article_row):
        # a re-analysis: an article stored in this transaction has nothing to replace
        session.execute(delete(FigureRow).where(FigureRow.article_id == article_row.id))
        session.execute(delete(EventRow).where(EventRow.article_id == article_row.id))
    published = extraction.published or _published_day(article_row)
    stored: list[StoredEvent] = []
    # Everything is added unflushed and written in one flush at the end (one
    # multi-row INSERT per table instead of a flush per event); the clusters
    # this article founds are matched in memory meanwhile.
    founded: list[tuple[Cluster, ClusterKey]] = []
    with session.no_autoflush:
        for position, event in enumerate(extraction.events):
            row = _event_row(article_row, event, position, published)
            key = cluster_key(event, published)
            _lock_key(session, key.key)
            cluster = _find_cluster(session, key, exclude_article=article_row.id, founded=founded)
            new_cluster = cluster is None
            if cluster is None:
                cluster = _new_cluster(event, key)
                founded.append((cluster, _cluster_key_of(cluster)))
                session.add(cluster)
            # the first done report of the cluster: none from another article, none earlier in this one
            first_done = (
                event.status == "done"
                and not any(s.first_done and s.cluster is cluster for s in stored)
                and not _has_done_elsewhere(session, cluster, article_row.id)
            )
            row.cluster = cluster
            session.add(row)
            stored.append(StoredEvent(row, cluster, new_cluster, first_done))
    session.flush()  # events and clusters, one INSERT per table; the figures need the events' ids
    _store_figures(session, article_row, extraction, [s.event for s in stored])
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
    return article_row.published_at.date() if article_row.published_at else None


def _lead_figure(figures: tuple[Figure, ...]) -> Figure | None:
    """The event's headline figure: its largest investment amount (as the cluster key uses)."""
    return max(figures, key=lambda f: f.value, default=None)


def _event_row(article_row: Article, event: SigningEvent, position: int, published: date | None) -> EventRow:
    lead = _lead_figure(event.figures)
    return EventRow(
        article_id=article_row.id,
        position=position,
        kind=event.kind,
        status=event.status,
        province=event.place.province,
        city=event.place.city,
        county=event.place.county,
        date_text=event.date.to_json() if event.date else None,
        date_from=event.date.earliest if event.date else None,
        date_to=event.date.latest if event.date else None,
        reported_on=event.date.latest if event.date else published,
        parties=list(event.parties),
        projects=event.projects,
        parts=[part.to_json() for part in event.parts],
        investment_value=float(lead.value) if lead else None,
        investment_max=float(lead.maximum) if lead and lead.maximum is not None else None,
        qualifier=lead.qualifier if lead else None,
        currency=lead.currency if lead else None,
        evidence=event.evidence,
    )


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


def _store_figures(session: Session, article_row: Article, extraction: Extraction, events: list[EventRow]) -> None:
    """Every event's figures, then every figure no event claimed (other amounts, non-investment figures), once.

    Written with one Core executemany: figure rows are never read back in
    this transaction, and ORM objects for the dozen figures of an article
    cost more than the rest of the extraction's storing.
    """
    rows = [
        _figure_values(article_row.id, figure, row.id)
        for row, event in zip(events, extraction.events, strict=True)
        for figure in event.figures
    ]
    claimed = {(f.text, f.evidence) for e in extraction.events for f in e.figures}
    rows += [
        _figure_values(article_row.id, figure, None)
        for figure in extraction.figures
        if (figure.text, figure.evidence) not in claimed
    ]
    if rows:
        session.execute(insert(_FIGURES), rows)


def _new_cluster(event: SigningEvent, key: ClusterKey) -> Cluster:
    lead = _lead_figure(event.figures)
    return Cluster(
        key=key.key,
        kind=event.kind,
        province=event.place.province,
        city=event.place.city,
        county=event.place.county,
        date_text=event.date.to_json() if event.date else None,
        window_from=key.earliest,
        window_to=key.latest,
        projects=event.projects,
        figure_values=sorted(float(v) for v in key.values),
        investment_value=float(lead.value) if lead else None,
        investment_max=float(lead.maximum) if lead and lead.maximum is not None else None,
        qualifier=lead.qualifier if lead else None,
        currency=lead.currency if lead else None,
    )


def _cluster_key_of(cluster: Cluster) -> ClusterKey:
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


def _member_key(member: Any, values: set[float], cluster_key_text: str, published: date | None) -> ClusterKey:
    """The key a stored member event would match with (``member``: a row of ``_find_cluster``'s query)."""
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


def _find_cluster(
    session: Session, key: ClusterKey, *, exclude_article: int, founded: list[tuple[Cluster, ClusterKey]]
) -> Cluster | None:
    """The oldest cluster with this key whose founder or a member event matches ``key``.

    ``founded`` holds the clusters the current article created and has not
    flushed yet (they are newer than every stored one); their only members
    are this article's own events, which never count.
    """
    candidates = session.scalars(select(Cluster).where(Cluster.key == key.key).order_by(Cluster.id)).all()
    for cluster in candidates:
        if same_cluster(key, _cluster_key_of(cluster)):
            return cluster
    for cluster, founder in founded:
        if cluster.key == key.key and same_cluster(key, founder):
            return cluster
    if not candidates:
        return None
    # every candidate's members (other articles' events) and their figures in two queries
    by_id = {cluster.id: cluster for cluster in candidates}
    members = session.execute(
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
        .where(EventRow.cluster_id.in_(list(by_id)), EventRow.article_id != exclude_article)
        .order_by(EventRow.id)
    ).all()
    if not members:
        return None
    values: dict[int, set[float]] = {}
    for event_id, value in session.execute(
        select(FigureRow.event_id, FigureRow.value).where(FigureRow.event_id.in_([m.id for m in members]))
    ):
        if event_id is not None:
            values.setdefault(event_id, set()).add(value)
    for cluster in candidates:
        for member in members:
            if member.cluster_id != cluster.id:
                continue
            published = member.published_at.date() if member.published_at else None
            if same_cluster(key, _member_key(member, values.get(member.id, set()), cluster.key, published)):
                return cluster
    return None


def _has_done_elsewhere(session: Session, cluster: Cluster, article_id: int) -> bool:
    if cluster.id is None:
        return False
    found = session.scalar(
        select(EventRow.id)
        .where(EventRow.cluster_id == cluster.id, EventRow.status == "done", EventRow.article_id != article_id)
        .limit(1)
    )
    return found is not None


def _lock_key(session: Session, key: str) -> None:
    """Serialise cluster creation for one key across workers (PostgreSQL only; see the module doc)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    # a stable signed 64-bit number: Python's hash() changes between processes
    number = int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big", signed=True)
    session.execute(text("SELECT pg_advisory_xact_lock(:number)"), {"number": number})
