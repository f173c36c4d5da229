"""What reading an article for projects finds: parties, projects, stages, industry, and their JSON shapes.

Everything here is a frozen value: a reading is made once per article (by
``monitor.events.extraction.extract``, through ``read.read_prepared``) and then
only carried, pickled between processes and stored.

The types of ``monitor.events.model`` (``Figure``, ``Place``, ``DateSpan``)
are imported at the end of this module: ``monitor.events.extraction`` imports
this module to type its ``Extraction.projects`` field, so importing
``monitor.events`` before this module's classes exist would be an import
cycle; imported last, they still resolve for ``typing.get_type_hints``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal

Role = Literal["investor", "host", "partner"]
ROLES: Final[tuple[Role, ...]] = ("investor", "host", "partner")

# The lifecycle of a project, in order.  封顶 (capped) and 竣工 (completed) are
# both 竣工; 落地 is the project company registered (注册) where an article says so.
Stage = Literal["签约", "落地", "开工", "竣工", "投产", "达产"]
STAGES: Final[tuple[Stage, ...]] = ("签约", "落地", "开工", "竣工", "投产", "达产")


@dataclass(frozen=True)
class Party:
    """An organisation named in a signing or as a project's investor.

    ``name`` is as the article writes it (``上海医药集团股份有限公司``);
    ``normalised`` is the form for matching across articles (legal-form
    suffixes and bracketed place prefixes removed, Simplified, half-width:
    ``上海医药集团``); ``same_as`` is the other name the article gives the
    same organisation (``以下简称"上药集团"`` → ``上药集团``), else None.
    """

    name: str
    role: Role
    normalised: str
    same_as: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The party as ``{"name", "role", "normalised", "same_as"}``."""
        return {"name": self.name, "role": self.role, "normalised": self.normalised, "same_as": self.same_as}


@dataclass(frozen=True)
class ProjectMention:
    """A named project as one article reports it.

    ``key`` is ``names.project_key(name)``, the form later articles about the
    same project are linked by.  ``figures`` are the investment figures the
    article gives this project (not the batch's total); ``investor`` is the
    name of the investing party when the text says who invests;
    ``industry`` is a label of ``industries.LABELS`` with the words that
    decided it.  ``start`` is the offset of the name in the prepared text.
    ``implied`` marks a project the text names by its investor only (an
    article that reports a step of ``XX有限公司``'s plant and names no
    project): its ``name`` is the company's, no project name read.
    """

    name: str
    key: str
    investor: str | None
    place: Place
    figures: tuple[Figure, ...]
    industry: str | None
    industry_words: tuple[str, ...]
    start: int
    implied: bool = False

    def to_json(self) -> dict[str, Any]:
        """The project as the ``extract --json`` shape."""
        return {
            "name": self.name,
            "key": self.key,
            "investor": self.investor,
            "place": self.place.to_json(),
            "figures": [f.to_json() for f in self.figures],
            "industry": self.industry,
            "industry_words": list(self.industry_words),
            "implied": self.implied,
        }


@dataclass(frozen=True)
class StageMention:
    """A stage a project reached, as the article reports it (done, not planned).

    ``project`` and ``key`` name the project when the sentence (or the
    article's one project) says which; a batch (``集中开工``) has none.
    ``evidence`` is the sentence as written; ``start`` its offset.
    """

    stage: Stage
    project: str | None
    key: str | None
    date: DateSpan | None
    evidence: str
    start: int

    def to_json(self) -> dict[str, Any]:
        """The stage as ``{"stage", "project", "key", "date", "evidence"}``."""
        return {
            "stage": self.stage,
            "project": self.project,
            "key": self.key,
            "date": self.date.to_json() if self.date else None,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class ProjectReading:
    """Everything one article says about projects: who, what, which industry, which stages.

    ``industry`` is the article's own label (what it is mostly about), with
    the words that decided it; each project has its own as well.
    """

    parties: tuple[Party, ...] = ()
    projects: tuple[ProjectMention, ...] = ()
    stages: tuple[StageMention, ...] = ()
    industry: str | None = None
    industry_words: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The reading as the ``extract --json`` shape (its ``projects`` key)."""
        return {
            "parties": [p.to_json() for p in self.parties],
            "projects": [p.to_json() for p in self.projects],
            "stages": [s.to_json() for s in self.stages],
            "industry": self.industry,
            "industry_words": list(self.industry_words),
        }


# The reading of an article that says nothing about projects.
NOTHING: Final = ProjectReading()


# Last, so that a script reading these types' hints finds them (see the module's docstring).
from monitor.events.model import DateSpan, Figure, Place  # noqa: E402
