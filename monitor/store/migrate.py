"""Alembic, driven from signwatch's own settings (never from alembic.ini)."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from monitor.errors import StoreError
from monitor.store.database import READ_ONLY_OPTION


def _migrations_dir() -> Path:
    """Where our Alembic scripts are: the checkout's migrations/ folder, else the installed package.

    The checkout's own folder (beside the ``monitor`` package that is
    running) comes first, so a worktree or a copy of the sources migrates
    with its own scripts even when another tree is installed in the same
    environment; an installed distribution has them as ``signwatch_migrations``
    (see setup.py: a top-level ``migrations`` would clash with other projects).
    """
    beside = Path(__file__).resolve().parents[2] / "migrations"
    if (beside / "env.py").is_file() and (beside / "versions" / "0001_foundation.py").is_file():
        return beside
    import signwatch_migrations

    return Path(signwatch_migrations.__file__).resolve().parent


MIGRATIONS_DIR = _migrations_dir()

# Alembic's own INFO lines are held back (monitor.logs); this is the one line an upgrade gets.
log = logging.getLogger("signwatch.store")


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config pointing at our migrations, optionally bound to a connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revisions() -> set[str]:
    """The newest revision(s) in migrations/versions."""
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def _known_revisions() -> set[str]:
    """Every revision in migrations/versions."""
    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revisions(connection: Connection) -> set[str]:
    """The revision(s) the database is at."""
    return set(MigrationContext.configure(connection).get_current_heads())


def upgrade(engine: Engine, revision: str = "head") -> list[str]:
    """Bring the schema to ``revision``; cheap when it is already there."""
    # The check reads without the write lock: on SQLite, a process finding
    # the schema current must not queue behind another one's busy writes.
    with engine.connect().execution_options(**{READ_ONLY_OPTION: True}) as connection:
        before = current_revisions(connection)
    heads = head_revisions()
    if revision == "head" and before == heads:
        return []
    unknown = before - _known_revisions()
    if unknown:
        # A newer signwatch migrated this database: an older one must not write to it.
        raise StoreError(
            f"the database is at schema {', '.join(sorted(unknown))}, newer than this signwatch knows "
            f"(its newest is {', '.join(sorted(heads))}): upgrade signwatch"
        )
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Two processes upgrading on first use at once: one waits for the other.
            connection.execute(text("SELECT pg_advisory_xact_lock(7301947)"))
        command.upgrade(alembic_config(connection), revision)
        after = current_revisions(connection)
    applied = sorted(after - before)
    if applied:
        log.info("database schema upgraded to %s (was %s)", ", ".join(applied), ", ".join(sorted(before)) or "empty")
    return applied
