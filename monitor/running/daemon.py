"""``signwatch daemon``: APScheduler runs one job per source and one delivering the outbox.

A source's job only says the source is due.  The sources due within a short
gathering window (``GATHER_WINDOW``) are crawled together as one batch of a
long-lived crawl process (``monitor.running.crawl_pool``: Scrapy's reactor
cannot be restarted in a process, so the process keeps one running and
starts each batch's crawlers on it): a poll pays no process start, and the
cost of a pass grows with the pages that changed, not with the number of
sources or batches.  The pool keeps what a child per batch gave: each batch
has a timeout (its spiders close a little before ``crawl_timeout``, each
recording its run; a process that cannot close, or does not answer, is
killed, what it left recorded failed, and the next batch gets a new
process), memory is returned (a process is recycled after a number of
batches or above a memory limit), and each source's result comes back as
soon as that source's crawl ends, so its health is checked and its alerts
delivered while a slow or hung source of the same batch goes on.
At most one crawl per source runs or waits at a time and missed runs
coalesce into one (``max_instances=1``, ``coalesce=True``); at most
``MAX_PARALLEL_CRAWLS`` batches run at once.
On start, each source's next run comes from its last run in the database, so
a restart does not fire every source at once; the sources never crawled (or
overdue) run spread over a startup window of at least ``STARTUP_WINDOW``
seconds, half a second per such source beyond it, within each one's interval
(``monitor.running.first_polls``): an interval trigger repeats its first
run, so a thousand sources started in one minute would be polled in one
minute of every interval.

Runs left ``running`` by a crawl that was killed (a daemon killed with its
children, say) are closed as ``killed`` at start and every few minutes
after (``monitor.running.stale``), and count against their source's health.

Signals: SIGTERM and SIGINT stop scheduling, let running crawls finish for
the grace period, then end them, wait for every job to finish recording,
and the daemon exits 0: nothing is recorded after "daemon stopped".  SIGHUP
reloads the config and reschedules the sources.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from types import FrameType

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from monitor.alerts.subscriptions import sync_config_subscriptions
from monitor.config import Settings, load_settings
from monitor.errors import ConfigError, SignwatchError
from monitor.running.crawl import CrawlChild, CrawlOutcome
from monitor.running.crawl_pool import CrawlPool
from monitor.running.first_polls import first_poll_offsets
from monitor.running.passes import close_stale, crawl_sources, deliver
from monitor.running.runs import last_run_started
from monitor.running.schedule import parse_schedule
from monitor.running.source_check import check_all
from monitor.running.startup import open_store
from monitor.running.workers import QUEUED
from monitor.store import utcnow

log = logging.getLogger("signwatch.daemon")

# Seconds: new and overdue sources start spread over at least this window (longer with many
# sources, never past a source's interval: monitor.running.first_polls).
STARTUP_WINDOW = 45.0
DELIVERY_INTERVAL = 60.0
STALE_CHECK_INTERVAL = 300.0  # seconds between looks for runs whose crawl was killed
SHUTDOWN_REASON = "ended by daemon shutdown"
JITTER_FRACTION = 0.1  # of the interval, at most JITTER_MAX seconds
JITTER_MAX = 300
MAX_PARALLEL_CRAWLS = 3  # batches (each in a long-lived crawl process of its own) at once
# Seconds: the sources due within it are crawled as one batch.  Longer makes fewer, larger
# batches and adds up to as much to an alert's delay.
GATHER_WINDOW = 5.0
MAX_BATCH = 500  # sources in one batch; more due at once make several


def check_enabled_sources(settings: Settings) -> None:
    """Raise a ConfigError naming the first problem of an enabled source (as ``sources check`` finds them)."""
    problems = check_all([source for source in settings.sources if source.enabled])
    if problems:
        more = f" (and {len(problems) - 1} more: signwatch sources check)" if len(problems) > 1 else ""
        raise ConfigError(f"{problems[0]}{more}")


class Daemon:
    """The long-running scheduler; ``serve`` blocks until a stop signal."""

    def __init__(
        self,
        config_path: Path | None,
        *,
        grace: float = 30.0,
        delivery_interval: float = DELIVERY_INTERVAL,
        startup_window: float = STARTUP_WINDOW,
        gather_window: float = GATHER_WINDOW,
    ):
        """Load the config and open the store; nothing is scheduled until ``serve``."""
        self.config_path = config_path
        self.grace = grace
        self.gather_window = gather_window
        self.delivery_interval = delivery_interval
        self.startup_window = startup_window
        self.settings: Settings = load_settings(config_path)
        self.db = open_store(self.settings)
        self.scheduler = BackgroundScheduler(
            timezone="UTC",
            # A source's job only queues it (the batches run in threads of their own).
            executors={"default": ThreadPoolExecutor(max_workers=4)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        self._stop = threading.Event()
        self._reload = threading.Event()
        self._ending = False  # set once shutdown ends the crawls still running: a crawl starting then is ended at once
        self._children: dict[int, CrawlChild] = {}  # by batch number
        self._running: set[str] = set()  # sources waiting in the queue or being crawled
        self._queued: list[str] = []  # due sources not yet in a batch, in the order they fell due
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._slots = threading.Semaphore(MAX_PARALLEL_CRAWLS)
        self._batches: list[threading.Thread] = []
        self._batch_number = 0
        self._gatherer: threading.Thread | None = None
        # Long-lived crawl processes, one batch at a time each: a batch pays no process start.
        self.pool = CrawlPool()  # as many processes as batches at once: MAX_PARALLEL_CRAWLS

    # -- scheduling ------------------------------------------------------

    def _due_at(self, name: str, schedule_text: str) -> datetime | None:
        """When a source is next due by its last run in the database (None: never crawled)."""
        last = last_run_started(self.db, name)
        return None if last is None else parse_schedule(schedule_text).next_after(last)

    def schedule_sources(self) -> None:
        """(Re)create one job per enabled source, next runs taken from the database.

        Sources never crawled, or overdue, poll first spread over a window that
        grows with their number, within their interval (``first_polls``); the
        others poll when their last run makes them due.
        """
        for job in self.scheduler.get_jobs():
            if job.id.startswith("crawl:"):
                job.remove()
        now = utcnow()
        enabled = [s for s in self.settings.sources if s.enabled]
        due = {source.name: self._due_at(source.name, source.schedule) for source in enabled}
        starting = [s for s in enabled if (when := due[s.name]) is None or when <= now]
        offsets = first_poll_offsets([parse_schedule(s.schedule) for s in starting], now, self.startup_window)
        first_runs = {s.name: now + timedelta(seconds=offset) for s, offset in zip(starting, offsets, strict=True)}
        for source in enabled:
            schedule = parse_schedule(source.schedule)
            jitter = None
            if schedule.interval is not None:
                jitter = int(min(JITTER_MAX, schedule.interval.total_seconds() * JITTER_FRACTION)) or None
            self.scheduler.add_job(
                self.crawl_source,
                trigger=schedule.trigger(jitter),
                args=[source.name],
                id=f"crawl:{source.name}",
                name=f"crawl {source.name}",
                next_run_time=first_runs.get(source.name) or due[source.name],
                replace_existing=True,
            )
            log.info("source=%s scheduled (%s)", source.name, source.schedule)
        if starting:
            log.info("%d new or overdue sources poll first within %.0f s", len(starting), max(offsets))

    def crawl_source(self, name: str) -> None:
        """A source is due: queue it for the next batch (nothing happens if it is queued or crawled already).

        With workers, its run is queued for them at once: nothing is crawled here, no batch is needed.
        """
        if self.settings.workers.redis_url:
            if not self._stop.is_set():
                try:
                    crawl_sources(self.settings, self.db, [name])
                except Exception:  # a job must never take the daemon down
                    log.exception("source=%s queueing for the workers failed", name)
            return
        with self._wake:
            if self._stop.is_set() or name in self._running:
                return
            self._running.add(name)
            self._queued.append(name)
            self._wake.notify()

    def _gather(self) -> None:
        """Start a batch for the sources that fell due within the gathering window, while a slot is free."""
        while not self._stop.is_set():
            with self._wake:
                if not self._queued:
                    self._wake.wait(0.5)
                    continue
            # Sources due at nearly the same moment (a tick of many sources) share the process.
            if self._stop.wait(self.gather_window):
                break
            while not self._slots.acquire(timeout=0.5):
                if self._stop.is_set():
                    break
            else:
                with self._wake:
                    if self._stop.is_set():
                        self._slots.release()
                        break
                    batch, self._queued = self._queued[:MAX_BATCH], self._queued[MAX_BATCH:]
                    self._batch_number += 1
                    number = self._batch_number
                thread = threading.Thread(target=self._crawl_batch, args=(number, batch), name=f"batch-{number}")
                self._batches = [t for t in self._batches if t.is_alive()] + [thread]
                thread.start()
        with self._wake:  # stopping: what is still queued is not crawled (it is due again at the next start)
            self._running.difference_update(self._queued)
            self._queued.clear()

    def _crawl_batch(self, number: int, names: list[str]) -> None:
        """One batch of a crawl process for ``names``; each source's health and alerts as soon as its crawl ended."""
        try:
            if not self.settings.workers.redis_url:
                log.info("sources=%s crawl starting (%d in one process)", ",".join(names), len(names))
            crawl_sources(
                self.settings,
                self.db,
                names,
                timeout=self.settings.crawler.crawl_timeout,
                on_child=lambda child: self._register(number, child),
                on_outcome=self._source_done,
                # Most polls find nothing new: the child starts its clean and store processes on need.
                late_processes=True,
                pool=self.pool,
            )
        except Exception:  # a batch must never take the daemon down
            log.exception("sources=%s crawl job failed", ",".join(names))
        finally:
            with self._wake:
                self._running.difference_update(names)
                self._children.pop(number, None)
            self._slots.release()

    def _source_done(self, outcome: CrawlOutcome) -> None:
        """A source of a batch ended: deliver what its crawl stored (queued runs are the workers' to store)."""
        if outcome.status == QUEUED or self._stop.is_set():
            return
        if outcome.new_articles or outcome.revisions:
            self.deliver_outbox()

    def _register(self, number: int, child: CrawlChild) -> None:
        with self._lock:
            self._children[number] = child
            ending = self._ending
        if ending:
            child.stop(SHUTDOWN_REASON)

    def close_stale_runs(self) -> None:
        """Close runs whose crawl was killed (also a job of its own, every few minutes)."""
        try:
            close_stale(self.settings, self.db)
        except Exception:
            log.exception("closing stale runs failed")

    def deliver_outbox(self) -> None:
        """Deliver what is due in the outbox (also a job of its own, every minute)."""
        try:
            sent, failed = deliver(self.settings, self.db)
            if sent or failed:
                log.info("outbox delivered=%d failed=%d", sent, failed)
        except Exception:
            log.exception("outbox delivery failed")

    # -- signals and lifetime --------------------------------------------

    def _on_stop(self, signum: int, _frame: FrameType | None) -> None:
        log.info("received %s: stopping", signal.Signals(signum).name)
        self._stop.set()

    def _on_hup(self, _signum: int, _frame: FrameType | None) -> None:
        self._reload.set()

    def reload(self) -> None:
        """Re-read the config and reschedule; a bad config keeps the old one."""
        try:
            settings = load_settings(self.config_path)
            check_enabled_sources(settings)
        except SignwatchError as error:
            log.error("config reload failed, keeping the running config: %s", error)
            return
        self.settings = settings
        with self.db.session() as session:
            sync_config_subscriptions(session, settings.subscriptions, settings.alerts.apprise_config)
        self.schedule_sources()
        log.info("config reloaded: %d enabled sources", sum(s.enabled for s in settings.sources))

    def serve(self) -> int:
        """Run until SIGTERM/SIGINT; return the exit status (0 on a clean stop)."""
        check_enabled_sources(self.settings)  # before any thread starts: a bad source is a one-line error
        signal.signal(signal.SIGTERM, self._on_stop)
        signal.signal(signal.SIGINT, self._on_stop)
        signal.signal(signal.SIGHUP, self._on_hup)
        self.close_stale_runs()
        self._gatherer = threading.Thread(target=self._gather, name="gather", daemon=True)
        self._gatherer.start()
        self.scheduler.start()
        self.schedule_sources()
        self.scheduler.add_job(
            self.close_stale_runs,
            IntervalTrigger(seconds=STALE_CHECK_INTERVAL, timezone="UTC"),
            id="stale",
            name="close stale runs",
        )
        self.scheduler.add_job(
            self.deliver_outbox,
            IntervalTrigger(seconds=self.delivery_interval, timezone="UTC"),
            id="deliver",
            name="deliver outbox",
            next_run_time=utcnow() + timedelta(seconds=5),
        )
        log.info("daemon started with %d enabled sources", sum(s.enabled for s in self.settings.sources))
        while not self._stop.wait(0.5):
            if self._reload.is_set():
                self._reload.clear()
                self.reload()
            # A burst's extra crawl processes return their memory once unused, whether or not a batch comes.
            self.pool.reap_idle()
        return self.shutdown()

    def shutdown(self) -> int:
        """Stop scheduling, give running crawls the grace period, end the rest, wait for every job.

        Each job records its own crawl (a crawl ended here is failed with
        SHUTDOWN_REASON by the job's ``run_crawl``), so the daemon waits for
        the jobs, not only for their children: when "daemon stopped" is
        logged, nothing is left to write.
        """
        self._stop.set()
        self.scheduler.pause()
        deadline = time.monotonic() + self.grace
        while time.monotonic() < deadline:
            with self._lock:
                if not self._running:
                    break
            time.sleep(0.2)
        with self._lock:
            self._ending = True
            leftovers = dict(self._children)
        enders = []
        for number, child in leftovers.items():
            log.warning(
                "crawl process %d (batch %d) still running after the grace period: ending it", child.pid, number
            )
            ender = threading.Thread(target=child.stop, args=(SHUTDOWN_REASON,), name=f"end-{number}")
            ender.start()
            enders.append(ender)
        for ender in enders:
            ender.join()
        # Every crawl process is asked to end and killed after a while: the idle ones, and those whose batch was
        # still handing its sources over (not registered above; a new one may take minutes to start).
        self.pool.close()
        # Batches that were running finish now: their children are gone, they record the runs and return.
        if self._gatherer is not None:
            self._gatherer.join()
        for batch in list(self._batches):
            batch.join()
        self.scheduler.shutdown(wait=True)
        log.info("daemon stopped")
        return 0
