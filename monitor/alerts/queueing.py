"""From filed events to outbox rows, inside the transaction that stored them.

``queue_alerts`` is the third step of the storing transaction
(``monitor.archive.ingest``; import and reprocess in ``monitor.archive.analysis``):
it takes what ``monitor.store.filing.file_extractions`` returned and queues
the events an alert is owed for (the first done report of each cluster),
one outbox row per matching subscription per cluster.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from monitor.alerts.alert_event import AlertEvent, Amount
from monitor.alerts.outbox import active_subscriptions, queue_events
from monitor.events.announcements import INVESTMENT_KIND
from monitor.records import FiledArticle
from monitor.store.event_models import EventRow
from monitor.store.models import Article


def alert_event(event: EventRow, article: Article) -> AlertEvent:
    """The alert subject of a stored event and the article that reported it."""
    amount = None
    if event.investment_value is not None:
        amount = Amount(
            event.investment_value, event.investment_max, event.currency or "CNY", event.qualifier or "exact"
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
        title=article.title or "",
        source=site,
        news_source=article.news_source or "",
        url=article.url or "",
        evidence=event.evidence,
        cluster_id=event.cluster_id,
        article_id=article.id,
        text=article.clean_text,
    )


def queue_alerts(session: Session, filed: Sequence[FiledArticle]) -> int:
    """Queue an outbox row per matching subscription for each event an alert is owed for; return the rows added.

    Runs in the caller's transaction, after ``file_extractions`` made
    ``filed``.  The enabled subscriptions are read once for the whole batch;
    a cluster already alerted to a subscription (a repost) adds nothing.
    """
    owed = [(item.row, [stored.event for stored in item.alertable]) for item in filed]
    if not any(events for _, events in owed):
        return 0
    session.flush()  # events need their cluster ids
    subscriptions = active_subscriptions(session)
    return sum(
        queue_events(session, [alert_event(event, row) for event in events], subscriptions=subscriptions)
        for row, events in owed
        if events
    )
