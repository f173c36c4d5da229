"""``signwatch import`` (an archive in the seed format) and ``signwatch reprocess`` (stored raw pages again).

Both end in the same analysis of the pending articles, cleaning and
extraction in worker processes, with a progress bar on a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy import func, select

from monitor.alerts.policy import AlertPolicy
from monitor.archive.analysis import AnalysisFailure, NotAnArticle, analyse_pending, mark_all_pending
from monitor.archive.importer import analysis_lock, import_archive, list_candidates
from monitor.cli.app import app, console, database, err_console, open_archive, print_json, settings
from monitor.store import Article

T = TypeVar("T")


def _with_progress(label: str, total: int, work: Callable[[Callable[[int], None] | None], T], quiet: bool) -> T:
    """Run ``work`` with a progress bar on a terminal, silently elsewhere."""
    if quiet or not sys.stderr.isatty() or total < 50:
        return work(None)
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        return work(lambda done: bar.update(task, completed=done))


def _say_waiting() -> None:
    err_console.print("signwatch: waiting for another import or reprocess of this archive to finish", markup=False)


@app.command("import")
def import_command(
    directory: Path = typer.Argument(..., help="Directory of NNN_<hash>.txt files."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object with the counts."),
) -> None:
    """Import an existing archive in the seed format, then clean and extract the new articles."""
    db, archive = database(), open_archive()
    total = len(list_candidates(directory))
    # One import or reprocess at a time: two would analyse the same new articles together.
    with analysis_lock(archive, on_wait=_say_waiting):
        report = _with_progress(
            "importing", total, lambda p: import_archive(db, archive, directory, progress=p), as_json
        )
        failures: list[AnalysisFailure] = []
        _with_progress(
            "analysing",
            report.new,
            lambda p: analyse_pending(db, progress=p, on_failure=failures.append, alert_policy=_policy()),
            as_json,
        )
    report.failed = [{"file": f.archive_name, "reason": f.reason} for f in failures]
    if as_json:
        print_json(report.to_json())
        return
    console.print(
        f"new: {report.new}  duplicate: {report.duplicate}  invalid: {len(report.invalid)}"
        f"  failed: {len(report.failed)}",
        markup=False,
    )
    for item in [*report.invalid, *report.failed]:
        console.print(f"  {item['file']}: {item['reason']}", markup=False, highlight=False)


@app.command("reprocess")
def reprocess_command(
    pending_only: bool = typer.Option(False, "--pending", help="Only articles never analysed."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object with the count."),
) -> None:
    """Re-run cleaning and extraction over stored raw pages, without crawling."""
    db = database()
    with analysis_lock(open_archive(), on_wait=_say_waiting):
        if not pending_only:
            mark_all_pending(db)
        with db.session() as session:
            total = session.scalar(select(func.count()).select_from(Article).where(Article.analysed_at.is_(None))) or 0
        failures: list[AnalysisFailure] = []
        listings: list[NotAnArticle] = []
        done = _with_progress(
            "reprocessing",
            total,
            lambda p: analyse_pending(
                db, progress=p, on_failure=failures.append, on_not_article=listings.append, alert_policy=_policy()
            ),
            as_json,
        )
    if as_json:
        print_json(
            {
                "reprocessed": done,
                "not_articles": [item.to_json() for item in listings],
                "failed": [f.to_json() for f in failures],
            }
        )
        return
    console.print(f"reprocessed: {done}  not articles: {len(listings)}  failed: {len(failures)}", markup=False)
    # A page that re-reads as a listing files no events (those read from its teasers are gone).
    for item in listings:
        console.print(f"  {item.archive_name}: not an article: {item.reason}", markup=False, highlight=False)
    # A failed article stays pending: `signwatch reprocess --pending` tries it again.
    for failure in failures:
        console.print(f"  {failure.archive_name}: {failure.reason}", markup=False, highlight=False)


def _policy() -> AlertPolicy:
    """The alert policy of the configured ``[alerts]`` (its age limit), judged now."""
    return AlertPolicy.from_settings(settings().alerts)
