"""``signwatch archive verify``: check every archive file against its name and the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from monitor.archive.files import Archive
from monitor.archive.importer import file_hash
from monitor.store import Article, Database


@dataclass
class VerifyReport:
    """Files whose name matches their content, imported files kept as they came, problems."""

    verified: int = 0
    imported: int = 0
    problems: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` shape."""
        return {"verified": self.verified, "imported": self.imported, "problems": self.problems}


def verify_archive(archive: Archive, db: Database) -> VerifyReport:
    """Check names against contents; imported files must still hash as they did at import."""
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
            data = (archive.path / name).read_bytes()
        except OSError as error:
            report.problems.append({"file": name, "reason": f"unreadable: {error.strerror}"})
            continue
        digest = file_hash(data)
        if digest == parsed.content_hash:
            report.verified += 1
        elif stored.get(name) == digest:
            # An imported file keeps the hash another tool gave it: it is
            # right when it still holds exactly the bytes that were imported.
            report.imported += 1
        else:
            report.problems.append({"file": name, "reason": "content does not match the hash in its name"})
    for name in sorted(set(stored) - on_disk):
        report.problems.append({"file": name, "reason": "in the store but missing from the archive"})
    return report
