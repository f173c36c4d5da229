"""A reprocess on worker processes stores exactly what a serial one stores, on SQLite and PostgreSQL.

The archive is the five seeds and two reposts of each (the seed with one
sentence of its own), so events join clusters across batches: a parallel run
files batch after batch in the parent while workers clean and extract ahead
of it, and must give the same events, clusters, figures and projects as a
run that does everything in one process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from monitor.archive import analysis
from monitor.archive.analysis import AnalysisFailure, analyse_pending, mark_all_pending
from monitor.archive.files import Archive, format_name
from monitor.archive.importer import file_hash, import_archive
from monitor.archive.storing import compress
from monitor.store import Article, Database, RawPage
from tests.conftest import seed_files

_EVENTS = """
SELECT a.content_hash, e.position, e.kind, e.status, e.province, e.city, e.county, e.date_from, e.date_to,
       e.investment_value, e.amount_kind, e.industry, e.cluster_id,
       (SELECT COUNT(*) FROM figures f WHERE f.event_id = e.id)
FROM events e JOIN articles a ON a.id = e.article_id
ORDER BY a.content_hash, e.position
"""
_PROJECTS = """
SELECT key, name, investor, province, city, county, industry, amount_value, stage, signed_on
FROM projects ORDER BY key, name
"""


def _archive_with_reposts(directory: Path) -> Path:
    """The seeds and two reposts of each, in the seed format."""
    directory.mkdir()
    sequence = 0
    for repost in range(3):
        for path in seed_files():
            lines = path.read_text(encoding="utf-8").split("\n")
            if repost:
                lines.insert(min(2, len(lines)), f"(转载第{repost}次)")
            data = "\n".join(lines).encode("utf-8")
            (directory / format_name(sequence, file_hash(data))).write_bytes(data)
            sequence += 1
    return directory


def _stored(db: Database) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every event (its cluster as the first event that joined it) and every project."""
    with db.session() as session:
        events = [tuple(row) for row in session.execute(text(_EVENTS))]
        projects = [tuple(row) for row in session.execute(text(_PROJECTS))]
    founder: dict[Any, tuple[Any, ...]] = {}
    for row in events:
        founder.setdefault(row[12], row[:2])
    return [(*row[:12], founder[row[12]], row[13]) for row in events], projects


def test_parallel_reprocess_stores_what_a_serial_one_stores(
    db: Database, archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_archive(db, archive, _archive_with_reposts(tmp_path / "incoming"))
    assert analyse_pending(db, workers=1) == 15
    mark_all_pending(db)
    assert analyse_pending(db, workers=1) == 15
    serial = _stored(db)
    monkeypatch.setattr(analysis, "BATCH_SIZE", 2)  # eight batches, several in flight on two workers
    mark_all_pending(db)
    seen: list[int] = []
    assert analyse_pending(db, workers=2, progress=seen.append) == 15
    assert seen == [2, 4, 6, 8, 10, 12, 14, 15]
    assert _stored(db) == serial
    events, projects = serial
    # not an empty comparison: reposts joined their seed's clusters, and projects were filed
    assert len({row[12] for row in events}) < len(events)
    assert projects


# (how the stored page of one article is broken, what its reason says)
BROKEN = [
    ("a site type since removed", {"kind": "text", "site_type": "retired-cms"}, "retired-cms"),
    (
        "damaged stored bytes",
        {"kind": "text", "site_type": None, "compressed": b"not zlib"},
        "stored raw page unreadable",
    ),
]


@pytest.mark.parametrize(("case", "page", "reason"), BROKEN, ids=[case for case, _, _ in BROKEN])
def test_a_failing_article_in_a_parallel_run_is_reported_and_left_pending(
    db: Database,
    archive: Archive,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    page: dict[str, Any],
    reason: str,
) -> None:
    import_archive(db, archive, _archive_with_reposts(tmp_path / "incoming"))
    with db.session() as session:
        article = session.scalars(select(Article).where(Article.sequence == 7)).one()
        compressed = page.get("compressed", compress(article.raw_text.encode("utf-8")))
        session.add(RawPage(article_id=article.id, encoding="utf-8", **{**page, "compressed": compressed}))
        broken = article.archive_name
    monkeypatch.setattr(analysis, "BATCH_SIZE", 2)
    for _ in range(2):  # the next run meets it again, and the rest still go through
        mark_all_pending(db)
        failures: list[AnalysisFailure] = []
        assert analyse_pending(db, workers=2, on_failure=failures.append) == 14
        [failure] = failures
        assert failure.archive_name == broken
        assert reason in failure.reason
        with db.session() as session:
            pending = list(session.scalars(select(Article.archive_name).where(Article.analysed_at.is_(None))))
        assert pending == [broken]
