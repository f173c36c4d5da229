"""The storing transaction on a labelled cluster set's reports: CPU ms per report and events filed.

    .venv/bin/python bench/bench_store_reports.py [--set tests/events/eval/blind2026b] [--rounds 3]

Unlike ``bench_store.py`` (the mirror's generated pages: every one reports a
signing), the reports of a cluster set are real pages, many of which report
an occasion no signing reader recognises (an expo's turnover, a
groundbreaking), so filing their mentions is measured too.  Each report is
cleaned and extracted once, as the clean processes do, then stored one page
per transaction (``ingest_pages``) into a fresh SQLite store in the order the
scorer stores them (``tests/events/eval/blind2026/score.py``), ``--rounds``
times.  To compare two commits, run it in each tree alternately with
``PYTHONPATH`` set to that tree.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.archive.files import Archive  # noqa: E402
from monitor.archive.ingest import ingest_pages  # noqa: E402
from monitor.events import extract  # noqa: E402
from monitor.records import FetchedPage, PageToStore  # noqa: E402
from monitor.store import Database  # noqa: E402

SCORER = ROOT / "tests" / "events" / "eval" / "blind2026" / "score.py"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("blind2026_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def report_pages(set_dir: Path) -> list[PageToStore]:
    """The set's reports as pages to store, cleaned and extracted, dated ones first in publication order."""
    score = _scorer()
    reports = score.load_reports(set_dir / "clusters.jsonl")
    ordered = sorted(reports, key=lambda r: (r.published is None, r.published or date.min, r.id))
    pages = []
    for report in ordered:
        article = score.make_article(report.text, report.published, "clean_text")
        page = FetchedPage(url=report.url, body=report.text.encode("utf-8"), fetched_at=score.FETCHED)
        pages.append(PageToStore(page, article, "bench", extract(article)))
    return pages


def store_one_by_one(pages: list[PageToStore]) -> float:
    """CPU milliseconds per page of storing ``pages`` one per transaction into a fresh SQLite store."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    database = Database(f"sqlite:///{workdir / 'store.db'}")
    database.upgrade()
    archive = Archive(workdir / "archive")
    started = time.process_time()
    for page in pages:
        ingest_pages(database, archive, [page])
    spent = time.process_time() - started
    database.dispose()
    return 1000 * spent / len(pages)


def main() -> None:
    """Run the benchmark and print one line per round and the median."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--set", type=Path, default=ROOT / "tests" / "events" / "eval" / "blind2026b")
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    pages = report_pages(options.set)
    events = sum(len(page.extraction.reported) for page in pages)
    print(f"{len(pages)} reports, {events} events filed")
    rounds = [store_one_by_one(pages) for _ in range(options.rounds)]
    for number, ms in enumerate(rounds, 1):
        print(f"round {number}: {ms:.2f} CPU ms / report")
    print(f"median: {statistics.median(rounds):.2f} CPU ms / report")


if __name__ == "__main__":
    main()
