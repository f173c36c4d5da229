"""Analysis of stored articles: cleaning and extraction, then filing and alert queueing.

Import stores files first and analyses afterwards; ``signwatch reprocess``
analyses everything again from the stored raw pages.  Both run here.
Cleaning and extraction are pure CPU work (``analyse_raw``, the same
``clean_*`` and ``extract`` calls the crawl's clean processes make), so they
run in a pool of worker processes while the parent writes results in
batches, one transaction per batch: the analysis copied onto the rows, then
``file_extractions`` and ``queue_alerts`` as in the crawl's storing
transaction.

An article that fails (its raw page unreadable, cleaning or extraction
raising, filing refused by the database) is reported with its reason
(``AnalysisFailure``, logged and handed to ``on_failure``) and left pending,
so a later run tries it again; the rest of its batch, and the batches after
it, go on.  A batch whose transaction fails is filed again one article at a
time, so only the article at fault is left out.

Re-reading a stored page also re-asks what it is: a page that now reads as a
listing (``monitor.text.page_kind``: stored before listings were told from
articles) is reported as not an article, with why (``NotAnArticle``, handed
to ``on_not_article``), and files no events, so the events once read from
its teasers go.  And a publication date the store holds is kept when the
raw page gives none: it came from where re-reading cannot go (the feed item
that listed the page), as the crawl found it.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from monitor.alerts.policy import AlertPolicy
from monitor.alerts.queueing import queue_alerts
from monitor.alerts.stage_alerts import queue_stage_alerts
from monitor.archive.storing import apply_analysis, decompress
from monitor.events.extraction import Extraction, extract
from monitor.records import StoredArticle
from monitor.store import Article, Database, RawPage
from monitor.store.filing import file_extractions
from monitor.store.search_index import write_entries
from monitor.text import CleanArticle, clean_html, clean_text
from monitor.text.byline import beijing_time
from monitor.text.page_kind import LISTING_PAGE
from monitor.text.plausible import not_an_article

BATCH_SIZE = 200
# Batches handed to the pool ahead of the one being filed, per worker: enough to keep
# every worker busy while the parent files, few enough that a million articles'
# raw pages are never all in memory at once.
_IN_FLIGHT = 2
# A reason quoted from an exception is cut to this length.
_MAX_REASON = 300

log = logging.getLogger("signwatch.analysis")


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
    # The publication date stored with the article (a feed's date, which the raw page does not hold).
    published: datetime | None = None


def clean_raw(raw: RawArticle) -> CleanArticle:
    """Clean one stored raw page."""
    if raw.kind == "html":
        return clean_html(
            raw.body, url=raw.url, fetched=raw.fetched, http_charset=raw.encoding, site_type=raw.site_type
        )
    return clean_text(raw.body.decode("utf-8", "replace"), fetched=raw.fetched, site_type=raw.site_type)


@dataclass(frozen=True)
class AnalysisFailure:
    """A stored article that could not be analysed, and why (one line); it stays pending."""

    article_id: int
    archive_name: str
    reason: str

    def to_json(self) -> dict[str, str | int]:
        """``{"article", "file", "reason"}``."""
        return {"article": self.article_id, "file": self.archive_name, "reason": self.reason}


# What a worker makes of one raw page: its analysis, or why it failed.
Analysed = tuple[CleanArticle, Extraction] | str


def describe_error(error: BaseException) -> str:
    """An exception as one short line: its type and the first line of its message."""
    lines = str(error).strip().splitlines()
    text = f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 1] + "…"


@dataclass(frozen=True)
class NotAnArticle:
    """A stored page that re-reads as no article (a listing page), and why (one line); it files no events."""

    article_id: int
    archive_name: str
    reason: str

    def to_json(self) -> dict[str, str | int]:
        """``{"article", "file", "reason"}``."""
        return {"article": self.article_id, "file": self.archive_name, "reason": self.reason}


def analyse_raw(raw: RawArticle) -> tuple[CleanArticle, Extraction]:
    """Clean one stored raw page and extract its events (runs in a worker process).

    The stored date stays when the page gives none; a page that reads as a
    listing is extracted as an empty page (its teasers are other articles').
    """
    article = clean_raw(raw)
    if article.published is None and raw.published is not None:
        # on a Beijing clock, as cleaning gives it: the store reads it back in UTC, and the
        # article's day (今天, 10日 counted from it) is Beijing's (2018-07-10, not 07-09 16:00 UTC's day)
        article = replace(article, published=beijing_time(raw.published))
    if listing_reason(article) is not None:
        return article, extract(_NOTHING)
    return article, extract(article)


# What a listing page reports: nothing.
_NOTHING = CleanArticle(title=None, paragraphs=())


def listing_reason(article: CleanArticle) -> str | None:
    """Why a re-read page is a listing, not an article (one line); None when it is not one."""
    return not_an_article(article) if LISTING_PAGE in article.flags else None


def _analyse_batch(batch: list[RawArticle]) -> list[Analysed]:
    analysed: list[Analysed] = []
    for raw in batch:
        try:
            analysed.append(analyse_raw(raw))
        except Exception as error:  # this article's failure, never its batch-mates'
            analysed.append(f"cleaning failed: {describe_error(error)}")
    return analysed


def _load(session: Session, ids: list[int]) -> list[RawArticle]:
    """The raw pages of ``ids`` (a page that cannot be read is left out: see ``_load_checked``)."""
    return _load_checked(session, ids)[0]


def _load_checked(session: Session, ids: list[int]) -> tuple[list[RawArticle], dict[int, str]]:
    """The raw pages of ``ids``, and the articles whose stored page cannot be read, with why."""
    rows = session.execute(
        select(Article.id, Article.url, Article.fetched_at, Article.published_at, Article.raw_text, RawPage)
        .outerjoin(RawPage, RawPage.article_id == Article.id)
        .where(Article.id.in_(ids))
        .order_by(Article.id)
    ).all()
    loaded = []
    unreadable: dict[int, str] = {}
    for article_id, url, fetched, published, raw_text, raw_page in rows:
        if raw_page is None:
            text = raw_text.encode("utf-8")
            loaded.append(RawArticle(article_id, "text", text, "utf-8", None, url, fetched, published))
            continue
        try:
            body = decompress(raw_page.compressed)
        except Exception as error:  # a damaged row: this article only
            unreadable[article_id] = f"stored raw page unreadable: {describe_error(error)}"
            continue
        kind, encoding, site_type = raw_page.kind, raw_page.encoding, raw_page.site_type
        loaded.append(RawArticle(article_id, kind, body, encoding, site_type, url, fetched, published))
    return loaded, unreadable


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
    on_failure: Callable[[AnalysisFailure], None] | None = None,
    on_not_article: Callable[[NotAnArticle], None] | None = None,
) -> int:
    """Analyse every article not yet analysed, file its events and queue its alerts; return how many were.

    ``alert_policy`` (``AlertPolicy.from_settings(settings.alerts)``) judges
    which events alert; None: the default ``[alerts]`` settings, judged now.
    An article that fails is logged, handed to ``on_failure`` and left
    pending (the next run tries it again); ``progress`` counts it among the
    articles done.  A stored page that reads as a listing is analysed (it
    files no events) and handed to ``on_not_article`` with why.
    """
    with db.session() as session:
        ids = list(session.scalars(select(Article.id).where(Article.analysed_at.is_(None)).order_by(Article.id)))
    if not ids:
        return 0
    run = _Run(db, alert_policy, progress, on_failure, on_not_article)
    count = workers if workers is not None else min(os.cpu_count() or 1, 4)
    # A pool costs process start-up; small jobs are faster in-process.
    if count <= 1 or len(ids) < 2 * BATCH_SIZE:
        return run.over(ids, None)
    with ProcessPoolExecutor(max_workers=count) as pool:
        return run.over(ids, pool, ahead=count * _IN_FLIGHT)


# A raw page analysed and ready to file: the page, its cleaned article, its extraction.
Ready = tuple[RawArticle, CleanArticle, Extraction]


@dataclass
class _Batch:
    """One batch on its way: the pages loaded, those that could not be, and the analysis (made or coming)."""

    raws: list[RawArticle]
    unreadable: dict[int, str]
    analysed: list[Analysed] | Future[list[Analysed]]

    def results(self) -> list[Analysed]:
        """The analysis of every raw page, in order (a failed worker process fails its whole batch)."""
        if isinstance(self.analysed, list):
            return self.analysed
        try:
            return self.analysed.result()
        except Exception as error:  # the worker process died (killed, out of memory): this batch only
            return [f"analysis process failed: {describe_error(error)}"] * len(self.raws)


@dataclass
class _Run:
    """One analysis run over pending articles: where it files, whom it tells."""

    db: Database
    alert_policy: AlertPolicy | None
    progress: Callable[[int], None] | None
    on_failure: Callable[[AnalysisFailure], None] | None
    on_not_article: Callable[[NotAnArticle], None] | None = None

    def over(self, ids: list[int], pool: Executor | None, ahead: int = 1) -> int:
        """Analyse and file ``ids`` batch by batch (in ``pool`` when given, ``ahead`` batches ahead); how many were."""
        done = analysed = 0
        loads = (_load_batch(self.db, batch) for batch in _batches(ids, BATCH_SIZE))
        batches: Iterator[_Batch]
        if pool is None:
            batches = (_Batch(raws, bad, _analyse_batch(raws)) for raws, bad in loads)
        else:
            batches = _submitted(loads, pool, ahead)
        for batch in batches:
            failures = dict(batch.unreadable)
            ready: list[Ready] = []
            for raw, result in zip(batch.raws, batch.results(), strict=True):
                if isinstance(result, str):
                    failures[raw.article_id] = result
                else:
                    ready.append((raw, *result))
            not_filed = self._file(ready)
            analysed += len(ready) - len(not_filed)
            failures.update(not_filed)
            if failures:
                self._report(failures)
            listings = {
                raw.article_id: why
                for raw, article, _ in ready
                if raw.article_id not in not_filed and (why := listing_reason(article)) is not None
            }
            if listings:
                self._report_not_articles(listings)
            done += len(batch.raws) + len(batch.unreadable)
            if self.progress is not None:
                self.progress(done)
        return analysed

    def _file(self, ready: list[Ready]) -> dict[int, str]:
        """Copy the analyses onto their rows, file and queue, one transaction; the articles that failed, with why.

        A batch the database refuses is filed again one article at a time:
        only the article at fault is left out (and pending).
        """
        if not ready:
            return {}
        try:
            self._file_together(ready)
        except Exception as error:
            if len(ready) == 1:
                return {ready[0][0].article_id: f"filing failed: {describe_error(error)}"}
            failures: dict[int, str] = {}
            for item in ready:
                failures.update(self._file([item]))
            return failures
        return {}

    def _file_together(self, ready: list[Ready]) -> None:
        with self.db.session() as session:
            # One query for the batch's rows and one index write for its texts, not one of each per article.
            ids = [raw.article_id for raw, _, _ in ready]
            rows = {row.id: row for row in session.scalars(select(Article).where(Article.id.in_(ids)))}
            present = [
                (rows[raw.article_id], article, extraction)
                for raw, article, extraction in ready
                if raw.article_id in rows
            ]
            if not present:
                return
            # the old title and text are handed over before apply_analysis replaces them (SQLite deletes by them);
            # an article cleaned to the same title and text (most, on a reprocess) keeps the entry it has
            old = {row.id: (row.title, row.clean_text) for row, _, _ in present}
            entries = [
                (row.id, article.title, article.canonical_text)
                for row, article, _ in present
                if old[row.id] != (article.title, article.canonical_text)
            ]
            if entries:
                write_entries(session, entries, replace=True, old=old)
            stored: list[StoredArticle] = []
            for row, article, extraction in present:
                apply_analysis(row, article)
                # stored before this transaction: its earlier events, if any, are replaced
                stored.append(StoredArticle(row, article, extraction, inserted=False))
            filed = file_extractions(session, stored)
            queue_alerts(session, filed, self.alert_policy, reanalysis=True)
            queue_stage_alerts(session, filed, self.alert_policy)

    def _names(self, ids: list[int]) -> dict[int, str]:
        with self.db.session() as session:
            rows = session.execute(select(Article.id, Article.archive_name).where(Article.id.in_(ids)))
            return {article_id: name for article_id, name in rows}

    def _report_not_articles(self, listings: dict[int, str]) -> None:
        """Log each stored page that re-reads as a listing with its file name and reason, and hand it on."""
        names = self._names(list(listings))
        for article_id, reason in sorted(listings.items()):
            found = NotAnArticle(article_id, names.get(article_id, "?"), reason)
            log.info("article %d (%s) is not an article: %s", article_id, found.archive_name, reason)
            if self.on_not_article is not None:
                self.on_not_article(found)

    def _report(self, failures: dict[int, str]) -> None:
        """Log each failed article with its file name and reason, and hand it on."""
        names = self._names(list(failures))
        for article_id, reason in sorted(failures.items()):
            failure = AnalysisFailure(article_id, names.get(article_id, "?"), reason)
            log.warning("article %d (%s) not analysed: %s", article_id, failure.archive_name, reason)
            if self.on_failure is not None:
                self.on_failure(failure)


def _submitted(
    loads: Iterator[tuple[list[RawArticle], dict[int, str]]], pool: Executor, ahead: int
) -> Iterator[_Batch]:
    """The batches in order, each handed to ``pool`` when loaded, at most ``ahead`` beyond the one being filed."""
    waiting: deque[_Batch] = deque()
    for raws, bad in loads:
        waiting.append(_Batch(raws, bad, pool.submit(_analyse_batch, raws)))
        if len(waiting) > ahead:
            yield waiting.popleft()
    while waiting:
        yield waiting.popleft()


def _load_batch(db: Database, ids: list[int]) -> tuple[list[RawArticle], dict[int, str]]:
    with db.session() as session:
        return _load_checked(session, ids)
