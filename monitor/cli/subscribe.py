"""``signwatch subscribe add | list | remove | test``: who gets alerts (Apprise URLs, filters, digests)."""

from __future__ import annotations

import typer

from monitor.alerts.backfill import check_backfill_days, queue_backfill
from monitor.alerts.dispatch import Dispatcher
from monitor.alerts.masking import mask_target
from monitor.alerts.policy import AlertPolicy
from monitor.alerts.render import Message, format_minimum
from monitor.alerts.subscriptions import (
    SubscriptionSpec,
    add_subscription,
    default_name,
    describe,
    find_subscription,
    list_subscriptions,
    remove_subscription,
)
from monitor.cli.app import app, console, print_json, settings, synced_database
from monitor.cli.output import print_rows
from monitor.errors import InputError

subscribe_app = typer.Typer(help="Manage who gets alerts (Apprise URLs, filters, digests).", no_args_is_help=True)
app.add_typer(subscribe_app, name="subscribe")


@subscribe_app.command("add")
def subscribe_add(
    target: str = typer.Argument("", metavar="APPRISE_URL", help="Apprise URL(s), or an Apprise config file."),
    name: str = typer.Option("", "--name", help="A name for the subscription (default: service-N)."),
    place: list[str] = typer.Option([], "--place", help="Only events in this division or below (repeatable)."),
    kind: list[str] = typer.Option([], "--kind", help="signing, investment, health or stage (repeatable)."),
    stage: list[str] = typer.Option(
        [], "--stage", help="Tell of projects reaching this stage: 落地, 开工, 竣工, 投产, 达产 (repeatable)."
    ),
    min_amount: str = typer.Option("", "--min-amount", help="Minimum total investment: 50亿, 5000万元, 5e9."),
    keyword: list[str] = typer.Option([], "--keyword", help="Only events whose article mentions this (repeatable)."),
    digest: str = typer.Option("", "--digest", help="One message a day instead: daily@HH:MM."),
    tag: str = typer.Option("", "--tag", help="Notify only this tag of the Apprise config file."),
    backfill: int | None = typer.Option(
        None,
        "--backfill",
        metavar="DAYS",
        help="Also send one digest of the matching events of the last DAYS days (at most alerts.max_event_age_days).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the saved subscription as JSON."),
) -> None:
    """Add a subscription; Apprise checks the URL first (nothing is saved if it cannot use it).

    Alerts follow for events stored from now on; ``--backfill DAYS`` adds
    one digest of the recent past (see the alert policy in the README).
    """
    db = synced_database()
    config = settings()
    policy = AlertPolicy.from_settings(config.alerts)
    if backfill is not None:
        check_backfill_days(backfill, policy.max_event_age_days)  # before anything is saved
    with db.session() as session:
        spec = SubscriptionSpec(
            name=name or default_name(session, target, tag or None),
            target=target,
            tag=tag or None,
            places=tuple(place),
            kinds=tuple(kind),
            keywords=tuple(keyword),
            stages=tuple(stage),
            min_amount=min_amount or None,
            digest=digest or None,
        )
        row = add_subscription(session, spec, config.alerts.apprise_config)
        backfilled = queue_backfill(session, row, backfill, policy) if backfill is not None else None
        shown = describe(row)
    if as_json:
        print_json({**shown, "backfill": backfilled} if backfill is not None else shown)
        return
    console.print(f"added subscription {shown['name']}: {shown['target']}", markup=False)
    if backfilled:
        console.print(
            f"backfill: one digest of {backfilled} event(s) from the last {backfill} day(s) queued"
            " (sent by the next `signwatch alerts send`, `run` or the daemon)",
            markup=False,
        )
    elif backfill is not None:
        console.print(f"backfill: no matching event in the last {backfill} day(s); nothing queued", markup=False)


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
    rows = []
    for entry in shown:
        filters = [*entry["kinds"], *entry["stages"], *entry["places"], *(f"“{k}”" for k in entry["keywords"])]
        if entry["min_amount"]:
            filters.append(format_minimum(entry["min_amount"]))
        rows.append(
            (entry["name"], entry["target"], ", ".join(filters) or "all alerts", entry["digest"] or "", entry["origin"])
        )
    print_rows(console, ("name", "target", "filters", "digest", "from"), rows)


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
