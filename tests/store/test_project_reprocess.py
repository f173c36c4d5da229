"""`signwatch reprocess` fills the projects, parties, industries and stages of articles stored before; no old alert."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update

from monitor.alerts.policy import AlertPolicy
from monitor.archive.analysis import analyse_pending, mark_all_pending
from monitor.archive.files import Archive
from monitor.records import FetchedPage
from monitor.store import Database
from monitor.store.alert_models import OutboxRow, Subscription
from monitor.store.event_models import EventRow
from monitor.store.project_models import EventParty, Project, ProjectStage
from tests.conftest import store_page
from tests.events.events_seedtext import article_from_text
from tests.store.test_project_filing import PASSAGES

FILED = ["ic-city-signed", "chip-city-groundbreaking", "chip-city-repost", "shayang-batch", "jiangzhong-groundbreaking"]


def _state(db: Database) -> tuple[dict[str, list[str]], set[tuple[str, str]], set[str | None]]:
    """Each project's stages, every event party, every event industry."""
    with db.session() as session:
        projects = {p.name: sorted(s.stage for s in p.stages) for p in session.scalars(select(Project))}
        parties = {(row.name, row.role) for row in session.scalars(select(EventParty))}
        industries = set(session.scalars(select(EventRow.industry)))
    return projects, parties, industries


def test_reprocess_fills_what_articles_stored_before_never_had(db: Database, archive: Archive) -> None:
    with db.session() as session:  # a subscription for everything: nothing here is recent enough to alert
        session.add(Subscription(name="all", target="json://127.0.0.1/x"))
    for name in FILED:
        title, published, text = PASSAGES[name]
        article = article_from_text(text, title=title, published=datetime.fromisoformat(published).replace(tzinfo=UTC))
        page = FetchedPage(
            url=f"http://127.0.0.1/{name}", body=article.canonical_text.encode(), fetched_at=datetime.now(UTC)
        )
        store_page(db, archive, page, article, "test")
    filed = _state(db)
    assert filed[0] and filed[1] and filed[2] - {None}
    with db.session() as session:
        # as a database upgraded to 0007 holds them: no projects, parties or industries yet
        session.execute(delete(ProjectStage))
        session.execute(delete(Project))
        session.execute(delete(EventParty))
        session.execute(update(EventRow).values(industry=None))
        session.execute(delete(OutboxRow))
    assert _state(db) == ({}, set(), {None})
    mark_all_pending(db)
    policy = AlertPolicy(max_event_age_days=30, now=datetime(2026, 12, 2, tzinfo=UTC))
    assert analyse_pending(db, workers=1, alert_policy=policy) == len(FILED)
    assert _state(db) == filed
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(OutboxRow)) == 0
