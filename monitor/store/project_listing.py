"""Listing stored projects and reading one project's timeline.

Filters: a place (as ``signwatch events`` resolves it: ``上海市`` includes
宝山区), an industry label, a stage the project has reached (a report of it,
``--stage 开工``), and a date on or after which it had a report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session, selectinload

from monitor.errors import InputError
from monitor.events.model import Place
from monitor.projects.industries import LABELS
from monitor.projects.model import STAGES
from monitor.store.event_listing import plain_number
from monitor.store.models import Article
from monitor.store.project_models import Project, ProjectStage

# Beyond a signed 64-bit integer no row has that id (and SQLite's driver would overflow).
_LARGEST_ID = 2**63 - 1


@dataclass(frozen=True)
class ProjectFilter:
    """What ``signwatch projects`` narrows the listing by (None: no filter)."""

    places: tuple[Place, ...] | None = None
    industry: str | None = None
    stage: str | None = None
    since: date | None = None
    limit: int = 50


def parse_stage(text: str) -> str:
    """A stage as the user names it (签约, 开工, 竣工, 投产, 达产, 落地), or an InputError."""
    stage = text.strip()
    if stage in STAGES:
        return stage
    raise InputError(f"unknown stage {text!r}: choose one of {', '.join(STAGES)}")


def parse_industry(text: str) -> str:
    """An industry label of the taxonomy (docs/projects.md), or an InputError."""
    label = text.strip()
    if label in LABELS:
        return label
    raise InputError(f"unknown industry {text!r}: choose one of {', '.join(LABELS)}")


def place_clause(place: Place) -> ColumnElement[bool]:
    """Projects at or below ``place``."""
    pairs = ((Project.province, place.province), (Project.city, place.city), (Project.county, place.county))
    return and_(*(column == value for column, value in pairs if value is not None))


def list_projects(session: Session, wanted: ProjectFilter) -> list[Project]:
    """Stored projects matching ``wanted``, the latest started first, with their stages loaded."""
    query = select(Project).options(selectinload(Project.stages).selectinload(ProjectStage.article))
    if wanted.places is not None:
        query = query.where(or_(*(place_clause(p) for p in wanted.places)))
    if wanted.industry is not None:
        query = query.where(Project.industry == wanted.industry)
    if wanted.stage is not None:
        query = query.where(exists().where(ProjectStage.project_id == Project.id, ProjectStage.stage == wanted.stage))
    if wanted.since is not None:
        query = query.where(
            exists().where(ProjectStage.project_id == Project.id, ProjectStage.reported_on >= wanted.since)
        )
    return list(session.scalars(query.order_by(Project.id.desc()).limit(max(wanted.limit, 0))))


def get_project(session: Session, project_id: int) -> Project:
    """One project with its stages and their articles, or an InputError naming the id."""
    project = None
    if 0 < project_id <= _LARGEST_ID:
        project = session.scalar(
            select(Project)
            .where(Project.id == project_id)
            .options(selectinload(Project.stages).selectinload(ProjectStage.article))
        )
    if project is None:
        raise InputError(f"no project {project_id}: signwatch projects lists them")
    return project


def timeline(project: Project) -> list[ProjectStage]:
    """The project's stage reports in lifecycle order, each stage's reports by date."""
    order: dict[str, int] = {stage: rank for rank, stage in enumerate(STAGES)}
    return sorted(
        project.stages, key=lambda row: (order.get(row.stage, len(order)), row.reported_on or date.max, row.id)
    )


def project_json(project: Project) -> dict[str, Any]:
    """One project as ``signwatch projects --json`` and ``signwatch project ID --json`` print it."""
    return {
        "id": project.id,
        "name": project.name,
        "key": project.key,
        "investor": project.investor,
        "place": {"province": project.province, "city": project.city, "county": project.county},
        "industry": project.industry,
        "industry_words": list(project.industry_words or []),
        "amount": {
            "value": plain_number(project.amount_value),
            "max": plain_number(project.amount_max),
            "kind": project.amount_kind,
            "currency": project.currency,
        }
        if project.amount_value is not None
        else None,
        "signed_on": project.signed_on.isoformat() if project.signed_on else None,
        "stage": project.stage,
        "stages": [stage_json(row) for row in timeline(project)],
    }


def stage_json(row: ProjectStage) -> dict[str, Any]:
    """One stage report: the stage, its date, the event a signing is, the sentence and the article."""
    article: Article = row.article
    return {
        "stage": row.stage,
        "date": row.date_text,
        "reported_on": row.reported_on.isoformat() if row.reported_on else None,
        "event": row.event_id,
        "evidence": row.evidence,
        "article": {
            "id": article.id,
            "title": article.title,
            "url": article.url,
            "published": article.published_at.isoformat() if article.published_at else None,
        },
    }
