"""The events' own search index (migration 0014): filled when filing, dropped with its event, backfilled on upgrade.

On SQLite and PostgreSQL, on the analyst store (real signings through the
storing transaction).  The index must hold every event whose title or
evidence contains a text (the Events page then tests the substring), so the
truth here is that substring test, made in Python over the stored rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from monitor.archive.files import Archive
from monitor.store import Database
from monitor.store.event_models import EventRow
from monitor.store.migrate import alembic_config
from monitor.store.models import Article
from monitor.store.search_index import events_holding
from monitor.workbench import event_query
from monitor.workbench.event_query import EventQuery, find_events
from tests.workbench.analyst_store import populate

# Words of the signings' titles and sentences, and one no event has; each case's truth is the substring test.
# (A Latin run is one unit, as in the article index: "script" does not find "javascript".)
TEXTS = [
    *("嘉定", "宝山区", "集中签约", "转载", "往年", "签约仪式", "重点产业项目", "昆山"),
    *("不存在的词", "javascript", "120亿"),
]


def _containing(session: Session, text: str) -> set[int]:
    rows = session.execute(select(EventRow.id, Article.title, EventRow.evidence).join(Article)).all()
    return {i for i, title, evidence in rows if text in (title or "") or text in (evidence or "")}


def _check_index(db: Database) -> None:
    with db.session() as session:
        for text in TEXTS:
            truth = _containing(session, text)
            holding = events_holding(session, text, 5_000)
            assert holding is not None, text
            assert truth <= set(holding), text
            listed = find_events(session, EventQuery(q=text, per_page=200), count=False).events
            assert {e.id for e in listed} == truth, text


@pytest.fixture
def stored(db: Database, tmp_path: Path) -> Database:
    """The analyst store's signings, filed by the storing transaction."""
    populate(db, Archive(tmp_path / "archive"))
    return db


def test_filed_events_are_indexed_and_free_text_lists_exactly_the_matches(stored: Database) -> None:
    _check_index(stored)
    with stored.session() as session:
        assert _containing(session, "嘉定") and not _containing(session, "不存在的词")


def test_a_text_too_common_to_list_still_lists_exactly_the_matches(
    stored: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # every text now "too common" to read as a list: PostgreSQL reads the events' GIN index as a subquery,
    # SQLite the articles holding the terms; the page must list the same events either way
    monkeypatch.setattr(event_query, "LOOKED_UP_ROWS", 0)
    _check_index(stored)


def test_an_events_entry_goes_with_the_event(stored: Database) -> None:
    with stored.session() as session:
        [jiading] = _containing(session, "嘉定")
        assert jiading in (events_holding(session, "嘉定", 10) or [])
        # as a re-analysis drops an article's events before refiling them (monitor.store.filing)
        session.execute(delete(EventRow).where(EventRow.id == jiading))
        session.commit()
    with stored.session() as session:
        assert events_holding(session, "嘉定", 10) == []
    _check_index(stored)


def test_an_upgrade_indexes_the_events_already_stored(stored: Database) -> None:
    with stored.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0013")
    assert stored.upgrade("0014") == ["0014"]
    stored.upgrade()  # the later migrations leave event_search alone; the models read the events' later columns
    _check_index(stored)
