"""Crawl leases: one source is crawled by one process at a time, across passes, daemons and hosts.

A lease is two columns of the source's row (``sources.lease_owner``,
``sources.lease_until``), taken with one conditional UPDATE — only when the
lease is free, ran out, or its holder is a process of this machine that is
gone — so two takers can never both win, on SQLite or PostgreSQL, on one host
or many.  The holder renews it while it crawls (``LeaseKeeper``) and
releases it at the end; a holder that dies without releasing it loses it when
it runs out, or at once to a process on its own machine, which can see the
holder is gone.

An owner names its process (``host pid N boot B #token``: a token per lease,
so two crawls in one daemon never mistake each other's leases for their
own), or a crawl run of the Redis workers (``workers run N``), which any
worker serving that run renews.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from monitor.archive.storing import ensure_source
from monitor.errors import SignwatchError
from monitor.store import Database, Source, utcnow

log = logging.getLogger("signwatch.lease")

# A lease runs out this long after it was last taken or renewed.  Long enough
# for a busy database to let a renewal through; short enough that a crawl
# killed on another host holds its source back for minutes, not hours.
LEASE_SECONDS = 300.0
# How often a holder renews: several renewals fit in one lease.
RENEW_SECONDS = 60.0

WORKERS_OWNER = "workers run "
_PROCESS_OWNER = re.compile(r"^(?P<host>.+) pid (?P<pid>\d+) boot (?P<boot>[0-9a-f-]+) #[0-9a-f]+$")


@dataclass(frozen=True)
class Lease:
    """A lease this process holds on a source."""

    source: str
    owner: str


@dataclass(frozen=True)
class Held:
    """A lease someone else holds: who, and until when."""

    source: str
    owner: str
    until: datetime | None

    def describe(self) -> str:
        """One line: who crawls the source and until when the lease runs."""
        until = f" (lease until {self.until:%Y-%m-%d %H:%M:%S} UTC)" if self.until else ""
        return f"being crawled by {self.owner.split(' #', 1)[0]}{until}"


@cache
def boot_id() -> str:
    """This machine's boot id (Linux), or ``-`` where there is none: pids mean nothing across boots."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()[:8] or "-"
    except OSError:
        return "-"


def process_owner() -> str:
    """A new owner name for a lease this process takes: its host, pid, boot and a fresh token."""
    return f"{socket.gethostname()} pid {os.getpid()} boot {boot_id()} #{uuid.uuid4().hex[:8]}"


def workers_owner(run_id: int) -> str:
    """The owner name of a lease held by a crawl run of the Redis workers."""
    return f"{WORKERS_OWNER}{run_id}"


def holder_gone(owner: str | None) -> bool:
    """Whether ``owner`` is a process of this machine (same host and boot) that no longer runs.

    A holder elsewhere, or one that cannot be told apart, is taken to be
    alive: its lease is then only free once it runs out.
    """
    match = _PROCESS_OWNER.match(owner or "")
    if match is None or match["boot"] == "-":
        return False
    if match["host"] != socket.gethostname() or match["boot"] != boot_id():
        return False
    return not process_alive(int(match["pid"]))


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, killed and not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return False
    except OSError:
        stat = ""
    if stat:
        # The state follows the command name, which is in parentheses and may hold anything.
        state = stat.rsplit(")", 1)[-1].split()[:1]
        return state not in (["Z"], ["X"])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _ensure_source_row(db: Database, source: str, site_type: str | None) -> None:
    for attempt in range(2):
        try:
            with db.session() as session:
                ensure_source(session, source, site_type)
            return
        except IntegrityError:
            if attempt:  # another process made the row meanwhile: it is there now
                raise


def current_holder(db: Database, source: str) -> Held | None:
    """Who holds the lease of ``source`` now (None when nobody does, or it ran out)."""
    with db.session() as session:
        row = session.execute(select(Source.lease_owner, Source.lease_until).where(Source.name == source)).first()
    if row is None or row[0] is None or row[1] is None or row[1] < utcnow():
        return None
    return Held(source, row[0], row[1])


