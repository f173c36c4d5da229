"""Polling many sources (issue 19): CPU, requests, memory and freshness of ``signwatch daemon``.

    .venv/bin/python bench/bench_poll.py --quick             # 10 sources, this tree only (a check, < 1 min)
    .venv/bin/python bench/bench_poll.py [--sources 1000] [--interval 600] [--minutes 60] [--changed 0.01]
        [--publish-until 0.8] [--before REV] [--before-sources 100] [--before-minutes 6] [--json]

Serves a fleet of small news sites on 127.0.0.1 (``monitor.demo.mirror.fleet``,
one ``/fNNNN/news/`` listing each, ETags and 304s) and an Apprise json://
sink, writes a config watching every site on the interval, starts
``signwatch daemon`` and, after every source's first crawl (the warm-up,
reported as a phase of its own: its seconds, CPU and load), publishes
articles on ~1% of the sites per interval (``--changed``) at random moments
of the first ``--publish-until`` share of the measured minutes (so that the
last ones' alerts can arrive within them).  Each publication is a signing of
its own (a county and an amount no other article has): it alerts once.
Reports, over the measured minutes:

- CPU seconds per poll interval and as a share of one core: the daemon and
  every process under it (crawl children, their clean and store processes),
  live and reaped;
- requests and body bytes per poll of a site that did not change (its
  listing asks; robots.txt, once per crawl process and host, apart);
- resident memory of the daemon and of its whole process tree (sampled every
  2 s; shared pages count once per process, so the tree's sum overstates);
- freshness: the moment the article appeared on its site's listing -> its
  alert's arrival at the sink, p50, p95 and max, and over how many sites;
- the load average (1 min) sampled with the memory: the CPU share is
  measured on a machine others share.

``--against TREE`` runs the same load (sources, minutes, gathering window)
against the daemon of another tree (a worktree of the commit before a
change), alternating with this tree ``--pairs`` times; each run also counts
the batches the daemon crawled and the crawl processes it started in the
measured minutes (from its log).

``--before REV`` runs the same load against ``signwatch daemon`` of an earlier
commit (a git worktree, the previous design: a child process per source, no
conditional listings), with ``--before-sources`` sites: the previous design
cannot poll a thousand sites on this machine, and its warm-up alone (a
process start per source) takes most of an hour at 1,000.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.demo.mirror.fleet import FleetServer  # noqa: E402
from monitor.demo.sink import AlertSink  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def process_tree(root: int) -> list[int]:
    """``root`` and every live process under it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None:
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def tree_cpu_seconds(root: int) -> float:
    """CPU seconds of the tree: each live process's own and its reaped children's (nothing counted twice)."""
    total = 0
    for pid in process_tree(root):
        fields = _stat(pid)
        if fields is not None:
            total += sum(int(v) for v in fields[11:15])  # utime stime cutime cstime
    return total / TICKS


def rss_mib(pids: list[int]) -> float:
    """Summed resident memory of ``pids`` in MiB."""
    total = 0
    for pid in pids:
        fields = _stat(pid)
        if fields is not None:
            total += int(fields[21]) * PAGE_KIB
    return total / 1024


