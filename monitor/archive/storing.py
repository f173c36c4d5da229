"""The first step of the storing transaction: pages become articles, URL rows and raw pages.

One article per distinct text (its content hash), revisions per URL.  The
batch's lookups are one query each and its new rows one insert each
(``_Known``); what the filing and alert steps need is returned as values
(``monitor.records.StoredBatch``).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import replace
from typing import cast

from sqlalchemy import Table, bindparam, or_, select
from sqlalchemy.orm import Session

from monitor.archive.files import Archive, parse_name
from monitor.records import IngestResult, Outcome, PageToStore, StoredArticle, StoredBatch
from monitor.store import Article, ArticleUrl, RawPage, Source, utcnow
from monitor.store.ids import reserve_ids
from monitor.store.search_index import index_articles
from monitor.text.article import CleanArticle
from monitor.text.decoding import normalize_charset

# The lookups of every stored page, built once.
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


def ensure_source(session: Session, name: str, site_type: str | None = None) -> Source:
    """The Source row called ``name``, created on first sight; its site type updated when it changed."""
    source = session.scalar(select(Source).where(Source.name == name))
    if source is None:
        source = Source(name=name, site_type=site_type or "generic")
        session.add(source)
        session.flush()
    elif site_type and source.site_type != site_type:
        source.site_type = site_type
    return source


def compress(data: bytes) -> bytes:
    """Compress a raw page for storage."""
    return zlib.compress(data, 6)


def decompress(data: bytes) -> bytes:
    """Undo ``compress``."""
    return zlib.decompress(data)


def without_nul(article: CleanArticle) -> CleanArticle:
    """``article`` with every NUL character (``\\x00``) dropped from its texts; the same object when it has none.

    PostgreSQL's text cannot hold NUL (the whole storing transaction would
    fail on one scraped title); dropping it on both backends keeps them
    storing the same text under the same hash.  Other control characters are
    kept: every page escapes what it shows.
    """
    texts = (article.title, article.source, article.author, *article.paragraphs)
    if not any(text and "\x00" in text for text in texts):
        return article

    def strip(text: str | None) -> str | None:
        return text.replace("\x00", "") if text else text

    return replace(
        article,
        title=strip(article.title),
        source=strip(article.source),
        author=strip(article.author),
        paragraphs=tuple(paragraph.replace("\x00", "") for paragraph in article.paragraphs),
    )


def apply_analysis(row: Article, article: CleanArticle) -> None:
    """Copy what cleaning found onto an article row (NUL dropped, see ``without_nul``) and mark it analysed."""
    article = without_nul(article)
    row.text_hash = article.content_hash
    row.title = article.title
    row.published_at = article.published
    row.clean_text = article.canonical_text
    row.news_source = article.source
    row.author = article.author
    row.script = article.script
    row.analysed_at = utcnow()


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
        self.sources: dict[str, Source] = {}  # looked up once per batch, by name
        self._unflushed: set[str] = set()  # URLs and hashes whose rows this batch added or changed
        self._added: list[Article | ArticleUrl] = []  # new rows not yet flushed, in the order they were added

    def source(self, name: str, site_type: str | None) -> Source:
        """The Source row of ``name`` (``ensure_source``), looked up once per batch."""
        found = self.sources.get(name)
        if found is None or (site_type and found.site_type != site_type):
            found = self.sources[name] = ensure_source(self.session, name, site_type)
        return found

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


def store_pages(session: Session, archive: Archive, pages: Sequence[PageToStore]) -> StoredBatch:
    """Store ``pages`` in ``session``'s transaction: the first step of ``monitor.archive.ingest``.

    Each page becomes a new article, a revision of its URL's article, a
    duplicate of a stored text, or nothing new ("unchanged"); the batch's new
    rows are written together.  Returns a result per page and the articles
    stored (with their extractions, for the filing step).
    """
    pages = [replace(item, article=without_nul(item.article)) for item in pages]
    known = _Known(session, pages)
    decided = [_decide(archive, item, known) for item in pages]
    known.flush()  # every new article, raw page and URL row of the batch at once
    index_articles(session, [row for _, row, new in decided if new])  # searchable in the same transaction
    articles = [
        StoredArticle(row, item.article, item.extraction, inserted=True)
        for (_, row, new), item in zip(decided, pages, strict=True)
        if new
    ]
    return StoredBatch([IngestResult(outcome, row.id, row.archive_name) for outcome, row, _ in decided], articles)


def _decide(archive: Archive, item: PageToStore, known: _Known) -> tuple[Outcome, Article, bool]:
    """Decide what ``item`` is and add its rows (flushed with the batch): (outcome, article, inserted)."""
    page, article = item.page, item.article
    source = known.source(item.source, page.site_type)
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
