"""The exceptions signwatch raises on purpose, all in one tree.

Every one of them describes a problem in one line; the CLI prints
``signwatch: error: <str(error)>`` and exits with status 2 instead of showing
a traceback (``monitor.cli``), except where a caller catches one first, as
each class's docstring says.

class                       what it means                        raised by
SignwatchError              base of everything below
├── ConfigError             bad config file, key or value        monitor.config, and modules checking their settings
├── InputError              bad user input: file, URL, option    CLI commands and what they call (text, alerts, archive)
├── ArchiveError            archive unwritable or corrupt        monitor.archive.files
├── StoreError              database (or Redis) unreachable      monitor.store.database, monitor.running.workers
│   ├── WriteConflict       two transactions' writes collided    monitor.store.database: run again, it succeeds
│   └── PartlyStored        a batch failed partway, some stored  monitor.archive.ingest
├── StoreUnavailable        a stopping worker's database is down crawler.workers.patient_store
└── PassLocked              another pass holds the pass lock     monitor.running.lock
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from monitor.records import IngestResult


class SignwatchError(Exception):
    """Base class: a problem to report to the user in one line (``monitor.cli`` catches it and exits 2)."""


class ConfigError(SignwatchError):
    """The configuration file or environment is wrong.

    Raised by monitor.config while loading, and where a setting is first
    used: alert templates, digest times and subscriptions (monitor.alerts),
    schedules and the daemon's source check (monitor.running), the
    ``[workers]`` settings (monitor.running.workers, monitor.cli.workers,
    crawler.workers) and a spider's source argument (crawler.spiders).
    """


class InputError(SignwatchError):
    """A command was given input it cannot use (a file, URL, option or filter).

    Raised by the CLI commands (monitor.cli) and by what they call with the
    user's input: monitor.text.clean, monitor.sites (an unknown site type),
    monitor.alerts (filters, subscriptions, digest times),
    monitor.archive.importer, monitor.store.event_listing,
    monitor.running.crawl and the offline mirror (monitor.demo.mirror).
    """


class ArchiveError(SignwatchError):
    """The archive directory cannot be read or written, or a file in it is corrupt (raised by monitor.archive.files)."""


class StoreError(SignwatchError):
    """The database cannot be reached or used.

    Raised by monitor.store.database (bad URL, unreachable or failing
    database, failed migration) and by monitor.running.workers when the
    workers' shared Redis is unreachable.  crawler.workers.patient_store waits and
    retries on it while a worker runs.
    """


class WriteConflict(StoreError):
    """The database aborted a transaction that collided with another's writes (a deadlock); run again, it succeeds.

    Raised by monitor.store.database's sessions; monitor.archive.ingest
    retries the batch page by page when it meets one.
    """


class PartlyStored(StoreError):
    """The database failed partway through a batch stored page by page; ``stored`` are the results of the pages before.

    Raised by monitor.archive.ingest (in the store process, so it pickles
    with its results); caught by crawler.workers.patient_store.  Those pages
    are committed: a caller that retries the batch retries only the rest, or
    it would see them as "unchanged" and miscount the run.
    """

    def __init__(self, message: str, stored: list[IngestResult]) -> None:
        super().__init__(message)
        self.stored = stored

    def __reduce__(self) -> tuple[type[PartlyStored], tuple[str, list[IngestResult]]]:
        # Raised in the store process: it must cross back with its results.
        return (PartlyStored, (str(self), self.stored))


class StoreUnavailable(SignwatchError):
    """A crawl worker is stopping while the database is still down: the item stays queued for later.

    Raised by crawler.workers.patient_store (instead of waiting on) and by
    the worker spider's ``db`` before the store is open; caught in
    crawler.workers, which leaves the request unacknowledged so it goes back
    to the shared queue.  Deliberately not a StoreError:
    ``patient_store.retry_while_down`` waits and retries on StoreError, and
    this one must end the waiting.
    """


class PassLocked(SignwatchError):
    """Another pass holds the pass lock (raised by ``monitor.running.lock.PassLock`` on entry).

    ``signwatch run`` (monitor.cli.run) catches it, says so in one
    line and exits 0: the previous pass is still working.
    """
