"""The Projects page and the Project page: projects followed from their signing to production.

``/projects`` lists stored projects (filters: place, industry, stage reached,
a report since a date) with their furthest stage and the days from signing
to it, with CSV, XLSX and JSON twins; ``/projects/{id}`` is one project's
timeline, each stage with its date and the articles that report it, the
first publisher of each stage marked.  Both answer under ``/api/v1/`` too.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from monitor.errors import InputError
from monitor.projects.industries import LABELS
from monitor.projects.model import STAGES
from monitor.store.event_listing import parse_since, resolve_place_filter
from monitor.store.project_listing import (
    ProjectFilter,
    get_project,
    list_projects,
    parse_industry,
    parse_stage,
    project_json,
)
from monitor.store.project_models import ProjectStage
from monitor.workbench.params import read_format, read_int, read_params, row_id
from monitor.workbench.rendering import Table, respond

PROJECT_KEYS = ("place", "industry", "stage", "since", "limit", "format")
HEADERS = (
    "id",
    "name",
    "investor",
    "province",
    "city",
    "county",
    "industry",
    "amount",
    "currency",
    "signed_on",
    "stage",
    "stage_on",
    "days_since_signing",
)
_NEVER = datetime.max.replace(tzinfo=UTC)


def stage_day(document: dict[str, Any]) -> date | None:
    """The date of the project's furthest stage: its earliest report of that stage."""
    days = [s["reported_on"] for s in document["stages"] if s["stage"] == document["stage"] and s["reported_on"]]
    return date.fromisoformat(min(days)) if days else None


def days_since_signing(document: dict[str, Any]) -> int | None:
    """Days from the project's signing to its furthest stage; None when either is unknown (or misordered)."""
    reached = stage_day(document)
    if document["signed_on"] is None or reached is None:
        return None
    days = (reached - date.fromisoformat(document["signed_on"])).days
    return days if days >= 0 else None


def project_row(document: dict[str, Any]) -> dict[str, Any]:
    """A project of the listing: its JSON and the furthest stage's date and days since signing."""
    reached = stage_day(document)
    return {
        **document,
        "stage_on": reached.isoformat() if reached else None,
        "days_since_signing": days_since_signing(document),
    }


def export_row(row: dict[str, Any]) -> tuple[Any, ...]:
    """One project as a row of the CSV and XLSX exports."""
    amount = row["amount"] or {}
    return (
        row["id"],
        row["name"],
        row["investor"],
        *row["place"].values(),
        row["industry"],
        amount.get("value"),
        amount.get("currency"),
        row["signed_on"],
        row["stage"],
        row["stage_on"],
        row["days_since_signing"],
    )


def read_project_filter(params: dict[str, str]) -> tuple[ProjectFilter, dict[str, str]]:
    """The filter the query asks for (an InputError names a bad value), and the query's values to show."""
    shown = {key: params.get(key, "").strip() for key in ("place", "industry", "stage", "since")}
    wanted = ProjectFilter(
        places=resolve_place_filter(shown["place"]) if shown["place"] else None,
        industry=parse_industry(shown["industry"]) if shown["industry"] else None,
        stage=parse_stage(shown["stage"]) if shown["stage"] else None,
        since=parse_since(shown["since"]) if shown["since"] else None,
        limit=read_int(params, "limit", 200, 1, 1000),
    )
    return wanted, shown


async def projects_page(request: Request) -> Response:
    """GET /projects: the filtered projects, as HTML, JSON, CSV or XLSX."""
    params = read_params(request.scope["query_string"], PROJECT_KEYS)
    fmt = read_format(params)
    wanted, shown = read_project_filter(params)
    with request.app.state.database.session() as session:
        rows = [project_row(project_json(p)) for p in list_projects(session, wanted)]
    document = {"filters": shown, "total": len(rows), "projects": rows}
    context = {"filters": shown, "projects": rows, "industries": LABELS, "stages": STAGES}
    table = Table("projects", HEADERS, [export_row(r) for r in rows])
    return respond(request, fmt, "projects.html", context, document, table)


def _first_reported(row: ProjectStage) -> tuple[datetime, datetime, int]:
    article = row.article
    return (article.published_at or _NEVER, article.stored_at, article.id)


def stage_groups(reports: list[ProjectStage]) -> list[dict[str, Any]]:
    """The timeline by stage, in lifecycle order: each stage's date and reports, the first publisher first."""
    groups: dict[str, list[ProjectStage]] = {}
    for row in reports:
        groups.setdefault(row.stage, []).append(row)
    timeline = []
    for stage in sorted(groups, key=lambda s: STAGES.index(s) if s in STAGES else len(STAGES)):
        ordered = sorted(groups[stage], key=_first_reported)
        days = [r.reported_on for r in ordered if r.reported_on is not None]
        timeline.append(
            {
                "stage": stage,
                "date": min(days).isoformat() if days else None,
                "reports": [
                    {
                        "first_publisher": index == 0,
                        "date": row.date_text,
                        "reported_on": row.reported_on.isoformat() if row.reported_on else None,
                        "evidence": row.evidence,
                        "event": row.event_id,
                        "article": {
                            "id": row.article.id,
                            "title": row.article.title,
                            "url": row.article.url,
                            "source": row.article.source.name if row.article.source is not None else None,
                            "published": row.article.published_at.isoformat() if row.article.published_at else None,
                        },
                    }
                    for index, row in enumerate(ordered)
                ],
            }
        )
    return timeline


async def project_page(request: Request) -> Response:
    """GET /projects/{project_id}: the project and its timeline, as HTML or JSON."""
    fmt = read_format(read_params(request.scope["query_string"], ("format",)), ("html", "json"))
    project_id = row_id(request.path_params, "project_id")
    with request.app.state.database.session() as session:
        try:
            project = get_project(session, project_id)
        except InputError:
            raise HTTPException(404, f"没有编号为 {project_id} 的项目 (no project {project_id})") from None
        summary = project_row(project_json(project))
        timeline = stage_groups(list(project.stages))
    document = {**{k: v for k, v in summary.items() if k != "stages"}, "timeline": timeline}
    return respond(request, fmt, "project.html", {"project": summary, "timeline": timeline}, document)


routes = [
    Route("/projects", projects_page, name="projects"),
    Route("/api/v1/projects", projects_page),
    Route("/projects/{project_id:int}", project_page, name="project"),
    Route("/api/v1/projects/{project_id:int}", project_page),
]
