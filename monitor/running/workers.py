"""The scheduler side of distributed crawling: queue due sources in Redis, inspect the queue.

With ``[workers] redis_url`` set, ``signwatch run`` and ``signwatch daemon``
do not crawl themselves: for each due source they record a crawl run with
status ``queued`` and push one start message (``{"source", "run"}``) onto
Redis.  ``signwatch worker`` processes (``crawler.workers``) pop those
messages, make the source's start requests and share one request queue.
Workers add what they fetched and stored to the run's counters in the
database, with the run's page problems (a listing page without article
links is also the run's error, as in a single-host crawl); the run is
settled (``ok`` or ``failed``) when the next run of the source is queued,
since no single worker knows when a shared crawl ended.

A run holds its source's crawl lease (``monitor.running.leases``, owner
``workers run N``) from the moment a worker takes its start message: a
single-host crawl of the source is skipped meanwhile, and a run whose source
a single-host crawl holds is closed as ``skipped``.  Every worker serving
the run renews the lease when it adds the run's counts; it is given back
when the run is settled, and runs out by itself when no worker served the
run for a while.

Nothing here imports Scrapy; the key names below are the contract with
``crawler.workers``.  They are the keys of the days this was called the
"cluster" crawl, unchanged (none of them had the word in it), so a queue
that a running deployment filled is read by the renamed code as it was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import redis
from sqlalchemy import func, select, update

from monitor.archive.revisits import known_article_urls
from monitor.config import Settings, WorkersSettings
from monitor.errors import ConfigError, StoreError
from monitor.records import UrlState
from monitor.running.crawl import SKIPPED, CrawlOutcome
from monitor.running.leases import WORKERS_OWNER, Held, release_owned, renew_owned, take_lease, workers_owner
from monitor.running.runs import MAX_PAGE_PROBLEMS, start_run
from monitor.store import ArticleUrl, CrawlRun, Database, PageProblem, Source, utcnow

QUEUED = "queued"
_PREFIX = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


@dataclass(frozen=True)
class WorkerQueueKeys:
    """The Redis keys of one deployment's shared crawl, all under ``prefix``."""

    prefix: str

    @classmethod
    def of(cls, workers: WorkersSettings) -> WorkerQueueKeys:
        """The keys for a ``[workers]`` table; ConfigError for a prefix Redis users could trip on."""
        if not _PREFIX.match(workers.key_prefix):
            raise ConfigError(f"workers.key_prefix {workers.key_prefix!r}: use 1-64 letters, digits and _ . : - only")
        return cls(workers.key_prefix)

    @property
    def start(self) -> str:
        """List of start messages, one per queued run (LPUSH here, popped by workers)."""
        return f"{self.prefix}:start"

    @property
    def requests(self) -> str:
        """Sorted set of serialized Scrapy requests (scrapy-redis's priority queue)."""
        return f"{self.prefix}:requests"

    @property
    def workers(self) -> str:
        """Set of worker ids that have announced themselves."""
        return f"{self.prefix}:workers"

    def alive(self, worker: str) -> str:
        """A worker's heartbeat: a key that expires unless the worker keeps renewing it."""
        return f"{self.prefix}:alive:{worker}"

    def processing(self, worker: str) -> str:
        """Requests a worker has popped and not finished (moved back if it dies)."""
        return f"{self.prefix}:processing:{worker}"

    def seen(self, run: int | str) -> str:
        """Request fingerprints of one run: a fresh dupefilter per run, so revisits are never blocked."""
        return f"{self.prefix}:seen:{run}"


def connect(url: str) -> redis.Redis:
    """A Redis client for ``url`` with short timeouts (a dead Redis must not hang a pass)."""
    try:
        return redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5)
    except ValueError as error:
        raise ConfigError(f"workers.redis_url {url!r}: {error}") from None


def _reachable(client: redis.Redis, url: str) -> None:
    try:
        client.ping()
    except redis.RedisError as error:
        raise StoreError(f"Redis at {redacted_url(url)} unreachable: {error}") from None


