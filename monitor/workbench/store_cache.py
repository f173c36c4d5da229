"""A short-lived cache of answers computed from the whole store, dropped as soon as anything new is stored.

The Overview's sums and the filters' choices read every event; at a
million articles that is seconds, and they change only when something is
stored.  Each answer is kept for ``TTL_SECONDS`` at most and only while
the store's *version* — the newest article, event, cluster and crawl-run
ids, four index lookups — is the one it was computed at: a crawl that
stores a page or fails, a repost joining a cluster, or a reprocess
re-filing events all make new ids, so the next request computes afresh.  A change that makes no new
row (a deletion) shows within the TTL.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from monitor.store.event_models import Cluster, EventRow
from monitor.store.models import Article, CrawlRun

TTL_SECONDS = 60.0
MAX_ENTRIES = 256  # per database; the oldest go first
T = TypeVar("T")
Version = tuple[int | None, ...]


def store_version(session: Session) -> Version:
    """The newest article, event, cluster and crawl-run ids: any store of a page, an event or a run changes it."""
    row = session.execute(
        select(*(select(func.max(model.id)).scalar_subquery() for model in (Article, EventRow, Cluster, CrawlRun)))
    ).one()
    return tuple(row)


class StoreCache:
    """Answers of one database, each with the version and moment it was computed at."""

    def __init__(self) -> None:
        self._entries: dict[Hashable, tuple[Version, float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, version: Version, compute: Callable[[], T]) -> T:
        """The answer for ``key`` at ``version``: kept if fresh, else ``compute()`` (and kept)."""
        now = time.monotonic()
        with self._lock:
            found = self._entries.get(key)
        if found is not None and found[0] == version and now - found[1] < TTL_SECONDS:
            answer: T = found[2]
            return answer
        answer = compute()
        with self._lock:
            self._entries.pop(key, None)
            self._entries[key] = (version, now, answer)
            while len(self._entries) > MAX_ENTRIES:
                del self._entries[next(iter(self._entries))]
        return answer


_CACHES: WeakKeyDictionary[Engine, StoreCache] = WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


class BoundCache:
    """A database's cache at the version one session sees (read once, on first use)."""

    def __init__(self, session: Session, cache: StoreCache) -> None:
        self._session = session
        self._cache = cache
        self._version: Version | None = None

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer for ``key`` at this session's store version (see ``StoreCache.get``)."""
        if self._version is None:
            self._version = store_version(self._session)
        return self._cache.get(key, self._version, compute)


def store_cache(session: Session) -> BoundCache:
    """The cache of the database ``session`` reads, at the store's current version."""
    engine = session.get_bind().engine
    with _CACHES_LOCK:
        cache = _CACHES.get(engine)
        if cache is None:
            cache = _CACHES[engine] = StoreCache()
    bound: BoundCache | None = session.info.get("store_cache")
    if bound is None or bound._cache is not cache:
        bound = session.info["store_cache"] = BoundCache(session, cache)
    return bound
