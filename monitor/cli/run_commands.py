"""Running signwatch: ``run`` (one pass, for cron) and ``daemon`` (APScheduler, for systemd)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from monitor.cli.app import app, console, database, print_json, settings, state_config_path
from monitor.errors import PassLocked
from monitor.logs import setup_logging
from monitor.running.lock import PassLock


@app.command("run")
def run_command(
    as_json: bool = typer.Option(False, "--json", help="Print one JSON summary."),
) -> None:
    """One pass for cron: crawl the sources that are due, extract, alert, print a summary."""
    current = settings()
    setup_logging("WARNING" if as_json else "INFO")
    try:
        with PassLock(current.data_path / "run.lock"):
            from monitor.running.passes import run_pass

            summary = run_pass(current, database())
    except PassLocked as busy:
        # Not an error: the previous pass is still working on it.
        sys.stderr.write(f"signwatch: {busy}\n")
        raise typer.Exit(0) from None
    if as_json:
        print_json(summary.to_json())
        return
    table = Table("source", "status", "new", "revisions", "duplicates", "errors")
    for outcome in summary.crawled:
        table.add_row(
            outcome.source,
            outcome.status,
            str(outcome.new_articles),
            str(outcome.revisions),
            str(outcome.duplicates),
            str(outcome.errors),
        )
    if summary.crawled:
        console.print(table)
    console.print(
        f"crawled: {len(summary.crawled)}  not due: {len(summary.not_due)}  "
        f"alerts delivered: {summary.delivered}  delivery failures: {summary.delivery_failures}",
        markup=False,
    )
    if any(outcome.status != "ok" for outcome in summary.crawled):
        raise typer.Exit(1)


@app.command("daemon")
def daemon_command(
    grace: float = typer.Option(30.0, "--grace", min=0, help="Seconds running crawls get to finish on SIGTERM."),
    delivery_interval: float = typer.Option(60.0, "--delivery-interval", min=1, help="Seconds between outbox runs."),
    startup_window: float = typer.Option(
        45.0, "--startup-window", min=0, help="New and overdue sources start spread over this many seconds."
    ),
) -> None:
    """Run the scheduler: one job per source, plus outbox delivery every minute."""
    from monitor.running.daemon import Daemon

    setup_logging()
    daemon = Daemon(
        state_config_path(), grace=grace, delivery_interval=delivery_interval, startup_window=startup_window
    )
    raise typer.Exit(daemon.serve())


@app.command("demo")
def demo_command(
    data_dir: Path | None = typer.Option(
        None, "--data-dir", help="Keep the demo's data here (default: a temporary directory)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
) -> None:
    """Run the whole job offline: mirror, crawl, extract, alert; publish, run again, only new events alert."""
    from monitor.demo.tour import PassReport, run_demo

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
    report = run_demo(data_dir, on_pass=show)
    if as_json:
        print_json(report.to_json())
        return
    table = Table("place", "date", "kind", "projects", "amount", "source", title="events stored")
    for event in report.events:
        place = event["place"]
        # Municipalities repeat themselves as province and city (上海市上海市宝山区).
        names = dict.fromkeys(p for p in (place.get("province"), place.get("city"), place.get("county")) if p)
        amount = event.get("amount") or {}
        table.add_row(
            escape("".join(names)),
            escape(str(event.get("date") or event.get("reported_on") or "")),
            escape(str(event.get("kind") or "")),
            str(event.get("projects") or ""),
            escape(format_yuan(amount)),
            escape(str((event.get("article") or {}).get("source") or "")),
        )
    console.print(table)
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
