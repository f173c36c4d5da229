"""Rates per place and period: of the projects signed, how many broke ground and started production, how fast.

The figures bureaus publish (开工率, 投产率), computed from what was
crawled: of the projects first reported signed in a division in a period,
how many have a later report of breaking ground (开工, or any stage after
it: a project capped or producing has broken ground) and of starting
production (投产 or 达产), and the median days from the signing to the first
such report's date.  They cover only what the sources reported: a project
whose groundbreaking no crawled site published counts as not started
(``CAVEAT`` says so wherever they are shown).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import Final, Literal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from monitor.errors import InputError
from monitor.events.model import Place
from monitor.store.project_listing import place_clause
from monitor.store.project_models import Project, ProjectStage

Period = Literal["quarter", "year", "month"]
PERIODS: Final[tuple[Period, ...]] = ("quarter", "year", "month")
CAVEAT: Final = (
    "computed from the articles crawled: a step no source reported is counted as not taken, "
    "so these rates are a floor, not the bureau's figures"
)
_GROUND: Final = frozenset(("开工", "竣工", "投产", "达产"))
_PRODUCTION: Final = frozenset(("投产", "达产"))


@dataclass(frozen=True)
class Rate:
    """One place and period: projects signed, broken ground, producing, and median days to each."""

    place: str
    period: str
    signed: int
    broke_ground: int
    producing: int
    days_to_ground: float | None
    days_to_production: float | None

    @property
    def ground_rate(self) -> float:
        """Broken ground, of those signed."""
        return self.broke_ground / self.signed if self.signed else 0.0

    @property
    def production_rate(self) -> float:
        """Producing, of those signed."""
        return self.producing / self.signed if self.signed else 0.0


def parse_period(text: str) -> Period:
    """``--by``: quarter, year or month."""
    for period in PERIODS:
        if text.strip() == period:
            return period
    raise InputError(f"unknown period {text!r}: choose one of {', '.join(PERIODS)}")


def period_of(day: date, by: Period) -> str:
    """The period a day falls in: ``2024Q3``, ``2024`` or ``2024-09``."""
    if by == "year":
        return str(day.year)
    if by == "month":
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def project_rates(session: Session, places: tuple[Place, ...] | None = None, by: Period = "quarter") -> list[Rate]:
    """The rates of every place (its most specific division) and period with a signed project, oldest first."""
    query = select(Project.id, Project.province, Project.city, Project.county, Project.signed_on).where(
        Project.signed_on.is_not(None)
    )
    if places is not None:
        query = query.where(or_(*(place_clause(p) for p in places)))
    projects = session.execute(query).all()
    reports: dict[int, list[tuple[str, date | None]]] = defaultdict(list)
    ids = [row.id for row in projects]
    for start in range(0, len(ids), 500):  # bounded IN lists
        chunk = ids[start : start + 500]
        for pid, stage, day in session.execute(
            select(ProjectStage.project_id, ProjectStage.stage, ProjectStage.reported_on).where(
                ProjectStage.project_id.in_(chunk)
            )
        ):
            reports[pid].append((stage, day))
    groups: dict[tuple[str, str], list[tuple[date, list[tuple[str, date | None]]]]] = defaultdict(list)
    for row in projects:
        place = "".join(dict.fromkeys(n for n in (row.province, row.city, row.county) if n)) or "(no place)"
        groups[(place, period_of(row.signed_on, by))].append((row.signed_on, reports[row.id]))
    return [_rate(place, period, members) for (place, period), members in sorted(groups.items(), key=_order)]


def _order(item: tuple[tuple[str, str], object]) -> tuple[str, str]:
    (place, period), _ = item
    return (period, place)


def _rate(place: str, period: str, members: list[tuple[date, list[tuple[str, date | None]]]]) -> Rate:
    ground_days: list[int] = []
    production_days: list[int] = []
    broke = producing = 0
    for signed_on, stages in members:
        ground = _first(stages, _GROUND)
        production = _first(stages, _PRODUCTION)
        if ground is not None:
            broke += 1
            _days(ground, signed_on, ground_days)
        if production is not None:
            producing += 1
            _days(production, signed_on, production_days)
    return Rate(
        place,
        period,
        len(members),
        broke,
        producing,
        median(ground_days) if ground_days else None,
        median(production_days) if production_days else None,
    )


def _first(stages: Iterable[tuple[str, date | None]], wanted: frozenset[str]) -> date | None:
    """The earliest report of any of ``wanted`` (date.max when reached but undated); None when never reached."""
    days = [day or date.max for stage, day in stages if stage in wanted]
    return min(days) if days else None


def _days(reached: date, signed_on: date, into: list[int]) -> None:
    # an undated report, or one dated before the signing (a site's slip), counts as reached but gives no days
    if reached != date.max and reached >= signed_on:
        into.append((reached - signed_on).days)
