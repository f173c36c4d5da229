"""``signwatch articles``: list stored articles, newest first."""

from __future__ import annotations

import typer
from rich.table import Table
from sqlalchemy import select

from monitor.cli.app import app, console, database, print_json
from monitor.store import Article, Source


@app.command("articles")
def articles_command(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
    limit: int = typer.Option(50, "--limit", "-n", min=1, help="How many, newest first."),
) -> None:
    """List stored articles (hash, archive name, source, title, published)."""
    with database().session() as session:
        rows = session.execute(
            select(Article.content_hash, Article.archive_name, Source.name, Article.title, Article.published_at)
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
                }
                for digest, name, source, title, published in rows
            ]
        )
        return
    table = Table("hash", "archive name", "source", "title", "published")
    for digest, name, source, title, published in rows:
        # Titles come from the web: rich markup in them must print literally.
        table.add_row(
            digest, name, source or "", _plain(title or ""), published.date().isoformat() if published else ""
        )
    console.print(table)


def _plain(text: str) -> str:
    from rich.markup import escape

    return escape(text)
