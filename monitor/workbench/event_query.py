"""The Events page's filters, read from the query string, and the query they make.

One ``EventQuery`` is the whole state of the page (so a URL bookmarks it);
``read_event_query`` reads it, refusing unknown values with a BadQuery,
``event_conditions`` turns it into WHERE clauses over ``events`` alone, and
``find_events`` runs it on either backend.  The Events page, its exports
and the events feed all take their filters through these.

At a million articles the page must not touch every matching row: the
events are read without joining ``articles`` (the source is on the event
row, the free text reaches the article through a subquery), in an order an index gives
(``monitor.store.workbench_indexes``), and the count stops at
``COUNT_CAP`` (the page says "1,000+"), see docs/benchmarks.md.  Pages past
the first are read from a keyset cursor (``after``/``before``,
``monitor.workbench.event_cursor``) where the previous page ended, not by
OFFSET; ``page=`` still works for old links.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from monitor.errors import InputError
from monitor.events.model import STATUSES as EVENT_STATUSES
from monitor.events.model import Place
from monitor.projects.normalise import organisation
from monitor.store.event_listing import parse_amount, parse_amount_kind, parse_since, resolve_place_filter
from monitor.store.event_models import EventRow
from monitor.store.models import Article, Source
from monitor.store.project_models import EventParty
from monitor.store.search_index import (
    EventSearch,
    articles_holding,
    events_holding,
    events_matching,
    holds_terms,
)
from monitor.workbench.event_cursor import Cursor, cursor_of, keyset_runs, read_cursor, start_runs
from monitor.workbench.event_probe import probe_in_order
from monitor.workbench.params import BadQuery, read_int
from monitor.workbench.store_cache import store_cache

STATUSES = EVENT_STATUSES  # done, planned, intended
SORTS = {
    "date": EventRow.reported_on,
    "amount": EventRow.investment_value,
    "place": EventRow.province,
    "kind": EventRow.kind,
}
ORDERS = ("desc", "asc")
PER_PAGE = (20, 50, 100, 200)
# A party's events, or the articles holding a free text's words, are read first and listed when at most this many;
# past that they are common enough that reading events newest first finds a page of matches soon.
LOOKED_UP_ROWS = 5_000
# Counting stops here: past it the exact number says nothing an analyst acts on, and costs a read of every match
# (10,000 before: counting that far took 100-300 ms for a common filter at a million articles).
COUNT_CAP = 1_000
# The keys the Events page (and its exports) take.
EVENT_KEYS = (
    "place",
    "kind",
    "status",
    "party",
    "amount_kind",
    "min_amount",
    "from",
    "to",
    "source",
    "q",
    "sort",
    "order",
    "page",
    "per_page",
    "after",
    "before",
    "format",
)
# The keys that say where in the list a page is: dropped when the filters or the sort change.
POSITION_KEYS = ("page", "after", "before")


@dataclass(frozen=True)
class EventQuery:
    """The Events page's state: every filter as the user wrote it, the sort and the page."""

    place: str = ""
    kind: str = ""
    status: str = ""
    party: str = ""
    amount_kind: str = ""
    min_amount: str = ""
    date_from: str = ""
    date_to: str = ""
    source: str = ""
    q: str = ""
    sort: str = "date"
    order: str = "desc"
    page: int = 1
    per_page: int = 50
    after: str = ""  # a cursor: the page after this row (monitor.workbench.event_cursor)
    before: str = ""  # a cursor: the page before this row

    def url_params(self, format: str = "html", **changes: Any) -> str:
        """The query string of this state with ``changes``, in ``format`` (defaults left out, so URLs stay short)."""
        changed = replace(self, **changes)
        default = EventQuery()
        names = {"date_from": "from", "date_to": "to"}
        pairs = [
            (names.get(f.name, f.name), str(getattr(changed, f.name)))
            for f in fields(self)
            if getattr(changed, f.name) != getattr(default, f.name)
        ]
        if format != "html":
            pairs.append(("format", format))
        return urlencode(pairs)

    def feed_params(self) -> str:
        """The query string of the events feed of these filters (a feed takes no sort, page or format)."""
        default = EventQuery()
        return self.url_params(
            sort=default.sort, order=default.order, page=default.page, per_page=default.per_page, after="", before=""
        )

    def cursor(self) -> tuple[Cursor, bool] | None:
        """The cursor this page starts from and whether it reads backwards (``before``); None: by ``page``."""
        if self.after:
            return read_cursor(self.after, "after", self.sort, self.order, SORTS[self.sort]), False
        if self.before:
            return read_cursor(self.before, "before", self.sort, self.order, SORTS[self.sort]), True
        return None

    def as_json(self) -> dict[str, Any]:
        """The filters as the JSON answer repeats them."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class EventPage:
    """One page of matching events, how many match (at most ``COUNT_CAP``), and whether more match than that.

    ``next_after`` and ``previous_before`` are the cursors of the pages
    either side (None: there is none that way).
    """

    events: list[EventRow]
    total: int
    more: bool = False
    next_after: str | None = None
    previous_before: str | None = None

    @property
    def total_text(self) -> str:
        """The count as the page shows it: ``123`` or ``1,000+``."""
        return f"{self.total:,}" + ("+" if self.more else "")


def read_event_query(params: dict[str, str]) -> EventQuery:
    """The EventQuery of a page's parameters; BadQuery for a value no filter takes."""
    status = params.get("status", "")
    if status and status not in STATUSES:
        raise BadQuery(f"未知的状态 {status!r} (unknown status; one of: {', '.join(STATUSES)})")
    sort = params.get("sort", "date")
    if sort not in SORTS:
        raise BadQuery(f"未知的排序 {sort!r} (unknown sort; one of: {', '.join(SORTS)})")
    order = params.get("order", "desc")
    if order not in ORDERS:
        raise BadQuery(f"未知的顺序 {order!r} (unknown order; asc or desc)")
    per_page = read_int(params, "per_page", 50, 1, max(PER_PAGE))
    query = EventQuery(
        place=params.get("place", ""),
        kind=params.get("kind", ""),
        status=status,
        party=params.get("party", ""),
        amount_kind=params.get("amount_kind", ""),
        min_amount=params.get("min_amount", ""),
        date_from=params.get("from", ""),
        date_to=params.get("to", ""),
        source=params.get("source", ""),
        q=params.get("q", ""),
        sort=sort,
        order=order,
        page=read_int(params, "page", 1, 1, 100_000),
        per_page=per_page,
        after=params.get("after", ""),
        before=params.get("before", ""),
    )
    if query.after and query.before:
        raise BadQuery("after 与 before 只能给一个 (give one cursor: after or before)")
    if (query.after or query.before) and query.page != 1:
        raise BadQuery("翻页参数不能与 page 同时使用 (a cursor and page= cannot be combined)")
    query.cursor()  # a cursor this page did not make is a 400 now
    event_conditions(query)  # every value is read now, so a bad one is a 400 before any query runs
    return query


