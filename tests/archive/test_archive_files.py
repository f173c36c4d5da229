"""monitor.archive.files: names, atomic writes, sequence numbers never reused."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from monitor.archive.canonical import canonical_text, content_hash
from monitor.archive.files import Archive, format_name, parse_name

NAMES = [
    ("000_c610aeb7e532462d.txt", (0, "c610aeb7e532462d")),
    ("1234_064bbb9c2f72048a.txt", (1234, "064bbb9c2f72048a")),
    ("00_c610aeb7e532462d.txt", None),  # fewer than three digits
    ("000_C610AEB7E532462D.txt", None),  # hex is lower case
    ("000_c610aeb7e532462.txt", None),  # 15 hex digits
    ("000_c610aeb7e532462d.md", None),
    ("notes.txt", None),
]


@pytest.mark.parametrize(("name", "expected"), NAMES)
def test_parse_name(name: str, expected: tuple[int, str] | None) -> None:
    parsed = parse_name(name)
    assert (None if parsed is None else (parsed.sequence, parsed.content_hash)) == expected


def test_format_name_pads_to_three_and_grows() -> None:
    assert format_name(7, "0" * 16) == "007_0000000000000000.txt"
    assert format_name(1000, "a" * 16) == "1000_aaaaaaaaaaaaaaaa.txt"


def test_store_writes_canonical_text_under_its_hash(archive: Archive) -> None:
    text = canonical_text("标题", ["100个产业项目集中签约,总投资额超500亿元。"])
    name = archive.store(text)
    assert name == f"000_{content_hash(text)}.txt"
    assert archive.read(name) == text
    assert archive.store(text) == name  # the same text is archived once
    second = archive.store(canonical_text("另一篇", ["正文"]))
    assert parse_name(second) is not None and parse_name(second).sequence == 1  # type: ignore[union-attr]
    assert not [p for p in archive.path.iterdir() if p.name.startswith(".tmp-")]


def test_sequence_continues_after_imported_numbers(archive: Archive) -> None:
    archive.adopt("041_c610aeb7e532462d.txt", b"imported")
    archive.reserve_through(41)
    name = archive.store(canonical_text("新", ["文章"]))
    assert name.startswith("042_")


def test_sequence_recovers_from_files_when_counter_is_missing(tmp_path: Path) -> None:
    (tmp_path / "007_0000000000000000.txt").write_text("x", encoding="utf-8")
    assert Archive(tmp_path).allocate() == 8


def _allocate_many(path: str, count: int, queue: multiprocessing.Queue[list[int]]) -> None:
    archive = Archive(Path(path))
    queue.put([archive.allocate() for _ in range(count)])


def test_two_processes_never_share_a_sequence_number(tmp_path: Path) -> None:
    queue: multiprocessing.Queue[list[int]] = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=_allocate_many, args=(str(tmp_path), 200, queue)) for _ in range(3)]
    for worker in workers:
        worker.start()
    numbers = [n for _ in workers for n in queue.get(timeout=60)]
    for worker in workers:
        worker.join()
    assert sorted(numbers) == list(range(600))
