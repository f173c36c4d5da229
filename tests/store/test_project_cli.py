"""``signwatch projects``, ``signwatch project ID``, ``projects --rates`` and ``events --industry/--party``, in-process.

The store is filled through the real storing transaction with abridged real
passages (tests/store/test_project_filing.py), plus a hostile one whose
project name is a spreadsheet formula and console markup.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from monitor.archive.files import Archive
from monitor.cli import main
from monitor.events.model import Place
from monitor.records import FetchedPage
from monitor.store import Database
from monitor.store.event_listing import EventFilter, list_events
from monitor.store.project_listing import ProjectFilter, list_projects
from monitor.store.project_models import Project
from monitor.store.project_rates import CAVEAT, Rate, project_rates
from tests.conftest import store_page
from tests.events.events_seedtext import article_from_text
from tests.store.test_project_filing import PASSAGES

# Scraped names that are a spreadsheet formula and console markup.
HOSTILE = {
    "formula": ("吴江区项目开工", "2024-05-06", "5月6日,江苏省苏州市吴江区,-2+3智能装备制造项目正式开工。"),
    "markup": ("吴江区项目开工", "2024-05-07", "5月7日,江苏省苏州市吴江区“=1+2[bold]”新材料项目正式开工。"),
}
SIGNED_THEN_BUILT = {
    # a signing in 吴江区, its groundbreaking 100 days later and production a year on (abridged real-style reports)
    "wujiang-signed": (
        "吴江区签约恒力新材料产业园项目",
        "2023-01-10",
        "1月10日,江苏省苏州市吴江区与恒力集团有限公司签约恒力新材料产业园项目,总投资50亿元。",
    ),
    "wujiang-ground": (
        "恒力新材料产业园项目开工",
        "2023-04-20",
        "4月20日,恒力集团在吴江区投资建设的恒力新材料产业园项目正式开工。",
    ),
    "wujiang-production": (
        "恒力新材料产业园项目投产",
        "2024-01-10",
        "1月10日,吴江区恒力新材料产业园项目正式投产。",
    ),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A SQLite store holding every passage, filed in order; its URL."""
    root = tmp_path_factory.mktemp("projects-cli")
    url = f"sqlite:///{root / 'signwatch.db'}"
    db = Database(url)
    db.upgrade()
    archive = Archive(root / "archive")
    for name, (title, published, text) in {**PASSAGES, **SIGNED_THEN_BUILT, **HOSTILE}.items():
        article = article_from_text(text, title=title, published=datetime.fromisoformat(published).replace(tzinfo=UTC))
        page = FetchedPage(
            url=f"http://127.0.0.1/{name}", body=article.canonical_text.encode(), fetched_at=datetime.now(UTC)
        )
        store_page(db, archive, page, article, "test")
    db.dispose()
    yield url


def run(
    store: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, str, str]:
    monkeypatch.setenv("SIGNWATCH_DATABASE_URL", store)
    monkeypatch.chdir(Path(store.removeprefix("sqlite:///")).parent)
    with pytest.raises(SystemExit) as ended:
        main(list(args))
    out, err = capsys.readouterr()
    return int(ended.value.code or 0), out, err


def _names(out: str) -> set[str]:
    return {p["name"] for p in json.loads(out)}


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (
            ("--place", "沙洋县"),
            {
                "华中服装制造产业园项目",
                "乡村振兴全域旅游项目",
                "汉上云谷数字经济产业园",
                "算力中心项目",
                "新能源电动车整车组装项目",
            },
        ),
        (("--place", "沙洋县", "--industry", "新能源汽车"), {"新能源电动车整车组装项目"}),
        (("--stage", "竣工"), {"华润江中生产基地一期项目"}),
        (("--stage", "投产"), {"恒力新材料产业园项目"}),
        (("--place", "四川省", "--since", "2019-01-01"), {"四川天府新区紫光芯城项目"}),
    ],
)
def test_projects_filters(
    store: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    names: set[str],
) -> None:
    status, out, _ = run(store, capsys, monkeypatch, "projects", "--json", *args)
    assert status == 0
    assert _names(out) == names


