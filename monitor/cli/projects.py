"""``signwatch projects`` (the stored projects, or their rates) and ``signwatch project ID`` (one timeline)."""

from __future__ import annotations

import csv
import sys
from typing import Any

import typer

from monitor.cli.app import app, console, database, format_money, print_json
from monitor.cli.output import one_line, print_rows
from monitor.errors import InputError
from monitor.store.event_listing import parse_since, resolve_place_filter
from monitor.store.project_listing import (
    ProjectFilter,
    get_project,
    list_projects,
    parse_industry,
    parse_stage,
    project_json,
)
from monitor.store.project_rates import CAVEAT, Rate, parse_period, project_rates
from monitor.workbench.exports import neutralise_cell


@app.command("projects")
def projects_command(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
    as_csv: bool = typer.Option(False, "--csv", help="Print CSV with a header row."),
    place: str | None = typer.Option(None, "--place", help="Province, city or county; 上海市 includes 宝山区."),
    industry: str | None = typer.Option(None, "--industry", help="An industry label (新能源, 生物 ...)."),
    stage: str | None = typer.Option(None, "--stage", help="Projects that reached this stage (签约, 开工, 投产 ...)."),
    since: str | None = typer.Option(None, "--since", help="Projects with a report on or after this date."),
    limit: int = typer.Option(50, "--limit", min=0, help="At most this many projects."),
    rates: bool = typer.Option(False, "--rates", help="Rates per place and period instead of projects."),
    by: str = typer.Option("quarter", "--by", help="The rates' period: quarter, year or month."),
) -> None:
    """List stored projects, newest first, with their furthest stage; --rates: how many signed ones broke ground."""
    if as_json and as_csv:
        raise InputError("choose one of --json and --csv")
    places = resolve_place_filter(place) if place is not None else None
    if rates:
        if industry is not None or stage is not None or since is not None:
            raise InputError("--rates takes --place and --by only")
        period = parse_period(by)
        with database().session() as session:
            found = project_rates(session, places, period)
        _print_rates(found, as_json, as_csv)
        return
    wanted = ProjectFilter(
        places=places,
        industry=parse_industry(industry) if industry is not None else None,
        stage=parse_stage(stage) if stage is not None else None,
        since=parse_since(since) if since is not None else None,
        limit=limit,
    )
    with database().session() as session:
        documents = [project_json(p) for p in list_projects(session, wanted)]
    if as_json:
        print_json(documents)
    elif as_csv:
        _write_csv(_CSV_COLUMNS, [_flat(d) for d in documents])
    elif not documents:
        console.print("no projects", highlight=False)
    else:
        headers = ("id", "stage", "signed", "place", "industry", "amount", "investor", "project")
        print_rows(console, headers, [_cells(d) for d in documents])


@app.command("project")
def project_command(
    project_id: int = typer.Argument(..., help="The project's id (signwatch projects lists them)."),
    as_json: bool = typer.Option(False, "--json", help="Print it as JSON."),
) -> None:
    """Show one project: what it is, and its timeline of stages with the articles that reported each."""
    with database().session() as session:
        document = project_json(get_project(session, project_id))
    if as_json:
        print_json(document)
        return
    flat = _flat(document)
    facts = [
        ("project", document["name"]),
        ("investor", flat["investor"]),
        ("place", _place(document)),
        ("industry", flat["industry"]),
        ("amount", _money(document)),
        ("signed", flat["signed_on"]),
        ("stage", flat["stage"]),
    ]
    for label, value in facts:
        # scraped names are printed as plain text, never as console markup
        console.print(f"{label}: {one_line(str(value or '—'))}", markup=False, highlight=False)
    rows = [
        (
            s["reported_on"] or "",
            s["stage"],
            s["article"]["title"] or "",
            s["article"]["url"] or "",
            s["evidence"],
        )
        for s in document["stages"]
    ]
    print_rows(console, ("date", "stage", "article", "url", "evidence"), rows, title="timeline")


_CSV_COLUMNS = (
    "id",
    "name",
    "stage",
    "signed_on",
    "province",
    "city",
    "county",
    "industry",
    "investor",
    "amount",
    "max",
    "amount_kind",
    "currency",
    "reports",
)


def _flat(document: dict[str, Any]) -> dict[str, Any]:
    amount = document["amount"] or {}
    return {
        "id": document["id"],
        "name": document["name"],
        "stage": document["stage"],
        "signed_on": document["signed_on"],
        **document["place"],
        "industry": document["industry"],
        "investor": document["investor"],
        "amount": amount.get("value"),
        "max": amount.get("max"),
        "amount_kind": amount.get("kind"),
        "currency": amount.get("currency"),
        "reports": len(document["stages"]),
    }


def _place(document: dict[str, Any]) -> str:
    return "".join(dict.fromkeys(n for n in document["place"].values() if n))


def _money(document: dict[str, Any]) -> str:
    amount = document["amount"]
    return format_money(amount["value"], amount["currency"]).removesuffix(" CNY") if amount else ""


def _cells(document: dict[str, Any]) -> tuple[str, ...]:
    return (
        str(document["id"]),
        document["stage"],
        document["signed_on"] or "",
        _place(document),
        document["industry"] or "",
        _money(document),
        document["investor"] or "",
        document["name"],
    )


def _write_csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        # names and sentences are scraped: neutralised as the workbench's exports are
        writer.writerow({key: neutralise_cell(value) for key, value in row.items()})


_RATE_COLUMNS = ("place", "period", "signed", "broke_ground", "producing", "days_to_ground", "days_to_production")


def _rate_row(rate: Rate) -> dict[str, Any]:
    return {
        "place": rate.place,
        "period": rate.period,
        "signed": rate.signed,
        "broke_ground": rate.broke_ground,
        "producing": rate.producing,
        "days_to_ground": rate.days_to_ground,
        "days_to_production": rate.days_to_production,
    }


def _print_rates(found: list[Rate], as_json: bool, as_csv: bool) -> None:
    if as_json:
        print_json({"caveat": CAVEAT, "rates": [_rate_row(r) for r in found]})
        return
    if as_csv:
        _write_csv(_RATE_COLUMNS, [_rate_row(r) for r in found])
        return
    if not found:
        console.print("no signed projects", highlight=False)
    else:
        rows = [
            (
                r.period,
                r.place,
                str(r.signed),
                f"{r.broke_ground} ({r.ground_rate:.0%})",
                f"{r.producing} ({r.production_rate:.0%})",
                _days(r.days_to_ground),
                _days(r.days_to_production),
            )
            for r in found
        ]
        headers = ("period", "place", "signed", "broke ground", "producing", "days to ground", "days to production")
        print_rows(console, headers, rows)
    console.print(f"note: {CAVEAT}", markup=False, highlight=False)


def _days(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
