"""``signwatch archive verify | relayout | export``: check the archive, move it between layouts, write it out flat."""

from __future__ import annotations

from pathlib import Path

import typer

from monitor.archive.files import Archive
from monitor.archive.layout import export_flat, relayout
from monitor.archive.verify import verify_archive
from monitor.cli.app import app, console, database, open_archive, print_json, settings

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


@archive_app.command("relayout")
def archive_relayout(
    layout: str = typer.Argument(..., help="flat or sharded (set [archive] layout to the same)."),
) -> None:
    """Move the archive's files into another layout (stop the daemon and workers first; run again if interrupted)."""
    moved = relayout(settings().archive_path, layout)
    console.print(f"moved: {moved}  layout: {layout}", markup=False)
    if settings().archive.layout != layout:
        console.print(f'set [archive] layout = "{layout}" in the config to use it', markup=False)


@archive_app.command("export")
def archive_export(directory: Path = typer.Argument(..., help="Directory to write NNN_<hash>.txt files into.")) -> None:
    """Copy every archive file into DIRECTORY, flat, in the seed format that `signwatch import` reads."""
    copied = export_flat(Archive(settings().archive_path), directory)
    console.print(f"exported: {copied}", markup=False)
