"""``signwatch subscribe …`` and ``signwatch alerts …``: subscriptions and the outbox."""

from __future__ import annotations

import typer
from rich.table import Table

from monitor.alerts.dispatch import Dispatcher
from monitor.alerts.masking import mask_target
from monitor.alerts.outbox import counts, describe_row, outbox_rows, retry_now
from monitor.alerts.render import Message
from monitor.alerts.subscriptions import (
    SubscriptionSpec,
    add_subscription,
    default_name,
    describe,
    find_subscription,
    list_subscriptions,
    remove_subscription,
    sync_config_subscriptions,
)
from monitor.cli.app import app, console, database, print_json, settings
from monitor.errors import InputError
from monitor.store import Database
from monitor.store.alert_models import FAILED, PENDING, SENDING

subscribe_app = typer.Typer(help="Manage who gets alerts (Apprise URLs, filters, digests).", no_args_is_help=True)
alerts_app = typer.Typer(help="Show, send and retry queued alerts.", invoke_without_command=True)
app.add_typer(subscribe_app, name="subscribe")
app.add_typer(alerts_app, name="alerts")


def synced_database() -> Database:
    """The store, with the config file's ``[[subscriptions]]`` copied in."""
    db: Database = database()
    config = settings()
    with db.session() as session:
        sync_config_subscriptions(session, config.subscriptions, config.alerts.apprise_config)
    return db


@subscribe_app.command("add")
def subscribe_add(
    target: str = typer.Argument("", metavar="APPRISE_URL", help="Apprise URL(s), or an Apprise config file."),
    name: str = typer.Option("", "--name", help="A name for the subscription (default: service-N)."),
    place: list[str] = typer.Option([], "--place", help="Only events in this division or below (repeatable)."),
    kind: list[str] = typer.Option([], "--kind", help="signing, investment or health (repeatable)."),
    min_amount: str = typer.Option("", "--min-amount", help="Minimum total investment: 50亿, 5000万元, 5e9."),
    keyword: list[str] = typer.Option([], "--keyword", help="Only events whose article mentions this (repeatable)."),
    digest: str = typer.Option("", "--digest", help="One message a day instead: daily@HH:MM."),
    tag: str = typer.Option("", "--tag", help="Notify only this tag of the Apprise config file."),
    as_json: bool = typer.Option(False, "--json", help="Print the saved subscription as JSON."),
) -> None:
    """Add a subscription; Apprise checks the URL first (nothing is saved if it cannot use it)."""
    db = synced_database()
    config = settings()
    with db.session() as session:
        spec = SubscriptionSpec(
            name=name or default_name(session, target, tag or None),
            target=target,
            tag=tag or None,
            places=tuple(place),
            kinds=tuple(kind),
            keywords=tuple(keyword),
            min_amount=min_amount or None,
            digest=digest or None,
        )
        row = add_subscription(session, spec, config.alerts.apprise_config)
        shown = describe(row)
    if as_json:
        print_json(shown)
    else:
        console.print(f"added subscription {shown['name']}: {shown['target']}", markup=False)


@subscribe_app.command("list")
def subscribe_list(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List subscriptions (URLs masked the way Apprise's privacy mode prints them)."""
    db = synced_database()
    with db.session() as session:
        shown = [describe(row) for row in list_subscriptions(session)]
    if as_json:
        print_json(shown)
        return
    if not shown:
        console.print("no subscriptions (add one with: signwatch subscribe add APPRISE_URL)", markup=False)
        return
    table = Table("name", "target", "filters", "digest", "from")
    for entry in shown:
        filters = [*entry["kinds"], *entry["places"], *(f"“{k}”" for k in entry["keywords"])]
        if entry["min_amount"]:
            filters.append(f"≥{entry['min_amount']:g}元")
        table.add_row(
            entry["name"], entry["target"], ", ".join(filters) or "all alerts", entry["digest"] or "", entry["origin"]
        )
    console.print(table)


@subscribe_app.command("remove")
def subscribe_remove(name: str = typer.Argument(..., help="The subscription's name.")) -> None:
    """Remove a subscription and its queued alerts."""
    db = synced_database()
    with db.session() as session:
        row = find_subscription(session, name)
        if row.origin == "config":
            raise InputError(f"{name!r} is declared in the config file; remove it there")
        remove_subscription(session, name)
    console.print(f"removed subscription {name}", markup=False)


@subscribe_app.command("test")
def subscribe_test(name: str = typer.Argument(..., help="The subscription's name.")) -> None:
    """Send a test message to a subscription now (not through the outbox)."""
    db = synced_database()
    with db.session() as session:
        row = find_subscription(session, name)
    dispatcher = Dispatcher(db, settings().alerts)
    message = Message("signwatch 测试消息", f"订阅“{row.name}”可以收到 signwatch 的提醒。")
    ok, error = dispatcher.send(row, message)
    if not ok:
        raise InputError(f"test message to {mask_target(row.target, row.tag)} failed: {error}")
    console.print(f"test message sent to {mask_target(row.target, row.tag)}", markup=False)


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
    table = Table("id", "subscription", "kind", "status", "tries", "alert", "last error")
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["subscription"],
            row["kind"],
            row["status"],
            str(row["attempts"]),
            row["summary"],
            row["last_error"] or "",
        )
    console.print(table)
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
