"""The alert policy, case by case: fresh events only, only to subscriptions older than the event, never twice.

Each case is a story run through the real storing transaction, import and
reprocess on SQLite and PostgreSQL: subscriptions made before or after the
event was first stored, events inside or outside ``max_event_age_days``,
then a crawl, an import, a revision or a reprocess; the outbox then holds
exactly the alerts the policy owes.  Ages are judged at ``NOW`` (a fixed
moment), so no case depends on the day the tests run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from monitor.alerts.policy import AlertPolicy, news_day
from monitor.archive.analysis import analyse_pending, mark_all_pending
from monitor.archive.files import Archive
from monitor.archive.importer import file_hash, import_archive
from monitor.archive.ingest import ingest_pages
from monitor.demo.sink import AlertSink
from monitor.demo.tour import run_demo
from monitor.records import FetchedPage
from monitor.store import Database
from monitor.store.alert_models import OutboxRow, Subscription
from monitor.store.event_models import Cluster, EventRow
from monitor.text import clean_html
from monitor.text.byline import BEIJING
from tests.alerts.alerts_helpers import json_of, signwatch, subscribe
from tests.conftest import to_store

NOW = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)  # noon in Beijing
TODAY = NOW.astimezone(BEIJING).date()
POLICY = AlertPolicy(max_event_age_days=14, now=NOW)
SINK = "json://127.0.0.1:9/policy"  # never delivered to here: the outbox is what is checked


@dataclass(frozen=True)
class Signing:
    """A signing to report: how many days before NOW it happened (None: no date anywhere), where, how much."""

    days_ago: int | None
    county: str = "金山区"
    amount: str = "86亿元"
    published_days_ago: int | None = None  # when the article appeared (default: the day of the signing)

    @property
    def day(self) -> date | None:
        return None if self.days_ago is None else TODAY - timedelta(days=self.days_ago)

    @property
    def published(self) -> datetime | None:
        ago = self.published_days_ago if self.published_days_ago is not None else self.days_ago
        if ago is None:
            return None
        return datetime.combine(TODAY - timedelta(days=ago), datetime.min.time(), tzinfo=BEIJING).replace(hour=10)

    @property
    def sentence(self) -> str:
        when = f"{self.day.month}月{self.day.day}日," if self.day else ""
        return f"{when}上海市{self.county}举行重点产业项目集中签约仪式,12个项目集中签约,总投资{self.amount}。"

    @property
    def title(self) -> str:
        return f"{self.county}重点项目集中签约 总投资{self.amount}"

    def page(self) -> bytes:
        """The signing as a news site serves it: reprocess cleans this page again."""
        dateline = f"{self.published:%Y-%m-%d %H:%M} " if self.published else ""
        return (
            f'<html><head><meta charset="utf-8"><title>{self.title}</title></head><body><div class="article">'
            f'<h1>{self.title}</h1><div class="info">{dateline}来源:测试</div>'
            f'<div class="content"><p>{self.sentence}</p></div></div></body></html>'
        ).encode()

    def archive_file(self) -> str:
        """The signing as a file of an archive in the seed format (title, date line, text)."""
        dateline = f"{self.published:%Y-%m-%d %H:%M} 来源:测试\n" if self.published else ""
        return f"{self.title}\n{dateline}{self.sentence}\n"


FRESH = Signing(1)
FRESH_ELSEWHERE = Signing(1, county="宝山区", amount="40亿元")
STALE = Signing(15)


class Story:
    """Steps of a case, run against one store."""

    def __init__(self, db: Database, archive: Archive, tmp_path: Path) -> None:
        self.db, self.archive, self.tmp_path = db, archive, tmp_path
        self.imports = 0

    def subscribe(self, name: str) -> None:
        subscribe(self.db, name, f"{SINK}/{name}")

    def crawl(self, signing: Signing, url: str = "https://jinshan.example/1.html", fetched: datetime = NOW) -> str:
        body = signing.page()
        page = FetchedPage(url=url, body=body, fetched_at=fetched)
        article = clean_html(body, url=url, fetched=fetched)
        assert article.paragraphs == (signing.sentence,)
        [result] = ingest_pages(self.db, self.archive, [to_store(page, article, "policy-site")], alert_policy=POLICY)
        return result.outcome

    def import_file(self, signing: Signing) -> None:
        folder = self.tmp_path / f"import-{self.imports}"
        folder.mkdir()
        data = signing.archive_file().encode("utf-8")
        (folder / f"{900 + self.imports:03d}_{file_hash(data)}.txt").write_bytes(data)
        self.imports += 1
        assert import_archive(self.db, self.archive, folder).new == 1
        analyse_pending(self.db, workers=1, alert_policy=POLICY)

    def reprocess(self) -> None:
        before = self.events()
        mark_all_pending(self.db)
        analyse_pending(self.db, workers=1, alert_policy=POLICY)
        assert self.events() == before  # the same events found again from the stored pages

    def events(self) -> list[tuple[int, str | None, float | None]]:
        with self.db.session() as session:
            rows = session.execute(select(EventRow.article_id, EventRow.county, EventRow.investment_value))
            return sorted((article, county, value) for article, county, value in rows)

    def recluster(self) -> None:
        """Make the stored clusters unfindable, as a changed extractor would: a reprocess then files new ones."""
        with self.db.session() as session:
            session.execute(update(Cluster).values(key=Cluster.key + "#before"))

    def alerts(self) -> dict[str, int]:
        """Event alerts queued per subscription (every subscription listed)."""
        with self.db.session() as session:
            names = session.scalars(select(Subscription.name)).all()
            counted = dict(
                session.execute(
                    select(Subscription.name, func.count(OutboxRow.id))
                    .join(OutboxRow, OutboxRow.subscription_id == Subscription.id)
                    .group_by(Subscription.name)
                ).all()
            )
        return {name: int(counted.get(name, 0)) for name in names}


@pytest.fixture
def story(db: Database, archive: Archive, tmp_path: Path) -> Story:
    return Story(db, archive, tmp_path)


# (case, steps, alerts per subscription at the end)
CASES: list[tuple[str, list[tuple[str, object]], dict[str, int]]] = [
    ("crawl: a fresh event alerts an older subscription", [("subscribe", "early"), ("crawl", FRESH)], {"early": 1}),
    ("crawl: an event 14 days old still alerts", [("subscribe", "early"), ("crawl", Signing(14))], {"early": 1}),
    ("crawl: an event 15 days old does not", [("subscribe", "early"), ("crawl", STALE)], {"early": 0}),
    (
        "crawl: an old event in a new article does not",
        [("subscribe", "early"), ("crawl", Signing(400, published_days_ago=0))],
        {"early": 0},
    ),
    (
        "crawl: an undated event of an article published 3 days ago alerts",
        [("subscribe", "early"), ("crawl", Signing(None, published_days_ago=3))],
        {"early": 1},
    ),
    (
        "crawl: an undated event of an article published 30 days ago does not",
        [("subscribe", "early"), ("crawl", Signing(None, published_days_ago=30))],
        {"early": 0},
    ),
    ("subscribe after the crawl: nothing is queued", [("crawl", FRESH), ("subscribe", "late")], {"late": 0}),
    (
        "reprocess after subscribe: nothing old reaches the new subscription (the demo's case)",
        [("subscribe", "early"), ("crawl", FRESH), ("crawl2", STALE), ("subscribe", "late"), ("reprocess", None)],
        {"early": 1, "late": 0},
    ),
    (
        "reprocess: what was alerted is not alerted again",
        [("subscribe", "early"), ("crawl", FRESH), ("reprocess", None), ("reprocess", None)],
        {"early": 1},
    ),
    (
        "reprocess that files the event under a new cluster: still not alerted again",
        [("subscribe", "early"), ("crawl", FRESH), ("recluster", None), ("reprocess", None)],
        {"early": 1},
    ),
    (
        "reprocess of a stale event: never alerted",
        [("subscribe", "early"), ("crawl", STALE), ("recluster", None), ("reprocess", None)],
        {"early": 0},
    ),
    ("import: a fresh event alerts an older subscription", [("subscribe", "early"), ("import", FRESH)], {"early": 1}),
    ("import: a stale event does not", [("subscribe", "early"), ("import", STALE)], {"early": 0}),
    (
        "import: an event with no date and no fetch time does not (its age is unknown)",
        [("subscribe", "early"), ("import", Signing(None))],
        {"early": 0},
    ),
    (
        "import, subscribe, reprocess: nothing for the new subscription, nothing again for the old",
        [("subscribe", "early"), ("import", FRESH), ("subscribe", "late"), ("recluster", None), ("reprocess", None)],
        {"early": 1, "late": 0},
    ),
    (
        "revision correcting the figure: no second alert, none for a subscription made between versions",
        [("subscribe", "early"), ("crawl", FRESH), ("subscribe", "middle"), ("revise", Signing(1, amount="88亿元"))],
        {"early": 1, "middle": 0},
    ),
    (
        "revision reporting another signing: that one is news to both",
        [("subscribe", "early"), ("crawl", FRESH), ("subscribe", "middle"), ("revise", FRESH_ELSEWHERE)],
        {"early": 2, "middle": 1},
    ),
    (
        "revision, then reprocess: nothing more",
        [
            ("subscribe", "early"),
            ("crawl", FRESH),
            ("subscribe", "middle"),
            ("revise", Signing(1, amount="88亿元")),
            ("recluster", None),
            ("reprocess", None),
        ],
        {"early": 1, "middle": 0},
    ),
]


@pytest.mark.parametrize(("steps", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_the_policy(story: Story, steps: list[tuple[str, object]], expected: dict[str, int]) -> None:
    for step, value in steps:
        if step == "subscribe":
            assert isinstance(value, str)
            story.subscribe(value)
        elif step in ("crawl", "crawl2", "revise"):
            assert isinstance(value, Signing)
            url = "https://other.example/2.html" if step == "crawl2" else "https://jinshan.example/1.html"
            outcome = story.crawl(value, url)
            assert outcome == ("revision" if step == "revise" else "new")
        elif step == "import":
            assert isinstance(value, Signing)
            story.import_file(value)
        elif step == "reprocess":
            story.reprocess()
        elif step == "recluster":
            story.recluster()
    assert story.alerts() == expected


@pytest.mark.parametrize(
    ("fetched_days_ago", "alerted"),
    [(2, True), (30, False)],
)
def test_an_event_with_no_date_at_all_is_judged_by_its_fetch_day(
    story: Story, fetched_days_ago: int, alerted: bool
) -> None:
    story.subscribe("early")
    story.crawl(Signing(None), fetched=NOW - timedelta(days=fetched_days_ago))
    assert story.alerts() == {"early": int(alerted)}


@pytest.mark.parametrize(
    ("reported_on", "fetched_at", "day", "fresh"),
    [
        (date(2026, 3, 10), None, date(2026, 3, 10), True),
        (date(2026, 2, 24), None, date(2026, 2, 24), True),  # 14 days: the last fresh day
        (date(2026, 2, 23), None, date(2026, 2, 23), False),
        (date(2021, 8, 26), NOW, date(2021, 8, 26), False),  # the event's own day wins over the fetch
        (None, datetime(2026, 3, 9, 20, 0, tzinfo=UTC), date(2026, 3, 10), True),  # 04:00 next day in Beijing
        (None, None, None, False),  # unknown age
    ],
)
def test_news_day_and_freshness(
    reported_on: date | None, fetched_at: datetime | None, day: date | None, fresh: bool
) -> None:
    assert news_day(reported_on, fetched_at) == day
    assert POLICY.is_fresh(day) is fresh


@pytest.mark.slow
def test_the_demo_then_subscribe_then_reprocess_sends_nothing_old(tmp_path: Path, sink: AlertSink) -> None:
    """The issue's case: after the demo, ``subscribe add`` then ``reprocess`` sent 66 alerts back to 2021."""
    directory = tmp_path / "demo"
    first = run_demo(directory).passes[0]
    assert first.alerts > 0
    assert not [m.body for m in first.received if "2021-" in m.body or "2025-" in m.body]  # stale: never alerted
    assert signwatch("subscribe", "add", sink.url("late"), "--name", "late", cwd=directory).returncode == 0
    done = signwatch("reprocess", cwd=directory)
    assert done.returncode == 0 and done.stdout.startswith("reprocessed: ")
    assert json_of("alerts", "--pending", cwd=directory)["alerts"] == []
    assert json_of("alerts", "send", cwd=directory)["messages"] == 0
    assert sink.received("late") == []


@pytest.mark.slow
@pytest.mark.parametrize(("config", "alerted"), [("", False), ("[alerts]\nmax_event_age_days = 3650\n", True)])
def test_import_judges_age_by_the_configured_limit(
    tmp_path: Path, seeds_dir: Path, config: str, alerted: bool
) -> None:
    """The command reads ``alerts.max_event_age_days`` from the config: the 2021 seeds are news within ten years."""
    (tmp_path / "signwatch.toml").write_text(config, encoding="utf-8")
    assert signwatch("subscribe", "add", "json://127.0.0.1:9/x", "--name", "all", cwd=tmp_path).returncode == 0
    assert signwatch("import", str(seeds_dir), cwd=tmp_path).returncode == 0
    pending = json_of("alerts", "--pending", cwd=tmp_path)["alerts"]
    assert bool(pending) is alerted
