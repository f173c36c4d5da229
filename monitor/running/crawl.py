"""Run crawls of configured sources in a child process and return what each found.

Twisted's reactor cannot be restarted inside one process, and ``monitor``
never imports Scrapy, so a crawl runs as ``python -m crawler.run`` in a child
process.  The child prints JSON lines (progress while crawling, one result per
source at the end); ``run_crawl`` reads them, reports progress through a
callback and returns one ``CrawlOutcome`` per source.  The child records the
crawl runs in the store itself.

Around the child, ``run_crawl`` keeps three promises, for ``signwatch crawl``,
``signwatch run`` and the daemon alike:

- one crawl of a source at a time: it takes each source's lease
  (``monitor.running.leases``) before the child starts and gives it back
  after the child ended; a source someone else crawls is skipped, and its
  outcome says by whom;
- the time limit (``crawler.crawl_timeout``): the child stops its spiders a
  little before it, and is killed at it;
- every source ends recorded: a run the child could not finish (killed,
  crashed, out of time) is closed here, with the reason.

The child dies with this process (``monitor.running.children``).
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

import monitor
from monitor.config import Settings
from monitor.errors import InputError
from monitor.running.leases import Held, Lease, LeaseKeeper, release_lease, take_lease
from monitor.running.runs import abandon_running, finish_run, start_run
from monitor.running.stale import KILLED, STALE_REASON, last_crawl_unfinished
from monitor.store import CrawlRun, Database, Source, utcnow
from monitor.subscription_terms import TARGETS_CHECKED_BY_PARENT

if TYPE_CHECKING:
    from monitor.running.crawl_pool import CrawlPool

log = logging.getLogger("signwatch.crawl")

SKIPPED = "skipped"
# Seconds a stopped child gets to end its spiders and record its runs before it is killed.
STOP_WAIT = 5.0


@dataclass(frozen=True)
class CrawlOutcome:
    """How the crawl of one source went (counts as recorded in its crawl run).

    ``status``: ``ok``, ``failed``, ``killed`` (its process died of a signal
    nobody here sent), ``skipped`` (another process crawls the source) or
    ``queued`` (left to the Redis workers).

    Every article page fetched is counted once: ``new_articles``,
    ``revisions``, ``duplicates``, ``unchanged`` (re-checked and the stored
    text: a 304, or the same text again; ``not_modified`` says how many were
    304s), ``not_articles`` or ``page_errors`` (cleaning or storing failed;
    these count in ``errors`` too, with the failed requests).  ``problems``
    lists the first pages not stored, ``{"outcome", "url", "reason"}`` each
    (the crawl run keeps more, as ``PageProblem`` rows).
    ``listings_unchanged``: listing pages as the last crawl saw them (a 304,
    or the same article links): nothing new was there.
    """

    source: str
    status: str
    run_id: int | None = None
    error: str | None = None
    duration: float = 0.0
    pages: int = 0
    new_articles: int = 0
    revisions: int = 0
    duplicates: int = 0
    unchanged: int = 0
    not_modified: int = 0
    not_articles: int = 0
    page_errors: int = 0
    errors: int = 0
    listing_links: int = 0
    article_pages: int = 0
    listings_unchanged: int = 0
    problems: list[dict[str, str]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, document: dict[str, Any]) -> CrawlOutcome:
        """Build from a line the child printed; unknown keys go to ``extra``."""
        names = {f.name for f in fields(cls)} - {"extra"}
        known = {k: v for k, v in document.items() if k in names}
        extra = {k: v for k, v in document.items() if k not in names and k != "event"}
        return cls(**known, extra=extra)


class CrawlChild:
    """The crawl's child process, as its starter sees it: it can stop it, saying why."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        """Wrap the running child ``process``."""
        self.process = process
        self.reason: str | None = None  # why it was stopped from here, when it was
        self._lock = threading.Lock()

    @property
    def pid(self) -> int:
        """The child's process id."""
        return self.process.pid

    def _note(self, reason: str) -> bool:
        with self._lock:
            if self.reason is not None:
                return False
            self.reason = reason
            return True

    def stop(self, reason: str, *, wait: float = STOP_WAIT) -> None:
        """End the crawl: SIGTERM (its spiders close and record their runs), SIGKILL after ``wait`` seconds.

        Sources it did not finish are failed with ``reason``.
        """
        self._note(reason)
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def kill(self, reason: str) -> None:
        """End the crawl at once (SIGKILL); sources it did not finish are failed with ``reason``."""
        self._note(reason)
        if self.process.poll() is None:
            self.process.kill()


ProgressCallback = Callable[[str, dict[str, int]], None]
# Receives the crawl's child as soon as it runs (a daemon keeps it, to stop it on shutdown).
ChildCallback = Callable[[CrawlChild], None]
# Receives each source's outcome as soon as its crawl ended (the child goes on with its other sources).
ResultCallback = Callable[["CrawlOutcome"], None]


