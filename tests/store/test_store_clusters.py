"""Clusters through the real store: reports of one event share a cluster and one alert, and the evidence says why.

Each report of ``eval/blind2026/clusters.jsonl`` (a development set since its
first run) is stored as a page through the whole storing transaction
(``ingest_pages``), in the order given, as a crawl would meet them.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.events.extraction import extract
from monitor.records import FetchedPage, FiledArticle, StoredArticle
from monitor.store import Article, Database, filing
from monitor.store.event_models import Cluster, EventRow
from monitor.store.filing import file_extractions
from monitor.text.article import CleanArticle
from monitor.text.byline import BEIJING
from tests.conftest import to_store
from tests.events.events_seedtext import article_from_text
from tests.events.test_events_cluster import SHANGLUO, report_article

FETCHED = datetime(2026, 12, 2, tzinfo=UTC)


def _store(db: Database, archive: Archive, name: str, article: CleanArticle) -> FiledArticle:
    """Store one page holding ``article``; what filing returned for it."""
    filed: list[FiledArticle] = []

    def note(session: Session, items: Sequence[FiledArticle]) -> None:
        filed.extend(items)

    page = FetchedPage(url=f"http://127.0.0.1/{name}", body=name.encode(), fetched_at=FETCHED)
    ingest_pages(db, archive, [to_store(page, article, "test")], test_seam_before_commit=note)
    [item] = filed
    return item


def _clusters(db: Database, article_id: int) -> set[int]:
    with db.session() as session:
        rows = session.scalars(select(EventRow.cluster_id).where(EventRow.article_id == article_id))
        return {cluster for cluster in rows if cluster is not None}


def _store_reports(db: Database, archive: Archive, reports: Sequence[str]) -> dict[str, set[int]]:
    """Store the reports in order; the clusters of each report's events."""
    ids = {report: _store(db, archive, report, report_article(report)).row.id for report in reports}
    return {report: _clusters(db, article_id) for report, article_id in ids.items()}


# (reports in the order stored, the reports that must share a cluster, those that must not)
CASES: list[tuple[str, list[str], list[tuple[str, str]], list[tuple[str, str]]]] = [
    (
        # 耒阳's ceremony and a repost with no place and no date (359.93亿元, 73 projects)
        "ceremony-and-repost",
        ["c002", "c001"],
        [("c001", "c002")],
        [],
    ),
    (
        # 河南省 and 中国邮政 on 2020-09-28, told twice; the 2024 agreement of the same parties
        "agreement-repost-and-a-later-agreement",
        ["c021", "c022", "c123"],
        [("c021", "c022")],
        [("c021", "c123"), ("c022", "c123")],
    ),
    (
        # 特斯拉储能超级工厂: two dated reports, then an undated one that shares the wording
        "tesla-three-sites",
        ["c076", "c077", "c075"],
        [("c076", "c077"), ("c075", "c076")],
        [],
    ),
    (
        # 巴南区's quarterly signings: the fourth quarter of 2021 and the first of 2022
        "quarters-of-one-district",
        ["c106", "c107"],
        [],
        [("c106", "c107")],
    ),
    (
        # 国家能源集团 with 四川省 and with 蜀道集团, both in 成都 on 6月12日
        "same-day-other-counterparty",
        ["c147", "c148"],
        [],
        [("c147", "c148")],
    ),
]


@pytest.mark.parametrize(("name", "order", "same", "apart"), CASES, ids=[case[0] for case in CASES])
def test_reports_share_a_cluster_exactly_when_they_are_one_event(
    sqlite_db: Database,
    archive: Archive,
    name: str,
    order: list[str],
    same: list[tuple[str, str]],
    apart: list[tuple[str, str]],
) -> None:
    clusters = _store_reports(sqlite_db, archive, order)
    assert all(clusters.values()), clusters  # every report files an event
    for a, b in same:
        assert clusters[a] & clusters[b], (a, b, clusters)
    for a, b in apart:
        assert not clusters[a] & clusters[b], (a, b, clusters)


