"""The storing transaction of crawled pages: store the batch, file its extractions, queue its alerts.

``ingest_pages`` is the single door through which fetched, cleaned and
extracted pages enter the archive and the store.  Everything an article
brings with it (its URL, its raw page, its events and outbox rows) is
written in one transaction, three plain calls each taking what the one
before returned::

    batch = store_pages(session, archive, pages)       # monitor.archive.storing
    filed = file_extractions(session, batch.articles)  # monitor.store.filing
    queue_alerts(session, filed)                       # monitor.alerts.queueing
    queue_stage_alerts(session, filed)                 # monitor.alerts.stage_alerts

so a crash leaves either all of it or none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from monitor.alerts.policy import AlertPolicy
from monitor.alerts.queueing import queue_alerts
from monitor.alerts.stage_alerts import queue_stage_alerts
from monitor.archive.files import Archive
from monitor.archive.storing import store_pages
from monitor.errors import PartlyStored, StoreError, WriteConflict
from monitor.records import FiledArticle, IngestResult, PageToStore
from monitor.store import Database
from monitor.store.filing import file_extractions

# Test seam: called inside the transaction once the batch is stored, filed and
# queued (with what filing returned), so a test can meet a real database failure at that point (a unique
# key another writer took, a connection the server ended) and check that the
# batch is rolled back and retried page by page.  Production callers never pass it;
# bench/bench_store.py uses it to read what filing decided, without changing it.
TestSeamBeforeCommit = Callable[[Session, Sequence[FiledArticle]], None]


def ingest_pages(
    db: Database,
    archive: Archive,
    pages: Sequence[PageToStore],
    *,
    test_seam_before_commit: TestSeamBeforeCommit | None = None,
    alert_policy: AlertPolicy | None = None,
) -> list[IngestResult]:
    """Store pages in one transaction, with their events and outbox rows; a result per page, in order.

    One transaction per batch saves a commit, and the batch's lookups and
    inserts are one statement each instead of one per page.  When the batch
    meets another writer at a unique key (an IntegrityError), or two
    writers' batches wait on each other's new rows until the database aborts
    one (a WriteConflict: a deadlock), it is rolled back and its pages are
    stored one by one, so the race resolves as a duplicate exactly as for a
    single page.  A database lost partway through that raises PartlyStored
    with the results of the pages committed before.  ``alert_policy``
    (``AlertPolicy.from_settings(settings.alerts)``) judges which events
    alert; None: the default ``[alerts]`` settings, judged now.
    """
    if len(pages) > 1:
        try:
            with db.session() as session:
                return _transaction(session, archive, pages, test_seam_before_commit, alert_policy)
        except (IntegrityError, WriteConflict):
            pass  # rolled back as a whole; one by one below
    results: list[IngestResult] = []
    for item in pages:
        try:
            results.append(_ingest_alone(db, archive, item, test_seam_before_commit, alert_policy))
        except StoreError as error:
            if not results:
                raise
            raise PartlyStored(str(error), results) from None
    return results


def _ingest_alone(
    db: Database,
    archive: Archive,
    item: PageToStore,
    seam: TestSeamBeforeCommit | None,
    alert_policy: AlertPolicy | None = None,
) -> IngestResult:
    """One page in its own transaction, retried once when another writer stored the same text first."""
    for attempt in range(2):
        try:
            with db.session() as session:
                [result] = _transaction(session, archive, [item], seam, alert_policy)
                return result
        except (IntegrityError, WriteConflict):
            if attempt:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _transaction(
    session: Session,
    archive: Archive,
    pages: Sequence[PageToStore],
    seam: TestSeamBeforeCommit | None,
    alert_policy: AlertPolicy | None = None,
) -> list[IngestResult]:
    """The three steps in ``session``'s transaction."""
    batch = store_pages(session, archive, pages)
    filed = file_extractions(session, batch.articles) if batch.articles else []
    queue_alerts(session, filed, alert_policy)
    queue_stage_alerts(session, filed, alert_policy)
    if seam is not None:
        seam(session, filed)
    return batch.results
