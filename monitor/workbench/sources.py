"""The Sources page: each configured or stored source's health, so a broken source shows at a glance."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from monitor.alerts.health import source_health
from monitor.store.models import Article, CrawlRun, Source
from monitor.workbench.params import read_format, read_params
from monitor.workbench.rendering import Table, respond

# Articles per week are counted over this many weeks (one quiet week is no alarm).
WEEKS_COUNTED = 4
HEADERS = (
    "source",
    "type",
    "enabled",
    "last_success",
    "failures_in_a_row",
    "last_new_article",
    "articles_per_week",
    "last_run_status",
    "last_error",
)


def _newest_runs(session: Session) -> dict[int, CrawlRun]:
    newest = select(func.max(CrawlRun.id)).group_by(CrawlRun.source_id)
    return {run.source_id: run for run in session.scalars(select(CrawlRun).where(CrawlRun.id.in_(newest)))}


def source_rows(request: Request, per_week: bool = True) -> list[dict[str, Any]]:
    """Every source, configured first, then any the store knows that the config no longer lists.

    ``per_week=False`` leaves out the articles per week (0 each), which count
    every article of the last weeks: the Overview flags sources by their
    health alone and should not pay for it.
    """
    settings = request.app.state.settings
    since = datetime.now(UTC) - timedelta(weeks=WEEKS_COUNTED)
    with request.app.state.database.session() as session:
        health = {h.name: h for h in source_health(session)}
        ids: dict[str, int] = {name: source_id for name, source_id in session.execute(select(Source.name, Source.id))}
        recent: dict[int | None, int] = {}
        if per_week:
            counted = (
                select(Article.source_id, func.count()).where(Article.stored_at >= since).group_by(Article.source_id)
            )
            recent = {source_id: count for source_id, count in session.execute(counted)}
        runs = _newest_runs(session)
    configured = {s.name: s for s in settings.sources}
    names = [*configured, *sorted(n for n in ids if n not in configured)]
    rows = []
    for name in names:
        state = health.get(name)
        source_id = ids.get(name)
        run = runs.get(source_id) if source_id is not None else None
        config = configured.get(name)
        rows.append(
            {
                "name": name,
                "type": config.type if config else None,
                "enabled": config.enabled if config else False,
                "configured": config is not None,
                "last_success": state.last_success if state else None,
                "failures_in_a_row": state.consecutive_failures if state else 0,
                "last_new_article": state.last_new_article if state else None,
                "articles_per_week": round(recent.get(source_id, 0) / WEEKS_COUNTED, 1) if source_id else 0,
                "last_run_status": run.status if run else None,
                "last_error": (state.last_error or state.reason or None) if state else None,
                "healthy": not (state and state.consecutive_failures),
            }
        )
    return rows


async def sources_page(request: Request) -> Response:
    """GET /sources: the health table, as HTML, JSON, CSV or XLSX."""
    fmt = read_format(read_params(request.scope["query_string"], ("format",)))
    rows = source_rows(request)
    table = Table(
        "sources",
        HEADERS,
        [
            (
                r["name"],
                r["type"],
                r["enabled"],
                _iso(r["last_success"]),
                r["failures_in_a_row"],
                _iso(r["last_new_article"]),
                r["articles_per_week"],
                r["last_run_status"],
                r["last_error"],
            )
            for r in rows
        ],
    )
    document = [{**r, **{k: _iso(r[k]) for k in ("last_success", "last_new_article")}} for r in rows]
    return respond(request, fmt, "sources.html", {"sources": rows}, document, table)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


routes = [Route("/sources", sources_page, name="sources"), Route("/api/v1/sources", sources_page)]
