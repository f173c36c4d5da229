"""Filing an article's extraction: its events, figures and their clusters.

``file_extractions`` is the second step of the storing transaction
(``monitor.archive.ingest``; reprocess and import in ``monitor.archive.analysis``):
it takes the articles the first step stored, each with the extraction made
beside its cleaning, replaces each re-analysed article's previous events and
figures, and files every event under a cluster (``monitor.store.cluster_index``
decides which).  It returns, per article, the stored events and whether each
is the first *done* report of its cluster, which is what the third step,
alert queueing, is owed.

Each placement is recorded in the cluster's ``evidence``: which event the
new one matched and which fields matched, and how (or that it founded the
cluster, or joined with an earlier event of its own article).  A
re-analysis drops the entries of the events it replaces.

Concurrency: two workers storing two reposts at once could both miss the
other's cluster and create two.  On PostgreSQL transaction-scoped advisory
locks serialise them: a batch takes its events' provinces exclusively and
the lock of "no province" shared, or exclusively when one of its events
names no province (such an event may match a cluster of any province, and a
cluster with no province may be matched from any).  Batches of different
provinces file side by side.  SQLite's ``BEGIN IMMEDIATE`` already lets
only one writer in at a time.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from sqlalchemy import BigInteger, Boolean, Select, Table, bindparam, delete, insert, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from monitor.events.cluster import group_events
from monitor.events.cluster_facts import facts_of
from monitor.events.model import Figure, SigningEvent
from monitor.records import FiledArticle, StoredArticle, StoredEvent
from monitor.store.cluster_index import ClusterIndex, FilingPlan, Home, lead_figure
from monitor.store.event_models import Cluster, EventRow, FigureRow
from monitor.store.ids import hold_ids, reserve_ids
from monitor.store.models import Article, ArticlePlace
from monitor.store.project_filing import file_projects
from monitor.store.project_models import EventParty
from monitor.store.search_index import index_events
from monitor.text.byline import BEIJING

# The tables, for Core inserts.
_CLUSTERS = cast(Table, Cluster.__table__)
_EVENTS = cast(Table, EventRow.__table__)
_FIGURES = cast(Table, FigureRow.__table__)
_EVENT_PARTIES = cast(Table, EventParty.__table__)
_PLACES = cast(Table, ArticlePlace.__table__)


def file_extractions(
    session: Session, articles: Sequence[StoredArticle], *, later: frozenset[int] = frozenset()
) -> list[FiledArticle]:
    """File each article's extraction (events, figures, clusters) in the session's transaction; one result each.

    The result is the same as filing them one after another: an article's
    events may join the clusters the articles before it founded or joined.
    A re-analysed article meets no previous events of the articles awaiting
    re-analysis, its own and the batch's included (``ClusterIndex``: they
    are stale), nor those of the articles before it (``ClusterIndex.place``
    retires them): a reprocess files each article against what was filed
    before it, as the crawl did, and a cluster it founds again keeps the id
    its previous events founded.
    The clusters are decided in memory (the stored ones under every key of
    the batch are read once), then the new clusters, the events and the
    figures are written with one statement each.  An article with an event
    no date bounds is filed on its own between the runs of the others: such
    an event is compared with the store's newest clusters, which every
    article before it may change.  ``later``: the re-analysed articles of
    the same transaction filed after these (their previous events are stale
    too, though their rows are already marked analysed).
    """
    session.flush()  # the article rows need their ids
    plans = [_plan(item) for item in articles]
    # Every lock the batch needs, in one ordered statement before any run of it is filed: a transaction
    # that took one run's provinces and then another's could deadlock with one that took them the other
    # way round.  (The runs take them again: a lock the transaction holds is granted at once.)
    _lock_provinces(session, _provinces(plans))
    if len(articles) > 1 and any(_unbounded(plan) for plan in plans):
        runs = _runs(articles, plans)
        results: list[FiledArticle] = []
        for number, run in enumerate(runs):
            after = {item.row.id for rest in runs[number + 1 :] for item in rest if not item.inserted}
            results += file_extractions(session, run, later=later | after)
        return results
    # Reserved before a re-analysis deletes the old events: an id once shown is never given to another event.
    event_ids = reserve_ids(session, _EVENTS, sum(len(plan.reported) for plan in plans))
    # Read before the old events go: a re-analysed article founds again the clusters its previous events founded.
    replaced = [item.row.id for item in articles if not item.inserted]
    index = ClusterIndex(session, plans, reanalysis=bool(replaced), later=later)
    # the clusters holding the replaced events: their evidence entries go with them
    dropped = {c for c in session.scalars(_CLUSTERS_OF, {"articles": replaced}) if c is not None} if replaced else set()
    if replaced:
        hold_ids(session, [_FIGURES, _EVENT_PARTIES])  # the rows deleted now give no new row their id
        session.execute(delete(FigureRow).where(FigureRow.article_id.in_(replaced)))
        session.execute(delete(EventRow).where(EventRow.article_id.in_(replaced)))
        session.execute(delete(ArticlePlace).where(ArticlePlace.article_id.in_(replaced)))
    # where each article is (a page that reports no event too): the Article page shows it
    places = [
        {"article_id": item.row.id, "province": p.province, "city": p.city, "county": p.county}
        for item in articles
        if (p := item.extraction.place).names
    ]
    if places:
        session.execute(insert(_PLACES), places)
    placements = []
    start = 0
    for plan in plans:
        placements.append(index.place(plan, event_ids[start : start + len(plan.reported)]))
        start += len(plan.reported)
    for number, values in enumerate(index.founded):
        values["evidence"] = index.evidence.get(Home(False, number), [])
    created = [Cluster(**values) for values in _insert_rows(session, _CLUSTERS, index.founded)]
    found_ids = sorted({p.home.id for placed in placements for p in placed if p.home.stored})
    touched = sorted({*found_ids, *dropped})
    found = {c.id: c for c in session.scalars(_joined_clusters(touched))} if touched else {}
    gone = set(replaced)
    for cluster_id, values in index.refounded.items():  # founded again: the founding event's summary
        for column, value in values.items():
            if column != "evidence":
                setattr(found[cluster_id], column, value)
    for cluster_id, cluster in found.items():
        kept = [entry for entry in cluster.evidence or [] if entry.get("article") not in gone]
        # a new list: the JSON column is written when it is assigned, not when a stored list is changed in place
        cluster.evidence = [*kept, *index.evidence.get(Home(True, cluster_id), [])]
    homes = [found[p.home.id] if p.home.stored else created[p.home.id] for placed in placements for p in placed]
    events = [
        _event_values(plan.article_row, event, position, plan.published)
        for plan in plans
        for position, event in enumerate(plan.reported)
    ]
    for values, cluster in zip(events, homes, strict=True):
        values["cluster_id"] = cluster.id
    rows = [EventRow(**values) for values in _insert_rows(session, _EVENTS, events, event_ids)]
    # each event's own search terms (the Events page's free text reads them, monitor.store.search_index)
    titles = [plan.article_row.title for plan in plans for _ in plan.reported]
    index_events(session, [(row.id, title, row.evidence) for row, title in zip(rows, titles, strict=True)])
    figures: list[dict[str, Any]] = []
    filed: list[FiledArticle] = []
    start = 0
    for item, plan, placed in zip(articles, plans, placements, strict=True):
        mine = rows[start : start + len(placed)]
        stored = [
            StoredEvent(row, cluster, place.fresh, place.first_done)
            for row, cluster, place in zip(mine, homes[start : start + len(placed)], placed, strict=True)
        ]
        start += len(placed)
        figures += _figure_rows(item, plan, mine)
        filed.append(FiledArticle(item.row, stored))
    if figures:
        # Core executemany: figure rows are never read back in this transaction,
        # and ORM objects for every figure would cost more than the rest.
        _insert_rows(session, _FIGURES, figures)
    # the events' parties and industry, and the projects' stages (issue 18)
    return file_projects(session, articles, filed)


def _plan(item: StoredArticle) -> FilingPlan:
    """What an article's extraction reports, with the cluster key of each event (no database work)."""
    extraction = item.extraction
    # extract() made the events, 投资 announcements too: what signwatch extract shows is what is filed.
    reported = extraction.reported
    published = extraction.published or _published_day(item.row)
    facts = [facts_of(event, published) for event in reported]
    return FilingPlan(item.row, reported, published, facts, group_events(facts))