def test_one_postgresql_store_decides_as_sqlite(postgres_db: Database, archive: Archive) -> None:
    order, same, apart = ["c021", "c022", "c123"], ("c021", "c022"), ("c021", "c123")
    clusters = _store_reports(postgres_db, archive, order)
    assert clusters[same[0]] & clusters[same[1]]
    assert not clusters[apart[0]] & clusters[apart[1]]


def _evidence(db: Database, cluster_id: int) -> list[dict[str, Any]]:
    with db.session() as session:
        cluster = session.get_one(Cluster, cluster_id)
        return list(cluster.evidence or [])


def test_the_cluster_keeps_which_fields_matched_and_how(sqlite_db: Database, archive: Archive) -> None:
    founder = _store(sqlite_db, archive, "c001", report_article("c001"))
    repost = _store(sqlite_db, archive, "c002", report_article("c002"))
    [cluster] = _clusters(sqlite_db, founder.row.id)
    assert _clusters(sqlite_db, repost.row.id) == {cluster}
    entries = _evidence(sqlite_db, cluster)
    founded, matched, *rest = entries
    first = founder.events[0].event.id
    assert founded == {"event": first, "article": founder.row.id, "joined": "founded"}
    assert (matched["event"], matched["article"], matched["joined"], matched["with"]) == (
        repost.events[0].event.id,
        repost.row.id,
        "matched",
        first,
    )
    assert matched["fields"]["amounts"].startswith("equal: 359.93亿")
    assert matched["fields"]["projects"] == "same count: 73"
    assert matched["score"] >= 4
    # the repost's other event (its 33 signed projects, a part of the same ceremony) joined with its first
    assert [(e["joined"], e["with"]) for e in rest] == [("same article", repost.events[0].event.id)] * len(rest)
    assert {e["event"] for e in entries} == {s.event.id for s in (*founder.events, *repost.events)}


ONE_CEREMONY: list[tuple[str, Any, int]] = [
    # a strategic agreement and 出席签约仪式: one event, one alert (two before)
    ("referring-back", lambda: report_article("c003"), 1),
    # a strategic agreement and 见证签约
    ("witnessed", lambda: report_article("c021"), 1),
    # a ceremony of 40 projects and one of them signed by a county with a company
    ("sub-project", lambda: article_from_text(SHANGLUO, published=datetime(2014, 5, 26, tzinfo=BEIJING)), 1),
]


@pytest.mark.parametrize(("name", "make", "alerts"), ONE_CEREMONY, ids=[case[0] for case in ONE_CEREMONY])
def test_one_ceremony_is_one_cluster_and_one_alert(
    sqlite_db: Database, archive: Archive, name: str, make: Any, alerts: int
) -> None:
    filed = _store(sqlite_db, archive, name, make())
    assert len(filed.events) > 1  # the extraction reports it more than once
    assert len({s.event.cluster_id for s in filed.events}) == 1
    assert len(filed.alertable) == alerts


def test_a_repost_owes_no_second_alert(sqlite_db: Database, archive: Archive) -> None:
    first = _store(sqlite_db, archive, "c003", report_article("c003"))
    repost = _store(sqlite_db, archive, "c004", report_article("c004"))
    assert len(first.alertable) == 1
    assert repost.alertable == []
    assert _clusters(sqlite_db, first.row.id) == _clusters(sqlite_db, repost.row.id)


def test_reanalysis_replaces_the_articles_evidence(sqlite_db: Database, archive: Archive) -> None:
    founder = _store(sqlite_db, archive, "c001", report_article("c001"))
    repost = _store(sqlite_db, archive, "c002", report_article("c002"))
    [cluster] = _clusters(sqlite_db, founder.row.id)
    before = _evidence(sqlite_db, cluster)
    article = report_article("c002")
    with sqlite_db.session() as session:
        row = session.get_one(Article, repost.row.id)
        [again] = file_extractions(session, [StoredArticle(row, article, extract(article), inserted=False)])
    assert _clusters(sqlite_db, repost.row.id) == {cluster}
    after = _evidence(sqlite_db, cluster)
    # the founder's entry stays; the repost's entries are its new events', once each
    assert after[0] == before[0]
    assert [e["event"] for e in after[1:]] == [s.event.id for s in again.events]
    assert all(e["article"] == repost.row.id for e in after[1:])


