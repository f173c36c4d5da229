"""The indexes the workbench's pages read by, on tables other modules define.

Kept here, beside the search index, rather than in each model's module:
they exist for the Events page's filters and order
(``monitor.workbench.event_query``) and were chosen by
``bench/bench_workbench.py`` (docs/benchmarks.md), so they are measured and
changed together.  Migration 0005 creates the first four, 0009 the source
index and PostgreSQL's ``ORDER_INDEXES``, 0013 the party name index, the articles' (source, stored) index and
``PLACE_ORDER_INDEXES``, 0016 its source entry (``ix_events_source_newest``), 0017 ``PLACE_STATISTICS``.
"""

from __future__ import annotations

from sqlalchemy import Index

from monitor.store.event_models import EventRow
from monitor.store.models import Article

# The Overview's summary tables (migration 0012) register with the models through this module,
# which monitor.store.schema lists: they too exist for the workbench's pages.
from monitor.store.overview_cells import OverviewCell, OverviewCluster
from monitor.store.project_models import EventParty

__all__ = ["ORDER_INDEXES", "PLACE_STATISTICS", "WORKBENCH_INDEXES", "OverviewCell", "OverviewCluster"]

# The Events page's orders: newest first (the default) and largest first, empty values last
# (DESC NULLS LAST) and the id breaking ties, so the first page reads its rows off an index.
# PostgreSQL sorts NULL above every value, so it needs these indexes that spell the order out;
# SQLite sorts NULL below every value, and its indexes on reported_on and investment_value end
# with the rowid, so read backwards they give the same order (SQLite cannot declare NULLS LAST in
# an index anyway).  Migration 0009 makes them on PostgreSQL alone and no model declares them: a
# schema comparison leaves them out by these names (``is_modelled``), and
# tests/workbench/test_events_at_scale.py checks the plans on both backends.
ORDER_INDEXES: dict[str, tuple[str, tuple[str, ...]]] = {
    "ix_events_newest": ("events", ("reported_on DESC NULLS LAST", "id DESC")),
    "ix_events_largest": ("events", ("investment_value DESC NULLS LAST", "id DESC")),
}

# A place's events newest first: one index per level the place filter asks by (a province, a city, a
# county), its name then the date, so the page reads its rows in order instead of sorting every event of
# 上海市 (900 ms on SQLite at a million articles).  Both backends (migration 0013), each spelling the order
# its own way as above; no model declares them either.
PLACE_ORDER_INDEXES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    f"ix_events_{level}_newest": (
        "events",
        (level, "reported_on"),  # SQLite: read backwards, (reported_on, rowid) descending, NULL last
        (level, "reported_on DESC NULLS LAST", "id DESC"),  # PostgreSQL
    )
    for level in ("province", "city", "county")
}
# A source's events newest first, the same way (migration 0016, with events.source_id, the article's source
# copied onto its events): the source filter reads its page off it, where through the source's articles no
# index ordered their events (215-797 ms p95 on SQLite at a million articles, docs/benchmarks.md).
PLACE_ORDER_INDEXES["ix_events_source_newest"] = (
    "events",
    ("source_id", "reported_on"),
    ("source_id", "reported_on DESC NULLS LAST", "id DESC"),
)

# PostgreSQL's extended statistics on an event's place (migration 0017): a county fixes its city and province, which
# the planner otherwise multiplies as if independent (上海市's 174,000 events taken for 104,000 at a million
# articles), and with the place underestimated it ANDed bitmaps and sorted where an index read in order pays.
PLACE_STATISTICS = "st_events_place"

WORKBENCH_INDEXES = (
    # The kind filter's choices: SELECT DISTINCT kind reads the index alone (a skip-scan), not the table.
    Index("ix_events_kind", EventRow.kind),
    # Place filters: a province, a province and city, or a full place; a district alone by county.
    Index("ix_events_place", EventRow.province, EventRow.city, EventRow.county),
    Index("ix_events_county", EventRow.county),
    # A minimum amount, and (on SQLite) the order by amount.
    Index("ix_events_investment_value", EventRow.investment_value),
    # A source's articles (the source filter reached its events through them before migration 0016).
    Index("ix_articles_source_id", Article.source_id),
    # A source's articles read from the index alone (PostgreSQL's heap visits were 25,000 page reads for the
    # source filter), found by (source, id) when the Events page probes them newest event first; the time each
    # was stored rides along for the Sources page's newest article and recent count (read from the index).
    Index("ix_articles_source_stored", Article.source_id, Article.id, Article.stored_at),
    # The party filter: an organisation as written (its matching form has ix_event_parties_normalised).
    Index("ix_event_parties_name", EventParty.name),
)
