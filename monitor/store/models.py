"""The foundation's tables: sources, articles, raw pages, article URLs, crawl runs.

An article is one distinct text (its content hash); an ArticleUrl is one
address where an article was seen.  When the text behind a URL changes, the
new article points at the one it replaces through ``revision_of_id`` and the
URL moves on to the new article.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from monitor.store.base import Base, ContentHash, IntPK, UTCDateTime, When, utcnow


class Source(Base):
    """A site signwatch watches (mirrors a ``[[sources]]`` entry, keyed by name)."""

    __tablename__ = "sources"

    id: Mapped[IntPK]
    name: Mapped[str] = mapped_column(String(200), unique=True)
    site_type: Mapped[str] = mapped_column(String(40), default="generic")
    created_at: Mapped[When] = mapped_column(default=utcnow)
    # Who crawls the source now, and until when (a lease in the database, so it
    # holds across passes, the daemon and workers on other hosts alike).
    lease_owner: Mapped[str | None] = mapped_column(String(200))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Article(Base):
    """One distinct article text, archived once as ``NNN_<content_hash>.txt``."""

    __tablename__ = "articles"

    id: Mapped[IntPK]
    content_hash: Mapped[ContentHash] = mapped_column(unique=True)
    # Hash of the archive file's bytes: equal to content_hash for files
    # signwatch wrote, the real hash of the text for imported files whose
    # names carry another tool's hash.  Import dedupes on it.
    file_hash: Mapped[ContentHash] = mapped_column(index=True)
    # Hash of the canonical cleaned text (None until analysed); a crawled page
    # whose cleaned text matches an imported article is that article.
    text_hash: Mapped[str | None] = mapped_column(String(16), index=True)
    # When cleaning and extraction last ran over this article; None: pending.
    analysed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    archive_name: Mapped[str] = mapped_column(String(64), unique=True)
    sequence: Mapped[int] = mapped_column(Integer)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    stored_at: Mapped[When] = mapped_column(default=utcnow)
    raw_text: Mapped[str] = mapped_column(Text)
    clean_text: Mapped[str] = mapped_column(Text)
    news_source: Mapped[str | None] = mapped_column(String(200))  # 来源, e.g. 新华网
    author: Mapped[str | None] = mapped_column(String(200))
    script: Mapped[str] = mapped_column(String(16), default="simplified")
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    revision_of_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))

    source: Mapped[Source | None] = relationship()
    revision_of: Mapped[Article | None] = relationship(remote_side="Article.id")
    raw_page: Mapped[RawPage | None] = relationship(back_populates="article", cascade="all, delete-orphan")

    __table_args__ = (Index("ix_articles_published_at", "published_at"),)


class ArticlePlace(Base):
    """Where an analysed article is (``monitor.events.Extraction.place``), when it names a place.

    Its first placed event's place, else what its title and lede name: a page
    that reports no event (a bank's 授信 report, a province's figures) is still
    about a place, and the Article page shows it.  One row per article, written
    by the filing step and replaced with the article's events on re-analysis; a
    table of its own so the articles' rows and every older migration keep their shape.
    """

    __tablename__ = "article_places"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    province: Mapped[str | None] = mapped_column(String(40))
    city: Mapped[str | None] = mapped_column(String(40))
    county: Mapped[str | None] = mapped_column(String(40))


class RawPage(Base):
    """The page an article was cleaned from, zlib-compressed, for ``reprocess``."""

    __tablename__ = "raw_pages"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # "html" or "text"
    encoding: Mapped[str | None] = mapped_column(String(40))
    site_type: Mapped[str | None] = mapped_column(String(40))
    compressed: Mapped[bytes] = mapped_column(LargeBinary)

    article: Mapped[Article] = relationship(back_populates="raw_page")


class ArticleUrl(Base):
    """An address where an article was found, with what a conditional revisit needs."""

    __tablename__ = "article_urls"

    id: Mapped[IntPK]
    url: Mapped[str] = mapped_column(Text, unique=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"), index=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[When] = mapped_column(default=utcnow)
    last_seen: Mapped[When] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship()
    source: Mapped[Source | None] = relationship()


class CrawlRun(Base):
    """One crawl of one source: when, how it ended, what it found."""

    __tablename__ = "crawl_runs"

    id: Mapped[IntPK]
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    started_at: Mapped[When] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default="running")  # running, ok, failed, killed
    pages: Mapped[int] = mapped_column(Integer, default=0)
    new_articles: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    revisions: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)  # re-checked, same text (304 or identical)
    not_articles: Mapped[int] = mapped_column(Integer, default=0)  # fetched, but not an article (why: PageProblem)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    listing_links: Mapped[int] = mapped_column(Integer, default=0)
    # Listing pages found as they were (a 304, or the same article links): a poll that found nothing new.
    unchanged_listings: Mapped[int] = mapped_column(Integer, default=0)
    error_text: Mapped[str | None] = mapped_column(Text)

    source: Mapped[Source] = relationship()
    problems: Mapped[list[PageProblem]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="PageProblem.id"
    )

    __table_args__ = (Index("ix_crawl_runs_source_started", "source_id", "started_at"),)


class ListingState(Base):
    """What the last crawl saw on one listing page of a source: its validators and its article links.

    The next poll asks with the validators (an unchanged page costs a 304)
    and compares the links' fingerprint (a server that ignores validators
    costs one fetch, and no link it had is followed again).
    """

    __tablename__ = "listing_states"

    id: Mapped[IntPK]
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    links_digest: Mapped[str] = mapped_column(String(64))
    links: Mapped[str] = mapped_column(Text)  # the article links, one a line, in page order
    checked_at: Mapped[When] = mapped_column(default=utcnow)

    __table_args__ = (Index("ux_listing_states_source_url", "source_id", "url", unique=True),)


class PageProblem(Base):
    """A page a crawl fetched that was not stored: not an article, or an error, and why.

    With the stored, duplicate, revision and unchanged counts of its run,
    every fetched page has exactly one recorded outcome.
    """

    __tablename__ = "page_problems"

    id: Mapped[IntPK]
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(16))  # not_article, error
    reason: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[When] = mapped_column(default=utcnow)

    run: Mapped[CrawlRun] = relationship(back_populates="problems")
