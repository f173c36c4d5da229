"""monitor.archive.analysis: pending articles cleaned in worker processes; reprocess re-runs it all."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from monitor.archive import analysis
from monitor.archive.analysis import analyse_pending, mark_all_pending
from monitor.archive.files import Archive
from monitor.archive.importer import import_archive
from monitor.store import Article, Database
from monitor.store.event_models import EventRow


def _titles(db: Database) -> list[str | None]:
    with db.session() as session:
        return list(session.scalars(select(Article.title).order_by(Article.sequence)))


def test_worker_pool_gives_the_same_result_as_in_process(
    sqlite_db: Database, archive: Archive, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_archive(sqlite_db, archive, seeds_dir)
    assert analyse_pending(sqlite_db, workers=1) == 5
    in_process = _titles(sqlite_db)
    assert mark_all_pending(sqlite_db) == 5
    monkeypatch.setattr(analysis, "BATCH_SIZE", 2)  # three batches over two workers
    seen: list[int] = []
    assert analyse_pending(sqlite_db, workers=2, progress=seen.append) == 5
    assert seen == [2, 4, 5]
    assert _titles(sqlite_db) == in_process
    assert in_process[1] == "宝山:作为“施工者”要到“工地”里找问题、寻机遇、想对策"


def _filed_kinds(db: Database) -> dict[int, list[str]]:
    with db.session() as session:
        ordered = select(EventRow.article_id, EventRow.kind).order_by(EventRow.article_id, EventRow.position)
        rows = session.execute(ordered)
        filed: dict[int, list[str]] = {}
        for article_id, kind in rows:
            filed.setdefault(article_id, []).append(kind)
    return filed


def test_analysis_files_each_articles_own_extraction_and_reprocess_replaces_it(
    db: Database, archive: Archive, seeds_dir: Path
) -> None:
    import_archive(db, archive, seeds_dir)
    assert analyse_pending(db) == 5
    with db.session() as session:
        ids = list(session.scalars(select(Article.id).order_by(Article.id)))
        raws = analysis._load(session, ids)
    expected: dict[int, list[str]] = {}
    for raw in raws:
        _article, extraction = analysis.analyse_raw(raw)
        reported = list(extraction.reported)
        if reported:
            expected[raw.article_id] = [event.kind for event in reported]
    assert _filed_kinds(db) == expected
    assert len(expected) >= 3  # the seeds carry signings, not an empty comparison
    mark_all_pending(db)
    assert analyse_pending(db) == 5
    assert _filed_kinds(db) == expected  # replaced, not added again


# A stored page that gives no date of its own, on the day a feed dated it: 2018-07-10 in Beijing
# is 2018-07-09 16:00 in UTC, as the store keeps and reads it back.
UNDATED_PAGE = "<html><body><p>今天(10日),远景公司与海安市政府签署投资协议,总投资20亿元。</p></body></html>"


@pytest.mark.parametrize(
    "stored", [datetime(2018, 7, 9, 16, 0, tzinfo=UTC), datetime(2018, 7, 9, 16, 0)], ids=["utc", "naive-utc"]
)
def test_a_stored_date_is_the_articles_beijing_day_on_reanalysis(stored: datetime) -> None:
    raw = analysis.RawArticle(1, "html", UNDATED_PAGE.encode(), "utf-8", None, "http://127.0.0.1/a", None, stored)
    article, extraction = analysis.analyse_raw(raw)
    assert article.published is not None and article.published.date() == date(2018, 7, 10)
    [event] = extraction.events
    assert event.date is not None and (event.date.earliest, event.date.latest) == (date(2018, 7, 10),) * 2
