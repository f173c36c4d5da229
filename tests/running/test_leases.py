"""Crawl leases on real SQLite and PostgreSQL: who may take one, a race of processes, the workers' runs."""

from __future__ import annotations

import multiprocessing
import os
import socket
import subprocess
import sys
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from monitor.alerts.health import check_source_health
from monitor.running.leases import (
    Held,
    Lease,
    boot_id,
    holder_gone,
    process_alive,
    process_owner,
    release_lease,
    renew_lease,
    renew_owned,
    take_lease,
    workers_owner,
)
from monitor.running.runs import start_run
from monitor.running.workers import QUEUED, add_run_counts, settle_queued_runs, take_run_lease
from monitor.store import CrawlRun, Database, Source, utcnow


def _gone_pid() -> int:
    """The pid of a process that ran and was reaped."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _owner(host: str, pid: int, boot: str) -> str:
    return f"{host} pid {pid} boot {boot} #0123abcd"


def _holders() -> dict[str, str]:
    here, boot = socket.gethostname(), boot_id()
    return {
        "alive here": _owner(here, os.getpid(), boot),
        "gone here": _owner(here, _gone_pid(), boot),
        "gone, other host": _owner("elsewhere.invalid", _gone_pid(), boot),
        "gone, earlier boot": _owner(here, _gone_pid(), "00000000"),
        "a workers run": workers_owner(7),
    }


# (the holder now, its lease ran out?, the taker's takes_over, does the taker win?)
CASES = [
    ("alive here", False, (), False),
    ("alive here", True, (), True),  # ran out: free, however alive its holder
    ("gone here", False, (), True),  # a process of this machine that is gone: free at once
    ("gone, other host", False, (), False),  # cannot be told from here: wait for it to run out
    ("gone, earlier boot", False, (), False),
    ("a workers run", False, (), False),
    ("a workers run", False, ("workers run ",), True),  # a newer workers run takes over an older one
    ("alive here", False, ("workers run ",), False),  # ... but never a single-host crawl's
]


@pytest.mark.parametrize(("holder", "ran_out", "takes_over", "wins"), CASES)
def test_who_may_take_a_held_lease(
    db: Database, holder: str, ran_out: bool, takes_over: tuple[str], wins: bool
) -> None:
    owner = _holders()[holder]
    first = take_lease(db, "site", owner=owner, seconds=300)
    assert first == Lease("site", owner)
    later = utcnow() + timedelta(seconds=301 if ran_out else 1)
    second = take_lease(db, "site", takes_over=takes_over, now=later)
    if wins:
        assert isinstance(second, Lease)
        assert not release_lease(db, first)  # the old holder's release frees nothing now
        assert release_lease(db, second)
    else:
        assert isinstance(second, Held)
        assert second.owner == owner
        assert second.describe().startswith("being crawled by ") and "#" not in second.describe()


def test_renew_release_and_a_fresh_source(db: Database) -> None:
    lease = take_lease(db, "new-site", site_type="zblog")  # the source row is made on first sight
    assert isinstance(lease, Lease)
    with db.session() as session:
        row = session.scalars(select(Source).where(Source.name == "new-site")).one()
        assert (row.site_type, row.lease_owner) == ("zblog", lease.owner)
    assert renew_lease(db, lease)
    assert renew_owned(db, [lease.owner, "nobody"]) == 1
    assert release_lease(db, lease)
    assert not renew_lease(db, lease)  # released: not ours any more
    assert not release_lease(db, lease)
    again = take_lease(db, "new-site")
    assert isinstance(again, Lease) and again.owner != lease.owner  # a fresh token per lease


def test_a_process_here_is_alive_until_it_is_gone() -> None:
    assert process_alive(os.getpid())
    assert not process_alive(_gone_pid())
    assert not holder_gone(process_owner())
    assert holder_gone(_owner(socket.gethostname(), _gone_pid(), boot_id())) is (boot_id() != "-")
    assert not holder_gone(workers_owner(3))
    assert not holder_gone(None)


def _race(url: str, start: Any, done: Any, results: Any) -> None:
    db = Database(url)
    start.wait()
    got = take_lease(db, "contested")
    results.put("won" if isinstance(got, Lease) else "held")
    done.wait()  # the winner lives until all have tried (a holder that is gone would leave the lease free)
    db.dispose()


@pytest.mark.slow
def test_of_many_processes_taking_one_lease_at_once_exactly_one_wins(database_url: str, db: Database) -> None:
    setup = take_lease(db, "contested")  # the source row exists before the race, its lease free
    assert isinstance(setup, Lease) and release_lease(db, setup)
    context = multiprocessing.get_context("spawn")
    start, done, results = context.Barrier(6), context.Barrier(6), context.Queue()
    racers = [context.Process(target=_race, args=(database_url, start, done, results)) for _ in range(6)]
    for racer in racers:
        racer.start()
    outcomes = sorted(results.get(timeout=120) for _ in racers)
    for racer in racers:
        racer.join()
    assert outcomes == ["held"] * 5 + ["won"]


def _queued_run(db: Database, source: str) -> int:
    run_id = start_run(db, source, "zblog")
    with db.session() as session:
        run = session.get(CrawlRun, run_id)
        assert run is not None
        run.status = QUEUED
    return run_id


def test_a_workers_run_holds_its_source_from_start_message_to_settling(db: Database) -> None:
    first, second = _queued_run(db, "shared"), _queued_run(db, "shared")
    assert take_run_lease(db, "shared", first) is None
    # A single-host crawl of the source is skipped while the workers crawl it ...
    held = take_lease(db, "shared")
    assert isinstance(held, Held) and held.owner == workers_owner(first)
    # ... a newer workers run takes the shared crawl over ...
    assert take_run_lease(db, "shared", second) is None
    with db.session() as session:
        before = session.scalar(select(Source.lease_until).where(Source.name == "shared"))
    # ... and every worker adding its counts renews it.
    add_run_counts(db, {second: {"pages": 2}})
    with db.session() as session:
        row = session.scalars(select(Source).where(Source.name == "shared")).one()
        assert row.lease_owner == workers_owner(second)
        assert before is not None and row.lease_until is not None and row.lease_until >= before
    # Settled when the next run is queued: the lease is given back.
    assert sorted(settle_queued_runs(db, "shared")) == [first, second]
    assert isinstance(take_lease(db, "shared"), Lease)


def test_a_workers_run_whose_source_a_single_host_crawl_holds_is_skipped(db: Database) -> None:
    crawl = take_lease(db, "busy-site", owner=process_owner())
    assert isinstance(crawl, Lease)
    run_id = _queued_run(db, "busy-site")
    reason = take_run_lease(db, "busy-site", run_id)
    assert reason is not None and reason.startswith("skipped: being crawled by ")
    with db.session() as session:
        run = session.get(CrawlRun, run_id)
        assert run is not None and (run.status, run.error_text) == ("skipped", reason)
        assert run.finished_at is not None
    # Skipped is no failure of the source.
    assert check_source_health(db, "busy-site", threshold=1) is None
