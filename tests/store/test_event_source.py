"""The article's source on its events (migration 0016): filed, refiled, upgraded, and what the source filter reads.

Run on the analyst store (real signings stored through the storing
transaction by three sources) on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, select, text

from monitor.archive.files import Archive
from monitor.events.extraction import extract
from monitor.records import StoredArticle
from monitor.store import Article, Database, Source
from monitor.store.event_models import EventRow
from monitor.store.filing import file_extractions
from monitor.store.migrate import alembic_config, head_revisions
from monitor.text.article import CleanArticle
from monitor.workbench.event_query import EventQuery, event_order, find_events, read_event_query, store_conditions
from tests.workbench.analyst_store import SIGNINGS, SOURCES, populate

# The sources that stored articles (mirror-quiet never has).
STORING = [name for name in SOURCES if name != "mirror-quiet"]
# The source filter alone and with the other filters the Events page combines it with.
SOURCE_QUERIES = [
    {"source": name, **others}
    for name in STORING  # a source the store does not know is a 400, not an empty page
    for others in ({}, {"place": "上海市"}, {"q": "签约"}, {"place": "宝山区", "q": "签约", "status": "done"})
]


@pytest.fixture
def analyst(db: Database, tmp_path: Path) -> Iterator[tuple[Database, Archive]]:
    archive = Archive(tmp_path / "archive")
    populate(db, archive)
    yield db, archive


def _sources_of_events(db: Database) -> list[tuple[int, int | None, int | None]]:
    """(event, its source_id, its article's source_id) for every event."""
    with db.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT events.id, events.source_id, articles.source_id FROM events"
                " JOIN articles ON articles.id = events.article_id ORDER BY events.id"
            )
        )
        return [(event, mine, article) for event, mine, article in rows]


def _through_the_articles(db: Database, query: EventQuery) -> list[int]:
    """The page's ids as the filter read them before 0016: the source's articles, then their events.

    Runs on either schema (it never names events.source_id), so it is the
    reference both before and after the upgrade.
    """
    others = read_event_query({k: v for k, v in _params(query).items() if k != "source"})
    with db.session() as session:
        articles = select(Article.id).join(Source, Source.id == Article.source_id).where(Source.name == query.source)
        ids = select(EventRow.id).where(*store_conditions(session, others), EventRow.article_id.in_(articles))
        return list(session.scalars(ids.order_by(*event_order(query)).limit(query.per_page)))


def _params(query: EventQuery) -> dict[str, str]:
    names = {"date_from": "from", "date_to": "to"}
    return {
        names.get(k, k): str(v) for k, v in query.as_json().items() if v and k in ("place", "q", "status", "source")
    }


def _page(db: Database, query: EventQuery) -> list[int]:
    with db.session() as session:
        return [row.id for row in find_events(session, query).events]


def test_filed_events_carry_their_articles_source(analyst: tuple[Database, Archive]) -> None:
    db, _ = analyst
    rows = _sources_of_events(db)
    assert len(rows) == len(SIGNINGS)
    assert all(mine == article and mine is not None for _, mine, article in rows)
    # the repost of the Baoshan signing joined the first report's cluster but keeps its own source
    with db.session() as session:
        names = {source.id: source.name for source in session.scalars(select(Source))}
        reposted = session.scalars(
            select(EventRow).where(
                EventRow.cluster_id.in_(
                    select(EventRow.cluster_id).group_by(EventRow.cluster_id).having(text("COUNT(*) > 1"))
                )
            )
        ).all()
        assert sorted(names[e.source_id] for e in reposted if e.source_id is not None) == ["mirror-a", "mirror-b"]


def test_refiling_keeps_the_source(analyst: tuple[Database, Archive]) -> None:
    db, _ = analyst
    with db.session() as session:
        row = session.scalars(
            select(Article).join(Source, Source.id == Article.source_id).where(Source.name == "mirror-b")
        ).one()
        before = session.scalars(select(EventRow.id).where(EventRow.article_id == row.id)).all()
        # as reprocess does after a change of the rules: the same article read again, its events replaced
        article = CleanArticle(
            title=row.title, paragraphs=tuple(row.clean_text.split("\n")), published=row.published_at
        )
        file_extractions(session, [StoredArticle(row, article, extract(article), inserted=False)])
        source_id = row.source_id
    with db.session() as session:
        refiled = session.scalars(select(EventRow).where(EventRow.article_id == row.id)).all()
    assert refiled and {e.id for e in refiled}.isdisjoint(before)  # new rows, not the old ones kept
    assert {e.source_id for e in refiled} == {source_id}
    assert all(mine == article for _, mine, article in _sources_of_events(db))


def test_a_deleted_source_leaves_its_events_without_one(analyst: tuple[Database, Archive]) -> None:
    db, _ = analyst
    with db.session() as session:
        session.delete(session.scalars(select(Source).where(Source.name == "mirror-b")).one())
    rows = _sources_of_events(db)
    # the events' key empties the copy as the articles' key empties the article's (SQLite's column key too)
    assert all(mine == article for _, mine, article in rows)
    assert sum(1 for _, mine, _ in rows if mine is None) == 1


@pytest.mark.parametrize("params", SOURCE_QUERIES, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
def test_the_source_filter_finds_what_the_articles_say(
    analyst: tuple[Database, Archive], params: dict[str, str]
) -> None:
    db, _ = analyst
    query = read_event_query(params)
    assert _page(db, query) == _through_the_articles(db, query)


def test_the_upgrade_fills_a_populated_store_and_the_filter_gives_the_same_pages(
    analyst: tuple[Database, Archive],
) -> None:
    db, _ = analyst
    queries = [read_event_query(p) for p in SOURCE_QUERIES]
    with db.engine.begin() as connection:  # as stored before 0016: no source on the events
        command.downgrade(alembic_config(connection), "0015")
    assert "source_id" not in {c["name"] for c in inspect(db.engine).get_columns("events")}
    before = [_through_the_articles(db, q) for q in queries]
    assert any(before)  # the pages compared are not all empty
    assert db.upgrade() == sorted(head_revisions())
    assert all(mine == article and mine is not None for _, mine, article in _sources_of_events(db))
    assert "ix_events_source_newest" in {i["name"] for i in inspect(db.engine).get_indexes("events")}
    assert [_page(db, q) for q in queries] == before
