"""Processes of the crawl's own for cleaning and storing, so crawling, cleaning and storing use several cores.

Cleaning a page (decoding, OpenCC, the DOM rules) and extracting its events,
and storing it (the storing transaction of ``monitor.archive.ingest``: the
article rows, filing the events under clusters, queueing alerts) each cost
more than Scrapy spends fetching and parsing it.  In a
thread of the crawl process that work holds the GIL, and the reactor thread
waits for it between every network event (AutoThrottle then reads the wait
as a slow site); in processes of their own it runs beside the crawl.

- ``CleanProcesses``: a pool (one worker per spare core, at most four) that
  cleans batches of pages into ``CleanArticle``s and extracts each one
  (``monitor.events.extraction``: the one place articles are extracted);
- ``StoreProcess``: one process per database and archive that stores
  batches of pages, one transaction each, so an article, its events and its
  outbox rows are still written together.

Both start (with ``spawn``: the crawl process runs threads and holds open
database connections, which a forked child must not inherit) on the first
page a crawl of ``crawler.run`` has for them (a poll of sources where nothing
changed, the common case of a daemon polling often, never starts them; each
costs seconds of CPU to start), as early as a crawl worker knows its
settings, and stop when the interpreter exits.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from monitor.alerts.policy import AlertPolicy
from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.events.extraction import Extraction, extract
from monitor.records import FetchedPage, IngestResult, PageToStore
from monitor.store import Database
from monitor.text import clean_html
from monitor.text.article import CleanArticle
from monitor.text.plausible import not_an_article

# At most this many cleaning processes, however many cores there are.
MAX_CLEAN_WORKERS = 4
# How much lower the workers' CPU priority is than the crawl process's (see _start_worker).
WORKER_NICENESS = 10
# How often a worker looks whether the crawl process is still there.
PARENT_CHECK_SECONDS = 1.0

_POOLS: dict[tuple[Any, ...], ProcessPoolExecutor] = {}

# In the store process: what ``_open_store`` made.
_STORE: tuple[Database, Archive, AlertPolicy] | None = None


@dataclass(frozen=True)
class _PoolSpec:
    """How to start one pool: its size and its workers' initializer (which also name it in ``_POOLS``)."""

    workers: int
    initializer: Callable[..., None]
    initargs: tuple[Any, ...] = ()

    @property
    def key(self) -> tuple[Any, ...]:
        """One pool per initializer and arguments (one store process per database and archive)."""
        return (self.initializer.__name__, *self.initargs)


def _pool(spec: _PoolSpec) -> ProcessPoolExecutor:
    """The pool of ``spec``, started on first use (and told to start its workers now).

    A pool of the same initializer with other arguments is shut down: a
    long-lived crawl process whose config now names another database and
    archive (a reload) stores there, and the old store process would
    otherwise stay, idle and connected, for the process's life.  Work it
    still has is finished first.
    """
    if spec.key not in _POOLS:
        for key in [key for key in _POOLS if key[0] == spec.key[0]]:
            _POOLS.pop(key).shutdown(wait=False)
        pool = ProcessPoolExecutor(
            max_workers=spec.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(spec.initializer, spec.initargs, os.getpid()),
        )
        for _ in range(spec.workers):
            pool.submit(_ready)  # start them now: their imports overlap the crawl's start-up
        _POOLS[spec.key] = pool
    return _POOLS[spec.key]


async def _run_in_pool(spec: _PoolSpec, function: Callable[[Any], Any], argument: Any) -> Any:
    """``function(argument)`` in the pool of ``spec``; once more in a fresh pool if a worker died.

    A pool whose worker was killed (out of memory, a signal) refuses all
    later work; without a fresh one the rest of the crawl would store nothing.
    Cleaning is pure and storing a batch is one transaction (rolled back when
    its process died), so running the batch again is safe.
    """
    pool = _pool(spec)
    try:
        return await asyncio.wrap_future(pool.submit(function, argument))
    except BrokenProcessPool:
        if _POOLS.get(spec.key) is pool:
            del _POOLS[spec.key]
            pool.shutdown(wait=False, cancel_futures=True)
        return await asyncio.wrap_future(_pool(spec).submit(function, argument))


