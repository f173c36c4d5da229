"""The content-hash archive: one ``NNN_<16 hex>.txt`` file per distinct article.

``NNN`` is a sequence number, zero-padded to three digits and growing past
999, that is never reused, also when several processes write at once (the
next number lives in ``.sequence``, changed only under an exclusive
``flock`` on that file).  ``<16 hex>`` is the content hash of the canonical text the file
holds (see ``monitor.archive.canonical``).  Files are written to a temporary name and
renamed into place, so a reader never sees half a file.

Imported archives keep their own names: their hash was made by another tool
and is kept as the article's identity.
"""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from monitor.archive.canonical import content_hash
from monitor.errors import ArchiveError

ARCHIVE_NAME = re.compile(r"^(?P<sequence>\d{3,})_(?P<hash>[0-9a-f]{16})\.txt$")
SEQUENCE_FILE = ".sequence"


@dataclass(frozen=True)
class ArchiveName:
    """A parsed archive file name."""

    sequence: int
    content_hash: str

    @property
    def name(self) -> str:
        """The file name, ``NNN_<hash>.txt``."""
        return format_name(self.sequence, self.content_hash)


def format_name(sequence: int, digest: str) -> str:
    """The archive file name for a sequence number and a content hash."""
    return f"{sequence:03d}_{digest}.txt"


def parse_name(name: str) -> ArchiveName | None:
    """Parse ``NNN_<16 hex>.txt``; None when the name is not in that form."""
    match = ARCHIVE_NAME.match(name)
    if match is None:
        return None
    return ArchiveName(int(match["sequence"]), match["hash"])


class Archive:
    """A directory of archive files."""

    def __init__(self, path: Path) -> None:
        """Use (and create when needed) the archive directory ``path``."""
        self.path = path
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ArchiveError(f"cannot create archive directory {path}: {error.strerror}") from None
        self._by_hash: dict[str, str] | None = None

    def __repr__(self) -> str:
        return f"Archive({str(self.path)!r})"

    @contextmanager
    def _counter(self) -> Iterator[int]:
        """The open ``.sequence`` file, exclusively locked for the block.

        The counter is rewritten in place under the lock rather than by
        rename: it is one short line, and if a crash ever left it unreadable
        the next number is recovered from the file names, which only grow.
        """
        try:
            handle = os.open(self.path / SEQUENCE_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise ArchiveError(f"cannot open {self.path / SEQUENCE_FILE}: {error.strerror}") from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield handle
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            os.close(handle)

    def _read_next(self, handle: int) -> int:
        raw = os.pread(handle, 32, 0).decode("ascii", "replace").strip()
        if raw.isdigit():
            return int(raw)
        # A new archive, or one copied in without its counter: continue
        # after the highest number present.
        numbers = [parsed.sequence for parsed in map(parse_name, os.listdir(self.path)) if parsed]
        return max(numbers, default=-1) + 1

    @staticmethod
    def _write_next(handle: int, value: int) -> None:
        data = f"{value}\n".encode("ascii")
        os.pwrite(handle, data, 0)
        os.ftruncate(handle, len(data))

    def allocate(self) -> int:
        """Take the next sequence number; it is never handed out again."""
        with self._counter() as handle:
            sequence = self._read_next(handle)
            self._write_next(handle, sequence + 1)
        return sequence

    def reserve_through(self, sequence: int) -> None:
        """Make sure later allocations come after ``sequence`` (used after imports)."""
        with self._counter() as handle:
            self._write_next(handle, max(self._read_next(handle), sequence + 1))

    def _atomic_write(self, name: str, data: bytes) -> None:
        try:
            descriptor, temporary = tempfile.mkstemp(prefix=".tmp-", dir=self.path)
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(data)
                os.replace(temporary, self.path / name)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            raise ArchiveError(f"cannot write {self.path / name}: {error.strerror}") from None

    def names_by_hash(self) -> dict[str, str]:
        """Map content hash → file name for every archive file (read once, then kept)."""
        if self._by_hash is None:
            self._by_hash = {}
            for name in os.listdir(self.path):
                parsed = parse_name(name)
                if parsed is not None:
                    self._by_hash.setdefault(parsed.content_hash, name)
        return self._by_hash

    def store(self, canonical: str) -> str:
        """Archive a canonical text under a new sequence number; return the file name.

        A text whose hash is already archived (say, by a run that crashed
        before its database commit) is not written twice: its name is returned.
        """
        digest = content_hash(canonical)
        existing = self.names_by_hash().get(digest)
        if existing is not None and (self.path / existing).exists():
            return existing
        name = format_name(self.allocate(), digest)
        self._atomic_write(name, canonical.encode("utf-8"))
        self.names_by_hash()[digest] = name
        return name

    def adopt(self, name: str, data: bytes) -> None:
        """Copy an imported file in under its own name (its identity is kept)."""
        parsed = parse_name(name)
        if parsed is None:
            raise ArchiveError(f"{name}: not an archive file name")
        if not (self.path / name).exists():
            self._atomic_write(name, data)
        self.names_by_hash().setdefault(parsed.content_hash, name)

    def read(self, name: str) -> str:
        """The text of an archive file."""
        try:
            return (self.path / name).read_text(encoding="utf-8")
        except OSError as error:
            raise ArchiveError(f"cannot read {self.path / name}: {error.strerror}") from None

    def files(self) -> list[ArchiveName]:
        """Every archive file, in sequence order."""
        parsed = [p for p in map(parse_name, os.listdir(self.path)) if p is not None]
        return sorted(parsed, key=lambda p: (p.sequence, p.content_hash))
