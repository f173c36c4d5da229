"""monitor.archive.verify and ``signwatch archive verify``: mismatches, files without rows, rows without files."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from monitor.archive.files import Archive, format_name
from monitor.archive.importer import import_archive
from monitor.archive.verify import MISMATCH, NO_FILE, NO_ROW, verify_archive
from monitor.store import Database
from tests.running.conftest import signwatch


def _orphan(archive: Archive) -> str:
    """A well-formed file no row names: what a crawl killed before its commit leaves."""
    text = "宝山区签约仪式\n5月1日,宝山区10个项目集中签约,总投资20亿元。\n"
    name = format_name(900, hashlib.sha256(text.encode()).hexdigest()[:16])
    (archive.path / name).write_text(text, encoding="utf-8")
    return name


def _missing(archive: Archive) -> str:
    """A stored article whose file is gone."""
    victim = sorted(archive.path.glob("*.txt"))[2]
    victim.unlink()
    return victim.name


def _tampered(archive: Archive) -> str:
    victim = sorted(archive.path.glob("*.txt"))[1]
    victim.write_text("改过的内容", encoding="utf-8")
    return victim.name


# (what is done to an archive of the five seeds, the reason verify gives for it)
DAMAGE: list[tuple[Callable[[Archive], str], str]] = [
    (_orphan, NO_ROW),
    (_missing, NO_FILE),
    (_tampered, MISMATCH),
]


@pytest.mark.parametrize(("damage", "reason"), DAMAGE)
def test_each_kind_of_problem_is_found_once(
    db: Database, archive: Archive, seeds_dir: Path, damage: Callable[[Archive], str], reason: str
) -> None:
    import_archive(db, archive, seeds_dir)
    assert verify_archive(archive, db).problems == []
    name = damage(archive)
    report = verify_archive(archive, db)
    assert report.problems == [{"file": name, "reason": reason}]
    assert report.files_without_rows == ([name] if reason == NO_ROW else [])
    assert report.rows_without_files == ([name] if reason == NO_FILE else [])
    assert report.verified + report.imported == 5 - (reason != NO_ROW)


def test_the_command_lists_strays_one_line_each_and_exits_1(tmp_path: Path, seeds_dir: Path) -> None:
    config = tmp_path / "signwatch.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    imported = signwatch("--config", str(config), "import", str(seeds_dir), cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    clean = signwatch("--config", str(config), "archive", "verify", cwd=tmp_path)
    assert clean.returncode == 0
    assert clean.stdout.strip().endswith("files without rows: 0  rows without files: 0  problems: 0")
    archive = Archive(tmp_path / "data" / "archive")
    orphan, missing = _orphan(archive), _missing(archive)
    plain = signwatch("--config", str(config), "archive", "verify", cwd=tmp_path)
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    lines = plain.stdout.strip().splitlines()
    assert "files without rows: 1  rows without files: 1  problems: 2" in lines[0]
    assert sorted(lines[1:]) == sorted([f"  {orphan}: {NO_ROW}", f"  {missing}: {NO_FILE}"])
    as_json = signwatch("--config", str(config), "archive", "verify", "--json", cwd=tmp_path)
    report = json.loads(as_json.stdout)
    assert as_json.returncode == 1
    assert (report["files_without_rows"], report["rows_without_files"]) == ([orphan], [missing])
