"""The Subscriptions page: who gets alerts, URLs always masked; add, test and remove as the CLI does.

Adding goes through ``add_subscription``, the function ``signwatch subscribe
add`` calls, so the page accepts and refuses exactly what the command does.
Changing anything needs the editor role (when a login is configured) and the
form's CSRF token.
"""

from __future__ import annotations

import re
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from monitor.alerts.masking import mask_target
from monitor.alerts.subscriptions import (
    SubscriptionSpec,
    add_subscription,
    default_name,
    describe,
    find_subscription,
    list_subscriptions,
    remove_subscription,
    sync_config_subscriptions,
)
from monitor.errors import InputError
from monitor.workbench.params import read_format, read_params
from monitor.workbench.rendering import Table, respond
from monitor.workbench.security import CSRF_COOKIE, CSRF_FIELD, csrf_matches

HEADERS = ("id", "name", "feed", "target", "places", "kinds", "keywords", "min_amount", "digest", "origin", "enabled")
_LIST_SEPARATORS = re.compile(r"[,，、\s]+")
FORM_FIELDS = ("name", "target", "places", "kinds", "keywords", "min_amount", "digest", "tag")


def _listed(request: Request) -> list[dict[str, Any]]:
    settings = request.app.state.settings
    with request.app.state.database.session() as session:
        # The config file's [[subscriptions]] are part of the list, as for `signwatch subscribe list`.
        sync_config_subscriptions(session, settings.subscriptions, settings.alerts.apprise_config)
        # Each with its id and its own Atom feed of the events it was alerted to (the target stays masked).
        return [
            {"id": row.id, **describe(row), "feed": f"/feeds/subscriptions/{row.id}.atom"}
            for row in list_subscriptions(session)
        ]


def _page(
    request: Request,
    fmt: str,
    notice: str = "",
    problem: str = "",
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    shown = _listed(request)
    table = Table(
        "subscriptions",
        HEADERS,
        [
            (
                s["id"],
                s["name"],
                s["feed"],
                s["target"],
                "; ".join(s["places"]),
                "; ".join(s["kinds"]),
                "; ".join(s["keywords"]),
                s["min_amount"],
                s["digest"],
                s["origin"],
                s["enabled"],
            )
            for s in shown
        ],
    )
    context = {"subscriptions": shown, "notice": notice, "problem": problem, "form": form or {}}
    document: Any = shown if not problem else {"error": problem, "subscriptions": shown}
    return respond(request, fmt, "subscriptions.html", context, document, table, status_code)


async def subscriptions_page(request: Request) -> Response:
    """GET /subscriptions: the list, as HTML, JSON, CSV or XLSX."""
    params = read_params(request.scope["query_string"], ("format", "notice"))
    notices = {"added": "已添加订阅", "removed": "已删除订阅", "tested": "测试消息已发送"}
    return _page(request, read_format(params), notice=notices.get(params.get("notice", ""), ""))


async def _editor_form(request: Request) -> dict[str, str]:
    """The posted form, once the editor role and the CSRF token are checked."""
    if request.state.role != "editor":
        raise HTTPException(403, "需要编辑者权限 (only an editor may change subscriptions)")
    form = await request.form(max_files=0, max_fields=32)
    fields = {key: value for key, value in form.items() if isinstance(value, str)}
    if not csrf_matches(request.cookies.get(CSRF_COOKIE), fields.get(CSRF_FIELD)):
        raise HTTPException(403, "表单已过期或来源不明,请刷新页面后重试 (CSRF token missing or wrong)")
    return fields


def _terms(text: str) -> tuple[str, ...]:
    return tuple(term for term in _LIST_SEPARATORS.split(text) if term)


async def add_page(request: Request) -> Response:
    """POST /subscriptions: add one subscription; its problems are shown beside the form (400)."""
    fields = await _editor_form(request)
    settings = request.app.state.settings
    try:
        with request.app.state.database.session() as session:
            target, tag = fields.get("target", "").strip(), fields.get("tag", "").strip() or None
            spec = SubscriptionSpec(
                name=fields.get("name", "").strip() or default_name(session, target, tag),
                target=target,
                tag=tag,
                places=_terms(fields.get("places", "")),
                kinds=_terms(fields.get("kinds", "")),
                keywords=_terms(fields.get("keywords", "")),
                min_amount=fields.get("min_amount", "").strip() or None,
                digest=fields.get("digest", "").strip() or None,
                origin="workbench",
            )
            add_subscription(session, spec, settings.alerts.apprise_config)
    except InputError as error:
        # The typed URL is never echoed back: it may carry a token.
        kept = {k: v for k, v in fields.items() if k in FORM_FIELDS and k != "target"}
        return _page(request, "html", problem=str(error), form=kept, status_code=400)
    return RedirectResponse("/subscriptions?notice=added", status_code=303)


async def remove_page(request: Request) -> Response:
    """POST /subscriptions/remove: remove one added subscription (those of the config file stay there)."""
    fields = await _editor_form(request)
    name = fields.get("name", "")
    try:
        with request.app.state.database.session() as session:
            row = find_subscription(session, name)
            if row.origin == "config":
                raise InputError(f"{name!r} is declared in the config file; remove it there")
            remove_subscription(session, name)
    except InputError as error:
        return _page(request, "html", problem=str(error), status_code=400)
    return RedirectResponse("/subscriptions?notice=removed", status_code=303)


async def test_page(request: Request) -> Response:
    """POST /subscriptions/test: send a test message now, as ``signwatch subscribe test`` does."""
    from monitor.alerts.dispatch import Dispatcher
    from monitor.alerts.render import Message

    fields = await _editor_form(request)
    database = request.app.state.database
    try:
        with database.session() as session:
            row = find_subscription(session, fields.get("name", ""))
        message = Message("signwatch 测试消息", f"订阅“{row.name}”可以收到 signwatch 的提醒。")
        ok, error = Dispatcher(database, request.app.state.settings.alerts).send(row, message)
        if not ok:
            raise InputError(f"test message to {mask_target(row.target, row.tag)} failed: {error}")
    except InputError as error:
        return _page(request, "html", problem=str(error), status_code=400)
    return RedirectResponse("/subscriptions?notice=tested", status_code=303)


routes = [
    Route("/subscriptions", subscriptions_page, name="subscriptions", methods=["GET"]),
    Route("/subscriptions", add_page, methods=["POST"]),
    Route("/subscriptions/remove", remove_page, methods=["POST"]),
    Route("/subscriptions/test", test_page, methods=["POST"]),
    Route("/api/v1/subscriptions", subscriptions_page, methods=["GET"]),
]
