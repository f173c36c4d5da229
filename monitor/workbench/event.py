"""The Event page: one real-world event (a cluster) with every article that reported it.

The first publisher (earliest publication, else the earliest stored) is
marked; each report's text is shown with its figures' source sentences marked,
so the analyst checks where a number came from in one glance.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from monitor.store.event_listing import event_json, plain_number
from monitor.store.event_models import Cluster, EventRow
from monitor.store.models import Article
from monitor.store.project_models import Project, ProjectStage
from monitor.workbench.highlight import mark_evidence
from monitor.workbench.params import read_format, read_params, row_id
from monitor.workbench.rendering import respond

_NEVER = datetime.max.replace(tzinfo=UTC)


def _first_reported(event: EventRow) -> tuple[datetime, datetime, int]:
    article = event.article
    return (article.published_at or _NEVER, article.stored_at, article.id)


def _cluster_amount_kind(cluster: Cluster, events: list[EventRow]) -> str | None:
    """The kind of the cluster's amount: that of the first report whose amount it is (clusters keep no kind)."""
    if cluster.investment_value is None:
        return None
    for event in events:
        if event.investment_value == cluster.investment_value and event.amount_kind:
            return event.amount_kind
    return None


async def event_page(request: Request) -> Response:
    """GET /events/{cluster_id}: the cluster, its reports and their marked texts, as HTML or JSON."""
    fmt = read_format(read_params(request.scope["query_string"], ("format",)), ("html", "json"))
    cluster_id = row_id(request.path_params, "cluster_id")
    with request.app.state.database.session() as session:
        cluster = session.get(Cluster, cluster_id)
        if cluster is None:
            raise HTTPException(404, f"没有编号为 {cluster_id} 的事件 (no event {cluster_id})")
        events = list(
            session.scalars(
                select(EventRow)
                .where(EventRow.cluster_id == cluster_id)
                .options(selectinload(EventRow.article).selectinload(Article.source), selectinload(EventRow.figures))
            )
        )
        events.sort(key=_first_reported)
        reports = []
        for index, event in enumerate(events):
            document = event_json(event)
            # each figure with the sentence it came from: the provenance the page marks
            document["figures"] = [
                {**shown, "evidence": figure.evidence}
                for shown, figure in zip(document["figures"], event.figures, strict=True)
            ]
            sentences = [f.evidence for f in event.figures] + [event.evidence]
            reports.append(
                {
                    **document,
                    "first_publisher": index == 0,
                    "marked_text": mark_evidence(event.article.clean_text, sentences, [f.text for f in event.figures]),
                }
            )
        # the projects this event is a stage of (a signing of each), linked to their timelines
        staged = select(ProjectStage.project_id).where(ProjectStage.event_id.in_([e.id for e in events]))
        projects = [
            {"id": row.id, "name": row.name, "stage": row.stage}
            for row in session.execute(
                select(Project.id, Project.name, Project.stage).where(Project.id.in_(staged)).order_by(Project.id)
            )
        ]
    summary: dict[str, Any] = {
        "id": cluster.id,
        "kind": cluster.kind,
        "place": {"province": cluster.province, "city": cluster.city, "county": cluster.county},
        "date": cluster.date_text,
        "projects": cluster.projects,
        "amount": {
            "value": plain_number(cluster.investment_value),
            "max": plain_number(cluster.investment_max),
            "qualifier": cluster.qualifier,
            "currency": cluster.currency,
        }
        if cluster.investment_value is not None
        else None,
        "amount_kind": _cluster_amount_kind(cluster, events),
        "first_seen": cluster.first_seen.isoformat(),
        "parties": sorted({party for report in reports for party in report["parties"]}),
    }
    summary["projects_followed"] = projects
    document = {**summary, "reports": [{k: v for k, v in r.items() if k != "marked_text"} for r in reports]}
    return respond(request, fmt, "event.html", {"event": summary, "reports": reports}, document)


routes = [
    Route("/events/{cluster_id:int}", event_page, name="event"),
    Route("/api/v1/events/{cluster_id:int}", event_page),
]
