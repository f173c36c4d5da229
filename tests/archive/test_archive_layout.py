"""The archive's two layouts (flat, sharded by hash prefix), with the real seeds: import, store, verify, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from monitor.archive.canonical import content_hash
from monitor.archive.files import FLAT, LAYOUT_FILE, SHARDED, Archive, parse_name
from monitor.archive.importer import import_archive
from monitor.archive.layout import export_flat, relayout
from monitor.archive.verify import verify_archive
from monitor.errors import ArchiveError
from monitor.store import Database
from tests.conftest import seed_files
from tests.running.conftest import signwatch


@pytest.fixture
def real_seeds() -> Path:
    """The five real seed pages, as the package keeps them."""
    return seed_files()[0].parent


def _where(archive: Archive) -> dict[str, str]:
    """Each archive file's name and the directory it is in, relative to the archive."""
    return {path.name: str(path.parent.relative_to(archive.path)) for path in archive.path.rglob("[0-9]*_*.txt")}


def _expected_place(name: str, layout: str) -> str:
    parsed = parse_name(name)
    assert parsed is not None
    return parsed.content_hash[:2] if layout == SHARDED else "."


@pytest.mark.parametrize("layout", [FLAT, SHARDED])
def test_each_layout_imports_stores_verifies_and_exports_the_seed_format(
    layout: str, db: Database, tmp_path: Path, real_seeds: Path
) -> None:
    archive = Archive(tmp_path / "archive", layout)
    report = import_archive(db, archive, real_seeds)
    assert (report.new, report.invalid) == (5, [])
    seeds = {path.name: path.read_bytes() for path in sorted(real_seeds.glob("*.txt"))}
    assert {name: _expected_place(name, layout) for name in seeds} == _where(archive)
    checked = verify_archive(archive, db)
    assert (checked.problems, checked.verified + checked.imported) == ([], 5)
    # a crawl's store: a new text goes where the layout puts it, the same text again is not written twice
    text = "宝山区集成电路项目集中签约\n5月1日,宝山区10个项目集中签约,总投资20亿元。\n"
    name = archive.store(text)
    assert parse_name(name) is not None and name.endswith(f"_{content_hash(text)}.txt")
    assert _where(archive)[name] == _expected_place(name, layout)
    assert Archive(archive.path).store(text) == name  # another process finds it
    assert archive.read(name) == text
    # export writes the flat seed format, byte for byte, which import reads back
    exported = tmp_path / "exported"
    assert export_flat(archive, exported) == 6
    assert {path.name: path.read_bytes() for path in exported.iterdir() if path.name in seeds} == seeds
    assert sorted(path.name for path in exported.iterdir()) == sorted([*seeds, name])
    assert export_flat(archive, exported) == 0  # already there
    assert Archive(tmp_path / "again", layout).layout == layout


def test_relayout_moves_every_file_both_ways_and_the_archive_says_which(
    db: Database, tmp_path: Path, real_seeds: Path
) -> None:
    archive = Archive(tmp_path / "archive")
    import_archive(db, archive, real_seeds)
    flat = _where(archive)
    contents = {name: archive.read(name) for name in flat}
    assert relayout(archive.path, SHARDED) == 5
    assert (archive.path / LAYOUT_FILE).read_text(encoding="ascii") == "sharded\n"
    sharded = Archive(archive.path)
    assert sharded.layout == SHARDED
    assert _where(sharded) == {name: _expected_place(name, SHARDED) for name in flat}
    assert {name: sharded.read(name) for name in flat} == contents
    assert verify_archive(sharded, db).problems == []
    assert relayout(archive.path, SHARDED) == 0
    assert relayout(archive.path, FLAT) == 5
    back = Archive(archive.path)
    assert (back.layout, _where(back), LAYOUT_FILE in {p.name for p in archive.path.iterdir()}) == (FLAT, flat, False)
    assert [p for p in archive.path.iterdir() if p.is_dir()] == []  # the empty shards are gone
    assert verify_archive(back, db).problems == []


def test_an_interrupted_relayout_is_finished_by_running_it_again(
    db: Database, tmp_path: Path, real_seeds: Path
) -> None:
    archive = Archive(tmp_path / "archive")
    import_archive(db, archive, real_seeds)
    names = sorted(_where(archive))
    # as a relayout killed after moving two files leaves it: no layout file yet, three files still flat
    for name in names[:2]:
        (archive.path / name[4:6]).mkdir()
        (archive.path / name).rename(archive.path / name[4:6] / name)
    assert relayout(archive.path, SHARDED) == 3
    finished = Archive(archive.path)
    assert _where(finished) == {name: _expected_place(name, SHARDED) for name in names}
    assert verify_archive(finished, db).problems == []


# (the layout written in the archive, the layout asked for, what the error says)
MISMATCHES = [
    (FLAT, SHARDED, "is flat, the config asks for sharded: run `signwatch archive relayout sharded`"),
    (SHARDED, FLAT, "is sharded, the config asks for flat: run `signwatch archive relayout flat`"),
]


@pytest.mark.parametrize(("has", "asked", "message"), MISMATCHES)
def test_an_archive_of_the_other_layout_is_refused_with_what_to_do(
    db: Database, tmp_path: Path, real_seeds: Path, has: str, asked: str, message: str
) -> None:
    import_archive(db, Archive(tmp_path / "archive", has), real_seeds)
    with pytest.raises(ArchiveError) as raised:
        Archive(tmp_path / "archive", asked)
    assert message in str(raised.value)
    with pytest.raises(ArchiveError, match="unknown archive layout 'nested'"):
        Archive(tmp_path / "new", "nested")


@pytest.mark.slow
def test_the_commands_import_relayout_verify_and_export(tmp_path: Path, real_seeds: Path) -> None:
    config = tmp_path / "signwatch.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")

    def run(*args: str) -> str:
        done = signwatch("--config", str(config), *args, cwd=tmp_path)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        return done.stdout

    assert json.loads(run("import", str(real_seeds), "--json"))["new"] == 5
    assert run("archive", "relayout", "sharded").splitlines() == [
        "moved: 5  layout: sharded",
        'set [archive] layout = "sharded" in the config to use it',
    ]
    refused = signwatch("--config", str(config), "archive", "verify", cwd=tmp_path)
    assert refused.returncode == 2 and refused.stdout == "" and "relayout" in refused.stderr
    config.write_text(config.read_text(encoding="utf-8") + '[archive]\nlayout = "sharded"\n', encoding="utf-8")
    assert run("archive", "verify").startswith("verified: 0  imported: 5  files without rows: 0")
    assert run("archive", "export", str(tmp_path / "out")) == "exported: 5\n"
    seeds = {path.name: path.read_bytes() for path in real_seeds.glob("*.txt")}
    assert {path.name: path.read_bytes() for path in (tmp_path / "out").iterdir()} == seeds
    assert json.loads(run("import", str(tmp_path / "out"), "--json"))["duplicate"] == 5