def crawl_command(
    config_path: str | None,
    sources: Sequence[str],
    *,
    progress: bool = True,
    parent: int | None = None,
    close_at: float | None = None,
    catch_up: Sequence[str] = (),
    late_processes: bool = False,
    serve: bool = False,
) -> list[str]:
    """The child-process command line that crawls ``sources``.

    ``parent``: the pid the child dies with; ``close_at``: the wall-clock
    time (seconds since the epoch) by which the child closes its spiders;
    ``catch_up``: sources whose every listing page is read (their last crawl
    did not finish); ``late_processes``: the child starts its clean and
    store processes on the first page they get, not at once; ``serve``: a
    long-lived process crawling the batches it reads from stdin
    (``monitor.running.crawl_pool``).
    """
    command = [sys.executable, "-m", "crawler.run"]
    if config_path:
        command += ["--config", config_path]
    for name in sources:
        command += ["--source", name]
    if progress:
        command.append("--progress")
    if parent is not None:
        command += ["--parent", str(parent)]
    if close_at is not None:
        command += ["--close-at", f"{close_at:.3f}"]
    for name in catch_up:
        command += ["--catch-up", name]
    if late_processes:
        command.append("--late-processes")
    if serve:
        command.append("--serve")
    return command


def child_environment() -> dict[str, str]:
    """The environment of a crawl child: this one, its Apprise targets checked, this tree's packages."""
    environment = dict(os.environ)
    # The settings were loaded, and their Apprise targets checked, by this process.
    environment[TARGETS_CHECKED_BY_PARENT] = "1"
    # The child must import the same monitor and crawler packages as this process.
    root = str(Path(monitor.__file__).resolve().parent.parent)
    environment["PYTHONPATH"] = os.pathsep.join(p for p in (root, environment.get("PYTHONPATH", "")) if p)
    return environment


def close_margin(limit: float) -> float:
    """How long before the hard limit the child closes its spiders: a tenth of it, at most 30 s.

    Closing waits for the pages in flight and records the runs; the kill at
    the limit is for a child that cannot close in time.
    """
    return min(30.0, limit / 10)


def run_crawl(
    settings: Settings,
    sources: Sequence[str],
    *,
    db: Database | None = None,
    on_progress: ProgressCallback | None = None,
    on_child: ChildCallback | None = None,
    timeout: float | None = None,
    log_path: Path | None = None,
    on_result: ResultCallback | None = None,
    late_processes: bool = False,
    pool: CrawlPool | None = None,
) -> list[CrawlOutcome]:
    """Crawl ``sources`` (names from ``settings``) in one child process; one outcome each, in order.

    Raises InputError for unknown names before starting anything.  Sources
    whose lease another process holds are skipped.  ``on_child`` receives
    the child as soon as it runs; ``on_result`` each outcome the child
    reports, as soon as it does (a failing callback is logged, never stops
    the crawl).  ``late_processes``: see ``crawl_command`` (the daemon's
    polls, mostly of sources where nothing changed).  The child is killed ``timeout`` seconds
    after it started (default ``crawler.crawl_timeout``; 0 or less: no
    limit), and its unfinished sources are failed.  The child's log goes to
    ``log_path`` (default: a temporary file whose last line explains a crash).
    ``pool``: crawl in one of its long-lived processes, not a child of
    its own (the daemon's; the time limit is then the batch's).
    """
    for name in sources:
        settings.source(name)  # unknown names fail here, with the list of known ones
    if not sources:
        raise InputError("no sources to crawl (name some, or use --all with enabled sources in the config)")
    limit = settings.crawler.crawl_timeout if timeout is None else timeout
    outcomes: dict[str, CrawlOutcome] = {}
    with _store(settings, db) as store:
        leases: list[Lease] = []
        try:
            for name in sources:
                got = take_lease(store, name, site_type=settings.source(name).type)
                if isinstance(got, Held):
                    log.info("source=%s skipped: %s", name, got.describe())
                    outcomes[name] = CrawlOutcome(source=name, status=SKIPPED, error=f"skipped: {got.describe()}")
                else:
                    leases.append(got)
            leased = [lease.source for lease in leases]
            catch_up = []
            for name in leased:
                # Holding the lease, nobody else crawls the source: a run still 'running' is stale.
                for run_id in abandon_running(store, name, STALE_REASON, status=KILLED):
                    log.warning("source=%s run=%d closed as killed: %s", name, run_id, STALE_REASON)
                if why := last_crawl_unfinished(store, name):
                    log.info("source=%s catches up (every listing page): %s", name, why)
                    catch_up.append(name)
            if leased:
                with LeaseKeeper(store, leases):
                    plan = _ChildPlan(
                        leased, catch_up, limit, on_progress, on_child, log_path, on_result, late_processes
                    )
                    if pool is not None:
                        outcomes.update(pool.crawl(settings, store, plan))
                    else:
                        outcomes.update(_crawl_in_child(settings, store, plan))
        finally:
            for lease in leases:
                release_lease(store, lease)
    return [outcomes[name] for name in sources]


@contextmanager
def _store(settings: Settings, db: Database | None) -> Iterator[Database]:
    if db is not None:
        yield db
        return
    from monitor.running.startup import open_store

    if settings.database_url.startswith("sqlite:///"):
        settings.data_path.mkdir(parents=True, exist_ok=True)
    opened = open_store(settings)
    try:
        yield opened
    finally:
        opened.dispose()