# 耒阳's ceremony (c001) and a repost that names no place (c002), their figures changed round by round.
LEIYANG = "{day}日上午,耒阳市举行重大项目集中签约仪式。此次集中签约项目共{projects}个,总投资{amount}亿元。"
LEIYANG_REPOST = "据悉,此次集中签约项目共{projects}个,总投资{amount}亿元,涉及工业制造业、新材料、现代物流等多个领域。"


def test_two_writers_filing_a_report_and_its_repost_at_once_make_one_cluster(
    postgres_db: Database, archive: Archive
) -> None:
    """The repost names no province: it waits for the other writer's lock, whichever comes first, and joins."""
    rounds = 12
    start = threading.Barrier(2)
    stored: dict[tuple[int, str], int] = {}

    def writer(side: str) -> None:
        for number in range(rounds):
            figures = {"projects": 20 + number, "amount": f"{100 + number}.37"}
            template = LEIYANG if side == "report" else LEIYANG_REPOST
            text = template.format(day=number + 1, **figures)  # the repost has no {day}
            article = article_from_text(text, published=datetime(2022, 3, number + 2, tzinfo=BEIJING))
            start.wait()
            try:
                stored[number, side] = _store(postgres_db, archive, f"{side}-{number}", article).row.id
            except BaseException:
                start.abort()
                raise

    with ThreadPoolExecutor(2) as pool:
        errors = [e for done in [pool.submit(writer, side) for side in ("report", "repost")] if (e := done.exception())]
    assert not errors, errors
    for number in range(rounds):
        report = _clusters(postgres_db, stored[number, "report"])
        assert report and report == _clusters(postgres_db, stored[number, "repost"]), number


# ---------------------------------------------------------------- mentions through the store

CONGRESS_OPENS = "10月22日上午,第五届楚商大会在湖北省武汉市开幕,海内外知名楚商代表与会。"
CONGRESS_SIGNS = "第五届楚商大会22日在武汉开幕,32个项目现场签约,总金额722.2亿元人民币。"
TURNOVER = "11月10日,中国国际进口博览会在上海闭幕。按一年计,累计意向成交{amount}亿美元,比上届增长2.1%。"


def _page_article(text: str, published: str | None) -> CleanArticle:
    day = datetime.fromisoformat(published).replace(tzinfo=BEIJING) if published else None
    return article_from_text(text, published=day)


def test_a_mention_founds_a_cluster_that_owes_its_alert_to_the_first_signing(db: Database, archive: Archive) -> None:
    opening = _store(db, archive, "opens", _page_article(CONGRESS_OPENS, "2021-10-22"))
    [mention] = opening.events
    assert mention.event.status == "reported"
    assert opening.alertable == []  # a mention is no signing: no alert
    signing = _store(db, archive, "signs", _page_article(CONGRESS_SIGNS, "2021-10-23"))
    assert [s.event.status for s in signing.events] == ["done"]
    assert _clusters(db, signing.row.id) == _clusters(db, opening.row.id)
    assert len(signing.alertable) == 1  # the first done report of the cluster is owed it
    repost = _store(db, archive, "repost", _page_article(CONGRESS_OPENS.replace("上午", ""), "2021-10-23"))
    assert _clusters(db, repost.row.id) == _clusters(db, opening.row.id)
    assert repost.alertable == []


def test_a_stored_mention_is_compared_by_its_turnover(db: Database, archive: Archive) -> None:
    # undated pages of one wording: only the turnover, read back from the store, tells the two apart
    first = _store(db, archive, "first", _page_article(TURNOVER.format(amount="578.3"), None))
    other = _store(db, archive, "other", _page_article(TURNOVER.format(amount="711.3"), None))
    assert [e.event.status for e in (*first.events, *other.events)] == ["reported", "reported"]
    assert not _clusters(db, first.row.id) & _clusters(db, other.row.id)
    # the same news with the same turnover, from another site in Traditional script, joins the first
    mirror = "據新華社消息," + TURNOVER.format(amount="578.3").replace("国际进口博览会", "國際進口博覽會")
    repost = _store(db, archive, "mirror", _page_article(mirror, None))
    assert _clusters(db, repost.row.id) == _clusters(db, first.row.id)


