"""``signwatch extract``: clean one page, then print its signing events and money figures."""

from __future__ import annotations

import typer

from monitor.cli.app import app, console, format_money, print_json, read_input
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
    raw = read_input(source)
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
            line += f", {figure.text} = {format_money(figure.value, figure.currency)} ({figure.qualifier})"
        console.print(line, markup=False, highlight=False, soft_wrap=True)
        for part in event.parts:
            texts = ", ".join(f.text for f in part.figures)
            console.print(
                f"    part: {part.projects or '?'} projects, {texts}", markup=False, highlight=False, soft_wrap=True
            )
    for figure in extraction.figures:
        kind = "investment" if figure.investment else "other"
        console.print(
            f"  figure {figure.text} = {format_money(figure.value, figure.currency)} [{kind}, {figure.qualifier}]",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
