"""``signwatch run``: one pass for cron, crawling what is due, then delivering alerts.

With ``[workers]`` configured the pass crawls nothing itself: it queues the
due sources for the workers, says ``queued: N`` and exits 0.  Its output is
read in cron's log: one line per source and one summary line, and nothing
at all from the libraries (a pass with nothing due writes that one line).
"""

from __future__ import annotations

import sys

import typer

from monitor.cli.app import app, console, database, print_json, settings
from monitor.cli.output import print_rows
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
    else:
        if summary.crawled:
            print_rows(
                console,
                ("source", "status", "run", "new", "revisions", "duplicates", "unchanged", "errors", "error"),
                (
                    (
                        o.source,
                        o.status,
                        str(o.run_id or ""),
                        str(o.new_articles),
                        str(o.revisions),
                        str(o.duplicates),
                        str(o.unchanged),
                        str(o.errors),
                        o.error or "",
                    )
                    for o in summary.crawled
                ),
            )
        if summary.queued:
            print_rows(
                console, ("source", "status", "run"), ((o.source, o.status, str(o.run_id)) for o in summary.queued)
            )
        # With workers a pass only ever queues: it says so, not "crawled".
        done = f"queued: {len(summary.queued)}" if current.workers.redis_url else f"crawled: {len(summary.crawled)}"
        console.print(
            f"{done}  not due: {len(summary.not_due)}  "
            f"alerts delivered: {summary.delivered}  delivery failures: {summary.delivery_failures}",
            markup=False,
            highlight=False,
        )
    # Failed or killed crawls make the pass fail (cron mails it); a source
    # skipped because another process is crawling it does not.
    if any(outcome.status not in ("ok", "skipped") for outcome in summary.crawled):
        raise typer.Exit(1)
