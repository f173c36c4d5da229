"""Commands over the store and the archive: db upgrade, import, archive verify, articles."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from sqlalchemy import func, select

from monitor.archive.analysis import analyse_pending, mark_all_pending
from monitor.archive.files import Archive
from monitor.archive.importer import import_archive, list_candidates
from monitor.archive.verify import verify_archive
from monitor.cli.app import app, console, database, err_console, print_json, settings
from monitor.pipeline import after_store_steps
from monitor.store import Article, Source

T = TypeVar("T")

db_app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)
archive_app = typer.Typer(help="Check the content-hash archive.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(archive_app, name="archive")


def open_archive() -> Archive:
    """The archive named by the settings."""
    return Archive(settings().archive_path)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply pending migrations to the database."""
    from monitor.store import Database

    db = Database.from_settings(settings())
    applied = db.upgrade()
    if applied:
        console.print(f"upgraded {db.display_url} to {', '.join(applied)}", markup=False)
    else:
        console.print(f"{db.display_url} is up to date", markup=False)


def _with_progress(label: str, total: int, work: Callable[[Callable[[int], None] | None], T], quiet: bool) -> T:
    """Run ``work`` with a progress bar on a terminal, silently elsewhere."""
    if quiet or not sys.stderr.isatty() or total < 50:
        return work(None)
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        return work(lambda done: bar.update(task, completed=done))


@app.command("import")
def import_command(
    directory: Path = typer.Argument(..., help="Directory of NNN_<hash>.txt files."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object with the counts."),
) -> None:
    """Import an existing archive in the seed format, then clean and extract the new articles."""
    db, archive = database(), open_archive()
    total = len(list_candidates(directory))
    report = _with_progress("importing", total, lambda p: import_archive(db, archive, directory, progress=p), as_json)
    _with_progress(
        "analysing",
        report.new,
        lambda p: analyse_pending(db, after_store=after_store_steps(), progress=p),
        as_json,
    )
    if as_json:
        print_json(report.to_json())
        return
    console.print(f"new: {report.new}  duplicate: {report.duplicate}  invalid: {len(report.invalid)}", markup=False)
    for item in report.invalid:
        console.print(f"  {item['file']}: {item['reason']}", markup=False, highlight=False)


@app.command("reprocess")
def reprocess_command(
    pending_only: bool = typer.Option(False, "--pending", help="Only articles never analysed."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object with the count."),
) -> None:
    """Re-run cleaning and extraction over stored raw pages, without crawling."""
    db = database()
    if not pending_only:
        mark_all_pending(db)
    with db.session() as session:
        total = session.scalar(select(func.count()).select_from(Article).where(Article.analysed_at.is_(None))) or 0
    done = _with_progress(
        "reprocessing", total, lambda p: analyse_pending(db, after_store=after_store_steps(), progress=p), as_json
    )
    if as_json:
        print_json({"reprocessed": done})
    else:
        console.print(f"reprocessed: {done}", markup=False)


@archive_app.command("verify")
def archive_verify(as_json: bool = typer.Option(False, "--json", help="Print one JSON object.")) -> None:
    """Check every archive file's name against its content (exit 1 on a problem)."""
    report = verify_archive(open_archive(), database())
    if as_json:
        print_json(report.to_json())
    else:
        console.print(
            f"verified: {report.verified}  imported: {report.imported}  problems: {len(report.problems)}",
            markup=False,
        )
        for item in report.problems:
            console.print(f"  {item['file']}: {item['reason']}", markup=False, highlight=False)
    if report.problems:
        raise typer.Exit(1)


@app.command("articles")
def articles_command(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
    limit: int = typer.Option(50, "--limit", "-n", min=1, help="How many, newest first."),
) -> None:
    """List stored articles (hash, archive name, source, title, published)."""
    with database().session() as session:
        rows = session.execute(
            select(Article.content_hash, Article.archive_name, Source.name, Article.title, Article.published_at)
            .outerjoin(Source, Article.source_id == Source.id)
            .order_by(Article.id.desc())
            .limit(limit)
        ).all()
    if as_json:
        print_json(
            [
                {
                    "hash": digest,
                    "archive_name": name,
                    "source": source,
                    "title": title,
                    "published": published.isoformat() if published else None,
                }
                for digest, name, source, title, published in rows
            ]
        )
        return
    table = Table("hash", "archive name", "source", "title", "published")
    for digest, name, source, title, published in rows:
        # Titles come from the web: rich markup in them must print literally.
        table.add_row(
            digest, name, source or "", _plain(title or ""), published.date().isoformat() if published else ""
        )
    console.print(table)


def _plain(text: str) -> str:
    from rich.markup import escape

    return escape(text)
