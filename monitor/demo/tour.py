"""``signwatch demo``: the whole job, offline, on the embedded defaults, in under a minute.

It starts the bundled mirror and a local Apprise sink on 127.0.0.1, writes a
config for them in a data directory (temporary unless one is given),
subscribes the sink, and runs two passes: the first crawls every mirror
source, stores, archives, extracts and alerts; then the mirror publishes a
new article and a repost of an event already seen, and the second pass shows
that only the new event alerts.

A project's lifecycle runs across three sites (``monitor.demo.mirror.lifecycles``):
its signing and its groundbreaking, both long past, are read in the first
pass; its production, published between the passes, is a stage alert to the
``demo-stages`` subscription in the second (``投产 · 签约后 400 天``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from monitor.alerts.subscriptions import SubscriptionSpec, add_subscription
from monitor.config import Settings, load_settings
from monitor.demo.mirror.lifecycles import LifecycleReport, demo_lifecycle
from monitor.demo.mirror.server import MirrorServer
from monitor.demo.sink import AlertSink, Received
from monitor.running.passes import run_pass
from monitor.running.startup import open_store
from monitor.store import Database
from monitor.store.event_listing import EventFilter, event_json, list_events
from monitor.store.event_models import EventRow
from monitor.text.byline import BEIJING

ARTICLES_PER_SITE = 8

# A repost, on another site, of the seed-000 signing the first pass already saw:
# same place, date and figures, other words.  It must not alert again.
REPOST_TITLE = "宝山区百个产业项目集中签约 总投资超500亿元"
REPOST_BODY = [
    "2021年8月26日,上海市宝山区举行2021年重大产业项目集中签约仪式,100个产业项目集中签约,总投资额超500亿元。",
    "其中重大产业项目31个,总投资突破300亿元。",
]
# A new signing nobody has reported yet: it must alert once.
NEW_TITLE = "金山区举行重点项目集中签约 12个项目总投资86亿元"


def new_signing_body(today: date | None = None) -> list[str]:
    """The new signing's text, dated today on Beijing's calendar.

    Dated today because it is news: the alert policy never alerts an event
    older than ``alerts.max_event_age_days`` by its own date.
    """
    day = today or datetime.now(BEIJING).date()
    return [
        f"{day.month}月{day.day}日,上海市金山区举行重点产业项目集中签约仪式,12个项目集中签约,总投资约86亿元。",
        "签约项目涵盖新材料、智能制造和生物医药等领域。",
    ]


@dataclass
class PassReport:
    """What one demo pass did."""

    new_articles: int = 0
    duplicates: int = 0
    revisions: int = 0
    events: int = 0
    alerts: int = 0
    received: list[Received] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The per-pass object of ``--json``."""
        return {
            "new_articles": self.new_articles,
            "duplicates": self.duplicates,
            "revisions": self.revisions,
            "events": self.events,
            "alerts": self.alerts,
        }


@dataclass
class DemoReport:
    """Both passes and the events stored at the end."""

    passes: list[PassReport] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    data_dir: str = ""

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` document: ``{"passes": [...], "events": [...]}``."""
        return {"passes": [p.to_json() for p in self.passes], "events": self.events}


@contextmanager
def _data_dir(given: Path | None) -> Iterator[Path]:
    if given is not None:
        given.mkdir(parents=True, exist_ok=True)
        yield given.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="signwatch-demo-") as temporary:
        yield Path(temporary)


def _count_events(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def run_demo(
    data_dir: Path | None = None,
    *,
    articles_per_site: int = ARTICLES_PER_SITE,
    on_pass: Callable[[int, PassReport], None] | None = None,
    then: Callable[[Settings, Database], None] | None = None,
) -> DemoReport:
    """Run both demo passes against the mirror; ``on_pass`` sees each pass as it ends.

    ``then`` runs after the passes while the mirror and the sink still
    answer (``demo --serve`` keeps the workbench open there: an article's
    original URL and a subscription test still reach them).
    """
    report = DemoReport()
    with _data_dir(data_dir) as directory, MirrorServer(articles_per_site) as mirror, AlertSink() as sink:
        report.data_dir = str(directory)
        # The themed sites too: the real CMS structures signwatch reads (docs/sites.md).
        config = mirror.write_config(directory / "signwatch.toml", directory / "data", include_themes=True)
        settings = load_settings(config)
        db = open_store(settings)
        with db.session() as session:
            add_subscription(session, SubscriptionSpec(name="demo-sink", target=sink.url("demo")))
            # told when a project signed in 宝山区 breaks ground or starts producing
            add_subscription(
                session,
                SubscriptionSpec(
                    name="demo-stages", target=sink.url("demo"), places=("宝山区",), stages=("开工", "投产")
                ),
            )
        signed, ground, producing = demo_lifecycle(datetime.now(BEIJING).date())

        def publish(report: LifecycleReport) -> None:
            mirror.publish(report.site, report.title, list(report.paragraphs), report.published)

        publish(signed)
        publish(ground)
        sources = [source.name for source in settings.sources if source.enabled]

        def one_pass(number: int) -> None:
            events_before, seen_before = _count_events(db), len(sink.received())
            summary = run_pass(settings, db, sources=sources)
            received = sink.received()[seen_before:]
            result = PassReport(
                new_articles=sum(o.new_articles for o in summary.crawled),
                duplicates=sum(o.duplicates for o in summary.crawled),
                revisions=sum(o.revisions for o in summary.crawled),
                events=_count_events(db) - events_before,
                alerts=len(received),
                received=received,
            )
            report.passes.append(result)
            if on_pass is not None:
                on_pass(number, result)

        one_pass(1)
        mirror.publish("generic", REPOST_TITLE, REPOST_BODY)
        mirror.publish("zblog", NEW_TITLE, new_signing_body())
        publish(producing)
        one_pass(2)
        with db.session() as session:
            report.events = [event_json(e) for e in list_events(session, EventFilter(limit=1000))]
        if then is not None:
            then(settings, db)
        db.dispose()
    return report
