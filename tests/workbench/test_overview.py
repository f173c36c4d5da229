"""The Overview: sums of signed investment by month, place and band, the largest events, sources to look at.

Run on SQLite and on PostgreSQL (when SIGNWATCH_TEST_POSTGRES_URL is set),
over signings stored through the real pipeline (tests/workbench/analyst_store.py).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from lxml import etree
from starlette.testclient import TestClient

from monitor.archive.files import Archive
from monitor.store import Database
from monitor.workbench.charts import Bar, MonthPoint, horizontal_bars, month_chart
from tests.workbench.analyst_store import (
    END,
    ONERROR_TITLE,
    SCRIPT_TITLE,
    SOURCES,
    app_with,
    populate,
    settings_with_sources,
)

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def client(db: Database, tmp_path: Path) -> Iterator[TestClient]:
    """A workbench with the Overview on the analyst store."""
    populate(db, Archive(tmp_path / "archive"))
    app = app_with(settings_with_sources(*SOURCES), db)
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def overview_json(client: TestClient, **params: str) -> dict[str, Any]:
    response = client.get("/overview", params={"format": "json", **params})
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


def test_months_count_each_event_once_and_sum_only_signed_yuan(client: TestClient) -> None:
    document = overview_json(client, end=END)
    assert document["period"] == {"from": "2023-07", "to": "2025-06", "months": 24}
    months = {m["month"]: (m["signed_investment"], m["events"]) for m in document["months"]}
    assert len(document["months"]) == 24 and document["months"][0]["month"] == "2023-07"
    assert {month: value for month, value in months.items() if value != (0, 0)} == {
        # Baoshan's 120亿 reported twice counts once; Jinshan's 8000万 beside it.
        "2025-03": (12_080_000_000, 2),
        "2024-11": (5_000_000_000, 1),
        # Hangzhou's 3.5亿美元 is an event, not yuan.
        "2024-01": (0, 1),
        "2025-06": (150_000_000, 1),
    }


@pytest.mark.parametrize(
    ("place", "level", "expected"),
    [
        ("", "province", [("上海市", 12_230_000_000, 3), ("江苏省", 5_000_000_000, 1), ("浙江省", 0, 1)]),
        # A municipality's city is itself: its drill-down goes to its districts.
        ("上海市", "county", [("宝山区", 12_000_000_000, 1), ("嘉定区", 150_000_000, 1), ("金山区", 80_000_000, 1)]),
        ("江苏省", "city", [("苏州市", 5_000_000_000, 1)]),
        ("江苏省苏州市", "county", [("昆山市", 5_000_000_000, 1)]),
        ("北京市", "county", []),
    ],
)
def test_places_drill_down_one_level_at_a_time(
    client: TestClient, place: str, level: str, expected: list[tuple[str, int, int]]
) -> None:
    document = overview_json(client, end=END, **({"place": place} if place else {}))
    assert document["level"] == level
    assert [(p["name"], p["signed_investment"], p["events"]) for p in document["places"]] == expected


def test_drill_down_links_lead_to_the_next_level_and_counties_to_their_events(client: TestClient) -> None:
    provinces = {p["name"]: p["href"] for p in overview_json(client, end=END)["places"]}
    assert provinces["江苏省"] == "/overview?place=%E6%B1%9F%E8%8B%8F%E7%9C%81&end=2025-06"
    cities = overview_json(client, end=END, place="江苏省")["places"]
    assert cities[0]["drill"] == "江苏省苏州市"
    # Following the links as a browser would: province, city, then the county's events.
    page = client.get(provinces["江苏省"])
    assert page.status_code == 200 and "苏州市" in page.text
    counties = overview_json(client, end=END, place="上海市")["places"]
    assert counties[0]["href"] == (
        "/events?place=%E4%B8%8A%E6%B5%B7%E5%B8%82%E5%AE%9D%E5%B1%B1%E5%8C%BA&from=2023-07-01&to=2025-06-30"
    )


def test_bands_and_largest_events(client: TestClient) -> None:
    document = overview_json(client, end=END)
    assert [(b["band"], b["events"]) for b in document["bands"]] == [
        ("1亿元以下", 1),
        ("1亿–10亿元", 1),
        ("10亿–50亿元", 0),
        ("50亿–100亿元", 1),
        ("100亿元及以上", 1),
        ("无人民币金额", 1),
    ]
    largest = document["largest"]
    assert [(e["place"]["county"] or e["place"]["city"], e["amount"]["value"], e["reports"]) for e in largest] == [
        ("宝山区", 12_000_000_000, 2),
        ("昆山市", 5_000_000_000, 1),
        ("嘉定区", 150_000_000, 1),
        ("金山区", 80_000_000, 1),
    ]
    assert largest[0]["title"] == "宝山区重点项目集中签约"  # the first report's title


def test_sources_needing_attention(client: TestClient) -> None:
    attention = {s["name"]: s["reasons"] for s in overview_json(client, end=END)["attention"]}
    assert attention == {
        "mirror-b": ["连续失败 3 次"],
        "mirror-old": ["40 天没有新文章"],
        "mirror-quiet": ["从未抓到文章"],
    }


def test_default_period_ends_this_month(client: TestClient) -> None:
    document = overview_json(client)
    assert len(document["months"]) == 24
    assert document["months"][-1]["month"] == document["period"]["to"]


def test_html_draws_svg_charts_and_escapes_hostile_titles(client: TestClient) -> None:
    page = client.get("/overview", params={"end": END})
    assert page.status_code == 200
    assert "<script>" not in page.text and "<img src=x" not in page.text and 'href="javascript:' not in page.text
    for title in (SCRIPT_TITLE, ONERROR_TITLE):
        assert title.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;") in page.text
    assert page.text.count("<svg") == 4  # months, places, amount bands, industries
    assert '<a href="/overview?place=%E6%B1%9F%E8%8B%8F%E7%9C%81&amp;end=2025-06">' in page.text
    assert "mirror-quiet" in page.text and "从未抓到文章" in page.text
    jiangsu = client.get("/overview", params={"end": END, "place": "江苏省"})
    assert 'href="/feeds/events.atom?place=%E6%B1%9F%E8%8B%8F%E7%9C%81"' in jiangsu.text
    assert client.get("/feeds/events.atom", params={"place": "江苏省"}).status_code == 200


def test_csv_export_of_places(client: TestClient) -> None:
    response = client.get("/overview", params={"end": END, "place": "上海市", "format": "csv"})
    assert response.content.startswith("\ufeff".encode())
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "place,province,city,county,signed_investment_yuan,events"
    assert lines[1] == "宝山区,上海市,上海市,宝山区,12000000000,1"


def test_api_twin(client: TestClient) -> None:
    assert client.get("/api/v1/overview", params={"end": END}).json() == overview_json(client, end=END)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"place": "<script>alert(1)</script>"}, "unknown place"),
        ({"end": "2025-13"}, "not a month"),
        ({"end": "javascript:alert(1)"}, "not a month"),
        ({"months": "0"}, "must be a whole number from 1 to 120"),
        ({"months": "24; DROP TABLE events"}, "must be a whole number"),
        ({"region": "上海"}, "unknown parameter"),
        ({"format": "pdf"}, "unknown format"),
    ],
)
def test_bad_queries_are_a_400_saying_why(client: TestClient, query: dict[str, str], message: str) -> None:
    response = client.get("/overview", params=query)
    assert response.status_code == 400
    assert message in response.text
    assert "<script>alert" not in response.text


HOSTILE_LABELS = ['<script>alert("x")</script>', '" onmouseover="alert(1)', "javascript:alert(1)", "&amp;"]


@pytest.mark.parametrize("label", HOSTILE_LABELS)
def test_chart_labels_and_links_are_escaped_and_the_svg_is_well_formed(label: str) -> None:
    bars = horizontal_bars([Bar(label, 5e9, f"/overview?place={label}"), Bar("宝山区", 1e8)], f"标题 {label}")
    points = [MonthPoint(label, 1e9, 3), MonthPoint("2025-02", 0.0, 0)]
    for chart in (bars, month_chart(points, label)):
        svg = etree.fromstring(str(chart).encode("utf-8"))  # raises if anything broke out of its text or attribute
        assert svg.tag == f"{SVG}svg"
        assert not svg.findall(f".//{SVG}script") and not svg.findall(".//script")
        assert all(not name.startswith("on") for element in svg.iter() for name in element.attrib)
        texts = ["".join(element.itertext()) for element in svg.iter(f"{SVG}title")]
        assert any(label in text for text in texts)
    [link] = etree.fromstring(str(bars).encode("utf-8")).findall(f".//{SVG}a")
    assert link.get("href") == f"/overview?place={label}"


def test_bars_are_proportional_and_an_empty_chart_says_so() -> None:
    svg = etree.fromstring(str(horizontal_bars([Bar("甲", 4.0), Bar("乙", 1.0)], "t")).encode())
    widths = [float(rect.get("width", "0")) for rect in svg.iter(f"{SVG}rect")]
    assert widths[0] == pytest.approx(4 * widths[1])
    assert "没有数据" in str(horizontal_bars([], "t"))


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no /usr/bin/chromium (.ci/run installs Debian's chromium)"
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Overview on a SQLite analyst store, served by uvicorn on a free 127.0.0.1 port; its base URL."""
    directory = tmp_path_factory.mktemp("overview-browser")
    database = Database(f"sqlite:///{directory / 'signwatch.db'}")
    database.upgrade()
    populate(database, Archive(directory / "archive"))
    app = app_with(settings_with_sources(*SOURCES), database)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    database.dispose()


