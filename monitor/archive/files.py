"""The content-hash archive: one ``NNN_<16 hex>.txt`` file per distinct article.

``NNN`` is a sequence number, zero-padded to three digits and growing past
999, that is never reused, also when several processes write at once (the
next number lives in ``.sequence``, changed only under an exclusive
``flock`` on that file).  ``<16 hex>`` is the content hash of the canonical text the file
holds (see ``monitor.archive.canonical``).  Files are written to a temporary name and
renamed into place, so a reader never sees half a file.

Imported archives keep their own names: their hash was made by another tool
and is kept as the article's identity.

Two layouts.  ``flat`` (the seeds' own, and the default): every file in the
archive directory.  ``sharded``: each file in the subdirectory named by the
first two hex digits of its hash (``3f/012_3fa9….txt``), so no directory
holds more than a 256th of the archive and finding whether a hash is already
archived lists one small directory, not all of them.  The layout is written
in the archive (``.layout``; a directory without it is flat), so every
process that opens the archive, whatever started it, uses the same one.
File names are the same in both: import reads, and export writes, the flat
seed format.
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
LAYOUT_FILE = ".layout"
FLAT, SHARDED = "flat", "sharded"
LAYOUTS = (FLAT, SHARDED)
_SHARD = re.compile(r"^[0-9a-f]{2}$")


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

    def __init__(self, path: Path, layout: str | None = None) -> None:
        """Use (and create when needed) the archive directory ``path``.

        ``layout`` (``flat`` or ``sharded``, from ``[archive] layout``) is the
        one a new archive gets; an archive that has files keeps its own, and
        asking it for another is an ArchiveError (``signwatch archive
        relayout`` moves the files).  None: the archive's own layout.
        """
        self.path = path
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ArchiveError(f"cannot create archive directory {path}: {error.strerror}") from None
        self._by_hash: dict[str, str] | None = None
        self.layout = self._layout(layout)

    def _layout(self, wanted: str | None) -> str:
        """The archive's layout: as written in it, else flat when it has files, else ``wanted``."""
        if wanted is not None and wanted not in LAYOUTS:
            raise ArchiveError(f"unknown archive layout {wanted!r} (expected flat or sharded)")
        try:
            found = (self.path / LAYOUT_FILE).read_text(encoding="ascii").strip()
        except FileNotFoundError:
            found = FLAT if self._has_flat_files() else ""
        except OSError as error:
            raise ArchiveError(f"cannot read {self.path / LAYOUT_FILE}: {error.strerror}") from None
        if found and found not in LAYOUTS:
            raise ArchiveError(f"{self.path / LAYOUT_FILE}: unknown archive layout {found!r}")
        if found and wanted is not None and found != wanted:
            raise ArchiveError(
                f"archive {self.path} is {found}, the config asks for {wanted}: "
                f"run `signwatch archive relayout {wanted}` to move its files"
            )
        layout = found or wanted or FLAT
        if not found and layout == SHARDED:
            self._write_layout(SHARDED)
        return layout

    def _has_flat_files(self) -> bool:
        with os.scandir(self.path) as entries:
            return any(parse_name(entry.name) is not None for entry in entries)

    def _write_layout(self, layout: str) -> None:
        try:
            (self.path / LAYOUT_FILE).write_text(layout + "\n", encoding="ascii")
        except OSError as error:
            raise ArchiveError(f"cannot write {self.path / LAYOUT_FILE}: {error.strerror}") from None

    def file_path(self, name: str) -> Path:
        """Where the archive file ``name`` lives in this archive's layout."""
        if self.layout == SHARDED:
            parsed = parse_name(name)
            if parsed is not None:
                return self.path / parsed.content_hash[:2] / name
        return self.path / name

    def names(self) -> Iterator[str]:
        """The name of every archive file (in directory order)."""
        if self.layout == FLAT:
            yield from (name for name in os.listdir(self.path) if parse_name(name) is not None)
            return
        for shard in sorted(os.listdir(self.path)):
            if _SHARD.match(shard) and (self.path / shard).is_dir():
                yield from (name for name in os.listdir(self.path / shard) if parse_name(name) is not None)

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
        return max((parsed.sequence for parsed in map(parse_name, self.names()) if parsed), default=-1) + 1

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
        target = self.file_path(name)
        try:
            if target.parent != self.path:
                target.parent.mkdir(exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(data)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            raise ArchiveError(f"cannot write {target}: {error.strerror}") from None

    def names_by_hash(self) -> dict[str, str]:
        """Map content hash → file name for every archive file (read once, then kept)."""
        if self._by_hash is None:
            self._by_hash = {}
            for name in self.names():
                parsed = parse_name(name)
                if parsed is not None:
                    self._by_hash.setdefault(parsed.content_hash, name)
        return self._by_hash

    def _archived(self, digest: str) -> str | None:
        """The name of the file holding hash ``digest``, if one is archived.

        Flat: every name is read once and kept (one listing of the whole
        archive per process).  Sharded: the hash's own shard is listed, a
        256th of the archive, each time (another process may have added to it).
        """
        if self.layout == FLAT:
            return self.names_by_hash().get(digest)
        try:
            entries = os.listdir(self.path / digest[:2])
        except FileNotFoundError:
            return None
        except OSError as error:
            raise ArchiveError(f"cannot list {self.path / digest[:2]}: {error.strerror}") from None
        return next((name for name in sorted(entries) if (p := parse_name(name)) and p.content_hash == digest), None)

    def store(self, canonical: str) -> str:
        """Archive a canonical text under a new sequence number; return the file name.

        A text whose hash is already archived (say, by a run that crashed
        before its database commit) is not written twice: its name is returned.
        """
        digest = content_hash(canonical)
        existing = self._archived(digest)
        if existing is not None and self.file_path(existing).exists():
            return existing
        name = format_name(self.allocate(), digest)
        self._atomic_write(name, canonical.encode("utf-8"))
        if self._by_hash is not None:
            self._by_hash[digest] = name
        return name

    def adopt(self, name: str, data: bytes) -> None:
        """Copy an imported file in under its own name (its identity is kept)."""
        parsed = parse_name(name)
        if parsed is None:
            raise ArchiveError(f"{name}: not an archive file name")
        if not self.file_path(name).exists():
            self._atomic_write(name, data)
        if self._by_hash is not None:
            self._by_hash.setdefault(parsed.content_hash, name)

    def read(self, name: str) -> str:
        """The text of an archive file."""
        try:
            return self.file_path(name).read_text(encoding="utf-8")
        except OSError as error:
            raise ArchiveError(f"cannot read {self.file_path(name)}: {error.strerror}") from None

    def files(self) -> list[ArchiveName]:
        """Every archive file, in sequence order."""
        parsed = [p for p in map(parse_name, self.names()) if p is not None]
        return sorted(parsed, key=lambda p: (p.sequence, p.content_hash))
