"""The Search page over the analyst store (SQLite and PostgreSQL): Chinese words, JSON twin, exports, escaping."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from monitor.archive.files import Archive
from monitor.records import FetchedPage
from monitor.store import Database
from monitor.text.article import CleanArticle
from monitor.workbench import search
from tests.conftest import store_page
from tests.workbench.analyst_store import (
    JAVASCRIPT_TITLE,
    ONERROR_TITLE,
    SCRIPT_TITLE,
    SOURCES,
    app_with,
    populate,
    settings_with_sources,
)

# A body that carries markup into the snippet: the page must show it as text.
HOSTILE_BODY = '园区招商<script>alert("snippet")</script>推介会<img src=x onerror=alert(2)>在临港举行。'


@pytest.fixture
def client(db: Database, tmp_path: Path) -> Iterator[TestClient]:
    """The workbench with the Search page on the analyst store and one hostile body."""
    archive = Archive(tmp_path / "archive")
    populate(db, archive)
    article = CleanArticle(title="临港园区推介", paragraphs=(HOSTILE_BODY,), published=datetime(2025, 5, 1, tzinfo=UTC))
    page = FetchedPage(url="http://127.0.0.1/a/9", body=b"<html></html>", fetched_at=datetime.now(UTC))
    store_page(db, archive, page, article, "mirror-a")
    app = app_with(settings_with_sources(*SOURCES), db, search.routes())
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def _titles(client: TestClient, query: str) -> list[str]:
    reply = client.get("/api/v1/search", params={"q": query})
    assert reply.status_code == 200, reply.text
    return [result["title"] for result in reply.json()["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("宝山", {"宝山区重点项目集中签约", "转载:宝山区集中签约", "宝山区往年签约", SCRIPT_TITLE}),
        ("嘉定区 签约", {"嘉定区项目签约"}),
        ("1.5亿元", {"嘉定区项目签约"}),
        ("3.5亿美元", {JAVASCRIPT_TITLE}),
        ("金山", {ONERROR_TITLE, SCRIPT_TITLE}),  # one in its title, one in its text
        ("园区", {"临港园区推介"}),
        ("招商引资", set()),
    ],
)
def test_search_answers_chinese_queries(client: TestClient, query: str, expected: set[str]) -> None:
    assert set(_titles(client, query)) == expected


def test_json_twin_gives_the_snippet_and_where_the_hit_is(client: TestClient) -> None:
    document = client.get("/search", params={"q": "1.5亿元", "format": "json"}).json()
    assert document["query"] == "1.5亿元"
    assert document["total"] == 1
    [result] = document["results"]
    assert result["source"] == "mirror-a"
    [[start, end]] = result["highlights"]
    assert result["snippet"][start:end] == "1.5亿元"
    assert document["pages"] == 1


def test_html_marks_hits_and_escapes_every_scraped_piece(client: TestClient) -> None:
    page = client.get("/search", params={"q": "园区"})
    assert page.status_code == 200
    html = page.text
    assert "<mark>园区</mark>" in html
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;snippet&#34;)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    titles = client.get("/search", params={"q": "签约"}).text
    assert "<script>alert" not in titles
    assert 'onerror="alert' not in titles
    assert 'href="javascript:' not in titles
    assert "&lt;script&gt;" in titles


def test_the_query_is_kept_in_the_form_and_pages_escaped(client: TestClient) -> None:
    html = client.get("/search", params={"q": '"><script>x</script>签约'}).text
    assert '"><script>x' not in html
    assert "&#34;&gt;&lt;script&gt;x&lt;/script&gt;签约" in html


def test_exports_are_the_same_table(client: TestClient) -> None:
    csv = client.get("/search", params={"q": "嘉定区", "format": "csv"})
    assert csv.status_code == 200
    assert csv.content.startswith("\ufeff".encode())
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "id,title,source,published,url,snippet"
    assert "嘉定区项目签约" in lines[1]
    xlsx = client.get("/search", params={"q": "嘉定区", "format": "xlsx"})
    assert xlsx.content[:2] == b"PK"


def test_an_empty_search_shows_the_form(client: TestClient) -> None:
    page = client.get("/search")
    assert page.status_code == 200
    assert 'name="q"' in page.text
    assert client.get("/api/v1/search").json()["results"] == []


@pytest.mark.parametrize(
    "query_string",
    ["q=%E7%AD%BE&page=0", "q=%E7%AD%BE&page=abc", "q=!!!", "q=a&q=b", "q=a&sort=new", "q=%ff"],
)
def test_bad_queries_are_a_400_with_a_message(client: TestClient, query_string: str) -> None:
    reply = client.get(f"/api/v1/search?{query_string}")
    assert reply.status_code == 400
    assert json.loads(reply.text)["error"]
