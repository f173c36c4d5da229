"""The versioned JSON API: every answer holds to the OpenAPI description, filters as the pages, errors as JSON.

No JSON Schema library is in the lock, so ``conforms`` reads the subset the
description uses (type, enum, properties, required, additionalProperties,
items, $ref) and the tests hold real answers to it: a field added, dropped
or retyped in a page's document fails here until the description says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from starlette.routing import Route
from starlette.testclient import TestClient

from monitor.alerts.subscriptions import SubscriptionSpec, add_subscription
from monitor.archive.files import Archive
from monitor.store import Article, Database
from monitor.workbench import api
from monitor.workbench.event_query import EVENT_KEYS
from tests.workbench.analyst_store import (
    END,
    JAVASCRIPT_TITLE,
    ONERROR_TITLE,
    SCRIPT_TITLE,
    SOURCES,
    app_with,
    populate,
    settings_with_sources,
)

JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def conforms(value: Any, schema: dict[str, Any], spec: dict[str, Any], where: str = "$") -> list[str]:
    """Where ``value`` breaks ``schema`` (a list of problems; empty when it holds)."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        return conforms(value, spec["components"]["schemas"][name], spec, where)
    problems: list[str] = []
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        # JSON has no booleans among its numbers: True is not an integer here.
        fits = any(
            isinstance(value, JSON_TYPES[kind]) and not (kind in ("integer", "number") and isinstance(value, bool))
            for kind in kinds
        )
        if not fits:
            return [f"{where}: {value!r} is not {kinds}"]
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} not one of {schema['enum']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        problems += [f"{where}: lacks {key!r}" for key in schema.get("required", []) if key not in value]
        if schema.get("additionalProperties") is False:
            problems += [f"{where}: undocumented field {key!r}" for key in value if key not in properties]
        for key, item in value.items():
            if key in properties:
                problems += conforms(item, properties[key], spec, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            problems += conforms(item, schema["items"], spec, f"{where}[{index}]")
    return problems


@pytest.fixture
def client(db: Database, tmp_path: Path) -> Iterator[TestClient]:
    """The workbench with the API, the Overview and the feeds, on the analyst store and a subscription."""
    populate(db, Archive(tmp_path / "archive"))
    with db.session() as session:
        add_subscription(session, SubscriptionSpec(name="江苏", target="json://127.0.0.1:9/hook?token=secret"))
    app = app_with(settings_with_sources(*SOURCES), db)
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


@pytest.fixture
def spec(client: TestClient) -> dict[str, Any]:
    """The description the API serves."""
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def served_api_paths(client: TestClient) -> set[str]:
    """The /api/v1 paths the app routes, in OpenAPI's spelling ({cluster_id}, not {cluster_id:int})."""
    paths = set()
    for route in client.app.routes:  # type: ignore[attr-defined]
        if isinstance(route, Route) and route.path.startswith("/api/v1"):
            paths.add(route.path.replace(":int", ""))
    return paths


def test_the_description_is_openapi_3_1_and_every_reference_resolves(spec: dict[str, Any]) -> None:
    assert spec["openapi"] == "3.1.0" and spec["info"]["version"] == api.API_VERSION
    text = json.dumps(spec)
    for name in {part.split('"')[0] for part in text.split("#/components/schemas/")[1:]}:
        assert name in spec["components"]["schemas"], name
    for path, item in spec["paths"].items():
        assert path.startswith("/api/v1")
        for operation in item.values():
            assert "200" in operation["responses"] and operation["summary"]
            for parameter in operation.get("parameters", []):
                assert parameter["in"] in ("query", "path") and "schema" in parameter
                if parameter["in"] == "path":
                    assert parameter["required"] and "{" + parameter["name"] + "}" in path


def test_every_served_endpoint_is_described_and_every_described_one_served(
    client: TestClient, spec: dict[str, Any]
) -> None:
    served = served_api_paths(client)
    assert served - set(spec["paths"]) == set()
    # The search endpoint is described here and served by monitor.workbench.search once the app lists it.
    assert set(spec["paths"]) - served <= {"/api/v1/search"}


def test_the_events_filters_described_are_the_parsers(spec: dict[str, Any]) -> None:
    described = [p["name"] for p in spec["paths"]["/api/v1/events"]["get"]["parameters"]]
    assert described == list(EVENT_KEYS)


def _cluster_of(client: TestClient, title: str) -> int:
    events = client.get("/api/v1/events", params={"per_page": "200"}).json()["events"]
    cluster: int = next(e["cluster"] for e in events if e["article"]["title"] == title)
    return cluster


def test_every_answer_holds_to_its_schema(client: TestClient, spec: dict[str, Any]) -> None:
    cluster = _cluster_of(client, "宝山区重点项目集中签约")
    article = client.get("/api/v1/events", params={"q": "嘉定"}).json()["events"][0]["article"]["id"]
    calls = {
        "/api/v1/events": "/api/v1/events?place=上海市&sort=amount",
        "/api/v1/clusters/{cluster_id}": f"/api/v1/clusters/{cluster}",
        "/api/v1/events/{cluster_id}": f"/api/v1/events/{cluster}",
        "/api/v1/articles/{article_id}": f"/api/v1/articles/{article}",
        "/api/v1/sources": "/api/v1/sources",
        "/api/v1/subscriptions": "/api/v1/subscriptions",
        "/api/v1/overview": f"/api/v1/overview?end={END}",
    }
    for path, url in calls.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.text)
        assert response.headers["content-type"].startswith("application/json")
        schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert conforms(response.json(), schema, spec) == [], url


def test_a_cluster_is_one_event_with_every_report_first_publisher_first(client: TestClient) -> None:
    cluster = _cluster_of(client, "宝山区重点项目集中签约")
    document = client.get(f"/api/v1/clusters/{cluster}").json()
    assert document["amount"]["value"] == 12_000_000_000
    assert [(r["article"]["source"], r["first_publisher"]) for r in document["reports"]] == [
        ("mirror-a", True),
        ("mirror-b", False),
    ]
    assert client.get(f"/api/v1/events/{cluster}").json() == document


@pytest.mark.parametrize(
    ("params", "counties"),
    [
        ({"place": "上海市", "from": "2025-01-01"}, ["嘉定区", "宝山区", "宝山区", "金山区"]),
        ({"place": "江苏省"}, ["昆山市"]),
        ({"min_amount": "100亿", "source": "mirror-b"}, ["宝山区"]),
        ({"place": "上海市", "sort": "amount", "order": "asc", "per_page": "2"}, ["金山区", "嘉定区"]),
    ],
)
def test_events_take_the_pages_filters(client: TestClient, params: dict[str, str], counties: list[str]) -> None:
    events = client.get("/api/v1/events", params=params).json()["events"]
    found = [e["place"]["county"] for e in events]
    assert found == counties if "sort" in params else sorted(found) == sorted(counties)


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/api/v1/events?status=bogus", 400, "unknown status"),
        ("/api/v1/events?place=%3Cscript%3E", 400, "unknown place"),
        ("/api/v1/events?per_page=100000", 400, "must be a whole number"),
        ("/api/v1/events?page=1&page=2", 400, "given twice"),
        ("/api/v1/events?q=%FF%FE", 400, "not valid UTF-8"),
        ("/api/v1/clusters/999999", 404, "no event 999999"),
        ("/api/v1/articles/999999", 404, "no article 999999"),
        ("/api/v1/openapi.json?x=1", 400, "unknown parameter"),
    ],
)
def test_errors_are_json_with_their_status(
    client: TestClient, spec: dict[str, Any], url: str, status: int, message: str
) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert conforms(response.json(), {"$ref": "#/components/schemas/Error"}, spec) == []
    assert message in response.json()["error"]


def test_another_version_is_not_found(client: TestClient) -> None:
    assert client.get("/api/v2/events").status_code == 404
    index = client.get("/api/v1").json()
    assert index["api_version"] == "1" and "/api/v1/clusters/{cluster_id}" in index["endpoints"]


def test_hostile_text_comes_back_as_the_same_text_and_targets_stay_masked(client: TestClient, db: Database) -> None:
    with db.session() as session:
        ids = {a.title: a.id for a in session.scalars(select(Article))}
    for title in (SCRIPT_TITLE, ONERROR_TITLE, JAVASCRIPT_TITLE):
        response = client.get(f"/api/v1/articles/{ids[title]}")
        assert response.json()["title"] == title
        assert response.headers["x-content-type-options"] == "nosniff"  # never sniffed into HTML
    [listed] = client.get("/api/v1/subscriptions").json()
    assert listed["name"] == "江苏" and "secret" not in listed["target"] and "hook" not in listed["target"]
