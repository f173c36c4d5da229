"""A store for the Overview, feed and API tests: signings of our own, stored through the real pipeline.

Each signing is a one-paragraph article that the real extraction reads (its
kind, place, day and investment), filed into clusters by the real storing
transaction; a repost of one signing on a second site joins its cluster.
Hostile titles carry the markup an attacker would put in a scraped page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from starlette.applications import Starlette
from starlette.routing import BaseRoute

from monitor.alerts.policy import AlertPolicy
from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.config import Settings, SourceSettings
from monitor.records import FetchedPage, IngestResult
from monitor.store import Article, CrawlRun, Database, Source
from monitor.text.article import CleanArticle
from monitor.text.byline import BEIJING
from monitor.workbench.app import create_app
from tests.conftest import to_store

# The titles an attacker would plant in a page signwatch scrapes.
SCRIPT_TITLE = '<script>alert("x")</script>宝山签约'
ONERROR_TITLE = '<img src=x onerror="alert(1)">金山签约'
JAVASCRIPT_TITLE = '<a href="javascript:alert(1)">苏州签约</a>'


@dataclass(frozen=True)
class Signing:
    """One signing article of ours: where, when, how much, and its title."""

    place: str  # as the article writes it: 上海市宝山区
    day: date
    amount: str  # 120亿元
    title: str
    source: str = "mirror-zblog"
    planned: bool = False

    def article(self) -> CleanArticle:
        """The signing as a cleaned article published at noon Beijing time on its day."""
        verb = "将举行" if self.planned else "举行"
        text = (
            f"{self.day.month}月{self.day.day}日,{self.place}{verb}重点产业项目集中签约仪式,"
            f"12个项目集中签约,总投资{self.amount}。"
        )
        published = datetime(self.day.year, self.day.month, self.day.day, 12, tzinfo=BEIJING)
        return CleanArticle(title=self.title, paragraphs=(text,), published=published)


def months_before(end: date, months: int, day: int = 10) -> date:
    """The ``day`` of the month ``months`` months before ``end``'s month."""
    index = end.year * 12 + end.month - 1 - months
    return date(index // 12, index % 12 + 1, day)


def store(
    db: Database, archive: Archive, signing: Signing, url: str, policy: AlertPolicy | None = None
) -> IngestResult:
    """Store ``signing`` at ``url`` through the storing transaction, as the crawler's store process does.

    ``policy`` judges which events are news enough to alert on (default: today's, as in production).
    """
    page = FetchedPage(url=url, body=b"<html></html>", fetched_at=datetime.now(UTC))
    [result] = ingest_pages(db, archive, [to_store(page, signing.article(), signing.source)], alert_policy=policy)
    return result


def settings_with_sources(*names: str) -> Settings:
    """Settings that configure ``names`` as generic sources."""
    return Settings(
        sources=[
            SourceSettings(
                name=name, type="generic", start_urls=[f"http://127.0.0.1:9/{name}/"], allowed_domains=["127.0.0.1"]
            )
            for name in names
        ]
    )


def app_with(settings: Settings, db: Database, extra: Sequence[BaseRoute] = ()) -> Starlette:
    """The workbench app on ``db`` as ``signwatch serve`` builds it, with ``extra`` routes ahead of its own."""
    app = create_app(settings, db)
    app.router.routes[:0] = list(extra)
    return app


def days_ago(days: int) -> datetime:
    """A UTC moment ``days`` days ago."""
    return datetime.now(UTC) - timedelta(days=days)


# The period the fixed tests look at: the 24 months July 2023 to June 2025.
END = "2025-06"
# (signing, url): a Baoshan signing and its repost (one cluster), four more inside the period, one before it.
SIGNINGS: tuple[tuple[Signing, str], ...] = (
    (
        Signing("上海市宝山区", date(2025, 3, 5), "120亿元", "宝山区重点项目集中签约", "mirror-a"),
        "http://127.0.0.1/a/1",
    ),
    (Signing("上海市宝山区", date(2025, 3, 5), "120亿元", "转载:宝山区集中签约", "mirror-b"), "http://127.0.0.1/b/1"),
    (Signing("上海市金山区", date(2025, 3, 20), "8000万元", SCRIPT_TITLE, "mirror-a"), "http://127.0.0.1/a/2"),
    (Signing("江苏省苏州市昆山市", date(2024, 11, 8), "50亿元", ONERROR_TITLE, "mirror-a"), "http://127.0.0.1/a/3"),
    (Signing("浙江省杭州市", date(2024, 1, 15), "3.5亿美元", JAVASCRIPT_TITLE, "mirror-a"), "http://127.0.0.1/a/4"),
    (Signing("上海市宝山区", date(2023, 5, 10), "10亿元", "宝山区往年签约", "mirror-old"), "http://127.0.0.1/old/1"),
    (Signing("上海市嘉定区", date(2025, 6, 2), "1.5亿元", "嘉定区项目签约", "mirror-a"), "http://127.0.0.1/a/5"),
)
# Configured: two that store articles, one quiet for 40 days, one that never stored anything.
SOURCES = ("mirror-a", "mirror-b", "mirror-old", "mirror-quiet")


def populate(db: Database, archive: Archive) -> None:
    """Store SIGNINGS, age mirror-old's article by 40 days, and give mirror-b three failed crawls in a row."""
    for signing, url in SIGNINGS:
        assert store(db, archive, signing, url).outcome == "new"
    now = datetime.now(UTC)
    with db.session() as session:
        sources = {source.name: source for source in session.scalars(select(Source))}
        for article in session.scalars(select(Article).where(Article.source_id == sources["mirror-old"].id)):
            article.stored_at = now - timedelta(days=40)
        for hours in (30, 20, 10):
            session.add(
                CrawlRun(
                    source_id=sources["mirror-b"].id,
                    started_at=now - timedelta(hours=hours),
                    finished_at=now - timedelta(hours=hours),
                    status="failed",
                    error_text='HTTP 503 <img src=x onerror="alert(5)">',
                )
            )
