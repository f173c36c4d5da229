"""Two imports of one directory at once: both finish, and together they count each file new exactly once.

First ``import_archive`` itself in two processes racing on one store (SQLite
and PostgreSQL): the rows go in with ON CONFLICT DO NOTHING, so the loser of
each race counts a duplicate instead of failing on the unique key.  Then two
``signwatch import`` commands at once: the second waits for the first's
analysis (one line says so) and finds every file known.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from monitor.archive.files import Archive, format_name
from monitor.archive.importer import import_archive
from monitor.store import Article, Database
from tests.conftest import seed_files

pytestmark = pytest.mark.slow

FILES = 300


def _write_archive(directory: Path, count: int) -> None:
    """``count`` distinct files in the seed format: the seeds, each with a numbered sentence of its own."""
    directory.mkdir()
    seeds = [path.read_text(encoding="utf-8") for path in seed_files()]
    for index in range(count):
        lines = seeds[index % len(seeds)].split("\n")
        lines.insert(
            min(3, len(lines)), f"据了解,第{index}批签约项目共{index % 97 + 3}个,总投资{index % 500 + 10}亿元。"
        )
        text = "\n".join(lines)
        (directory / format_name(index, hashlib.sha256(text.encode()).hexdigest()[:16])).write_text(text, "utf-8")


def _import(url: str, archive_path: str, source: str, start: Any, results: Any) -> None:
    db = Database(url)
    start.wait()
    try:
        report = import_archive(db, Archive(Path(archive_path)), Path(source))
        results.put((report.new, report.duplicate, len(report.invalid)))
    except Exception as error:  # the failure is the test's finding: report it, do not hang the queue
        results.put(repr(error))
    finally:
        db.dispose()


def test_two_imports_racing_on_one_store_count_each_file_once(database_url: str, db: Database, tmp_path: Path) -> None:
    source = tmp_path / "incoming"
    _write_archive(source, FILES)
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(2), context.Queue()
    racers = [
        context.Process(target=_import, args=(database_url, str(tmp_path / "archive"), str(source), start, results))
        for _ in range(2)
    ]
    for racer in racers:
        racer.start()
    reports = [results.get(timeout=300) for _ in racers]
    for racer in racers:
        racer.join()
    assert all(isinstance(report, tuple) for report in reports), reports
    assert sum(new for new, _, _ in reports) == FILES
    assert all(new + duplicate == FILES and invalid == 0 for new, duplicate, invalid in reports)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == FILES
    assert len(list((tmp_path / "archive").glob("*.txt"))) == FILES


def test_two_import_commands_at_once_finish_cleanly(tmp_path: Path, database_url: str) -> None:
    source = tmp_path / "incoming"
    _write_archive(source, FILES)
    config = tmp_path / "signwatch.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n[database]\nurl = "{database_url}"\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIGNWATCH_")}
    command = [sys.executable, "-m", "monitor", "--config", str(config), "import", str(source), "--json"]
    both = [
        subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    done = [process.communicate(timeout=600) for process in both]
    assert [process.returncode for process in both] == [0, 0], done
    assert all("Traceback" not in err for _, err in done)
    counts = sorted((report["new"], report["duplicate"]) for report in (json.loads(out) for out, _ in done))
    assert counts == [(0, FILES), (FILES, 0)]
    waited = [line for _, err in done for line in err.splitlines()]
    assert waited in ([], ["signwatch: waiting for another import or reprocess of this archive to finish"])
    db = Database(database_url)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == FILES
        assert session.scalar(select(func.count()).select_from(Article).where(Article.analysed_at.is_(None))) == 0
    db.dispose()
