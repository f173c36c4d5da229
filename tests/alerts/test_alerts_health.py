"""Source health: one alert when a source breaks, one when it recovers, health shown per source."""

from __future__ import annotations

import pytest

from monitor.alerts.health import check_source_health, source_health
from monitor.demo.sink import AlertSink
from monitor.running.runs import finish_run, start_run
from monitor.store import Database
from tests.alerts.alerts_helpers import deliver, subscribe


def crawl(db: Database, source: str, outcome: str) -> str | None:
    """Record one finished run ("ok", "empty" for no listing links, "failed"); then check health."""
    run = start_run(db, source, "zblog")
    if outcome == "failed":
        finish_run(db, run, status="failed", error_text="HTTP 503 from listing page")
    else:
        finish_run(db, run, status="ok", listing_links=0 if outcome == "empty" else 12, new_articles=1)
    return check_source_health(db, source, threshold=3)


@pytest.mark.parametrize(
    ("runs", "alerts", "titles"),
    [
        (
            ["ok", "failed", "failed", "failed", "failed", "ok", "ok"],
            [None, None, None, "down", None, "up", None],
            ["【源异常】bs-cfw", "【源恢复】bs-cfw"],
        ),
        (["empty", "empty", "empty"], [None, None, "down"], ["【源异常】bs-cfw"]),
        (["failed", "failed", "ok", "failed", "failed"], [None] * 5, []),  # never 3 in a row
        (["failed", "empty", "failed", "ok"], [None, None, "down", "up"], ["【源异常】bs-cfw", "【源恢复】bs-cfw"]),
        # two separate outages: announced twice
        (
            ["failed"] * 3 + ["ok"] + ["failed"] * 3,
            [None, None, "down", "up", None, None, "down"],
            ["【源异常】bs-cfw", "【源恢复】bs-cfw", "【源异常】bs-cfw"],
        ),
    ],
    ids=["fails-then-recovers", "layout-changed", "flapping", "mixed", "two-outages"],
)
def test_health_alerts(
    db: Database, sink: AlertSink, runs: list[str], alerts: list[str | None], titles: list[str]
) -> None:
    subscribe(db, "ops", sink.url("ops"), kinds=("health",))
    subscribe(db, "analyst", sink.url("analyst"), places=("上海市",))  # event filters: no health alerts
    assert [crawl(db, "bs-cfw", outcome) for outcome in runs] == alerts
    deliver(db)
    assert [m.title for m in sink.received("ops")] == titles
    assert sink.received("analyst") == []


def test_the_outage_message_says_why(db: Database, sink: AlertSink) -> None:
    subscribe(db, "all", sink.url("all"))
    for outcome in ["failed", "failed", "failed"]:
        crawl(db, "bs-cfw", outcome)
    deliver(db)
    [message] = sink.received("all")
    assert "连续3次抓取失败" in message.body and "HTTP 503 from listing page" in message.body


def test_source_health_for_the_sources_command(db: Database) -> None:
    for outcome in ["ok", "failed", "empty"]:
        crawl(db, "bs-cfw", outcome)
    crawl(db, "rent-sh", "ok")
    health = {h.name: h for h in source_health(db)}
    assert health["bs-cfw"].consecutive_failures == 2
    assert health["bs-cfw"].last_success is not None
    assert "抓取异常" in health["bs-cfw"].reason
    assert health["rent-sh"].consecutive_failures == 0 and health["rent-sh"].reason == ""
    assert health["rent-sh"].to_json()["last_success"]


@pytest.mark.parametrize(
    ("runs", "failures", "succeeded"),
    [
        ([], 0, False),  # never crawled
        (["failed", "failed"], 2, False),  # never a good run
        (["empty"], 1, False),  # ok, but no listing links: not a success
        (["ok", "failed", "empty", "failed"], 3, True),
        (["failed", "ok"], 0, True),
    ],
    ids=["no-runs", "never-good", "empty-only", "streak-after-success", "recovered"],
)
def test_source_health_reads_each_history(db: Database, runs: list[str], failures: int, succeeded: bool) -> None:
    crawl(db, "rent-sh", "ok")  # another source's runs do not count
    for outcome in runs:
        crawl(db, "bs-cfw", outcome)
    health = {h.name: h for h in source_health(db)}
    if not runs:
        assert "bs-cfw" not in health
        return
    assert health["bs-cfw"].consecutive_failures == failures
    assert (health["bs-cfw"].last_success is not None) == succeeded
    assert (health["bs-cfw"].last_error == "HTTP 503 from listing page") == (runs[-1] == "failed")
    assert health["rent-sh"].consecutive_failures == 0 and health["rent-sh"].last_success is not None
