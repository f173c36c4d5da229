"""Logging for the daemon and passes: one line per event on stderr (journald reads it)."""

from __future__ import annotations

import logging
import sys

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(level: str = "INFO") -> None:
    """Send signwatch's log lines to stderr, one per event, without tracebacks of noisy libraries."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT, datefmt="%Y-%m-%dT%H:%M:%S%z"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # APScheduler logs every job start and stop, and warns each time a source's
    # crawl is skipped because the last one still runs (expected: runs coalesce).
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    # Apprise logs two lines per message sent; the dispatcher logs one per pass.
    logging.getLogger("apprise").setLevel(logging.WARNING)
