"""Store benchmark: the store process's work per article, by batch size, and the clusters it decides.

    .venv/bin/python bench/bench_store.py [--articles 250] [--batches 1,4,16,32]

Fetches the article pages of a mirror (``--articles`` generated per site,
4 sites, plus the seeds), cleans and extracts them once (as the clean
processes do), then stores them into a fresh SQLite store for each batch
size through the whole storing transaction (articles, events and clusters,
alert queueing), as the crawl's store process does.  Reports the CPU
milliseconds per article of the store and, beside it, of extraction (which
runs in the clean processes, or in reprocess's and import's worker
processes), the SQL statements per article, and checks
that every batch size gives the same cluster partition and the same alert
flags as storing the pages one at a time (batches decide clusters in memory;
they must decide them exactly as one page per transaction would).
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from crawler.processes import PageToClean, clean_pages  # noqa: E402
from monitor.archive.files import Archive  # noqa: E402
from monitor.archive.ingest import ingest_pages  # noqa: E402
from monitor.demo.mirror import SITES, MirrorServer  # noqa: E402
from monitor.events.extraction import extract  # noqa: E402
from monitor.records import FetchedPage, FiledArticle, PageToStore  # noqa: E402
from monitor.store import Article, Database  # noqa: E402
from monitor.store.event_models import EventRow  # noqa: E402

FETCHED = datetime(2026, 11, 22, tzinfo=UTC)


def mirror_pages(articles: int) -> list[PageToStore]:
    """Every article page of a fresh mirror, fetched over HTTP and cleaned, interleaved across sites."""
    fetched: list[tuple[str, str, bytes, str | None]] = []
    with MirrorServer(articles_per_site=articles, seed=0) as server:
        for style in SITES:
            for article in server.articles(style.name):
                url = server.article_url(style.name, article.article_id)
                with urllib.request.urlopen(url) as answer:
                    fetched.append((style.name, url, answer.read(), answer.headers.get_content_charset()))
    cleaned = clean_pages([PageToClean(body, url, FETCHED, charset, site) for site, url, body, charset in fetched])
    pages = [
        PageToStore(
            FetchedPage(url=url, body=body, fetched_at=FETCHED, final_url=url, encoding=charset, site_type=site),
            done.article,
            f"mirror-{site}",
            done.extraction,
        )
        for (site, url, body, charset), done in zip(fetched, cleaned, strict=True)
    ]
    return pages[::2] + pages[1::2]  # reposts across sites meet in different batches


def _path(url: str) -> str:
    """A URL without its scheme, host and port (the mirror's port changes from run to run)."""
    return url.split("/", 3)[3]


def store_all(pages: list[PageToStore], batch: int) -> dict[str, Any]:
    """Store ``pages`` in batches of ``batch`` into a fresh store; time, statements and what was decided."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-store-"))
    db = Database(f"sqlite:///{workdir / 'store.db'}")
    db.upgrade()
    archive = Archive(workdir / "archive")
    flags: dict[str, list[tuple[bool, bool]]] = {}

    def note_flags(session: Session, filed: Sequence[FiledArticle]) -> None:
        for item in filed:
            flags[_path(item.row.url or "")] = [(e.new_cluster, e.first_done) for e in item.events]

    statements = collections.Counter[str]()

    @event.listens_for(db.engine, "before_cursor_execute")
    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements[statement.split()[0].upper()] += 1

    started = time.process_time()
    for start in range(0, len(pages), batch):
        ingest_pages(db, archive, pages[start : start + batch], test_seam_before_commit=note_flags)
    cpu = time.process_time() - started
    with db.session() as session:
        rows = session.execute(
            select(Article.url, EventRow.position, EventRow.cluster_id).join(Article, EventRow.article_id == Article.id)
        ).all()
    clusters: dict[int | None, list[tuple[str, int]]] = {}
    for url, position, cluster_id in rows:
        clusters.setdefault(cluster_id, []).append((_path(url or ""), position))
    partition = sorted(sorted(members) for members in clusters.values())
    db.engine.dispose()
    return {
        "batch": batch,
        "ms_per_article": 1000 * cpu / len(pages),
        "statements_per_article": sum(statements.values()) / len(pages),
        "events": len(rows),
        "clusters": len(clusters),
        "alerts_owed": sum(done for owed in flags.values() for _, done in owed),
        "partition": hashlib.sha256(json.dumps(partition).encode()).hexdigest()[:16],
        "flags": hashlib.sha256(json.dumps(sorted(flags.items())).encode()).hexdigest()[:16],
    }


def main() -> None:
    """Run the benchmark and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=250, help="generated articles per site (4 sites)")
    parser.add_argument("--batches", default="1,4,16,32", help="batch sizes, comma-separated")
    options = parser.parse_args()
    pages = mirror_pages(options.articles)
    sizes = [int(size) for size in options.batches.split(",")]
    results = [store_all(pages, size) for size in sizes]
    started = time.process_time()
    for page in pages:
        extract(page.article)
    extract_ms = (time.process_time() - started) * 1000 / len(pages)
    print(f"{len(pages)} articles; extraction (in the clean processes) {extract_ms:.2f} CPU ms / article")
    print("| batch | CPU ms / article | statements / article | events | clusters | alerts owed | partition | flags |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for r in results:
        print(
            f"| {r['batch']} | {r['ms_per_article']:.2f} "
            f"| {r['statements_per_article']:.1f} | {r['events']} "
            f"| {r['clusters']} | {r['alerts_owed']} | {r['partition']} | {r['flags']} |"
        )
    same = {(r["partition"], r["flags"]) for r in results}
    print()
    print("same clusters and alert flags for every batch size:", "yes" if len(same) == 1 else "NO")
    if len(same) != 1:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
