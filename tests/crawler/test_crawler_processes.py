"""crawler.processes: cleaning (and extraction) and storing in worker processes that survive kills and Ctrl-C."""

from __future__ import annotations

import asyncio
import os
import pickle
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from crawler.processes import (
    _POOLS,
    WORKER_NICENESS,
    CleanProcesses,
    PackedPage,
    PageToClean,
    StoreProcess,
    clean_pages,
)
from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.demo.mirror import SITES, MirrorServer
from monitor.demo.mirror.templates import article_path
from monitor.events import Extraction, extract
from monitor.records import FetchedPage, PageToStore
from monitor.store import Database
from monitor.store.event_models import EventRow, FigureRow

FETCHED = datetime(2024, 3, 7, 8, 0, tzinfo=UTC)
HTML = (
    "<html><head><title>金山区举行招商大会</title></head><body><h1>金山区举行招商大会</h1>"
    "<p>1月19日,上海市金山区举行招商大会,石化高性能弹性体等3个项目集中签约,总投资80亿元。</p></body></html>"
).encode()
PAGE = PageToClean(HTML, "http://127.0.0.1/generic/news/1.html", FETCHED, "utf-8", "generic")


def _worker_pids(key: tuple[object, ...]) -> list[int]:
    # ProcessPoolExecutor keeps its workers by pid in ``_processes`` (CPython's own attribute).
    return list(_POOLS[key]._processes)


def test_a_killed_clean_worker_is_replaced_and_the_page_still_cleaned() -> None:
    processes = CleanProcesses()

    async def clean_around_a_kill() -> tuple[str, str]:
        [before] = await processes.clean([PAGE])
        for pid in _worker_pids(processes.spec.key):
            os.kill(pid, signal.SIGKILL)
        [after] = await processes.clean([PAGE])
        return before.article.body, after.article.body

    before, after = asyncio.run(clean_around_a_kill())
    assert "总投资80亿元" in before and after == before


def test_ctrl_c_is_left_to_the_crawl_process() -> None:
    processes = CleanProcesses()

    async def clean_around_an_interrupt() -> tuple[list[int], list[int], str]:
        await processes.clean([PAGE])
        pids = _worker_pids(processes.spec.key)
        for pid in pids:
            os.kill(pid, signal.SIGINT)
        [cleaned] = await processes.clean([PAGE])
        return pids, _worker_pids(processes.spec.key), cleaned.article.body

    before, after, body = asyncio.run(clean_around_an_interrupt())
    assert after == before  # the same workers: none died of the interrupt
    assert "总投资80亿元" in body


def _mirror_pages() -> list[PageToClean]:
    """Every article page of a small mirror (the seeds in their site templates and generated articles)."""
    pages = []
    with MirrorServer(articles_per_site=4, seed=0) as server:
        for style in SITES:
            for article in server.articles(style.name):
                path = article_path(style, article)
                reply = server.answer("GET", path, {}, b"")
                charset = dict(reply.headers)["Content-Type"].partition("charset=")[2] or None
                pages.append(PageToClean(reply.body, server.base_url + path, FETCHED, charset, style.site_type))
    return pages


def test_cleaning_extracts_each_article_with_the_one_extract_function() -> None:
    pages = _mirror_pages()
    cleaned = clean_pages(pages)
    assert [c.extraction for c in cleaned] == [extract(c.article) for c in cleaned]
    assert sum(len(c.extraction.events) for c in cleaned) >= len(pages)  # signings in every site
    [empty] = clean_pages(
        [PageToClean(b"<html><body></body></html>", "http://127.0.0.1/e.html", FETCHED, None, "generic")]
    )
    # a page without text is extracted too (it finds nothing); the crawl drops it before the store
    assert not empty.article.paragraphs and not empty.extraction.events and not empty.extraction.figures


def test_a_cleaned_page_crosses_processes_packed() -> None:
    [cleaned] = clean_pages([PAGE])
    sent = pickle.dumps(cleaned)
    article = cleaned.article  # unpacked here ...
    assert pickle.dumps(cleaned) == sent  # ... but only the packed form is ever sent on
    received = pickle.loads(sent)
    assert received.article == article and received.extraction == extract(article)
    assert received.content_hash == article.content_hash and received.has_text
    # the hash travels inside the packed article too, so the store process does not make it again
    assert "content_hash" in vars(pickle.loads(sent).article)
    assert len(sent) < len(pickle.dumps((article, cleaned.extraction))) + 200


