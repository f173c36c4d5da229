"""Keyset cursors on the Events page and /api/v1/events: every row once, in order, both ways; bad cursors are a 400.

On the analyst store (real signings through the storing transaction), on
SQLite and PostgreSQL, with an undated event, one without an amount and two
events on the same day, so the cursor crosses ties and the empty values
that every order puts last.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from lxml import html
from sqlalchemy import select, update
from starlette.testclient import TestClient

from monitor.archive.files import Archive
from monitor.store import Database
from monitor.store.event_models import EventRow
from monitor.workbench.event_cursor import Cursor, keyset_runs
from monitor.workbench.event_probe import probe_in_order
from monitor.workbench.event_query import EventQuery, event_conditions
from tests.workbench.analyst_store import SOURCES, app_with, populate, settings_with_sources

SORT_COLUMNS = {"date": "reported_on", "amount": "investment_value", "place": "province", "kind": "kind"}


@pytest.fixture
def client(db: Database, tmp_path: Path) -> Iterator[TestClient]:
    populate(db, Archive(tmp_path / "archive"))
    with db.session() as session:
        first, second, third, fourth = session.scalars(select(EventRow.id).order_by(EventRow.id).limit(4)).all()
        session.execute(update(EventRow).where(EventRow.id == first).values(reported_on=None, province=None))
        session.execute(update(EventRow).where(EventRow.id == second).values(investment_value=None))
        # a tie on the date: the id breaks it, and a cursor between the two must not skip or repeat either
        session.execute(update(EventRow).where(EventRow.id.in_([third, fourth])).values(reported_on=date(2021, 5, 1)))
    with TestClient(app_with(settings_with_sources(*SOURCES), db), base_url="http://127.0.0.1") as client:
        yield client


def _expected(db: Database, sort: str, order: str) -> list[int]:
    """Every event in the order the page promises, by Python: the column in ``order``, empty last, then the id."""
    column = SORT_COLUMNS[sort]
    with db.session() as session:
        rows = list(session.scalars(select(EventRow)))
    valued = sorted(
        (r for r in rows if getattr(r, column) is not None),
        key=lambda r: (getattr(r, column), r.id),
        reverse=order == "desc",
    )
    empty = sorted((r for r in rows if getattr(r, column) is None), key=lambda r: r.id, reverse=order == "desc")
    return [r.id for r in valued + empty]


def _api(client: TestClient, **params: Any) -> dict[str, Any]:
    reply = client.get("/api/v1/events", params=params)
    assert reply.status_code == 200, reply.text
    answer: dict[str, Any] = reply.json()
    return answer


@pytest.mark.parametrize("sort", list(SORT_COLUMNS))
def test_cursors_walk_every_event_once_in_order_both_ways(db: Database, client: TestClient, sort: str) -> None:
    for order in ("desc", "asc"):
        expected = _expected(db, sort, order)
        assert len(expected) > 6
        pages, params = [], {"sort": sort, "order": order, "per_page": 2}
        answer = _api(client, **params)
        assert answer["previous_before"] is None
        while True:
            pages.append([e["id"] for e in answer["events"]])
            if answer["next_after"] is None:
                break
            answer = _api(client, **params, after=answer["next_after"])
        assert [i for page in pages for i in page] == expected, (sort, order)
        # and back from the last page by the previous links, page by page
        back = [pages[-1]]
        while answer["previous_before"] is not None:
            answer = _api(client, **params, before=answer["previous_before"])
            back.append([e["id"] for e in answer["events"]])
        assert back[::-1] == pages, (sort, order)


def test_an_old_page_link_still_works_and_leads_on_by_cursor(db: Database, client: TestClient) -> None:
    expected = _expected(db, "date", "desc")
    third = _api(client, page=3, per_page=2)
    assert [e["id"] for e in third["events"]] == expected[4:6]
    fourth = _api(client, per_page=2, after=third["next_after"])
    assert [e["id"] for e in fourth["events"]] == expected[6:8]
    second = _api(client, per_page=2, before=third["previous_before"])
    assert [e["id"] for e in second["events"]] == expected[2:4]


def test_the_html_pager_links_next_and_previous_pages(db: Database, client: TestClient) -> None:
    expected = _expected(db, "date", "desc")
    first = html.fromstring(client.get("/events?per_page=3").text)
    assert not first.xpath("//nav[@class='pager']/a[@rel='prev']")
    (following,) = first.xpath("//nav[@class='pager']/a[@rel='next']/@href")
    assert "after" in dict(parse_qsl(urlsplit(following).query))
    second = html.fromstring(client.get(following).text)
    shown = [int(href.rsplit("/", 1)[1]) for href in second.xpath("//tbody/tr/td//a[starts-with(@href, '/')]/@href")]
    assert shown  # the rows link their events (clusters) or articles
    (back,) = second.xpath("//nav[@class='pager']/a[@rel='prev']/@href")
    again = client.get(back)
    assert again.status_code == 200
    assert (
        _api(client, per_page=3, before=dict(parse_qsl(urlsplit(back).query))["before"])["events"]
        == _api(client, per_page=3)["events"]
    )
    assert len(expected) > 3


def _token(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


# Cursors this page did not make, or that cannot go with the rest of the query: each a 400 with its message.
BAD_CURSORS = [
    ({"after": "not-a-cursor"}, "after"),
    ({"after": "!!!"}, "after"),
    ({"before": _token({"sort": "date"})}, "before"),
    ({"after": _token(["date", "desc", "2021-05-01", 0])}, "after"),
    ({"after": _token(["date", "desc", "2021-05-01", 2**63])}, "after"),
    ({"after": _token(["date", "desc", "2021-05-01", True])}, "after"),
    ({"after": _token(["date", "desc", "yesterday", 3])}, "after"),
    ({"after": _token(["date", "desc", 12.5, 3])}, "after"),
    ({"after": _token(["amount", "desc", "NaN", 3]), "sort": "amount"}, "after"),
    ({"after": _token(["amount", "desc", 1e9, 3])}, "另一种排序"),
    ({"after": _token(["date", "asc", "2021-05-01", 3])}, "另一种排序"),
    ({"after": _token(["date", "desc", "2021-05-01", 3]), "page": "2"}, "page"),
    ({"after": _token(["date", "desc", "2021-05-01", 3]), "before": _token(["date", "desc", None, 3])}, "before"),
    ({"after": "x" * 201}, "过长"),
]


@pytest.mark.parametrize(("params", "message"), BAD_CURSORS)
def test_a_cursor_this_page_did_not_make_is_a_400(client: TestClient, params: dict[str, str], message: str) -> None:
    for path in ("/events", "/api/v1/events"):
        reply = client.get(path, params=params)
        assert reply.status_code == 400, (path, params)
        assert message in reply.text


def test_the_feed_takes_no_cursor(client: TestClient) -> None:
    assert client.get("/feeds/events.atom", params={"after": _token(["date", "desc", None, 3])}).status_code == 400


def _matching(db: Database, text: str, order: str) -> list[int]:
    """The events whose title or sentence contains ``text``, newest first (``order``), undated last, by Python."""
    with db.session() as session:
        rows = [r for r in session.scalars(select(EventRow)) if text in (r.article.title or "") or text in r.evidence]
    dated = sorted((r for r in rows if r.reported_on), key=lambda r: (r.reported_on, r.id), reverse=order == "desc")
    undated = sorted((r for r in rows if not r.reported_on), key=lambda r: r.id, reverse=order == "desc")
    return [r.id for r in dated + undated]


@pytest.mark.parametrize("order", ["desc", "asc"])
def test_cursors_walk_a_free_texts_events(db: Database, client: TestClient, order: str) -> None:
    # On PostgreSQL a free text's page is probed in order (monitor.workbench.event_probe); the walk is the same.
    expected = _matching(db, "宝山区", order)
    assert len(expected) >= 3
    walked, params = [], {"q": "宝山区", "order": order, "per_page": 1}
    answer = _api(client, **params)
    while True:
        walked += [e["id"] for e in answer["events"]]
        if answer["next_after"] is None:
            break
        answer = _api(client, **params, after=answer["next_after"])
    assert walked == expected


@pytest.mark.parametrize(("order", "backwards"), [("desc", False), ("asc", False), ("desc", True)])
def test_the_probe_finds_what_one_query_finds(db: Database, client: TestClient, order: str, backwards: bool) -> None:
    """The probe (candidates in order, each tested) against the one ordered query, from a cursor in the middle."""
    text_conditions = event_conditions(EventQuery(q="签约"))
    everything = _expected(db, "date", order)
    middle = everything[len(everything) // 2]
    with db.session() as session:
        row = session.get(EventRow, middle)
        assert row is not None
        cursor = Cursor("date", order, row.reported_on, row.id)
        runs = keyset_runs(cursor, EventRow.reported_on, backwards=backwards)
        probed = probe_in_order(session, [], text_conditions, runs, wanted=100, budget=1_000)
        # a budget that ends in the first run: the count of its candidates carries the rest into the second
        tight = probe_in_order(session, [], text_conditions, runs, wanted=100, budget=len(everything))
        one_query: list[int] = []
        for run in keyset_runs(cursor, EventRow.reported_on, backwards=backwards):
            one_query += session.scalars(
                select(EventRow.id).where(*text_conditions, *run.where).order_by(*run.order_by)
            )
        # a budget of two events that finds nothing: None, the caller reads it the other way
        starved = probe_in_order(session, [], [EventRow.id < 0], runs, wanted=1, budget=2)
    assert probed == one_query == tight
    assert len(one_query) >= 2
    assert starved is None