def _as_bad_query(error: InputError) -> BadQuery:
    return BadQuery(str(error))


def event_conditions(
    query: EventQuery, looked_up: list[ColumnElement[bool]] | None = None
) -> list[ColumnElement[bool]]:
    """The WHERE clauses of ``query`` over ``events`` (no join needed); BadQuery for a value no filter takes.

    The one builder of the Events filters: the Events page, its exports and
    the events feed select with it (through ``store_conditions``, which
    reads the party and source filters' rows first and hands them in as
    ``looked_up``).  The source and kind are checked against the store by
    ``find_events``.
    """
    conditions: list[ColumnElement[bool]] = []
    try:
        if query.place:
            conditions.append(or_(*(_place_clause(p) for p in resolve_place_filter(query.place))))
        if query.min_amount:
            minimum = parse_amount(query.min_amount)
            if not math.isfinite(minimum) or minimum < 0:  # float() reads "nan", "inf" and "-5" too
                raise BadQuery(f"最低金额 {query.min_amount!r} 不是有效金额 (give a number of yuan or 50亿)")
            conditions.append(EventRow.investment_value >= minimum)
        if query.amount_kind:
            # the same check and one-line message as `signwatch events --amount-kind`
            conditions.append(EventRow.amount_kind == parse_amount_kind(query.amount_kind))
        if query.date_from:
            conditions.append(EventRow.reported_on >= parse_since(query.date_from))
        if query.date_to:
            conditions.append(EventRow.reported_on <= parse_since(query.date_to))
    except InputError as error:
        raise _as_bad_query(error) from None
    if query.date_from and query.date_to and parse_since(query.date_from) > parse_since(query.date_to):
        raise BadQuery("起始日期晚于结束日期 (from is after to)")
    if query.status:
        conditions.append(EventRow.status == query.status)
    if query.kind:
        conditions.append(EventRow.kind == query.kind)
    if query.party and looked_up is None:
        conditions.append(EventRow.id.in_(_party_events(query.party)))
    if query.source and looked_up is None:
        # The article's source, kept on the event row (migration 0016): no join, no read of the source's articles.
        conditions.append(EventRow.source_id.in_(select(Source.id).where(Source.name == query.source)))
    if looked_up is not None:
        conditions += looked_up
    if query.q:
        titled = select(Article.id).where(
            Article.id == EventRow.article_id, Article.title.contains(query.q, autoescape=True)
        )
        conditions.append(or_(EventRow.evidence.contains(query.q, autoescape=True), titled.exists()))
    return conditions