@dataclass(frozen=True)
class _ChildPlan:
    """What the child crawls, which of its sources catch up, its limit, and who hears from it."""

    sources: list[str]
    catch_up: list[str]
    limit: float
    on_progress: ProgressCallback | None
    on_child: ChildCallback | None
    log_path: Path | None
    on_result: ResultCallback | None = None
    late_processes: bool = False


def _crawl_in_child(settings: Settings, db: Database, plan: _ChildPlan) -> dict[str, CrawlOutcome]:
    """Start the child, read its lines, enforce the limit; every source of the plan gets an outcome."""
    sources, limit, on_progress, on_child, log_path = (
        plan.sources,
        plan.limit,
        plan.on_progress,
        plan.on_child,
        plan.log_path,
    )
    started_at = utcnow()
    close_at = time.time() + limit - close_margin(limit) if limit > 0 else None
    command = crawl_command(
        settings.path or None,
        sources,
        parent=os.getpid(),
        close_at=close_at,
        catch_up=plan.catch_up,
        late_processes=plan.late_processes,
    )
    environment = child_environment()
    outcomes: dict[str, CrawlOutcome] = {}
    interrupted: BaseException | None = None
    with log_path.open("w+b") if log_path else tempfile.TemporaryFile() as child_log:
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=child_log, env=environment, text=True) as process:
            assert process.stdout is not None
            child = CrawlChild(process)
            watchdog = None
            if limit > 0:
                reason = f"crawl_timeout of {limit:g}s reached: the crawl process was killed before it finished"
                watchdog = threading.Timer(limit, child.kill, args=(reason,))
                watchdog.daemon = True
                watchdog.start()
            try:
                if on_child is not None:
                    on_child(child)
                for line in process.stdout:
                    document = _parse_line(line)
                    if document is None:
                        continue
                    if document.get("event") == "progress" and on_progress is not None:
                        counts = {k: v for k, v in document.items() if isinstance(v, int)}
                        on_progress(str(document.get("source")), counts)
                    elif document.get("event") == "result":
                        outcome = CrawlOutcome.from_json(document)
                        outcomes[outcome.source] = outcome
                        _tell(plan.on_result, outcome)
            except BaseException as error:  # Ctrl-C (which reached the child too), or a callback that failed
                interrupted = error
                child.stop("the crawl was interrupted", wait=30.0)
            finally:
                code = process.wait()
                if watchdog is not None:
                    watchdog.cancel()
        child_log.seek(0)
        tail = _last_line(child_log.read())
    status, reason = _why_it_ended(child, code, tail)
    for name in sources:
        if name not in outcomes:
            outcomes[name] = _settle_unfinished(db, name, status, reason, started_at)
    if interrupted is not None:
        raise interrupted
    return outcomes


def _tell(on_result: ResultCallback | None, outcome: CrawlOutcome) -> None:
    """Hand one outcome on; the crawl of the other sources goes on whatever the callback does."""
    if on_result is None:
        return
    try:
        on_result(outcome)
    except Exception:
        log.exception("source=%s: handling its crawl's result failed", outcome.source)


def _why_it_ended(child: CrawlChild, code: int, tail: str) -> tuple[str, str]:
    """The status and reason for the sources a child left without a result."""
    if child.reason is not None:
        return "failed", child.reason
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return KILLED, f"the crawl process was killed by {name}"
    return "failed", tail or f"crawler process exited with status {code}"


def _settle_unfinished(db: Database, source: str, status: str, reason: str, since: datetime) -> CrawlOutcome:
    """Record the end of a source the child left without a result, and say how it went.

    Its run still ``running`` is closed with ``status`` and ``reason``; a
    run the child finished but did not report is taken as it is; a source
    whose run never started gets a run recording the failure.
    """
    closed = abandon_running(db, source, reason, status=status)
    if closed:
        return CrawlOutcome(source=source, status=status, run_id=closed[-1], error=reason, errors=1)
    with db.session() as session:
        run = session.scalar(
            select(CrawlRun)
            .join(Source, CrawlRun.source_id == Source.id)
            .where(Source.name == source, CrawlRun.started_at >= since)
            .order_by(CrawlRun.id.desc())
            .limit(1)
        )
        if run is not None and run.status != "running":
            return CrawlOutcome(
                source=source,
                status=run.status,
                run_id=run.id,
                error=run.error_text,
                pages=run.pages,
                new_articles=run.new_articles,
                revisions=run.revisions,
                duplicates=run.duplicates,
                unchanged=run.unchanged,
                not_articles=run.not_articles,
                errors=run.errors,
                listing_links=run.listing_links,
            )
    run_id = start_run(db, source)
    finish_run(db, run_id, status=status, errors=1, error_text=reason)
    return CrawlOutcome(source=source, status=status, run_id=run_id, error=reason, errors=1)


def _parse_line(line: str) -> dict[str, Any] | None:
    try:
        document = json.loads(line)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def _last_line(log: bytes) -> str:
    lines = [line.strip() for line in log.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1] if lines else ""
