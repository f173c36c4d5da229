"""The values that cross the steps of storing an article, from the crawl to the outbox.

The crawler, the archive, the events store and alerting all speak in these
records, and none of them has to import another step's code to do so: this
module imports only the types the records hold (store models, the cleaned
article, the extraction), never a step.  The storing transaction is three plain calls, each taking what the one
before returned (``monitor.archive.ingest``)::

    store_pages(session, archive, pages)      -> StoredBatch    (articles, URLs, raw pages)
    file_extractions(session, batch.articles) -> list[FiledArticle]  (events, figures, clusters)
    queue_alerts(session, filed)              -> int            (outbox rows)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from monitor.store.event_models import Cluster, EventRow
from monitor.store.models import Article
from monitor.text.article import CleanArticle

if TYPE_CHECKING:  # an annotation only: importing extraction costs a command's start
    from monitor.events.extraction import Extraction

Outcome = Literal["new", "duplicate", "revision", "unchanged"]


@dataclass(frozen=True)
class FetchedPage:
    """A page as the crawler received it.

    ``listed_published`` is the publication date the feed that linked the
    page gave it (RSS ``pubDate``, Atom ``published``): cleaning's last
    resort for the article's date.  None when no feed dated it.
    """

    url: str
    body: bytes
    fetched_at: datetime
    final_url: str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    site_type: str | None = None
    listed_published: datetime | None = None


@dataclass(frozen=True)
class PageToStore:
    """One fetched page on its way into the store: its cleaned article, its extraction, the source it came from.

    The extraction is made beside the cleaning (``monitor.events.extraction``),
    never by the store: the clean processes, import and reprocess all call
    the same function.
    """

    page: FetchedPage
    article: CleanArticle
    source: str
    extraction: Extraction


@dataclass(frozen=True)
class IngestResult:
    """What storing one page did."""

    outcome: Outcome
    article_id: int
    archive_name: str


@dataclass(frozen=True)
class UrlState:
    """What a revisit needs to know of a stored article URL."""

    etag: str | None
    last_modified: str | None
    published: datetime | None
    content_hash: str


@dataclass(frozen=True)
class StoredArticle:
    """An article row stored (or re-analysed) in this transaction, with its cleaned text and extraction.

    ``inserted`` is True when the row is new in this transaction: it has no
    earlier events to replace.
    """

    row: Article
    article: CleanArticle
    extraction: Extraction
    inserted: bool


@dataclass(frozen=True)
class StoredBatch:
    """What storing a batch of pages did: a result per page, in order, and the articles it stored."""

    results: list[IngestResult]
    articles: list[StoredArticle]


@dataclass(frozen=True)
class StoredEvent:
    """An event row as just filed, with what alerting needs to know of its cluster.

    ``event`` (and a cluster the article founded) hold the values as written,
    ids included; they are not attached to the session.
    """

    event: EventRow
    cluster: Cluster
    new_cluster: bool  # the cluster was created by this article
    first_done: bool  # a done event, and no other article's done event is in the cluster yet

    @property
    def alertable(self) -> bool:
        """True when an alert is owed for this event's cluster (once per cluster)."""
        return self.first_done


@dataclass(frozen=True)
class FiledStage:
    """A project's stage as an article just reported it (``monitor.store.project_filing``).

    ``new_stage`` is True when no other article had reported this stage of
    this project: what a stage alert is owed for (once per project and
    stage, however many sites repost it).  ``signed_on`` is the project's
    signing date when a signing of it was seen, for "签约后 143 天";
    ``reported_on`` is the stage's date, else the article's publication day.
    """

    project_id: int
    stage: str
    new_stage: bool
    new_project: bool
    signed_on: date | None
    reported_on: date | None


@dataclass(frozen=True)
class FiledArticle:
    """An article whose extraction was filed: its row, its stored events (in article order), its projects' stages."""

    row: Article
    events: list[StoredEvent]
    stages: list[FiledStage] = field(default_factory=list)

    @property
    def alertable(self) -> list[StoredEvent]:
        """The events an alert is owed for: first done reports of their cluster."""
        return [event for event in self.events if event.alertable]
