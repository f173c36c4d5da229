"""monitor.store.search_index: Chinese search through character bigrams, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from monitor.archive.analysis import analyse_pending, mark_all_pending
from monitor.archive.files import Archive
from monitor.archive.importer import import_archive
from monitor.records import FetchedPage
from monitor.store import Article, Database, search_index
from monitor.store.search_index import (
    ArticleSearch,
    QueryTerm,
    document_terms,
    query_terms,
    reindex,
    search,
    snippet,
)
from monitor.text.article import CleanArticle
from tests.conftest import seed_files, store_page

# Short articles in the shape of the seeds: what an analyst searches for is inside sentences.
ARTICLES = {
    "baoshan": (
        "宝山区重大产业项目集中签约",
        "2021年8月26日,上海市宝山区举行重大产业项目集中签约仪式,100个产业项目集中签约,总投资额超500亿元。",
    ),
    "park": (
        "临港新片区园区推介会举行",
        "临港新片区举行特色园区推介会,智能网联汽车、5G通信等产业链企业参加,园区将提供一站式服务。",
    ),
    "fullwidth": (
        "５Ｇ基站建设加快",
        "本市新建５Ｇ基站1200个,数字经济核心产业增加值增长一成。",
    ),
    "plain": (
        "区政府召开常务会议",
        "会议研究了城市更新和老旧小区改造工作,强调要加强安全生产。",
    ),
}


def _store(db: Database, archive: Archive, key: str) -> int:
    title, body = ARTICLES[key]
    article = CleanArticle(title=title, paragraphs=(body,), published=datetime(2021, 8, 26, tzinfo=UTC))
    page = FetchedPage(url=f"http://127.0.0.1/{key}.html", body=body.encode("utf-8"), fetched_at=datetime.now(UTC))
    return store_page(db, archive, page, article, "test").article_id


@pytest.fixture
def stored(db: Database, archive: Archive) -> dict[str, int]:
    """Every article above, stored through the real storing transaction."""
    return {key: _store(db, archive, key) for key in ARTICLES}


def _found(db: Database, query: str) -> set[str]:
    with db.session() as session:
        page = search(session, query)
    assert page.total == len(page.hits)
    return {title for hit in page.hits for title in [hit.title or ""]}


TITLES = {key: title for key, (title, _) in ARTICLES.items()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("签约", {"baoshan"}),  # a two-character word inside a sentence
        ("园区", {"park"}),  # in the title and the text
        ("集中签约仪式", {"baoshan"}),  # a longer phrase
        ("宝山区 签约", {"baoshan"}),  # two words: both must be there
        ("宝山区 园区", set()),  # each is somewhere, never both in one article
        ("5G", {"park", "fullwidth"}),  # Latin and digits; full-width ５Ｇ is the same
        ("５Ｇ通信", {"park"}),
        ("500亿元", {"baoshan"}),
        ("500", {"baoshan"}),  # a number is a word: 1200 is not 500
        ("亿", {"baoshan"}),  # one character
        ("区", {"baoshan", "park", "plain"}),  # one character at the end of a word and inside one
        ("招商引资", set()),  # no match
        ("签约园区", set()),  # both bigrams exist, not the one joining them
        ("!!!", set()),  # nothing to search for
    ],
)
def test_search_finds_chinese_words_phrases_and_numbers(
    db: Database, stored: dict[str, int], query: str, expected: set[str]
) -> None:
    assert _found(db, query) == {TITLES[key] for key in expected}


def test_every_stored_article_is_indexed_in_the_storing_transaction(db: Database, stored: dict[str, int]) -> None:
    with db.session() as session:
        indexed = set(session.scalars(select(ArticleSearch.article_id)))
    assert indexed == set(stored.values())


def test_a_page_stored_again_is_not_indexed_twice(db: Database, archive: Archive, stored: dict[str, int]) -> None:
    assert _store(db, archive, "baoshan") == stored["baoshan"]  # the same text: a duplicate
    with db.session() as session:
        page = search(session, "签约")
    assert [hit.article_id for hit in page.hits] == [stored["baoshan"]]


def test_results_carry_a_snippet_with_the_hit_marked(db: Database, stored: dict[str, int]) -> None:
    with db.session() as session:
        [hit] = search(session, "500亿元").hits
    assert hit.article_id == stored["baoshan"]
    assert ("500亿元", True) in hit.snippet
    assert "总投资额超500亿元" in hit.snippet_text


def test_paging_counts_every_match(db: Database, stored: dict[str, int]) -> None:
    with db.session() as session:
        first = search(session, "区", limit=2)
        rest = search(session, "区", limit=2, offset=2)
    assert first.total == rest.total == 3
    assert len(first.hits) == 2
    assert len(rest.hits) == 1
    assert {hit.article_id for hit in first.hits + rest.hits} == {
        stored["baoshan"],
        stored["park"],
        stored["plain"],
    }


def test_reindex_rebuilds_the_same_index(db: Database, stored: dict[str, int]) -> None:
    with db.session() as session:
        assert reindex(session) == len(stored)
    assert _found(db, "签约") == {TITLES["baoshan"]}
    assert _found(db, "5G") == {TITLES["park"], TITLES["fullwidth"]}


def test_imported_articles_become_searchable_when_analysed_and_reprocess_replaces_their_terms(
    db: Database, archive: Archive, seeds_dir: Path
) -> None:
    import_archive(db, archive, seeds_dir)
    assert _found(db, "签约") == set()  # imported, not yet cleaned: nothing to search
    assert analyse_pending(db, workers=1) == len(seed_files())
    with db.session() as session:
        seeds = search(session, "签约")
    assert seeds.total >= 1
    # Reprocess deletes each article's old terms before indexing the new: the same answers, once each.
    mark_all_pending(db)
    assert analyse_pending(db, workers=1) == len(seed_files())
    with db.session() as session:
        again = search(session, "签约")
        entries = list(session.scalars(select(ArticleSearch.article_id)))
    assert again.total == seeds.total
    assert [hit.article_id for hit in again.hits] == [hit.article_id for hit in seeds.hits]
    assert len(entries) == len(set(entries)) == len(seed_files())


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("签约仪式",), ["签约", "约仪", "仪式", "式"]),
        (("投资500亿元",), ["投资", "资500", "500亿", "亿元", "元", "500"]),
        (("5G, 通信",), ["5g", "通信", "信"]),
        ((None, "园区。园区"), ["园区", "区"]),
        # full-width letters and digits are read as ASCII (NFKC); words after the run's pairs and last unit
        (("ＡＩ芯片５Ｇ",), ["ai芯", "芯片", "片5g", "5g", "ai"]),
        (("Apple与TCL中环",), ["apple与", "与tcl", "tcl中", "中环", "环", "apple", "tcl"]),
        (("北京_上海",), ["北京", "京", "上海", "海"]),  # an underscore ends a run
        (("x",), ["x"]),
        (("第٣期",), ["第٣", "٣期", "期"]),  # a digit of another script is a unit of one character
        (("园区", "开工：园区项目"), ["园区", "区", "开工", "工", "区项", "项目", "目"]),  # first seen, across parts
    ],
)
def test_document_terms(parts: tuple[str | None, ...], expected: list[str]) -> None:
    assert document_terms(*parts) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("签约", [QueryTerm("签约")]),
        ("签", [QueryTerm("签", prefix=True)]),
        ("5G", [QueryTerm("5g")]),
        ("500亿元", [QueryTerm("500亿"), QueryTerm("亿元")]),
        ('"签约" OR *', [QueryTerm("签约"), QueryTerm("or")]),  # FTS5 and tsquery syntax is text like any other
    ],
)
def test_query_terms(query: str, expected: list[QueryTerm]) -> None:
    assert query_terms(query) == expected


def test_snippet_keeps_the_original_characters_around_a_full_width_hit() -> None:
    pieces = snippet("本市新建５Ｇ基站1200个", "5g基站", radius=4)
    assert pieces == [("本市新建", False), ("５Ｇ基站", True), ("1200", False)]


def test_migration_indexes_the_articles_of_a_populated_database(tmp_path: Path, archive: Archive) -> None:
    _migration_backfill(f"sqlite:///{tmp_path / 'old.db'}", archive)


def test_migration_indexes_the_articles_of_a_populated_postgresql_database(postgres_url: str, archive: Archive) -> None:
    _migration_backfill(postgres_url, archive)


def _migration_backfill(url: str, archive: Archive) -> None:
    db = Database(url)
    try:
        db.upgrade("0004")
        with db.session() as session:  # articles stored before search existed
            for number, (key, (title, body)) in enumerate(ARTICLES.items()):
                session.add(
                    Article(
                        content_hash=f"{number:016x}",
                        file_hash=f"{number:016x}",
                        archive_name=f"{number:03d}_{number:016x}.txt",
                        sequence=number,
                        title=title,
                        raw_text=body,
                        clean_text=body,
                        url=f"http://127.0.0.1/{key}.html",
                    )
                )
        assert db.upgrade("0005") == ["0005"]
        assert _found(db, "签约") == {TITLES["baoshan"]}
        assert _found(db, "5G") == {TITLES["park"], TITLES["fullwidth"]}
    finally:
        db.dispose()


def test_postgresql_reads_terms_exactly_whatever_the_servers_locale(postgres_url: str) -> None:
    # The terms are cast to tsvector, never parsed: what the parser takes for a letter depends on the
    # server's ctype, and it would read a whole Chinese sentence as one word.
    engine = create_engine(make_url(postgres_url))
    try:
        with engine.connect() as connection:
            lexemes = connection.execute(text("SELECT CAST('签约 500亿 5g' AS tsvector)::text")).scalar()
    finally:
        engine.dispose()
    assert lexemes is not None
    assert set(lexemes.split()) == {"'5g'", "'500亿'", "'签约'"}


def test_past_the_rank_limit_the_newest_stored_come_first(
    db: Database, stored: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "RANK_LIMIT", 2)  # three articles hold 区: too many to rank
    with db.session() as session:
        page = search(session, "区")
        few = search(session, "园区")
    assert not page.ranked
    assert [hit.article_id for hit in page.hits] == sorted([stored["baoshan"], stored["park"], stored["plain"]])[::-1]
    assert few.ranked


# (query, limit, sample, window, whether the newest articles show more than limit hold it), over the four
# articles above stored in order (baoshan, park, fullwidth, plain: plain is the newest).
COMMON_CASES = [
    ("区", 2, 4, 10, True),  # three of the four hold 区: the sample alone shows it
    ("区", 2, 1, 10, True),  # the newest holds it: at that rate 5 rows should hold 3, and all four are read
    ("区", 2, 1, 4, False),  # those 5 rows are more than the window allows: the index is asked
    ("区", 3, 4, 10, False),  # three are not more than three
    ("签约", 0, 4, 10, True),  # one is more than none
    ("签约", 0, 1, 10, False),  # not in the newest: seen too seldom to estimate, the index is asked
    ("招商引资", 0, 4, 10, False),  # in no article
    ("区", 2, 0, 10, False),  # no sample: always the index
]


@pytest.mark.parametrize(("query", "limit", "sample", "window", "common"), COMMON_CASES)
def test_postgresql_tells_a_common_query_by_the_newest_articles(
    postgres_db: Database, archive: Archive, query: str, limit: int, sample: int, window: int, common: bool
) -> None:
    for key in ARTICLES:
        _store(postgres_db, archive, key)
    with postgres_db.session() as session:
        assert search_index.common_in_newest(session, query, limit, sample=sample, window=window) is common


@pytest.mark.parametrize("query", ["区", "园区", "签约", "5G", "招商引资"])
def test_the_newest_articles_test_changes_no_search_result(
    db: Database, stored: dict[str, int], monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    # Past a rank limit of 2 (区 is in three articles), with the newest articles' test and without it (no sample):
    # the same hits, count and order on both backends.
    monkeypatch.setattr(search_index, "RANK_LIMIT", 2)
    pages = []
    for sample in (search_index.COMMON_SAMPLE, 0):
        monkeypatch.setattr(search_index, "COMMON_SAMPLE", sample)
        with db.session() as session:
            page = search(session, query)
        pages.append(([hit.article_id for hit in page.hits], page.total, page.ranked))
    assert pages[0] == pages[1]
