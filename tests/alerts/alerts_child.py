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

from sqlalchemy.orm import Session

from monitor.alerts.dispatch import Dispatcher
from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.config import AlertSettings
from monitor.events.extraction import extract
from monitor.records import FetchedPage, FiledArticle, PageToStore
from monitor.store import Database
from tests.alerts.alerts_helpers import FETCHED, SEEDS_AS_NEWS, seed_article

URL = "https://a.example/baoshan.html"


def pause(point: str) -> None:
    """Tell the parent where we are, then wait to be killed."""
    sys.stdout.write(f"PAUSED {point}\n")
    sys.stdout.flush()
    while True:
        time.sleep(60)


def pause_in_transaction(session: Session, filed: Sequence[FiledArticle]) -> None:
    """Stop inside the storing transaction, after the alerts were queued (ingest's test seam)."""
    pause("in-transaction")


def main() -> None:
    mode, url = sys.argv[1], sys.argv[2]
    db = Database(url)
    if mode == "store":
        where = sys.argv[4] if len(sys.argv) > 4 else ""
        seam = pause_in_transaction if where == "pause-in-transaction" else None
        page = FetchedPage(url=URL, body=b"<html></html>", fetched_at=FETCHED)
        article = seed_article(0)
        pages = [PageToStore(page, article, "mirror-zblog", extract(article))]
        ingest_pages(db, Archive(Path(sys.argv[3])), pages, test_seam_before_commit=seam, alert_policy=SEEDS_AS_NEWS)
        if where == "pause-after-commit":
            pause("after-commit")
    else:
        report = Dispatcher(db, AlertSettings(claim_lease_seconds=0.0)).deliver_due()
        sys.stdout.write(f"SENT {report.messages}\n")
    sys.stdout.write("DONE\n")


if __name__ == "__main__":
    main()
