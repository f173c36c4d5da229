"""``signwatch sources``: the configured sources with their health; ``sources check`` validates them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import typer
from sqlalchemy import func, select

from monitor.cli.app import app, console, database, local_time, print_json, settings
from monitor.cli.output import print_rows
from monitor.store import CrawlRun, Database, Source

sources_app = typer.Typer(help="List the configured sources, or check them.", invoke_without_command=True)
app.add_typer(sources_app, name="sources")

# What ``signwatch sources`` shows of each source's newest run, by column.
RUN_COUNTS = (
    ("new", "new_articles"),
    ("revisions", "revisions"),
    ("duplicates", "duplicates"),
    ("unchanged", "unchanged"),
    ("not articles", "not_articles"),
    ("errors", "errors"),
)


@sources_app.callback()
def list_sources(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the sources: health, the newest run's counts and the last error (``sources check`` validates them)."""
    if ctx.invoked_subcommand is not None:
        return
    from monitor.alerts.health import source_health

    config = settings()
    db = database()
    health = {h.name: h for h in source_health(db)}
    runs = last_runs(db)
    if as_json:
        print_json(
            [
                {
                    **vars(s),
                    "health": h.to_json() if (h := health.get(s.name)) else None,
                    "last_run": _run_json(run) if (run := runs.get(s.name)) else None,
                }
                for s in config.sources
            ]
        )
        return
    headers = ("name", "type", "enabled", "schedule", "last run", "status", *(label for label, _ in RUN_COUNTS))
    headers += ("last success", "failures in a row", "last new article", "last error")
    rows: list[tuple[str, ...]] = []
    for s in config.sources:
        state = health.get(s.name)
        run = runs.get(s.name)
        rows.append(
            (
                s.name,
                s.type,
                "yes" if s.enabled else "no",
                s.schedule,
                local_time(run["started_at"]) if run else "never",
                run["status"] if run else "",
                *(str(run[key]) if run else "" for _, key in RUN_COUNTS),
                local_time(state.last_success if state else None),
                str(state.consecutive_failures) if state else "",
                local_time(state.last_new_article if state else None),
                (state.last_error or state.reason) if state else "",
            )
        )
    print_rows(console, headers, rows)


def _run_json(run: dict[str, Any]) -> dict[str, Any]:
    return {key: value.isoformat() if isinstance(value, datetime) else value for key, value in run.items()}


def last_runs(db: Database) -> dict[str, dict[str, Any]]:
    """Each source's newest crawl run (whatever its status), by source name."""
    newest = select(func.max(CrawlRun.id)).group_by(CrawlRun.source_id)
    with db.session() as session:
        found = session.execute(
            select(Source.name, CrawlRun).join(CrawlRun, CrawlRun.source_id == Source.id).where(CrawlRun.id.in_(newest))
        ).all()
        return {
            name: {
                "id": run.id,
                "status": run.status,
                "started_at": run.started_at,
                "finished_at": run.finished_at,
                "pages": run.pages,
                **{key: getattr(run, key) for _, key in RUN_COUNTS},
                "listing_links": run.listing_links,
                "error": run.error_text,
            }
            for name, run in found
        }


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
