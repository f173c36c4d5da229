"""An alert's subject as the alerts package sees it, independent of how events are stored.

``AlertEvent`` carries what filters compare and what a message shows.  Its
JSON form (``to_payload``) is what an outbox row keeps, so a message can be
rendered - and re-rendered with new templates - without the event tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from monitor.events.model import Figure, SigningEvent, is_investment_kind

# Rough yuan per unit, so --min-amount (in yuan) can judge a figure in dollars;
# precision does not matter for a threshold.
_YUAN_PER_UNIT = {"CNY": 1.0, "USD": 7.2, "EUR": 7.8, "HKD": 0.92, "JPY": 0.048, "GBP": 9.1}


@dataclass(frozen=True)
class Amount:
    """An event's investment as written: value, upper end, currency, qualifier, and its kind.

    ``kind`` is the amount kind (agreed, contracted, arrived, planned, ... see
    ``monitor.events.model.AmountKind``); None for an amount stored before
    kinds were, which was read as a total investment.
    """

    value: float
    maximum: float | None = None
    currency: str = "CNY"
    qualifier: str = "exact"  # exact, more_than, nearly, about
    kind: str | None = None

    @classmethod
    def of(cls, figure: Figure) -> Amount:
        """The amount of an extracted figure."""
        maximum = float(figure.maximum) if figure.maximum is not None else None
        return cls(float(figure.value), maximum, figure.currency, figure.qualifier, figure.kind)

    @property
    def investment(self) -> bool:
        """Whether the amount is investment: an investment kind, or stored before kinds were."""
        return self.kind is None or is_investment_kind(self.kind)

    def to_json(self) -> dict[str, Any]:
        """The amount as JSON."""
        return {
            "value": self.value,
            "max": self.maximum,
            "currency": self.currency,
            "qualifier": self.qualifier,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class AlertEvent:
    """One signing or investment figure to alert on, with the article that reported it."""

    kind: str  # signing or investment
    label: str = ""  # the signing kind as the article names it (集中签约, 云签约)
    province: str | None = None
    city: str | None = None
    county: str | None = None
    date: str | None = None  # 2021-08-26, or 2021-08 when only the month is known
    projects: int | None = None
    amount: Amount | None = None
    parties: tuple[str, ...] = ()
    industry: str | None = None  # the industry label (monitor.projects.industries) of its project or article
    title: str = ""
    source: str = ""  # the site signwatch read it on
    news_source: str = ""  # 来源 named by the article, e.g. 新华网
    url: str = ""
    evidence: str = ""
    cluster_id: int | None = None
    article_id: int | None = None
    text: str = field(default="", compare=False)  # the article text, for keyword filters only

    @property
    def place_names(self) -> tuple[str, ...]:
        """The known levels of the place, widest first."""
        return tuple(n for n in (self.province, self.city, self.county) if n)

    @property
    def investment_amount(self) -> Amount | None:
        """The amount when it is investment; None without one, or for money of another kind."""
        return self.amount if self.amount is not None and self.amount.investment else None

    @property
    def total_in_yuan(self) -> float | None:
        """The investment in yuan (the lower end of a range); None without an investment amount."""
        amount = self.investment_amount
        if amount is None:
            return None
        return amount.value * _YUAN_PER_UNIT.get(amount.currency, 1.0)

    @property
    def searchable_text(self) -> str:
        """What keyword filters look in: title, evidence, parties and the article text."""
        return "\n".join((self.title, self.evidence, " ".join(self.parties), self.text))

    @classmethod
    def from_signing(cls, event: SigningEvent, **article: Any) -> AlertEvent:
        """The alert subject of an extracted signing event, plus article fields (title, url …)."""
        # the amount is an investment, never a project-size bracket nor money of another kind
        investment = [f for f in event.figures if f.investment and not f.bracket]
        lead = max(investment, key=lambda f: f.value) if investment else None
        return cls(
            kind="signing",
            label=event.kind,
            province=event.place.province,
            city=event.place.city,
            county=event.place.county,
            date=event.date.to_json() if event.date else None,
            projects=event.projects,
            amount=Amount.of(lead) if lead else None,
            parties=event.parties,
            evidence=event.evidence,
            **article,
        )

    def to_payload(self) -> dict[str, Any]:
        """The JSON an outbox row keeps (no article text)."""
        return {
            "kind": self.kind,
            "label": self.label,
            "place": {"province": self.province, "city": self.city, "county": self.county},
            "date": self.date,
            "projects": self.projects,
            "amount": self.amount.to_json() if self.amount else None,
            "parties": list(self.parties),
            "industry": self.industry,
            "title": self.title,
            "source": self.source,
            "news_source": self.news_source,
            "url": self.url,
            "evidence": self.evidence[:500],
            "cluster_id": self.cluster_id,
            "article_id": self.article_id,
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> AlertEvent:
        """Undo ``to_payload`` (tolerating missing keys from older rows)."""
        place = payload.get("place") or {}
        amount = payload.get("amount")
        return cls(
            kind=str(payload.get("kind", "signing")),
            label=str(payload.get("label") or ""),
            province=place.get("province"),
            city=place.get("city"),
            county=place.get("county"),
            date=payload.get("date"),
            projects=payload.get("projects"),
            amount=Amount(
                float(amount["value"]),
                None if amount.get("max") is None else float(amount["max"]),
                str(amount.get("currency", "CNY")),
                str(amount.get("qualifier", "exact")),
                str(amount["kind"]) if amount.get("kind") else None,
            )
            if amount
            else None,
            parties=tuple(payload.get("parties") or ()),
            industry=payload.get("industry") or None,
            title=str(payload.get("title") or ""),
            source=str(payload.get("source") or ""),
            news_source=str(payload.get("news_source") or ""),
            url=str(payload.get("url") or ""),
            evidence=str(payload.get("evidence") or ""),
            cluster_id=payload.get("cluster_id"),
            article_id=payload.get("article_id"),
        )
