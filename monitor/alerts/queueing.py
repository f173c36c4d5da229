"""From stored events to outbox rows, inside the transaction that stored them.

``alert_step`` is the after-store step that follows the events' extraction
step in ``monitor.pipeline``: it takes the events an alert is owed for (the
first done report of each cluster) and queues them.  ``queue_alerts`` is the
same for callers holding event rows (import, reprocess).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy.orm import Session

from monitor.alerts.alert_event import AlertEvent, Amount
from monitor.alerts.outbox import active_subscriptions, queue_events
from monitor.archive.ingest import StoredArticle
from monitor.events.announcements import INVESTMENT_KIND
from monitor.store.alert_models import Subscription
from monitor.store.event_models import EventRow
from monitor.store.filing import new_cluster_events
from monitor.store.models import Article

# session.info: the enabled subscriptions, once read in this transaction.
_SUBSCRIPTIONS_KEY = "signwatch.subscriptions"


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


def queue_alerts(session: Session, article_row: Article, event_rows: Iterable[EventRow]) -> int:
    """Queue one outbox row per matching subscription per event cluster; return the rows added.

    Runs in the caller's transaction; a cluster already alerted to a
    subscription (a repost) adds nothing.
    """
    rows = list(event_rows)
    if not rows:
        return 0
    session.flush()  # events need their cluster ids
    return queue_events(session, [alert_event(row, article_row) for row in rows], subscriptions=_subscriptions(session))


def _subscriptions(session: Session) -> list[Subscription]:
    """The enabled subscriptions, read once per transaction (a batch of articles shares them)."""
    found: list[Subscription] | None = session.info.get(_SUBSCRIPTIONS_KEY)
    if found is None:
        found = session.info[_SUBSCRIPTIONS_KEY] = active_subscriptions(session)
    return found


def alert_step(session: Session, articles: Sequence[StoredArticle]) -> None:
    """``queue_alerts`` as a ``monitor.archive.ingest.AfterStore`` step, after the events' extraction step."""
    for item in articles:
        queue_alerts(session, item.row, [stored.event for stored in new_cluster_events(session, item.row)])
