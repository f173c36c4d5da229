"""monitor.archive.analysis: pending articles cleaned in worker processes; reprocess re-runs it all."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.archive import analysis
from monitor.archive.analysis import analyse_pending, mark_all_pending
from monitor.archive.files import Archive
from monitor.archive.importer import import_archive
from monitor.archive.ingest import StoredArticle
from monitor.store import Article, Database


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


def test_after_store_steps_see_every_article_in_its_transaction(
    db: Database, archive: Archive, seeds_dir: Path
) -> None:
    import_archive(db, archive, seeds_dir)
    seen: list[tuple[int, str]] = []

    def record(session: Session, articles: Sequence[StoredArticle]) -> None:
        seen.extend((item.row.id, item.article.content_hash) for item in articles)

    analyse_pending(db, after_store=(record,))
    with db.session() as session:
        stored = list(session.execute(select(Article.id, Article.text_hash).order_by(Article.id)))
    assert seen == [(i, h) for i, h in stored]
