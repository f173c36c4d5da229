"""The ``signwatch`` command: thin over the modules of ``monitor``."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable

import typer
import typer.main

from monitor.cli.app import app
from monitor.errors import SignwatchError

# The command modules, in the order of ``--help``, with the commands (or
# command groups) each registers on ``app`` when imported.  A run imports
# only the module of the command it was asked for: the others pull in the
# extraction, Apprise and the workbench, and every process the daemon, cron
# or a test starts would pay for them.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "import_reprocess": ("import", "reprocess"),
    "articles": ("articles",),
    "db": ("db",),
    "archive": ("archive",),
    "clean": ("clean",),
    "extract": ("extract",),
    "events": ("events",),
    "projects": ("projects", "project"),
    "crawl": ("crawl",),
    "sources": ("sources",),
    "mirror": ("mirror",),
    "run": ("run",),
    "daemon": ("daemon",),
    "demo": ("demo",),
    "subscribe": ("subscribe",),
    "alerts": ("alerts",),
    "workers": ("workers", "worker", "cluster"),
    "serve": ("serve",),
}
# Options of the app itself that take a value: the word after them is no command.
_GLOBAL_VALUE_OPTIONS = ("--config", "-c")


def load_commands(modules: Iterable[str] | None = None) -> None:
    """Import the command modules named (all of them when None), which registers their commands."""
    for module in COMMAND_MODULES if modules is None else modules:
        importlib.import_module(f"monitor.cli.{module}")


def loaded_app() -> typer.Typer:
    """The app with every command registered (for ``--help``, documentation and in-process tests)."""
    load_commands()
    return app


def command_module(argv: list[str]) -> str | None:
    """The module holding the command ``argv`` asks for, or None (no command, ``--help``, a word we don't know)."""
    words = iter(argv)
    for word in words:
        if word in _GLOBAL_VALUE_OPTIONS:
            next(words, None)
        elif not word.startswith("-"):
            return next((m for m, names in COMMAND_MODULES.items() if word in names), None)
    return None


__all__ = ["COMMAND_MODULES", "app", "command_module", "load_commands", "loaded_app", "main"]


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; every mistake is one ``signwatch: error:`` line and status 2.

    Usage errors (an unknown option or command, a value out of range) come
    from Click, our own errors are SignwatchErrors: both end the same way,
    never as a traceback or a framed box.
    """
    arguments = sys.argv[1:] if argv is None else argv
    module = command_module(arguments)
    load_commands(None if module is None else (module,))
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