def take_lease(
    db: Database,
    source: str,
    *,
    owner: str | None = None,
    site_type: str | None = None,
    seconds: float = LEASE_SECONDS,
    takes_over: Iterable[str] = (),
    now: datetime | None = None,
) -> Lease | Held:
    """Take the crawl lease of ``source`` for ``seconds``: a ``Lease``, or who ``Held`` it.

    One UPDATE decides, so of two takers at once exactly one wins.  It is
    free when nobody holds it, it ran out, its holder is a process of this
    machine that is gone, or its owner starts with one of ``takes_over``.
    """
    owner = owner or process_owner()
    now = now or utcnow()
    _ensure_source_row(db, source, site_type)
    with db.session() as session:
        holder = session.scalar(select(Source.lease_owner).where(Source.name == source))
    free = [Source.lease_owner.is_(None), Source.lease_until.is_(None), Source.lease_until < now]
    if holder is not None and (holder_gone(holder) or any(holder.startswith(prefix) for prefix in takes_over)):
        # Compare and swap on the very owner read above: if anyone took it since, this matches nothing.
        free.append(Source.lease_owner == holder)
    with db.session() as session:
        taken = session.execute(
            update(Source)
            .where(Source.name == source, or_(*free))
            .values(lease_owner=owner, lease_until=now + timedelta(seconds=seconds))
            .execution_options(synchronize_session=False)
        )
        won = taken.rowcount == 1  # type: ignore[attr-defined]
    if won:
        if holder is not None and holder != owner:
            log.debug("source=%s lease taken over from %s", source, holder)
        return Lease(source, owner)
    with db.session() as session:
        row = session.execute(select(Source.lease_owner, Source.lease_until).where(Source.name == source)).one()
    return Held(source, row[0] or "another process", row[1])


def renew_lease(db: Database, lease: Lease, *, seconds: float = LEASE_SECONDS) -> bool:
    """Extend ``lease`` by ``seconds`` from now; False when it is no longer ours."""
    with db.session() as session:
        renewed = session.execute(
            update(Source)
            .where(Source.name == lease.source, Source.lease_owner == lease.owner)
            .values(lease_until=utcnow() + timedelta(seconds=seconds))
            .execution_options(synchronize_session=False)
        )
        return bool(renewed.rowcount == 1)  # type: ignore[attr-defined]


def renew_owned(db: Database, owners: Iterable[str], *, seconds: float = LEASE_SECONDS) -> int:
    """Extend every lease held by one of ``owners`` (the workers' runs); return how many."""
    names = sorted(set(owners))
    if not names:
        return 0
    with db.session() as session:
        renewed = session.execute(
            update(Source)
            .where(Source.lease_owner.in_(names))
            .values(lease_until=utcnow() + timedelta(seconds=seconds))
            .execution_options(synchronize_session=False)
        )
        return int(renewed.rowcount)  # type: ignore[attr-defined]


def release_owned(db: Database, owners: Iterable[str]) -> int:
    """Free every lease held by one of ``owners``; return how many (leases others took since are kept)."""
    names = sorted(set(owners))
    if not names:
        return 0
    with db.session() as session:
        released = session.execute(
            update(Source)
            .where(Source.lease_owner.in_(names))
            .values(lease_owner=None, lease_until=None)
            .execution_options(synchronize_session=False)
        )
        return int(released.rowcount)  # type: ignore[attr-defined]


def release_lease(db: Database, lease: Lease) -> bool:
    """Give ``lease`` back; False when it was no longer ours."""
    return release_owned(db, [lease.owner]) == 1


class LeaseKeeper:
    """Renews leases in a thread while a crawl holds them (a context manager)."""

    def __init__(self, db: Database, leases: Iterable[Lease], *, every: float = RENEW_SECONDS) -> None:
        """Keep ``leases`` renewed every ``every`` seconds from entry to exit."""
        self.db = db
        self.leases = list(leases)
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="signwatch-lease", daemon=True)

    def __enter__(self) -> LeaseKeeper:
        if self.leases:
            self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            for lease in self.leases:
                try:
                    if not renew_lease(self.db, lease):
                        log.warning("source=%s lease lost: another process took it over", lease.source)
                except SignwatchError as error:  # the database may be down for a moment: try again next time
                    log.warning("source=%s lease not renewed: %s", lease.source, error)