def _unbounded(plan: FilingPlan) -> bool:
    """Whether one of the article's events has no window of dates (``lookup_buckets`` is None for it)."""
    return any(facts.window is None for facts in plan.group_facts())


def _runs(articles: Sequence[StoredArticle], plans: Sequence[FilingPlan]) -> list[list[StoredArticle]]:
    """The batch in order, as runs of articles whose events all have dates and single articles that have not."""
    runs: list[list[StoredArticle]] = []
    alone = True  # whether the last run is a single article that must stay alone
    for item, plan in zip(articles, plans, strict=True):
        if alone or _unbounded(plan):
            runs.append([item])
            alone = _unbounded(plan)
        else:
            runs[-1].append(item)
    return runs


def _published_day(article_row: Article) -> date | None:
    # Stored times are UTC; the day an article was published is Beijing's day.
    return article_row.published_at.astimezone(BEIJING).date() if article_row.published_at else None


def _event_values(article_row: Article, event: SigningEvent, position: int, published: date | None) -> dict[str, Any]:
    """An events row as column values (its cluster_id is filled in once the cluster is written)."""
    lead = lead_figure(amount_figures(event.figures))
    return {
        "article_id": article_row.id,
        "source_id": article_row.source_id,  # the Events page's source filter reads it off the event
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
        "amount_kind": lead.kind if lead else None,
        "evidence": event.evidence,
    }