def redacted_url(url: str) -> str:
    """The URL without its password."""
    return re.sub(r"//[^@/]*@", "//***@", url)


def start_message(source: str, run_id: int) -> bytes:
    """The start message of one run, as workers read it."""
    return json.dumps({"source": source, "run": run_id}).encode()


def read_start_message(data: bytes) -> tuple[str, int] | None:
    """``(source, run)`` from a start message, or None when it is not one."""
    try:
        document = json.loads(data)
        return str(document["source"]), int(document["run"])
    except (ValueError, KeyError, TypeError):
        return None


def settle_queued_runs(db: Database, source: str) -> list[int]:
    """Close the source's earlier queued runs: ``ok`` if workers fetched its entry pages, else ``failed``.

    Returns the ids settled.  Called before a new run of the source is queued.
    """
    with db.session() as session:
        runs = session.scalars(
            select(CrawlRun)
            .join(Source, CrawlRun.source_id == Source.id)
            .where(Source.name == source, CrawlRun.status == QUEUED)
        ).all()
        for run in runs:
            run.finished_at = utcnow()
            if run.pages > 0:
                run.status = "ok"
            else:
                run.status = "failed"
                run.error_text = run.error_text or "no worker fetched its pages before the next run was due"
        settled = [run.id for run in runs]
    release_owned(db, [workers_owner(run_id) for run_id in settled])
    return settled


def take_run_lease(db: Database, source: str, run_id: int) -> str | None:
    """Take ``source``'s crawl lease for a workers run; None when taken, else why the run is skipped.

    A newer workers run of the source takes the lease over from an older
    one (the workers' queue is one shared crawl); a lease of a single-host
    crawl is respected, and the run is closed as ``skipped`` with the reason.
    """
    got = take_lease(db, source, owner=workers_owner(run_id), takes_over=(WORKERS_OWNER,))
    if not isinstance(got, Held):
        return None
    reason = f"skipped: {got.describe()}"
    with db.session() as session:
        run = session.get(CrawlRun, run_id)
        if run is not None and run.status == QUEUED:
            run.status, run.finished_at, run.error_text = SKIPPED, utcnow(), reason
    return reason


def queue_sources(
    settings: Settings, db: Database, sources: Sequence[str], *, client: redis.Redis | None = None
) -> list[CrawlOutcome]:
    """Queue a run of each source for the workers; one ``queued`` outcome each.

    Redis is checked first: when it is down nothing is recorded and StoreError
    says so, so the sources stay due for the next pass.
    """
    keys = WorkerQueueKeys.of(settings.workers)
    client = client or connect(settings.workers.redis_url)
    _reachable(client, settings.workers.redis_url)
    outcomes: list[CrawlOutcome] = []
    for name in sources:
        source = settings.source(name)
        if settle_queued_runs(db, name):
            from monitor.alerts.health import check_source_health

            check_source_health(db, name, settings.alerts.health_failures)
        run_id = start_run(db, name, source.type)
        with db.session() as session:
            run = session.get(CrawlRun, run_id)
            assert run is not None
            run.status = QUEUED
        try:
            client.lpush(keys.start, start_message(name, run_id))
        except redis.RedisError as error:
            with db.session() as session:
                run = session.get(CrawlRun, run_id)
                assert run is not None
                run.status, run.finished_at = "failed", utcnow()
                run.error_text = f"could not queue in Redis: {error}"
            raise StoreError(f"Redis at {redacted_url(settings.workers.redis_url)}: {error}") from None
        outcomes.append(CrawlOutcome(source=name, status=QUEUED, run_id=run_id))
    return outcomes


