"""From filed events to outbox rows, inside the transaction that stored them, under the alert policy.

``queue_alerts`` is the third step of the storing transaction
(``monitor.archive.ingest``; import and reprocess in ``monitor.archive.analysis``):
it takes what ``monitor.store.filing.file_extractions`` returned and queues
the events an alert is owed for (the first done report of each cluster),
one outbox row per matching subscription per cluster, as the alert policy
(``monitor.alerts.policy``, where the rules are written out) allows: fresh
events only, only to subscriptions created before the event was first
stored, never again what a subscription was alerted for already.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.alerts.alert_event import AlertEvent, Amount
from monitor.alerts.outbox import active_subscriptions, queue_events
from monitor.alerts.policy import AlertPolicy, new_to, news_day
from monitor.events.announcements import INVESTMENT_KIND
from monitor.records import FiledArticle
from monitor.store.alert_models import OutboxRow, Subscription
from monitor.store.event_models import EventRow
from monitor.store.models import Article

# An event as rule 4 of the policy recognises it across versions and re-analyses:
# its kind as written (集中签约, 投资) and its place.
Signature = tuple[str, str | None, str | None, str | None]


def alert_event(event: EventRow, article: Article) -> AlertEvent:
    """The alert subject of a stored event and the article that reported it."""
    amount = None
    if event.investment_value is not None:
        amount = Amount(
            event.investment_value,
            event.investment_max,
            event.currency or "CNY",
            event.qualifier or "exact",
            event.amount_kind,
        )
    site = article.source.name if article.source is not None else ""
    return AlertEvent(
        kind="investment" if event.kind == INVESTMENT_KIND else "signing",
        label=event.kind,
        province=event.province,
        city=event.city,
        county=event.county,
        date=event.date_text or (event.reported_on.isoformat() if event.reported_on else None),
        projects=event.projects,
        amount=amount,
        parties=tuple(event.parties or ()),
        industry=event.industry,
        title=article.title or "",
        source=site,
        news_source=article.news_source or "",
        url=article.url or "",
        evidence=event.evidence,
        cluster_id=event.cluster_id,
        article_id=article.id,
        text=article.clean_text,
    )


def signature(event: EventRow) -> Signature:
    """What makes two reports of one article (or of its versions) the same event for rule 4."""
    return (event.kind, event.province, event.city, event.county)


@dataclass(frozen=True)
class _Candidate:
    """An event that passed rules 1-3, and the subscriptions it may go to."""

    row: Article
    event: EventRow
    takers: list[Subscription]
    sources: tuple[int, ...]  # the articles whose earlier alerts rule 4 looks at


def queue_alerts(
    session: Session,
    filed: Sequence[FiledArticle],
    policy: AlertPolicy | None = None,
    *,
    reanalysis: bool = False,
) -> int:
    """Queue an outbox row per subscription the policy says is owed an alert, per filed event; return the rows added.

    Runs in the caller's transaction, after ``file_extractions`` made
    ``filed``.  ``policy`` carries ``alerts.max_event_age_days`` (default:
    the config's default) and the moment ages are judged at (default: now).
    ``reanalysis`` says the articles were filed before (import's analysis,
    reprocess), so their own earlier alerts count under rule 4; the crawl's
    new articles have none, and the query is saved.
    """
    owed = [(item.row, [stored.event for stored in item.alertable]) for item in filed]
    owed = [(row, events) for row, events in owed if events]
    if not owed:
        return 0
    session.flush()  # events need their cluster ids
    subscriptions = active_subscriptions(session)
    if not subscriptions:
        return 0
    judge = (policy or AlertPolicy()).fixed()
    versions = _earlier_versions(session, [row for row, _ in owed])
    repeated = _done_signatures(session, {version for chain in versions.values() for version, _ in chain})
    candidates: list[_Candidate] = []
    for row, events in owed:
        sources = (*((row.id,) if reanalysis else ()), *(version for version, _ in versions[row.id]))
        for event in events:
            if not judge.is_fresh(news_day(event.reported_on, row.fetched_at)):
                continue  # rule 2: too old by its own date (or of unknown age)
            first = _first_stored(row, signature(event), versions[row.id], repeated)
            takers = [s for s in subscriptions if new_to(s.created_at, first)]  # rule 3
            if takers:
                candidates.append(_Candidate(row, event, takers, sources))
    alerted = _alerted_before(session, {a for c in candidates for a in c.sources})
    added = 0
    for candidate in candidates:
        mark = signature(candidate.event)
        # rule 4 (the cluster half is the outbox's unique key)
        takers = [s for s in candidate.takers if not any((s.id, a, mark) in alerted for a in candidate.sources)]
        if takers:
            added += queue_events(session, [alert_event(candidate.event, candidate.row)], subscriptions=takers)
    return added


def _earlier_versions(session: Session, rows: Iterable[Article]) -> dict[int, list[tuple[int, datetime]]]:
    """Per article, the articles it revises (newest first) with when each was stored; empty for most."""
    chains: dict[int, list[tuple[int, datetime]]] = {}
    for row in rows:
        chain: list[tuple[int, datetime]] = []
        seen = {row.id}
        earlier = row.revision_of_id
        while earlier is not None and earlier not in seen:  # a cycle cannot be written, but must not hang us
            seen.add(earlier)
            found = session.execute(
                select(Article.stored_at, Article.revision_of_id).where(Article.id == earlier)
            ).one_or_none()
            if found is None:
                break
            chain.append((earlier, found.stored_at))
            earlier = found.revision_of_id
        chains[row.id] = chain
    return chains


def _done_signatures(session: Session, article_ids: set[int]) -> dict[int, set[Signature]]:
    """The signatures of the done events of ``article_ids``."""
    if not article_ids:
        return {}
    found: dict[int, set[Signature]] = {}
    query = select(EventRow.article_id, EventRow.kind, EventRow.province, EventRow.city, EventRow.county).where(
        EventRow.article_id.in_(sorted(article_ids)), EventRow.status == "done"
    )
    for article_id, kind, province, city, county in session.execute(query):
        found.setdefault(article_id, set()).add((kind, province, city, county))
    return found


def _first_stored(
    row: Article, mark: Signature, chain: list[tuple[int, datetime]], repeated: dict[int, set[Signature]]
) -> datetime:
    """When an event was first stored: with the oldest version of its article that reported it done, else now."""
    earlier = [stored_at for version, stored_at in chain if mark in repeated.get(version, ())]
    return min([row.stored_at, *earlier])


def _alerted_before(session: Session, article_ids: set[int]) -> set[tuple[int, int, Signature]]:
    """(subscription, article, signature) of every event alert queued from ``article_ids`` (rule 4)."""
    if not article_ids:
        return set()
    # Outbox rows keep their event as a payload; a reprocess deleted the event
    # rows themselves, so the payload is what still says where an alert came from.
    reported_by = OutboxRow.payload["article_id"].as_integer()
    query = select(OutboxRow.subscription_id, OutboxRow.payload).where(
        OutboxRow.kind != "health", reported_by.in_(sorted(article_ids))
    )
    alerted: set[tuple[int, int, Signature]] = set()
    for subscription_id, payload in session.execute(query):
        place = payload.get("place") or {}
        mark = (str(payload.get("label") or ""), place.get("province"), place.get("city"), place.get("county"))
        alerted.add((subscription_id, int(payload["article_id"]), mark))
    return alerted
