"""``signwatch archive verify``: check every archive file against its name and the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from monitor.archive import Archive
from monitor.canonical import content_hash
from monitor.ingest import decompress
from monitor.store import Article, Database, RawPage


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
    """Check names against contents; imported files must equal the page stored at import."""
    report = VerifyReport()
    with db.session() as session:
        stored: dict[str, int] = {name: id_ for name, id_ in session.execute(select(Article.archive_name, Article.id))}
        on_disk = set()
        for parsed in archive.files():
            name = parsed.name
            on_disk.add(name)
            try:
                data = (archive.path / name).read_bytes()
            except OSError as error:
                report.problems.append({"file": name, "reason": f"unreadable: {error.strerror}"})
                continue
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                report.problems.append({"file": name, "reason": "not valid UTF-8"})
                continue
            if content_hash(text) == parsed.content_hash:
                report.verified += 1
                continue
            # An imported file keeps the hash another tool gave it: it is
            # right when it still holds exactly what was imported.
            article_id = stored.get(name)
            raw = session.get(RawPage, article_id) if article_id is not None else None
            if raw is not None and raw.kind == "text" and decompress(raw.compressed) == data:
                report.imported += 1
            else:
                report.problems.append({"file": name, "reason": "content does not match the hash in its name"})
        for name in sorted(set(stored) - on_disk):
            report.problems.append({"file": name, "reason": "in the store but missing from the archive"})
    return report