def _party_events(party: str) -> Select[int]:
    """The events that name ``party``: by name as written or matching form, as signwatch events --party reads them.

    The organisations the filing step stored for each event (event_parties):
    上海医药集团 finds 上海医药集团股份有限公司; two index lookups, where a
    substring of every event's JSON list was a scan of them all.
    """
    forms = {organisation(party), party.strip()}
    return select(EventParty.event_id).where(or_(EventParty.normalised.in_(forms), EventParty.name.in_(forms)))


def _place_clause(place: Place) -> ColumnElement[bool]:
    pairs = ((EventRow.province, place.province), (EventRow.city, place.city), (EventRow.county, place.county))
    return and_(*(column == value for column, value in pairs if value is not None))


def known_kinds(session: Session) -> list[str]:
    """The event kinds in the store, for the kind filter's choices (cached briefly: new kinds are rare)."""
    return store_cache(session).get("known_kinds", lambda: sorted(session.scalars(select(EventRow.kind).distinct())))


def known_sources(session: Session) -> list[str]:
    """The source names in the store, for the source filter's choices."""
    return sorted(session.scalars(select(Source.name)))


def check_known_values(session: Session, query: EventQuery) -> None:
    """BadQuery for a kind or source the store does not know (the other filters are checked as they are read)."""
    if query.kind and query.kind not in known_kinds(session):
        raise BadQuery(f"未知的类型 {query.kind!r} (unknown kind; known: {', '.join(known_kinds(session)) or 'none'})")
    if query.source and query.source not in known_sources(session):
        raise BadQuery(f"未知的来源 {query.source!r} (unknown source)")


def store_conditions(session: Session, query: EventQuery) -> list[ColumnElement[bool]]:
    """``event_conditions`` in the shapes a large store wants, from what the store says first.

    - Party: the events naming it, as a list when at most LOOKED_UP_ROWS do
      (a rare party: read them and sort), else a probe of each event read
      newest first (a common one: a page of matches is near the top).
    - Source: its id, so the planner knows how rare its events are (on
      PostgreSQL a sub-select of the name hid it, and the plan walked every
      event), matched on the event's own ``source_id`` (migration 0016):
      its events are read newest first off ``ix_events_source_newest``.
    - Free text: also the events whose own title and evidence terms hold
      every term of it (``event_search``), when at most LOOKED_UP_ROWS do
      (a title or evidence that contains the text has all its terms), so a
      word rare in events' sentences reads those events, not every event's
      title and evidence, even when it is common in the articles' bodies;
      else the articles the article index says hold them, as before.
    """
    looked_up: list[ColumnElement[bool]] = []
    if query.party:
        named = _party_events(query.party)
        events = list(session.scalars(named.limit(LOOKED_UP_ROWS + 1)))
        if len(events) <= LOOKED_UP_ROWS:
            looked_up.append(EventRow.id.in_(events))
        else:
            probe = named.where(EventParty.event_id == EventRow.id)
            looked_up.append(probe.exists())
    if query.source:
        source_id = session.scalar(select(Source.id).where(Source.name == query.source))
        looked_up.append(EventRow.source_id == source_id)
    if query.q:
        holding = events_holding(session, query.q, LOOKED_UP_ROWS)
        if holding is not None:
            looked_up.append(EventRow.id.in_(holding))
        elif session.get_bind().dialect.name == "postgresql" and (matching := events_matching(query.q)) is not None:
            # a common text: its events from the GIN index in one bitmap, sorted, not every event tested in turn
            looked_up.append(EventRow.id.in_(matching))
        elif (candidates := articles_holding(session, query.q, LOOKED_UP_ROWS)) is not None:
            looked_up.append(EventRow.article_id.in_(candidates))
    return event_conditions(query, looked_up)


