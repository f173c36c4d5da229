"""The steps that run inside the storing transaction of every new article.

Crawl (monitor.archive.ingest), import and reprocess (monitor.archive.analysis) all store
articles; each then hands the new row and its cleaned text to these steps, in
order, inside the same transaction: extraction stores events and clusters,
then alert queueing writes outbox rows for them.
"""

from __future__ import annotations

from monitor.alerts.queueing import alert_step
from monitor.archive.ingest import AfterStore
from monitor.store.filing import extraction_step


def after_store_steps() -> tuple[AfterStore, ...]:
    """The steps every stored article goes through, in order."""
    return (extraction_step, alert_step)
