"""Analysis of stored articles: cleaning and extraction, then filing and alert queueing.

Import stores files first and analyses afterwards; ``signwatch reprocess``
analyses everything again from the stored raw pages.  Both run here.
Cleaning and extraction are pure CPU work (``analyse_raw``, the same
``clean_*`` and ``extract`` calls the crawl's clean processes make), so they
run in a pool of worker processes while the parent writes results in
batches, one transaction per batch: the analysis copied onto the rows, then
``file_extractions`` and ``queue_alerts`` as in the crawl's storing
transaction.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from monitor.alerts.policy import AlertPolicy
from monitor.alerts.queueing import queue_alerts
from monitor.archive.storing import apply_analysis, decompress
from monitor.events.extract import Extraction, extract
from monitor.records import StoredArticle
from monitor.store import Article, Database, RawPage
from monitor.store.filing import file_extractions
from monitor.text import CleanArticle, clean_html, clean_text

BATCH_SIZE = 200


@dataclass(frozen=True)
class RawArticle:
    """What cleaning needs of a stored article: its raw page and how to read it."""

    article_id: int
    kind: str  # "html" or "text"
    body: bytes
    encoding: str | None
    site_type: str | None
    url: str | None
    fetched: datetime | None


def clean_raw(raw: RawArticle) -> CleanArticle:
    """Clean one stored raw page."""
    if raw.kind == "html":
        return clean_html(
            raw.body, url=raw.url, fetched=raw.fetched, http_charset=raw.encoding, site_type=raw.site_type
        )
    return clean_text(raw.body.decode("utf-8", "replace"), fetched=raw.fetched, site_type=raw.site_type)


def analyse_raw(raw: RawArticle) -> tuple[CleanArticle, Extraction]:
    """Clean one stored raw page and extract its events (runs in a worker process)."""
    article = clean_raw(raw)
    return article, extract(article)


def _analyse_batch(batch: list[RawArticle]) -> list[tuple[CleanArticle, Extraction]]:
    return [analyse_raw(raw) for raw in batch]


def _load(session: Session, ids: list[int]) -> list[RawArticle]:
    rows = session.execute(
        select(Article.id, Article.url, Article.fetched_at, Article.raw_text, RawPage)
        .outerjoin(RawPage, RawPage.article_id == Article.id)
        .where(Article.id.in_(ids))
        .order_by(Article.id)
    ).all()
    loaded = []
    for article_id, url, fetched, raw_text, raw_page in rows:
        if raw_page is None:
            loaded.append(RawArticle(article_id, "text", raw_text.encode("utf-8"), "utf-8", None, url, fetched))
        else:
            body = decompress(raw_page.compressed)
            loaded.append(
                RawArticle(article_id, raw_page.kind, body, raw_page.encoding, raw_page.site_type, url, fetched)
            )
    return loaded


def _batches(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def mark_all_pending(db: Database) -> int:
    """Mark every article for analysis again (``signwatch reprocess``); return how many."""
    with db.session() as session:
        return session.execute(update(Article).values(analysed_at=None)).rowcount  # type: ignore[attr-defined,no-any-return]


def analyse_pending(
    db: Database,
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    alert_policy: AlertPolicy | None = None,
) -> int:
    """Analyse every article not yet analysed, file its events and queue its alerts; return how many.

    ``alert_policy`` (``AlertPolicy.from_settings(settings.alerts)``) judges
    which events alert; None: the default ``[alerts]`` settings, judged now.
    """
    with db.session() as session:
        ids = list(session.scalars(select(Article.id).where(Article.analysed_at.is_(None)).order_by(Article.id)))
    if not ids:
        return 0
    count = workers if workers is not None else min(os.cpu_count() or 1, 4)
    # A pool costs process start-up; small jobs are faster in-process.
    if count <= 1 or len(ids) < 2 * BATCH_SIZE:
        return _run(db, ids, None, progress, alert_policy)
    with ProcessPoolExecutor(max_workers=count) as pool:
        return _run(db, ids, pool, progress, alert_policy)


def _run(
    db: Database,
    ids: list[int],
    pool: Executor | None,
    progress: Callable[[int], None] | None,
    alert_policy: AlertPolicy | None = None,
) -> int:
    done = 0
    loads = (_load_batch(db, batch) for batch in _batches(ids, BATCH_SIZE))
    if pool is None:
        results: Iterator[tuple[list[RawArticle], list[tuple[CleanArticle, Extraction]]]] = (
            (raws, _analyse_batch(raws)) for raws in loads
        )
    else:
        raw_batches = list(loads)
        results = zip(raw_batches, pool.map(_analyse_batch, raw_batches), strict=True)
    for raws, analysed in results:
        with db.session() as session:
            stored: list[StoredArticle] = []
            for raw, (article, extraction) in zip(raws, analysed, strict=True):
                row = session.get(Article, raw.article_id)
                if row is None:
                    continue
                apply_analysis(row, article)
                # stored before this transaction: its earlier events, if any, are replaced
                stored.append(StoredArticle(row, article, extraction, inserted=False))
            if stored:
                queue_alerts(session, file_extractions(session, stored), alert_policy, reanalysis=True)
        done += len(raws)
        if progress is not None:
            progress(done)
    return done


def _load_batch(db: Database, ids: list[int]) -> list[RawArticle]:
    with db.session() as session:
        return _load(session, ids)
