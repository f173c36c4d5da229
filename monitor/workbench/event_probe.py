"""A common free text's events read newest first in windows, the text tested on each window: an early stop.

A text in many events' sentences (集成电路: one event in nine of the
generated million-article store) was listed by reading every matching
event from the GIN index (a bitmap of ~33,000 rows), rechecking and
sorting them all for the first 50 — 480 ms p95 on PostgreSQL.  Such a text
is common, so a page of its matches is among the newest few hundred events
of the other filters: read those in the list's order (the index gives it),
``WINDOW`` at a time, and keep the ones whose own terms and sentence hold the
text (``text`` conditions, tested on that window's ids by primary key).
A text rarer than that spends ``BUDGET`` events and returns None: the
caller reads it from the index as before.  The candidates are read once,
``BUDGET`` of them, so filters no index orders (a place and a source
together: a sort of the place's events) are sorted once, not per window.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from monitor.store.event_models import EventRow
from monitor.workbench.event_cursor import Run

# Events read per window, and in all before giving up: a text in one event of 40 fills a page of 50 within it.
WINDOW = 500
BUDGET = 2_000


def probe_in_order(
    session: Session,
    others: Sequence[ColumnElement[bool]],
    text: Sequence[ColumnElement[bool]],
    runs: list[Run],
    *,
    wanted: int,
    window: int = WINDOW,
    budget: int = BUDGET,
) -> list[int] | None:
    """The first ``wanted`` ids, in the order of ``runs``, of the events meeting ``others`` and ``text``.

    Fewer when the list ends first; None when ``budget`` events were read
    without finding ``wanted`` (the text is too rare for this to pay).  The
    first ``budget`` events of ``others`` are read in one go per run (one
    index range, or one sort where no index gives the order: place and
    source together), then tested ``window`` at a time until a page is full.
    """
    candidates: list[int] = []
    for run in runs:
        statement = select(EventRow.id).where(*others, *run.where).order_by(*run.order_by)
        candidates += session.scalars(statement.limit(budget - len(candidates)))
        if len(candidates) >= budget:
            break
    found: list[int] = []
    for start in range(0, len(candidates), window):
        ids = candidates[start : start + window]
        matching = set(session.scalars(select(EventRow.id).where(EventRow.id.in_(ids), *text)))
        found += [i for i in ids if i in matching]
        if len(found) >= wanted:
            return found[:wanted]
    return found if len(candidates) < budget else None
