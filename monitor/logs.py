"""Logging for ``run``, the daemon and the workers: one line per event on stderr (cron's log, journald).

Every record is one line, whatever wrote it: a message that spans lines
(Scrapy's settings and stats dumps, a warning with its source line) is
joined, and an exception is told by its type, its message and where it was
raised (the innermost frame of signwatch's own code), not a traceback.
Libraries are held to what an operator needs: Alembic says nothing unless
something is wrong (signwatch logs the migrations it applies itself), nor
does APScheduler; Apprise only warns.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"

# The levels a log can be set to, least first (``signwatch worker --log-level``).
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

# The folder holding the monitor and crawler packages: frames under it are ours.
_ROOT = Path(__file__).resolve().parent.parent
_OURS = tuple(str(_ROOT / package) for package in ("monitor", "crawler"))

# Libraries' loggers and the least level of theirs that reaches the log.
QUIET_LOGGERS = {
    # Every command opens the store, and Alembic logs 9 INFO lines doing so
    # (plugins set up, "Context impl SQLiteImpl") even when there is nothing to migrate.
    "alembic": logging.WARNING,
    # APScheduler logs every job start and stop, and warns each time a source's
    # crawl is skipped because the last one still runs (expected: runs coalesce).
    "apscheduler": logging.ERROR,
    # Apprise logs two lines per message sent; the dispatcher logs one per pass.
    "apprise": logging.WARNING,
}


def one_line(text: str) -> str:
    """``text`` with its lines joined by single spaces (blank lines dropped)."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def describe_exception(
    kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
) -> str:
    """An exception in one line: ``ValueError: bad (at monitor/text/clean.py:88 in clean_html)``."""
    name = kind.__name__ if kind is not None else "Exception"
    text = f"{name}: {one_line(str(error))}" if error is not None and str(error) else name
    frames = traceback.extract_tb(trace) if trace is not None else []
    ours = [frame for frame in frames if frame.filename.startswith(_OURS)]
    if not (ours or frames):
        return text
    frame = (ours or frames)[-1]
    path = Path(frame.filename)
    shown = path.relative_to(_ROOT) if path.is_relative_to(_ROOT) else Path(path.name)
    return f"{text} (at {shown.as_posix()}:{frame.lineno} in {frame.name})"


class OneLineFormatter(logging.Formatter):
    """``FORMAT``, with every record on one line (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__(FORMAT, datefmt=DATE_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line."""
        record.message = one_line(record.getMessage())
        record.asctime = self.formatTime(record, self.datefmt)
        line = self.formatMessage(record)
        if record.exc_info and record.exc_info[0] is not None:
            line += " | " + describe_exception(*record.exc_info)
        return line


class QuietLibraries(logging.Filter):
    """Let a library's record through only at its least level (by logger name and its children)."""

    def __init__(self, least: Mapping[str, int]) -> None:
        super().__init__()
        # Longest names first: "scrapy.middleware" decides before "scrapy".
        self.least = sorted(least.items(), key=lambda item: -len(item[0]))

    def filter(self, record: logging.LogRecord) -> bool:
        """Whether the record is worth a line."""
        for name, level in self.least:
            if record.name == name or record.name.startswith(name + "."):
                return record.levelno >= level
        return True


def setup_logging(level: str = "INFO", *, quiet: Mapping[str, int] | None = None) -> None:
    """Send log lines at ``level`` and above to stderr, one per event, libraries held to what matters.

    ``quiet`` adds loggers (and their least level) to ``QUIET_LOGGERS``.
    The handler filters, rather than the loggers' levels being set: Scrapy
    resets its loggers' levels when it starts, a filter stays.
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter())
    # On the handler too: Scrapy sets its own loggers to DEBUG, and a
    # record goes to the root's handlers whatever the root's level is.
    handler.setLevel(level)
    handler.addFilter(QuietLibraries({**QUIET_LOGGERS, **(quiet or {})}))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
