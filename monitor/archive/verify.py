"""``signwatch archive verify``: check every archive file against its name and the store.

Three kinds of problem, each one line: a file whose content does not match
the hash in its name (or cannot be read); a file no article row names (an
orphan: left by a crawl killed between writing it and committing its row,
or by two crawls that stored one text at once); and an article row whose
file is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from monitor.archive.files import Archive
from monitor.archive.importer import file_hash
from monitor.store import Article, Database

MISMATCH = "content does not match the hash in its name"
NO_ROW = "in the archive but no article in the store names it"
NO_FILE = "in the store but missing from the archive"


@dataclass
class VerifyReport:
    """Files whose name matches their content, imported files kept as they came, problems."""

    verified: int = 0
    imported: int = 0
    problems: list[dict[str, str]] = field(default_factory=list)

    @property
    def files_without_rows(self) -> list[str]:
        """Archive files that no article row names."""
        return [p["file"] for p in self.problems if p["reason"] == NO_ROW]

    @property
    def rows_without_files(self) -> list[str]:
        """Archive names of article rows whose file is missing."""
        return [p["file"] for p in self.problems if p["reason"] == NO_FILE]

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` shape: counts, the two kinds of stray, and every problem with its reason."""
        return {
            "verified": self.verified,
            "imported": self.imported,
            "files_without_rows": self.files_without_rows,
            "rows_without_files": self.rows_without_files,
            "problems": self.problems,
        }


def verify_archive(archive: Archive, db: Database) -> VerifyReport:
    """Check names against contents (imported files must still hash as they did at import) and files against rows."""
    report = VerifyReport()
    with db.session() as session:
        stored: dict[str, str] = {
            name: digest for name, digest in session.execute(select(Article.archive_name, Article.file_hash))
        }
    on_disk = set()
    for parsed in archive.files():
        name = parsed.name
        on_disk.add(name)
        try:
            data = archive.file_path(name).read_bytes()
        except OSError as error:
            report.problems.append({"file": name, "reason": f"unreadable: {error.strerror}"})
            continue
        digest = file_hash(data)
        if digest != parsed.content_hash and stored.get(name) != digest:
            report.problems.append({"file": name, "reason": MISMATCH})
        elif name not in stored:
            report.problems.append({"file": name, "reason": NO_ROW})
        elif digest == parsed.content_hash:
            report.verified += 1
        else:
            # An imported file keeps the hash another tool gave it: it is
            # right when it still holds exactly the bytes that were imported.
            report.imported += 1
    for name in sorted(set(stored) - on_disk):
        report.problems.append({"file": name, "reason": NO_FILE})
    return report
