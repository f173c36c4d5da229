"""The pass lock: one ``signwatch run`` at a time per data directory.

An exclusive ``flock`` on a file: the kernel releases it when its holder
exits, however it exits, so a lock left by a killed process is simply free
again — no stale-PID guessing.  The file records who holds it, for the message
the second pass prints.
"""

from __future__ import annotations

import fcntl
import os
import socket
from pathlib import Path
from types import TracebackType

from monitor.errors import PassLocked


class PassLock:
    """A non-blocking exclusive lock on ``path``, used as a context manager."""

    def __init__(self, path: Path) -> None:
        """Prepare the lock file at ``path`` (created on entry)."""
        self.path = path
        self._handle: int | None = None

    def __enter__(self) -> PassLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 200, 0).decode("utf-8", "replace").strip() or "another process"
            os.close(handle)
            raise PassLocked(f"another signwatch pass is running ({holder}); not starting a second one") from None
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"pid {os.getpid()} on {socket.gethostname()}\n".encode(), 0)
        self._handle = handle
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._handle is not None:
            os.ftruncate(self._handle, 0)
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            os.close(self._handle)
            self._handle = None
