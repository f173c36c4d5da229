"""Daemon soak: 10 mirror sources at short intervals for 10 minutes.

    .venv/bin/python bench/bench_soak.py [--minutes 10] [--interval 30] [--json]

Starts the offline mirror and an Apprise sink on 127.0.0.1, writes a config
with ten sources (the four mirror sites, several under two or three names,
each name crawled on its own schedule), starts ``signwatch daemon`` and keeps
publishing an article every 20 seconds.  Reports crawl runs completed and
missed (a source's due runs that never started), alerts delivered, and the
daemon's resident memory after warm-up and at the end (target: growth under
10%).  Crawls run in child processes; their memory is not the daemon's.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from monitor.config import load_settings  # noqa: E402
from monitor.demo.mirror.server import MirrorServer  # noqa: E402
from monitor.demo.sink import AlertSink  # noqa: E402
from monitor.store import CrawlRun, Database  # noqa: E402

SITES = ("zblog", "dedecms", "taiwancn", "generic")


def rss_kib(pid: int) -> int:
    """Resident set size of a process, in KiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"VmRSS:\s+(\d+)", status)
    return int(match.group(1)) if match else 0


def ten_sources(mirror: MirrorServer, data_dir: Path, interval: int) -> str:
    """The mirror's config with every source repeated under other names, ten in all."""
    text = mirror.sources_toml(data_dir).replace('schedule = "30m"', f'schedule = "{interval}s"')
    blocks = text.split("\n[[sources]]\n")
    head, sources = blocks[0], blocks[1:]
    extra = []
    for copy in range(2):
        for block in sources:
            if len(sources) + len(extra) >= 10:
                break
            extra.append(re.sub(r'name = "([^"]+)"', rf'name = "\1-{copy + 2}"', block, count=1))
    return "\n[[sources]]\n".join([head, *sources, *extra])


def main() -> None:
    """Run the soak and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--interval", type=int, default=30, help="seconds between runs of each source")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="signwatch-soak-") as work, MirrorServer(20) as mirror, AlertSink() as sink:
        directory = Path(work)
        config = directory / "signwatch.toml"
        text = ten_sources(mirror, directory / "data", options.interval)
        text += f'\n[[subscriptions]]\nname = "soak"\nurl = "{sink.url("soak")}"\n'
        config.write_text(text, encoding="utf-8")
        settings = load_settings(config)
        assert len(settings.sources) == 10, len(settings.sources)
        env = {k: v for k, v in os.environ.items() if not k.startswith("SIGNWATCH_")}
        with (directory / "daemon.log").open("w") as log:
            daemon = subprocess.Popen(
                [sys.executable, "-m", "monitor", "--config", str(config), "daemon", "--startup-window", "10"],
                cwd=directory,
                env=env,
                stderr=log,
            )
            started = time.monotonic()
            time.sleep(30)  # warm-up: imports done, first crawls in
            rss_start = rss_kib(daemon.pid)
            published = 0
            deadline = started + options.minutes * 60
            while time.monotonic() < deadline:
                time.sleep(20)
                mirror.publish(SITES[published % len(SITES)])
                published += 1
            rss_end = rss_kib(daemon.pid)
            elapsed = time.monotonic() - started
            daemon.send_signal(signal.SIGTERM)
            code = daemon.wait(timeout=120)
        db = Database.from_settings(settings)
        with db.session() as session:
            runs = dict(session.execute(select(CrawlRun.status, func.count()).group_by(CrawlRun.status)).all())
            failures = list(session.scalars(select(CrawlRun.error_text).where(CrawlRun.status == "failed")))
        db.dispose()
        # A source can start at most one run per interval after its first (within the startup window).
        possible = int(10 * (1 + (elapsed - 10) // options.interval))
        started_runs = sum(runs.values())
        result = {
            "minutes": round(elapsed / 60, 1),
            "sources": 10,
            "interval_s": options.interval,
            "runs_ok": runs.get("ok", 0),
            "runs_failed": runs.get("failed", 0),
            "runs_possible": possible,
            "runs_missed": max(0, possible - started_runs),
            "articles_published_during": published,
            "alerts_delivered": len(sink.received()),
            "daemon_rss_start_kib": rss_start,
            "daemon_rss_end_kib": rss_end,
            "rss_growth_pct": round(100 * (rss_end - rss_start) / rss_start, 1) if rss_start else None,
            "exit_code": code,
            "failed_run_errors": failures,
        }
    if options.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>28}: {value}")


if __name__ == "__main__":
    main()
