"""The ``signwatch`` command: thin over the modules of ``monitor``."""

from __future__ import annotations

import sys

from monitor.cli.app import app
from monitor.errors import SignwatchError

# Command modules register themselves on ``app`` when imported, each named
# after the command it holds; this order is the order of ``--help``.
from monitor.cli import import_reprocess  # noqa: F401  isort: skip
from monitor.cli import articles  # noqa: F401  isort: skip
from monitor.cli import db  # noqa: F401  isort: skip
from monitor.cli import archive  # noqa: F401  isort: skip
from monitor.cli import clean  # noqa: F401  isort: skip
from monitor.cli import extract  # noqa: F401  isort: skip
from monitor.cli import events  # noqa: F401  isort: skip
from monitor.cli import crawl  # noqa: F401  isort: skip
from monitor.cli import sources  # noqa: F401  isort: skip
from monitor.cli import mirror  # noqa: F401  isort: skip
from monitor.cli import run  # noqa: F401  isort: skip
from monitor.cli import daemon  # noqa: F401  isort: skip
from monitor.cli import demo  # noqa: F401  isort: skip
from monitor.cli import subscribe  # noqa: F401  isort: skip
from monitor.cli import alerts  # noqa: F401  isort: skip
from monitor.cli import workers  # noqa: F401  isort: skip

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
