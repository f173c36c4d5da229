"""``signwatch alerts [send | retry]``: show the outbox, deliver what is due, retry what failed."""

from __future__ import annotations

import typer

from monitor.alerts.dispatch import Dispatcher
from monitor.alerts.outbox import counts, describe_row, outbox_rows, retry_now
from monitor.cli.app import app, console, print_json, settings, synced_database
from monitor.cli.output import print_rows
from monitor.store.alert_models import FAILED, PENDING, SENDING

alerts_app = typer.Typer(help="Show, send and retry queued alerts.", invoke_without_command=True)
app.add_typer(alerts_app, name="alerts")


@alerts_app.callback()
def alerts_list(
    ctx: typer.Context,
    pending: bool = typer.Option(False, "--pending", help="Only alerts waiting to be sent (or being sent)."),
    failed: bool = typer.Option(False, "--failed", help="Only alerts that used up their attempts."),
    limit: int = typer.Option(50, "--limit", help="Show at most this many (newest first)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show queued and sent alerts; subcommands send and retry them."""
    if ctx.invoked_subcommand is not None:
        return
    statuses = [*((PENDING, SENDING) if pending else ()), *((FAILED,) if failed else ())]
    db = synced_database()
    with db.session() as session:
        rows = [describe_row(row) for row in outbox_rows(session, statuses, limit)]
        totals = counts(session)
    if as_json:
        print_json({"counts": totals, "alerts": rows})
        return
    print_rows(
        console,
        ("id", "subscription", "kind", "status", "tries", "alert", "last error"),
        [
            (
                str(row["id"]),
                row["subscription"],
                row["kind"],
                row["status"],
                str(row["attempts"]),
                row["summary"],
                row["last_error"] or "",
            )
            for row in rows
        ],
    )
    console.print(", ".join(f"{status} {n}" for status, n in totals.items()), markup=False)


@alerts_app.command("send")
def alerts_send(as_json: bool = typer.Option(False, "--json", help="Print the report as JSON.")) -> None:
    """Deliver every alert that is due now (digests when their time has come)."""
    db = synced_database()
    report = Dispatcher(db, settings().alerts).deliver_due()
    if as_json:
        print_json(report.to_json())
        return
    console.print(
        f"sent {report.messages} message(s) for {report.sent} alert(s); "
        f"{report.retrying} to retry, {report.failed} failed",
        markup=False,
    )
    for error in report.errors:
        console.print(f"  {error}", markup=False)


@alerts_app.command("retry")
def alerts_retry() -> None:
    """Make failed alerts, and alerts waiting out a backoff, due again now."""
    db = synced_database()
    with db.session() as session:
        count = retry_now(session)
    console.print(f"{count} alert(s) due again; run: signwatch alerts send", markup=False)
