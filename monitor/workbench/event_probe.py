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
caller reads it from the index as before.  Each next window starts after
the last row read, as a cursor does (``keyset_runs``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from monitor.store.event_models import EventRow
from monitor.workbench.event_cursor import Cursor, Run, keyset_runs

# Events read per window, and in all before giving up: a text in one event of 40 fills a page of 50 within it.
WINDOW = 500
BUDGET = 2_000


def probe_in_order(
    session: Session,
    others: Sequence[ColumnElement[bool]],
    text: Sequence[ColumnElement[bool]],
    runs: list[Run],
    column: InstrumentedAttribute[Any],
    sort: str,
    order: str,
    *,
    backwards: bool,
    wanted: int,
    window: int = WINDOW,
    budget: int = BUDGET,
) -> list[int] | None:
    """The first ``wanted`` ids, in the order of ``runs``, of the events meeting ``others`` and ``text``.

    Fewer when the list ends first; None when ``budget`` events were read
    without finding ``wanted`` (the text is too rare for this to pay).
    ``column`` is what ``sort`` orders by; ``backwards``: the runs read the
    list in reverse (the page before a cursor), and so does each next window.
    """
    found: list[int] = []
    read = 0
    while runs and read < budget:
        run, rest = runs[0], runs[1:]
        rows = session.execute(
            select(EventRow.id, column).where(*others, *run.where).order_by(*run.order_by).limit(window)
        ).all()
        read += len(rows)
        if rows:
            ids = [row[0] for row in rows]
            matching = set(session.scalars(select(EventRow.id).where(EventRow.id.in_(ids), *text)))
            found += [i for i in ids if i in matching]
            if len(found) >= wanted:
                return found[:wanted]
        if len(rows) < window:
            runs = rest  # this run is read to its end
            continue
        last_id, last_value = rows[-1]
        # the rest of the list after the window's last row (later runs included), in the same direction
        runs = keyset_runs(Cursor(sort, order, last_value, last_id), column, backwards=backwards)
    return found if not runs else None
