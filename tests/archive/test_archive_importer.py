"""monitor.archive.importer: seeds in, duplicates and bad files counted, nothing aborts."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import func, select

from monitor.archive.analysis import analyse_pending
from monitor.archive.files import Archive
from monitor.archive.importer import import_archive
from monitor.archive.verify import verify_archive
from monitor.store import Article, Database


def test_seeds_import_once_then_all_duplicates(db: Database, archive: Archive, seeds_dir: Path) -> None:
    first = import_archive(db, archive, seeds_dir)
    assert (first.new, first.duplicate, first.invalid) == (5, 0, [])
    second = import_archive(db, archive, seeds_dir)
    assert (second.new, second.duplicate, second.invalid) == (0, 5, [])
    with db.session() as session:
        rows = session.scalars(select(Article).order_by(Article.sequence)).all()
        # The files' own names and hashes are their identity.
        assert [r.archive_name for r in rows] == sorted(p.name for p in seeds_dir.glob("*.txt"))
        assert [r.content_hash for r in rows] == [p.name[4:20] for p in sorted(seeds_dir.glob("*.txt"))]
        assert rows[0].raw_text == (seeds_dir / rows[0].archive_name).read_text(encoding="utf-8")
        assert all(row.analysed_at is None for row in rows)  # analysis is the next stage
    assert analyse_pending(db) == 5
    assert analyse_pending(db) == 0
    with db.session() as session:
        rows = session.scalars(select(Article).order_by(Article.sequence)).all()
        titles = [row.title for row in rows]
        assert titles[0] is None  # seed 000 has no title line
        assert titles[3] == "“上海湾区”吹响新年招商引资“集结号”"
        assert "100个产业项目集中签约,总投资额超500亿元" in rows[0].clean_text
        assert all(row.text_hash and row.analysed_at for row in rows)
    assert sorted(p.name for p in archive.path.glob("*.txt")) == sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert verify_archive(archive, db).problems == []


def test_bad_files_are_listed_and_the_rest_imported(
    db: Database, archive: Archive, seeds_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "incoming"
    source.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt"))[:2]:
        shutil.copy(seed, source / seed.name)
    (source / "readme.md").write_text("not an article", encoding="utf-8")
    (source / "7_0123456789abcdef.txt").write_text("short number", encoding="utf-8")
    (source / "010_0123456789abcdef.txt").write_bytes(b"")
    (source / "011_1123456789abcdef.txt").write_bytes("投资".encode("gbk"))
    (source / "012_2123456789abcdef.txt").mkdir()
    # The same text as seed 000 under another name: a duplicate, not a new article.
    seed0 = sorted(seeds_dir.glob("*.txt"))[0]
    shutil.copy(seed0, source / "099_ffffffffffffffff.txt")

    report = import_archive(db, archive, source)
    reasons = {item["file"]: item["reason"] for item in report.invalid}
    assert report.new == 2
    assert report.duplicate == 1
    assert set(reasons) == {
        "readme.md",
        "7_0123456789abcdef.txt",
        "010_0123456789abcdef.txt",
        "011_1123456789abcdef.txt",
        "012_2123456789abcdef.txt",
    }
    assert reasons["010_0123456789abcdef.txt"] == "empty"
    assert reasons["011_1123456789abcdef.txt"].startswith("not valid UTF-8")
    assert reasons["readme.md"].startswith("malformed name")
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 2


def test_archive_verify_finds_a_tampered_file(db: Database, archive: Archive, seeds_dir: Path) -> None:
    import_archive(db, archive, seeds_dir)
    victim = sorted(archive.path.glob("*.txt"))[1]
    victim.write_text("改过的内容", encoding="utf-8")
    (archive.path / "077_0000000000000000.txt").write_text("stray", encoding="utf-8")
    report = verify_archive(archive, db)
    assert report.imported == 4
    assert {p["file"] for p in report.problems} == {victim.name, "077_0000000000000000.txt"}
