"""What runs on this machine, read from /proc: crawl processes of a config and a process's tree.

Shared by the tests of crawl children (one per batch) and of the daemon's
long-lived crawl processes (``--serve``).
"""

from __future__ import annotations

from pathlib import Path


def _state_and_parent(pid: int) -> tuple[str, int]:
    """A process's state letter and its parent's pid (OSError when it is gone)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()
    return fields[0], int(fields[1])


def crawl_processes(config: Path, *, serve: bool = False) -> set[int]:
    """Live crawl processes (``crawler.run``) working on ``config``; ``serve``: only long-lived ones (``--serve``).

    A zombie is no crawl: it is dead, only not yet waited for.
    """
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            state, _parent = _state_and_parent(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
        if b"crawler.run" not in command or str(config).encode() not in command or state == "Z":
            continue
        if serve and b"--serve" not in command:
            continue
        found.add(int(entry.name))
    return found


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (children, theirs, ...), whichever thread started them."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            state, parent = _state_and_parent(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
        if state != "Z":
            parents.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def zombie_or_gone(pid: int) -> bool:
    """The process has ended (a zombie not yet waited for, or reaped)."""
    try:
        return _state_and_parent(pid)[0] == "Z"
    except (OSError, IndexError, ValueError):
        return True
