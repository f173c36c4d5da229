"""The Projects and Project pages (issue 18): one lifecycle over three sites, listed, filtered, exported, opened.

The mirror's lifecycle articles (a signing in 宝山区, its groundbreaking on
another site, its production on a third, and a repost of the groundbreaking)
and a hostile project go through the crawler's storing transaction into a
real SQLite store; the pages are read through the app and in a real browser.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from starlette.testclient import TestClient

from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.demo.mirror.lifecycles import INVESTOR, PROJECT, project_lifecycle
from monitor.records import FetchedPage
from monitor.store import Database
from monitor.workbench.app import create_app
from tests.conftest import to_store
from tests.events.events_seedtext import article_from_text
from tests.workbench.conftest import Workbench, write_config
from tests.workbench.test_workbench_browser import CHROMIUM, _shot, browser, page, served  # noqa: F401  fixtures

SIGNED, GROUND, PRODUCING = date(2025, 3, 3), date(2025, 7, 24), date(2026, 5, 18)
HOSTILE = "<script>alert(1)</script>"


def _store(database: Database, archive: Archive, site: str, number: int, title: str, text: str, when: datetime) -> None:
    article = article_from_text(text, title=title, published=when)
    fetched = FetchedPage(url=f"http://127.0.0.1/{site}/{number}.html", body=b"<html></html>", fetched_at=when)
    ingest_pages(database, archive, [to_store(fetched, article, f"mirror-{site}")])


@pytest.fixture(scope="module")
def workbench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workbench]:
    """A workbench on a SQLite store holding one project's lifecycle, a repost and a hostile project."""
    directory = tmp_path_factory.mktemp("projects")
    database = Database(f"sqlite:///{directory / 'signwatch.db'}")
    database.upgrade()
    archive = Archive(directory / "archive")
    lifecycle = project_lifecycle(SIGNED, GROUND, PRODUCING)
    for number, report in enumerate(lifecycle):
        _store(database, archive, report.site, number, report.title, "\n".join(report.paragraphs), report.published)
    ground = lifecycle[1]
    _store(
        database,
        archive,
        "cms",
        9,
        "宝山:澄锋智能电驱动生产基地开工建设",
        f"据宝山区融媒体中心消息,{PROJECT}7月24日在宝山区罗店镇开工,项目总投资50亿元。",
        ground.published.replace(day=25),
    )
    _store(
        database,
        archive,
        "hostile",
        1,
        f"{HOSTILE}智能装备项目开工",
        f"9月1日,{HOSTILE}智能装备项目在江苏省苏州市吴江区开工,总投资12亿元。",
        datetime(2025, 9, 1, 9, tzinfo=UTC),
    )
    settings = write_config(directory, f"sqlite:///{directory / 'signwatch.db'}")
    yield Workbench(settings, database, create_app(settings, database))
    database.dispose()


