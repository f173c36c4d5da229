"""The amount-kind filter and column: the Events page, its exports, the API, the events feed and the Event page.

The store is the workbench's (seeds, repost, hostile page) and two signings of
ours whose money is contracted (合同引资) and arrived (到位资金), stored by the
real storing transaction, so each kind is read by the extractor, not set by hand.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from starlette.testclient import TestClient

from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.events.extraction import extract
from monitor.records import FetchedPage, PageToStore
from monitor.store import Database
from monitor.text.clean import clean_text
from monitor.workbench.app import create_app
from monitor.workbench.rendering import amount_kind_name
from tests.workbench.conftest import populate, write_config

# (title, body): signings whose amount is of a kind other than the total investment
OTHER_KINDS = (
    ("昆山合同引资项目签约", "9月3日,江苏省苏州市昆山市举行重点项目集中签约仪式,15个项目集中签约,合同引资30亿元。"),
    ("北仑到位资金项目签约", "9月5日,浙江省宁波市北仑区举行重点项目集中签约仪式,10个项目集中签约,到位资金12亿元。"),
)
A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The workbench's store and the two signings of other kinds, served by the app."""
    directory = tmp_path_factory.mktemp("amount-kinds")
    url = f"sqlite:///{directory / 'signwatch.db'}"
    database = Database(url)
    database.upgrade()
    archive = Archive(directory / "archive")
    populate(database, archive)
    pages = []
    for number, (title, body) in enumerate(OTHER_KINDS):
        article = clean_text(f"{title}\n发布时间:2024-09-0{number + 3}\n{body}")
        page = FetchedPage(
            url=f"http://127.0.0.1/kinds/{number}.html", body=body.encode(), fetched_at=datetime.now(UTC)
        )
        pages.append(PageToStore(page, article, "mirror-seeds", extract(article)))
    ingest_pages(database, archive, pages)
    app = create_app(write_config(directory, url), database)
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client
    database.dispose()


def _events(client: TestClient, query: str = "") -> list[dict[str, Any]]:
    response = client.get(f"/api/v1/events?per_page=200{query}")
    assert response.status_code == 200, response.text
    events: list[dict[str, Any]] = response.json()["events"]
    return events


# (amount kind, the title of an article whose event has it)
KINDS = [
    ("agreed", "宝山区百个项目集中签约"),
    ("contracted", "昆山合同引资项目签约"),
    ("arrived", "北仑到位资金项目签约"),
]


@pytest.mark.parametrize(("kind", "title"), KINDS)
def test_the_filter_lists_only_events_of_that_kind(client: TestClient, kind: str, title: str) -> None:
    everything = _events(client)
    found = _events(client, f"&amount_kind={kind}")
    assert found and all(e["amount_kind"] == kind for e in found)
    assert title in {e["article"]["title"] for e in found}
    assert len(found) == sum(e["amount_kind"] == kind for e in everything)


def test_a_kind_no_event_has_lists_none(client: TestClient) -> None:
    assert _events(client, "&amount_kind=credit") == []


@pytest.mark.parametrize("path", ["/events", "/api/v1/events", "/feeds/events.atom"])
@pytest.mark.parametrize("value", ["bogus", "总投资", "Agreed"])
def test_an_unknown_kind_is_a_one_line_400(client: TestClient, path: str, value: str) -> None:
    response = client.get(path, params={"amount_kind": value})
    assert response.status_code == 400
    assert f"unknown amount kind {value!r}: one of agreed," in html.unescape(response.text)


def test_the_table_names_each_kind_in_chinese_and_the_select_keeps_it(client: TestClient) -> None:
    page = client.get("/events", params={"amount_kind": "contracted"}).text
    assert '<option value="contracted" selected>合同引资</option>' in page
    assert '<td class="nowrap">合同引资</td>' in page
    assert '<td class="nowrap">总投资</td>' not in page
    everything = client.get("/events").text
    for word in ("总投资", "合同引资", "到位资金"):
        assert f'<td class="nowrap">{word}</td>' in everything
    # the exports, the feed link and the pager carry the filter
    assert "amount_kind=contracted&amp;format=csv" in page
    assert 'href="/feeds/events.atom?amount_kind=contracted"' in page


def test_the_csv_export_has_the_kind_column(client: TestClient) -> None:
    response = client.get("/events", params={"amount_kind": "arrived", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["amount_kind"] for row in rows] == ["arrived"]
    assert rows[0]["title"] == "北仑到位资金项目签约"


def test_the_feed_takes_the_filter(client: TestClient) -> None:
    response = client.get("/feeds/events.atom", params={"amount_kind": "contracted"})
    assert response.status_code == 200
    titles = [entry.findtext(f"{A}title") for entry in etree.fromstring(response.content).iter(f"{A}entry")]
    assert len(titles) == 1 and titles[0].endswith("昆山合同引资项目签约")


@pytest.mark.parametrize(("kind", "title"), KINDS)
def test_the_event_page_gives_the_kind_of_the_amount_and_each_figure(client: TestClient, kind: str, title: str) -> None:
    cluster = next(e["cluster"] for e in _events(client) if e["article"]["title"] == title)
    document = client.get(f"/api/v1/events/{cluster}").json()
    # every report with an amount gives its kind (a report of the same event without one gives none)
    assert {r["amount_kind"] for r in document["reports"] if r["amount"]} == {kind}
    # the cluster's own amount (a figure of the founder's kept by the clustering step), when it has one, is of it
    assert document["amount_kind"] == (kind if document["amount"] else None)
    figures = [f for r in document["reports"] for f in r["figures"]]
    assert figures and all(f["amount_kind"] == kind for f in figures)
    page = client.get(f"/events/{cluster}").text
    assert f"<dt>金额类型</dt><dd>{amount_kind_name(kind) if document['amount'] else ''}</dd>" in page
    assert page.count(f"<td>{amount_kind_name(kind)}</td>") == len(figures)


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("agreed", "总投资"),
        ("contracted", "合同引资"),
        ("arrived", "到位资金"),
        ("planned", "计划投资"),
        ("credit", "授信"),
    ],
)
def test_kinds_are_named_as_the_alerts_name_them(kind: str, words: str) -> None:
    assert amount_kind_name(kind) == words


def test_the_description_carries_the_kind(client: TestClient, tmp_path: Path) -> None:
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("Event", "Figure", "Cluster"):
        assert "agreed" in schemas[name]["properties"]["amount_kind"]["enum"], name
