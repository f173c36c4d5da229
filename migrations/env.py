"""Alembic environment: the URL comes from signwatch's settings, never alembic.ini."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from monitor.store.schema import all_metadata
from monitor.store.search_index import is_modelled

target_metadata = all_metadata()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite can only ALTER through table copies
        compare_type=True,
        include_name=is_modelled,  # FTS5's shadow tables have no model
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    """Emit SQL for the configured database without connecting."""
    from monitor.config import load_settings

    context.configure(
        url=load_settings().database_url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Migrate through the connection signwatch hands over, or one from the settings."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from monitor.config import load_settings
    from monitor.store.database import Database

    database = Database.from_settings(load_settings())
    with database.engine.begin() as own_connection:
        _run(own_connection)


if context.is_offline_mode():
    run_offline()
else:
    run_online()
