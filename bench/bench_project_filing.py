"""What project filing costs the storing transaction: the store with and without it, side by side.

    .venv/bin/python bench/bench_project_filing.py [--articles 100] [--rounds 3] [--batch 16]

Fetches and cleans a mirror's article pages once (``bench_store.mirror_pages``),
then stores them into a fresh SQLite store, alternately with the filing as
it is (events, clusters, then each event's parties and industry and the
projects' stages: ``monitor.store.project_filing``) and with project filing
left out (``file_projects`` replaced by a pass-through: the previous
design), ``--rounds`` times each.  Prints the median CPU milliseconds and
SQL statements per article of each and their ratio, and how many projects
and stage reports the full filing stored.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_store  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from monitor.records import FiledArticle, StoredArticle  # noqa: E402
from monitor.store import filing  # noqa: E402

_FILE_PROJECTS = filing.file_projects


def _without(_session: Session, _articles: Sequence[StoredArticle], filed: list[FiledArticle]) -> list[FiledArticle]:
    return filed


def main() -> None:
    """Run the comparison and print one line per design and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100, help="generated articles per site (4 sites)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=16)
    args = parser.parse_args()
    pages = bench_store.mirror_pages(args.articles)
    with_projects = sum(1 for page in pages if page.extraction.projects.stages)
    runs: dict[str, list[dict[str, Any]]] = {"without project filing": [], "with project filing": []}
    for _ in range(args.rounds):
        for name, function in (("without project filing", _without), ("with project filing", _FILE_PROJECTS)):
            filing.file_projects = function  # type: ignore[assignment]
            runs[name].append(bench_store.store_all(pages, args.batch))
    filing.file_projects = _FILE_PROJECTS
    print(f"{len(pages)} pages, {with_projects} reporting a project's stage; batch {args.batch}, {args.rounds} rounds")
    medians = {}
    for name, results in runs.items():
        ms = statistics.median(r["ms_per_article"] for r in results)
        sql = statistics.median(r["statements_per_article"] for r in results)
        medians[name] = (ms, sql)
        print(f"{name:24} {ms:7.2f} ms/article  {sql:6.2f} statements/article  (median of {len(results)})")
    (ms_old, sql_old), (ms_new, sql_new) = medians.values()
    print(f"ratio (with / without): time {ms_new / ms_old:.2f}x, statements {sql_new / sql_old:.2f}x")


if __name__ == "__main__":
    main()
