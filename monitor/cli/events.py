"""``signwatch events``: the stored signing events, newest first, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import sys
from typing import Any

import typer
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from monitor.cli.app import app, console, database, format_money, print_json
from monitor.cli.output import print_rows
from monitor.errors import InputError
from monitor.store.event_listing import (
    EventFilter,
    event_json,
    list_events,
    parse_amount,
    parse_amount_kind,
    parse_since,
    resolve_place_filter,
)
from monitor.store.project_listing import parse_industry
from monitor.workbench.exports import neutralise_cell


@app.command("events")
def events_command(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
    as_csv: bool = typer.Option(False, "--csv", help="Print CSV with a header row."),
    place: str | None = typer.Option(None, "--place", help="Province, city or county; 上海市 includes 宝山区."),
    since: str | None = typer.Option(None, "--since", help="Only events on or after this date (YYYY-MM-DD)."),
    min_amount: str | None = typer.Option(None, "--min-amount", help="Minimum investment, yuan (5e10 or 500亿)."),
    kind: str | None = typer.Option(None, "--kind", help="Kinds containing this word (签约, 集中签约, 协议)."),
    amount_kind: str | None = typer.Option(
        None, "--amount-kind", help="The kind of the event's amount: agreed, contracted, arrived or planned."
    ),
    industry: str | None = typer.Option(None, "--industry", help="An industry label (新能源, 生物 ...)."),
    party: str | None = typer.Option(None, "--party", help="Events naming this organisation (上海医药集团)."),
    limit: int = typer.Option(50, "--limit", min=0, help="At most this many events."),
) -> None:
    """List stored signing events, newest first."""
    if as_json and as_csv:
        raise InputError("choose one of --json and --csv")
    wanted = EventFilter(
        places=resolve_place_filter(place) if place is not None else None,
        since=parse_since(since) if since is not None else None,
        min_amount=parse_amount(min_amount) if min_amount is not None else None,
        kind=kind,
        amount_kind=parse_amount_kind(amount_kind) if amount_kind is not None else None,
        industry=parse_industry(industry) if industry is not None else None,
        party=_party(party) if party is not None else None,
        limit=limit,
    )
    with database().session() as session:
        rows = list_events(session, wanted)
        # the industry and the amount's kind ride along here only: the workbench API's Event
        # schema is strict and does not list them yet
        documents = [{**event_json(row), "industry": row.industry, "amount_kind": row.amount_kind} for row in rows]
    if as_json:
        print_json(documents)
    elif as_csv:
        _print_csv(documents)
    else:
        _print_table(documents)


def _party(text: str) -> str:
    if not text.strip():
        raise InputError("--party needs an organisation's name")
    return text.strip()


_CSV_COLUMNS = (
    "id",
    "cluster",
    "date",
    "kind",
    "status",
    "province",
    "city",
    "county",
    "projects",
    "amount",
    "max",
    "qualifier",
    "currency",
    "parties",
    "industry",
    "published",
    "title",
    "url",
    "evidence",
)


def _flat(document: dict[str, Any]) -> dict[str, Any]:
    amount = document["amount"] or {}
    article = document["article"]
    return {
        "id": document["id"],
        "cluster": document["cluster"],
        "date": document["date"] or document["reported_on"],
        "kind": document["kind"],
        "status": document["status"],
        **document["place"],
        "projects": document["projects"],
        "amount": amount.get("value"),
        "max": amount.get("max"),
        "qualifier": amount.get("qualifier"),
        "currency": amount.get("currency"),
        "parties": "; ".join(document["parties"]),
        "industry": document["industry"],
        "published": article["published"],
        "title": article["title"],
        "url": article["url"],
        "evidence": document["evidence"],
    }


def _print_csv(documents: list[dict[str, Any]]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=_CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for document in documents:
        # Scraped titles go into spreadsheets: the workbench's exports neutralise formulas the same way.
        writer.writerow({key: neutralise_cell(value) for key, value in _flat(document).items()})


# How the table marks a qualified amount (超500亿, ≈50亿, 近10亿).
_QUALIFIER_MARKS = {"more_than": "超", "nearly": "近", "about": "约"}


def _table_cells(document: dict[str, Any]) -> tuple[str, ...]:
    flat = _flat(document)
    place = "".join(dict.fromkeys(n for n in (flat["province"], flat["city"], flat["county"]) if n))
    amount = document["amount"]
    money = ""
    if amount:
        money = _QUALIFIER_MARKS.get(amount["qualifier"], "") + format_money(amount["value"], amount["currency"])
    cells = (
        flat["date"],
        place,
        flat["kind"],
        flat["status"],
        flat["projects"],
        money.removesuffix(" CNY"),
        flat["cluster"],
        flat["title"] or document["evidence"],
    )
    return tuple(str(cell) if cell is not None else "" for cell in cells)


def _print_table(documents: list[dict[str, Any]]) -> None:
    if not documents:
        console.print("no events", highlight=False)
        return
    rows = [_table_cells(document) for document in documents]
    headers = ("date", "place", "kind", "status", "proj.", "amount", "cluster")
    if not console.is_terminal:
        # A file or a pipe gets every title whole, one event a line.
        print_rows(console, (*headers, "article"), rows)
        return
    table = Table(show_lines=False, pad_edge=False)
    widths = [max(cell_len(header), *(cell_len(row[index]) for row in rows)) for index, header in enumerate(headers)]
    for header, width in zip(headers, widths, strict=True):
        table.add_column(header, no_wrap=True, min_width=width)
    # the fixed columns keep their full width; the article title gets what is left
    # (each column costs its width plus two spaces of padding and a border)
    room = console.width - sum(widths) - 3 * (len(widths) + 1) - 1
    if room >= 12:  # too narrow a terminal: no title (--json has it)
        table.add_column("article", no_wrap=True, max_width=room)
    for row in rows:
        title = Text(row[-1])  # Text() never reads markup: titles and evidence are web text
        title.truncate(room, overflow="ellipsis")
        table.add_row(*(Text(cell) for cell in row[:-1]), *([title] if room >= 12 else []))
    console.print(table)