@pytest.fixture
def client(workbench: Workbench) -> Iterator[TestClient]:
    with TestClient(workbench.app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def _ours(client: TestClient, query: str = "") -> dict[str, Any]:
    listing = client.get(f"/api/v1/projects{query}").json()
    return next(p for p in listing["projects"] if p["name"] == PROJECT)


def test_the_listing_shows_the_furthest_stage_and_days_since_signing(client: TestClient) -> None:
    ours = _ours(client)
    assert (ours["investor"], ours["place"]["county"], ours["signed_on"]) == (INVESTOR, "宝山区", "2025-03-03")
    assert (ours["stage"], ours["stage_on"], ours["days_since_signing"]) == ("投产", "2026-05-18", 441)


@pytest.mark.parametrize(
    ("query", "ours_listed"),
    [
        ("", True),
        ("?place=宝山区", True),
        ("?place=上海市", True),
        ("?place=江苏省", False),
        ("?stage=开工", True),
        ("?stage=达产", False),
        ("?since=2026-05-01", True),
        ("?since=2026-06-01", False),
    ],
)
def test_filters(client: TestClient, query: str, ours_listed: bool) -> None:
    names = [p["name"] for p in client.get(f"/api/v1/projects{query}").json()["projects"]]
    assert (PROJECT in names) == ours_listed


@pytest.mark.parametrize(
    ("query", "message"),
    [("?stage=封顶", "封顶"), ("?industry=煤炭", "煤炭"), ("?since=yesterday", "yesterday")],
)
def test_a_bad_filter_is_a_clear_400(client: TestClient, query: str, message: str) -> None:
    answer = client.get(f"/projects{query}")
    assert answer.status_code == 400 and message in answer.text and "Traceback" not in answer.text


def test_the_table_has_csv_and_xlsx_twins(client: TestClient) -> None:
    answer = client.get("/projects?place=宝山区&format=csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "name", "investor"] and rows[0][-3:] == ["stage", "stage_on", "days_since_signing"]
    assert [r[1] for r in rows[1:]] == [PROJECT] and rows[1][-1] == "441"
    xlsx = client.get("/projects?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_the_timeline_marks_each_stages_first_publisher(client: TestClient) -> None:
    project = client.get(f"/api/v1/projects/{_ours(client)['id']}").json()
    steps = [(s["stage"], s["date"], [r["first_publisher"] for r in s["reports"]]) for s in project["timeline"]]
    assert steps == [
        ("签约", "2025-03-03", [True]),
        ("开工", "2025-07-24", [True, False]),  # the groundbreaking first, its repost after
        ("投产", "2026-05-18", [True]),
    ]
    assert project["timeline"][1]["reports"][0]["article"]["source"] == "mirror-zblog"
    assert client.get("/projects/999999").status_code == 404


def test_scraped_text_is_escaped(client: TestClient) -> None:
    for path in ["/projects"] + [f"/projects/{p['id']}" for p in client.get("/api/v1/projects").json()["projects"]]:
        body = client.get(path).text
        assert HOSTILE not in body, path
    # the hostile project's name drops the tag; its sentence keeps it, escaped
    hostile = next(p for p in client.get("/api/v1/projects").json()["projects"] if p["name"] == "智能装备项目")
    assert "&lt;script&gt;" in client.get(f"/projects/{hostile['id']}").text


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (.ci/run installs Debian's chromium)")
def test_filter_then_open_a_project_and_see_its_timeline(page: Any, served: str) -> None:  # noqa: F811
    alerts: list[str] = []

    def dialog_opened(dialog: Any) -> None:  # only a script could open one
        alerts.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dialog_opened)
    page.goto(served + "/projects")
    assert "项目" in page.locator("h1").inner_text()
    page.fill("input[name=place]", "宝山区")
    page.select_option("select[name=stage]", "开工")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/projects?*")
    rows = page.locator("table.projects tbody tr")
    assert rows.count() == 1 and "441" in rows.first.inner_text() and "投产" in rows.first.inner_text()
    _shot(page, "projects")
    rows.first.locator("td:first-child a").click()
    page.wait_for_url("**/projects/*")
    assert PROJECT in page.locator("h1").inner_text()
    stages = page.locator("ol.timeline > li.stage h2")
    assert [stages.nth(i).inner_text().split()[0] for i in range(stages.count())] == ["签约", "开工", "投产"]
    assert page.locator("li.report.first").count() == 3 and page.locator("li.report").count() == 4
    _shot(page, "project")
    assert alerts == []


def test_the_signings_event_page_links_its_project(client: TestClient) -> None:
    ours = _ours(client)
    signing = client.get(f"/api/v1/projects/{ours['id']}").json()["timeline"][0]["reports"][0]
    events = client.get("/api/v1/events?place=宝山区").json()["events"]
    cluster = next(e["cluster"] for e in events if e["article"]["id"] == signing["article"]["id"])
    event = client.get(f"/api/v1/events/{cluster}").json()
    assert event["projects_followed"] == [{"id": ours["id"], "name": PROJECT, "stage": "投产"}]
    assert f'<a href="/projects/{ours["id"]}">{PROJECT}</a>' in client.get(f"/events/{cluster}").text


def test_the_project_answers_hold_to_the_api_description(client: TestClient) -> None:
    from tests.workbench.test_api import conforms

    spec = client.get("/api/v1/openapi.json").json()
    ours = _ours(client)
    calls = {
        "/api/v1/projects": "/api/v1/projects?place=上海市",
        "/api/v1/projects/{project_id}": f"/api/v1/projects/{ours['id']}",
    }
    for path, url in calls.items():
        schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert conforms(client.get(url).json(), schema, spec) == [], url
    cluster = next(e["cluster"] for e in client.get("/api/v1/events?place=宝山区").json()["events"])
    schema = spec["paths"]["/api/v1/events/{cluster_id}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert conforms(client.get(f"/api/v1/events/{cluster}").json(), schema["schema"], spec) == []


def test_the_overview_charts_signed_investment_by_industry(client: TestClient) -> None:
    document = client.get("/api/v1/overview?end=2025-03&months=1").json()
    assert {"industry": "新能源汽车", "signed_investment": 5_000_000_000, "events": 1} in document["industries"]
    html = client.get("/overview?end=2025-03&months=1").text
    assert "按行业" in html and "新能源汽车" in html
