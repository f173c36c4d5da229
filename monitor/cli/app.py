"""The ``signwatch`` Typer application and what every command shares.

Command modules, each named after the command it holds, register themselves
on ``app`` (or add a sub-Typer); the package ``__init__`` imports them all.
An invocation's state is one ``CliState``: the ``--config`` path, and the
settings and the store, loaded on first use.  The app's callback makes it
for each invocation and keeps it in a context variable (Typer vendors its
Click and offers no public way for a helper to reach the running context,
and a ``ctx`` parameter on every command would only pass it along).
Commands reach it through ``settings()`` and ``database()``, so config
errors, config warnings and first-use migrations are handled in one place.
"""

from __future__ import annotations

import json
import sys
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

import monitor
from monitor.cli.output import format_time, make_console

if TYPE_CHECKING:  # loaded on first use: a command that needs neither starts faster
    from datetime import datetime, tzinfo

    from monitor.archive.files import Archive
    from monitor.config import Settings
    from monitor.store import Database

app = typer.Typer(
    name="signwatch",
    help="Crawl Chinese investment-promotion news and alert on new signing events and investment figures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain Click help: it names flags as flags (rich help shows "--json <bool>").
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Off a terminal (cron's log, a pipe, journald) these never cut or wrap a line.
console = make_console()
err_console = make_console(stderr=True)


def warn(message: str) -> None:
    """Tell the user something on stderr in one line, as errors are told (``signwatch: warning: …``)."""
    sys.stderr.write(f"signwatch: warning: {' '.join(message.split())}\n")
    sys.stderr.flush()


def report_notices(loaded: Settings) -> None:
    """Print the notices loading the config left (a renamed table spelled the old way), one line each."""
    for notice in loaded.notices:
        warn(notice)


@dataclass
class CliState:
    """One invocation's state: the ``--config`` given, and the settings and store once loaded."""

    config_path: Path | None = None
    loaded_settings: Settings | None = None
    opened_database: Database | None = None

    def settings(self) -> Settings:
        """The settings, loaded (and their notices printed) on first use."""
        if self.loaded_settings is None:
            from monitor.config import load_settings

            self.loaded_settings = load_settings(self.config_path)
            report_notices(self.loaded_settings)
        return self.loaded_settings

    def database(self) -> Database:
        """The store, migrated to the newest schema on first use."""
        if self.opened_database is None:
            from monitor.running.startup import open_store

            self.opened_database = open_store(self.settings())
        return self.opened_database


_current: ContextVar[CliState] = ContextVar("signwatch_cli_state")


def _print_version(wanted: bool) -> None:
    if wanted:
        sys.stdout.write(f"signwatch {monitor.__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _global_options(
    config: Path | None = typer.Option(
        None, "--config", "-c", help="signwatch.toml to use (else $SIGNWATCH_CONFIG, else ./signwatch.toml)."
    ),
    _version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_print_version, help="Print the version and exit."
    ),
) -> None:
    """Crawl Chinese investment-promotion news and alert on new signing events and investment figures."""
    _current.set(CliState(config_path=config))


def state() -> CliState:
    """The running invocation's state (a fresh one, on the default config, when none was made)."""
    try:
        return _current.get()
    except LookupError:
        fresh = CliState()
        _current.set(fresh)
        return fresh


def state_config_path() -> Path | None:
    """The ``--config`` given on the command line, if any."""
    return state().config_path


def settings() -> Settings:
    """The loaded settings for this invocation (loaded once)."""
    return state().settings()


def database() -> Database:
    """The store for this invocation, migrated to the newest schema on first use."""
    return state().database()


def display_zone() -> tzinfo:
    """The zone times are printed in: the config's ``alerts.timezone`` (digests and messages use it too)."""
    from monitor.alerts.digest_times import zone

    return zone(settings().alerts.timezone)


def local_time(moment: datetime | None, *, empty: str = "never") -> str:
    """A stored moment in the display zone, to the minute, with its offset (``empty`` for None)."""
    return format_time(moment, display_zone(), empty=empty)


def synced_database() -> Database:
    """The store, with the config file's ``[[subscriptions]]`` copied in (``subscribe`` and ``alerts``)."""
    from monitor.alerts.subscriptions import sync_config_subscriptions

    db = database()
    config = settings()
    with db.session() as session:
        sync_config_subscriptions(session, config.subscriptions, config.alerts.apprise_config)
    return db


def open_archive() -> Archive:
    """The archive named by the settings, in the layout they name (an archive of the other layout is an error)."""
    from monitor.archive.files import Archive

    return Archive(settings().archive_path, settings().archive.layout)


def read_input(source: str) -> bytes:
    """The bytes of file ``source``, or of stdin for ``-``; InputError when it cannot be read."""
    from monitor.errors import InputError

    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {source}: {error.strerror or error}") from None


def format_money(value: int | float, currency: str) -> str:
    """An amount in 亿 or 万 when it is that large: ``500亿 CNY``."""
    if value >= 100_000_000:
        amount = f"{value / 100_000_000:g}亿"
    elif value >= 10_000:
        amount = f"{value / 10_000:g}万"
    else:
        amount = f"{value:g}"
    return f"{amount} {currency}"


def print_json(document: Any) -> None:
    """Print one JSON document on stdout, UTF-8, Chinese left readable."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, default=str) + "\n")
