"""``signwatch crawl``: crawl sources now, with a progress display."""

from __future__ import annotations

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from monitor.cli.app import app, console, err_console, print_json, settings
from monitor.errors import InputError


def _progress_text(name: str, counts: dict[str, int]) -> str:
    return (
        f"[bold]{name}[/] pages {counts.get('pages', 0)} · new {counts.get('new_articles', 0)}"
        f" · revisions {counts.get('revisions', 0)} · 304 {counts.get('not_modified', 0)}"
        f" · errors {counts.get('errors', 0)}"
    )


@app.command("crawl")
def crawl(
    names: list[str] = typer.Argument(None, metavar="SOURCE...", help="Sources to crawl."),
    all_sources: bool = typer.Option(False, "--all", help="Crawl every enabled source."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document per source."),
) -> None:
    """Crawl sources now (in a child process) and record a crawl run for each."""
    from monitor.running.crawl import run_crawl

    config = settings()
    if all_sources and names:
        raise InputError("give source names or --all, not both")
    chosen = [s.name for s in config.sources if s.enabled] if all_sources else list(names or [])
    if not chosen:
        raise InputError("nothing to crawl: name sources, or use --all (no enabled sources configured)")
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=as_json,
        disable=as_json,
    ) as progress:
        tasks = {name: progress.add_task(_progress_text(name, {}), total=None) for name in chosen}

        def show(source: str, counts: dict[str, int]) -> None:
            if source in tasks:
                progress.update(tasks[source], description=_progress_text(source, counts))

        outcomes = run_crawl(config, chosen, on_progress=show)
        for outcome in outcomes:
            progress.update(
                tasks[outcome.source], description=_progress_text(outcome.source, vars(outcome)), completed=1, total=1
            )
    if as_json:
        for outcome in outcomes:
            print_json({k: v for k, v in vars(outcome).items() if k != "extra"})
    else:
        table = Table("source", "status", "pages", "new", "revisions", "304", "errors", "listing links", "seconds")
        for o in outcomes:
            status = "[green]ok[/]" if o.status == "ok" else "[red]failed[/]"
            table.add_row(
                o.source,
                status,
                str(o.pages),
                str(o.new_articles),
                str(o.revisions),
                str(o.not_modified),
                str(o.errors),
                str(o.listing_links),
                f"{o.duration:.1f}",
            )
        console.print(table)
    failed = [o for o in outcomes if o.status != "ok"]
    for outcome in failed:
        err_console.print(f"signwatch: crawl of {outcome.source} failed: {outcome.error}", markup=False, soft_wrap=True)
    if failed:
        raise typer.Exit(1)
