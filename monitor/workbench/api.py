"""The versioned JSON API: ``/api/v1/…``, described by a hand-written OpenAPI 3.1 document.

Each page of the workbench answers JSON under ``/api/v1/`` with the same
document its page is built from (``rendering.respond``), so the API and the
pages cannot drift apart.  This module adds what only an API needs:

* ``/api/v1/openapi.json`` — the description (Starlette makes none), its
  filter parameters built from the same constants the filter parser checks
  against, its schemas strict (no unlisted fields) so a test holding every
  answer to them notices any change of shape;
* ``/api/v1/clusters/<id>`` — the event (cluster) under the name the API
  uses for it; ``/api/v1/events/<id>`` answers the same;
* ``/api/v1`` — where to start: the version and the endpoints.

The version is in the path: a change that breaks a client gets ``/api/v2/``
beside this one; ``v1`` only ever gains fields and endpoints.  Errors are
``{"error": message, "status": code}`` with the HTTP status (400 for a bad
filter, 404 for an unknown id, 503 while the database is down).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from monitor.events.model import AMOUNT_KINDS
from monitor.projects.model import STAGES
from monitor.workbench import event
from monitor.workbench.event_query import EVENT_KEYS, ORDERS, PER_PAGE, SORTS, STATUSES
from monitor.workbench.overview import DEFAULT_MONTHS, LONGEST_PERIOD
from monitor.workbench.params import read_params
from monitor.workbench.rendering import json_response

API_VERSION = "1"
PREFIX = f"/api/v{API_VERSION}"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(kind: str) -> dict[str, Any]:
    return {"type": [kind, "null"]}


def _object(required: dict[str, Any], optional: dict[str, Any] | None = None, *, null: bool = False) -> dict[str, Any]:
    """A strict object schema: ``required`` fields always present, no fields but those listed."""
    return {
        "type": ["object", "null"] if null else "object",
        "properties": {**required, **(optional or {})},
        "required": list(required),
        "additionalProperties": False,
    }


STRING, INTEGER, NUMBER, BOOLEAN = ({"type": t} for t in ("string", "integer", "number", "boolean"))
TEXT, WHOLE, AMOUNT = _nullable("string"), _nullable("integer"), _nullable("number")
MOMENT = {"type": ["string", "null"], "format": "date-time"}
PLACE = _object({"province": TEXT, "city": TEXT, "county": TEXT})
QUALIFIER = {"type": ["string", "null"], "enum": ["exact", "more_than", "nearly", "about", None]}
AMOUNT_KIND = {
    "type": ["string", "null"],
    "enum": [*AMOUNT_KINDS, None],
    "description": "the kind of money: agreed (总投资), contracted (合同引资), arrived (到位资金), planned (计划投资), "
    "or a kind that is no investment (credit, subsidy, tax, output …); null for a row stored before kinds were read",
}

SCHEMAS: dict[str, Any] = {
    "Error": _object({"error": STRING, "status": INTEGER}),
    "Place": PLACE,
    "Amount": _object({"value": NUMBER, "max": AMOUNT, "qualifier": QUALIFIER, "currency": TEXT}, null=True),
    "Figure": _object(
        {
            "text": STRING,
            "value": NUMBER,
            "max": AMOUNT,
            "currency": STRING,
            "qualifier": QUALIFIER,
            "investment": BOOLEAN,
            "amount_kind": AMOUNT_KIND,
            "projects": WHOLE,
        },
        # A cluster's reports give each figure's source sentence (the Event page marks it).
        {"evidence": STRING},
    ),
    "ArticleRef": _object(
        {
            "id": INTEGER,
            "archive_name": STRING,
            "title": TEXT,
            "url": TEXT,
            "source": TEXT,
            "news_source": TEXT,
            "published": MOMENT,
        }
    ),
    "Event": _object(
        {
            "id": INTEGER,
            "cluster": WHOLE,
            "kind": STRING,
            "status": {"type": "string", "enum": list(STATUSES)},
            "place": _ref("Place"),
            "date": TEXT,
            "reported_on": {"type": ["string", "null"], "format": "date"},
            "parties": {"type": "array", "items": STRING},
            "projects": WHOLE,
            "amount_kind": AMOUNT_KIND,
            "amount": _ref("Amount"),
            "figures": {"type": "array", "items": _ref("Figure")},
            "parts": {"type": "array", "items": {"type": "object"}},
            "evidence": STRING,
            "article": _ref("ArticleRef"),
        },
        {"first_publisher": BOOLEAN},
    ),
    "EventsPage": _object(
        {
            "filters": {"type": "object", "description": "the filters as read, sort and page included"},
            "total": {
                "type": "integer",
                "description": "matching events, counted up to 1000",
            },
            "total_capped": {"type": "boolean", "description": "true when more than `total` events match"},
            "page": INTEGER,
            "pages": INTEGER,
            "next_after": {"type": ["string", "null"], "description": "cursor of the next page (after=), or null"},
            "previous_before": {
                "type": ["string", "null"],
                "description": "cursor of the previous page (before=), or null",
            },
            "events": {"type": "array", "items": _ref("Event")},
        }
    ),
    "Cluster": _object(
        {
            "id": INTEGER,
            "kind": STRING,
            "place": _ref("Place"),
            "date": TEXT,
            "projects": WHOLE,
            "amount": _ref("Amount"),
            "amount_kind": AMOUNT_KIND,
            "first_seen": {"type": "string", "format": "date-time"},
            "parties": {"type": "array", "items": STRING},
            "reports": {
                "type": "array",
                "items": _ref("Event"),
                "description": "every article's report of the event, the first publisher first",
            },
            "projects_followed": {
                "type": "array",
                "items": _object({"id": INTEGER, "name": STRING, "stage": STRING}),
                "description": "the projects this event is a stage of (a signing of each), with their furthest stage",
            },
        }
    ),
    "Article": _object(
        {
            "id": INTEGER,
            "title": TEXT,
            "url": TEXT,
            "source": TEXT,
            "news_source": TEXT,
            "place": _ref("Place"),
            "author": TEXT,
            "published": MOMENT,
            "fetched": MOMENT,
            "stored": {"type": "string", "format": "date-time"},
            "archive_name": STRING,
            "content_hash": STRING,
            "text": STRING,
            "figures": {
                "type": "array",
                "items": _object(
                    {
                        "text": STRING,
                        "value": NUMBER,
                        "currency": STRING,
                        "qualifier": QUALIFIER,
                        "investment": BOOLEAN,
                        "evidence": STRING,
                    }
                ),
            },
            "events": {
                "type": "array",
                "items": _object({"id": INTEGER, "cluster": WHOLE, "kind": STRING, "status": STRING}),
            },
            "revisions": {
                "type": "array",
                "items": _object({"id": INTEGER, "title": TEXT, "stored_at": STRING, "current": BOOLEAN}),
            },
            "has_raw_page": BOOLEAN,
        }
    ),
    "Source": _object(
        {
            "name": STRING,
            "type": TEXT,
            "enabled": BOOLEAN,
            "configured": BOOLEAN,
            "last_success": MOMENT,
            "failures_in_a_row": INTEGER,
            "last_new_article": MOMENT,
            "articles_per_week": NUMBER,
            "last_run_status": TEXT,
            "last_error": TEXT,
            "healthy": BOOLEAN,
        }
    ),
    "Subscription": _object(
        {
            "id": INTEGER,
            "name": STRING,
            "feed": {"type": "string", "description": "the path of its Atom feed: /feeds/subscriptions/<id>.atom"},
            "target": {"type": "string", "description": "always masked"},
            "places": {"type": "array", "items": STRING},
            "kinds": {"type": "array", "items": STRING},
            "keywords": {"type": "array", "items": STRING},
            "stages": {"type": "array", "items": STRING, "description": "project stages told of (开工, 投产)"},
            "min_amount": AMOUNT,
            "digest": TEXT,
            "origin": STRING,
            "enabled": BOOLEAN,
        }
    ),
    "Overview": _object(
        {
            "place": TEXT,
            "level": {"type": "string", "enum": ["province", "city", "county"]},
            "period": _object({"from": STRING, "to": STRING, "months": INTEGER}),
            "currency": {"type": "string", "enum": ["CNY"]},
            "months": {
                "type": "array",
                "items": _object({"month": STRING, "signed_investment": NUMBER, "events": INTEGER}),
            },
            "places": {
                "type": "array",
                "items": _object(
                    {
                        "name": STRING,
                        "place": _ref("Place"),
                        "drill": STRING,
                        "signed_investment": NUMBER,
                        "events": INTEGER,
                        "href": STRING,
                    }
                ),
            },
            "bands": {
                "type": "array",
                "items": _object({"band": STRING, "events": INTEGER, "signed_investment": NUMBER}),
            },
            "industries": {
                "type": "array",
                "items": _object({"industry": TEXT, "signed_investment": NUMBER, "events": INTEGER}),
                "description": "events by industry label (null: none read), largest signed investment first",
            },
            "largest": {
                "type": "array",
                "items": _object(
                    {
                        "cluster": WHOLE,
                        "title": TEXT,
                        "kind": STRING,
                        "status": STRING,
                        "place": _ref("Place"),
                        "date": TEXT,
                        "reports": INTEGER,
                        "amount": _object({"value": NUMBER, "qualifier": QUALIFIER, "currency": TEXT}),
                    }
                ),
            },
            "attention": {
                "type": "array",
                "items": _object(
                    {
                        "name": STRING,
                        "reasons": {"type": "array", "items": STRING},
                        "failures_in_a_row": INTEGER,
                        "last_new_article": MOMENT,
                        "last_error": TEXT,
                    }
                ),
            },
        }
    ),
    "SearchPage": _object(
        {
            "query": STRING,
            "total": INTEGER,
            "page": INTEGER,
            "pages": INTEGER,
            "results": {"type": "array", "items": {"type": "object"}},
        }
    ),
}

# What each Events filter means, for the description (the parser is monitor.workbench.event_query).
EVENT_FILTERS: dict[str, tuple[dict[str, Any], str]] = {
    "place": (STRING, "province, city or county, matching every event at or below it (上海市, 宝山区, 上海宝山)"),
    "kind": (STRING, "an event kind the store holds (集中签约, 战略合作协议, 投资 …); an unknown one is a 400"),
    "status": (
        {"type": "string", "enum": list(STATUSES)},
        "done: signed; planned: to be signed; intended: an intent (意向), not a contract",
    ),
    "party": (STRING, "a party's name as the event lists it"),
    "amount_kind": (
        {"type": "string", "enum": list(AMOUNT_KINDS)},
        "the kind of money of the event's amount (agreed, contracted, arrived, planned …); an unknown one is a 400",
    ),
    "min_amount": (STRING, "the least investment in yuan: 50000000000, 5e10 or 500亿"),
    "from": ({"type": "string", "format": "date"}, "events on or after this day (YYYY-MM-DD)"),
    "to": ({"type": "string", "format": "date"}, "events on or before this day (YYYY-MM-DD)"),
    "source": (STRING, "a source's name"),
    "q": (STRING, "text in the article's title or the event's sentence"),
    "sort": ({"type": "string", "enum": list(SORTS), "default": "date"}, "the order of the list"),
    "order": ({"type": "string", "enum": list(ORDERS), "default": "desc"}, "descending or ascending"),
    "page": ({"type": "integer", "minimum": 1, "default": 1}, "the page of the list (by offset; prefer after)"),
    "after": (STRING, "the page after this cursor: an answer's next_after (opaque; a bad one is a 400)"),
    "before": (STRING, "the page before this cursor: an answer's previous_before (opaque; a bad one is a 400)"),
    "per_page": (
        {"type": "integer", "minimum": 1, "maximum": max(PER_PAGE), "default": 50},
        "events per page",
    ),
    "format": ({"type": "string", "enum": ["json", "csv", "xlsx"], "default": "json"}, "json, or a table export"),
}


def _parameter(name: str, schema: dict[str, Any], description: str, where: str = "query") -> dict[str, Any]:
    return {"name": name, "in": where, "required": where == "path", "schema": schema, "description": description}


def _answers(schema: dict[str, Any], *errors: int) -> dict[str, Any]:
    answers: dict[str, Any] = {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}
    reasons = {400: "a bad or unknown parameter", 404: "no such thing", 503: "the database cannot be reached"}
    for code in (*errors, 503):
        answers[str(code)] = {"description": reasons[code], "content": {"application/json": {"schema": _ref("Error")}}}
    return answers


def _get(summary: str, schema: dict[str, Any], parameters: list[dict[str, Any]], *errors: int) -> dict[str, Any]:
    return {"get": {"summary": summary, "parameters": parameters, "responses": _answers(schema, *errors)}}


def openapi_document() -> dict[str, Any]:
    """The API's OpenAPI 3.1 description."""
    events_filters = [_parameter(key, *EVENT_FILTERS[key]) for key in EVENT_KEYS]
    cluster_id = _parameter("cluster_id", {"type": "integer"}, "the event's (cluster's) number", "path")
    only_format = [_parameter("format", {"type": "string", "enum": ["json"]}, "json (the default here)")]
    table_format = [_parameter("format", EVENT_FILTERS["format"][0], EVENT_FILTERS["format"][1])]
    cluster = _get(
        "One event: the cluster and every article's report of it", _ref("Cluster"), [cluster_id, *only_format], 400, 404
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "signwatch workbench API",
            "version": API_VERSION,
            "description": (
                "Events (clusters of reports), articles, sources and subscriptions of signwatch's store. "
                "Read only; the same filters as the workbench's pages. Errors are {error, status}."
            ),
        },
        "servers": [{"url": "/"}],
        "paths": {
            f"{PREFIX}": {
                "get": {
                    "summary": "The version and the endpoints",
                    "responses": {
                        "200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}
                    },
                }
            },
            f"{PREFIX}/openapi.json": {
                "get": {
                    "summary": "This description",
                    "responses": {
                        "200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}
                    },
                }
            },
            f"{PREFIX}/events": _get(
                "Reports of events, filtered, sorted and paged", _ref("EventsPage"), events_filters, 400
            ),
            f"{PREFIX}/clusters/{{cluster_id}}": cluster,
            f"{PREFIX}/events/{{cluster_id}}": cluster,
            f"{PREFIX}/articles/{{article_id}}": _get(
                "One article: its text, figures, events and revisions",
                _ref("Article"),
                [_parameter("article_id", {"type": "integer"}, "the article's number", "path"), *only_format],
                400,
                404,
            ),
            f"{PREFIX}/sources": _get(
                "Every source's health", {"type": "array", "items": _ref("Source")}, table_format, 400
            ),
            f"{PREFIX}/subscriptions": _get(
                "The subscriptions, targets masked", {"type": "array", "items": _ref("Subscription")}, table_format, 400
            ),
            f"{PREFIX}/overview": _get(
                "Signed investment and events by month, place and amount band; largest events; sources to look at",
                _ref("Overview"),
                [
                    _parameter("place", STRING, "the place to look into (its next level is charted)"),
                    _parameter("end", {"type": "string", "pattern": r"^\d{4}-\d{2}$"}, "the last month (YYYY-MM)"),
                    _parameter(
                        "months",
                        {"type": "integer", "minimum": 1, "maximum": LONGEST_PERIOD, "default": DEFAULT_MONTHS},
                        "how many months",
                    ),
                    *table_format,
                ],
                400,
            ),
            f"{PREFIX}/projects": _get(
                "Projects followed from their signing, filtered: each with its furthest stage and days since signing",
                _ref("ProjectsPage"),
                [
                    _parameter("place", STRING, "a province, city or county; 上海市 includes 宝山区"),
                    _parameter("industry", STRING, "an industry label of the taxonomy (docs/projects.md)"),
                    _parameter("stage", {"type": "string", "enum": list(STAGES)}, "projects with a report of it"),
                    _parameter("since", STRING, "projects with a report on or after this day (YYYY-MM-DD)"),
                    _parameter("limit", {"type": "integer", "minimum": 1, "maximum": 1000, "default": 200}, "at most"),
                    *table_format,
                ],
                400,
            ),
            f"{PREFIX}/projects/{{project_id}}": _get(
                "One project: its timeline, each stage with its date and reports, the first publisher first",
                _ref("Project"),
                [_parameter("project_id", {"type": "integer"}, "the project's number", "path"), *only_format],
                400,
                404,
            ),
            f"{PREFIX}/search": _get(
                "Articles holding every word of q (Chinese words of two characters included)",
                _ref("SearchPage"),
                [
                    _parameter("q", STRING, "the words to find"),
                    _parameter("page", {"type": "integer", "minimum": 1, "default": 1}, "the page of results"),
                    *table_format,
                ],
                400,
            ),
        },
        "components": {"schemas": {**SCHEMAS, **PROJECT_SCHEMAS}},
    }


