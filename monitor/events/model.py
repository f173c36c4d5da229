"""What extraction finds: figures, places, signing events, and their JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Final, Literal, get_args

Qualifier = Literal["exact", "more_than", "nearly", "about"]
# done: signed; planned: to be signed (将签约, a board's approval of a future
# agreement); intended: an intent reached or an intent signed (意向签约,
# 达成投资意向), which is not a contract and not yet a planned signing either.
# reported: an occasion a page reports that no signing reader recognises (an
# expo's turnover, a groundbreaking, a repost worded otherwise): it joins the
# cluster of the event it reports and owes no alert (``monitor.events.mentions``).
Status = Literal["done", "planned", "intended", "reported"]
STATUSES: tuple[Status, ...] = ("done", "planned", "intended", "reported")
# How lists and feeds name a status in Chinese.
STATUS_NAMES: dict[str, str] = {"done": "已签约", "planned": "计划签约", "intended": "意向", "reported": "报道"}

# The largest count of projects an event or figure can carry.  The biggest
# tallies Chinese news reports (a province's projects of a year) run to some
# ten thousand; a count past a million is a misreading or garbage
# (99999999999999999999个项目), and past 2^31 it would not fit the store's
# INTEGER columns.  Such a count is read as no count at all.
MAX_PROJECTS = 1_000_000


def plausible_count(projects: int | None) -> int | None:
    """``projects`` when it is a count an article can mean (0 to ``MAX_PROJECTS``), else None."""
    if projects is None or 0 <= projects <= MAX_PROJECTS:
        return projects
    return None


# What kind of money a figure is.  The first four are investment: agreed or
# total (签约, 总投资, 协议投资), planned (计划投资, 预计投资), arrived (到位资金,
# 实际使用外资) and contracted (合同引资, 合同外资).  The rest are not: output
# (产值), transaction (交易额, 采购), credit (授信, 贷款), tax, subsidy (奖补),
# trade (进出口), revenue (营业收入), salary, R&D spending, and other money
# (完成投资, a fund's size, registered capital ...).
AmountKind = Literal[
    "agreed",
    "planned",
    "arrived",
    "contracted",
    "output",
    "transaction",
    "other_money",
    "credit",
    "tax",
    "subsidy",
    "trade",
    "revenue",
    "salary",
    "rnd",
]
AMOUNT_KINDS: Final[tuple[AmountKind, ...]] = get_args(AmountKind)
INVESTMENT_KINDS: Final[frozenset[str]] = frozenset(("agreed", "planned", "arrived", "contracted"))


def is_investment_kind(kind: str | None) -> bool:
    """Whether an amount kind (as stored: any string, or None) is one of the investment kinds."""
    return kind in INVESTMENT_KINDS


class _CountedProjects:
    """Mixin of the records that carry a count of projects: an implausible count becomes None."""

    projects: int | None

    def __post_init__(self) -> None:
        # Every count extraction makes passes through one of these records, so this
        # one check keeps an impossible count out of the store whichever rule read it.
        if plausible_count(self.projects) != self.projects:
            object.__setattr__(self, "projects", None)


@dataclass(frozen=True)
class Figure(_CountedProjects):
    """One money amount as the article writes it.

    ``value`` and ``maximum`` are plain numbers in units of ``currency``
    (``超500亿元`` → 50000000000); ``maximum`` is the upper end of a range.
    ``kind`` says what the money is; ``bracket`` marks a project-size class
    (``亿元以上项目18个``: a count of projects above a size), which is never an
    event's amount.  ``start``/``end`` locate ``text`` in the prepared article text.
    """

    text: str
    value: int | float
    maximum: int | float | None
    currency: str
    qualifier: Qualifier
    kind: AmountKind
    bracket: bool
    projects: int | None
    evidence: str
    start: int
    end: int

    @property
    def investment(self) -> bool:
        """Whether the money is investment (agreed, planned, arrived or contracted), bracket or not."""
        return self.kind in INVESTMENT_KINDS

    @property
    def event_amount(self) -> bool:
        """Whether the figure may be an event's amount: an investment kind and no size bracket."""
        return self.investment and not self.bracket

    def to_json(self) -> dict[str, Any]:
        """The figure as the ``extract --json`` shape."""
        return {
            "text": self.text,
            "value": self.value,
            "max": self.maximum,
            "currency": self.currency,
            "qualifier": self.qualifier,
            "kind": self.kind,
            "bracket": self.bracket,
            "investment": self.investment,
            "projects": self.projects,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class Place:
    """A place resolved to China's administrative divisions (names in full)."""

    province: str | None = None
    city: str | None = None
    county: str | None = None

    def to_json(self) -> dict[str, str | None]:
        """The place as ``{"province", "city", "county"}``."""
        return {"province": self.province, "city": self.city, "county": self.county}

    @property
    def names(self) -> tuple[str, ...]:
        """The known levels, widest first."""
        return tuple(n for n in (self.province, self.city, self.county) if n)


@dataclass(frozen=True)
class Part(_CountedProjects):
    """A part of an event (``其中重大产业项目31个,总投资突破300亿元``)."""

    projects: int | None
    figures: tuple[Figure, ...]
    evidence: str

    def to_json(self) -> dict[str, Any]:
        """The part as JSON."""
        return {
            "projects": self.projects,
            "figures": [f.to_json() for f in self.figures],
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class DateSpan:
    """An event date: a day, or a window when the article gives no day."""

    earliest: date
    latest: date

    @property
    def is_day(self) -> bool:
        """True when the date is one known day."""
        return self.earliest == self.latest

    def to_json(self) -> str:
        """``2021-08-26`` for a day, ``2021-08`` for a month window, ``2023-11-15/2023-11-17`` for other windows."""
        if self.is_day:
            return self.earliest.isoformat()
        whole_month = self.earliest.day == 1 and (self.latest + timedelta(days=1)).day == 1
        if (self.earliest.year, self.earliest.month) == (self.latest.year, self.latest.month) and whole_month:
            return self.earliest.strftime("%Y-%m")
        return f"{self.earliest.isoformat()}/{self.latest.isoformat()}"


@dataclass(frozen=True)
class SigningEvent(_CountedProjects):
    """A signing the article reports: done, planned or intended (``Status``)."""

    kind: str
    status: Status
    place: Place
    date: DateSpan | None
    parties: tuple[str, ...]
    projects: int | None
    figures: tuple[Figure, ...]
    parts: tuple[Part, ...]
    evidence: str
    start: int = field(default=0, compare=False)

    def to_json(self) -> dict[str, Any]:
        """The event as the ``extract --json`` shape."""
        return {
            "kind": self.kind,
            "status": self.status,
            "place": self.place.to_json(),
            "date": self.date.to_json() if self.date else None,
            "parties": list(self.parties),
            "projects": self.projects,
            "figures": [f.to_json() for f in self.figures],
            "parts": [p.to_json() for p in self.parts],
            "evidence": self.evidence,
        }
