"""Kill -9 trials: ``signwatch run`` killed at random moments mid-crawl, then a pass that finishes.

    .venv/bin/python bench/bench_kills.py [--trials 40] [--articles 40] [--json]

Starts the offline mirror and an Apprise sink on 127.0.0.1 and a config
whose four sources are due on every pass.  Each trial starts ``signwatch
run`` and sends it SIGKILL at a random moment of its crawl (between 0.5 and
8 seconds in) — the pass alone, or with ``--tree`` its whole process group
(the pass, its crawl child and the child's workers: what the OOM killer or
``systemctl kill`` do); every third trial first publishes a new signing on
one of the mirror's sites.  After each kill it counts the crawl processes still
alive 5 seconds later (orphans), and once all trials are done it runs
passes until one finishes, then counts:

- alerts lost: outbox rows (health alerts aside) not sent once the
  finishing pass and a delivery after the claim leases ran out are done;
  duplicates: messages the sink received more than once, and outbox rows
  sent whose message did not arrive or arrived twice;
- for scale, two control runs (fresh stores crawling the final mirror once,
  nothing killed): the number of event clusters alerted depends on the
  order in which reports of one event are stored (a pass crawls the sites
  at once), so the controls are compared with each other and with the
  series;
- duplicates: messages received more than once, archive files holding a
  text another file holds too, and article rows sharing a content hash;
- stale runs left: runs still ``running`` after the finishing pass;
- orphan files: archive files without a row, right after the last kill and
  after the finishing pass (the next crawl of an article takes up a file
  its killed crawl wrote but did not commit).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from monitor.archive.files import Archive  # noqa: E402
from monitor.config import load_settings  # noqa: E402
from monitor.demo.mirror.server import MirrorServer  # noqa: E402
from monitor.demo.sink import AlertSink  # noqa: E402
from monitor.store import Article, CrawlRun, Database  # noqa: E402
from monitor.store.alert_models import OutboxRow  # noqa: E402

SITES = ("zblog", "dedecms", "taiwancn", "generic")
HEALTH_TITLES = ("【源异常】", "【源恢复】")
CLAIM_LEASE = 5.0


def write_config(mirror: MirrorServer, sink: AlertSink, directory: Path, path: str) -> Path:
    """A config whose sources are due on every pass, subscribing the sink (under ``path``) to everything."""
    text = mirror.sources_toml(directory / "data", crawler={"download_delay": 0.15, "concurrency_per_domain": 2})
    text = text.replace('schedule = "30m"', 'schedule = "1s"')
    # A delivery killed mid-way leaves rows claimed: their lease runs out in seconds, not minutes.
    text = text.replace("[crawler]", f"[alerts]\nclaim_lease_seconds = {CLAIM_LEASE}\n\n[crawler]", 1)
    text += f'\n[[subscriptions]]\nname = "everything"\nurl = "{sink.url(path)}"\n'
    config = directory / "signwatch.toml"
    config.write_text(text, encoding="utf-8")
    return config


def signwatch(config: Path, *args: str) -> subprocess.Popen[bytes]:
    """Start a signwatch command on ``config`` in a process group of its own, its output discarded."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIGNWATCH_")}
    return subprocess.Popen(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        cwd=config.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def crawl_children(config: Path) -> list[int]:
    """Live crawl processes (the crawl child and its pool workers) working on ``config``."""
    found = []
    marker = str(config).encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[-1].split()[0]
        except (OSError, IndexError):
            continue
        if b"crawler.run" in command and marker in command and state != "Z":
            found.append(int(entry.name))
    return found


def archive_figures(config: Path) -> dict[str, int]:
    """Files without rows, rows without files, texts in more than one file, rows sharing a hash."""
    settings = load_settings(config)
    db = Database.from_settings(settings)
    archive = Archive(settings.archive_path)
    files = {parsed.name for parsed in archive.files()}
    hashes = Counter(parsed.content_hash for parsed in archive.files())
    with db.session() as session:
        named = set(session.scalars(select(Article.archive_name)))
        rows = int(session.scalar(select(func.count()).select_from(Article)) or 0)
        distinct = int(session.scalar(select(func.count(func.distinct(Article.content_hash)))) or 0)
        stale = int(session.scalar(select(func.count()).where(CrawlRun.status == "running")) or 0)
        killed = int(session.scalar(select(func.count()).where(CrawlRun.status == "killed")) or 0)
    db.dispose()
    return {
        "files": sum(hashes.values()),
        "rows": rows,
        # As archive verify reports them; counted here so the script also measures older trees.
        "files_without_rows": len(files - named),
        "rows_without_files": len(named - files),
        "duplicate_files": sum(count - 1 for count in hashes.values()),
        "duplicate_rows": rows - distinct,
        "stale_runs": stale,
        "killed_runs": killed,
    }


def outbox_figures(config: Path) -> dict[str, int]:
    """Outbox rows of events (health aside) by status."""
    db = Database.from_settings(load_settings(config))
    with db.session() as session:
        counts = dict(
            session.execute(
                select(OutboxRow.status, func.count()).where(OutboxRow.kind != "health").group_by(OutboxRow.status)
            ).all()
        )
    db.dispose()
    return {str(status): int(count) for status, count in counts.items()}


def main() -> None:
    """Run the trials and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--articles", type=int, default=40, help="articles per mirror site at the start")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--tree", action="store_true", help="kill the pass's whole process group, not the pass alone")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    chance = random.Random(options.seed)
    orphans_after_kill: list[int] = []
    killed_at: list[float] = []
    with tempfile.TemporaryDirectory() as scratch, MirrorServer(options.articles) as mirror, AlertSink() as sink:
        series = Path(scratch) / "series"
        series.mkdir()
        config = write_config(mirror, sink, series, "series")
        for trial in range(options.trials):
            if trial % 3 == 0:
                site = chance.choice(SITES)
                mirror.publish(site)
            run = signwatch(config, "run")
            moment = chance.uniform(0.5, 8.0)
            time.sleep(moment)
            if options.tree:
                os.killpg(run.pid, signal.SIGKILL)
            else:
                run.send_signal(signal.SIGKILL)
            run.wait()
            killed_at.append(round(moment, 2))
            deadline = time.monotonic() + 5
            while crawl_children(config) and time.monotonic() < deadline:
                time.sleep(0.1)
            orphans_after_kill.append(len(crawl_children(config)))
            time.sleep(1.0)  # the next pass finds its sources due (schedule 1s)
        after_kills = archive_figures(config)
        finishing_passes = 0
        for finishing_passes in range(1, 4):  # a pass that finishes; twice, so a revisit takes up what is left
            if signwatch(config, "run").wait() != 0:
                continue
            if finishing_passes >= 2:
                break
            time.sleep(1.0)
        time.sleep(CLAIM_LEASE + 1)  # rows a killed delivery claimed are free again
        signwatch(config, "alerts", "send").wait()
        final = archive_figures(config)
        outbox = outbox_figures(config)
        received = [m for m in sink.received("series") if not m.title.startswith(HEALTH_TITLES)]
        health = [m for m in sink.received("series") if m.title.startswith(HEALTH_TITLES)]
        controls = []
        for name in ("control-a", "control-b"):
            control_dir = Path(scratch) / name
            control_dir.mkdir()
            signwatch(write_config(mirror, sink, control_dir, name), "run").wait()
            controls.append(len(sink.received(name)))
    bodies = Counter(m.body for m in received)
    figures: dict[str, Any] = {
        "trials": options.trials,
        "killed": "process group" if options.tree else "the pass alone",
        "killed_at_seconds": killed_at,
        "crawl_processes_left_after_a_kill": sum(orphans_after_kill),
        "outbox": outbox,
        "alerts_lost": sum(count for status, count in outbox.items() if status != "sent"),
        "alerts_received": len(received),
        "alerts_duplicated": sum(count - 1 for count in bodies.values()),
        "sent_without_exactly_one_message": abs(outbox.get("sent", 0) - len(received)),
        "controls_alerted": controls,
        "health_alerts": len(health),
        "after_kills": after_kills,
        "finishing_passes": finishing_passes,
        "final": final,
    }
    if options.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    print(f"kill -9 trials: {options.trials} (killed {min(killed_at)}-{max(killed_at)} s into the pass)")
    print(f"crawl processes alive 5 s after a kill: {sum(orphans_after_kill)}")
    print(
        f"alerts: outbox {outbox}, received {len(received)}, lost {figures['alerts_lost']}, "
        f"duplicated {figures['alerts_duplicated']} (health alerts aside: {len(health)}); controls {controls}"
    )
    for label, values in (("after the kills", after_kills), ("after the finishing passes", final)):
        print(f"{label}: " + ", ".join(f"{key} {value}" for key, value in values.items()))


if __name__ == "__main__":
    main()