def _stored_events(tmp_path: Path, pages: list[PageToStore]) -> list[tuple[object, ...]]:
    db = Database(f"sqlite:///{tmp_path / 'store.db'}")
    db.upgrade()
    ingest_pages(db, Archive(tmp_path / "archive"), pages)
    with db.session() as session:
        events = session.query(
            EventRow.article_id,
            EventRow.position,
            EventRow.kind,
            EventRow.status,
            EventRow.city,
            EventRow.investment_value,
            EventRow.cluster_id,
        ).order_by(EventRow.id)
        figures = session.query(FigureRow.article_id, FigureRow.text, FigureRow.value).order_by(FigureRow.id)
        rows: list[tuple[object, ...]] = [tuple(r) for r in events]
        rows += [tuple(r) for r in figures]
    db.engine.dispose()
    return rows


def test_a_batch_extracted_in_the_clean_processes_stores_as_one_extracted_here(tmp_path: Path) -> None:
    pages = _mirror_pages()
    cleaned = clean_pages(pages)
    stores = [
        PageToStore(
            FetchedPage(url=p.url, body=p.body, fetched_at=FETCHED, site_type=p.site_type),
            c.article,
            f"mirror-{p.site_type}",
            c.extraction,
        )
        for p, c in zip(pages, cleaned, strict=True)
    ]
    given = _stored_events(tmp_path / "given", stores)
    # import and reprocess extract with the same function, in their own processes
    extracted = _stored_events(tmp_path / "extracted", [replace(s, extraction=extract(s.article)) for s in stores])
    assert given == extracted and len(given) > len(pages)
    # the store files the extraction it is given: one that found nothing stores nothing
    nothing = Extraction(published=None, signing=False, events=(), figures=())
    assert _stored_events(tmp_path / "nothing", [replace(s, extraction=nothing) for s in stores]) == []


def test_a_killed_store_process_is_replaced_and_the_batch_stored(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    Database(url).upgrade()
    store = StoreProcess(url, tmp_path / "archive", 14)
    [cleaned] = asyncio.run(CleanProcesses().clean([PAGE]))

    def page(n: int) -> FetchedPage:
        return FetchedPage(url=f"http://127.0.0.1/generic/news/{n}.html", body=HTML, fetched_at=FETCHED)

    async def store_around_a_kill() -> list[str]:
        # the first page as a crawl hands it over (still packed), the second unpacked
        [first] = await store.store([PackedPage(page(1), "mirror-generic", cleaned)])
        for pid in _worker_pids(store.spec.key):
            os.kill(pid, signal.SIGKILL)
        [second] = await store.store([PageToStore(page(2), cleaned.article, "mirror-generic", cleaned.extraction)])
        return [first.outcome, second.outcome]

    # the second page has the first one's text: a duplicate, stored by the fresh store process
    assert asyncio.run(store_around_a_kill()) == ["new", "duplicate"]


# Starts both pools, prints their workers' pids, then waits to be killed.
_POOL_OWNER = """
import sys, time
from pathlib import Path
from crawler.processes import _POOLS, CleanProcesses, StoreProcess
CleanProcesses()
StoreProcess(sys.argv[1], Path(sys.argv[2]), 14)
while sum(len(pool._processes) for pool in _POOLS.values()) < len(_POOLS) + CleanProcesses().workers - 1:
    time.sleep(0.1)
print(" ".join(str(pid) for pool in _POOLS.values() for pid in pool._processes), flush=True)
time.sleep(600)
"""


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting to be reaped is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_workers_end_when_the_crawl_process_is_killed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    owner = subprocess.Popen(
        [sys.executable, "-c", _POOL_OWNER, url, str(tmp_path / "archive")], stdout=subprocess.PIPE, text=True
    )
    assert owner.stdout is not None
    workers = [int(pid) for pid in owner.stdout.readline().split()]
    assert len(workers) >= 2 and all(_running(pid) for pid in workers)
    owner.kill()  # SIGKILL: no atexit, no pool shutdown
    owner.wait()
    owner.stdout.close()
    deadline = time.monotonic() + 30
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if _running(pid)]


def _niceness(pid: int) -> int:
    # /proc/PID/stat: the 19th field is the nice value (fields after the command name's closing parenthesis).
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])


def test_clean_and_store_workers_yield_the_cpu_to_the_crawl(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    Database(url).upgrade()
    store, cleaning = StoreProcess(url, tmp_path / "archive", 14), CleanProcesses()
    asyncio.run(cleaning.clean([PAGE]))  # the workers are up and initialised
    assert asyncio.run(store.store([])) == []
    workers = _worker_pids(store.spec.key) + _worker_pids(cleaning.spec.key)
    own = os.nice(0)
    expected = min(19, own + WORKER_NICENESS)
    assert workers and [_niceness(pid) for pid in workers] == [expected] * len(workers)
    assert own == 19 or expected > own  # lower priority than the crawl process, not equal
    assert _niceness(os.getpid()) == os.nice(0)  # the crawl process keeps its own priority
