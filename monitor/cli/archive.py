"""``signwatch archive verify``: check every archive file's name against its content, and files against rows."""

from __future__ import annotations

import typer

from monitor.archive.verify import verify_archive
from monitor.cli.app import app, console, database, open_archive, print_json

archive_app = typer.Typer(help="Check the content-hash archive.", no_args_is_help=True)
app.add_typer(archive_app, name="archive")


@archive_app.command("verify")
def archive_verify(as_json: bool = typer.Option(False, "--json", help="Print one JSON object.")) -> None:
    """Check every archive file against its name and the store: mismatches, files without rows, rows without files.

    Exit status 1 when there is any problem.
    """
    report = verify_archive(open_archive(), database())
    if as_json:
        print_json(report.to_json())
    else:
        console.print(
            f"verified: {report.verified}  imported: {report.imported}  "
            f"files without rows: {len(report.files_without_rows)}  "
            f"rows without files: {len(report.rows_without_files)}  problems: {len(report.problems)}",
            markup=False,
            soft_wrap=True,
        )
        for item in report.problems:
            console.print(f"  {item['file']}: {item['reason']}", markup=False, highlight=False, soft_wrap=True)
    if report.problems:
        raise typer.Exit(1)
