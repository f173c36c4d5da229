"""The ``signwatch`` Typer application and what every command shares.

Command modules register themselves on ``app`` (or add a sub-Typer); the
package ``__init__`` imports them all.  Commands get their settings with
``settings()`` and their database with ``database()``, so config errors and
first-use migrations are handled in one place.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

app = typer.Typer(
    name="signwatch",
    help="Crawl Chinese investment-promotion news and alert on new signing events and investment figures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

console = Console()
err_console = Console(stderr=True)

_state: dict[str, Any] = {"config_path": None}


@app.callback()
def _global_options(
    config: Path | None = typer.Option(
        None, "--config", "-c", help="signwatch.toml to use (else $SIGNWATCH_CONFIG, else ./signwatch.toml)."
    ),
) -> None:
    """Crawl Chinese investment-promotion news and alert on new signing events and investment figures."""
    _state["config_path"] = config
    _state.pop("settings", None)
    _state.pop("database", None)


def state_config_path() -> Path | None:
    """The ``--config`` given on the command line, if any."""
    path: Path | None = _state["config_path"]
    return path


def settings() -> Any:
    """The loaded settings for this invocation (loaded once)."""
    from monitor.config import load_settings

    if "settings" not in _state:
        _state["settings"] = load_settings(_state["config_path"])
    return _state["settings"]


def database() -> Any:
    """The store for this invocation, migrated to the newest schema on first use."""
    from monitor.running.startup import open_store

    if "database" not in _state:
        _state["database"] = open_store(settings())
    return _state["database"]


def print_json(document: Any) -> None:
    """Print one JSON document on stdout, UTF-8, Chinese left readable."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, default=str) + "\n")
