"""What the Overview's summary triggers (migration 0012) cost the storing transaction, per event stored.

    .venv/bin/python bench/bench_overview_triggers.py [--articles 100] [--rounds 3]
        [--backend sqlite|postgres|both] [--postgres-url URL] [--quick]

The same mirror pages (``bench_store.mirror_pages``: fetched over HTTP,
cleaned and extracted once) are stored through the whole storing
transaction (``ingest_pages``, batches of 16, as the crawl's store process
does) into fresh stores of this tree, alternately with the triggers that
keep ``overview_cells`` / ``overview_clusters`` and with those triggers
dropped (``monitor.store.overview_cells.drop_triggers``): the only
difference between the two columns.  Reported per backend: the median over
the rounds of the CPU milliseconds per article and per event stored, and the
triggers' share.  On SQLite the triggers run in this process (its CPU time);
on PostgreSQL in the server, so the CPU time of the server processes that
served the store's connections is read from /proc and added.  A store with
the triggers must end with the summary a refill computes from its events
(checked).  ``--quick``: 25 articles per site, 1 round, under a minute.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_store import ROOT, mirror_pages

from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.records import PageToStore
from monitor.store import Database
from monitor.store.event_models import EventRow
from monitor.store.overview_cells import KEY_COLUMNS, drop_triggers, refill
from monitor.store.schemas import scratch_schema

BATCH = 16
TICKS = os.sysconf("SC_CLK_TCK")


def _process_cpu(pid: int) -> float:
    """Seconds of CPU (user + system) process ``pid`` has used, from /proc (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


@contextmanager
def _store(backend: str, postgres_url: str) -> Iterator[str]:
    """A fresh, empty database URL of ``backend`` (a temporary SQLite file, or a PostgreSQL schema), removed after."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="bench-triggers-") as directory:
            yield f"sqlite:///{Path(directory) / 'store.db'}"
        return
    with scratch_schema(postgres_url, "bench_triggers") as url:
        yield url


def _cells(db: Database) -> list[tuple[Any, ...]]:
    """The summary cells that count something (a share moved out of a cell leaves it at zero, kept: no row is
    deleted by the triggers), signed yuan rounded (sums in another order differ in the last bits)."""
    keys = ", ".join(KEY_COLUMNS)
    with db.engine.connect() as connection:
        rows = connection.execute(
            text(f"SELECT {keys}, round(signed), events FROM overview_cells WHERE events <> 0 ORDER BY {keys}")
        )
        return [tuple(row) for row in rows]


def store_once(backend: str, postgres_url: str, pages: list[PageToStore], triggers: bool) -> dict[str, Any]:
    """Store ``pages`` into a fresh store with or without the summary triggers; CPU per article and event."""
    with _store(backend, postgres_url) as url, tempfile.TemporaryDirectory(prefix="bench-triggers-archive-") as files:
        db = Database(url)
        db.upgrade()
        if not triggers:
            with db.engine.begin() as connection:
                drop_triggers(connection)
        servers: set[int] = set()
        if backend == "postgres":

            @event.listens_for(db.engine, "connect")
            def note_server(connection: Any, _record: Any) -> None:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_backend_pid()")
                    servers.add(int(cursor.fetchone()[0]))

            db.engine.dispose()  # the upgrade's connections were made before the listener
        archive = Archive(Path(files) / "archive")
        server_before: dict[int, float] = {}
        started_cpu, started = time.process_time(), time.perf_counter()
        for start in range(0, len(pages), BATCH):
            if start == 0 and backend == "postgres":
                with db.engine.connect():  # open the pool's connection, then read its server's CPU so far
                    pass
                server_before = {pid: _process_cpu(pid) for pid in servers}
            ingest_pages(db, archive, pages[start : start + BATCH])
        client = time.process_time() - started_cpu
        wall = time.perf_counter() - started
        server = sum(_process_cpu(pid) - server_before.get(pid, 0.0) for pid in servers)
        with db.session() as session:
            events = int(session.scalar(select(func.count(EventRow.id))) or 0)
        kept = _cells(db) if triggers else None
        if kept is not None:
            with db.engine.begin() as connection:
                refill(connection)
            if _cells(db) != kept:
                raise SystemExit(f"{backend}: the triggers' summary differs from a refill of the stored events")
        db.dispose()
    return {"cpu": client + server, "server": server, "wall": wall, "events": events}


def main() -> None:
    """Run the rounds, alternating the two stores, and print a markdown table per backend."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100, help="generated articles per site (4 sites)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--postgres-url", default="postgresql+psycopg://127.0.0.1:5432/test")
    parser.add_argument("--quick", action="store_true", help="25 articles per site, 1 round")
    options = parser.parse_args()
    if options.quick:
        options.articles, options.rounds = 25, 1
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start ({ROOT.name})", flush=True)
    pages = mirror_pages(options.articles)
    backends = ["sqlite", "postgres"] if options.backend == "both" else [options.backend]
    for backend in backends:
        runs: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
        for round_ in range(options.rounds):
            # alternate which goes first, so a load that changes during the run falls on both
            for triggers in (True, False) if round_ % 2 == 0 else (False, True):
                runs[triggers].append(store_once(backend, options.postgres_url, pages, triggers))
        events = {run["events"] for found in runs.values() for run in found}
        if len(events) != 1:
            raise SystemExit(f"{backend}: the stores hold different events: {sorted(events)}")
        count = events.pop()
        print(f"\n{backend}: {len(pages)} articles, {count} events, batches of {BATCH}, {options.rounds} rounds")
        print("| store | CPU ms / article | CPU ms / event | of which server | wall ms / article |")
        print("| --- | ---: | ---: | ---: | ---: |")
        medians = {}
        for triggers, label in ((False, "triggers dropped"), (True, "with the triggers")):
            cpu = statistics.median(run["cpu"] for run in runs[triggers])
            server = statistics.median(run["server"] for run in runs[triggers])
            wall = statistics.median(run["wall"] for run in runs[triggers])
            medians[triggers] = cpu
            print(
                f"| {label} | {1000 * cpu / len(pages):.2f} | {1000 * cpu / count:.2f} "
                f"| {1000 * server / count:.2f} | {1000 * wall / len(pages):.2f} |"
            )
        extra = medians[True] - medians[False]
        print(
            f"triggers: {1000 * extra / count:+.2f} CPU ms per event stored "
            f"({medians[True] / medians[False]:.3f}x the store's CPU)",
            flush=True,
        )
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end", flush=True)


if __name__ == "__main__":
    main()
