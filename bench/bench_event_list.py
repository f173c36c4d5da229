"""The Events list side by side with an earlier commit, alternating, in CPU time as well as wall time.

    .venv/bin/python bench/bench_event_list.py --url URL --before REV [--rounds 15] [--pages NAME,...]

On a shared, loaded machine the wall time of a request says more about the
other jobs than about the code (bench_workbench.py's p95s at load 20 moved
2x on pages no change touched).  Here two long-lived child processes — the
workbench of commit REV (its ``monitor`` package, extracted) and this
tree's — serve the same store, and each page of the Events list is asked
of them in turn, round after round, so load swings hit both alike.  Per
request each child reports its wall ms and the CPU ms spent on it: its own
(the app: Python, templates) plus, on PostgreSQL, that of the server
backends serving it (read from /proc by their pids, so the database's work
counts and other sessions' does not).  Printed: median wall, median CPU and
the after/before ratio of CPU per page.  The store is one bench_workbench.py
builds (e.g. ``--schema NAME --build-only``); this script builds nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# The pages: the Events list's filters, deep pages and the free text (the generator's words, bench_workbench.py).
PAGES = {
    "no filter": "/events",
    "page 50": "/events?page=50",
    "page 1000": "/events?page=1000",
    "place": "/events?place=宝山区",
    "kind": "/events?kind=groundbreaking",
    "source": "/events?source=source-07",
    "party": "/events?party=宁德时代",
    "free text": "/events?q=集成电路",
    "free text 2": "/events?q=新能源汽车",
    "place+source+text": "/events?place=上海市&source=source-07&q=生物医药",
    "date range": "/events?from=2021-01-01&to=2021-12-31",
}
# A deep page by cursor: the next page after page 999's last row, as this tree's next link names it.
CURSOR_PAGES = {"after cursor (page 1000)": ("/events?page=999", "/events?after={}")}


def _cpu_of(pids: list[int]) -> float:
    """CPU seconds used so far by these processes (utime + stime from /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def serve(url: str) -> None:
    """A child: the workbench on ``url``; reads a path a line, answers a JSON line of wall and CPU ms."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url
    from starlette.testclient import TestClient

    from monitor.config import Settings
    from monitor.store import Database
    from monitor.workbench.app import create_app

    tag = f"bench-event-list-{os.getpid()}"
    # The server backends of this child are found by an application_name of its own.
    named = make_url(url).update_query_dict({"application_name": tag}) if url.startswith("postgresql") else url
    db = Database(named if isinstance(named, str) else named.render_as_string(hide_password=False))
    app = create_app(Settings(), db)
    postgres = db.engine.dialect.name == "postgresql"

    def backends() -> list[int]:
        if not postgres:
            return []
        with db.engine.connect() as connection:
            found = connection.execute(
                text("SELECT pid FROM pg_stat_activity WHERE application_name = :tag"), {"tag": tag}
            )
            return list(found.scalars())

    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        print("ready", flush=True)
        for line in sys.stdin:
            path = line.strip()
            servers = backends()
            cpu = time.process_time() + _cpu_of(servers)
            start = time.perf_counter()
            reply = client.get(path)
            wall = time.perf_counter() - start
            cpu = time.process_time() + _cpu_of(servers) - cpu
            after = ""
            if "next_after" in reply.text:  # the JSON of a page: hand the cursor back to the caller
                after = reply.json().get("next_after") or ""
            answer = {"wall": wall * 1000, "cpu": cpu * 1000, "status": reply.status_code, "after": after}
            print(json.dumps(answer), flush=True)


def _child(url: str, code: Path) -> subprocess.Popen[str]:
    command = [sys.executable, str(Path(__file__).resolve()), "--serve", url]
    environment = {**os.environ, "PYTHONPATH": str(code)}
    child = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=environment, cwd=code
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    return child


def _ask(child: subprocess.Popen[str], path: str) -> dict[str, Any]:
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(path + "\n")
    child.stdin.flush()
    answer: dict[str, Any] = json.loads(child.stdout.readline())
    return answer


def main() -> None:
    """Measure both trees on the same store, page by page, alternating; print the medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="the store (a bench_workbench.py store)")
    parser.add_argument("--before", help="the earlier commit")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.serve:
        serve(options.serve)
        return
    if not (options.url and options.before):
        parser.error("--url and --before are needed")
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_workbench import _extract

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-event-list-") as scratch:
        trees = {"before": _extract(options.before, Path(scratch)), "after": ROOT}
        children = {label: _child(options.url, code) for label, code in trees.items()}
        results: dict[str, dict[str, list[dict[str, Any]]]] = {}
        pages = {**PAGES, **{name: pair[1] for name, pair in CURSOR_PAGES.items()}}
        for _ in range(options.rounds):
            for name, path in pages.items():
                for label, child in children.items():
                    if name in CURSOR_PAGES:
                        if label == "before":
                            continue  # the earlier tree has no cursors
                        page_before = _ask(child, "/api/v1" + CURSOR_PAGES[name][0])["after"]
                        path = CURSOR_PAGES[name][1].format(page_before)
                    results.setdefault(name, {}).setdefault(label, []).append(_ask(child, path))
        for child in children.values():
            assert child.stdin is not None
            child.stdin.close()
            child.wait()
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    print("| page | before wall / CPU ms | after wall / CPU ms | CPU after/before |")
    print("| --- | --- | --- | --- |")
    for name, runs in results.items():
        cells = []
        for label in ("before", "after"):
            answers = runs.get(label)
            if not answers:
                cells.append("-")
                continue
            statuses = {a["status"] for a in answers}
            wall = statistics.median(a["wall"] for a in answers)
            cpu = statistics.median(a["cpu"] for a in answers)
            cells.append(f"{wall:.0f} / {cpu:.0f}" + ("" if statuses == {200} else f" (HTTP {sorted(statuses)})"))
        ratio = ""
        if len(runs) == 2:
            before_cpu = statistics.median(a["cpu"] for a in runs["before"])
            after_cpu = statistics.median(a["cpu"] for a in runs["after"])
            ratio = f"{after_cpu / before_cpu:.2f}" if before_cpu else ""
        print(f"| {name} | {' | '.join(cells)} | {ratio} |", flush=True)


if __name__ == "__main__":
    main()
