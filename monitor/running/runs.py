"""Crawl runs: one row per crawl of one source, for summaries, scheduling and health."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from monitor.archive.storing import ensure_source
from monitor.store import CrawlRun, Database, PageProblem, Source, utcnow

# The page problems (not an article, error) a run keeps with their reason; the counts are always whole.
# A broken site can fail every page of a run: 200 reasons tell what went wrong without flooding the table.
MAX_PAGE_PROBLEMS = 200


def start_run(db: Database, source: str, site_type: str | None = None) -> int:
    """Record that a crawl of ``source`` starts now; return the run id."""
    with db.session() as session:
        run = CrawlRun(source=ensure_source(session, source, site_type), status="running")
        session.add(run)
        session.flush()
        return run.id


def finish_run(
    db: Database,
    run_id: int,
    *,
    status: str,
    pages: int = 0,
    new_articles: int = 0,
    duplicates: int = 0,
    revisions: int = 0,
    errors: int = 0,
    listing_links: int = 0,
    error_text: str | None = None,
    unchanged: int = 0,
    not_articles: int = 0,
    unchanged_listings: int = 0,
    problems: Sequence[tuple[str, str, str]] = (),
) -> None:
    """Record how a crawl run ended (status ``ok`` or ``failed``) and what it found.

    ``unchanged_listings``: listing pages found as the last crawl left them
    (a 304 or the same article links).  ``problems`` are the pages not stored, as (outcome, url, reason) with
    outcome ``not_article`` or ``error``; the first ``MAX_PAGE_PROBLEMS`` are kept.
    """
    with db.session() as session:
        run = session.get(CrawlRun, run_id)
        if run is None:
            return
        run.finished_at = utcnow()
        run.status = status
        run.pages, run.new_articles, run.duplicates = pages, new_articles, duplicates
        run.revisions, run.errors, run.listing_links = revisions, errors, listing_links
        run.unchanged, run.not_articles = unchanged, not_articles
        run.unchanged_listings = unchanged_listings
        run.error_text = error_text
        session.add_all(
            PageProblem(run_id=run_id, outcome=outcome, url=url, reason=reason)
            for outcome, url, reason in problems[:MAX_PAGE_PROBLEMS]
        )


def last_run_started(db: Database, source: str) -> datetime | None:
    """When the newest crawl of ``source`` started (None if it never ran)."""
    with db.session() as session:
        return session.scalar(
            select(CrawlRun.started_at)
            .join(Source, CrawlRun.source_id == Source.id)
            .where(Source.name == source)
            .order_by(CrawlRun.started_at.desc())
            .limit(1)
        )


def abandon_running(db: Database, source: str, reason: str, *, status: str = "failed") -> list[int]:
    """Close runs of ``source`` still 'running' as ``status`` (their process is gone); return their ids."""
    with db.session() as session:
        runs = session.scalars(
            select(CrawlRun)
            .join(Source, CrawlRun.source_id == Source.id)
            .where(Source.name == source, CrawlRun.status == "running")
        ).all()
        for run in runs:
            run.status = status
            run.finished_at = utcnow()
            run.error_text = reason
            run.errors += 1
        return [run.id for run in runs]