def event_order(query: EventQuery) -> list[ColumnElement[Any]]:
    """ORDER BY of ``query``: its column with empty values last, then the id (an index gives the default orders)."""
    column = SORTS[query.sort]
    if query.order == "desc":
        return [column.desc().nulls_last(), EventRow.id.desc()]
    return [column.asc().nulls_last(), EventRow.id.asc()]


def find_events(session: Session, query: EventQuery, *, count: bool = True, cap: int = COUNT_CAP) -> EventPage:
    """The page of events ``query`` asks for; BadQuery for a kind or source the store does not know.

    The count stops at ``cap`` (``more`` says there are more); ``count=False``
    skips it and reports only the rows up to this page.  A page from a
    cursor is read from where the cursor points (``keyset_runs``); one by
    ``page`` skips the rows before it (OFFSET), as old links ask.
    """
    check_known_values(session, query)
    position = query.cursor()
    # A common free text (PostgreSQL): its page read newest first, the text tested on each event in turn.
    probed = _probe_text(session, query, position)
    windowed = probed is not None
    base = select(EventRow.id)
    counted: int | None = None  # the capped count, when it was needed first
    if probed is None:
        conditions = store_conditions(session, query)
        base = base.where(*conditions)
        if _amount_probe_fits(session, query, position, conditions):
            # Largest first with other filters: when more than the cap match, they are common enough that a page
            # of them is near the top of the amount order, read from there with each event tested.
            counted = _capped_count(session, base, cap) if count else None
            if counted is None or counted > cap:
                probed = _probe_amount(session, query, position, conditions)
    offset = 0
    if position is None:
        offset = (query.page - 1) * query.per_page
        # One row past the page says whether a next page exists without counting.
        if probed is None:
            probed = list(session.scalars(base.order_by(*event_order(query)).limit(query.per_page + 1).offset(offset)))
        further, earlier = len(probed) > query.per_page, offset > 0
        ids = probed[: query.per_page]
    else:
        cursor, backwards = position
        ids = probed if probed is not None else []
        for run in [] if probed is not None else keyset_runs(cursor, SORTS[query.sort], backwards=backwards):
            wanted = query.per_page + 1 - len(ids)
            ids += session.scalars(base.where(*run.where).order_by(*run.order_by).limit(wanted))
            if len(ids) > query.per_page:
                break
        beyond = len(ids) > query.per_page
        ids = ids[: query.per_page]
        if backwards:
            ids.reverse()
        # Backwards, the cursor's own row is after this page; forwards, it is before it.
        further, earlier = (True, beyond) if backwards else (beyond, True)
    total, more = offset + len(ids), False
    if windowed:
        # Not counted past the page: counting a common text's matches is the read of them all the windows avoid,
        # so the page says "at least" (a cursor's page also has the rows before it).
        more = further or position is not None
    elif count and (position is not None or len(ids) == query.per_page or (offset and not ids)):
        total = counted if counted is not None else _capped_count(session, base, cap)
        total, more = min(total, cap), total > cap
    rows = session.scalars(
        select(EventRow)
        .where(EventRow.id.in_(ids))
        .options(selectinload(EventRow.article).selectinload(Article.source), selectinload(EventRow.figures))
    ).all()
    by_id = {row.id: row for row in rows}
    events = [by_id[i] for i in ids]
    return EventPage(events, total, more, *_neighbours(query, events, further, earlier))


