"""A reprocess gives back the clusters the articles were filed in, whatever order they came in.

Filing is not the same in every order: a report may match two reports that
do not match each other, so which cluster it joins depends on which of them
was filed first, and a crawl's clusters depend on the order its articles
arrived (the crawl of busy sources, on a loaded machine, changes it).  A
reprocess files each article against what was filed before it, as the crawl
did, so it gives back the same clusters under the same ids, and queues no
alert.  Before it did, an article met the previous events of the articles
filed after it, and in four of six arrival orders of the demo's articles
the reprocess moved some reports to another cluster (and owed the new
cluster's first report an alert).  Real texts (``tests.archive.real_texts``),
imported in their order and in a shuffled order, then reprocessed (each of
the four orders tried failed before).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from monitor.alerts.subscriptions import SubscriptionSpec, add_subscription
from monitor.archive.analysis import analyse_pending, mark_all_pending
from monitor.archive.files import Archive
from monitor.archive.importer import import_archive
from monitor.store import Database
from monitor.store.alert_models import OutboxRow
from monitor.store.event_models import EventRow
from tests.archive.real_texts import POLICY, archive_dir


def _clusters(db: Database) -> dict[tuple[int, int], int | None]:
    """Each event (its article and position there) and the cluster it is filed in."""
    with db.reading() as session:
        rows = session.execute(select(EventRow.article_id, EventRow.position, EventRow.cluster_id))
        return {(article, position): cluster for article, position, cluster in rows}


def _alerts(db: Database) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(OutboxRow)) or 0


@pytest.mark.slow
@pytest.mark.parametrize("order", [None, 1], ids=["archive order", "shuffled"])
def test_a_reprocess_gives_back_the_clusters_the_articles_were_filed_in(
    database_url: str, tmp_path: Path, order: int | None
) -> None:
    db = Database(database_url)
    db.upgrade()
    try:
        with db.session() as session:
            add_subscription(session, SubscriptionSpec(name="everything", target="json://127.0.0.1:9/"))
        import_archive(db, Archive(tmp_path / "archive"), archive_dir(tmp_path / "incoming", shuffle=order))
        analyse_pending(db, workers=1, alert_policy=POLICY)
        filed, alerts = _clusters(db), _alerts(db)
        assert len(set(filed.values())) < len(filed) and alerts  # clusters of several reports; alerts owed
        mark_all_pending(db)
        analyse_pending(db, workers=1, alert_policy=POLICY)
        again = _clusters(db)
        moved = {event: (filed[event], again.get(event)) for event in filed if again.get(event) != filed[event]}
        assert moved == {}
        assert again.keys() == filed.keys()
        assert _alerts(db) == alerts
    finally:
        db.dispose()
