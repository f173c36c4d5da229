"""Investment figures no signing carries become 投资 events, stored, clustered and alerted once."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from monitor.alerts.dispatch import deliver_due
from monitor.alerts.subscriptions import SubscriptionSpec, add_subscription
from monitor.archive.analysis import analyse_pending
from monitor.archive.files import Archive
from monitor.archive.importer import import_archive
from monitor.config import Settings
from monitor.demo.sink import AlertSink
from monitor.events import extract
from monitor.events.announcements import INVESTMENT_KIND, investment_announcements
from monitor.store import Database
from monitor.store.event_models import EventRow
from monitor.text import clean_text
from tests.conftest import seed_text


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


def test_investment_subscriber_is_alerted_signing_only_subscriber_is_not(
    db: Database, archive: Archive, seeds_dir: Path
) -> None:
    with AlertSink() as sink:
        with db.session() as session:
            add_subscription(session, SubscriptionSpec(name="money", target=sink.url("money"), kinds=("investment",)))
            add_subscription(
                session,
                SubscriptionSpec(name="deals", target=sink.url("deals"), kinds=("signing",), places=("嘉定区",)),
            )
        import_archive(db, archive, seeds_dir)
        analyse_pending(db)
        with db.session() as session:
            jiading = session.scalars(select(EventRow).where(EventRow.county == "嘉定区")).all()
            assert [(e.kind, e.projects, e.investment_value) for e in jiading] == [(INVESTMENT_KIND, 24, 21000000000)]
        deliver_due(db, Settings())
        money = [m.body for m in sink.received("money")]
        assert any("嘉定区" in body and "210亿元" in body for body in money)
        assert sink.received("deals") == []  # no signing in 嘉定区
