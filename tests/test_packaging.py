"""The distribution: what a `pip install` puts on the import path, and nothing that clashes."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_wheel_installs_only_names_of_ours(tmp_path: Path) -> None:
    # Built from a copy: setuptools leaves a build/ folder beside the sources it builds.
    source = tmp_path / "source"
    for part in ("monitor", "crawler", "migrations"):
        shutil.copytree(ROOT / part, source / part, ignore=shutil.ignore_patterns("__pycache__"))
    for part in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / part, source / part)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(source), "-w", str(tmp_path / "wheel")],
        check=True,
        capture_output=True,
    )
    [wheel] = (tmp_path / "wheel").glob("signwatch-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top_level == {"monitor", "crawler", "signwatch_migrations"}  # no bare "migrations" to clash with
    for data in (
        "signwatch_migrations/env.py",
        "signwatch_migrations/script.py.mako",
        "signwatch_migrations/versions/0001_foundation.py",
        "monitor/events/data/divisions.tsv",
        "monitor/demo/mirror/data/000_c610aeb7e532462d.txt",
        "monitor/py.typed",
    ):
        assert data in names, data


def test_the_store_finds_its_migrations_under_our_name() -> None:
    import signwatch_migrations

    from monitor.store.migrate import MIGRATIONS_DIR, head_revisions

    # from a checkout, its own folder; installed (editable here), the same folder under our name
    assert MIGRATIONS_DIR == ROOT / "migrations" == Path(signwatch_migrations.__file__).resolve().parent
    assert head_revisions()  # Alembic reads the scripts from there


@pytest.mark.slow
def test_a_copy_of_the_sources_migrates_with_its_own_scripts(tmp_path: Path) -> None:
    """A worktree beside an installed tree (as the paired benchmarks use) must not take the other's migrations."""
    for part in ("monitor", "migrations"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    found = subprocess.run(
        [sys.executable, "-c", "from monitor.store.migrate import MIGRATIONS_DIR; print(MIGRATIONS_DIR)"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout.strip() == str((tmp_path / "migrations").resolve())
