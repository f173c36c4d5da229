"""A database a newer signwatch migrated: an older one says so in one line and writes nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from monitor.errors import StoreError
from monitor.store import Database


def _migrated_by_a_newer_signwatch(path: Path) -> str:
    url = f"sqlite:///{path}"
    db = Database(url)
    db.upgrade()
    with db.engine.begin() as connection:  # what a release with one more migration leaves behind
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.dispose()
    return url


def test_upgrade_refuses_a_schema_newer_than_its_migrations(tmp_path: Path) -> None:
    db = Database(_migrated_by_a_newer_signwatch(tmp_path / "signwatch.db"))
    with pytest.raises(StoreError, match=r"schema 9999, newer than this signwatch knows .*upgrade signwatch"):
        db.upgrade()
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "9999"
    db.dispose()


def test_a_command_on_such_a_database_prints_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _migrated_by_a_newer_signwatch(data / "signwatch.db")
    (tmp_path / "signwatch.toml").write_text('data_dir = "data"\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "sources"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "newer than this signwatch knows" in done.stderr
