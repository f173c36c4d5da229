"""``signwatch crawl``: crawl sources now, with a progress display on a terminal."""

from __future__ import annotations

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from monitor.cli.app import app, console, err_console, print_json, settings
from monitor.cli.output import print_rows
from monitor.config import Settings
from monitor.errors import InputError
from monitor.running.crawl import CrawlOutcome

# A crawl's status when another process holds the source (its lease): not a failure.
SKIPPED = "skipped"

# The columns of the table (or the tab-separated lines) of finished crawls.
COLUMNS = (
    "source",
    "status",
    "run",
    "pages",
    "new",
    "revisions",
    "duplicates",
    "unchanged",
    "304",
    "errors",
    "listing links",
    "seconds",
)


def _progress_text(name: str, counts: dict[str, int]) -> str:
    return (
        f"{name} pages {counts.get('pages', 0)} · new {counts.get('new_articles', 0)}"
        f" · revisions {counts.get('revisions', 0)} · 304 {counts.get('not_modified', 0)}"
        f" · errors {counts.get('errors', 0)}"
    )


def chosen_sources(config: Settings, names: list[str], all_sources: bool) -> list[str]:
    """The sources to crawl, every name checked; InputError or ConfigError (one line) when there are none."""
    configured = [s.name for s in config.sources]
    enabled = [s.name for s in config.sources if s.enabled]
    if all_sources and names:
        raise InputError("give source names or --all, not both")
    if names:
        chosen = list(dict.fromkeys(names))
        for name in chosen:
            config.source(name)  # an unknown name is one line, before anything is drawn or started
        return chosen
    if not configured:
        raise InputError("no sources configured: add [[sources]] to the config")
    if all_sources:
        if not enabled:
            raise InputError(
                f"--all: no source is enabled (configured: {', '.join(configured)}); name the ones to crawl"
            )
        return enabled
    if enabled:
        raise InputError(
            f"name the sources to crawl, or use --all for the {len(enabled)} enabled: {', '.join(enabled)}"
        )
    raise InputError(f"name the sources to crawl (configured: {', '.join(configured)}; none is enabled for --all)")


@app.command("crawl")
def crawl(
    names: list[str] = typer.Argument(None, metavar="SOURCE...", help="Sources to crawl."),
    all_sources: bool = typer.Option(False, "--all", help="Crawl every enabled source."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document per source."),
) -> None:
    """Crawl sources now (in a child process) and record a crawl run for each."""
    config = settings()
    chosen = chosen_sources(config, list(names or []), all_sources)
    outcomes = _crawl_with_progress(config, chosen, show=err_console.is_terminal and not as_json)
    if as_json:
        for outcome in outcomes:
            print_json({k: v for k, v in vars(outcome).items() if k != "extra"})
    else:
        print_rows(
            console,
            COLUMNS,
            (_row(o) for o in outcomes),
        )
    for outcome in outcomes:
        if outcome.status == SKIPPED:
            # Not a failure: another process is crawling the source right now.
            err_console.print(f"signwatch: crawl of {outcome.source} {outcome.error}", markup=False, soft_wrap=True)
    failed = [o for o in outcomes if o.status not in ("ok", SKIPPED)]
    for outcome in failed:
        err_console.print(f"signwatch: crawl of {outcome.source} failed: {outcome.error}", markup=False, soft_wrap=True)
    if failed:
        raise typer.Exit(1)


def _crawl_with_progress(config: Settings, chosen: list[str], *, show: bool) -> list[CrawlOutcome]:
    """Crawl ``chosen``; on a terminal, a spinner line per source while it runs."""
    from monitor.running.crawl import run_crawl

    if not show:
        return run_crawl(config, chosen)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}", markup=False), TimeElapsedColumn(), console=err_console
    ) as progress:
        tasks = {name: progress.add_task(_progress_text(name, {}), total=None) for name in chosen}

        def update(source: str, counts: dict[str, int]) -> None:
            if source in tasks:
                progress.update(tasks[source], description=_progress_text(source, counts))

        outcomes = run_crawl(config, chosen, on_progress=update)
        for outcome in outcomes:
            progress.update(
                tasks[outcome.source], description=_progress_text(outcome.source, vars(outcome)), completed=1, total=1
            )
    return outcomes


def _row(outcome: CrawlOutcome) -> tuple[str, ...]:
    return (
        outcome.source,
        outcome.status,
        str(outcome.run_id or ""),
        str(outcome.pages),
        str(outcome.new_articles),
        str(outcome.revisions),
        str(outcome.duplicates),
        str(outcome.unchanged),
        str(outcome.not_modified),
        str(outcome.errors),
        str(outcome.listing_links),
        f"{outcome.duration:.1f}",
    )
