"""``signwatch events --amount-kind K``: the events whose amount is of that kind, read from the store.

Passages of the development set ``tests/events/eval/blind2026`` (ids in the
comments), stored through the real storing transaction.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitor.archive.files import Archive
from monitor.cli import loaded_app, main
from monitor.errors import InputError
from monitor.records import FetchedPage
from monitor.store import Database
from monitor.store.event_listing import EventFilter, list_events, parse_amount_kind
from monitor.text.article import CleanArticle
from tests.conftest import store_page

app = loaded_app()

PUBLISHED = datetime(2021, 8, 27, tzinfo=UTC)
PASSAGES = {
    # p103's first batch: contracted investment
    "contracted": "8月26日,岳阳县举行重大产业项目集中签约仪式。集中签约项目15个,合同引资68.6亿元。",
    # p001: a total investment, with a bracket beside it
    "agreed": (
        "4月27日上午,襄阳市重大项目集中签约活动在高新区举行。"
        "此次全市共有156个亿元以上重大项目集中签约,总投资608.75亿元。"
    ),
    # p047: a signing of bank credit, no investment amount
    "none": (
        "4月18日,上海市举办民营企业与商业银行对接暨集中授信签约活动。"
        "10家银行与30家民营企业现场签署授信协议,涉及金额1200多亿元。"
    ),
}


def _fill(db: Database, archive: Archive) -> None:
    for name, text in PASSAGES.items():
        article = CleanArticle(title=None, paragraphs=(text,), published=PUBLISHED)
        page = FetchedPage(url=f"http://127.0.0.1/{name}.html", body=text.encode("utf-8"), fetched_at=PUBLISHED)
        store_page(db, archive, page, article, "test")


def test_list_events_by_amount_kind(db: Database, archive: Archive) -> None:
    _fill(db, archive)
    with db.session() as session:
        contracted = list_events(session, EventFilter(amount_kind="contracted"))
        agreed = list_events(session, EventFilter(amount_kind="agreed"))
        credit = list_events(session, EventFilter(amount_kind="credit"))
        assert [(e.investment_value, e.amount_kind) for e in contracted] == [(6860000000.0, "contracted")]
        assert [(e.investment_value, e.amount_kind) for e in agreed] == [(60875000000.0, "agreed")]
        assert credit == []  # a credit line is never an event's amount


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    db = Database(f"sqlite:///{tmp_path / 'signwatch.db'}")
    db.upgrade()
    _fill(db, Archive(tmp_path / "archive"))
    db.dispose()
    return f"sqlite:///{tmp_path / 'signwatch.db'}"


def test_the_command_filters_and_prints_the_kind(sqlite_url: str) -> None:
    result = CliRunner().invoke(
        app, ["events", "--json", "--amount-kind", "contracted"], env={"SIGNWATCH_DATABASE_URL": sqlite_url}
    )
    assert result.exit_code == 0, result.output
    [event] = json.loads(result.stdout)
    assert event["amount_kind"] == "contracted" and event["amount"]["value"] == 6860000000
    everything = CliRunner().invoke(app, ["events", "--json"], env={"SIGNWATCH_DATABASE_URL": sqlite_url})
    kinds = [e["amount_kind"] for e in json.loads(everything.stdout)]
    assert sorted(k for k in kinds if k) == ["agreed", "contracted"] and None in kinds  # the credit signing


@pytest.mark.parametrize("bad", ["investment", "总投资", ""])
def test_an_unknown_amount_kind_is_one_line(
    bad: str, sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SIGNWATCH_DATABASE_URL", sqlite_url)
    with pytest.raises(SystemExit) as stopped:
        main(["events", "--amount-kind", bad])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith("signwatch: error: unknown amount kind") and error.count("\n") == 1
    with pytest.raises(InputError):
        parse_amount_kind(bad)
