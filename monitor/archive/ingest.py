"""Storing what the crawler fetched: one article per distinct text, revisions per URL.

``ingest_pages`` (``ingest_page`` for one page) is the single door through
which fetched and cleaned pages enter the archive and the store.  Everything
an article brings with it (its URL, its raw page, later its events and outbox
rows) is written in the same transaction, so a crash leaves either all of it
or none.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal, cast

from sqlalchemy import Table, bindparam, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from monitor.archive.files import Archive, parse_name
from monitor.errors import StoreError, WriteConflict
from monitor.store import Article, ArticleUrl, Database, RawPage, Source, utcnow
from monitor.store.ids import reserve_ids
from monitor.text.article import CleanArticle
from monitor.text.decoding import normalize_charset

if TYPE_CHECKING:
    from monitor.events.extract import Extraction

Outcome = Literal["new", "duplicate", "revision", "unchanged"]


@dataclass(frozen=True)
class StoredArticle:
    """An article row this transaction stored (or re-analysed), its cleaned text and, if made already, its extraction.

    ``extraction`` is ``extract(article)`` when it was computed beside the
    cleaning (in a clean process, off the store's one serial process);
    ``None`` leaves the extraction step to compute it.
    """

    row: Article
    article: CleanArticle
    extraction: Extraction | None = None


# Steps run inside the storing transaction once a batch's new article rows
# have ids (event extraction, then alert queueing), on the whole batch at
# once: a step pays its statements once per batch, not once per article.
# Registered by monitor.pipeline.
AfterStore = Callable[[Session, Sequence[StoredArticle]], None]

# session.info: ids of the articles this transaction inserted (their after-store
# steps have no earlier results to replace).
_INSERTED_KEY = "signwatch.inserted_articles"
# The lookups of every stored page, built once (see monitor.store.filing's queries).
_ARTICLES_BY_HASH = (
    select(Article)
    .where(
        or_(
            Article.content_hash.in_(bindparam("digests", expanding=True)),
            Article.text_hash.in_(bindparam("digests", expanding=True)),
        )
    )
    .order_by(Article.id)
)
_URL_ROWS = select(ArticleUrl).where(ArticleUrl.url.in_(bindparam("urls", expanding=True)))
# session.info: the Source rows this session has looked up, by name.
_SOURCES_KEY = "signwatch.sources"


@dataclass(frozen=True)
class FetchedPage:
    """A page as the crawler received it."""

    url: str
    body: bytes
    fetched_at: datetime
    final_url: str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    site_type: str | None = None


@dataclass(frozen=True)
class IngestResult:
    """What storing one page did."""

    outcome: Outcome
    article_id: int
    archive_name: str


class PartlyStored(StoreError):
    """The database failed partway through a batch stored page by page; ``stored`` are the results of the pages before.

    Those pages are committed: a caller that retries the batch retries only
    the rest, or it would see them as "unchanged" and miscount the run.
    """

    def __init__(self, message: str, stored: list[IngestResult]) -> None:
        super().__init__(message)
        self.stored = stored

    def __reduce__(self) -> tuple[type[PartlyStored], tuple[str, list[IngestResult]]]:
        # Raised in the store process: it must cross back with its results.
        return (PartlyStored, (str(self), self.stored))


@dataclass(frozen=True)
class UrlState:
    """What a revisit needs to know of a stored article URL."""

    etag: str | None
    last_modified: str | None
    published: datetime | None
    content_hash: str


def ensure_source(session: Session, name: str, site_type: str | None = None) -> Source:
    """The Source row called ``name``, created on first sight (looked up once per session)."""
    known: dict[str, Source] = session.info.setdefault(_SOURCES_KEY, {})
    source = known.get(name) or session.scalar(select(Source).where(Source.name == name))
    if source is None:
        source = Source(name=name, site_type=site_type or "generic")
        session.add(source)
        session.flush()
    elif site_type and source.site_type != site_type:
        source.site_type = site_type
    known[name] = source
    return source


def compress(data: bytes) -> bytes:
    """Compress a raw page for storage."""
    return zlib.compress(data, 6)


def decompress(data: bytes) -> bytes:
    """Undo ``compress``."""
    return zlib.decompress(data)


def apply_analysis(row: Article, article: CleanArticle) -> None:
    """Copy what cleaning found onto an article row and mark it analysed."""
    row.text_hash = article.content_hash
    row.title = article.title
    row.published_at = article.published
    row.clean_text = article.canonical_text
    row.news_source = article.source
    row.author = article.author
    row.script = article.script
    row.analysed_at = utcnow()


@dataclass(frozen=True)
class PageToStore:
    """One fetched and cleaned page on its way into the store, the source it came from and, if made, its extraction."""

    page: FetchedPage
    article: CleanArticle
    source: str
    extraction: Extraction | None = None


def ingest_page(
    db: Database,
    archive: Archive,
    page: FetchedPage,
    article: CleanArticle,
    source: str,
    *,
    after_store: tuple[AfterStore, ...] = (),
) -> IngestResult:
    """Store a fetched, cleaned page: a new article, a revision, or nothing new.

    Two processes storing the same text at once meet at the unique content
    hash; the loser retries and finds the winner's row (a duplicate).
    """
    [result] = ingest_pages(db, archive, [PageToStore(page, article, source)], after_store=after_store)
    return result


def ingest_pages(
    db: Database,
    archive: Archive,
    pages: Sequence[PageToStore],
    *,
    after_store: tuple[AfterStore, ...] = (),
) -> list[IngestResult]:
    """Store several pages in one transaction (as ``ingest_page`` does one); results in order.

    One transaction per batch saves a commit, and the batch's lookups and
    inserts are one statement each instead of one per page.  When the batch
    meets another writer at a unique key (an IntegrityError), or two
    writers' batches wait on each other's new rows until the database aborts
    one (a WriteConflict: a deadlock), it is rolled back and its pages are
    stored one by one, so the race resolves as a duplicate exactly as for a
    single page.
    """
    if len(pages) > 1:
        try:
            with db.session() as session:
                return _ingest_batch(session, archive, pages, after_store)
        except (IntegrityError, WriteConflict):
            pass  # rolled back as a whole; one by one below
    results: list[IngestResult] = []
    for item in pages:
        try:
            results.append(_ingest_alone(db, archive, item, after_store))
        except StoreError as error:
            if not results:
                raise
            raise PartlyStored(str(error), results) from None
    return results


def _ingest_alone(
    db: Database, archive: Archive, item: PageToStore, after_store: tuple[AfterStore, ...]
) -> IngestResult:
    """One page in its own transaction, retried once when another writer stored the same text first."""
    for attempt in range(2):
        try:
            with db.session() as session:
                [result] = _ingest_batch(session, archive, [item], after_store)
                return result
        except (IntegrityError, WriteConflict):
            if attempt:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def is_inserted_here(session: Session, row: Article) -> bool:
    """True when ``row`` was inserted by this session's transaction (nothing of it was stored before)."""
    return row.id in session.info.get(_INSERTED_KEY, ())


class _Known:
    """The stored URL rows and articles a batch's pages may meet, read with one query each.

    Rows the batch adds or changes are kept here as they are decided, so a
    later page of the same batch meets them exactly as it would in a
    transaction of its own; meeting one flushes the batch so far, which
    gives it the ids the decision compares (rare: the same URL or text twice
    in one batch).
    """

    def __init__(self, session: Session, pages: Sequence[PageToStore]) -> None:
        self.session = session
        urls = sorted({item.page.url for item in pages})
        digests = sorted({item.article.content_hash for item in pages})
        self.urls: dict[str, ArticleUrl] = {row.url: row for row in session.scalars(_URL_ROWS, {"urls": urls})}
        self.articles: dict[str, Article] = {}
        for row in session.scalars(_ARTICLES_BY_HASH, {"digests": digests}):  # oldest first
            for digest in (row.content_hash, row.text_hash):
                if digest is not None:
                    self.articles.setdefault(digest, row)
        self._unflushed: set[str] = set()  # URLs and hashes whose rows this batch added or changed
        self._added: list[Article | ArticleUrl] = []  # new rows not yet flushed, in the order they were added

    def url_row(self, url: str) -> ArticleUrl | None:
        """The URL row of ``url``, as of this point in the batch."""
        self._flush_if_unflushed(url)
        return self.urls.get(url)

    def article(self, digest: str) -> Article | None:
        """The article whose identity or cleaned text has this hash, as of this point in the batch."""
        self._flush_if_unflushed(digest)
        return self.articles.get(digest)

    def add_url(self, row: ArticleUrl, *, new: bool) -> None:
        """A URL row this batch added (``new``) or pointed at another article."""
        self.urls[row.url] = row
        self._unflushed.add(row.url)
        if new:
            self.session.add(row)
            self._added.append(row)

    def add_article(self, row: Article) -> None:
        """An article this batch added."""
        self.session.add(row)
        self._added.append(row)
        self.articles.setdefault(row.content_hash, row)
        self._unflushed.add(row.content_hash)

    def flush(self) -> None:
        """Write what the batch added so far, its new rows' ids reserved first (``monitor.store.ids``)."""
        with self.session.no_autoflush:  # the reserving query must not write the rows it reserves ids for
            for model in (Article, ArticleUrl):
                rows = [row for row in self._added if isinstance(row, model) and row.id is None]
                table = cast(Table, model.__table__)
                for row, row_id in zip(rows, reserve_ids(self.session, table, len(rows)), strict=True):
                    row.id = row_id
        self._added.clear()
        self.session.flush()
        self._unflushed.clear()

    def _flush_if_unflushed(self, key: str) -> None:
        if key in self._unflushed:
            self.flush()


def _ingest_batch(
    session: Session, archive: Archive, pages: Sequence[PageToStore], after_store: tuple[AfterStore, ...]
) -> list[IngestResult]:
    """Store ``pages`` in ``session``'s transaction, then run the after-store steps on the new articles."""
    known = _Known(session, pages)
    decided = [_ingest(session, archive, item, known) for item in pages]
    known.flush()  # every new article, raw page and URL row of the batch at once
    stored = [
        StoredArticle(row, item.article, item.extraction)
        for (_, row, new), item in zip(decided, pages, strict=True)
        if new
    ]
    session.info.setdefault(_INSERTED_KEY, set()).update(new.row.id for new in stored)
    if stored:
        for step in after_store:
            step(session, stored)
    return [IngestResult(outcome, row.id, row.archive_name) for outcome, row, _ in decided]


def _ingest(session: Session, archive: Archive, item: PageToStore, known: _Known) -> tuple[Outcome, Article, bool]:
    """Decide what ``item`` is and add its rows (flushed with the batch): (outcome, article, inserted)."""
    page, article = item.page, item.article
    source = ensure_source(session, item.source, page.site_type)
    url_row = known.url_row(page.url)
    stored = known.article(article.content_hash)
    etag = page.headers.get("ETag") or page.headers.get("etag")
    last_modified = page.headers.get("Last-Modified") or page.headers.get("last-modified")
    if stored is not None:
        outcome: Outcome = "duplicate"
        if url_row is None:
            url_row = ArticleUrl(url=page.url, article=stored, source=source, etag=etag, last_modified=last_modified)
            known.add_url(url_row, new=True)
        else:
            outcome = "unchanged" if url_row.article_id == stored.id else "duplicate"
            url_row.article_id = stored.id
            url_row.etag, url_row.last_modified, url_row.last_seen = etag, last_modified, utcnow()
            known.add_url(url_row, new=False)
        return outcome, stored, False

    canonical = article.canonical_text
    name = archive.store(canonical)
    parsed = parse_name(name)
    row = Article(
        content_hash=article.content_hash,
        file_hash=article.content_hash,  # the file holds exactly the canonical text
        archive_name=name,
        sequence=parsed.sequence if parsed else 0,
        url=page.url,
        fetched_at=page.fetched_at,
        raw_text=canonical,
        source=source,
    )
    apply_analysis(row, article)
    # The charset as decoding reads it (a codec name, or None when unusable): a
    # header may declare anything, of any length, and cleaning and a reprocess
    # both normalise it the same way before use.
    encoding = normalize_charset(page.encoding)
    row.raw_page = RawPage(kind="html", encoding=encoding, site_type=page.site_type, compressed=compress(page.body))
    known.add_article(row)
    if url_row is None:
        url_row = ArticleUrl(url=page.url, article=row, source=source, etag=etag, last_modified=last_modified)
        known.add_url(url_row, new=True)
        return "new", row, True
    row.revision_of_id = url_row.article_id
    url_row.article = row  # its id once the batch is flushed
    url_row.etag, url_row.last_modified, url_row.last_seen = etag, last_modified, utcnow()
    known.add_url(url_row, new=False)
    return "revision", row, True


def known_article_urls(db: Database, source: str) -> dict[str, UrlState]:
    """Every stored article URL of a source, with what a conditional revisit needs."""
    with db.session() as session:
        rows = session.execute(
            select(
                ArticleUrl.url, ArticleUrl.etag, ArticleUrl.last_modified, Article.published_at, Article.content_hash
            )
            .join(Article, ArticleUrl.article_id == Article.id)
            .join(Source, ArticleUrl.source_id == Source.id)
            .where(Source.name == source)
        ).all()
    return {url: UrlState(etag, modified, published, digest) for url, etag, modified, published, digest in rows}


def touch_url(db: Database, url: str) -> None:
    """Record that a stored URL was re-checked and had not changed (a 304)."""
    with db.session() as session:
        row = session.scalar(select(ArticleUrl).where(ArticleUrl.url == url))
        if row is not None:
            row.last_seen = utcnow()
