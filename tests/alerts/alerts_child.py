"""A child process for the crash tests: stores a seed or dispatches, pausing where told.

    python alerts_child.py store DB_URL ARCHIVE_DIR [pause-in-transaction|pause-after-commit]
    python alerts_child.py send DB_URL

``send`` honours SIGNWATCH_ALERTS_PAUSE_AT (claimed, sent, marked).  Leases
are zero so a restarted dispatcher takes over a dead one's claim at once.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from alerts_helpers import FETCHED, seed_article
from sqlalchemy.orm import Session

from monitor.alerts.dispatch import Dispatcher
from monitor.alerts.queueing import alert_step
from monitor.archive.files import Archive
from monitor.archive.ingest import AfterStore, FetchedPage, StoredArticle, ingest_page
from monitor.config import AlertSettings
from monitor.store import Database
from monitor.store.filing import extraction_step

URL = "https://a.example/baoshan.html"


def pause(point: str) -> None:
    """Tell the parent where we are, then wait to be killed."""
    sys.stdout.write(f"PAUSED {point}\n")
    sys.stdout.flush()
    while True:
        time.sleep(60)


def pause_in_transaction(session: Session, articles: Sequence[StoredArticle]) -> None:
    """An after-store step that stops inside the storing transaction, after the alerts were queued."""
    pause("in-transaction")


def main() -> None:
    mode, url = sys.argv[1], sys.argv[2]
    db = Database(url)
    if mode == "store":
        where = sys.argv[4] if len(sys.argv) > 4 else ""
        steps: tuple[AfterStore, ...] = (extraction_step, alert_step)
        if where == "pause-in-transaction":
            steps = (*steps, pause_in_transaction)
        page = FetchedPage(url=URL, body=b"<html></html>", fetched_at=FETCHED)
        ingest_page(db, Archive(Path(sys.argv[3])), page, seed_article(0), "mirror-zblog", after_store=steps)
        if where == "pause-after-commit":
            pause("after-commit")
    else:
        report = Dispatcher(db, AlertSettings(claim_lease_seconds=0.0)).deliver_due()
        sys.stdout.write(f"SENT {report.messages}\n")
    sys.stdout.write("DONE\n")


if __name__ == "__main__":
    main()
