"""``signwatch extract``: the signing events and money figures of one page."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from monitor.cli.app import app, console, print_json
from monitor.errors import InputError
from monitor.events import Extraction, extract
from monitor.text import clean_text
from monitor.text.clean import clean_html


@app.command("extract")
def extract_command(
    source: str = typer.Argument("-", metavar="[FILE|-]", help="Page text (seed format) or HTML; - reads stdin."),
    html: bool = typer.Option(False, "--html", help="The input is an HTML page."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Clean a page, then print its signing events and money figures."""
    raw = _read(source)
    if html:
        article = clean_html(raw)
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{source} is not UTF-8 text (use --html for fetched pages)") from None
        article = clean_text(text)
    extraction = extract(article)
    if as_json:
        print_json(extraction.to_json())
    else:
        _print_summary(extraction)


def _read(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {source}: {error.strerror or error}") from None


def _money(value: int | float, currency: str) -> str:
    if value >= 100_000_000:
        amount = f"{value / 100_000_000:g}亿"
    elif value >= 10_000:
        amount = f"{value / 10_000:g}万"
    else:
        amount = f"{value:g}"
    return f"{amount} {currency}"


def _print_summary(extraction: Extraction) -> None:
    published = extraction.published.isoformat() if extraction.published else "unknown"
    console.print(
        f"published {published}; signing: {'yes' if extraction.signing else 'no'}", highlight=False, soft_wrap=True
    )
    for event in extraction.events:
        place = "".join(dict.fromkeys(event.place.names)) or "place unknown"
        date = event.date.to_json() if event.date else "date unknown"
        line = f"- {event.kind} ({event.status}) {place} {date}"
        if event.projects:
            line += f", {event.projects} projects"
        if event.parties:
            line += ", parties: " + " / ".join(event.parties)
        for figure in event.figures:
            line += f", {figure.text} = {_money(figure.value, figure.currency)} ({figure.qualifier})"
        console.print(line, markup=False, highlight=False, soft_wrap=True)
        for part in event.parts:
            texts = ", ".join(f.text for f in part.figures)
            console.print(
                f"    part: {part.projects or '?'} projects, {texts}", markup=False, highlight=False, soft_wrap=True
            )
    for figure in extraction.figures:
        kind = "investment" if figure.investment else "other"
        console.print(
            f"  figure {figure.text} = {_money(figure.value, figure.currency)} [{kind}, {figure.qualifier}]",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
