"""Primary keys reserved before a batch is inserted, so the batch is one statement.

A batch insert that must learn its rows' new ids needs ``INSERT …
RETURNING`` with the rows back in parameter order.  SQLite gives no such
order, so SQLAlchemy runs one INSERT per row there (its "insertmanyvalues"
falls back to row-by-row).  Rows whose ids are known beforehand need no
RETURNING at all, and go in with one executemany on every backend.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session

# session.info: per table, the last id this transaction reserved on SQLite.
_RESERVED_KEY = "signwatch.reserved_ids"
_NEXT_VALUES = text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)")


def reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """``count`` unused ids of ``table``'s integer ``id`` column, ascending, for rows this transaction inserts.

    PostgreSQL: values drawn from the column's sequence (safe beside other
    writers).  SQLite: the ids after the largest stored one, which no one
    else can take meanwhile, since a transaction here holds the write lock
    from its start (``BEGIN IMMEDIATE``, ``monitor.store.database``); ids
    reserved earlier in the same transaction are skipped.
    """
    if count <= 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        return sorted(session.scalars(_NEXT_VALUES, {"table": table.name, "count": count}))
    reserved: dict[str, int] = session.info.setdefault(_RESERVED_KEY, {})
    largest = session.scalar(select(func.max(table.c.id))) or 0
    start = max(largest, reserved.get(table.name, 0)) + 1
    reserved[table.name] = start + count - 1
    return list(range(start, start + count))


def hold_ids(session: Session, tables: Sequence[Table]) -> None:
    """Keep the ids ``tables`` hold now from being reserved again in this transaction, though their rows go.

    SQLite gives the next row one more than the largest id stored, so rows
    inserted after a batch deletes the newest ones would take those ids again
    (filed one article at a time, a re-analysis rarely deletes the newest).
    Called before such a delete; the rows inserted after it are numbered with
    ``reserve_ids``.  PostgreSQL's sequences never give an id twice.
    """
    if session.get_bind().dialect.name == "postgresql":
        return
    reserved: dict[str, int] = session.info.setdefault(_RESERVED_KEY, {})
    for table in tables:
        largest = session.scalar(select(func.max(table.c.id))) or 0
        reserved[table.name] = max(largest, reserved.get(table.name, 0))
