"""``signwatch events`` over the seeds as ``signwatch import`` stores them (import runs extraction)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.command import run_signwatch

SEEDS = Path(__file__).resolve().parents[2] / "monitor" / "demo" / "mirror" / "data"
# A page whose title is rich markup: the table must print it literally.
MARKUP_PAGE = """[bold red]宝山[/bold red]签约[link=http://x]快讯[/link]

2021-09-02 10:00:00
来源:测试

9月1日,上海市宝山区举行项目集中签约仪式,20个项目集中签约,总投资120亿元。
"""


def signwatch(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``signwatch ARGS`` on a 160-column terminal's width."""
    return run_signwatch(*args, cwd=cwd, env={"COLUMNS": "160"})


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project directory whose store holds the five seeds and the markup page, imported."""
    root = tmp_path_factory.mktemp("events-cli")
    pages = root / "pages"
    shutil.copytree(SEEDS, pages, ignore=shutil.ignore_patterns("*.html", "*.json"))
    (pages / "100_0123456789abcdef.txt").write_text(MARKUP_PAGE, encoding="utf-8")
    result = signwatch("import", str(pages), "--json", cwd=root)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["new"] == 6
    return root


def events_json(workdir: Path, *args: str) -> list[dict[str, Any]]:
    result = signwatch("events", "--json", *args, cwd=workdir)
    assert result.returncode == 0, result.stderr
    listed: list[dict[str, Any]] = json.loads(result.stdout)
    return listed


def test_events_newest_first_with_clusters(workdir: Path) -> None:
    listed = events_json(workdir)
    dated = [e["reported_on"] for e in listed if e["reported_on"]]
    assert dated == sorted(dated, reverse=True)
    assert all(isinstance(e["cluster"], int) for e in listed)
    baoshan = next(e for e in listed if e["kind"] == "集中签约" and e["date"] == "2021-08-26")
    assert baoshan["place"] == {"province": "上海市", "city": "上海市", "county": "宝山区"}
    assert baoshan["projects"] == 100
    assert baoshan["amount"] == {"value": 50000000000, "max": None, "qualifier": "more_than", "currency": "CNY"}
    assert baoshan["parts"][0]["projects"] == 31


@pytest.mark.parametrize(
    ("place", "counties"),
    [
        # not 嘉定区: seed 002 reports progress on existing projects, no event (issue 15)
        ("上海市", {"宝山区", "金山区"}),
        ("上海", {"宝山区", "金山区"}),
        ("金山区", {"金山区"}),
        ("上海宝山", {"宝山区"}),
        ("北京市", set()),
    ],
)
def test_place_filter_follows_the_hierarchy(workdir: Path, place: str, counties: set[str]) -> None:
    assert {e["place"]["county"] for e in events_json(workdir, "--place", place)} == counties


def test_since_amount_kind_and_limit(workdir: Path) -> None:
    since = events_json(workdir, "--since", "2021-08-01")
    assert since and all(e["reported_on"] >= "2021-08-01" for e in since)
    big = events_json(workdir, "--min-amount", "100亿")
    # The two signings of 100亿 and more (seed 002's 210亿元 of projects in progress is no event).
    assert {(e["kind"], e["amount"]["value"]) for e in big} == {
        ("集中签约", 50000000000),
        ("集中签约", 12000000000),
    }
    assert events_json(workdir, "--min-amount", "5e10") == [e for e in big if e["amount"]["value"] >= 5e10]
    assert {e["kind"] for e in events_json(workdir, "--kind", "协议")} == {"战略合作协议"}
    assert len(events_json(workdir, "--limit", "1")) == 1


def test_csv_has_a_header_and_one_row_per_event(workdir: Path) -> None:
    result = signwatch("events", "--csv", "--place", "金山区", cwd=workdir)
    assert result.returncode == 0, result.stderr
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["county"], row["projects"], row["amount"], row["date"]) == ("金山区", "3", "8000000000", "2021-01-19")


def test_table_prints_web_text_literally(workdir: Path) -> None:
    result = signwatch("events", "--place", "宝山区", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "[bold red]宝山[/bold red]" in result.stdout
    assert "超500亿" in result.stdout and "上海市宝山区" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--place", "火星"], "unknown place '火星'"),
        (["--since", "2021/08"], "cannot read date '2021/08'"),
        (["--min-amount", "很多"], "cannot read amount '很多'"),
        (["--json", "--csv"], "choose one of --json and --csv"),
    ],
)
def test_bad_filters_exit_2_with_one_line(workdir: Path, args: list[str], message: str) -> None:
    result = signwatch("events", *args, cwd=workdir)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_reprocess_replaces_events_and_keeps_clusters(workdir: Path) -> None:
    before = events_json(workdir, "--limit", "100")
    assert signwatch("reprocess", cwd=workdir).returncode == 0
    after = events_json(workdir, "--limit", "100")
    key = [(e["kind"], e["date"], e["cluster"], e["evidence"]) for e in before]
    assert [(e["kind"], e["date"], e["cluster"], e["evidence"]) for e in after] == key
    assert {e["id"] for e in after}.isdisjoint({e["id"] for e in before})