def _probe_text(session: Session, query: EventQuery, position: tuple[Cursor, bool] | None) -> list[int] | None:
    """PostgreSQL, a free text: the page's ids and one more, read in the list's order (None: not so).

    The candidates are the other filters' events in the list's order, each
    tested for the text (``probe_in_order``).

    None on SQLite (its FTS5 lists a text's events at once), for a page by
    OFFSET past the first (old links: read as before), and for a text too
    rare to fill a page within the probe's budget.
    """
    if not query.q or session.get_bind().dialect.name != "postgresql" or (position is None and query.page > 1):
        return None
    # The event's own terms, read by its id (a scalar subquery: one lookup per event of the window, where an
    # EXISTS let the planner hash every match the GIN index has, as the slow plan did), hold the text's terms,
    # and its title or sentence contains the text (as event_conditions says).
    own_terms = select(EventSearch.terms).where(EventSearch.event_id == EventRow.id).scalar_subquery()
    held = holds_terms(own_terms, query.q)
    if held is None:
        return None
    others = store_conditions(session, replace(query, q=""))
    text = [held, *event_conditions(EventQuery(q=query.q))]
    column = SORTS[query.sort]
    cursor, backwards = position if position is not None else (None, False)
    runs = start_runs(column, query.order) if cursor is None else keyset_runs(cursor, column, backwards=backwards)
    return probe_in_order(session, others, text, runs, wanted=query.per_page + 1)


def _capped_count(session: Session, base: Select[int], cap: int) -> int:
    """How many rows ``base`` selects, counted up to ``cap + 1`` (LIMIT inside: the database stops there)."""
    capped = base.limit(cap + 1).subquery()
    return session.scalar(select(func.count()).select_from(capped)) or 0


def _amount_probe_fits(
    session: Session, query: EventQuery, position: tuple[Cursor, bool] | None, conditions: list[ColumnElement[bool]]
) -> bool:
    """Whether the page is largest (or smallest) first with a filter besides the minimum amount, on SQLite, read from
    its start or a cursor (a page by OFFSET past the first, as old links ask, is read as before).

    SQLite only: PostgreSQL, with the place's statistics (migration 0017), walks ``ix_events_largest`` itself
    where that pays, and the probe cost it more than it saved (CPU p95 of place+kind+amount+dates 45-46 -> 57-66 ms
    in two runs at a million articles, docs/benchmarks.md "Workbench filters, 2026-12-05").
    """
    if session.get_bind().dialect.name != "sqlite":
        return False
    if query.sort != "amount" or (position is None and query.page > 1):
        return False
    return len(conditions) > (1 if query.min_amount else 0)


def _probe_amount(
    session: Session,
    query: EventQuery,
    position: tuple[Cursor, bool] | None,
    conditions: list[ColumnElement[bool]],
) -> list[int] | None:
    """By amount with other filters: the page's ids and one more, read in the amount order (None: not so).

    The planner cannot tell how many of a place's events in a year are
    large: SQLite read 上海市's 22,000 events of 2025 off the place's index
    and sorted them all for the 50 largest (230 ms at a million articles),
    PostgreSQL ANDed bitmaps of the place and the year (25 ms).  Where a
    page of matches is among the first ``BUDGET`` events of the amount
    order (above the minimum amount, which that index serves), those are
    read largest first and tested; a rarer combination spends the budget
    and returns None, and the page is read as before.  ``find_events``
    asks only when the capped count says more than the cap match (a rare
    one, 蜀山区 in 2023, is cheaper to sort: its events are few).
    """
    floor = [EventRow.investment_value >= parse_amount(query.min_amount)] if query.min_amount else []
    column = SORTS[query.sort]
    cursor, backwards = position if position is not None else (None, False)
    runs = start_runs(column, query.order) if cursor is None else keyset_runs(cursor, column, backwards=backwards)
    return probe_in_order(session, floor, conditions, runs, wanted=query.per_page + 1)


def _neighbours(
    query: EventQuery, events: list[EventRow], further: bool, earlier: bool
) -> tuple[str | None, str | None]:
    """The cursors of the next and previous pages: after this page's last row, before its first."""
    column = SORTS[query.sort]
    if not events:
        return None, None  # nothing either way from here (the page links back to the first page)
    first, last = (cursor_of(row, query.sort, query.order, column).token() for row in (events[0], events[-1]))
    return (last if further else None), (first if earlier else None)


def pages_of(total: int, per_page: int) -> int:
    """How many pages ``total`` rows fill."""
    return max(1, -(-total // per_page))
