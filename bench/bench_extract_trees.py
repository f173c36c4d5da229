"""Extraction throughput of this tree, an earlier tree and JioNLP, in alternate rounds of one run.

    .venv/bin/python bench/bench_extract_trees.py --before /tmp/hspeed-before [--rounds 9]

``bench_extract.py`` times one tree, and JioNLP after it: on a shared machine
whose load swings from minute to minute the ratio then shifts with the load.
Here each tree's ``extract()`` runs in its own worker process (two trees
cannot share one ``monitor`` package) and JioNLP in this one, and every round
times all three one after the other, so each sees the same load.  A round: 20
passes over the five cleaned seeds for ours (one pass lasts milliseconds), one
pass for JioNLP (``ner.extract_money`` + ``ner.extract_time``, as in
``bench_extract.py``).  Reported: medians of wall time and of CPU time (the
process's own, which the other processes on the machine disturb less), docs/s
and the ratios to JioNLP and between the trees.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
OUR_PASSES = 20


def _worker(root: Path) -> None:
    """Serve timing rounds of ``root``'s extract() over stdin/stdout: one line in, one JSON line out."""
    sys.path.insert(0, str(root))
    from monitor.events import extract
    from monitor.text import clean_text

    seeds = sorted((root / "monitor" / "demo" / "mirror" / "data").glob("[0-9][0-9][0-9]_*.txt"))
    articles = [clean_text(p.read_text(encoding="utf-8")) for p in seeds]
    for article in articles:  # warm-up: the gazetteer loads on first use
        extract(article)
    print(json.dumps({"documents": OUR_PASSES * len(articles)}), flush=True)
    for _ in sys.stdin:
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(OUR_PASSES):
            for article in articles:
                extract(article)
        print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}), flush=True)


class _Tree:
    """A worker process timing one tree's extract()."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(root)],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.documents = int(json.loads(self._line())["documents"])
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"the worker of {self.root} stopped")
        return line

    def round(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        timing = json.loads(self._line())
        self.wall.append(timing["wall"])
        self.cpu.append(timing["cpu"])

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def main() -> None:
    """Time both trees and JioNLP in alternate rounds and print the medians and ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, help="the earlier tree (a git worktree)")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.worker)
        return
    import jionlp

    sys.path.insert(0, str(HERE))
    from monitor.text import clean_text

    seeds = sorted((HERE / "monitor" / "demo" / "mirror" / "data").glob("[0-9][0-9][0-9]_*.txt"))
    bodies = [clean_text(p.read_text(encoding="utf-8")).body for p in seeds]

    def run_jio() -> None:
        for body in bodies:
            jionlp.ner.extract_money(body, with_parsing=True)
            jionlp.ner.extract_time(body, time_base=time.time(), with_parsing=True)

    run_jio()  # JioNLP loads its dictionaries on first use
    trees = {"now": _Tree(HERE)}
    if args.before:
        trees["before"] = _Tree(args.before.resolve())
    jio_wall: list[float] = []
    jio_cpu: list[float] = []
    load = [os.getloadavg()[0]]
    for _ in range(args.rounds):
        for tree in trees.values():
            tree.round()
        wall, cpu = time.perf_counter(), time.process_time()
        run_jio()
        jio_wall.append(time.perf_counter() - wall)
        jio_cpu.append(time.process_time() - cpu)
        load.append(os.getloadavg()[0])
    for tree in trees.values():
        tree.close()
    jio = {"wall": len(bodies) / statistics.median(jio_wall), "cpu": len(bodies) / statistics.median(jio_cpu)}
    print(f"{args.rounds} alternating rounds; load average (1 min) {min(load):.1f}-{max(load):.1f}")
    print(f"{'':>10} {'wall docs/s':>12} {'x JioNLP':>9} {'cpu docs/s':>11} {'x JioNLP':>9}")
    rates = {}
    for name, tree in trees.items():
        rates[name] = {
            "wall": tree.documents / statistics.median(tree.wall),
            "cpu": tree.documents / statistics.median(tree.cpu),
        }
        r = rates[name]
        print(
            f"{name:>10} {r['wall']:12.1f} {r['wall'] / jio['wall']:9.1f} {r['cpu']:11.1f} {r['cpu'] / jio['cpu']:9.1f}"
        )
    print(f"{'jionlp':>10} {jio['wall']:12.1f} {1:9.1f} {jio['cpu']:11.1f} {1:9.1f}")
    if "before" in rates:
        now, before = rates["now"], rates["before"]
        print(f"now / before: wall {now['wall'] / before['wall']:.2f}x, cpu {now['cpu'] / before['cpu']:.2f}x")


if __name__ == "__main__":
    main()
