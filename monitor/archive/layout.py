"""Moving an archive between its layouts, and writing it out in the flat seed format.

``relayout`` moves every file of an archive into the layout asked for
(``flat``: all in the archive directory; ``sharded``: in the subdirectory of
its hash's first two hex digits), each by one rename, so a file is always
whole in one place.  It looks for files in both places whatever the archive
says it is, and writes the layout last, so a run that was interrupted is
finished by running it again.  Run it with the daemon and the workers
stopped: a crawl storing meanwhile would write in the old layout.

``export_flat`` writes every file, under its own name, into one directory
in the flat ``NNN_<16 hex>.txt`` format of the seeds, which ``signwatch
import`` reads.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from monitor.archive.files import FLAT, LAYOUT_FILE, LAYOUTS, SHARDED, Archive, parse_name
from monitor.errors import ArchiveError

_SHARD = re.compile(r"^[0-9a-f]{2}$")


def _scattered(root: Path) -> list[tuple[Path, str]]:
    """Every archive file in ``root`` or one of its shard directories: (the directory it is in, its name)."""
    found: list[tuple[Path, str]] = []
    for entry in sorted(os.listdir(root)):
        if parse_name(entry) is not None:
            found.append((root, entry))
        elif _SHARD.match(entry) and (root / entry).is_dir():
            found.extend((root / entry, name) for name in sorted(os.listdir(root / entry)) if parse_name(name))
    return found


def relayout(path: Path, layout: str) -> int:
    """Move the archive at ``path`` into ``layout``; how many files moved (0 when it already was)."""
    if layout not in LAYOUTS:
        raise ArchiveError(f"unknown archive layout {layout!r} (expected flat or sharded)")
    Archive(path)  # created when missing; an unreadable layout file is an error here, before anything moves
    moved = 0
    try:
        for directory, name in _scattered(path):
            target = path / name[name.index("_") + 1 :][:2] / name if layout == SHARDED else path / name
            if target.parent == directory:
                continue
            target.parent.mkdir(exist_ok=True)
            if target.exists():  # the same name in both places: the one in place is kept
                raise ArchiveError(f"{name} is both in {directory} and in {target.parent}; remove one of them")
            os.rename(directory / name, target)
            moved += 1
        if layout == SHARDED:
            (path / LAYOUT_FILE).write_text(SHARDED + "\n", encoding="ascii")
        else:
            (path / LAYOUT_FILE).unlink(missing_ok=True)  # a directory without it is flat
            for entry in os.listdir(path):
                if _SHARD.match(entry) and (path / entry).is_dir() and not os.listdir(path / entry):
                    (path / entry).rmdir()
    except OSError as error:
        raise ArchiveError(f"cannot move the archive's files to {layout}: {error}") from None
    return moved


def export_flat(archive: Archive, directory: Path) -> int:
    """Copy every archive file into ``directory`` under its own name (flat seed format); how many were copied.

    A file already there under the same name with the same size is left
    as it is, so an interrupted export is finished by running it again.
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
        copied = 0
        for parsed in archive.files():
            source, target = archive.file_path(parsed.name), directory / parsed.name
            if target.exists() and target.stat().st_size == source.stat().st_size:
                continue
            temporary = directory / f".tmp-{parsed.name}"
            shutil.copyfile(source, temporary)
            os.replace(temporary, target)
            copied += 1
    except OSError as error:
        raise ArchiveError(f"cannot export the archive to {directory}: {error}") from None
    return copied


__all__ = ["FLAT", "SHARDED", "export_flat", "relayout"]
