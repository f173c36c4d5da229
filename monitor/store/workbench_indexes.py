"""The indexes the workbench's pages read by, on tables other modules define.

Kept here, beside the search index, rather than in each model's module:
they exist for the Events page's filters (``monitor.workbench.event_query``)
and were chosen by ``bench/bench_workbench.py`` (docs/benchmarks.md), so
they are measured and changed together.  Migration 0005 creates them.
"""

from __future__ import annotations

from sqlalchemy import Index

from monitor.store.event_models import EventRow

WORKBENCH_INDEXES = (
    # The kind filter's choices: SELECT DISTINCT kind reads the index alone (a skip-scan), not the table.
    Index("ix_events_kind", EventRow.kind),
    # Place filters: a province, a province and city, or a full place; a district alone by county.
    Index("ix_events_place", EventRow.province, EventRow.city, EventRow.county),
    Index("ix_events_county", EventRow.county),
    # A minimum amount, and sorting by amount.
    Index("ix_events_investment_value", EventRow.investment_value),
)
