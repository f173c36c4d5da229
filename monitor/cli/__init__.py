"""The ``signwatch`` command: thin over the modules of ``monitor``."""

from __future__ import annotations

import sys

from monitor.cli.app import app
from monitor.errors import SignwatchError

# Command modules register themselves on ``app`` when imported.
from monitor.cli import archive_commands  # noqa: F401  isort: skip
from monitor.cli import clean_commands  # noqa: F401  isort: skip
from monitor.cli import events_commands  # noqa: F401  isort: skip
from monitor.cli import crawl_commands  # noqa: F401  isort: skip
from monitor.cli import run_commands  # noqa: F401  isort: skip
from monitor.cli import alerts_commands  # noqa: F401  isort: skip
from monitor.cli import cluster_commands  # noqa: F401  isort: skip

__all__ = ["app", "main"]


def main() -> None:
    """Entry point: run the app, turning signwatch errors into one line and status 2."""
    try:
        # Click handles usage errors itself (status 2); our own errors arrive here.
        app()
    except SignwatchError as error:
        # One line, never wrapped or styled: scripts and journald read it.
        sys.stderr.write(f"signwatch: error: {' '.join(str(error).split())}\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.stderr.write("signwatch: interrupted\n")
        sys.exit(130)
