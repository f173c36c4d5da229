"""Keyset cursors of the Events list: where a page ended (or began), as an opaque token in the URL.

A deep page by OFFSET makes the database read and throw away every row
before it (page 500 of a million events reads 25,000 rows to show 50); a
cursor names the last row shown — its sort value and id — so the next page
starts *there*, read off the same index as the first page.  The token is
the sort, the order, the value and the id as JSON in URL-safe base64: opaque
to a user, stable (the same row gives the same token), and read strictly:
anything that is not a token this page made, or one made for another sort,
is a ``BadQuery`` (a 400), never a 500.

Rows with an empty sort value come last in either order (``event_order``),
so the list is two runs read one after the other: the rows that have a
value, by (value, id), then the empty ones by id.  ``keyset_runs`` gives
the runs after (or before) a cursor, each a WHERE and ORDER BY an index can
answer in order: ``(value, id) < (:v, :i)`` is one range of the index.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, tuple_
from sqlalchemy.orm import InstrumentedAttribute

from monitor.store.event_models import EventRow
from monitor.workbench.params import LARGEST_ROW_ID, BadQuery

# The longest token a cursor makes: a place or kind name is short; a bound before decoding anything.
LONGEST_TOKEN = 200


@dataclass(frozen=True)
class Cursor:
    """A position in the Events list: the row's sort value (None: empty) and id, for one sort and order."""

    sort: str
    order: str
    value: str | float | date | None
    id: int

    def token(self) -> str:
        """The cursor as the URL carries it."""
        value = self.value.isoformat() if isinstance(self.value, date) else self.value
        raw = json.dumps([self.sort, self.order, value, self.id], ensure_ascii=False, separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def cursor_of(row: EventRow, sort: str, order: str, column: InstrumentedAttribute[Any]) -> Cursor:
    """The cursor naming ``row`` in the list sorted by ``sort`` (by ``column``, an EventRow attribute) and ``order``."""
    return Cursor(sort, order, getattr(row, column.key), row.id)


def read_cursor(token: str, name: str, sort: str, order: str, column: InstrumentedAttribute[Any]) -> Cursor:
    """The cursor of URL parameter ``name``; BadQuery for a token this page did not make or made for another sort.

    ``column`` is the attribute the sort orders by: its type says what a value must be.
    """
    bad = BadQuery(f"翻页参数 {name!r} 无效 (not a cursor this page made; start again from the first page)")
    if len(token) > LONGEST_TOKEN:
        raise bad
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        decoded = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise bad from None
    if not (isinstance(decoded, list) and len(decoded) == 4):
        raise bad
    cursor_sort, cursor_order, value, row_id = decoded
    if (cursor_sort, cursor_order) != (sort, order):
        raise BadQuery(f"翻页参数 {name!r} 属于另一种排序 (the cursor was made for another sort; start again)")
    if isinstance(row_id, bool) or not isinstance(row_id, int) or not 0 < row_id <= LARGEST_ROW_ID:
        raise bad
    return Cursor(sort, order, _read_value(value, column.type.python_type, bad), row_id)


def _read_value(value: Any, wanted: type, bad: BadQuery) -> str | float | date | None:
    if value is None:
        return None
    if wanted is date and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise bad from None
    if wanted is float and isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    if wanted is str and isinstance(value, str):
        return value
    raise bad


@dataclass(frozen=True)
class Run:
    """One run of the list to read after (or before) a cursor: its conditions and its order."""

    where: Sequence[ColumnElement[bool]]
    order_by: Sequence[ColumnElement[Any]]


def keyset_runs(cursor: Cursor, column: InstrumentedAttribute[Any], *, backwards: bool) -> list[Run]:
    """The runs of rows after ``cursor`` (``backwards``: before it, nearest first), in the order to read them.

    ``column`` is the EventRow attribute the cursor's sort orders by.

    Each run's order is one an index gives on both backends: descending as
    DESC NULLS LAST, ascending as ASC NULLS FIRST (a run with a value holds
    no empty ones, so where the empty ones would go changes nothing, and these
    are the orders ``ix_events_newest`` and its kin read forwards and backwards).
    """
    # The direction the rows are read in: the list's own order, or its reverse for the page before.
    descending = (cursor.order == "desc") != backwards
    valued_order, empty_order = _orders(column, descending)
    pair = tuple_(column, EventRow.id)
    beyond_value = pair < (cursor.value, cursor.id) if descending else pair > (cursor.value, cursor.id)
    beyond_id = EventRow.id < cursor.id if descending else EventRow.id > cursor.id
    valued, empty = column.is_not(None), column.is_(None)
    if cursor.value is not None:
        after = Run([beyond_value], valued_order)
        # forwards the empty ones follow the valued ones; backwards nothing comes before a valued row's run
        return [after] if backwards else [after, Run([empty], empty_order)]
    after_empty = Run([empty, beyond_id], empty_order)
    # backwards from an empty row: the empty ones before it, then every valued row, last one first
    return [after_empty, Run([valued], valued_order)] if backwards else [after_empty]


def start_runs(column: InstrumentedAttribute[Any], order: str) -> list[Run]:
    """The runs of the whole list from its start: the rows with a value in ``order``, then the empty ones by id."""
    valued_order, empty_order = _orders(column, order == "desc")
    return [Run([column.is_not(None)], valued_order), Run([column.is_(None)], empty_order)]


def _orders(
    column: InstrumentedAttribute[Any], descending: bool
) -> tuple[list[ColumnElement[Any]], list[ColumnElement[Any]]]:
    """The ORDER BY of the run with values and of the empty run, read in that direction."""
    if descending:
        return [column.desc().nulls_last(), EventRow.id.desc()], [EventRow.id.desc()]
    return [column.asc().nulls_first(), EventRow.id.asc()], [EventRow.id.asc()]
