"""The workbench application: ``create_app(settings)``, every page's routes, the guard and the error pages.

Errors are answered, never leaked: a bad query string or filter value is a
400 page saying what is wrong (``BadQuery``, ``InputError``), a page that
does not exist a 404, and a database that cannot be reached a 503 — the
store's sessions raise ``StoreError`` and the next request simply tries
again (the engine's pool pings its connections), so the workbench recovers
when the database is back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from monitor.alerts.digest_times import zone
from monitor.errors import InputError, StoreError
from monitor.workbench import api, articles, event, events, feeds, overview, projects, search, sources, subscriptions
from monitor.workbench.rendering import error_response, make_environment
from monitor.workbench.security import GuardMiddleware, Login

if TYPE_CHECKING:
    from monitor.config import Settings
    from monitor.store import Database

STATIC_DIR = Path(__file__).parent / "static"


async def home(request: Request) -> Response:
    """GET /: the Overview is where an analyst starts."""
    return RedirectResponse("/overview", status_code=307)


async def _bad_input(request: Request, error: Exception) -> Response:
    return error_response(request, 400, "请求有误", str(error))


async def _store_down(request: Request, error: Exception) -> Response:
    message = "数据库暂时无法连接,请稍后刷新 (the database cannot be reached; try again shortly)"
    response = error_response(request, 503, "数据库不可用", message)
    response.headers["retry-after"] = "30"
    return response


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    titles = {403: "没有权限", 404: "找不到页面", 405: "不支持的请求方法"}
    detail = error.detail if error.status_code != 404 or "no " in str(error.detail) else "找不到这个页面 (not found)"
    response = error_response(request, error.status_code, titles.get(error.status_code, "请求有误"), str(detail))
    if error.headers:
        response.headers.update(error.headers)
    return response


def create_app(settings: Settings, database: Database | None = None) -> Starlette:
    """The workbench for ``settings``, reading ``database`` (default: the settings' store, not migrated here)."""
    if database is None:
        from monitor.store import Database

        database = Database.from_settings(settings)
    routes = [
        Route("/", home),
        *overview.routes(),
        *events.routes,
        *event.routes,
        *projects.routes,
        *articles.routes,
        *sources.routes,
        *subscriptions.routes,
        *search.routes(),
        *feeds.routes(),
        *api.routes(),
        Mount("/static", app=StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(GuardMiddleware, login=Login(settings.workbench))],
        exception_handlers={
            InputError: _bad_input,
            StoreError: _store_down,
            OperationalError: _store_down,
            InterfaceError: _store_down,
            HTTPException: _http_error,
        },
    )
    app.state.settings = settings
    app.state.database = database
    app.state.templates = make_environment(zone(settings.alerts.timezone))
    return app
