"""Storing extractions through the real store (SQLite and PostgreSQL): events, figures, clusters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.archive.storing import store_pages
from monitor.events.extraction import extract
from monitor.records import FetchedPage, FiledArticle, StoredArticle
from monitor.store import Article, Database
from monitor.store.event_models import Cluster, EventRow, FigureRow
from monitor.store.filing import file_extractions
from monitor.store.migrate import alembic_config, head_revisions
from monitor.store.models import ArticlePlace
from monitor.text.article import CleanArticle
from tests.conftest import store_page, to_store
from tests.events.events_seedtext import article_from_text, seed_article

# An abridged repost of seed 000 (its lede, no day, published days later) and a
# Simplified rewrite of the Jinshan signing in seed 003.
BAOSHAN_REPOST = (
    "近日,在上海市宝山区举行的2021年重大产业项目集中签约仪式上,100个产业项目集中签约,"
    "总投资额超500亿元。其中重大产业项目31个,总投资突破300亿元。"
)
JINSHAN_REWRITE = (
    "1月19日,上海市金山区举行招商大会,石化高性能弹性体等3个项目集中签约,总投资80亿元。金山区还成立了产业招商顾问团。"
)
BAOSHAN_NEXT_YEAR = "2022年8月30日,上海市宝山区举行重大产业项目集中签约仪式,120个项目集中签约,总投资额超600亿元。"
# Money past 2^31 and past 1e12: PostgreSQL integers would overflow.
HUGE = "2023年5月8日,广东省深圳市南山区举行重大项目集中签约仪式,12个项目集中签约,总投资1.5万亿元。"


def _article(text: str, published: str) -> CleanArticle:
    return article_from_text(text, published=datetime.fromisoformat(published).replace(tzinfo=UTC))


def _ingest(db: Database, archive: Archive, article: CleanArticle, url: str) -> int:
    page = FetchedPage(url=url, body=article.canonical_text.encode("utf-8"), fetched_at=datetime.now(UTC))
    return store_page(db, archive, page, article, "test").article_id


def _reanalysed(row: Article, article: CleanArticle) -> StoredArticle:
    """A stored article analysed again (as reprocess does): its earlier events are replaced."""
    return StoredArticle(row, article, extract(article), inserted=False)


def _clusters_of(db: Database, article_id: int) -> list[int | None]:
    with db.session() as session:
        return list(
            session.scalars(
                select(EventRow.cluster_id).where(EventRow.article_id == article_id).order_by(EventRow.position)
            )
        )


@pytest.mark.parametrize(
    ("original", "repost"),
    [
        (seed_article("000"), _article(BAOSHAN_REPOST, "2021-08-30")),
        (seed_article("003"), _article(JINSHAN_REWRITE, "2021-01-20")),
    ],
    ids=["baoshan-abridged", "jinshan-rewrite"],
)
def test_reposts_land_in_one_cluster(
    db: Database, archive: Archive, original: CleanArticle, repost: CleanArticle
) -> None:
    first = _ingest(db, archive, original, "http://127.0.0.1/original")
    second = _ingest(db, archive, repost, "http://127.0.0.1/repost")
    [lead, *_] = _clusters_of(db, first)
    [reposted] = _clusters_of(db, second)
    assert lead is not None and reposted == lead


# Dated 10 July: the undated repost (the 60 days before its publication on 30
# August) could be reporting it, the founder (26 August) cannot.  A report
# that conflicts with one report of a cluster is another event.
BAOSHAN_JULY = "2021年7月10日,上海市宝山区举行重大产业项目集中签约仪式,100个产业项目集中签约,总投资额超500亿元。"
# Another abridged repost, published a day earlier than the first: it agrees with both.
BAOSHAN_SECOND_REPOST = "近日,上海市宝山区100个产业项目集中签约,总投资额超500亿元,其中重大产业项目31个。"


@pytest.mark.parametrize(
    ("text", "published", "joins"),
    [(BAOSHAN_SECOND_REPOST, "2021-08-29", True), (BAOSHAN_JULY, "2021-07-11", False)],
    ids=["agrees-with-every-report", "conflicts-with-the-founder"],
)
def test_a_report_joins_a_cluster_only_when_no_report_of_it_conflicts(
    db: Database, archive: Archive, text: str, published: str, joins: bool
) -> None:
    founder = _ingest(db, archive, seed_article("000"), "http://127.0.0.1/founder")
    member = _ingest(db, archive, _article(BAOSHAN_REPOST, "2021-08-30"), "http://127.0.0.1/member")
    third = _ingest(db, archive, _article(text, published), "http://127.0.0.1/third")
    [cluster, *_] = _clusters_of(db, founder)
    assert _clusters_of(db, member) == [cluster]
    assert (_clusters_of(db, third) == [cluster]) is joins


def test_another_signing_gets_its_own_cluster(db: Database, archive: Archive) -> None:
    first = _ingest(db, archive, seed_article("000"), "http://127.0.0.1/2021")
    second = _ingest(db, archive, _article(BAOSHAN_NEXT_YEAR, "2022-08-31"), "http://127.0.0.1/2022")
    assert _clusters_of(db, first)[0] not in _clusters_of(db, second)


def test_seed_000_stored_as_the_issue_describes(db: Database, archive: Archive) -> None:
    article_id = _ingest(db, archive, seed_article("000"), "http://127.0.0.1/000")
    with db.session() as session:
        signing, agreement = session.scalars(
            select(EventRow).where(EventRow.article_id == article_id).order_by(EventRow.position)
        ).all()
        assert (signing.kind, signing.status, signing.county, signing.date_text) == (
            "集中签约",
            "done",
            "宝山区",
            "2021-08-26",
        )
        assert (signing.projects, signing.investment_value, signing.qualifier) == (100, 50_000_000_000, "more_than")
        assert signing.parts[0]["projects"] == 31
        assert agreement.parties == ["上海证券交易所", "宝山区政府"]
        assert [f.text for f in signing.figures] == ["超500亿元"]
        cluster = session.get(Cluster, signing.cluster_id)
        assert cluster is not None and cluster.county == "宝山区" and cluster.investment_value == 50_000_000_000


def test_non_investment_figures_are_stored_without_an_event(db: Database, archive: Archive) -> None:
    article_id = _ingest(db, archive, seed_article("002"), "http://127.0.0.1/002")
    with db.session() as session:
        # No signing, and 总投资210亿元的24个重大项目得到有力推进 is progress, not new investment: no event.
        assert session.scalars(select(EventRow)).all() == []
        figures = {
            f.text: f.investment for f in session.scalars(select(FigureRow).where(FigureRow.article_id == article_id))
        }
    assert figures["210亿元"] is True
    for text in ("60.4亿元", "179亿元", "突破100亿元", "4.3亿元"):
        assert figures[text] is False, text


def test_huge_values_round_trip(db: Database, archive: Archive) -> None:
    _ingest(db, archive, _article(HUGE, "2023-05-09"), "http://127.0.0.1/huge")
    with db.session() as session:
        [event] = session.scalars(select(EventRow)).all()
        assert event.investment_value == 1_500_000_000_000
        assert session.scalar(select(FigureRow.value)) == 1_500_000_000_000


def test_reanalysis_replaces_events_and_keeps_the_cluster(db: Database, archive: Archive) -> None:
    article_id = _ingest(db, archive, seed_article("000"), "http://127.0.0.1/000")
    before = _clusters_of(db, article_id)
    with db.session() as session:
        figures = session.scalar(select(func.count()).select_from(FigureRow))
    with db.session() as session:
        row = session.get(Article, article_id)
        assert row is not None
        [again] = file_extractions(session, [_reanalysed(row, seed_article("000"))])
        # the cluster was founded by this article's earlier analysis: no new alert is owed
        assert [s.new_cluster for s in again.events] == [False, False]
    assert _clusters_of(db, article_id) == before
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(EventRow)) == len(before)
        assert session.scalar(select(func.count()).select_from(Cluster)) == len(before)
        assert session.scalar(select(func.count()).select_from(FigureRow)) == figures


def test_filing_says_which_events_are_owed_an_alert(db: Database, archive: Archive) -> None:
    seen: list[FiledArticle] = []

    def note_filed(session: Session, filed: Sequence[FiledArticle]) -> None:
        seen.extend(filed)

    for url, article in (("a", seed_article("000")), ("b", _article(BAOSHAN_REPOST, "2021-08-30"))):
        page = FetchedPage(url=f"http://127.0.0.1/{url}", body=b"x", fetched_at=datetime.now(UTC))
        ingest_pages(db, archive, [to_store(page, article, "test")], test_seam_before_commit=note_filed)
    original, repost = (item.alertable for item in seen)
    assert [(s.event.kind, s.new_cluster, s.first_done) for s in original] == [
        ("集中签约", True, True),
        ("战略合作协议", True, True),
    ]
    assert repost == []  # the repost's event joined the 集中签约 cluster: no second alert


def test_an_article_without_events_files_none(db: Database, archive: Archive) -> None:
    weather = _article("今天天气很好。", "2021-01-01")
    article_id = _ingest(db, archive, weather, "http://127.0.0.1/none")
    with db.session() as session:
        row = session.get_one(Article, article_id)
        assert file_extractions(session, [_reanalysed(row, weather)]) == [FiledArticle(row, [])]


def test_deleting_an_article_deletes_its_events_and_figures(db: Database, archive: Archive) -> None:
    article_id = _ingest(db, archive, seed_article("003"), "http://127.0.0.1/003")
    with db.session() as session:
        session.execute(delete(Article).where(Article.id == article_id))
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(EventRow)) == 0
        assert session.scalar(select(func.count()).select_from(FigureRow)) == 0


def test_reanalysing_a_batch_meets_the_old_events_of_later_articles(db: Database, archive: Archive) -> None:
    """As article by article: A, stored unfiled, is re-analysed in one batch with B, whose old events are stored."""
    _ingest(db, archive, seed_article("000"), "http://127.0.0.1/founder")
    early, repost = _article(BAOSHAN_SECOND_REPOST, "2021-08-29"), _article(BAOSHAN_REPOST, "2021-08-30")
    page = FetchedPage(url="http://127.0.0.1/early", body=b"x", fetched_at=datetime.now(UTC))
    with db.session() as session:  # stored, its extraction not filed (the first step alone)
        a = store_pages(session, archive, [to_store(page, early, "test")]).results[0].article_id
    b = _ingest(db, archive, repost, "http://127.0.0.1/repost")
    [cluster] = _clusters_of(db, b)
    with db.session() as session:
        rows = [session.get_one(Article, a), session.get_one(Article, b)]
        again = file_extractions(session, [_reanalysed(rows[0], early), _reanalysed(rows[1], repost)])
        flags = [[(s.event.cluster_id, s.new_cluster, s.first_done) for s in item.events] for item in again]
    assert flags == [[(cluster, False, False)], [(cluster, False, False)]]  # no new cluster, no second alert


# A page that reports no event (a province's figures, no signing, no occasion) and one that does.
NO_EVENT_PAGE = "记者从安徽省合作办获悉,一季度全省利用省外资金项目到位资金同比增长8.2%。"


@pytest.mark.parametrize(
    ("text", "place", "events"),
    [
        (NO_EVENT_PAGE, ("安徽省", None, None), 0),
        (JINSHAN_REWRITE, ("上海市", "上海市", "金山区"), 1),
        ("今天天气很好。", (None, None, None), 0),
    ],
    ids=["no-event", "event", "no-place"],
)
def test_an_article_keeps_its_place(
    db: Database, archive: Archive, text: str, place: tuple[str | None, ...], events: int
) -> None:
    article_id = _ingest(db, archive, _article(text, "2021-04-20"), "http://127.0.0.1/place")
    with db.session() as session:
        kept = session.get(ArticlePlace, article_id)
        assert ((kept.province, kept.city, kept.county) if kept else (None, None, None)) == place
        assert session.scalar(select(func.count()).where(EventRow.article_id == article_id)) == events


def test_a_reanalysis_keeps_the_new_place(db: Database, archive: Archive) -> None:
    article_id = _ingest(db, archive, _article(NO_EVENT_PAGE, "2021-04-20"), "http://127.0.0.1/place")
    # as reprocess would find it after a change of the rules: the same row, another reading
    other = _article("记者从三明市金融办了解到,全市民营企业新增贷款同比增长9%。", "2021-04-20")
    with db.session() as session:
        file_extractions(session, [_reanalysed(session.get_one(Article, article_id), other)])
    with db.session() as session:
        kept = session.get_one(ArticlePlace, article_id)
        assert (kept.province, kept.city, kept.county) == ("福建省", "三明市", None)


def test_the_upgrade_gives_stored_articles_their_first_placed_events_place(db: Database, archive: Archive) -> None:
    placed = _ingest(db, archive, seed_article("003"), "http://127.0.0.1/003")
    unplaced = _ingest(db, archive, _article(NO_EVENT_PAGE, "2021-04-20"), "http://127.0.0.1/none")
    with db.engine.begin() as connection:  # as stored before 0015: no article places
        command.downgrade(alembic_config(connection), "0014")
    assert db.upgrade() == sorted(head_revisions())
    with db.session() as session:
        kept = session.get_one(ArticlePlace, placed)
        [first] = session.scalars(select(EventRow).where(EventRow.article_id == placed, EventRow.position == 0))
        assert (kept.province, kept.city, kept.county) == (first.province, first.city, first.county) != (None,) * 3
        assert session.get(ArticlePlace, unplaced) is None  # no event: placed when next analysed, never guessed
