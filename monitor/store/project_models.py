"""The projects' tables: a project, the stages it reached (per reporting article), and the parties of each event.

A project is one real-world investment (``上药超级工厂``) however many
articles report it, from its signing to its production.  Its stages are one
timeline: a row per (project, stage, article), so a repost of a step adds
its article to that stage rather than a new stage.  The project row keeps
what the first report said (the name as first written, the investor, the
place, the industry with the words that decided it, the amount) and two
summaries the listings filter on: the date it was first reported signed and
the furthest stage reached.  ``monitor.store.project_filing`` writes them;
``monitor.projects`` reads the articles.

``event_parties`` holds the organisations of each stored event with their
role and matching form, so ``signwatch events --party`` reads an index
instead of every event's JSON.  ``events.industry`` (a column of
``EventRow``) is indexed here, beside the tables that fill it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from monitor.store.base import Base, IntPK, When, utcnow
from monitor.store.event_models import EventRow, PlaceName
from monitor.store.models import Article

# Names of projects and organisations: the longest real ones run to ~60 characters.
NameText = String(200)
# A stage (签约, 开工 ...) or an industry label (新一代信息技术 ...).
Label = String(40)


class Project(Base):
    """One investment project, from the first article that reported a stage of it."""

    __tablename__ = "projects"

    id: Mapped[IntPK]
    # monitor.projects.names.project_key: what later articles are matched by (narrows; linking decides).
    key: Mapped[str] = mapped_column(NameText, index=True)
    name: Mapped[str] = mapped_column(NameText)  # as first written
    investor: Mapped[str | None] = mapped_column(NameText)
    investor_normalised: Mapped[str | None] = mapped_column(NameText, index=True)
    province: Mapped[str | None] = mapped_column(PlaceName)
    city: Mapped[str | None] = mapped_column(PlaceName)
    county: Mapped[str | None] = mapped_column(PlaceName)
    industry: Mapped[str | None] = mapped_column(Label, index=True)
    industry_words: Mapped[list[str]] = mapped_column(JSON, default=list)
    amount_value: Mapped[float | None] = mapped_column(Float)
    amount_max: Mapped[float | None] = mapped_column(Float)
    amount_kind: Mapped[str | None] = mapped_column(String(16))
    currency: Mapped[str | None] = mapped_column(String(16))
    # The date of its 签约 (the earliest reported), None when no signing of it was seen.
    signed_on: Mapped[date | None] = mapped_column(Date)
    # The furthest stage reached (monitor.projects.model.STAGES order).
    stage: Mapped[str] = mapped_column(Label)
    first_seen: Mapped[When] = mapped_column(default=utcnow)

    stages: Mapped[list[ProjectStage]] = relationship(
        back_populates="project", order_by="ProjectStage.id", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        Index("ix_projects_place", "province", "city", "county"),
        Index("ix_projects_county", "county"),
        Index("ix_projects_signed_on", "signed_on"),
    )


class ProjectStage(Base):
    """A stage of a project as one article reports it (a repost is another row of the same stage)."""

    __tablename__ = "project_stages"

    id: Mapped[IntPK]
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(Label)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    # The signing event a 签约 stage is (None for the other stages).
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    date_text: Mapped[str | None] = mapped_column(String(32))
    date_from: Mapped[date | None] = mapped_column(Date)
    date_to: Mapped[date | None] = mapped_column(Date)
    # The stage's date, else the article's publication date: what timelines sort by.
    reported_on: Mapped[date | None] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text)
    created_at: Mapped[When] = mapped_column(default=utcnow)

    project: Mapped[Project] = relationship(back_populates="stages")
    article: Mapped[Article] = relationship()

    __table_args__ = (UniqueConstraint("project_id", "stage", "article_id", name="uq_project_stages_report"),)


class EventParty(Base):
    """An organisation named in a stored event, with its role and matching form."""

    __tablename__ = "event_parties"

    id: Mapped[IntPK]
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(NameText)  # as written
    # monitor.projects.normalise.organisation: --party matches on it.
    normalised: Mapped[str] = mapped_column(NameText, index=True)
    role: Mapped[str] = mapped_column(String(16))  # investor, host or partner


# The industry filter of signwatch events (the column is EventRow's).
EVENT_INDUSTRY_INDEX = Index("ix_events_industry", EventRow.industry)
