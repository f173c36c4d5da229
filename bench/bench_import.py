"""Import benchmark: a generated 50,000-file archive in the seed format into SQLite.

    .venv/bin/python bench/bench_import.py [--files 50000] [--json]

Builds the archive once in a temporary directory from the five seeds (each
file a seed with its own numbered sentence, so every text is distinct), then
imports it twice into a fresh SQLite store and reports files/s for the first
import and the speed-up of the second.  Targets (issue 2): ≥ 2,000 files/s
first import on a 2-core machine; second import ≥ 5× faster than the first.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.archive.analysis import analyse_pending  # noqa: E402
from monitor.archive.files import Archive, format_name  # noqa: E402
from monitor.archive.importer import import_archive  # noqa: E402
from monitor.store import Database  # noqa: E402

SEEDS = sorted((ROOT / "monitor" / "demo" / "mirror" / "data").glob("[0-9][0-9][0-9]_*.txt"))


def build_archive(directory: Path, count: int) -> None:
    """Write ``count`` distinct seed-format files named NNN_<hash>.txt."""
    seeds = [path.read_text(encoding="utf-8") for path in SEEDS]
    for index in range(count):
        base = seeds[index % len(seeds)]
        # A distinct sentence early in the body, as a real archive's articles differ.
        lines = base.split("\n")
        sentence = f"据了解,第{index}批签约项目共{index % 97 + 3}个,总投资{index % 500 + 10}亿元。"
        lines.insert(min(3, len(lines)), sentence)
        text = "\n".join(lines)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        (directory / format_name(index, digest)).write_text(text, encoding="utf-8")


def timed_import(db: Database, archive: Archive, source: Path) -> tuple[float, int, int]:
    """Import once; return (seconds, new, duplicate)."""
    started = time.perf_counter()
    report = import_archive(db, archive, source)
    return time.perf_counter() - started, report.new, report.duplicate


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=50_000)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="signwatch-bench-import-") as work:
        source = Path(work) / "incoming"
        source.mkdir()
        build_archive(source, options.files)
        db = Database(f"sqlite:///{Path(work) / 'signwatch.db'}")
        db.upgrade()
        archive = Archive(Path(work) / "archive")
        first, new, _ = timed_import(db, archive, source)
        second, _, duplicate = timed_import(db, archive, source)
        started = time.perf_counter()
        analysed = analyse_pending(db)
        analysis = time.perf_counter() - started
    result = {
        "files": options.files,
        "first_import_s": round(first, 2),
        "first_files_per_s": round(options.files / first),
        "second_import_s": round(second, 2),
        "second_files_per_s": round(options.files / second),
        "speedup_second_vs_first": round(first / second, 1),
        "analysis_s": round(analysis, 2),
        "analysis_files_per_s": round(analysed / analysis) if analysis else None,
        "new": new,
        "duplicate_on_second": duplicate,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }
    if options.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>26}: {value}")


if __name__ == "__main__":
    main()
