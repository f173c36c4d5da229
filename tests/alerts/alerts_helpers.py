"""Shared helpers of the alerts tests: store pages through the real pipeline, subscribe, deliver."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from monitor.alerts.dispatch import Dispatcher, DispatchReport
from monitor.alerts.policy import AlertPolicy
from monitor.alerts.subscriptions import SubscriptionSpec, add_subscription
from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.config import AlertSettings
from monitor.records import FetchedPage, IngestResult
from monitor.store import Database
from monitor.text import clean_text
from monitor.text.article import CleanArticle
from monitor.text.byline import BEIJING
from tests.command import run_signwatch
from tests.conftest import to_store

SEEDS_DIR = Path(__file__).resolve().parents[2] / "monitor" / "demo" / "mirror" / "data"

FETCHED = datetime(2021, 8, 27, 2, 0, tzinfo=UTC)
# The seeds are news of 2021 (seed 003 of January): judged the day after seed 000's
# signing, with a year's room, so the tests of queueing and delivery get alerts.
# The policy's own tests (test_alerts_policy.py) judge ages at other moments.
SEEDS_AS_NEWS = AlertPolicy(max_event_age_days=365, now=FETCHED)
# Retries without waiting: the tests move the clock instead of sleeping.
ALERTS = AlertSettings(max_attempts=3, backoff_seconds=60.0, backoff_max_seconds=600.0)

# An abridged repost of seed 000 (the lede only, no day) on another site.
BAOSHAN_REPOST = (
    "近日,在上海市宝山区举行的2021年重大产业项目集中签约仪式上,100个产业项目集中签约,"
    "总投资额超500亿元。其中重大产业项目31个,总投资突破300亿元。"
)
# The policy of a test that stores an event of today: the default settings, judged now.
NOW = AlertPolicy()
# A signing in Jiangsu, to see place filters say no.
SUZHOU_SIGNING = "8月25日,江苏省苏州市吴江区举行重大项目集中签约活动,12个项目集中签约,总投资120亿元。"


def seed_article(number: int) -> CleanArticle:
    """Seed ``number`` cleaned by the real pipeline."""
    path = sorted(SEEDS_DIR.glob(f"{number:03d}_*.txt"))[0]
    return clean_text(path.read_text(encoding="utf-8"))


def text_article(text: str, title: str, published: datetime) -> CleanArticle:
    """A one-paragraph article of our own."""
    return CleanArticle(title=title, paragraphs=(text,), published=published)


def fresh_signing(county: str = "金山区", amount: str = "86亿元", days_ago: int = 0) -> CleanArticle:
    """A signing reported ``days_ago`` days before today (Beijing), fresh for the default alert policy."""
    published = datetime.now(BEIJING) - timedelta(days=days_ago)
    text = (
        f"{published.month}月{published.day}日,上海市{county}举行重点产业项目集中签约仪式,"
        f"12个项目集中签约,总投资{amount}。"
    )
    return text_article(text, f"{county}重点项目集中签约 总投资{amount}", published)


def store(
    db: Database,
    archive: Archive,
    article: CleanArticle,
    url: str,
    source: str = "mirror-zblog",
    *,
    policy: AlertPolicy = SEEDS_AS_NEWS,
    fetched: datetime = FETCHED,
) -> IngestResult:
    """Store a page through ingest with the events and alert steps, as the crawler does."""
    page = FetchedPage(url=url, body=b"<html></html>", fetched_at=fetched)
    [result] = ingest_pages(db, archive, [to_store(page, article, source)], alert_policy=policy)
    return result


def subscribe(db: Database, name: str, target: str, **filters: object) -> None:
    """Add a subscription (filters as SubscriptionSpec fields)."""
    with db.session() as session:
        add_subscription(session, SubscriptionSpec(name=name, target=target, **filters))  # type: ignore[arg-type]


def deliver(db: Database, now: datetime | None = None, **settings: object) -> DispatchReport:
    """One dispatch pass with the test alert settings."""
    return Dispatcher(db, replace(ALERTS, **settings)).deliver_due(now=now)  # type: ignore[arg-type]


def signwatch(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``signwatch --config CWD/signwatch.toml ARGS`` as a user would (no SIGNWATCH_ variables)."""
    return run_signwatch("--config", str(cwd / "signwatch.toml"), *args, cwd=cwd)


def json_of(*args: str, cwd: Path) -> Any:
    """The JSON a ``signwatch ... --json`` command prints (it must succeed)."""
    done = signwatch(*args, "--json", cwd=cwd)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
