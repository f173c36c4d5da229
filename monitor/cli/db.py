"""``signwatch db upgrade``: apply pending database migrations."""

from __future__ import annotations

import typer

from monitor.cli.app import app, console, settings

db_app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")


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
