"""``signwatch clean``: print the cleaned article of a page file or of stdin."""

from __future__ import annotations

import sys
from datetime import datetime

import typer

from monitor.cli.app import app, print_json, read_input
from monitor.errors import InputError
from monitor.text import CleanArticle, clean_html, clean_text


@app.command("clean")
def clean_command(
    source: str = typer.Argument("-", metavar="[FILE|-]", help="Page text or HTML file; - reads stdin."),
    as_html: bool = typer.Option(False, "--html", help="The input is an HTML page (bytes as fetched)."),
    url: str | None = typer.Option(None, "--url", help="The page's URL (helps detect the site type)."),
    fetched: str | None = typer.Option(
        None,
        "--fetched",
        metavar="ISO-TIME",
        help="When the page was fetched, for relative dates (no offset means UTC).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the article as one JSON document."),
) -> None:
    """Clean a page: Simplified text, chrome and spam removed, title, date, source and author."""
    fetched_at = _parse_fetched(fetched)
    raw = read_input(source)
    if as_html:
        article = clean_html(raw, url=url, fetched=fetched_at)
    else:
        article = clean_text(_decode_text(raw), fetched=fetched_at)
    if as_json:
        print_json(article.to_json())
    else:
        _print_article(article)


def _parse_fetched(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise InputError(f"--fetched {value!r} is not an ISO time such as 2024-06-20T08:00:00+08:00") from None


def _decode_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Archive files are UTF-8; anything else is decoded like a page would be.
        from monitor.text import decode_page

        return decode_page(raw)[0]


def _print_article(article: CleanArticle) -> None:
    out = sys.stdout
    if article.title:
        out.write(article.title + "\n")
    details = [
        f"published: {article.published.isoformat() if article.published else '-'}",
        f"source: {article.source or '-'}",
        f"author: {article.author or '-'}",
        f"script: {article.script}",
    ]
    out.write("  ".join(details) + "\n")
    if article.repairs or article.flags:
        out.write(f"repairs: {', '.join(article.repairs) or '-'}  flags: {', '.join(article.flags) or '-'}\n")
    out.write("\n" + article.body + "\n")
