"""The outbox end to end: seeds stored through ingest, one message per cluster at a real sink."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from monitor.archive.files import Archive
from monitor.demo.sink import AlertSink
from monitor.store import Database
from monitor.store.alert_models import OutboxRow
from tests.alerts.alerts_helpers import (
    BAOSHAN_REPOST,
    SEEDS_AS_NEWS,
    SUZHOU_SIGNING,
    deliver,
    seed_article,
    store,
    subscribe,
    text_article,
)


def outbox_count(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxRow)) or 0)


def test_one_message_per_cluster_across_reposts(db: Database, archive: Archive, sink: AlertSink) -> None:
    subscribe(db, "all", sink.url("all"))
    store(db, archive, seed_article(0), "https://a.example/baoshan.html")
    queued = outbox_count(db)
    assert queued >= 1
    # the abridged repost on another site, and a copy of seed 000 with another date line
    repost = text_article(BAOSHAN_REPOST, "宝山100个产业项目集中签约", datetime(2021, 8, 30, tzinfo=UTC))
    assert store(db, archive, repost, "https://b.example/repost.html", source="other-site").outcome == "new"
    assert outbox_count(db) == queued
    report = deliver(db)
    assert report.failed == 0 and report.retrying == 0
    assert report.messages == queued
    messages = sink.received("all")
    assert len(messages) == queued
    lead = next(m for m in messages if "超500亿元" in m.title)
    assert "上海市宝山区" in lead.title
    assert "2021-08-26" in lead.body and "100个项目" in lead.body and "总投资超500亿元" in lead.body
    assert "https://a.example/baoshan.html" in lead.body
    # a second pass has nothing left to send
    assert deliver(db).messages == 0
    assert len(sink.received()) == queued


def test_filters_pick_the_subscriptions(db: Database, archive: Archive, sink: AlertSink) -> None:
    subscribe(db, "shanghai", sink.url("shanghai"), places=("上海市",))
    subscribe(db, "baoshan-big", sink.url("baoshan-big"), places=("宝山",), min_amount="100亿")
    subscribe(db, "jiangsu", sink.url("jiangsu"), places=("江苏省",))
    subscribe(db, "keyword", sink.url("keyword"), keywords=("吴江",))
    subscribe(db, "health-only", sink.url("health-only"), kinds=("health",))
    store(db, archive, seed_article(0), "https://a.example/baoshan.html")
    suzhou = text_article(SUZHOU_SIGNING, "吴江12个项目集中签约", datetime(2021, 8, 26, tzinfo=UTC))
    store(db, archive, suzhou, "https://c.example/wujiang.html", source="js-site")
    deliver(db)
    shanghai = [m.title for m in sink.received("shanghai")]
    assert shanghai and all("上海市" in t for t in shanghai)
    assert [m.title for m in sink.received("baoshan-big")] == [t for t in shanghai if "超500亿元" in t]
    assert [m.title for m in sink.received("jiangsu")] == [m.title for m in sink.received("keyword")]
    assert len(sink.received("jiangsu")) == 1 and "吴江区" in sink.received("jiangsu")[0].title
    assert sink.received("health-only") == []


def test_a_sink_that_fails_for_a_while_gets_every_alert_once(db: Database, archive: Archive, sink: AlertSink) -> None:
    subscribe(db, "flaky", sink.url("flaky"))
    store(db, archive, seed_article(0), "https://a.example/baoshan.html")
    store(db, archive, seed_article(3), "https://d.example/jinshan.html", source="taiwancn")
    queued = outbox_count(db)
    sink.fail_next(queued + 1)  # every row fails its first try, one fails twice
    start = datetime.now(UTC) + timedelta(minutes=1)
    first = deliver(db, now=start)
    assert first.messages == 0 and first.retrying == queued
    assert any("500" in error or "Internal Server Error" in error for error in first.errors)
    # the backoff is not over yet: nothing is due
    assert deliver(db, now=start + timedelta(seconds=30)).messages == 0
    second = deliver(db, now=start + timedelta(seconds=61))
    assert second.messages == queued - 1 and second.retrying == 1
    third = deliver(db, now=start + timedelta(seconds=61 + 121))
    assert third.messages == 1
    titles = [m.title for m in sink.received("flaky")]
    assert len(titles) == len(set(titles)) == queued
    assert sink.refused == queued + 1
    with db.session() as session:
        rows = session.scalars(select(OutboxRow)).all()
        assert {r.status for r in rows} == {"sent"}
        assert sorted(r.attempts for r in rows).count(3) == 1


def test_attempts_run_out_then_retry_makes_them_due(db: Database, archive: Archive, sink: AlertSink) -> None:
    from monitor.alerts.outbox import retry_now

    subscribe(db, "down", sink.url("down"))
    store(db, archive, seed_article(3), "https://d.example/jinshan.html", source="taiwancn")
    sink.fail_next(100)
    when = datetime.now(UTC) + timedelta(minutes=1)
    for _ in range(3):
        deliver(db, now=when)
        when += timedelta(hours=1)
    with db.session() as session:
        [row] = session.scalars(select(OutboxRow)).all()
        assert row.status == "failed" and row.attempts == 3
        assert row.last_error and "500" in row.last_error
    assert deliver(db, now=when).messages == 0
    sink.fail_next(0)
    with db.session() as session:
        assert retry_now(session, now=when) == 1
    assert deliver(db, now=when).messages == 1
    assert len(sink.received("down")) == 1


def test_a_digest_subscription_gets_one_message_for_the_period(db: Database, archive: Archive, sink: AlertSink) -> None:
    from monitor.alerts.digest_times import next_digest

    subscribe(db, "daily", sink.url("daily"), digest="daily@08:00")
    subscribe(db, "now", sink.url("now"))
    store(db, archive, seed_article(0), "https://a.example/baoshan.html")
    store(db, archive, seed_article(3), "https://d.example/jinshan.html", source="taiwancn")
    deliver(db)
    immediate = len(sink.received("now"))
    assert immediate >= 2 and sink.received("daily") == []  # the digest waits for 08:00
    tick = next_digest("daily@08:00", datetime.now(UTC), "Asia/Shanghai")
    assert deliver(db, now=tick - timedelta(minutes=1)).messages == 0
    report = deliver(db, now=tick + timedelta(minutes=1))
    assert report.messages == 1 and report.sent == immediate
    [digest] = sink.received("daily")
    assert digest.title.startswith("signwatch 汇总") and digest.title.endswith(f"{immediate}条")
    assert "1. 上海市宝山区 · 2021-08-26 · 集中签约" in digest.body
    assert "上海市金山区 · 2021-01-19 · 集中签约 · 3个项目 · 总投资80亿元" in digest.body
    assert deliver(db, now=tick + timedelta(days=1, minutes=1)).messages == 0  # nothing new: no empty digest


def test_queue_alerts_counts_only_new_rows(db: Database, archive: Archive) -> None:
    from monitor.alerts.queueing import queue_alerts
    from monitor.records import FiledArticle, StoredEvent
    from monitor.store import Article
    from monitor.store.event_models import EventRow

    def filed_again(session: Session) -> list[FiledArticle]:
        """The stored article's events as filing returns them, each owed an alert."""
        article = session.scalars(select(Article)).one()
        events = session.scalars(select(EventRow)).all()
        owed = [StoredEvent(e, e.cluster, new_cluster=True, first_done=True) for e in events if e.cluster]
        return [FiledArticle(article, owed)]

    subscribe(db, "all", "json://127.0.0.1:9/x")
    store(db, archive, seed_article(3), "https://d.example/jinshan.html")
    with db.session() as session:
        assert queue_alerts(session, filed_again(session), SEEDS_AS_NEWS) == 0  # queued by the storing transaction
    with db.session() as session:
        session.execute(delete(OutboxRow))
    with db.session() as session:
        assert queue_alerts(session, filed_again(session), SEEDS_AS_NEWS) == 1
