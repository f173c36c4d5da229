"""One pass: crawl the sources that are due, check their health, deliver the outbox.

``signwatch run`` (cron, the systemd timer) calls ``run_pass`` under the pass
lock; the daemon calls the same pieces per source.  Nothing here knows HTTP
or Scrapy: crawling is ``monitor.running.crawl.run_crawl`` (a child process).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from monitor.config import Settings
from monitor.running.crawl import SKIPPED, ChildCallback, CrawlOutcome, ProgressCallback, ResultCallback, run_crawl
from monitor.running.runs import last_run_started
from monitor.running.schedule import is_due, parse_schedule
from monitor.running.stale import ClosedRun, close_stale_runs
from monitor.store import Database, utcnow

if TYPE_CHECKING:
    from monitor.running.crawl_pool import CrawlPool

log = logging.getLogger("signwatch.pass")


@dataclass
class PassSummary:
    """What one pass did: sources crawled here, or (with workers) runs queued for the workers."""

    crawled: list[CrawlOutcome] = field(default_factory=list)
    queued: list[CrawlOutcome] = field(default_factory=list)
    not_due: list[str] = field(default_factory=list)
    delivered: int = 0
    delivery_failures: int = 0

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "crawled": [
                {
                    "source": o.source,
                    "status": o.status,
                    "run": o.run_id,
                    "new_articles": o.new_articles,
                    "revisions": o.revisions,
                    "duplicates": o.duplicates,
                    "unchanged": o.unchanged,
                    "not_articles": o.not_articles,
                    "errors": o.errors,
                    "error": o.error,
                    "problems": o.problems,
                }
                for o in self.crawled
            ],
            "queued": [{"source": o.source, "run": o.run_id} for o in self.queued],
            "not_due": self.not_due,
            "delivered": self.delivered,
            "delivery_failures": self.delivery_failures,
        }


def due_sources(settings: Settings, db: Database, now: datetime) -> tuple[list[str], list[str]]:
    """Split the enabled sources into (due, not due) by schedule and last run."""
    due: list[str] = []
    waiting: list[str] = []
    for source in settings.sources:
        if not source.enabled:
            continue
        schedule = parse_schedule(source.schedule)
        (due if is_due(schedule, last_run_started(db, source.name), now) else waiting).append(source.name)
    return due, waiting


def after_crawl(settings: Settings, db: Database, outcomes: Sequence[CrawlOutcome]) -> None:
    """Log each crawl and raise or clear health alerts for its source."""
    from monitor.alerts.health import check_source_health

    for outcome in outcomes:
        # A run the child could not end itself was closed by run_crawl, with the reason;
        # a skipped source has no run here (run_crawl logged the one line that says why).
        if outcome.status == SKIPPED:
            continue
        log.info(
            "source=%s run=%s crawl %s new=%d revisions=%d duplicates=%d errors=%d%s",
            outcome.source,
            outcome.run_id,
            outcome.status,
            outcome.new_articles,
            outcome.revisions,
            outcome.duplicates,
            outcome.errors,
            f" error={outcome.error}" if outcome.error else "",
        )
        check_source_health(db, outcome.source, settings.alerts.health_failures)


def close_stale(settings: Settings, db: Database) -> list[ClosedRun]:
    """Close runs whose crawl was killed (``killed``), and raise health alerts their sources now owe."""
    from monitor.alerts.health import check_source_health

    closed = close_stale_runs(db)
    for source in sorted({run.source for run in closed}):
        check_source_health(db, source, settings.alerts.health_failures)
    return closed


def deliver(settings: Settings, db: Database) -> tuple[int, int]:
    """Deliver every outbox row that is due; return (sent, failed attempts)."""
    from monitor.alerts.dispatch import deliver_due

    report = deliver_due(db, settings)
    return report.sent, report.failed


def run_pass(
    settings: Settings,
    db: Database,
    *,
    now: datetime | None = None,
    sources: Sequence[str] | None = None,
    on_progress: ProgressCallback | None = None,
) -> PassSummary:
    """Crawl what is due (or ``sources``), check health, deliver alerts."""
    summary = PassSummary()
    close_stale(settings, db)
    if sources is None:
        due, summary.not_due = due_sources(settings, db, now or utcnow())
    else:
        due = list(sources)
    if due:
        outcomes = crawl_sources(settings, db, due, on_progress=on_progress)
        # With workers nothing was crawled here: the runs wait in the queue.
        if settings.workers.redis_url:
            summary.queued = outcomes
        else:
            summary.crawled = outcomes
    summary.delivered, summary.delivery_failures = deliver(settings, db)
    return summary


def crawl_sources(
    settings: Settings,
    db: Database,
    names: Sequence[str],
    *,
    on_progress: ProgressCallback | None = None,
    on_child: ChildCallback | None = None,
    timeout: float | None = None,
    on_outcome: ResultCallback | None = None,
    late_processes: bool = False,
    pool: CrawlPool | None = None,
) -> list[CrawlOutcome]:
    """Crawl ``names`` here (one child process for all, health checks), or queue them for the workers.

    The one place that decides between a local crawl and the Redis-shared
    crawl: ``run_pass`` and the daemon's per-source job both call it.  With
    workers, each source gets a ``queued`` run and its outcome says so; the
    workers store and check health as they crawl.

    Each source's health is checked, and ``on_outcome`` told, as soon as
    its own crawl ended: a slow source of the batch holds up no other.
    ``pool``: the crawl runs in one of its long-lived processes (the daemon's).
    """
    if settings.workers.redis_url:
        from monitor.running.workers import queue_sources

        outcomes = queue_sources(settings, db, names)
        log.info("sources=%s runs queued for the workers", ",".join(names))
        return outcomes
    settled: set[str] = set()

    def settle(outcome: CrawlOutcome) -> None:
        settled.add(outcome.source)
        after_crawl(settings, db, [outcome])
        if on_outcome is not None:
            on_outcome(outcome)

    outcomes = run_crawl(
        settings,
        names,
        db=db,
        on_progress=on_progress,
        on_child=on_child,
        timeout=timeout,
        on_result=settle,
        late_processes=late_processes,
        pool=pool,
    )
    # The sources the child left without a result (killed, out of time), and the skipped ones.
    for outcome in outcomes:
        if outcome.source not in settled:
            settle(outcome)
    return outcomes
