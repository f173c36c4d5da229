"""Archive benchmark: listing, ``archive verify``, ``import`` and a crawl's first store at a million files.

    .venv/bin/python bench/bench_archive.py [--files 1000000] [--before DIR] [--keep] [--quick] [--json]

Writes ``--files`` distinct files in the flat seed format (``NNN_<16 hex>.txt``,
about 450 bytes of 招商 news each) into one directory under /tmp (kept and
reused by the next run of the same size with ``--keep``), then, for each
layout (flat, sharded) and, with ``--before``, for the flat archive of an
earlier tree (a ``git worktree``), each step in a child process of its own:

- import: the files into a fresh SQLite store and archive (no analysis);
- import again: every file already known;
- listing: ``Archive.files()`` (every name, parsed and sorted);
- verify: ``verify_archive`` (every file read and hashed, names against rows);
- first store: a new process storing one crawled text (is it archived?
  flat: one listing of the whole archive; sharded: one shard's).

Each step reports seconds, files/s and the child's peak RSS.  ``--quick``:
20,000 files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISTRICTS = ["宝山区", "嘉定区", "昆山市", "江宁区", "北仑区", "黄埔区", "黄岛区", "双流区", "蜀山区", "金水区"]
INDUSTRIES = ["集成电路", "新能源汽车", "生物医药", "人工智能", "新材料", "高端装备", "数字经济", "现代物流"]
FILLER = (
    "会上,区领导介绍了营商环境和产业政策,表示将为企业提供全生命周期服务。"
    "与会企业代表表示,将加快项目建设进度,争取早开工、早投产、早见效。"
)

# Run in the child with the tree on sys.path: argv = step, work directory, layout, incoming directory.
_CHILD = r"""
import json, os, resource, sys, time
from pathlib import Path
step, work, layout, incoming = sys.argv[1], Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
from monitor.archive.files import Archive
from monitor.store import Database
db = Database("sqlite:///" + str(work / "store.db"))
archive = Archive(work / "archive", layout) if layout == "sharded" else Archive(work / "archive")
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
if step in ("import", "import again"):
    from monitor.archive.importer import import_archive
    if step == "import":
        db.upgrade()
    report = import_archive(db, archive, incoming)
    count, problems = report.new + report.duplicate, len(report.invalid)
elif step == "listing":
    count, problems = len(archive.files()), 0
elif step == "verify":
    from monitor.archive.verify import verify_archive
    report = verify_archive(archive, db)
    count, problems = report.verified + report.imported, len(report.problems)
else:  # first store
    text = "浦东新区集成电路项目集中签约\n5月1日,浦东新区10个项目集中签约,总投资20亿元。\n"
    archive.store(text + str(time.time()) + "\n")
    count, problems = 1, 0
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "count": count, "problems": problems, "rss_mb": peak / 1024,
                  "rss_growth_mb": (peak - base) / 1024}))
"""
STEPS = ["import", "import again", "listing", "verify", "first store"]


def build_incoming(directory: Path, count: int, seed: int = 19) -> None:
    """Write ``count`` distinct seed-format files into ``directory`` (skipped when it already holds them)."""
    directory.mkdir(parents=True, exist_ok=True)
    if (directory / ".complete").exists():
        return
    rng = random.Random(seed)
    for index in range(count):
        district, industry = rng.choice(DISTRICTS), rng.choice(INDUSTRIES)
        text = (
            f"{district}{industry}项目集中签约\n2024-{index % 12 + 1:02d}-{index % 28 + 1:02d} 10:00 来源:{district}\n"
            f"{district}举行{industry}重点项目集中签约仪式,{rng.randint(2, 60)}个项目集中签约,"
            f"总投资{rng.randint(1, 300)}亿元。{FILLER[: rng.randint(40, len(FILLER))]}(第{index}篇)\n"
        )
        data = text.encode("utf-8")
        (directory / f"{index:03d}_{hashlib.sha256(data).hexdigest()[:16]}.txt").write_bytes(data)
    (directory / ".complete").write_text(f"{count}\n", encoding="ascii")


def run_step(tree: Path, step: str, work: Path, layout: str, incoming: Path) -> dict[str, float]:
    """One step in a child process importing ``tree``'s code; its figures."""
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, "-c", _CHILD, step, str(work), layout, str(incoming)]
    done = subprocess.run(command, cwd=tree, env=environment, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1_000_000)
    parser.add_argument("--before", type=Path, help="a worktree of the earlier design (flat only)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files for the next run")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    if options.quick:
        options.files = 20_000
    base = Path(tempfile.gettempdir()) / f"signwatch-bench-archive-{options.files}"
    incoming = base / "incoming"
    started = time.perf_counter()
    build_incoming(incoming, options.files)
    generated = time.perf_counter() - started
    runs = [("this", ROOT, "flat"), ("this", ROOT, "sharded")]
    if options.before:
        runs.insert(0, ("before", options.before.resolve(), "flat"))
    results: dict[str, dict[str, dict[str, float]]] = {}
    loads = [os.getloadavg()[0]]
    try:
        for name, tree, layout in runs:
            work = base / f"{name}-{layout}"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
            label = f"{name} {layout}"
            results[label] = {step: run_step(tree, step, work, layout, incoming) for step in STEPS}
            loads.append(os.getloadavg()[0])
            shutil.rmtree(work)
    finally:
        if not options.keep:
            shutil.rmtree(base, ignore_errors=True)
    summary = {
        "files": options.files,
        "generate_s": round(generated, 1),
        "load_average": [round(min(loads), 1), round(max(loads), 1)],
        "cpus": os.cpu_count(),
        "runs": {
            label: {
                step: {
                    "seconds": round(found["seconds"], 3),
                    "files_per_s": round(found["count"] / found["seconds"]) if found["seconds"] else None,
                    "problems": int(found["problems"]),
                    "peak_rss_mb": round(found["rss_mb"]),
                }
                for step, found in steps.items()
            }
            for label, steps in results.items()
        },
    }
    if options.json:
        print(json.dumps(summary))
        return
    print(f"files: {options.files}  generated in {summary['generate_s']} s  load average: {summary['load_average']}")
    print(f"{'run':<14} {'step':<13} {'seconds':>9} {'files/s':>9} {'problems':>8} {'peak RSS MB':>11}")
    for label, steps in summary["runs"].items():
        for step, found in steps.items():
            print(
                f"{label:<14} {step:<13} {found['seconds']:>9} {found['files_per_s']!s:>9} "
                f"{found['problems']:>8} {found['peak_rss_mb']:>11}"
            )


if __name__ == "__main__":
    main()
