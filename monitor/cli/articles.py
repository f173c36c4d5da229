"""``signwatch articles``: list stored articles, newest first."""

from __future__ import annotations

import typer
from sqlalchemy import select

from monitor.cli.app import app, console, database, local_time, print_json
from monitor.cli.output import print_rows
from monitor.store import Article, Source


@app.command("articles")
def articles_command(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
    limit: int = typer.Option(50, "--limit", "-n", min=1, help="How many, newest first."),
) -> None:
    """List stored articles (hash, archive name, source, published, title, URL)."""
    with database().session() as session:
        rows = session.execute(
            select(
                Article.content_hash,
                Article.archive_name,
                Source.name,
                Article.title,
                Article.published_at,
                Article.url,
            )
            .outerjoin(Source, Article.source_id == Source.id)
            .order_by(Article.id.desc())
            .limit(limit)
        ).all()
    if as_json:
        print_json(
            [
                {
                    "hash": digest,
                    "archive_name": name,
                    "source": source,
                    "title": title,
                    "published": published.isoformat() if published else None,
                    "url": url,
                }
                for digest, name, source, title, published, url in rows
            ]
        )
        return
    print_rows(
        console,
        ("hash", "archive name", "source", "published", "title", "url"),
        (
            (digest, name, source or "", local_time(published, empty=""), title or "", url or "")
            for digest, name, source, title, published, url in rows
        ),
    )
