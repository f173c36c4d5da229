"""``signwatch extract``: clean one page, then print its signing events and money figures.

The page goes through ``monitor.archive.analysis.analyse_raw``, the very
function ``signwatch import`` and ``reprocess`` analyse a stored page with, so
the command shows the events the store would file for the same text (its
``投资`` announcements too).
"""

from __future__ import annotations

import typer

from monitor.archive.analysis import RawArticle, analyse_raw
from monitor.cli.app import app, console, format_money, print_json, read_input
from monitor.errors import InputError
from monitor.events import Extraction, Figure


@app.command("extract")
def extract_command(
    source: str = typer.Argument("-", metavar="[FILE|-]", help="Page text (seed format) or HTML; - reads stdin."),
    html: bool = typer.Option(False, "--html", help="The input is an HTML page."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Clean a page, then print its signing events and money figures."""
    raw = read_input(source)
    if not html:
        try:
            raw.decode("utf-8")  # import refuses a file that is not UTF-8: so does this
        except UnicodeDecodeError:
            raise InputError(f"{source} is not UTF-8 text (use --html for fetched pages)") from None
    page = RawArticle(
        article_id=0, kind="html" if html else "text", body=raw, encoding=None, site_type=None, url=None, fetched=None
    )
    _article, extraction = analyse_raw(page)
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
            line += f", {figure.text} = {format_money(figure.value, figure.currency)} ({_figure_labels(figure)})"
        console.print(line, markup=False, highlight=False, soft_wrap=True)
        for part in event.parts:
            texts = ", ".join(f.text for f in part.figures)
            console.print(
                f"    part: {part.projects or '?'} projects, {texts}", markup=False, highlight=False, soft_wrap=True
            )
    for figure in extraction.figures:
        console.print(
            f"  figure {figure.text} = {format_money(figure.value, figure.currency)} [{_figure_labels(figure)}]",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )


def _figure_labels(figure: Figure) -> str:
    """What kind of money a figure is, as the summary prints it: ``agreed, investment, more_than``.

    The amount kind comes first because it is what an analyst acts on (合同引资
    is contracted, 到位资金 arrived, 授信 credit); ``investment`` says whether
    alerts and ``min_amount`` count it, ``bracket`` marks a count of projects
    above a size (``亿元以上项目18个``), never an event's amount.
    """
    labels: list[str] = [figure.kind]
    if figure.investment:
        labels.append("investment")
    if figure.bracket:
        labels.append("bracket")
    labels.append(figure.qualifier)
    return ", ".join(labels)