def amount_figures(figures: Sequence[Figure]) -> tuple[Figure, ...]:
    """The figures an event's amount is chosen among: investment kinds, never a project-size bracket."""
    return tuple(f for f in figures if f.investment and not f.bracket)


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
        "amount_kind": figure.kind,
        "bracket": figure.bracket,
        "projects": figure.projects,
        "evidence": figure.evidence,
    }


def _figure_rows(item: StoredArticle, plan: FilingPlan, events: list[EventRow]) -> list[dict[str, Any]]:
    """Every event's figures, then every figure no event claimed (other amounts, non-investment figures), once."""
    article_id = item.row.id
    rows = [
        _figure_values(article_id, figure, row.id)
        for row, event in zip(events, plan.reported, strict=True)
        for figure in event.figures
    ]
    # Counted, not a set: one amount written twice in a sentence is two figures, and
    # an event that claims one of them leaves the other to be stored on its own.
    claimed = Counter((f.text, f.evidence) for e in plan.reported for f in e.figures)
    for figure in item.extraction.figures:
        key = (figure.text, figure.evidence)
        if claimed[key]:
            claimed[key] -= 1
        else:
            rows.append(_figure_values(article_id, figure, None))
    return rows


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


def lock_provinces_of(session: Session, articles: Sequence[StoredArticle]) -> None:
    """Take the cluster locks ``file_extractions`` takes for ``articles``, for a caller filing them in several calls.

    One transaction filing articles in several calls must hold every province
    lock before the first (the projects' lock comes after them in each call):
    locks taken call by call are taken in no one order across writers.
    """
    session.flush()
    _lock_provinces(session, _provinces([_plan(item) for item in articles]))


def _provinces(plans: Sequence[FilingPlan]) -> set[str]:
    """The provinces the plans' events name, ``_NO_PROVINCE`` for an event that names none."""
    return {facts.province or _NO_PROVINCE for plan in plans for facts in plan.group_facts()}


def _lock_provinces(session: Session, provinces: set[str]) -> None:
    """Serialise cluster filing per province across workers (PostgreSQL only; see the module doc).

    ``provinces``: those the batch's events name, ``_NO_PROVINCE`` for an event that names none.
    """
    if not provinces or session.get_bind().dialect.name != "postgresql":
        return
    # stable signed 64-bit numbers (Python's hash() changes between processes), taken
    # in one order by every writer, so two writers' locks cannot deadlock
    shared = _NO_PROVINCE not in provinces
    locks = sorted({(_lock_number(name), False) for name in provinces} | {(_lock_number(_NO_PROVINCE), shared)})
    session.execute(_LOCK, {"numbers": [n for n, _ in locks], "shared": [s for _, s in locks]})


def _lock_number(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(f"cluster:{name}".encode(), digest_size=8).digest(), "big", signed=True)


_CLUSTERS_OF = (
    select(EventRow.cluster_id)
    .where(EventRow.article_id.in_(bindparam("articles", expanding=True)), EventRow.cluster_id.is_not(None))
    .distinct()
)
# The lock of events that name no province (a bucket's province is '-' for them).
_NO_PROVINCE = "-"
_LOCK = text(
    "SELECT CASE WHEN shared THEN pg_advisory_xact_lock_shared(number) ELSE pg_advisory_xact_lock(number) END"
    " FROM (SELECT unnest(:numbers) AS number, unnest(:shared) AS shared ORDER BY number) AS locks"
).bindparams(bindparam("numbers", type_=ARRAY(BigInteger)), bindparam("shared", type_=ARRAY(Boolean)))


def _joined_clusters(ids: list[int]) -> Select[Cluster]:
    """The stored clusters whose evidence a batch changes, locked until commit (in id order) and read afresh.

    Batches of two provinces may join one cluster with no province at once:
    the row lock (PostgreSQL; SQLite has one writer) makes the second append
    its evidence to what the first wrote instead of writing over it.
    """
    return (
        select(Cluster)
        .where(Cluster.id.in_(ids))
        .order_by(Cluster.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
