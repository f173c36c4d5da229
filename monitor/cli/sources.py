"""``signwatch sources``: the configured sources with their health; ``sources check`` validates them."""

from __future__ import annotations

from datetime import UTC, datetime

import typer
from rich.table import Table

from monitor.cli.app import app, console, database, print_json, settings

sources_app = typer.Typer(help="List the configured sources, or check them.", invoke_without_command=True)
app.add_typer(sources_app, name="sources")


@sources_app.callback()
def list_sources(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the configured sources with their health (``signwatch sources check`` validates them)."""
    if ctx.invoked_subcommand is not None:
        return
    from monitor.alerts.health import source_health

    config = settings()
    health = {h.name: h for h in source_health(database())}
    if as_json:
        print_json([{**vars(s), "health": h.to_json() if (h := health.get(s.name)) else None} for s in config.sources])
        return
    table = Table("name", "type", "enabled", "schedule", "last success", "failures in a row", "last new article")
    for s in config.sources:
        state = health.get(s.name)
        table.add_row(
            s.name,
            s.type,
            "yes" if s.enabled else "no",
            s.schedule,
            _when(state.last_success if state else None),
            str(state.consecutive_failures) if state else "",
            _when(state.last_new_article if state else None),
        )
    console.print(table)


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


@sources_app.command("check")
def check_sources() -> None:
    """Check the whole config as every command loads it: every problem at once, one line each, exit 2 if any."""
    import sys

    from monitor.cli.app import report_notices, state_config_path
    from monitor.config import read_config

    reading = read_config(state_config_path())
    for problem in reading.problems:
        # The line any command prints for its first problem, here for each one.
        sys.stderr.write(f"signwatch: error: {' '.join(problem.split())}\n")
    if reading.settings is None:
        raise typer.Exit(2)
    report_notices(reading.settings)
    console.print(f"{len(reading.settings.sources)} source(s) ok", markup=False)
