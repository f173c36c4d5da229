"""Shared fixtures: real databases (SQLite always, PostgreSQL when configured), seeds, archives."""

from __future__ import annotations

import inspect
import os
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.events.extraction import extract
from monitor.records import FetchedPage, IngestResult, PageToStore
from monitor.store import Database
from monitor.store.schemas import scratch_schema
from monitor.text.article import CleanArticle

ROOT = Path(__file__).resolve().parent.parent
# The five seed pages, as the archive keeps them (a packaged copy of shared/seeds).
SEEDS_DIR = ROOT / "monitor" / "demo" / "mirror" / "data"
POSTGRES_ENV = "SIGNWATCH_TEST_POSTGRES_URL"


def seed_files() -> list[Path]:
    """The seed files, in sequence order."""
    return sorted(SEEDS_DIR.glob("[0-9][0-9][0-9]_*.txt"))


def seed_text(number: int) -> str:
    """The text of seed ``number`` (0-4)."""
    return seed_files()[number].read_text(encoding="utf-8")


@pytest.fixture
def seeds_dir() -> Path:
    """The directory of the five seed files."""
    return SEEDS_DIR


def _postgres_admin_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests skipped: set {POSTGRES_ENV} (e.g. postgresql+psycopg://127.0.0.1:5432/test)")
    return url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    admin_url = _postgres_admin_url()
    with ExitStack() as stack:
        try:
            url = stack.enter_context(scratch_schema(admin_url))
        except Exception as error:  # any failure to reach it means: skip, and say why
            shown = make_url(admin_url).render_as_string(hide_password=True)
            pytest.skip(f"PostgreSQL at {shown} unreachable: {error}")
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database: SQLite in tmp_path, and PostgreSQL when configured."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'signwatch.db'}"
    return str(request.getfixturevalue("postgres_url"))


def _migrated(url: str) -> Iterator[Database]:
    database = Database(url)
    database.upgrade()
    yield database
    database.dispose()


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """A migrated, empty store on each backend."""
    yield from _migrated(database_url)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty SQLite store (for tests that are about SQLite itself)."""
    yield from _migrated(f"sqlite:///{tmp_path / 'signwatch.db'}")


@pytest.fixture
def postgres_db(postgres_url: str) -> Iterator[Database]:
    """A migrated, empty PostgreSQL store (for races only a server database has)."""
    yield from _migrated(postgres_url)


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    """An empty archive directory."""
    return Archive(tmp_path / "archive")


def to_store(page: FetchedPage, article: CleanArticle, source: str) -> PageToStore:
    """A page ready for the store, extracted as the clean processes extract it."""
    return PageToStore(page, article, source, extract(article))


def store_page(db: Database, archive: Archive, page: FetchedPage, article: CleanArticle, source: str) -> IngestResult:
    """Store one page through the whole storing transaction, as the crawl's store process does."""
    [result] = ingest_pages(db, archive, [to_store(page, article, source)])
    return result


def _shared_setup_group(item: pytest.Item) -> str | None:
    """The xdist group of a test whose module or session fixture is costly to build twice.

    The default run spreads tests over the cores one by one (``--dist
    loadgroup``).  A test using a module-scoped fixture of ours (a crawl, a
    store built once for a module) joins its file's group, and one using a
    session-scoped fixture of a folder's conftest (the themed sites' crawl)
    joins that folder's group, so each such setup runs on one worker, once.
    """
    fixtures = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    group: str | None = None
    for definitions in fixtures.values():
        for definition in definitions:
            source = Path(inspect.getsourcefile(definition.func) or "")
            if definition.scope not in ("module", "session") or ROOT / "tests" not in source.parents:
                continue
            if definition.scope == "session":
                return str(source.parent.relative_to(ROOT))
            group = str(Path(str(item.fspath)).relative_to(ROOT))
    return group


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker more than the cores this run may use, at most four.

    Many tests wait on processes they start (a crawl child, a daemon, a hung
    site's deadline); with one worker per core a waiting test leaves its core
    idle.  On two cores a third worker took the default run from 754 s to
    636 s with the same CPU time (docs/benchmarks.md, "The test run").
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(4, cores + 1)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test that shares costly setup with the xdist group of that setup."""
    for item in items:
        group = _shared_setup_group(item)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
