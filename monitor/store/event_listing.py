"""Listing stored events: filters (place by hierarchy, date, amount, kind, amount kind), newest first.

A place filter is resolved with the gazetteer to one or more divisions and
matches every event at or below them: ``上海市`` matches events in 宝山区,
``宝山区`` alone matches both 宝山区 (Shanghai's and Shuangyashan's) unless
the text says which (``上海宝山``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session, selectinload

from monitor.errors import InputError
from monitor.events.amounts import find_amounts
from monitor.events.model import AMOUNT_KINDS, Place
from monitor.events.places import PlaceResolver, gazetteer
from monitor.projects.normalise import organisation
from monitor.store.event_models import EventRow
from monitor.store.models import Article
from monitor.store.project_models import EventParty


@dataclass(frozen=True)
class EventFilter:
    """What ``signwatch events`` narrows the listing by (None: no filter)."""

    places: tuple[Place, ...] | None = None
    since: date | None = None
    min_amount: float | None = None
    kind: str | None = None
    amount_kind: str | None = None  # the kind of the event's amount (agreed, contracted, arrived, planned …)
    industry: str | None = None  # a label of monitor.projects.industries
    party: str | None = None  # an organisation, as written or in its matching form
    limit: int = 50


def resolve_place_filter(name: str) -> tuple[Place, ...]:
    """The divisions a user's place name stands for, or an InputError for an unknown one."""
    text = name.strip()
    if text:
        place = PlaceResolver(text).resolve([(0, len(text))])
        if place.names:
            return (place,)
        table = gazetteer()
        candidates = table.full.get(text) or table.short.get(text) or []
        if candidates:
            return tuple(dict.fromkeys(table.place(d) for d in candidates))
    raise InputError(f"unknown place {name!r}: give a province, city or county (上海市, 宝山区, 上海宝山)")


def parse_amount(text: str) -> float:
    """A minimum amount in yuan: ``5e10``, ``50000000000`` or ``500亿``."""
    cleaned = text.strip().replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        pass
    amounts = find_amounts(cleaned if cleaned.endswith("元") else cleaned + "元")
    if len(amounts) == 1 and amounts[0].text.lstrip("超逾约近") in (cleaned, cleaned + "元"):
        return float(amounts[0].value)
    raise InputError(f"cannot read amount {text!r}: give a number of yuan (50000000000) or 500亿")


def parse_amount_kind(text: str) -> str:
    """An ``--amount-kind``: one of the amount kinds (``monitor.events.model.AmountKind``)."""
    kind = text.strip()
    if kind not in AMOUNT_KINDS:
        raise InputError(f"unknown amount kind {text!r}: one of {', '.join(AMOUNT_KINDS)}")
    return kind


def parse_since(text: str) -> date:
    """A ``--since`` date in ISO form."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"cannot read date {text!r}: use YYYY-MM-DD") from None


def _place_clause(place: Place) -> ColumnElement[bool]:
    conditions = [
        column == value
        for column, value in (
            (EventRow.province, place.province),
            (EventRow.city, place.city),
            (EventRow.county, place.county),
        )
        if value is not None
    ]
    return and_(*conditions)


def list_events(session: Session, wanted: EventFilter) -> list[EventRow]:
    """Stored events matching ``wanted``, newest first (by event date, else publication)."""
    query = select(EventRow).options(selectinload(EventRow.article), selectinload(EventRow.figures))
    if wanted.places is not None:
        query = query.where(or_(*(_place_clause(p) for p in wanted.places)))
    if wanted.since is not None:
        query = query.where(EventRow.reported_on >= wanted.since)
    if wanted.min_amount is not None:
        query = query.where(EventRow.investment_value >= wanted.min_amount)
    if wanted.kind:
        query = query.where(EventRow.kind.contains(wanted.kind, autoescape=True))
    if wanted.amount_kind is not None:
        query = query.where(EventRow.amount_kind == wanted.amount_kind)
    if wanted.industry is not None:
        query = query.where(EventRow.industry == wanted.industry)
    if wanted.party is not None:
        # the matching form finds 上海医药集团股份有限公司 for 上海医药集团 (event_parties is indexed on it)
        forms = {organisation(wanted.party), wanted.party.strip()}
        query = query.where(
            exists().where(
                EventParty.event_id == EventRow.id, or_(EventParty.normalised.in_(forms), EventParty.name.in_(forms))
            )
        )
    query = query.order_by(EventRow.reported_on.is_(None), EventRow.reported_on.desc(), EventRow.id.desc()).limit(
        max(wanted.limit, 0)
    )
    return list(session.scalars(query))


def plain_number(value: float | None) -> int | float | None:
    """Money as JSON wants it: 50000000000, not 50000000000.0."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def event_json(event: EventRow) -> dict[str, Any]:
    """One stored event as ``signwatch events --json`` prints it (with its ``cluster`` id)."""
    article: Article = event.article
    return {
        "id": event.id,
        "cluster": event.cluster_id,
        "kind": event.kind,
        "status": event.status,
        "place": {"province": event.province, "city": event.city, "county": event.county},
        "date": event.date_text,
        "reported_on": event.reported_on.isoformat() if event.reported_on else None,
        "parties": list(event.parties or []),
        "projects": event.projects,
        # the kind of money of the event's amount (agreed, contracted, arrived, planned …; None: not read yet)
        "amount_kind": event.amount_kind,
        "amount": {
            "value": plain_number(event.investment_value),
            "max": plain_number(event.investment_max),
            "qualifier": event.qualifier,
            "currency": event.currency,
        }
        if event.investment_value is not None
        else None,
        "figures": [
            {
                "text": f.text,
                "value": plain_number(f.value),
                "max": plain_number(f.maximum),
                "currency": f.currency,
                "qualifier": f.qualifier,
                "investment": f.investment,
                "amount_kind": f.amount_kind,
                "projects": f.projects,
            }
            for f in event.figures
        ],
        "parts": list(event.parts or []),
        "evidence": event.evidence,
        "article": {
            "id": article.id,
            "archive_name": article.archive_name,
            "title": article.title,
            "url": article.url,
            "source": article.source.name if article.source is not None else None,
            "news_source": article.news_source,
            "published": article.published_at.isoformat() if article.published_at else None,
        },
    }