def test_project_timeline(store: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with Database(store).session() as session:
        project_id = session.scalar(select(Project.id).where(Project.name == "恒力新材料产业园项目"))
    status, out, _ = run(store, capsys, monkeypatch, "project", str(project_id), "--json")
    document = json.loads(out)
    assert status == 0
    assert [(s["stage"], s["reported_on"]) for s in document["stages"]] == [
        ("签约", "2023-01-10"),
        ("开工", "2023-04-20"),
        ("投产", "2024-01-10"),
    ]
    assert (document["stage"], document["signed_on"], document["investor"]) == (
        "投产",
        "2023-01-10",
        "恒力集团有限公司",
    )
    status, out, _ = run(store, capsys, monkeypatch, "project", str(project_id))
    assert status == 0 and "timeline" in out and "http://127.0.0.1/wujiang-ground" in out


def test_rates_per_place_and_quarter(store: str) -> None:
    with Database(store).session() as session:
        rates = project_rates(session, (Place("江苏省", "苏州市", "吴江区"),))
    assert rates == [Rate("江苏省苏州市吴江区", "2023Q1", 1, 1, 1, 100, 365)]


def test_rates_command_prints_the_caveat(
    store: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, _ = run(store, capsys, monkeypatch, "projects", "--rates", "--place", "沙洋县", "--by", "year")
    assert status == 0
    assert out.splitlines()[1].split("\t")[:5] == ["2024", "湖北省荆门市沙洋县", "5", "0 (0%)", "0 (0%)"]
    assert out.splitlines()[-1] == f"note: {CAVEAT}"
    status, out, _ = run(store, capsys, monkeypatch, "projects", "--rates", "--json")
    assert json.loads(out)["caveat"] == CAVEAT


def test_csv_neutralises_formulas_and_text_prints_markup_literally(
    store: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, _ = run(store, capsys, monkeypatch, "projects", "--csv", "--place", "吴江区", "--stage", "开工")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0
    assert "'-2+3智能装备制造项目" in {row["name"] for row in rows}  # a formula's start neutralised
    status, out, _ = run(store, capsys, monkeypatch, "projects", "--place", "吴江区", "--stage", "开工")
    assert "“=1+2[bold]”新材料项目" in out  # printed as written, never read as markup


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("projects", "--stage", "奠基"), "unknown stage '奠基'"),
        (("projects", "--industry", "芯片"), "unknown industry '芯片'"),
        (("projects", "--since", "2024-13-01"), "cannot read date '2024-13-01'"),
        (("projects", "--rates", "--by", "week"), "unknown period 'week'"),
        (("projects", "--rates", "--stage", "开工"), "--rates takes --place and --by only"),
        (("projects", "--place", "火星"), "unknown place '火星'"),
        (("project", "999999"), "no project 999999"),
        (("project", "99999999999999999999"), "no project 99999999999999999999"),
        (("events", "--industry", "芯片"), "unknown industry '芯片'"),
        (("events", "--party", " "), "--party needs an organisation's name"),
    ],
)
def test_bad_values_are_one_line_errors(
    store: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], message: str
) -> None:
    status, out, err = run(store, capsys, monkeypatch, *args)
    assert status == 2 and out == ""
    [line] = err.splitlines()
    assert line.startswith("signwatch: error: ") and message in line


@pytest.mark.parametrize(
    ("args", "kinds"),
    [
        (("--party", "紫光集团"), {"投资协议"}),
        (("--party", "紫光集团有限公司"), {"投资协议"}),
        (("--party", "恒力集团"), {"签约"}),
        (("--industry", "新材料", "--place", "吴江区"), {"签约"}),
    ],
)
def test_events_by_industry_and_party(
    store: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    kinds: set[str],
) -> None:
    status, out, _ = run(store, capsys, monkeypatch, "events", "--json", *args)
    assert status == 0
    assert {e["kind"] for e in json.loads(out)} >= kinds


def test_listing_rates_and_party_filter_on_each_backend(db: Database, archive: Archive) -> None:
    for name, (title, published, text) in {**SIGNED_THEN_BUILT, "shayang-batch": PASSAGES["shayang-batch"]}.items():
        article = article_from_text(text, title=title, published=datetime.fromisoformat(published).replace(tzinfo=UTC))
        page = FetchedPage(
            url=f"http://127.0.0.1/{name}", body=article.canonical_text.encode(), fetched_at=datetime.now(UTC)
        )
        store_page(db, archive, page, article, "test")
    with db.session() as session:
        built = list_projects(session, ProjectFilter(stage="投产"))
        rates = project_rates(session, by="year")
        parties = list_events(session, EventFilter(party="恒力集团"))
        industry = list_events(session, EventFilter(industry="新材料"))
        # 沙洋's batch signs projects of four trades: the ceremony is of none of them
        mixed = list_events(session, EventFilter(industry="新能源汽车"))
        assert [p.name for p in built] == ["恒力新材料产业园项目"]
        assert [(r.place, r.period, r.signed, r.broke_ground, r.producing) for r in rates] == [
            ("江苏省苏州市吴江区", "2023", 1, 1, 1),
            ("湖北省荆门市沙洋县", "2024", 5, 0, 0),
        ]
        assert [e.article.title for e in parties] == ["吴江区签约恒力新材料产业园项目"]
        # the signing (and the reports of its later steps, filed as mentions) carry the project's industry
        assert "吴江区签约恒力新材料产业园项目" in {e.article.title for e in industry}
        assert mixed == []
