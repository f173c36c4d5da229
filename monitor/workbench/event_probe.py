"""A page of events read in the list's order from a bounded run of candidates, each tested in turn: an early stop.

A filter the planner cannot read in the list's order costs a read and sort
of every matching event for the first 50.  Two such pages at a million
articles:

- a common free text (集成电路: one event in nine of the generated store)
  on PostgreSQL: its GIN bitmap of ~33,000 events rechecked and sorted;
- the amount order with a place and a date range (上海市 in 2025, largest
  first): SQLite read the place's 22,000 events of the year off
  ``ix_events_city_newest`` and sorted them all (230 ms).

Such a page is among the first few hundred events of the order an index
gives (newest first, or largest first) when its matches are common: read
those *candidates* (the conditions an index serves in that order) and keep
the ones that meet the *tested* conditions, stopping at a full page.  One
statement per run: the candidates are a subquery with ``LIMIT budget`` in
the list's order, and the tests are applied to its rows outside it, so the
database cannot fold them into its choice of index (the LIMIT fences them)
and stops reading candidates once the outer LIMIT is met.  A filter rarer
than that spends ``BUDGET`` candidates and returns None: the caller reads
it the way it did before.  (Until 2026-12-05 the candidates were read into
Python and tested 500 ids at a time in separate statements.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, ColumnElement, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import KeyedColumnElement
from sqlalchemy.sql.util import ClauseAdapter
from sqlalchemy.sql.visitors import iterate

from monitor.store.event_models import EventRow
from monitor.workbench.event_cursor import Run

# Candidates read at most before giving up: a filter met by one event in 40 fills a page of 50 within it.
BUDGET = 2_000


def probe_in_order(
    session: Session,
    others: Sequence[ColumnElement[bool]],
    tested: Sequence[ColumnElement[bool]],
    runs: list[Run],
    *,
    wanted: int,
    budget: int = BUDGET,
) -> list[int] | None:
    """The first ``wanted`` ids, in the order of ``runs``, of the events meeting ``others`` and ``tested``.

    The candidates are the first ``budget`` events of ``others`` in the
    runs' order (over the runs together); each is tested with ``tested`` in
    that order until ``wanted`` pass.  Fewer when the candidates end before
    the budget (the list ends); None when ``budget`` candidates were read
    without finding ``wanted`` (the filter is too rare for this to pay).
    """
    found: list[int] = []
    left = budget
    postgres = session.get_bind().dialect.name == "postgresql"
    for run in runs:
        # Only the columns the tests and the order read: with every column PostgreSQL costed the rows as 1 kB
        # each and chose a parallel bitmap scan and sort for a place and a source (37 ms, against 10 for
        # reading the source's index in order).
        columns = _columns_of([*tested, *run.order_by])
        candidates = (select(*columns).where(*others, *run.where).order_by(*run.order_by).limit(left)).subquery(
            "candidates"
        )
        adapter = ClauseAdapter(candidates)
        statement = select(candidates.c.id).where(*(_adapted(adapter, c) for c in tested)).limit(wanted - len(found))
        if postgres:
            # PostgreSQL knows the subquery's rows come in this order, so the outer ORDER BY adds no sort; SQLite
            # would sort the candidates again (a temporary B-tree of all of them), while its co-routine already
            # hands them out in the subquery's order, which the outer scan keeps (tests compare the two).
            statement = statement.order_by(*(_adapted(adapter, o) for o in run.order_by))
        found += session.scalars(statement)
        if len(found) >= wanted:
            return found[:wanted]
        # Short of a page: how many candidates this run had says whether the budget is spent or the list ended.
        had = session.scalar(
            select(func.count()).select_from(select(EventRow.id).where(*others, *run.where).limit(left).subquery())
        )
        left -= had or 0
        if left <= 0:
            return None
    return found


def _columns_of(elements: Sequence[ColumnElement[Any]]) -> list[KeyedColumnElement[Any]]:
    """The id and every column of ``events`` that ``elements`` read, in the table's order (subqueries included)."""
    table = EventRow.__table__
    read = {column for element in elements for column in iterate(element) if isinstance(column, Column)}
    return [column for column in table.c if column is table.c.id or column in read]


def _adapted(adapter: ClauseAdapter, element: ColumnElement[Any]) -> ColumnElement[Any]:
    """``element`` over the candidates' columns instead of ``events``' (correlated subqueries included)."""
    adapted: ColumnElement[Any] = adapter.traverse(element)
    return adapted
