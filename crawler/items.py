"""The item a spider yields: one fetched article page, and what the pipelines add to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from crawler.processes import CleanedPage, PackedPage
from monitor.records import FetchedPage


@dataclass
class ArticlePage:
    """An article page as fetched, before and after cleaning.

    ``url`` is the link the spider followed (the article's address in the
    store); ``final_url`` is where redirects ended.  ``revisit`` says the URL
    was already stored and was re-checked.  ``listed_published`` is the date
    the feed that linked the page gave it (None: not from a feed, or undated).
    ``cleaned`` (the article and its extraction, still packed) is filled by
    the cleaning pipeline.
    """

    source: str
    site_type: str
    url: str
    final_url: str
    status: int
    # Left out of the item's repr: Scrapy logs a dropped item whole, and a body may be megabytes.
    headers: dict[str, str] = field(repr=False)
    body: bytes = field(repr=False)
    fetched_at: datetime
    http_charset: str | None  # what cleaning is given; the raw page is stored with it too
    revisit: bool = False
    listed_published: datetime | None = None
    cleaned: CleanedPage | None = field(default=None, repr=False)

    def to_store(self) -> PackedPage:
        """The cleaned page as the store process takes it (the article still packed)."""
        assert self.cleaned is not None, "cleaned before it is stored"
        return PackedPage(self.fetched_page(), self.source, self.cleaned)

    def fetched_page(self) -> FetchedPage:
        """The page in the shape ``monitor.archive.ingest`` stores."""
        return FetchedPage(
            url=self.url,
            body=self.body,
            fetched_at=self.fetched_at,
            final_url=self.final_url,
            status=self.status,
            headers=self.headers,
            encoding=self.http_charset,
            site_type=self.site_type,
            listed_published=self.listed_published,
        )


@dataclass
class NotModified:
    """A stored article URL that answered 304: nothing to clean or store, only to mark as checked."""

    source: str
    url: str
