"""One crawl process polling many sources of one host (issue 19): does the host's limit hold, and at what cost?

    .venv/bin/python bench/bench_host_batch.py --quick                  # 40 sources, this tree (a check)
    .venv/bin/python bench/bench_host_batch.py [--sources 300] [--per-host 8] [--answer-delay 0.02]
        [--repeats 2] [--against TREE] [--json]

Serves a fleet of small news sites, all on one 127.0.0.1 port (one host:
``monitor.demo.mirror.fleet``, which answers each request after
``--answer-delay`` seconds, as a site that takes a moment), writes a config
watching every site with ``concurrency_per_domain = --per-host``, and runs
one crawl process for all of them (``python -m crawler.run --late-processes``,
as the daemon starts a batch): first the first crawl (a listing and an
article a site), then a poll where nothing changed (one 304 a site).  For
each crawl it reports the most connections open at the host at once and the
most requests it was answering at once (counted by the server), the
sources failed and why, the requests made, the crawl's wall time and the CPU
seconds of the crawl process and the processes under it.

``--against TREE`` (a git worktree or exported tree of an earlier commit)
runs the same crawls with that tree's crawl process, alternating which goes
first, on a fresh fleet and store each.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.demo.mirror.fleet import FleetServer  # noqa: E402


@dataclass
class Crawl:
    """One crawl process over every source: what the host saw and what it cost."""

    tree: str
    phase: str  # "first" or "unchanged"
    sources: int
    ok: int = 0
    failed: dict[str, int] = field(default_factory=dict)  # error text -> sources
    requests: int = 0
    peak_connections: int = 0
    peak_requests: int = 0
    seconds: float = 0.0
    cpu_s: float = 0.0
    load: float = 0.0


def children_cpu() -> float:
    """CPU seconds of every reaped child process (and what they reaped) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def crawl_once(tree: Path, label: str, phase: str, fleet: FleetServer, config: Path, names: list[str]) -> Crawl:
    """Run ``tree``'s crawl process over every source once; the host's counts are reset first."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIGNWATCH_")}
    env["PYTHONPATH"] = str(tree)
    command = [sys.executable, "-m", "crawler.run", "--config", str(config), "--late-processes"]
    for name in names:
        command += ["--source", name]
    fleet.connections.peak = fleet.connections.now
    fleet.requests_at_once.peak = fleet.requests_at_once.now
    before_requests, before_cpu = len(fleet.requests), children_cpu()
    started = time.monotonic()
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, check=False)
    crawl = Crawl(label, phase, len(names), seconds=time.monotonic() - started, load=os.getloadavg()[0])
    crawl.cpu_s = children_cpu() - before_cpu
    crawl.requests = len(fleet.requests) - before_requests
    crawl.peak_connections = fleet.connections.peak
    crawl.peak_requests = fleet.requests_at_once.peak
    failed: Counter[str] = Counter()
    for line in done.stdout.splitlines():
        if not line.startswith("{"):
            continue
        result = json.loads(line)
        if result.get("event") != "result":
            continue
        if result["status"] == "ok":
            crawl.ok += 1
        else:
            failed[str(result.get("error") or result["status"])[:80]] += 1
    crawl.failed = dict(failed)
    if crawl.ok + sum(failed.values()) < len(names):
        crawl.failed["no result"] = len(names) - crawl.ok - sum(failed.values())
    return crawl


def run_tree(tree: Path, label: str, options: argparse.Namespace) -> list[Crawl]:
    """A fresh fleet and store: ``tree``'s first crawl of every source, then its unchanged poll."""
    work = Path(tempfile.mkdtemp(prefix=f"bench-host-batch-{label}-"))
    try:
        with FleetServer(options.sources, articles_per_site=1, seed=19, answer_delay=options.answer_delay) as fleet:
            config = work / "signwatch.toml"
            crawler = {"concurrency_per_domain": options.per_host, "timeout": options.timeout}
            config.write_text(
                fleet.sources_toml(
                    work / "data", schedule="10m", alerts_url="json://127.0.0.1:9/none", crawler=crawler
                ),
                encoding="utf-8",
            )
            names = [style.name for style in fleet.styles]
            return [crawl_once(tree, label, phase, fleet, config, names) for phase in ("first", "unchanged")]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def row(crawls: list[Crawl]) -> str:
    """One line of medians over repeats of one tree and phase."""
    first = crawls[0]
    failed: Counter[str] = Counter()
    for crawl in crawls:
        failed.update(crawl.failed)

    def median(values: list[float]) -> float:
        return statistics.median(values)

    return (
        f"{first.tree:>9} {first.phase:>9}: ok {median([c.ok for c in crawls]):.0f}/{first.sources}, "
        f"peak connections {max(c.peak_connections for c in crawls)}, "
        f"peak requests {max(c.peak_requests for c in crawls)}, "
        f"requests {median([c.requests for c in crawls]):.0f}, "
        f"wall {median([c.seconds for c in crawls]):.1f} s, CPU {median([c.cpu_s for c in crawls]):.1f} s "
        f"(runs: {', '.join(f'{c.cpu_s:.1f}' for c in crawls)}), load {median([c.load for c in crawls]):.1f}"
        + (f", failed {dict(failed)}" if failed else "")
    )


def main() -> None:
    """Run the crawls and print a line per tree and phase (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="40 sources, one repeat (a check)")
    parser.add_argument("--sources", type=int, default=300)
    parser.add_argument("--per-host", type=int, default=8, help="concurrency_per_domain")
    parser.add_argument("--answer-delay", type=float, default=0.02, help="seconds the host takes per answer")
    parser.add_argument("--timeout", type=float, default=10.0, help="crawler.timeout (per request)")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--against", type=Path, help="also crawl with this tree's crawl process")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    if options.quick:
        options.sources, options.repeats = 40, 1
    trees: list[tuple[str, Path]] = [("this", ROOT)]
    if options.against is not None:
        trees.append(("against", options.against.resolve()))
    results: dict[tuple[str, str], list[Crawl]] = {}
    for repeat in range(options.repeats):
        for label, tree in trees if repeat % 2 == 0 else trees[::-1]:
            for crawl in run_tree(tree, label, options):
                results.setdefault((label, crawl.phase), []).append(crawl)
                print(row([crawl]), flush=True)
    print(
        f"\n{options.sources} sources on one host, concurrency_per_domain {options.per_host}, "
        f"answers after {options.answer_delay} s; medians of {options.repeats}:"
    )
    for crawls in results.values():
        print(row(crawls))
    if options.json:
        print(json.dumps([asdict(c) for crawls in results.values() for c in crawls], ensure_ascii=False))


if __name__ == "__main__":
    main()