@dataclass
class Run:
    """One design's run: what was measured."""

    label: str
    sources: int
    interval: float
    minutes: float
    warmup_s: float = 0.0
    cpu_s: float = 0.0
    polls: float = 0.0
    unchanged_polls: int = 0
    unchanged_requests: int = 0
    unchanged_bytes: int = 0
    robots_requests: int = 0
    batches: int = 0  # batches crawled in the measured minutes (the daemon's "crawl starting" lines)
    processes: int = 0  # crawl processes started in them
    warmup_cpu_s: float = 0.0
    warmup_sources: int = 0
    warmup_load: list[float] = field(default_factory=list)
    rss_daemon: list[float] = field(default_factory=list)
    rss_tree: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)  # 1-minute load average, sampled with the memory
    delays: list[float] = field(default_factory=list)
    alerted_sites: set[str] = field(default_factory=set)
    published: int = 0
    load: tuple[float, float, float] = (0.0, 0.0, 0.0)
    changed: float = 0.01  # share of the sites publishing per interval
    alert_wait: float = 60.0  # seconds past the measured minutes the last publications' alerts are waited for
    publish_until: float = 0.8  # share of the measured minutes publications are made in

    def summary(self) -> dict[str, Any]:
        """The figures, JSON-ready."""

        def third(values: list[float], which: int) -> float:
            if not values:
                return 0.0
            size = max(1, len(values) // 3)
            part = values[:size] if which == 0 else values[-size:]
            return round(statistics.median(part), 1)

        delays = sorted(self.delays)

        def pct(q: float) -> float | None:
            return round(delays[min(len(delays) - 1, int(q * len(delays)))], 1) if delays else None

        measured = self.minutes * 60
        first_rss, last_rss = third(self.rss_daemon, 0), third(self.rss_daemon, 2)
        return {
            "design": self.label,
            "sources": self.sources,
            "changed_per_interval": self.changed,
            "interval_s": self.interval,
            "measured_min": self.minutes,
            "warmup_s": round(self.warmup_s, 1),
            "warmup_sources_done": self.warmup_sources,
            "warmup_cpu_s": round(self.warmup_cpu_s, 1),
            "warmup_load_1min_median_max": spread(self.warmup_load),
            "cpu_s_per_interval": round(self.cpu_s / self.polls, 2) if self.polls else None,
            "core_share": round(self.cpu_s / measured, 3),
            "requests_per_unchanged_poll": round(self.unchanged_requests / max(1, self.unchanged_polls), 3),
            "bytes_per_unchanged_poll": round(self.unchanged_bytes / max(1, self.unchanged_polls), 1),
            "unchanged_polls": self.unchanged_polls,
            "robots_requests": self.robots_requests,
            "batches": self.batches,
            "crawl_processes_started": self.processes,
            "cpu_s_per_source_poll": round(self.cpu_s / (self.polls * self.sources), 4) if self.polls else None,
            "rss_daemon_mib_first_third": first_rss,
            "rss_daemon_mib_last_third": last_rss,
            "rss_daemon_growth": round(last_rss / first_rss - 1, 3) if first_rss else None,
            "rss_daemon_mib_max": round(max(self.rss_daemon, default=0.0), 1),
            "rss_tree_mib_median": round(statistics.median(self.rss_tree), 1) if self.rss_tree else 0.0,
            "rss_tree_mib_max": round(max(self.rss_tree, default=0.0), 1),
            "published": self.published,
            "alerted": len(self.delays),
            "alerted_sites": len(self.alerted_sites),
            "freshness_p50_s": pct(0.5),
            "freshness_p95_s": pct(0.95),
            "freshness_max_s": round(delays[-1], 1) if delays else None,
            "load_1min_median_max": spread(self.loads),
            "load_average_at_end": self.load,
        }


def spread(values: list[float]) -> tuple[float, float] | None:
    """Median and max of ``values`` (None when none were taken)."""
    return (round(statistics.median(values), 2), round(max(values), 2)) if values else None


def finished_sources(database: Path) -> int:
    """Sources with a finished crawl run (read with sqlite3: the earlier commit's schema may differ)."""
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as connection:
            row = connection.execute(
                "select count(distinct source_id) from crawl_runs where status != 'running'"
            ).fetchone()
    except sqlite3.Error:
        return 0
    return int(row[0]) if row else 0


class AlertClock:
    """Notes when each alert first reached the sink (polling it every 0.2 s)."""

    def __init__(self, sink: AlertSink) -> None:
        self.sink = sink
        self.arrived: list[tuple[float, str]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        seen = 0
        while not self._stop.wait(0.2):
            received = self.sink.received()
            now = time.monotonic()
            for message in received[seen:]:
                self.arrived.append((now, message.title + "\n" + message.body))
            seen = len(received)

    def first(self, needle: str, after: float) -> float | None:
        """When the first alert naming ``needle`` arrived (after ``after``), or None."""
        for when, text in list(self.arrived):
            if when >= after and needle in text:
                return when
        return None

    def stop(self) -> None:
        """Stop watching."""
        self._stop.set()


def run_design(label: str, tree: Path, options: argparse.Namespace, sources: int, minutes: float) -> Run:
    """Start the daemon of ``tree`` on a fresh fleet and store, warm up, load it, measure."""
    run = Run(
        label,
        sources,
        options.interval,
        minutes,
        changed=options.changed,
        alert_wait=options.alert_wait,
        publish_until=options.publish_until,
    )
    rng = random.Random(19)
    work = Path(tempfile.mkdtemp(prefix=f"bench-poll-{label}-"))
    with FleetServer(sources, articles_per_site=options.articles) as fleet, AlertSink() as sink:
        config = work / "signwatch.toml"
        config.write_text(
            fleet.sources_toml(work / "data", schedule=f"{int(options.interval)}s", alerts_url=sink.url("bench")),
            encoding="utf-8",
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("SIGNWATCH_")}
        env["PYTHONPATH"] = str(tree)
        command = [sys.executable, "-m", "monitor", "--config", str(config), "daemon", "--delivery-interval", "5"]
        command += ["--startup-window", str(options.startup_window)]
        if label != "per-source":
            command += ["--gather-window", str(options.gather_window)]
        log = (work / "daemon.log").open("w")
        daemon = subprocess.Popen(command, cwd=tree, env=env, stderr=log, stdout=log)
        clock = AlertClock(sink)
        try:
            started = time.monotonic()
            warm_limit = started + options.warmup_limit
            while finished_sources(work / "data" / "signwatch.db") < sources and time.monotonic() < warm_limit:
                if daemon.poll() is not None:
                    raise SystemExit(f"{label}: the daemon ended: {(work / 'daemon.log').read_text()[-2000:]}")
                run.warmup_load.append(os.getloadavg()[0])
                time.sleep(1)
            run.warmup_s = time.monotonic() - started
            run.warmup_cpu_s = tree_cpu_seconds(daemon.pid)
            run.warmup_sources = finished_sources(work / "data" / "signwatch.db")
            print(f"{label}: warm-up {run.warmup_s:.0f}s ({run.warmup_sources} sources)", flush=True)
            log.flush()
            seen = (work / "daemon.log").stat().st_size
            measure(run, daemon.pid, fleet, clock, rng)
            log.flush()
            with (work / "daemon.log").open("rb") as text:
                text.seek(seen)
                measured = text.read().decode("utf-8", "replace")
            run.batches = measured.count(" crawl starting (")
            # A long-lived crawl process says when it starts; before it, every batch was a process.
            long_lived = measured.count("started (long-lived)")
            run.processes = long_lived if "(long-lived)" in (work / "daemon.log").read_text() else run.batches
        finally:
            clock.stop()
            daemon.send_signal(signal.SIGTERM)
            try:
                daemon.wait(timeout=120)
            except subprocess.TimeoutExpired:
                daemon.kill()
            log.close()
    run.load = os.getloadavg()
    return run


def measure(run: Run, daemon: int, fleet: FleetServer, clock: AlertClock, rng: random.Random) -> None:
    """The measured minutes: publications at random moments, CPU, memory and requests sampled."""
    span = run.minutes * 60
    publishing = span * run.publish_until  # publications stop here; their alerts arrive in the rest
    per_interval = max(1, round(run.sources * run.changed))
    publications = int(publishing / run.interval * per_interval)
    start = time.monotonic()
    moments = sorted(start + rng.uniform(0, publishing) for _ in range(publications))
    changed: set[str] = set()
    pending: list[tuple[str, str]] = []  # (site, article URL)
    first_log = len(fleet.requests)
    cpu_start = tree_cpu_seconds(daemon)
    next_sample = start
    while time.monotonic() < start + span:
        now = time.monotonic()
        while moments and moments[0] <= now:
            moments.pop(0)
            index = rng.randrange(run.sources)
            _article, url = fleet.publish(index)
            changed.add(fleet.styles[index].name)
            pending.append((fleet.styles[index].name, url))
        if now >= next_sample:
            run.rss_daemon.append(rss_mib([daemon]))
            run.rss_tree.append(rss_mib(process_tree(daemon)))
            run.loads.append(os.getloadavg()[0])
            next_sample = now + 2.0
            if len(run.rss_daemon) % 150 == 0:  # every five minutes: a line to follow a long run by
                print(
                    f"{label_of(run)} {now - start:.0f}s: published {len(pending)}, alerts {len(clock.arrived)}, "
                    f"daemon {run.rss_daemon[-1]:.0f} MiB, load {run.loads[-1]:.1f}",
                    flush=True,
                )
        time.sleep(0.1)
    run.cpu_s = tree_cpu_seconds(daemon) - cpu_start
    run.polls = span / run.interval
    run.published = len(pending)
    count_requests(run, fleet.requests[first_log:], changed)
    # Alerts of the last publications not arrived yet: wait up to ``alert_wait`` more for them.
    deadline = time.monotonic() + run.alert_wait
    while time.monotonic() < deadline and any(clock.first(u, fleet.appeared[u]) is None for _s, u in pending):
        time.sleep(1)
    for site, url in pending:
        appeared = fleet.appeared[url]
        arrived = clock.first(url, appeared)
        if arrived is not None:
            run.delays.append(arrived - appeared)
            run.alerted_sites.add(site)


def label_of(run: Run) -> str:
    """The run's name in progress lines."""
    return f"{run.label} ({run.sources} sources)"


def count_requests(run: Run, requests: list[Any], changed: set[str]) -> None:
    """Requests and bytes per poll of a site that had no publication in the measured minutes."""
    for request in requests:
        if request.path == "/robots.txt":
            run.robots_requests += 1
            continue
        site = request.path.split("/")[1]
        if site in changed:
            continue
        run.unchanged_requests += 1
        run.unchanged_bytes += request.body_bytes
        if request.path == f"/{site}/news/":
            run.unchanged_polls += 1


def main() -> None:
    """Run the designs and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 sources, 10 s interval, 20 s measured (< 1 min)")
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--interval", type=float, default=600.0, help="seconds between polls of a source")
    parser.add_argument("--minutes", type=float, default=60.0, help="measured minutes after the warm-up")
    parser.add_argument(
        "--publish-until", type=float, default=0.8, help="share of the measured minutes publications are made in"
    )
    parser.add_argument("--alert-wait", type=float, default=60.0, help="seconds waited for alerts past the minutes")
    parser.add_argument("--articles", type=int, default=1, help="articles on each site at the start")
    parser.add_argument("--changed", type=float, default=0.01, help="share of the sites publishing per interval")
    parser.add_argument(
        "--startup-window",
        type=float,
        default=None,
        help="daemon --startup-window: the first polls are spread over it (default: the interval, at most 60 s)",
    )
    parser.add_argument("--gather-window", type=float, default=5.0, help="daemon --gather-window of this tree")
    parser.add_argument("--warmup-limit", type=float, default=1800.0, help="seconds the first crawls may take")
    parser.add_argument("--against", type=Path, help="also run the daemon of this tree, same load, alternating")
    parser.add_argument("--pairs", type=int, default=1, help="runs of each tree with --against")
    parser.add_argument("--before", help="also run the daemon of this commit (a worktree is made under /tmp)")
    parser.add_argument("--before-sources", type=int, default=100)
    parser.add_argument("--before-minutes", type=float, default=6.0)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    # A SIGTERM (a long run stopped) ends like Ctrl-C: the daemon is stopped and its crawls with it.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(143))
    if options.quick:
        options.sources, options.interval, options.minutes, options.alert_wait = 10, 10.0, 1 / 3, 5.0
        options.changed, options.publish_until, options.startup_window = 0.1, 0.5, 2.0
        options.gather_window = 1.0
    if options.startup_window is None:
        options.startup_window = min(options.interval, 60.0)
    runs = []
    for pair in range(options.pairs if options.against else 1):
        runs.append(
            run_design(
                "batched" if not options.against else f"this-{pair + 1}",
                ROOT,
                options,
                options.sources,
                options.minutes,
            )
        )
        if options.against:
            against = options.against.resolve()
            runs.append(run_design(f"against-{pair + 1}", against, options, options.sources, options.minutes))
    if options.before:
        tree = Path(tempfile.gettempdir()) / f"bench-poll-before-{options.before}"
        if not tree.exists():
            subprocess.run(["git", "worktree", "add", "--detach", str(tree), options.before], cwd=ROOT, check=True)
        runs.append(run_design("per-source", tree, options, options.before_sources, options.before_minutes))
    figures = [run.summary() for run in runs]
    if options.json:
        print(json.dumps(figures, indent=2))
        return
    for figure in figures:
        print(json.dumps(figure, ensure_ascii=False))


if __name__ == "__main__":
    main()
