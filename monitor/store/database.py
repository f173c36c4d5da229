"""The store's engine, sessions and schema upgrades.

``Database`` wraps one SQLAlchemy engine.  SQLite (the embedded default) runs
in WAL mode with a busy timeout and takes the write lock when a transaction
begins, so two processes queue instead of failing with "database is locked".
Database failures surface as one-line ``StoreError``s with the password masked.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, InterfaceError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from monitor.errors import StoreError, WriteConflict

if TYPE_CHECKING:
    from monitor.config import Settings

SQLITE_BUSY_TIMEOUT_MS = 30_000
# The newest migration in migrations/versions (a test holds the two equal).
# A store already there is told so by one query, without loading Alembic and
# its scripts: that took a third of every CLI command's start.
SCHEMA_HEAD = "0017"
# The execution option a read-only transaction carries (see _configure_sqlite).
READ_ONLY_OPTION = "signwatch_read_only"
CONNECT_TIMEOUT_SECONDS = 10  # PostgreSQL: unless the URL sets connect_timeout


def masked_url(url: str | URL) -> str:
    """The database URL with its password hidden, safe to print."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def is_write_conflict(error: DBAPIError) -> bool:
    """True when PostgreSQL rolled the transaction back for colliding with another (SQLSTATE class 40)."""
    state = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
    return isinstance(state, str) and state.startswith("40")


def first_line(error: BaseException) -> str:
    """The first line of an exception's message, without SQLAlchemy's background link."""
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _normalise_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"database URL {url!r} is not a valid SQLAlchemy URL") from None
    # Plain postgresql:// would pick psycopg2, which we do not ship.
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # IMMEDIATE takes the write lock up front: a deferred transaction that
        # later upgrades to writing can fail at once with SQLITE_BUSY.  A
        # read-only transaction stays deferred: in WAL mode it never waits
        # for a writer, so a second process checking the schema or its
        # subscriptions is not starved by a first one busy storing articles.
        if connection.get_execution_options().get(READ_ONLY_OPTION):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """One signwatch store: an engine, a session factory and the schema version."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        """Open (lazily) the database at ``url``; SQLite files get their directory created."""
        parsed = _normalise_url(url)
        self.url = parsed
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            try:
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"cannot create the directory for {parsed.database}: {error.strerror}") from None
        connect_args: dict[str, object] = {}
        if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
            # libpq waits for a silent host as long as the kernel does (minutes):
            # a worker stopping, or a pass retrying, must hear "unreachable" sooner.
            connect_args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
        try:
            self.engine = create_engine(parsed, echo=echo, pool_pre_ping=True, connect_args=connect_args)
        except (ArgumentError, ImportError) as error:
            raise StoreError(f"cannot use database {masked_url(parsed)}: {first_line(error)}") from None
        if self.is_sqlite:
            _configure_sqlite(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        """The database named by the settings."""
        return cls(settings.database_url, echo=settings.database.echo)

    @property
    def is_sqlite(self) -> bool:
        """True for the embedded SQLite store."""
        return self.url.get_backend_name() == "sqlite"

    @property
    def display_url(self) -> str:
        """The URL with its password masked."""
        return masked_url(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except (OperationalError, InterfaceError) as error:
            # InterfaceError: the driver found its connection already closed (a restarted server).
            if is_write_conflict(error):
                raise WriteConflict(f"database {self.display_url}: {first_line(error)}") from None
            raise StoreError(f"database {self.display_url}: {first_line(error)}") from None

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only: on SQLite its transaction does not take the write lock.

        Never write in it: on SQLite a write there can fail at once with
        "database is locked" instead of waiting its turn.
        """
        try:
            reader = self.engine.execution_options(**{READ_ONLY_OPTION: True})
            with self._sessions(bind=reader) as session, session.begin():
                yield session
        except (OperationalError, InterfaceError) as error:
            raise StoreError(f"database {self.display_url}: {first_line(error)}") from None

    def upgrade(self, revision: str = "head") -> list[str]:
        """Apply pending Alembic migrations; return the revisions applied (empty if current)."""
        try:
            if revision == "head" and self._schema_revisions() == {SCHEMA_HEAD}:
                return []
            from monitor.store.migrate import upgrade

            return upgrade(self.engine, revision)
        except (OperationalError, DBAPIError) as error:
            raise StoreError(f"cannot upgrade database {self.display_url}: {first_line(error)}") from None

    def _schema_revisions(self) -> set[str] | None:
        """The revisions the store records, or None where it has no version table yet."""
        with self.engine.connect().execution_options(**{READ_ONLY_OPTION: True}) as connection:
            try:
                return set(connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())
            except (OperationalError, ProgrammingError):
                return None  # a new store: Alembic creates the table

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
