"""``signwatch crawl``, ``signwatch sources [check]`` and ``signwatch mirror``."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from monitor.cli.app import app, console, database, err_console, print_json, settings
from monitor.errors import InputError

sources_app = typer.Typer(help="List the configured sources, or check them.", invoke_without_command=True)
app.add_typer(sources_app, name="sources")


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
    """Validate every source entry: one line per problem, exit 1 when there is any."""
    from monitor.running.source_check import check_all

    problems = check_all(settings().sources)
    for line in problems:
        console.print(line, markup=False, highlight=False)
    if problems:
        raise typer.Exit(1)
    console.print(f"{len(settings().sources)} source(s) ok", markup=False)


@app.command("mirror")
def mirror(
    port: int = typer.Option(8800, "--port", "-p", help="Port to listen on (0: any free port)."),
    sources_out: Path | None = typer.Option(None, "--sources-out", help="Write a complete config for the mirror here."),
    data_dir: Path = typer.Option(Path("signwatch-mirror-data"), "--data-dir", help="data_dir of the written config."),
    articles: int = typer.Option(20, "--articles", help="Generated articles per site."),
    seed: int = typer.Option(0, "--seed", help="Seed of the article generator."),
    revisit_days: int = typer.Option(2, "--revisit-days", help="revisit_days of the written sources."),
) -> None:
    """Serve the offline mirror sites until interrupted."""
    from monitor.demo.mirror import MirrorServer

    server = MirrorServer(articles_per_site=articles, seed=seed, port=port)
    base = server.start()
    try:
        console.print(f"mirror serving {base} (zblog, dedecms, taiwancn, generic, trouble); Ctrl-C stops it")
        if sources_out is not None:
            server.write_config(sources_out, data_dir.resolve(), revisit_days=revisit_days)
            console.print(f"config written: {sources_out}  (signwatch --config {sources_out} crawl --all)")
        console.print(f"publish: curl -X POST '{base}/_mirror/publish?site=zblog'", markup=False)
        console.print(f"edit:    curl -X POST '{base}/_mirror/edit?site=zblog&id=1'", markup=False)
        while True:
            time.sleep(3600)
    finally:
        server.stop()
