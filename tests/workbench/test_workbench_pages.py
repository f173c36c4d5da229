"""Every page of the workbench and its JSON twin and exports, on a store filled by the real storing transaction."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient

from monitor.workbench.security import CONTENT_SECURITY_POLICY
from tests.conftest import seed_text
from tests.workbench.conftest import HOSTILE_TITLE, Workbench


def _json(client: TestClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def _cluster_of(client: TestClient, title_part: str) -> int:
    for event in _json(client, "/events?format=json&per_page=200")["events"]:
        if title_part in (event["article"]["title"] or ""):
            return int(event["cluster"])
    raise AssertionError(f"no event of an article titled {title_part!r}")


# (page, text the HTML must show)
PAGES = [
    ("/events", "签约事件"),
    ("/sources", "来源健康状况"),
    ("/subscriptions", "添加订阅"),
    ("/articles/1", "原始网页"),
    ("/articles/1/raw", "不执行其中任何内容"),
]


@pytest.mark.parametrize(("url", "shown"), PAGES)
def test_each_page_answers_in_chinese_with_the_policy(client: TestClient, url: str, shown: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert '<html lang="zh-CN">' in response.text and shown in response.text
    assert "<script" not in response.text  # the pages work without JavaScript


# (JSON twin, a key its document has)
TWINS = [
    ("/events?format=json", "events"),
    ("/api/v1/events", "events"),
    ("/sources?format=json", None),
    ("/api/v1/sources", None),
    ("/subscriptions?format=json", None),
    ("/articles/1?format=json", "text"),
    ("/api/v1/articles/1", "figures"),
    ("/articles/1/raw?format=json", "raw"),
]


@pytest.mark.parametrize(("url", "key"), TWINS)
def test_every_page_has_a_json_twin(client: TestClient, url: str, key: str | None) -> None:
    document = _json(client, url)
    assert key is None or key in document


@pytest.mark.parametrize("page", ["/events", "/sources", "/subscriptions"])
def test_tables_export_as_csv_with_bom_and_as_xlsx(client: TestClient, page: str) -> None:
    as_csv = client.get(f"{page}?format=csv")
    assert as_csv.status_code == 200 and as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert as_csv.content.startswith(b"\xef\xbb\xbf")
    assert "attachment" in as_csv.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    as_xlsx = client.get(f"{page}?format=xlsx")
    assert as_xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet is not None
    assert [cell.value for cell in sheet[1]] == rows[0]
    assert sheet.max_row == len(rows)


def test_events_exports_neutralise_a_scraped_formula(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/events?format=csv").content.decode("utf-8-sig"))))
    [hostile] = [row for row in rows if "HYPERLINK" in row["title"]]
    assert hostile["title"] == "'" + HOSTILE_TITLE
    sheet = load_workbook(io.BytesIO(client.get("/events?format=xlsx").content)).active
    assert sheet is not None
    titles = [cell.value for cell in next(c for c in sheet.iter_cols() if c[0].value == "title")]
    assert "'" + HOSTILE_TITLE in titles
    assert not any(str(t).startswith("=") for t in titles)


def test_hostile_text_is_escaped_everywhere(client: TestClient) -> None:
    cluster = _cluster_of(client, "HYPERLINK")
    article_id = next(
        e["article"]["id"]
        for e in _json(client, "/events?format=json")["events"]
        if e["cluster"] == cluster and "HYPERLINK" in e["article"]["title"]
    )
    for url in ("/events", f"/events/{cluster}", f"/articles/{article_id}", f"/articles/{article_id}/raw"):
        page = client.get(url).text
        assert "<script" not in page and "<img" not in page, url
        assert not re.search(r"<[^>]*\sonerror\s*=", page), url
        assert 'href="javascript:' not in page.lower(), url
        assert "&lt;script&gt;" in page or "&lt;img" in page, url
    article = client.get(f"/articles/{article_id}").text
    # the javascript: URL is printed as text, never made a link
    assert "javascript:alert(document.cookie)" in article
    assert not re.search(r"href=\"[^\"]*javascript", article, re.IGNORECASE)


# (query, what every listed event must satisfy)
FILTERS: list[tuple[str, Any]] = [
    ("place=宝山区", lambda e: e["place"]["county"] == "宝山区"),
    ("place=上海市", lambda e: e["place"]["province"] == "上海市"),
    ("status=done", lambda e: e["status"] == "done"),
    ("min_amount=100亿", lambda e: e["amount"] and e["amount"]["value"] >= 1e10),
    ("from=2024-01-01", lambda e: e["reported_on"] >= "2024-01-01"),
    ("to=2022-01-01", lambda e: e["reported_on"] <= "2022-01-01"),
    ("source=mirror-repost", lambda e: e["article"]["source"] == "mirror-repost"),
    ("q=宝山", lambda e: "宝山" in (e["article"]["title"] or "") + e["evidence"]),
    ("kind=集中签约", lambda e: e["kind"] == "集中签约"),
]


@pytest.mark.parametrize(("query", "holds"), FILTERS)
def test_each_filter_narrows_the_events(client: TestClient, query: str, holds: Any) -> None:
    everything = _json(client, "/events?format=json&per_page=200")
    found = _json(client, f"/events?format=json&per_page=200&{query}")
    assert found["events"], query
    assert all(holds(e) for e in found["events"]), query
    assert found["total"] <= everything["total"]


def test_party_filter_finds_a_chinese_party(client: TestClient) -> None:
    everything = _json(client, "/events?format=json&per_page=200")["events"]
    party = next(p for e in everything for p in e["parties"])
    found = _json(client, f"/events?format=json&party={party}")["events"]
    assert found and all(party in e["parties"] for e in found)


def test_sorting_and_pages_keep_their_state_in_the_url(client: TestClient) -> None:
    by_amount = _json(client, "/events?format=json&sort=amount&order=desc&per_page=200")["events"]
    values = [e["amount"]["value"] for e in by_amount if e["amount"]]
    assert values == sorted(values, reverse=True)
    first = _json(client, "/events?format=json&per_page=2&page=1")
    second = _json(client, "/events?format=json&per_page=2&page=2")
    assert first["pages"] >= 2 and first["total"] == second["total"]
    assert {e["id"] for e in first["events"]}.isdisjoint(e["id"] for e in second["events"])
    page = client.get("/events?place=上海市&per_page=2").text
    # the next page's link (a keyset cursor after this page's last row) and the exports carry every filter
    assert "/events?place=%E4%B8%8A%E6%B5%B7%E5%B8%82&amp;per_page=2&amp;after=" in page
    assert "place=%E4%B8%8A%E6%B5%B7%E5%B8%82&amp;per_page=2&amp;format=csv" in page


def test_the_event_page_marks_the_first_publisher_and_each_source_sentence(client: TestClient) -> None:
    cluster = _cluster_of(client, "百个项目")  # the repost of seed 000's Baoshan signing
    document = _json(client, f"/events/{cluster}?format=json")
    reports = document["reports"]
    assert len(reports) >= 2
    assert [r["first_publisher"] for r in reports] == [True] + [False] * (len(reports) - 1)
    assert reports[0]["article"]["source"] == "mirror-seeds"  # published 26 August, the repost on 30 August
    page = client.get(f"/events/{cluster}").text
    assert page.count('<span class="badge">首发</span>') == 1
    for report in reports:
        for figure in report["figures"]:
            assert f'<mark class="figure">{figure["text"]}</mark>' in page
    for report in reports:
        for figure in report["figures"]:
            # the sentence the figure came from, marked, with the figure marked inside it
            expected = figure["evidence"]
            for other in {f["text"] for f in report["figures"]}:
                expected = expected.replace(other, f'<mark class="figure">{other}</mark>')
            assert f'<mark class="evidence">{expected}</mark>' in page


def test_the_article_page_marks_figures_and_links_the_original(client: TestClient) -> None:
    document = _json(client, "/articles/1?format=json")
    page = client.get("/articles/1").text
    assert document["figures"]
    for figure in document["figures"]:
        assert f'<mark class="figure">{figure["text"]}</mark>' in page
    assert f'href="{document["url"]}"' in page
    assert 'href="/articles/1/raw"' in page
    # where the article is (its first placed event's place; a page with no event: its lede's)
    assert document["place"] == {"province": "上海市", "city": "上海市", "county": "宝山区"}
    assert "<dt>地区</dt><dd>上海市宝山区</dd>" in page
    raw = _json(client, "/articles/1/raw?format=json")["raw"]
    assert raw == seed_text(0)  # the page as fetched, not the cleaned text


def test_the_sources_page_shows_a_broken_source_at_a_glance(client: TestClient) -> None:
    sources = {s["name"]: s for s in _json(client, "/sources?format=json")}
    assert sources["mirror-repost"]["failures_in_a_row"] == 3
    assert sources["mirror-repost"]["last_error"] == "HTTP 503 from 127.0.0.1 <b>bold</b>"
    assert sources["mirror-repost"]["healthy"] is False
    assert sources["mirror-seeds"]["failures_in_a_row"] == 0 and sources["mirror-seeds"]["last_success"]
    assert sources["mirror-seeds"]["articles_per_week"] == 1.2  # five articles over four weeks
    page = client.get("/sources").text
    assert '<tr class="bad">' in page and "&lt;b&gt;bold&lt;/b&gt;" in page


def test_times_are_shown_in_the_configured_zone(client: TestClient, workbench: Workbench) -> None:
    assert workbench.settings.alerts.timezone == "Asia/Shanghai"
    document = _json(client, "/articles/7?format=json")
    assert document["published"] == "2024-03-04T16:00:00+00:00"
    assert "2024-03-05 00:00" in client.get("/articles/7").text
