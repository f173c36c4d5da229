"""Stage alerts: a project reaching a stage a subscription asks for (开工, 投产), told once.

``queue_stage_alerts`` is a step of the storing transaction beside
``queue_alerts`` (``monitor.archive.ingest``, ``monitor.archive.analysis``).
It takes the stages ``monitor.store.project_filing`` returned with each
filed article and queues, per stage first reported (``FiledStage.new_stage``;
a repost of it on another site adds nothing), one outbox row per subscription
that names the stage and whose places take the project's place.

The row is keyed ``stage:<project>:<stage>`` in the outbox's (subscription,
alert key) unique key, so a second report of the stage, a re-analysis or a
race of two workers never adds a second alert.  The alert policy applies as
to events: a stage of a fresh day only, and only to subscriptions created
before the article reporting it was stored.

The payload is an ``AlertEvent``'s (kind ``stage``), so rendering, digests
and the outbox listing need nothing new: its label is the stage and the
signing it follows (``开工 · 签约后 143 天``), its parties the investor, and
the industry is named after them.  It keeps the project's id, stage and
dates besides, for anyone reading the outbox.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.alerts.alert_event import AlertEvent, Amount
from monitor.alerts.filters import place_terms
from monitor.alerts.outbox import active_subscriptions, insert_ignoring_duplicates
from monitor.alerts.policy import AlertPolicy, new_to, news_day
from monitor.records import FiledArticle, FiledStage
from monitor.store.alert_models import PENDING, Subscription
from monitor.store.base import utcnow
from monitor.store.models import Article
from monitor.store.project_models import Project, ProjectStage

STAGE_KIND = "stage"


def stage_key(project_id: int, stage: str) -> str:
    """The outbox key of a project's stage: one alert per subscription, project and stage."""
    return f"stage:{project_id}:{stage}"


def days_since_signing(signed_on: date | None, stage_day: date | None) -> int | None:
    """Days from the project's signing to its stage; None when either is unknown or the order is wrong."""
    if signed_on is None or stage_day is None or stage_day < signed_on:
        return None  # a stage dated before its signing is a misread date, not a negative wait
    return (stage_day - signed_on).days


def stage_label(stage: str, signed_on: date | None, stage_day: date | None, industry: str | None) -> str:
    """What the alert calls the stage: ``开工 · 签约后 143 天 · 新能源``."""
    parts = [stage]
    days = days_since_signing(signed_on, stage_day)
    if days is not None:
        parts.append(f"签约后 {days} 天")
    if industry:
        parts.append(industry)
    return " · ".join(parts)


def wants_stage(subscription: Subscription, project: Project, stage: str) -> bool:
    """Whether a subscription asks to be told that ``project`` reached ``stage``."""
    # naming the stage is the request, whatever --kind says of the other alerts
    if not subscription.enabled or stage not in (subscription.stages or ()):
        return False
    names = tuple(n for n in (project.province, project.city, project.county) if n)
    return not subscription.places or any(place_terms(p).matches(names) for p in subscription.places)


def stage_event(project: Project, filed: FiledStage, article: Article, evidence: str) -> AlertEvent:
    """The alert subject of a project's stage as ``article`` reported it."""
    amount = None
    if project.amount_value is not None:
        currency = project.currency or "CNY"
        amount = Amount(project.amount_value, project.amount_max, currency, "exact", project.amount_kind)
    return AlertEvent(
        kind=STAGE_KIND,
        label=stage_label(filed.stage, filed.signed_on, filed.reported_on, project.industry),
        province=project.province,
        city=project.city,
        county=project.county,
        date=filed.reported_on.isoformat() if filed.reported_on else None,
        amount=amount,
        parties=(project.investor,) if project.investor else (),
        industry=project.industry,
        title=article.title or "",
        source=article.source.name if article.source is not None else "",
        news_source=article.news_source or "",
        url=article.url or "",
        evidence=evidence or project.name,
        article_id=article.id,
    )


def stage_payload(event: AlertEvent, project: Project, filed: FiledStage) -> dict[str, Any]:
    """The outbox payload of a stage alert: the event's, plus the project and its dates."""
    return {
        **event.to_payload(),
        "project_id": project.id,
        "project": project.name,
        "stage": filed.stage,
        "industry": project.industry,
        "investor": project.investor,
        "signed_on": filed.signed_on.isoformat() if filed.signed_on else None,
        "days_since_signing": days_since_signing(filed.signed_on, filed.reported_on),
    }


def queue_stage_alerts(session: Session, filed: Sequence[FiledArticle], policy: AlertPolicy | None = None) -> int:
    """Queue one outbox row per (subscription asking for it, project, stage first reported); return the rows added.

    Runs in the caller's transaction, after ``file_extractions`` made ``filed``.
    """
    owed = [(item.row, [s for s in item.stages if s.new_stage]) for item in filed]
    owed = [(row, stages) for row, stages in owed if stages]
    if not owed:
        return 0
    subscriptions = [s for s in active_subscriptions(session) if s.stages]
    if not subscriptions:
        return 0
    judge = (policy or AlertPolicy()).fixed()
    when = utcnow()
    rows: list[dict[str, Any]] = []
    for article, stages in owed:
        takers = [s for s in subscriptions if new_to(s.created_at, article.stored_at)]  # rule 3
        for stage in stages:
            if not takers or not judge.is_fresh(news_day(stage.reported_on, article.fetched_at)):
                continue  # rule 2: an old stage reported late is history, not news
            project = session.get(Project, stage.project_id)
            if project is None:
                continue
            wanting = [s for s in takers if wants_stage(s, project, stage.stage)]
            if not wanting:
                continue
            evidence = session.scalar(
                select(ProjectStage.evidence).where(
                    ProjectStage.project_id == project.id,
                    ProjectStage.stage == stage.stage,
                    ProjectStage.article_id == article.id,
                )
            )
            event = stage_event(project, stage, article, evidence or "")
            payload = stage_payload(event, project, stage)
            rows.extend(
                {
                    "subscription_id": subscription.id,
                    "cluster_id": None,
                    "alert_key": stage_key(project.id, stage.stage),
                    "kind": STAGE_KIND,
                    "payload": payload,
                    "batch": bool(subscription.digest),
                    "status": PENDING,
                    "attempts": 0,
                    "due_at": when,
                    "created_at": when,
                }
                for subscription in wanting
            )
    return insert_ignoring_duplicates(session, rows)
