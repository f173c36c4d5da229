"""The Article page: the cleaned text with its figures marked, its metadata, revisions and the raw page."""

from __future__ import annotations

import zlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from monitor.store.event_models import EventRow, FigureRow
from monitor.store.models import Article, ArticlePlace, RawPage
from monitor.workbench.highlight import mark_figures
from monitor.workbench.params import read_format, read_params, row_id
from monitor.workbench.rendering import respond

# A raw page past this is shown cut: it is for checking what was cleaned, not for reading.
RAW_SHOWN_CHARS = 500_000


def _article(session: Session, article_id: int) -> Article:
    row = session.get(Article, article_id)
    if row is None:
        raise HTTPException(404, f"没有编号为 {article_id} 的文章 (no article {article_id})")
    return row


def _revisions(session: Session, row: Article) -> list[dict[str, Any]]:
    """The article's earlier texts (following revision_of) and the later ones, oldest first."""
    earlier: list[Article] = []
    cursor = row.revision_of
    while cursor is not None and len(earlier) < 50:
        earlier.append(cursor)
        cursor = cursor.revision_of
    later: list[Article] = []
    current = row.id
    for _ in range(50):
        following = session.scalar(select(Article).where(Article.revision_of_id == current))
        if following is None:
            break
        later.append(following)
        current = following.id
    return [
        {"id": a.id, "title": a.title, "stored_at": a.stored_at.isoformat(), "current": a.id == row.id}
        for a in [*reversed(earlier), row, *later]
    ]


def article_document(session: Session, row: Article) -> dict[str, Any]:
    """One article as its JSON twin shows it."""
    figures = session.scalars(select(FigureRow).where(FigureRow.article_id == row.id).order_by(FigureRow.id)).all()
    events = session.scalars(select(EventRow).where(EventRow.article_id == row.id).order_by(EventRow.position)).all()
    return {
        "id": row.id,
        "title": row.title,
        "url": row.url,
        "source": row.source.name if row.source else None,
        "news_source": row.news_source,
        # where the article is: its first placed event's place, else its title's and lede's
        "place": {"province": place.province, "city": place.city, "county": place.county}
        if (place := session.get(ArticlePlace, row.id)) is not None
        else {"province": None, "city": None, "county": None},
        "author": row.author,
        "published": row.published_at.isoformat() if row.published_at else None,
        "fetched": row.fetched_at.isoformat() if row.fetched_at else None,
        "stored": row.stored_at.isoformat(),
        "archive_name": row.archive_name,
        "content_hash": row.content_hash,
        "text": row.clean_text,
        "figures": [
            {
                "text": f.text,
                "value": f.value,
                "currency": f.currency,
                "qualifier": f.qualifier,
                "investment": f.investment,
                "evidence": f.evidence,
            }
            for f in figures
        ],
        "events": [{"id": e.id, "cluster": e.cluster_id, "kind": e.kind, "status": e.status} for e in events],
        "revisions": _revisions(session, row),
        "has_raw_page": row.raw_page is not None,
    }


def _article_id(request: Request) -> int:
    return row_id(request.path_params, "article_id")


async def article_page(request: Request) -> Response:
    """GET /articles/{id}: the article, as HTML or JSON."""
    fmt = read_format(read_params(request.scope["query_string"], ("format",)), ("html", "json"))
    with request.app.state.database.session() as session:
        row = _article(session, _article_id(request))
        document = article_document(session, row)
    marked = mark_figures(document["text"], [f["text"] for f in document["figures"]])
    return respond(request, fmt, "article.html", {"article": document, "marked_text": marked}, document)


async def raw_page(request: Request) -> Response:
    """GET /articles/{id}/raw: the page the article was cleaned from, shown as text (never rendered)."""
    fmt = read_format(read_params(request.scope["query_string"], ("format",)), ("html", "json"))
    with request.app.state.database.session() as session:
        row = _article(session, _article_id(request))
        raw: RawPage | None = row.raw_page
        if raw is None:
            raise HTTPException(404, f"文章 {row.id} 没有保存原始网页 (no raw page kept for article {row.id})")
        data = zlib.decompress(raw.compressed)
        title, kind, encoding = row.title, raw.kind, raw.encoding
    try:
        text = data.decode(encoding or "utf-8", errors="replace")
    except LookupError:  # an encoding name Python does not know
        text = data.decode("utf-8", errors="replace")
    document = {"id": _article_id(request), "kind": kind, "encoding": encoding, "raw": text}
    context = {
        "article_id": document["id"],
        "title": title,
        "raw": text[:RAW_SHOWN_CHARS],
        "cut": len(text) > RAW_SHOWN_CHARS,
        "kind": kind,
    }
    return respond(request, fmt, "raw.html", context, document)


routes = [
    Route("/articles/{article_id:int}", article_page, name="article"),
    Route("/articles/{article_id:int}/raw", raw_page, name="raw_page"),
    Route("/api/v1/articles/{article_id:int}", article_page),
]