@needs_chromium
@pytest.mark.slow
@pytest.mark.parametrize("viewport", [(1280, 860), (390, 844)], ids=["laptop", "phone"])
def test_a_browser_follows_the_drill_down_from_country_to_a_countys_events(
    served: str, viewport: tuple[int, int], tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale="zh-CN")
        page = context.new_page()
        errors: list[str] = []
        dialogs: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))

        def dismissed(dialog: Any) -> None:  # a hostile title that ran would open one
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", dismissed)
        page.goto(f"{served}/overview?end={END}")
        assert page.locator("svg.chart").count() == 4
        # The charts fit the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)
        page.locator("svg a", has_text="江苏省").first.click()
        page.wait_for_url("**/overview?place=*")
        assert "江苏省" in page.locator("h1").inner_text()
        page.locator("svg a", has_text="苏州市").first.click()
        page.wait_for_url("**place=%E6%B1%9F%E8%8B%8F%E7%9C%81%E8%8B%8F%E5%B7%9E%E5%B8%82*")
        page.locator("svg a", has_text="昆山市").first.click()
        page.wait_for_url("**/events?*")
        assert "place=%E6%B1%9F%E8%8B%8F%E7%9C%81%E8%8B%8F%E5%B7%9E%E5%B8%82%E6%98%86%E5%B1%B1%E5%B8%82" in page.url
        context.close()
        browser.close()
    assert errors == [] and dialogs == []
