"""What a spider of one source shares with its pipelines: config, store, archive, stored URLs."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from monitor.archive.files import Archive
from monitor.archive.revisits import known_article_urls
from monitor.config import Settings, SourceSettings
from monitor.records import UrlState
from monitor.running.startup import open_store
from monitor.store import Database

_DATABASES: dict[str, Database] = {}
# One worker thread does the crawl process's own database work (marking re-checked
# URLs; a crawl worker's storing): the reactor thread stays free for downloads (a
# blocked reactor inflates AutoThrottle's latencies and slows the crawl), and one
# writer at a time is what SQLite wants.  Cleaning and single-host storing run in
# processes of their own (crawler.processes).
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="signwatch-store")

T = TypeVar("T")


async def in_worker(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run ``function`` in the store worker thread and wait for it without blocking the reactor."""
    return await asyncio.wrap_future(_WORKER.submit(function, *args, **kwargs))


def shared_database(settings: Settings) -> Database:
    """One migrated Database per URL in this process (several spiders may run at once)."""
    url = settings.database_url
    if url not in _DATABASES:
        if settings.database_url.startswith("sqlite:///"):
            settings.data_path.mkdir(parents=True, exist_ok=True)
        _DATABASES[url] = open_store(settings)
    return _DATABASES[url]


@dataclass
class SourceContext:
    """The signwatch side of one crawl: settings, the source, the store and what it already holds."""

    settings: Settings
    source: SourceSettings
    db: Database
    archive: Archive
    known: dict[str, UrlState] = field(default_factory=dict)

    @classmethod
    def open(cls, settings: Settings, source: SourceSettings) -> SourceContext:
        """Connect to the store and load the source's stored article URLs."""
        db = shared_database(settings)
        return cls(
            settings,
            source,
            db,
            Archive(settings.archive_path, settings.archive.layout),
            known_article_urls(db, source.name),
        )

    def due_for_revisit(self, state: UrlState, now: datetime, listed: datetime | None = None) -> bool:
        """Whether a stored URL should be re-checked: published within ``revisit_days``."""
        days = self.source.revisit_days
        if days <= 0:
            return False
        published = state.published or listed
        if published is None:
            return False
        if published.tzinfo is not None:
            published = published.replace(tzinfo=None)
        return now - published <= timedelta(days=days)
