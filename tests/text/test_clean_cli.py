"""``signwatch clean`` on seed files and HTML from stdin."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from monitor.cli import loaded_app
from tests.text.clean_seed_pages import seed_text, zblog_page

app = loaded_app()  # every command registered, as `signwatch --help` shows them


def test_clean_json_of_a_seed_file(tmp_path: Path) -> None:
    page = tmp_path / "003.txt"
    page.write_text(seed_text(3), encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(page), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {"title", "published", "source", "author", "body", "script", "repairs", "flags"}
    assert document["source"] == "新华网"
    assert document["script"] == "traditional"
    assert "徐建青说" in document["body"]


def test_clean_html_from_stdin_with_fetch_time() -> None:
    result = CliRunner().invoke(
        app,
        ["clean", "-", "--html", "--fetched", "2024-06-20T12:00:00+08:00", "--url", "http://bs-cfw.com/post/1.html"],
        input=zblog_page(1).encode("utf-8"),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "宝山:作为“施工者”要到“工地”里找问题、寻机遇、想对策\npublished: 2023-09-24T00:00:00+08:00"
    )
    assert "版权声明" not in result.stdout
