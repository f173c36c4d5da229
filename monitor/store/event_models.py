"""The extraction's tables: clusters, signing events and money figures.

A cluster is one real-world signing however many articles report it.  Its
``key`` (from ``monitor.events.cluster``) only narrows the candidates — it is
indexed, not unique — and ``same_cluster`` decides.  The cluster keeps a
representative summary (from the event that founded it) so listings and
alerts need not pick among its member events.

Money is stored as floats (double precision on PostgreSQL): values reach
1e13 yuan, past any 32-bit integer, and a double holds every figure Chinese
news prints (at most ~15 significant digits) exactly enough.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from monitor.store.base import Base, IntPK, When, utcnow
from monitor.store.models import Article

# Division names are short; 40 leaves room for the longest autonomous prefectures.
PlaceName = String(40)


class Cluster(Base):
    """One real-world signing event, reported by one or more articles."""

    __tablename__ = "clusters"

    id: Mapped[IntPK]
    key: Mapped[str] = mapped_column(String(300), index=True)
    first_seen: Mapped[When] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(40))
    province: Mapped[str | None] = mapped_column(PlaceName)
    city: Mapped[str | None] = mapped_column(PlaceName)
    county: Mapped[str | None] = mapped_column(PlaceName)
    date_text: Mapped[str | None] = mapped_column(String(32))  # "2021-08-26" or "2021-08"
    # The window same_cluster compares (a day, a month, or the 60 days before
    # publication for an undated report).
    window_from: Mapped[date | None] = mapped_column(Date)
    window_to: Mapped[date | None] = mapped_column(Date)
    projects: Mapped[int | None] = mapped_column(Integer)
    figure_values: Mapped[list[float]] = mapped_column(JSON, default=list)  # the founder's investment values
    investment_value: Mapped[float | None] = mapped_column(Float)
    investment_max: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str | None] = mapped_column(String(16))
    currency: Mapped[str | None] = mapped_column(String(16))
    # Which fields made each member join (place, date, parties, kind, amounts),
    # so an analyst can see why two reports were judged one event.
    evidence: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)

    events: Mapped[list[EventRow]] = relationship(back_populates="cluster")


class EventRow(Base):
    """A signing event as one article reports it (done or planned)."""

    __tablename__ = "events"

    id: Mapped[IntPK]
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("clusters.id", ondelete="SET NULL"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)  # order within the article
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16))  # done, planned or intended
    province: Mapped[str | None] = mapped_column(PlaceName)
    city: Mapped[str | None] = mapped_column(PlaceName)
    county: Mapped[str | None] = mapped_column(PlaceName)
    date_text: Mapped[str | None] = mapped_column(String(32))
    date_from: Mapped[date | None] = mapped_column(Date)
    date_to: Mapped[date | None] = mapped_column(Date)
    # The event's date, else the article's publication date: what listings sort and filter on.
    reported_on: Mapped[date | None] = mapped_column(Date)
    parties: Mapped[list[str]] = mapped_column(JSON, default=list)
    projects: Mapped[int | None] = mapped_column(Integer)
    parts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    investment_value: Mapped[float | None] = mapped_column(Float)
    investment_max: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str | None] = mapped_column(String(16))
    currency: Mapped[str | None] = mapped_column(String(16))
    # The kind of money of the event's amount (agreed, contracted, arrived,
    # planned, ...); None for rows stored before kinds existed, until reprocess.
    amount_kind: Mapped[str | None] = mapped_column(String(16))
    # The industry label (monitor.projects.industries) of the event's project, else of its
    # article; None when the text names none, or for rows stored before industries, until reprocess.
    industry: Mapped[str | None] = mapped_column(String(40))
    evidence: Mapped[str] = mapped_column(Text)
    created_at: Mapped[When] = mapped_column(default=utcnow)
    # The article's source, copied onto the event when it is filed (migration 0016 filled the rows stored
    # before): the Events page's source filter reads a source's events newest first off one index
    # (monitor.store.workbench_indexes) instead of reaching them through every article of the source.
    # An article never changes source, and a re-analysis refiles its events from the article row, so the
    # copy stays equal to articles.source_id; a deleted source empties both (SET NULL).
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))

    article: Mapped[Article] = relationship()
    cluster: Mapped[Cluster | None] = relationship(back_populates="events")
    figures: Mapped[list[FigureRow]] = relationship(back_populates="event", order_by="FigureRow.id")

    __table_args__ = (Index("ix_events_reported_on", "reported_on"),)


class FigureRow(Base):
    """A money amount in an article, investment or not, and the event it belongs to."""

    __tablename__ = "figures"

    id: Mapped[IntPK]
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(100))
    value: Mapped[float] = mapped_column(Float)
    maximum: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(16))
    qualifier: Mapped[str] = mapped_column(String(16))
    investment: Mapped[bool] = mapped_column(Boolean)
    # What the money is (agreed, contracted, arrived, planned, credit, subsidy,
    # tax, output, ...); None for rows stored before kinds existed, until reprocess.
    amount_kind: Mapped[str | None] = mapped_column(String(16))
    # A project-size bracket (亿元以上项目18个): a threshold, never an event's amount.
    bracket: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    projects: Mapped[int | None] = mapped_column(Integer)
    evidence: Mapped[str] = mapped_column(Text)

    event: Mapped[EventRow | None] = relationship(back_populates="figures")
