"""The Events page: every stored event, filtered, sorted and paginated, its state in the URL."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from monitor.events.model import AMOUNT_KINDS, STATUS_NAMES
from monitor.store.event_listing import event_json
from monitor.workbench.event_query import (
    EVENT_KEYS,
    PER_PAGE,
    SORTS,
    STATUSES,
    find_events,
    known_kinds,
    known_sources,
    pages_of,
    read_event_query,
)
from monitor.workbench.params import read_format, read_params
from monitor.workbench.rendering import Table, respond

HEADERS = (
    "id",
    "cluster",
    "date",
    "kind",
    "status",
    "province",
    "city",
    "county",
    "projects",
    "amount",
    "max",
    "amount_kind",
    "qualifier",
    "currency",
    "parties",
    "source",
    "published",
    "title",
    "url",
    "evidence",
)


def export_row(document: dict[str, Any]) -> tuple[Any, ...]:
    """One event as a row of the CSV and XLSX exports."""
    amount = document["amount"] or {}
    article = document["article"]
    return (
        document["id"],
        document["cluster"],
        document["date"] or document["reported_on"],
        document["kind"],
        document["status"],
        *document["place"].values(),
        document["projects"],
        amount.get("value"),
        amount.get("max"),
        document["amount_kind"],
        amount.get("qualifier"),
        amount.get("currency"),
        "; ".join(document["parties"]),
        article["source"],
        article["published"],
        article["title"],
        article["url"],
        document["evidence"],
    )


async def events_page(request: Request) -> Response:
    """GET /events: the filtered events, as HTML, JSON, CSV or XLSX."""
    params = read_params(request.scope["query_string"], EVENT_KEYS)
    fmt = read_format(params)
    query = read_event_query(params)
    with request.app.state.database.session() as session:
        found = find_events(session, query)
        documents = [event_json(row) for row in found.events]
        kinds, sources = known_kinds(session), known_sources(session)
    pages = pages_of(found.total, query.per_page)
    document = {
        "filters": query.as_json(),
        "total": found.total,
        # True when more than `total` match: counting stops at COUNT_CAP.
        "total_capped": found.more,
        "page": query.page,
        "pages": pages,
        # Keyset cursors of the pages either side (null: none that way): pass as after= / before=.
        "next_after": found.next_after,
        "previous_before": found.previous_before,
        "events": documents,
    }
    context = {
        "query": query,
        "events": documents,
        "total": found.total_text,
        "more": found.more,
        # The events feed of the same filters, for a feed reader (<link rel="alternate"> and a visible link).
        "feed_link": "/feeds/events.atom" + (f"?{feed}" if (feed := query.feed_params()) else ""),
        # The pager's links: keyset cursors after this page's last row and before its first.
        "next_link": f"/events?{query.url_params(page=1, after=found.next_after, before='')}"
        if found.next_after
        else None,
        "previous_link": f"/events?{query.url_params(page=1, after='', before=found.previous_before)}"
        if found.previous_before
        else None,
        "by_cursor": bool(query.after or query.before),
        "pages": pages,
        "kinds": kinds,
        "sources": sources,
        "statuses": STATUSES,
        "amount_kinds": AMOUNT_KINDS,
        "status_names": STATUS_NAMES,
        "sorts": list(SORTS),
        "per_page_choices": PER_PAGE,
    }
    table = Table("events", HEADERS, [export_row(d) for d in documents])
    return respond(request, fmt, "events.html", context, document, table)


routes = [Route("/events", events_page, name="events"), Route("/api/v1/events", events_page)]