def queue_status(settings: Settings, *, client: redis.Redis | None = None) -> dict[str, Any]:
    """Queue lengths and live workers, for ``signwatch workers status``."""
    keys = WorkerQueueKeys.of(settings.workers)
    client = client or connect(settings.workers.redis_url)
    _reachable(client, settings.workers.redis_url)
    workers: list[dict[str, Any]] = []
    for raw in sorted(client.smembers(keys.workers)):
        worker = raw.decode() if isinstance(raw, bytes) else str(raw)
        workers.append(
            {
                "worker": worker,
                "alive": bool(client.exists(keys.alive(worker))),
                "in_flight": int(client.zcard(keys.processing(worker))),
            }
        )
    seen_runs = sum(1 for _ in client.scan_iter(match=keys.seen("*"), count=1000))
    return {
        "redis": redacted_url(settings.workers.redis_url),
        "prefix": keys.prefix,
        "start_messages": int(client.llen(keys.start)),
        "requests": int(client.zcard(keys.requests)),
        "in_flight": sum(w["in_flight"] for w in workers),
        "runs_with_dupefilter": seen_runs,
        "workers": workers,
    }


RUN_COUNTERS = (
    "pages",
    "new_articles",
    "duplicates",
    "revisions",
    "unchanged",
    "not_articles",
    "errors",
    "listing_links",
)


# A page problem as a run keeps it: (outcome, url, reason).
PageProblemLine = tuple[str, str, str]


def add_run_counts(
    db: Database,
    counts: Mapping[int, Mapping[str, int]],
    problems: Mapping[int, Sequence[PageProblemLine]] | None = None,
    errors: Mapping[int, str] | None = None,
) -> None:
    """Add workers' counts to crawl runs in one transaction (``pages = pages + n``: workers add concurrently).

    ``problems``: each run's page problems, kept as a single-host run keeps
    them (``PageProblem`` rows, up to ``MAX_PAGE_PROBLEMS`` a run; workers
    adding at the same moment may pass it by a few).  ``errors``: a line
    that becomes the run's error unless the run has one already.
    """
    problems = problems or {}
    errors = errors or {}
    runs = sorted({*counts, *problems, *errors})
    with db.session() as session:
        # Rows in id order: two workers adding to the same runs then never deadlock.
        for run_id in runs:
            values = counts.get(run_id, {})
            if unknown := set(values) - set(RUN_COUNTERS):
                raise ValueError(f"not a run counter: {sorted(unknown)[0]}")
            increments = {key: getattr(CrawlRun, key) + amount for key, amount in values.items() if amount}
            if increments:
                session.execute(update(CrawlRun).where(CrawlRun.id == run_id).values(increments))
            if run_id in errors:
                session.execute(
                    update(CrawlRun)
                    .where(CrawlRun.id == run_id, CrawlRun.error_text.is_(None))
                    .values(error_text=errors[run_id])
                )
            if lines := problems.get(run_id):
                held = session.scalar(select(func.count()).select_from(PageProblem).where(PageProblem.run_id == run_id))
                room = max(0, MAX_PAGE_PROBLEMS - int(held or 0))
                session.add_all(
                    PageProblem(run_id=run_id, outcome=outcome, url=url, reason=reason)
                    for outcome, url, reason in lines[:room]
                )
    # Workers still serving these runs: their sources' leases go on.
    renew_owned(db, [workers_owner(run_id) for run_id in runs])


def known_at_run_start(db: Database, source: str, run_id: int) -> dict[str, UrlState]:
    """The source's stored URLs as a single-host crawl of this run would have loaded them at its start.

    Workers load this when they first read a listing of the run, by which
    time other workers may have stored some of its articles; counting those
    as known would stop pagination early ("nothing new on this page"), so
    URLs first seen since the run started are left out.  The run's shared
    dupefilter keeps them from being fetched twice.
    """
    known = known_article_urls(db, source)
    with db.session() as session:
        started = session.scalar(select(CrawlRun.started_at).where(CrawlRun.id == run_id))
        if started is None:
            return known
        recent = session.scalars(
            select(ArticleUrl.url)
            .join(Source, ArticleUrl.source_id == Source.id)
            .where(Source.name == source, ArticleUrl.first_seen >= started)
        ).all()
    for url in recent:
        known.pop(url, None)
    return known
