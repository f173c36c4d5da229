"""Investment figures no signing carries become 投资 events, stored, clustered and alerted once."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from monitor.alerts.dispatch import deliver_due
from monitor.alerts.policy import AlertPolicy
from monitor.alerts.subscriptions import SubscriptionSpec, add_subscription
from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.config import Settings
from monitor.demo.sink import AlertSink
from monitor.events import extract
from monitor.events.announcements import INVESTMENT_KIND, investment_announcements
from monitor.records import FetchedPage
from monitor.store import Database
from monitor.store.event_models import EventRow
from monitor.text import clean_text
from tests.conftest import seed_text, to_store


def test_seed_002_investment_figure_is_an_announcement_not_a_signing() -> None:
    article = clean_text(seed_text(2))
    extraction = extract(article)
    assert extraction.signing is False  # `signwatch extract` is unchanged
    (announcement,) = investment_announcements(extraction, article)
    assert announcement.kind == INVESTMENT_KIND and announcement.status == "done"
    assert announcement.projects == 24
    assert [f.value for f in announcement.figures] == [21000000000]
    assert announcement.place.county == "嘉定区"


def test_seed_000_figures_are_all_carried_by_its_signing() -> None:
    article = clean_text(seed_text(0))
    assert investment_announcements(extract(article), article) == []


def test_investment_subscriber_is_alerted_signing_only_subscriber_is_not(db: Database, archive: Archive) -> None:
    # Seed 002 as a crawl stores it: fetched in January 2022, its relative date
    # (9个月前 (09-24)) makes it published 2021-09-21, and the alert policy is
    # judged the day after, when it was news.
    fetched = datetime(2022, 1, 10, tzinfo=UTC)
    article = clean_text(seed_text(2), fetched=fetched)
    page = FetchedPage(url="http://127.0.0.1/002.html", body=seed_text(2).encode(), fetched_at=fetched)
    news_day = AlertPolicy(now=datetime(2021, 9, 22, tzinfo=UTC))
    with AlertSink() as sink:
        with db.session() as session:
            add_subscription(session, SubscriptionSpec(name="money", target=sink.url("money"), kinds=("investment",)))
            add_subscription(
                session,
                SubscriptionSpec(name="deals", target=sink.url("deals"), kinds=("signing",), places=("嘉定区",)),
            )
        ingest_pages(db, archive, [to_store(page, article, "seeds")], alert_policy=news_day)
        with db.session() as session:
            jiading = session.scalars(select(EventRow).where(EventRow.county == "嘉定区")).all()
            assert [(e.kind, e.projects, e.investment_value) for e in jiading] == [(INVESTMENT_KIND, 24, 21000000000)]
        deliver_due(db, Settings())
        money = [m.body for m in sink.received("money")]
        assert any("嘉定区" in body and "210亿元" in body for body in money)
        assert sink.received("deals") == []  # no signing in 嘉定区
