"""The Overview's summary tables stay equal to the events they sum: after storing, reprocess, updates and deletes.

Each check recomputes the cells in Python from the ``events`` rows (a
cluster counts once, by its lowest event id) and compares them with what
the triggers of migration 0012 keep in ``overview_cells``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from monitor.archive.analysis import analyse_pending, mark_all_pending
from monitor.archive.files import Archive
from monitor.store import Article, Database
from monitor.store.event_models import Cluster, EventRow
from monitor.store.overview_cells import BAND_FLOORS, NO_BAND, OverviewCell, refill
from tests.workbench.analyst_store import SIGNINGS, populate
from tests.workbench.conftest import populate as populate_seeds

Cells = dict[tuple[str, str, str, str, str, int], tuple[float, int]]


def _band(event: EventRow) -> int:
    if event.investment_value is None or event.currency != "CNY":
        return NO_BAND
    found = [index for index, floor in enumerate(BAND_FLOORS) if event.investment_value >= floor]
    return found[-1] if found else NO_BAND


def expected_cells(session: Session) -> Cells:
    """The cells as the events say they should be, computed here without SQL aggregates."""
    founders: dict[int, EventRow] = {}
    for event in session.scalars(select(EventRow).order_by(EventRow.id)):
        if event.cluster_id is not None:
            founders.setdefault(event.cluster_id, event)
    sums: dict[tuple[str, str, str, str, str, int], float] = {}
    counts: Counter[tuple[str, str, str, str, str, int]] = Counter()
    for event in founders.values():
        if event.reported_on is None:
            continue
        key = (
            event.reported_on.strftime("%Y-%m"),
            event.province or "",
            event.city or "",
            event.county or "",
            event.industry or "",
            _band(event),
        )
        counts[key] += 1
        signed = event.status == "done" and event.currency == "CNY" and event.investment_value is not None
        sums[key] = sums.get(key, 0.0) + (float(event.investment_value or 0) if signed else 0.0)
    return {key: (sums[key], counts[key]) for key in counts}


def kept_cells(session: Session) -> Cells:
    """The non-empty cells the triggers keep."""
    return {
        (c.month, c.province, c.city, c.county, c.industry, c.band): (float(c.signed), int(c.events))
        for c in session.scalars(select(OverviewCell).where(OverviewCell.events != 0))
    }


def _check(db: Database) -> Cells:
    with db.session() as session:
        kept, expected = kept_cells(session), expected_cells(session)
    assert kept == expected
    return kept


def _baoshan_founder(session: Session) -> Article:
    return session.scalars(select(Article).where(Article.url == SIGNINGS[0][1])).one()


def _delete_founder_article(session: Session) -> None:
    session.delete(_baoshan_founder(session))  # its repost becomes the cluster's founder


def _delete_a_cluster(session: Session) -> None:
    cluster = session.scalars(select(EventRow.cluster_id).where(EventRow.county == "金山区")).first()
    session.execute(delete(Cluster).where(Cluster.id == cluster))  # its events keep no cluster (SET NULL)


def _move_a_report(session: Session) -> None:
    # a report moved into another cluster, and the founder of that one re-read as planned in another industry
    [first, second] = session.scalars(
        select(EventRow).where(EventRow.county.in_(("嘉定区", "昆山市"))).order_by(EventRow.id)
    ).all()[:2]
    session.execute(update(EventRow).where(EventRow.id == second.id).values(cluster_id=first.cluster_id))
    session.execute(update(EventRow).where(EventRow.id == first.id).values(status="planned", industry="生物医药"))


def _delete_every_event(session: Session) -> None:
    session.execute(delete(EventRow))


# A change, and how many real-world events the cells count after it (SIGNINGS: six clusters, one out of the period
# is still counted: the cells hold every month).
CHANGES: dict[str, tuple[Callable[[Session], None], int]] = {
    "delete the founding report's article": (_delete_founder_article, 6),  # the repost now stands for the cluster
    "delete a cluster": (_delete_a_cluster, 5),
    "move a report, re-read a founder": (_move_a_report, 5),
    "delete every event": (_delete_every_event, 0),
}


def test_storing_fills_the_cells_a_cluster_once(db: Database, archive: Archive) -> None:
    populate(db, archive)
    kept = _check(db)
    # the Baoshan signing and its repost are one cluster: one event of 120亿 in March 2025
    baoshan = {key: value for key, value in kept.items() if key[0] == "2025-03" and key[3] == "宝山区"}
    assert list(baoshan.values()) == [(120e8, 1)]
    # 3.5亿美元 is an event in no yuan band, summed as nothing
    hangzhou = [(key[5], value) for key, value in kept.items() if key[2] == "杭州市"]
    assert hangzhou == [(NO_BAND, (0.0, 1))]


@pytest.mark.parametrize("change", list(CHANGES))
def test_changes_to_events_keep_the_cells(db: Database, archive: Archive, change: str) -> None:
    populate(db, archive)
    assert sum(count for _, count in _check(db).values()) == 6
    make, counted = CHANGES[change]
    with db.session() as session:
        make(session)
    after = _check(db)
    assert sum(count for _, count in after.values()) == counted
    with db.engine.begin() as connection:  # recomputing from scratch finds what the triggers kept
        refill(connection)
    assert _check(db) == after


def test_reprocess_keeps_the_cells(db: Database, archive: Archive) -> None:
    # the seed pages, stored with their HTML: reprocess reads them again and files their events anew
    populate_seeds(db, archive)
    before = _check(db)
    assert sum(count for _, count in before.values()) >= 4
    with db.session() as session:
        first_ids = set(session.scalars(select(EventRow.id)))
    assert mark_all_pending(db) == 7
    analyse_pending(db, workers=1)
    with db.session() as session:
        assert not first_ids & set(session.scalars(select(EventRow.id)))  # every event was filed again
    assert _check(db) == before
