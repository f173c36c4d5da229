"""What a revisit needs of the stored article URLs: validators, publication time, content hash."""

from __future__ import annotations

from sqlalchemy import select

from monitor.records import UrlState
from monitor.store import Article, ArticleUrl, Database, Source, utcnow


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
