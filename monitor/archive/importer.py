"""``signwatch import DIR``: bring an existing archive in the seed format into the store.

Import is two stages.  Storing: a file whose name's hash is already known
is skipped without being opened, so a second import of the same archive costs
a directory listing and a set lookup per file; a new name is read, checked
(UTF-8, not empty), and skipped as a duplicate when its bytes equal a known
article's file; the rest are stored and copied into the archive under their
own names.  Analysis (cleaning, extraction) then runs over the new articles
in worker processes (monitor.archive.analysis).  Bad files are listed with their
reason; nothing aborts the rest.

Two imports of one directory at once both see the same files as new; their
rows go in with ``INSERT … ON CONFLICT DO NOTHING``, so the second to insert
an article skips it and counts it as a duplicate: together they count each
file new exactly once, and neither fails.  Their analyses would then work on
the same pending articles at once (filing each one's events twice, or
deadlocking on PostgreSQL), so ``signwatch import`` and ``reprocess`` hold
the archive's ``analysis_lock`` throughout: the second waits for the first.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from monitor.archive.canonical import HASH_LENGTH
from monitor.archive.files import Archive, ArchiveName, parse_name
from monitor.errors import ArchiveError, InputError
from monitor.store import Article, Database

BATCH_SIZE = 1000
ANALYSIS_LOCK = ".analysis.lock"


@dataclass
class ImportReport:
    """What an import did: counts, every file it refused and every file whose analysis failed, with the reason.

    ``failed`` files are stored but not analysed (cleaning, extraction or
    filing failed): they stay pending, and the next import or reprocess
    tries them again.
    """

    new: int = 0
    duplicate: int = 0
    invalid: list[dict[str, str]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` shape: ``{"new", "duplicate", "invalid", "failed"}``, the lists ``[{"file", "reason"}]``."""
        return {"new": self.new, "duplicate": self.duplicate, "invalid": self.invalid, "failed": self.failed}


@dataclass(frozen=True)
class _Accepted:
    name: ArchiveName
    data: bytes
    text: str
    file_hash: str


@contextmanager
def analysis_lock(archive: Archive, *, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the archive's analysis lock (an exclusive ``flock``), waiting for it when another holds it.

    ``on_wait`` is called once when the wait begins (to say so).  The kernel
    releases the lock when its holder exits, however it exits.
    """
    try:
        handle = os.open(archive.path / ANALYSIS_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise ArchiveError(f"cannot open {archive.path / ANALYSIS_LOCK}: {error.strerror}") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing the descriptor releases the lock


def list_candidates(directory: Path) -> list[str]:
    """The entries of an archive directory worth looking at, in name order."""
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory")
    try:
        entries = os.listdir(directory)
    except OSError as error:
        raise InputError(f"{directory}: cannot list: {error.strerror}") from None
    # Dot files (our own .sequence, .lock, editor droppings) are not articles.
    return sorted(name for name in entries if not name.startswith("."))


def file_hash(data: bytes) -> str:
    """The hash of a file's bytes, in the content-hash format."""
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def import_archive(
    db: Database,
    archive: Archive,
    directory: Path,
    *,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Store every new archive file in ``directory``; analysis is left pending."""
    report = ImportReport()
    names = list_candidates(directory)
    with db.session() as session:
        known_names = set(session.scalars(select(Article.content_hash)))
        known_files = set(session.scalars(select(Article.file_hash)))
    pending: list[_Accepted] = []
    highest = -1
    for index, name in enumerate(names, start=1):
        accepted = _consider(directory, name, known_names, known_files, report)
        if accepted is not None:
            pending.append(accepted)
            highest = max(highest, accepted.name.sequence)
        if len(pending) >= BATCH_SIZE:
            _store(db, archive, pending, report)
        if progress is not None:
            progress(index)
    _store(db, archive, pending, report)
    if highest >= 0:
        archive.reserve_through(highest)
    return report


def _store(db: Database, archive: Archive, pending: list[_Accepted], report: ImportReport) -> None:
    """Store a batch; a file another import stored meanwhile is counted a duplicate instead of new."""
    if not pending:
        return
    # Files first: a crash after this leaves archive files without rows,
    # which the next import simply stores; never rows without files.
    for item in pending:
        archive.adopt(item.name.name, item.data)
    rows = [
        {
            "content_hash": item.name.content_hash,
            "file_hash": item.file_hash,
            "archive_name": item.name.name,
            "sequence": item.name.sequence,
            # The file's text is the raw page: raw_text keeps it, so no RawPage row.
            "raw_text": item.text,
            "clean_text": "",
        }
        for item in pending
    ]
    with db.session() as session:
        inserted = set(session.scalars(_insert_new(session).returning(Article.archive_name), rows))
    lost = len(pending) - len(inserted)
    report.new -= lost
    report.duplicate += lost
    pending.clear()


def _insert_new(session: Session) -> Insert:
    """An INSERT of articles that skips rows whose hash or name another writer stored first."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(Article).on_conflict_do_nothing()
    return sqlite.insert(Article).on_conflict_do_nothing()


def _consider(
    directory: Path,
    name: str,
    known_names: set[str],
    known_files: set[str],
    report: ImportReport,
) -> _Accepted | None:
    parsed = parse_name(name)
    if parsed is None:
        report.invalid.append({"file": name, "reason": "malformed name (expected NNN_<16 hex>.txt)"})
        return None
    if parsed.content_hash in known_names:
        report.duplicate += 1
        return None
    try:
        data = (directory / name).read_bytes()
    except IsADirectoryError:
        report.invalid.append({"file": name, "reason": "is a directory"})
        return None
    except OSError as error:
        report.invalid.append({"file": name, "reason": f"unreadable: {error.strerror}"})
        return None
    if not data.strip():
        report.invalid.append({"file": name, "reason": "empty"})
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        report.invalid.append({"file": name, "reason": f"not valid UTF-8 (byte {error.start})"})
        return None
    digest = file_hash(data)
    if digest in known_files:
        report.duplicate += 1
        return None
    known_names.add(parsed.content_hash)
    known_files.add(digest)
    report.new += 1
    return _Accepted(parsed, data, text, digest)
