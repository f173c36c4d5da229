"""The Search page: full-text search over articles that works for Chinese (``monitor.store.search_index``).

``/search?q=签约`` lists the articles holding every word of the query,
best first, each with the sentence it was found in; ``format=json`` (or
``/api/v1/search``) gives the same document, ``csv`` and ``xlsx`` the
table.  Snippets are scraped text: the template escapes every piece and
marks the hits with ``<mark>`` itself, never by building HTML from them.
"""

from __future__ import annotations

from datetime import datetime
from math import ceil
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from monitor.store import Article, Source
from monitor.store.search_index import SearchHit, query_terms, search
from monitor.workbench.params import BadQuery, read_format, read_int, read_params
from monitor.workbench.rendering import Table, respond

KEYS = ("q", "page", "format")
PER_PAGE = 20
LAST_PAGE = 500  # a bound on the work one request may ask for (offset 10,000)
HEADERS = ("id", "title", "source", "published", "url", "snippet")


def _hit_json(hit: SearchHit, meta: dict[int, dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": hit.article_id,
        **meta.get(hit.article_id, {}),
        "title": hit.title,
        "snippet": hit.snippet_text,
        # Where the query was found, as [start, end) character offsets into the snippet.
        "highlights": _highlights(hit),
    }


def _highlights(hit: SearchHit) -> list[list[int]]:
    spans, position = [], 0
    for piece, matched in hit.snippet:
        if matched:
            spans.append([position, position + len(piece)])
        position += len(piece)
    return spans


def _iso(moment: datetime | None) -> str | None:
    # Exports write times as text in UTC (Excel cells cannot hold a time zone).
    return moment.isoformat() if moment else None


def _article_meta(request: Request, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Source, date and address of the articles found (one query)."""
    statement = (
        select(Article.id, Article.published_at, Article.url, Article.news_source, Source.name)
        .outerjoin(Source, Source.id == Article.source_id)
        .where(Article.id.in_(ids))
    )
    with request.app.state.database.session() as session:
        rows = session.execute(statement).all()
    return {
        article_id: {"published": published, "url": url, "news_source": news_source, "source": source}
        for article_id, published, url, news_source, source in rows
    }


async def search_page(request: Request) -> Response:
    """GET /search: articles holding every word of ``q``, as HTML, JSON, CSV or XLSX."""
    params = read_params(request.scope["query_string"], KEYS)
    fmt = read_format(params)
    query = params.get("q", "")
    page = read_int(params, "page", 1, 1, LAST_PAGE)
    if query and not query_terms(query):
        raise BadQuery("搜索词里没有文字或数字 (the search has no letters or digits to look for)")
    hits: list[SearchHit] = []
    total, ranked = 0, False
    if query:
        with request.app.state.database.session() as session:
            found = search(session, query, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
        hits, total, ranked = found.hits, found.total, found.ranked
    meta = _article_meta(request, [hit.article_id for hit in hits]) if hits else {}
    results = [_hit_json(hit, meta) for hit in hits]
    pages = max(1, ceil(total / PER_PAGE))
    order = "relevance" if ranked else "newest"
    document = {
        "query": query,
        "total": total,
        "total_capped": bool(total) and not ranked,  # more than total match: the count stops there
        "order": order,
        "page": page,
        "pages": pages,
        "results": results,
    }
    context = {
        "query": query,
        "hits": hits,
        "results": results,
        "total": total,
        "ranked": ranked,
        "page": page,
        "pages": min(pages, LAST_PAGE),
        "page_link": lambda number: "/search?" + urlencode({"q": query, "page": number}),
        "export_link": lambda fmt: "/search?" + urlencode({"q": query, "format": fmt}),
    }
    table = Table(
        "search",
        HEADERS,
        [(r["id"], r["title"], r.get("source"), _iso(r.get("published")), r.get("url"), r["snippet"]) for r in results],
    )
    return respond(request, fmt, "search.html", context, document, table)


def routes() -> list[BaseRoute]:
    """The Search page and its JSON twin under the versioned API."""
    return [Route("/search", search_page, name="search"), Route("/api/v1/search", search_page)]
