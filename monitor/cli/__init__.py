"""The ``signwatch`` command: thin over the modules of ``monitor``."""

from __future__ import annotations

import os
import sys

import typer
import typer.main

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
from monitor.cli import projects  # noqa: F401  isort: skip
from monitor.cli import crawl  # noqa: F401  isort: skip
from monitor.cli import sources  # noqa: F401  isort: skip
from monitor.cli import mirror  # noqa: F401  isort: skip
from monitor.cli import run  # noqa: F401  isort: skip
from monitor.cli import daemon  # noqa: F401  isort: skip
from monitor.cli import demo  # noqa: F401  isort: skip
from monitor.cli import subscribe  # noqa: F401  isort: skip
from monitor.cli import alerts  # noqa: F401  isort: skip
from monitor.cli import workers  # noqa: F401  isort: skip
from monitor.cli import serve  # noqa: F401  isort: skip

__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; every mistake is one ``signwatch: error:`` line and status 2.

    Usage errors (an unknown option or command, a value out of range) come
    from Click, our own errors are SignwatchErrors: both end the same way,
    never as a traceback or a framed box.
    """
    command = typer.main.get_command(app)
    try:
        status = command.main(args=argv, prog_name="signwatch", standalone_mode=False)
    except typer.TyperException as error:
        status = _usage_error(error)
    except SignwatchError as error:
        _error_line(str(error))
        status = 2
    except KeyboardInterrupt:
        sys.stderr.write("signwatch: interrupted\n")
        status = 130
    except BrokenPipeError:
        # The reader went away (``| head``): what it wanted it has; say nothing
        # more, and end with status 1 as Click does when a command's write meets it.
        _silence_stdout()
        status = 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    sys.exit(status if isinstance(status, int) else 0)


def _error_line(message: str) -> None:
    # One line, never wrapped or styled: scripts and journald read it.
    sys.stderr.write(f"signwatch: error: {' '.join(message.split())}\n")


def _usage_error(error: typer.TyperException) -> int:
    """Tell a usage error in one line (a bare group prints its help); the exit status."""
    context = getattr(error, "ctx", None)
    if context is not None and error.format_message() == context.get_help():
        # A group called with no command: its help is what the user needs.
        sys.stdout.write(context.get_help() + "\n")
        return 2
    message = error.format_message().strip().rstrip(".")
    if message[:2].istitle():  # "No such option" reads as the rest of the line does
        message = message[0].lower() + message[1:]
    if context is not None and context.command_path != "signwatch":
        # Which command the mistake belongs to, and where its options are listed.
        path = context.command_path.removeprefix("signwatch ")
        message = f"{path}: {message} (see signwatch {path} --help)"
    elif context is not None:
        message = f"{message} (see signwatch --help)"
    _error_line(message)
    return 2


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; pointing it at /dev/null keeps
    # that flush from raising a second BrokenPipeError.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
