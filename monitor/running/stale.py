"""Stale crawl runs: runs left ``running`` by a crawl whose processes were killed, closed as ``killed``.

A crawl holds its source's lease (``monitor.running.leases``) from before its
run starts until after the run is recorded, so a ``running`` run whose
source's lease can be taken has nobody crawling it any more: its process
tree was killed (kill -9, the OOM killer, a reboot).  Each pass and the
daemon close such runs as ``killed`` — a failure, which health checks count —
holding the lease while they do, so a crawl starting at that moment waits
for them instead of losing its fresh run.

A crawl stops paginating at the first listing page with nothing new on it.
After a crawl that did not finish (killed, or failed) that rule would stop
at the pages the broken crawl stored and never reach the older pages it did
not: so the next crawl of such a source catches up, reading every listing
page (up to ``page_limit``), ``last_crawl_unfinished`` says which.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from monitor.running.leases import Held, release_lease, take_lease
from monitor.running.runs import abandon_running
from monitor.store import CrawlRun, Database, Source

log = logging.getLogger("signwatch.pass")

KILLED = "killed"
STALE_REASON = "the crawl's process was killed before it recorded the end of the run"


@dataclass(frozen=True)
class ClosedRun:
    """A stale run closed as ``killed``."""

    source: str
    run_id: int


def sources_with_running_runs(db: Database) -> list[str]:
    """Names of the sources that have a run still marked ``running``."""
    with db.session() as session:
        return list(
            session.scalars(
                select(Source.name)
                .join(CrawlRun, CrawlRun.source_id == Source.id)
                .where(CrawlRun.status == "running")
                .distinct()
                .order_by(Source.name)
            )
        )


def close_stale_runs(db: Database, sources: Iterable[str] | None = None) -> list[ClosedRun]:
    """Close as ``killed`` the ``running`` runs of every source (or of ``sources``) that nobody crawls.

    A source whose lease is held by a live crawl is left alone: its run is
    still going.  Returns the runs closed, one log line each.
    """
    names = sources_with_running_runs(db)
    if sources is not None:
        wanted = set(sources)
        names = [name for name in names if name in wanted]
    closed: list[ClosedRun] = []
    for name in names:
        lease = take_lease(db, name)
        if isinstance(lease, Held):
            continue
        try:
            run_ids = abandon_running(db, name, STALE_REASON, status=KILLED)
        finally:
            release_lease(db, lease)
        for run_id in run_ids:
            log.warning("source=%s run=%d closed as killed: %s", name, run_id, STALE_REASON)
            closed.append(ClosedRun(name, run_id))
    return closed


def last_crawl_unfinished(db: Database, source: str) -> str | None:
    """Why the next crawl of ``source`` must read all its listing pages (its last crawl did not finish), or None."""
    with db.session() as session:
        status = session.scalar(
            select(CrawlRun.status)
            .join(Source, CrawlRun.source_id == Source.id)
            .where(Source.name == source, CrawlRun.status.in_(("ok", "failed", KILLED)))
            .order_by(CrawlRun.id.desc())
            .limit(1)
        )
    return None if status in (None, "ok") else f"its last crawl was {status}"