_PROJECT_FIELDS: dict[str, Any] = {
    "id": INTEGER,
    "name": STRING,
    "key": STRING,
    "investor": TEXT,
    "place": PLACE,
    "industry": TEXT,
    "industry_words": {"type": "array", "items": STRING},
    "amount": _object({"value": NUMBER, "max": AMOUNT, "kind": TEXT, "currency": TEXT}, null=True),
    "signed_on": TEXT,
    "stage": STRING,
    "stage_on": TEXT,
    "days_since_signing": WHOLE,
}
_STAGE_REPORT = _object(
    {
        "stage": STRING,
        "date": TEXT,
        "reported_on": TEXT,
        "event": WHOLE,
        "evidence": STRING,
        "article": _object({"id": INTEGER, "title": TEXT, "url": TEXT, "published": MOMENT}),
    }
)
PROJECT_SCHEMAS: dict[str, Any] = {
    "ProjectRow": _object({**_PROJECT_FIELDS, "stages": {"type": "array", "items": _STAGE_REPORT}}),
    "ProjectsPage": _object(
        {
            "filters": {"type": "object", "additionalProperties": STRING},
            "total": INTEGER,
            "projects": {"type": "array", "items": _ref("ProjectRow")},
        }
    ),
    "Project": _object(
        {
            **_PROJECT_FIELDS,
            "timeline": {
                "type": "array",
                "items": _object(
                    {
                        "stage": STRING,
                        "date": TEXT,
                        "reports": {
                            "type": "array",
                            "items": _object(
                                {
                                    "first_publisher": BOOLEAN,
                                    "date": TEXT,
                                    "reported_on": TEXT,
                                    "evidence": STRING,
                                    "event": WHOLE,
                                    "article": _object(
                                        {"id": INTEGER, "title": TEXT, "url": TEXT, "source": TEXT, "published": MOMENT}
                                    ),
                                }
                            ),
                        },
                    }
                ),
            },
        }
    ),
}


async def openapi_json(request: Request) -> Response:
    """GET /api/v1/openapi.json: the API's description."""
    read_params(request.scope["query_string"], ())
    return json_response(openapi_document())


async def index(request: Request) -> Response:
    """GET /api/v1: the version and where its description is."""
    read_params(request.scope["query_string"], ())
    paths = sorted(openapi_document()["paths"])
    return json_response({"api_version": API_VERSION, "openapi": f"{PREFIX}/openapi.json", "endpoints": paths})


def routes() -> list[BaseRoute]:
    """The API's own routes (the pages' JSON twins under /api/v1/ are the pages' routes)."""
    return [
        Route(PREFIX, index, name="api"),
        Route(f"{PREFIX}/openapi.json", openapi_json, name="openapi"),
        Route(f"{PREFIX}/clusters/{{cluster_id:int}}", event.event_page, name="api_cluster"),
    ]
