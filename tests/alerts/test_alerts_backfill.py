"""``subscribe add --backfill DAYS``: one digest of the recent past, through the outbox, to a real sink."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from monitor.alerts.backfill import check_backfill_days, queue_backfill
from monitor.alerts.policy import AlertPolicy
from monitor.alerts.subscriptions import SubscriptionSpec, add_subscription
from monitor.archive.files import Archive
from monitor.demo.sink import AlertSink
from monitor.errors import InputError
from monitor.store import Database
from monitor.store.alert_models import OutboxRow
from monitor.text.article import CleanArticle
from monitor.text.byline import BEIJING
from tests.alerts.alerts_helpers import deliver, store, text_article

NOW = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)
POLICY = AlertPolicy(max_event_age_days=14, now=NOW)


def signing(days_ago: int, county: str, amount: str) -> CleanArticle:
    """A signing in Shanghai ``days_ago`` days before NOW."""
    published = NOW.astimezone(BEIJING) - timedelta(days=days_ago)
    text = (
        f"{published.month}月{published.day}日,上海市{county}举行重点项目集中签约仪式,12个项目集中签约,总投资{amount}。"
    )
    return text_article(text, f"{county}集中签约", published)


def store_the_past(db: Database, archive: Archive) -> None:
    """Events of 1, 5, 10 and 20 days ago, and a repost of the newest, stored before anyone subscribed."""
    store(db, archive, signing(1, "金山区", "86亿元"), "https://a.example/1.html", policy=POLICY)
    store(db, archive, signing(5, "宝山区", "40亿元"), "https://a.example/5.html", policy=POLICY)
    store(db, archive, signing(10, "松江区", "20亿元"), "https://a.example/10.html", policy=POLICY)
    store(db, archive, signing(20, "嘉定区", "30亿元"), "https://a.example/20.html", policy=POLICY)
    repost = signing(1, "金山区", "86亿元")
    store(db, archive, repost, "https://b.example/repost.html", source="other-site", policy=POLICY)


def add_with_backfill(db: Database, sink: AlertSink, name: str, days: int, **filters: object) -> int:
    with db.session() as session:
        spec = SubscriptionSpec(name=name, target=sink.url(name), **filters)  # type: ignore[arg-type]
        row = add_subscription(session, spec)
        return queue_backfill(session, row, days, POLICY)


def outbox_rows(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxRow)) or 0)


def test_one_digest_of_the_days_asked_for(db: Database, archive: Archive, sink: AlertSink) -> None:
    store_the_past(db, archive)
    assert outbox_rows(db) == 0  # nobody subscribed yet
    assert add_with_backfill(db, sink, "week", 7) == 2  # 1 and 5 days ago; the repost is the same signing
    assert outbox_rows(db) == 1
    report = deliver(db)
    assert (report.messages, report.sent) == (1, 1)
    [digest] = sink.received("week")
    assert digest.title == "signwatch 汇总 近7天:2条"
    lines = digest.body.splitlines()
    assert lines[0].startswith("1. 上海市宝山区 · ") and "总投资40亿元" in lines[0]  # oldest first
    assert any(line.startswith("2. 上海市金山区 · ") for line in lines)
    assert "松江区" not in digest.body and "嘉定区" not in digest.body
    assert deliver(db).messages == 0  # sent once


def test_the_digest_takes_the_subscription_filters(db: Database, archive: Archive, sink: AlertSink) -> None:
    store_the_past(db, archive)
    assert add_with_backfill(db, sink, "baoshan", 14, places=("宝山",)) == 1
    assert add_with_backfill(db, sink, "big", 14, min_amount="50亿") == 1
    deliver(db)
    assert [m.title for m in sink.received("baoshan")] == ["signwatch 汇总 近14天:1条"]
    assert "上海市宝山区" in sink.received("baoshan")[0].body
    assert "总投资86亿元" in sink.received("big")[0].body


def test_a_digest_subscription_gets_its_backfill_at_once(db: Database, archive: Archive, sink: AlertSink) -> None:
    store_the_past(db, archive)
    assert add_with_backfill(db, sink, "daily", 14, digest="daily@08:00") == 3
    assert deliver(db).messages == 1  # not held until 08:00
    assert sink.received("daily")[0].title == "signwatch 汇总 近14天:3条"


def test_nothing_recent_queues_nothing(db: Database, archive: Archive, sink: AlertSink) -> None:
    store(db, archive, signing(20, "嘉定区", "30亿元"), "https://a.example/20.html", policy=POLICY)
    assert add_with_backfill(db, sink, "empty", 14) == 0
    assert outbox_rows(db) == 0


def test_later_events_alert_as_usual_and_the_past_is_not_repeated(
    db: Database, archive: Archive, sink: AlertSink
) -> None:
    store_the_past(db, archive)
    add_with_backfill(db, sink, "week", 7)
    store(db, archive, signing(0, "奉贤区", "12亿元"), "https://a.example/0.html", policy=POLICY)
    store(db, archive, signing(1, "金山区", "86亿元"), "https://c.example/again.html", source="c", policy=POLICY)
    deliver(db)
    titles = [m.title for m in sink.received("week")]
    assert titles == ["signwatch 汇总 近7天:2条", "【签约】上海市奉贤区 12亿元"]


@pytest.mark.parametrize(
    ("days", "problem"),
    [(0, "at least 1"), (-3, "at least 1"), (15, r"at most alerts.max_event_age_days \(14\)")],
)
def test_backfill_days_are_checked(days: int, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        check_backfill_days(days, 14)


@pytest.mark.parametrize("days", [1, 14])
def test_backfill_days_in_range(days: int) -> None:
    assert check_backfill_days(days, 14) == days
