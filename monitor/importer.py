"""``signwatch import DIR``: bring an existing archive in the seed format into the store.

A file is skipped without being opened when its name's hash is already
known, so a second import of the same archive costs a directory listing and a
set lookup per file.  A new name is read, cleaned and checked against the
cleaned texts already stored (the same article under another name is a
duplicate).  Bad files are listed with their reason; nothing aborts the rest.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from monitor.archive import Archive, parse_name
from monitor.errors import InputError
from monitor.ingest import AfterStore, article_row, compress
from monitor.store import Article, Database, RawPage
from monitor.text import CleanArticle, clean_text

BATCH_SIZE = 500


@dataclass
class ImportReport:
    """What an import did: counts, and every file it refused with the reason."""

    new: int = 0
    duplicate: int = 0
    invalid: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` shape: ``{"new", "duplicate", "invalid": [{"file", "reason"}]}``."""
        return {"new": self.new, "duplicate": self.duplicate, "invalid": self.invalid}


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


def import_archive(
    db: Database,
    archive: Archive,
    directory: Path,
    *,
    after_store: tuple[AfterStore, ...] = (),
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import every archive file in ``directory``; ``progress`` is told of each file done."""
    report = ImportReport()
    names = list_candidates(directory)
    with db.session() as session:
        known_names = set(session.scalars(select(Article.content_hash)))
        known_texts = set(session.scalars(select(Article.text_hash)))
    pending: list[tuple[str, bytes, str, CleanArticle]] = []
    highest = -1

    def flush() -> None:
        nonlocal highest
        if not pending:
            return
        with db.session() as session:
            for name, data, text, article in pending:
                parsed = parse_name(name)
                assert parsed is not None
                row = article_row(
                    article,
                    archive_name=name,
                    content_hash=parsed.content_hash,
                    raw_text=text,
                    url=None,
                    fetched_at=None,
                    source=None,
                )
                row.raw_page = RawPage(kind="text", encoding="utf-8", site_type=None, compressed=compress(data))
                session.add(row)
                session.flush()
                for step in after_store:
                    step(session, row, article)
                highest = max(highest, parsed.sequence)
        for name, data, _text, _article in pending:
            archive.adopt(name, data)
        pending.clear()

    for index, name in enumerate(names, start=1):
        _consider(directory, name, known_names, known_texts, report, pending)
        if len(pending) >= BATCH_SIZE:
            flush()
        if progress is not None:
            progress(index)
    flush()
    if highest >= 0:
        archive.reserve_through(highest)
    return report


def _consider(
    directory: Path,
    name: str,
    known_names: set[str],
    known_texts: set[str],
    report: ImportReport,
    pending: list[tuple[str, bytes, str, CleanArticle]],
) -> None:
    parsed = parse_name(name)
    if parsed is None:
        report.invalid.append({"file": name, "reason": "malformed name (expected NNN_<16 hex>.txt)"})
        return
    if parsed.content_hash in known_names:
        report.duplicate += 1
        return
    path = directory / name
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        report.invalid.append({"file": name, "reason": "is a directory"})
        return
    except OSError as error:
        report.invalid.append({"file": name, "reason": f"unreadable: {error.strerror}"})
        return
    if not data.strip():
        report.invalid.append({"file": name, "reason": "empty"})
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        report.invalid.append({"file": name, "reason": f"not valid UTF-8 (byte {error.start})"})
        return
    article = clean_text(text)
    text_hash = article.content_hash
    if text_hash in known_texts:
        report.duplicate += 1
        return
    known_names.add(parsed.content_hash)
    known_texts.add(text_hash)
    pending.append((name, data, text, article))
    report.new += 1
