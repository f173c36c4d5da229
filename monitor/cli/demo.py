"""``signwatch demo``: the whole job offline, on the bundled mirror and a local alert sink."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from monitor.cli.app import app, console, print_json
from monitor.cli.output import print_rows

if TYPE_CHECKING:
    from monitor.config import Settings
    from monitor.store import Database


@app.command("demo")
def demo_command(
    data_dir: Path | None = typer.Option(
        None, "--data-dir", help="Keep the demo's data here (default: a temporary directory)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
    serve: bool = typer.Option(
        False, "--serve", help="Then keep the workbench open on the demo's data (http://127.0.0.1:8000/)."
    ),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="The workbench's port with --serve."),
) -> None:
    """Run the whole job offline: mirror, crawl, extract, alert; publish, run again, only new events alert."""
    from monitor.demo.tour import PassReport, run_demo

    if serve and as_json:
        from monitor.errors import InputError

        raise InputError("choose one of --json and --serve")

    def show(number: int, result: PassReport) -> None:
        if as_json:
            return
        console.print(
            f"pass {number}: new articles {result.new_articles}, duplicates {result.duplicates}, "
            f"revisions {result.revisions}, events {result.events}, alerts {result.alerts}",
            markup=False,
        )
        for message in result.received:
            # One line per alert: the event line of the message, printed
            # literally (it carries scraped text).
            first = next((line for line in message.body.splitlines() if line.strip()), message.title)
            console.print(f"  sink received: {first}", markup=False, highlight=False, soft_wrap=True)
        if number == 1:
            console.print("publishing on the mirror: one new signing, one repost of a known one", markup=False)

    if not as_json:
        console.print("signwatch demo: mirror and alert sink on 127.0.0.1, two passes", markup=False)
    then: Callable[[Settings, Database], None] | None = None
    if serve:
        from monitor.cli.serve import run_workbench

        def then(demo_settings: Settings, db: Database) -> None:
            # While the mirror and the sink still answer: links to originals and subscription tests work.
            run_workbench(demo_settings, db, "127.0.0.1", port)

    report = run_demo(data_dir, on_pass=show, then=then)
    if as_json:
        print_json(report.to_json())
        return
    rows: list[tuple[str, ...]] = []
    for event in report.events:
        place = event["place"]
        # Municipalities repeat themselves as province and city (上海市上海市宝山区).
        names = dict.fromkeys(p for p in (place.get("province"), place.get("city"), place.get("county")) if p)
        amount = event.get("amount") or {}
        rows.append(
            (
                "".join(names),
                str(event.get("date") or event.get("reported_on") or ""),
                str(event.get("kind") or ""),
                str(event.get("projects") or ""),
                format_yuan(amount),
                str((event.get("article") or {}).get("source") or ""),
            )
        )
    print_rows(console, ("place", "date", "kind", "projects", "amount", "source"), rows, title="events stored")
    if data_dir is not None:
        console.print(f"data kept in {report.data_dir}", markup=False)


def format_yuan(amount: dict[str, object]) -> str:
    """An amount as analysts write it: 超500亿元."""
    from monitor.alerts.alert_event import Amount
    from monitor.alerts.render import format_amount

    value = amount.get("value")
    if not isinstance(value, int | float):
        return ""
    maximum = amount.get("max")
    return format_amount(
        Amount(
            value=float(value),
            maximum=float(maximum) if isinstance(maximum, int | float) else None,
            qualifier=str(amount.get("qualifier") or "exact"),
            currency=str(amount.get("currency") or "CNY"),
        )
    )
