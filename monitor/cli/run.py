"""``signwatch run``: one pass for cron, crawling what is due, then delivering alerts."""

from __future__ import annotations

import sys

import typer
from rich.table import Table

from monitor.cli.app import app, console, database, print_json, settings
from monitor.errors import PassLocked
from monitor.logs import setup_logging
from monitor.running.lock import PassLock


@app.command("run")
def run_command(
    as_json: bool = typer.Option(False, "--json", help="Print one JSON summary."),
) -> None:
    """One pass for cron: crawl the sources that are due, extract, alert, print a summary."""
    current = settings()
    setup_logging("WARNING" if as_json else "INFO")
    try:
        with PassLock(current.data_path / "run.lock"):
            from monitor.running.passes import run_pass

            summary = run_pass(current, database())
    except PassLocked as busy:
        # Not an error: the previous pass is still working on it.
        sys.stderr.write(f"signwatch: {busy}\n")
        raise typer.Exit(0) from None
    if as_json:
        print_json(summary.to_json())
        return
    table = Table("source", "status", "new", "revisions", "duplicates", "errors")
    for outcome in summary.crawled:
        table.add_row(
            outcome.source,
            outcome.status,
            str(outcome.new_articles),
            str(outcome.revisions),
            str(outcome.duplicates),
            str(outcome.errors),
        )
    if summary.crawled:
        console.print(table)
    console.print(
        f"crawled: {len(summary.crawled)}  not due: {len(summary.not_due)}  "
        f"alerts delivered: {summary.delivered}  delivery failures: {summary.delivery_failures}",
        markup=False,
    )
    if any(outcome.status != "ok" for outcome in summary.crawled):
        raise typer.Exit(1)
