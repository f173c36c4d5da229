"""The Events page's query shapes for a large store: capped counts, index orders, the feed link, cached sums.

Run on the analyst store (real signings through the storing transaction)
on SQLite and PostgreSQL.  What a million rows need is measured by
bench/bench_workbench.py; these tests hold the behaviour those shapes must
keep: the same events, in the same order, with undated ones last, a count
that says when it stopped, the indexes the planner can read the order from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from lxml import etree, html
from sqlalchemy import select, text, update
from starlette.testclient import TestClient

from monitor.alerts.subscriptions import SubscriptionSpec, add_subscription
from monitor.archive.files import Archive
from monitor.store import Database
from monitor.store.event_models import EventRow
from monitor.store.workbench_indexes import ORDER_INDEXES
from monitor.workbench.event_query import EventQuery, event_conditions, event_order, find_events, read_event_query
from tests.workbench.analyst_store import SOURCES, Signing, app_with, populate, settings_with_sources, store

A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def analyst(db: Database, tmp_path: Path) -> Iterator[tuple[Database, Archive]]:
    archive = Archive(tmp_path / "archive")
    populate(db, archive)
    yield db, archive


def _ids(db: Database, query: EventQuery) -> list[int]:
    with db.session() as session:
        return [row.id for row in find_events(session, query).events]


def _all_ids_by_python(db: Database, key: str) -> list[int]:
    """Every event in the order the page promises, computed in Python: that column descending, empty last, then id."""
    with db.session() as session:
        rows = list(session.scalars(select(EventRow)))
    dated = sorted(
        (r for r in rows if getattr(r, key) is not None), key=lambda r: (getattr(r, key), r.id), reverse=True
    )
    undated = sorted((r for r in rows if getattr(r, key) is None), key=lambda r: r.id, reverse=True)
    return [r.id for r in dated + undated]


@pytest.mark.parametrize(("sort", "column"), [("date", "reported_on"), ("amount", "investment_value")])
def test_newest_and_largest_first_with_empty_values_last(
    analyst: tuple[Database, Archive], sort: str, column: str
) -> None:
    db, _ = analyst
    with db.session() as session:
        # One event without a date and one without an amount: they go last on both backends.
        first, second = session.scalars(select(EventRow.id).order_by(EventRow.id).limit(2)).all()
        session.execute(update(EventRow).where(EventRow.id == first).values(reported_on=None))
        session.execute(update(EventRow).where(EventRow.id == second).values(investment_value=None))
    expected = _all_ids_by_python(db, column)
    assert _ids(db, EventQuery(sort=sort)) == expected
    # Paging walks the same order without gaps or repeats.
    walked = [i for page in (1, 2, 3, 4) for i in _ids(db, EventQuery(sort=sort, per_page=2, page=page))]
    assert walked == expected


# (cap, events stored → total shown, more?): the count stops at the cap and says so.
CAP_CASES = [(3, "3+", True), (100, None, False)]


@pytest.mark.parametrize(("cap", "shown", "more"), CAP_CASES)
def test_the_count_stops_at_its_cap_and_says_so(
    analyst: tuple[Database, Archive], cap: int, shown: str | None, more: bool
) -> None:
    db, _ = analyst
    with db.session() as session:
        stored = len(session.scalars(select(EventRow.id)).all())
        page = find_events(session, EventQuery(per_page=2), cap=cap)
        feed_like = find_events(session, EventQuery(per_page=2), count=False)
    assert stored > 3
    assert (page.total_text, page.more) == (shown or f"{stored:,}", more)
    assert page.total == min(stored, cap)
    assert [r.id for r in feed_like.events] == [r.id for r in page.events]


# Filters that reach the articles (source, free text), read without joining them: the same events as by hand.
FILTER_CASES = [
    ({"source": "mirror-b"}, lambda e: e.article.source.name == "mirror-b"),
    ({"q": "宝山区"}, lambda e: "宝山区" in (e.article.title or "") or "宝山区" in e.evidence),
    ({"q": "往年"}, lambda e: "往年" in (e.article.title or "") or "往年" in e.evidence),
    ({"q": "签约仪式", "source": "mirror-a"}, lambda e: e.article.source.name == "mirror-a"),
    ({"q": "100%_"}, lambda e: False),  # LIKE's wildcards are literal text
]


@pytest.mark.parametrize(("params", "wanted"), FILTER_CASES)
def test_source_and_text_filters_match_what_the_events_say(
    analyst: tuple[Database, Archive], params: dict[str, str], wanted: object
) -> None:
    db, _ = analyst
    query = read_event_query(params)
    with db.session() as session:
        everything = list(session.scalars(select(EventRow)))
        expected = sorted(e.id for e in everything if wanted(e))  # type: ignore[operator]
        by_conditions = sorted(session.scalars(select(EventRow.id).where(*event_conditions(query))))
    assert by_conditions == expected
    assert sorted(_ids(db, query)) == expected


def test_the_order_indexes_exist_and_give_the_default_order(analyst: tuple[Database, Archive]) -> None:
    db, _ = analyst
    statement = "SELECT id FROM events ORDER BY reported_on DESC NULLS LAST, id DESC LIMIT 20"
    with db.engine.connect() as connection:
        if db.engine.dialect.name == "postgresql":
            found = connection.execute(
                text("SELECT indexname FROM pg_indexes WHERE tablename IN ('events', 'articles')")
            )
            names = set(found.scalars())
            connection.execute(text("SET enable_seqscan = off"))  # a tiny table: ask whether the index can serve
            plan = "\n".join(connection.execute(text(f"EXPLAIN {statement}")).scalars())
        else:
            names = set(connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())
            plan = "\n".join(str(row[-1]) for row in connection.execute(text(f"EXPLAIN QUERY PLAN {statement}")))
    assert "ix_articles_source_id" in names
    if db.engine.dialect.name == "postgresql":
        assert set(ORDER_INDEXES) <= names
        assert "ix_events_newest" in plan
    else:
        # SQLite's index on reported_on holds (reported_on, rowid): read backwards it is this order already.
        assert not set(ORDER_INDEXES) & names
        assert "ix_events_reported_on" in plan
    assert "Sort" not in plan and "TEMP B-TREE" not in plan


# (the Events page's query string, the feed's): paging, sorting and the page size stay on the page.
FEED_LINK_CASES = [
    ("", {}),
    ("place=上海市&min_amount=10亿", {"place": "上海市", "min_amount": "10亿"}),
    ("place=宝山区&sort=amount&order=asc&page=2&per_page=20", {"place": "宝山区"}),
    ("source=mirror-a&q=签约&from=2025-01-01&to=2025-06-30&status=done", None),
]


@pytest.mark.parametrize(("page_query", "feed_params"), FEED_LINK_CASES)
def test_the_events_page_links_its_feed_with_the_current_filters(
    analyst: tuple[Database, Archive], page_query: str, feed_params: dict[str, str] | None
) -> None:
    db, _ = analyst
    with TestClient(app_with(settings_with_sources(*SOURCES), db), base_url="http://127.0.0.1") as client:
        reply = client.get(f"/events?{page_query}")
        assert reply.status_code == 200
        tree = html.fromstring(reply.text)
        [alternate] = tree.xpath('//head/link[@rel="alternate"][@type="application/atom+xml"]/@href')
        [visible] = tree.xpath('//a[contains(@class, "feed")]/@href')
        assert alternate == visible
        link = urlsplit(alternate)
        assert link.path == "/feeds/events.atom"
        expected = feed_params if feed_params is not None else dict(parse_qsl(page_query))
        assert dict(parse_qsl(link.query)) == expected
        feed = client.get(alternate)
        assert feed.status_code == 200
        entries = etree.fromstring(feed.content).findall(f"{A}entry")
        # The feed holds the page's events (as clusters), newest first.
        page = client.get(f"/api/v1/events?{page_query}").json()
        clusters = {e["cluster"] for e in page["events"]}
        if "page" not in page_query:
            assert {
                int(e.find(f"{A}link[@rel='alternate']").get("href").rsplit("/", 1)[1]) for e in entries
            } == clusters


def test_subscriptions_list_their_ids_and_feeds_with_targets_masked(analyst: tuple[Database, Archive]) -> None:
    db, _ = analyst
    secret = "json://127.0.0.1:9/hook?token=s3cretTOKEN"
    with db.session() as session:
        add_subscription(session, SubscriptionSpec(name="宝山", target=secret, places=("宝山区",)))
        add_subscription(session, SubscriptionSpec(name="全部", target=secret))
    with TestClient(app_with(settings_with_sources(*SOURCES), db), base_url="http://127.0.0.1") as client:
        listed = client.get("/api/v1/subscriptions").json()
        page = client.get("/subscriptions").text
        csv = client.get("/subscriptions?format=csv").text
        assert sorted(s["name"] for s in listed) == sorted(["宝山", "全部"])
        for row in listed:
            assert row["feed"] == f"/feeds/subscriptions/{row['id']}.atom"
            assert f'href="{row["feed"]}"' in page
            assert f">{row['id']}<" in page
            assert client.get(row["feed"]).status_code == 200
        for shown in (str(listed), page, csv):
            assert "s3cretTOKEN" not in shown


def test_the_overview_counts_a_new_signing_at_once(analyst: tuple[Database, Archive]) -> None:
    db, archive = analyst
    with TestClient(app_with(settings_with_sources(*SOURCES), db), base_url="http://127.0.0.1") as client:
        before = client.get("/api/v1/overview?end=2025-06").json()
        again = client.get("/api/v1/overview?end=2025-06").json()
        assert again == before  # served from the cache: the same answer
        signing = Signing("上海市宝山区", date(2025, 6, 20), "30亿元", "宝山区新签约", "mirror-a")
        assert store(db, archive, signing, "http://127.0.0.1/a/new").outcome == "new"
        after = client.get("/api/v1/overview?end=2025-06").json()
        kinds = client.get("/events").status_code
    june = {m["month"]: m for m in after["months"]}["2025-06"]
    june_before = {m["month"]: m for m in before["months"]}["2025-06"]
    assert june["events"] == june_before["events"] + 1
    assert june["signed_investment"] == june_before["signed_investment"] + 3e9
    assert kinds == 200


# Largest (smallest) first with other filters: read off the amount order, each event tested, when the capped count
# says more than the cap match (a cap of 1 here: the store is small); the pages are those of the one ordered query.
AMOUNT_ORDER_CASES = [
    {"place": "上海市", "sort": "amount"},
    {"place": "上海市", "min_amount": "1亿", "sort": "amount"},
    {"from": "2024-01-01", "to": "2025-12-31", "sort": "amount", "order": "asc"},
    {"place": "上海市", "source": "mirror-a", "min_amount": "1亿", "sort": "amount", "order": "desc"},
    {"place": "江苏省", "sort": "amount"},  # one event: the count says no more than the cap, read as before
]


@pytest.mark.parametrize("params", AMOUNT_ORDER_CASES)
def test_the_amount_order_with_filters_walks_the_one_querys_pages(
    analyst: tuple[Database, Archive], params: dict[str, str]
) -> None:
    db, _ = analyst
    query = read_event_query({**params, "per_page": "1"})
    with db.session() as session:
        one_query = list(
            session.scalars(select(EventRow.id).where(*event_conditions(query)).order_by(*event_order(query)))
        )
        walked: list[int] = []
        page = find_events(session, query, cap=1)
        while True:
            walked += [row.id for row in page.events]
            if page.next_after is None:
                break
            page = find_events(session, replace(query, after=page.next_after), cap=1)
        # and back from the end: the pages before, nearest first
        back: list[int] = []
        while page.previous_before is not None:
            page = find_events(session, replace(query, before=page.previous_before), cap=1)
            back = [row.id for row in page.events] + back
    assert walked == one_query
    assert back == one_query[:-1]
    assert len(one_query) >= (1 if params.get("place") == "江苏省" else 2)
