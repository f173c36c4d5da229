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

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from monitor.events.cluster import UNDATED_WINDOW, ClusterKey, cluster_key, same_cluster
from monitor.events.extract import Extraction, extract
from monitor.events.model import Figure, SigningEvent
from monitor.store.event_models import Cluster, EventRow, FigureRow
from monitor.store.models import Article
from monitor.text.article import CleanArticle

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
    session.execute(delete(FigureRow).where(FigureRow.article_id == article_row.id))
    session.execute(delete(EventRow).where(EventRow.article_id == article_row.id))
    published = extraction.published or _published_day(article_row)
    stored: list[StoredEvent] = []
    for position, event in enumerate(extraction.events):
        row = _event_row(article_row, event, position, published)
        key = cluster_key(event, published)
        _lock_key(session, key.key)
        cluster = _find_cluster(session, key, exclude_article=article_row.id)
        new_cluster = cluster is None
        if cluster is None:
            cluster = _new_cluster(event, key)
            session.add(cluster)
        # the first done report of the cluster: none from another article, none earlier in this one
        first_done = (
            event.status == "done"
            and not any(s.first_done and s.cluster is cluster for s in stored)
            and not _has_done_elsewhere(session, cluster, article_row.id)
        )
        row.cluster = cluster
        session.add(row)
        for figure in event.figures:
            session.add(_figure_row(article_row, figure, row))
        session.flush()  # the next event of this article must find this cluster
        stored.append(StoredEvent(row, cluster, new_cluster, first_done))
    _store_loose_figures(session, article_row, extraction)
    session.flush()
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


def _figure_row(article_row: Article, figure: Figure, event: EventRow | None) -> FigureRow:
    return FigureRow(
        article_id=article_row.id,
        event=event,
        text=figure.text,
        value=float(figure.value),
        maximum=float(figure.maximum) if figure.maximum is not None else None,
        currency=figure.currency,
        qualifier=figure.qualifier,
        investment=figure.investment,
        projects=figure.projects,
        evidence=figure.evidence,
    )


def _store_loose_figures(session: Session, article_row: Article, extraction: Extraction) -> None:
    """Every figure no event claimed (other amounts, non-investment figures), once."""
    claimed = {(f.text, f.evidence) for e in extraction.events for f in e.figures}
    for figure in extraction.figures:
        if (figure.text, figure.evidence) not in claimed:
            session.add(_figure_row(article_row, figure, None))


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


def _member_key(event: EventRow, cluster_key_text: str, published: date | None) -> ClusterKey:
    values = frozenset(f.value for f in event.figures)  # the event's own (investment) figures
    earliest, latest = event.date_from, event.date_to
    if earliest is None and published is not None:
        earliest, latest = published - UNDATED_WINDOW, published
    return ClusterKey(
        key=cluster_key_text,
        province=event.province,
        city=event.city,
        county=event.county,
        earliest=earliest,
        latest=latest,
        values=values,
        projects=event.projects,
    )


def _find_cluster(session: Session, key: ClusterKey, *, exclude_article: int) -> Cluster | None:
    """The oldest cluster with this key whose founder or a member event matches ``key``."""
    candidates = session.scalars(select(Cluster).where(Cluster.key == key.key).order_by(Cluster.id)).all()
    for cluster in candidates:
        if same_cluster(key, _cluster_key_of(cluster)):
            return cluster
    for cluster in candidates:
        members = session.execute(
            select(EventRow, Article.published_at)
            .join(Article, EventRow.article_id == Article.id)
            .where(EventRow.cluster_id == cluster.id, EventRow.article_id != exclude_article)
        ).all()
        for member, published_at in members:
            published = published_at.date() if published_at else None
            if same_cluster(key, _member_key(member, cluster.key, published)):
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