def _start_worker(initializer: Callable[..., None], initargs: tuple[Any, ...], parent: int) -> None:
    """Every worker's start: leave Ctrl-C to the crawl process, lower its priority, then the pool's own initializer.

    Ctrl-C reaches the whole process group; a worker interrupted mid-page
    would send the KeyboardInterrupt back as its result and break the crawl's
    orderly shutdown, which is the crawl process's to run.

    Workers run at a lower priority (``WORKER_NICENESS``): when the cores
    are busy, the crawl's reactor goes first.  Its delays would otherwise
    read as a slow site to AutoThrottle and slow the fetching of every page.
    The store process is one of them: while it waits, pages queue up for it
    and its next batch is larger (fewer transactions), and the crawl drains
    the queue when its fetching is done.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(WORKER_NICENESS)
    # The parent's pid comes from the parent: it may have died while this worker was starting.
    threading.Thread(target=_exit_with_parent, args=(parent,), name="parent-watch", daemon=True).start()
    initializer(*initargs)


def _exit_with_parent(parent: int) -> None:
    """End this worker once the crawl process that started it is gone.

    A pool worker waits on its work queue, whose write end it holds itself,
    so a crawl process killed outright (SIGKILL, the OOM killer) would leave
    it waiting for ever, with its database connections open.
    """
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(0)


def _ready() -> bool:
    return True


# --- storing -------------------------------------------------------------


def _open_store(database_url: str, archive_path: str, max_event_age_days: int, layout: str | None = None) -> None:
    """Store-process initializer: connect to the database (migrated by the crawl process) and open the archive."""
    global _STORE
    _STORE = (Database(database_url), Archive(Path(archive_path), layout), AlertPolicy(max_event_age_days))


def _store(pages: list[StorePage]) -> list[IngestResult]:
    """In the store process: store a batch, with its events and alerts, in one transaction."""
    assert _STORE is not None, "the store process was not initialised"
    db, archive, policy = _STORE
    unpacked = [page.unpacked() if isinstance(page, PackedPage) else page for page in pages]
    # A database it cannot reach comes back as the StoreError Database.session makes of it, which pickles whole.
    return ingest_pages(db, archive, unpacked, alert_policy=policy)


class StoreProcess:
    """The store process of one database and archive (shared by every crawl of this process)."""

    def __init__(
        self,
        database_url: str,
        archive_path: Path,
        max_event_age_days: int,
        *,
        start: bool = True,
        layout: str | None = None,
    ) -> None:
        """Start (or reuse) the store process for this database and archive, alerting by the given age limit.

        ``start=False``: started on the first batch to store (a poll where nothing changed never starts it).
        ``layout``: the ``[archive] layout`` a new archive gets (None: the archive's own).
        """
        self.spec = _PoolSpec(1, _open_store, (database_url, str(archive_path), max_event_age_days, layout))
        if start:
            _pool(self.spec)

    async def store(self, pages: list[StorePage]) -> list[IngestResult]:
        """Store ``pages`` in one transaction in the store process; their results in order."""
        results: list[IngestResult] = await _run_in_pool(self.spec, _store, pages)
        return results


# --- cleaning ------------------------------------------------------------


@dataclass(frozen=True)
class PageToClean:
    """A fetched article page and what cleaning needs to know about it.

    ``listed_published``: the date the feed that linked the page gave it (None: none).
    """

    body: bytes
    url: str
    fetched: datetime
    http_charset: str | None
    site_type: str
    listed_published: datetime | None = None


def _warm_cleaning() -> None:
    """Clean-process initializer: load what cleaning and extraction load on first use (OpenCC, rules, gazetteer)."""
    page = "<html><body><p>上海市宝山区签约10个项目,总投资20亿元。</p></body></html>".encode()
    clean_pages([PageToClean(page, "", datetime.now(), "utf-8", "generic")])


# What the crawl does with a cleaned page that is not stored: "not_article" or "error", and why.
PageProblem = tuple[str, str]
NOT_ARTICLE = "not_article"
ERROR = "error"
# A reason quoted from an exception is cut to this length (one line in a run's problems).
MAX_REASON = 300


class CleanedPage:
    """A page's cleaned article and its extraction, or why it is no article, or why cleaning failed.

    The article and extraction travel pickled, as the clean process packed
    them: the crawl process needs only the content hash (to drop known
    text) and the verdict (``problem``: None for an article, else
    ``("not_article", why)`` or ``("error", why)``), and passes the rest on
    to the store process.  Unpickling a few kilobytes of nested dataclasses
    there, only to pickle them again for the store, costs the crawl's reactor
    about 150 µs a page.  ``article`` and ``extraction`` unpack on first use.
    """

    __slots__ = ("_unpacked", "content_hash", "packed", "problem")

    def __init__(self, content_hash: str, problem: PageProblem | None, packed: bytes) -> None:
        """A cleaned page as the clean process packs it (``pack`` and ``failed`` make one)."""
        self.content_hash = content_hash
        self.problem = problem
        self.packed = packed
        self._unpacked: tuple[CleanArticle, Extraction] | None = None

    @classmethod
    def pack(cls, article: CleanArticle, extraction: Extraction) -> CleanedPage:
        """Pack a cleaned article and its extraction (the article's content hash, computed first, travels in it)."""
        digest = article.content_hash  # a cached property: pickled with the article, not made again by the store
        packed = pickle.dumps((article, extraction), protocol=pickle.HIGHEST_PROTOCOL)
        why = not_an_article(article)
        return cls(digest, (NOT_ARTICLE, why) if why is not None else None, packed)

    @classmethod
    def failed(cls, error: BaseException) -> CleanedPage:
        """A page whose cleaning or extraction raised ``error``: nothing to store, only the reason."""
        return cls("", (ERROR, f"cleaning failed: {describe_error(error)}"), b"")

    @property
    def has_text(self) -> bool:
        """True when the page is an article to store (it has text, and cleaning did not fail)."""
        return self.problem is None

    def _unpack(self) -> tuple[CleanArticle, Extraction]:
        if self._unpacked is None:
            self._unpacked = pickle.loads(self.packed)
        return self._unpacked

    @property
    def article(self) -> CleanArticle:
        """The cleaned article."""
        return self._unpack()[0]

    @property
    def extraction(self) -> Extraction:
        """The article's extraction."""
        return self._unpack()[1]

    def __reduce__(self) -> tuple[type[CleanedPage], tuple[str, PageProblem | None, bytes]]:
        # Only the packed form crosses a process boundary, never an unpacked copy.
        return (CleanedPage, (self.content_hash, self.problem, self.packed))


def describe_error(error: BaseException) -> str:
    """An exception as one short line: its type and the first line of its message."""
    lines = str(error).strip().splitlines()
    text = f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"


@dataclass(frozen=True)
class PackedPage:
    """A page on its way to the store process with its cleaned article and extraction still packed."""

    page: FetchedPage
    source: str
    cleaned: CleanedPage

    def unpacked(self) -> PageToStore:
        """The page as ``monitor.archive.ingest`` stores it (in the store process)."""
        return PageToStore(self.page, self.cleaned.article, self.source, self.cleaned.extraction)


# What the store process takes: a page cleaned in this process, or one a clean process packed.
StorePage = PageToStore | PackedPage


def clean_pages(pages: list[PageToClean]) -> list[CleanedPage]:
    """Clean a batch of pages and extract each article (in a clean process, or wherever it is called).

    Extraction is pure text work on the cleaned article; done here, it runs
    on the clean processes' cores instead of in the one store process every
    page waits on.  (A page whose text turns out to be stored already was
    extracted for nothing: a rare waste, and off the serial path.)
    """
    cleaned = []
    for p in pages:
        try:
            article = clean_html(
                p.body,
                url=p.url,
                fetched=p.fetched,
                http_charset=p.http_charset,
                site_type=p.site_type,
                listed_published=p.listed_published,
            )
            cleaned.append(CleanedPage.pack(article, extract(article)))
        except Exception as error:  # one page's failure is its own outcome, never its batch-mates'
            cleaned.append(CleanedPage.failed(error))
    return cleaned


def clean_workers() -> int:
    """How many cleaning processes: one per core the crawl and store processes leave, at least one."""
    return max(1, min(MAX_CLEAN_WORKERS, (os.cpu_count() or 1) - 2))


class CleanProcesses:
    """The pool of cleaning processes (one per crawl process)."""

    def __init__(self, *, start: bool = True) -> None:
        """Start (or reuse) the pool; ``start=False``: started on the first page to clean."""
        self.workers = clean_workers()
        self.spec = _PoolSpec(self.workers, _warm_cleaning)
        if start:
            _pool(self.spec)

    async def clean(self, pages: list[PageToClean]) -> list[CleanedPage]:
        """Clean and extract ``pages`` in a clean process; the results in order."""
        cleaned: list[CleanedPage] = await _run_in_pool(self.spec, clean_pages, pages)
        return cleaned
