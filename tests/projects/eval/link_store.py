"""The store-backed linker for ``score_links``: file each line into a fresh SQLite store, read back its project.

    .venv/bin/python tests/projects/eval/link_store.py [SET_DIR] [--json]

Each line of ``links.jsonl`` is read as ``score.read_passage`` reads a
passage (Simplified, first line the headline, published on ``published``),
stored through the storing transaction the crawl uses
(``monitor.archive.ingest.ingest_pages``: store, file events and projects,
queue alerts), in publication order as a crawl would meet them.  The line's
group is the project its article reported a stage of; when it reported
stages of several (a ceremony's list), the one other articles reported too,
else the first.  A line that reported no stage of a named project is linked
to nothing (None).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.events.extraction import extract
from monitor.records import FetchedPage, PageToStore
from monitor.store import Database
from monitor.store.project_models import ProjectStage
from monitor.text.article import CleanArticle
from monitor.text.script import to_simplified

HERE = Path(__file__).resolve().parent


def _article(text: str, published: Any) -> CleanArticle:
    lines = [line.strip() for line in to_simplified(str(text or "")).split("\n") if line.strip()]
    day = datetime.fromisoformat(str(published)).replace(tzinfo=UTC) if published else None
    return CleanArticle(title=lines[0] if lines else None, paragraphs=tuple(lines[1:]), published=day)


def store_link_fn(lines: list[dict[str, Any]], batch: int = 1) -> list[str | None]:
    """One group per line: the id of the stored project its article joined or started, or None.

    ``batch`` lines are stored per transaction (one at a time by default; the crawl's store
    process stores what arrives together, 16 at most): the groups must not depend on it.
    """
    with tempfile.TemporaryDirectory(prefix="signwatch-links-") as directory:
        db = Database(f"sqlite:///{Path(directory) / 'links.db'}")
        try:
            db.upgrade()
            archive = Archive(Path(directory) / "archive")
            order = sorted(range(len(lines)), key=lambda i: (str(lines[i].get("published") or ""), i))
            article_of: dict[int, int] = {}
            pages: list[tuple[int, PageToStore]] = []
            for number, index in enumerate(order):
                line = lines[index]
                article = _article(str(line.get("text") or ""), line.get("published"))
                page = FetchedPage(
                    url=f"http://127.0.0.1/links/{number}",
                    body=article.canonical_text.encode("utf-8"),
                    fetched_at=datetime.now(UTC),
                )
                pages.append((index, PageToStore(page, article, "links", extract(article))))
            for first in range(0, len(pages), batch):
                chunk = pages[first : first + batch]
                results = ingest_pages(db, archive, [page for _, page in chunk])
                for (index, _), result in zip(chunk, results, strict=True):
                    if result.article_id is not None:
                        article_of[index] = result.article_id
            with db.session() as session:
                reports = session.execute(
                    select(ProjectStage.article_id, ProjectStage.project_id).order_by(ProjectStage.id)
                ).all()
        finally:
            db.dispose()
    articles_per_project = Counter(project for _, project in set(reports))
    projects_of: dict[int, list[int]] = {}
    for article_id, project_id in reports:
        if project_id not in projects_of.setdefault(article_id, []):
            projects_of[article_id].append(project_id)
    groups: list[str | None] = []
    for index in range(len(lines)):
        joined = projects_of.get(article_of.get(index, -1), [])
        if not joined:
            groups.append(None)
            continue
        shared = [p for p in joined if articles_per_project[p] > 1]
        groups.append(str((shared or joined)[0]))
    return groups


def main(argv: list[str] | None = None) -> int:
    """Print the linking scores of a set's ``links.jsonl`` (precision, recall, pairs)."""
    if str(HERE.parents[2]) not in sys.path:  # run as a script from the checkout
        sys.path.insert(0, str(HERE.parents[2]))
    from tests.projects.eval.score import LabelError, score_links

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set_dir", nargs="?", default=str(HERE / "blind2026"))
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    try:
        scores = score_links(Path(args.set_dir) / "links.jsonl", store_link_fn)
    except (OSError, LabelError) as error:
        print(f"link_store: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(scores))
    else:
        for key, value in scores.items():
            print(f"{key:16} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
