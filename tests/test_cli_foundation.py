"""The signwatch command as a user runs it: help, import, articles, bad config, errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.command import run_signwatch

COMMANDS = ["import", "articles", "db", "archive"]


def signwatch(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``signwatch ARGS`` in ``cwd``, with ``env`` added."""
    return run_signwatch(*args, cwd=cwd, env=env, timeout=120)


def test_help_lists_every_command(tmp_path: Path) -> None:
    result = signwatch("--help", cwd=tmp_path)
    assert result.returncode == 0
    for command in COMMANDS:
        assert command in result.stdout


def test_import_seeds_twice_with_json_on_embedded_defaults(tmp_path: Path, seeds_dir: Path) -> None:
    first = signwatch("import", str(seeds_dir), "--json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout) == {"new": 5, "duplicate": 0, "invalid": [], "failed": []}
    second = signwatch("import", str(seeds_dir), "--json", cwd=tmp_path)
    assert json.loads(second.stdout) == {"new": 0, "duplicate": 5, "invalid": [], "failed": []}
    assert (tmp_path / "signwatch-data" / "signwatch.db").is_file()
    listed = json.loads(signwatch("articles", "--json", "--limit", "3", cwd=tmp_path).stdout)
    assert [a["archive_name"][:3] for a in listed] == ["004", "003", "002"]
    assert signwatch("archive", "verify", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("[database]\nulr = 'x'\n", "unknown key 'database.ulr'"),
        ("[crawler]\ntimeout = 'soon'\n", "crawler.timeout: expected a number"),
    ],
)
def test_bad_config_exits_2_with_one_line(tmp_path: Path, config: str, expected: str) -> None:
    (tmp_path / "signwatch.toml").write_text(config, encoding="utf-8")
    result = signwatch("articles", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and "signwatch.toml" in lines[0]


def test_unreachable_database_masks_password(tmp_path: Path) -> None:
    url = "postgresql+psycopg://watcher:s3cret@127.0.0.1:1/none"
    result = signwatch("articles", cwd=tmp_path, env={"SIGNWATCH_DATABASE_URL": url})
    assert result.returncode == 2
    assert "s3cret" not in result.stderr and "***" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_import_of_missing_directory(tmp_path: Path) -> None:
    result = signwatch("import", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.returncode == 2 and "not a directory" in result.stderr and "Traceback" not in result.stderr