# One county, one day, three agreements (the demo's mirror publishes such days): an
# agreement with no amount, then two batches of other amounts and project counts.
SAME_DAY_AGREEMENTS = [
    ("sse", "12月2日,金山区人民政府与上海证券交易所签署战略合作协议,共建资本市场服务基地。"),
    ("batch-120", "12月2日,金山区举行重点项目集中签约,120个项目集中签约,总投资80.45亿元。"),
    ("batch-12", "12月2日,金山区举行重点项目集中签约仪式,12个项目集中签约,总投资86亿元。"),
]


# The first batch as the demo's mirror tells it: a 云签约 with a part of its projects.
CLOUD_BATCH = (
    "12月2日,上海市金山区举行“2026年重点产业项目云签约活动”,120个生物医药、机器人及智能制造等产业项目集中签约,"
    "总投资额80.45亿元。其中重大产业项目60个,总投资51亿元。"
)


@pytest.mark.parametrize("cloud", [False, True], ids=["batch", "cloud"])
@pytest.mark.parametrize("order", [[0, 1, 2], [0, 2, 1], [1, 0, 2], [2, 0, 1]])
def test_an_amountless_report_never_chains_two_agreements_of_other_amounts(
    sqlite_db: Database, archive: Archive, order: list[int], cloud: bool
) -> None:
    filed: dict[str, FiledArticle] = {}
    for index in order:
        name, text = SAME_DAY_AGREEMENTS[index]
        if cloud and name == "batch-120":
            text = CLOUD_BATCH
        article = CleanArticle(title=None, paragraphs=(text,), published=FETCHED)
        filed[name] = _store(sqlite_db, archive, name, article)
    clusters = {name: _clusters(sqlite_db, item.row.id) for name, item in filed.items()}
    assert clusters["batch-120"] and clusters["batch-12"], clusters
    assert not clusters["batch-120"] & clusters["batch-12"], clusters
    # the batch stored last founds its own cluster, so it is alerted (it once joined the first batch's)
    assert filed[SAME_DAY_AGREEMENTS[order[-1]][0]].alertable


# ---------------------------------------------------------------- lock order across a batch's runs

NANJING_UNDATED = "南京市江宁区与某新能源公司签订投资协议,总投资50亿元。"


def test_a_batch_holds_every_province_lock_before_it_files_a_run(postgres_db: Database, archive: Archive) -> None:
    """A batch split into runs (an undated event files alone) takes all its provinces' locks first.

    Taken run by run, two writers could each hold one run's province and wait for the other's:
    a deadlock.  Here another connection holds the undated run's province; the batch must wait
    (and time out) before it writes any event of its first run.
    """
    dated = article_from_text(
        LEIYANG.format(day=3, projects=12, amount="88.5"), published=datetime(2022, 3, 4, tzinfo=BEIJING)
    )
    undated = article_from_text(NANJING_UNDATED, published=None)
    [event] = extract(undated).events
    assert event.date is None and event.place.province == "江苏省"
    written: list[str] = []

    @sa_event.listens_for(postgres_db.engine, "before_cursor_execute")
    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        written.append(statement)

    @sa_event.listens_for(postgres_db.engine, "connect")
    def impatient(connection: Any, _record: Any) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")

    postgres_db.engine.dispose()  # the next connections are made with the listener
    pages = [
        to_store(FetchedPage(url=f"http://127.0.0.1/{name}", body=name.encode(), fetched_at=FETCHED), article, "t")
        for name, article in (("dated", dated), ("undated", undated))
    ]
    holder = create_engine(postgres_db.engine.url, isolation_level="AUTOCOMMIT")
    try:
        with holder.connect() as other:
            other.execute(text("SELECT pg_advisory_lock(:n)"), {"n": filing._lock_number("江苏省")})
            with pytest.raises(Exception, match="lock"):
                ingest_pages(postgres_db, archive, pages)
            other.execute(text("SELECT pg_advisory_unlock_all()"))
    finally:
        holder.dispose()
    assert written and not [s for s in written if s.lstrip().upper().startswith("INSERT INTO EVENTS")]
    ingest_pages(postgres_db, archive, pages)  # the lock released, the batch files whole
    with postgres_db.session() as session:
        assert session.scalar(select(func.count()).select_from(EventRow)) == 2
