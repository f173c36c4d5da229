"""Benchmark: the outbox dispatcher beside a bare Apprise notify loop and a bare HTTP post loop.

Each round delivers ``--rows`` messages three ways to one local sink (a child
process on 127.0.0.1, so its work does not share our interpreter):

- ``dispatcher``: ``--rows`` pending outbox rows in a fresh store, delivered by
  ``Dispatcher.deliver_due`` (claim, render, Apprise notify, mark: two short
  transactions per message);
- ``apprise``: the same rendered message through one Apprise object in a loop;
- ``http``: the same JSON posted with ``http.client`` over one keep-alive connection.

Reported: medians over ``--rounds`` of messages/s and ms/message, and the
dispatcher's per-message overhead beyond a bare Apprise notify and beyond a
bare HTTP post.

Run: .venv/bin/python bench/bench_dispatch.py [--rows 10000] [--rounds 3] [--database-url URL]
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import apprise
from sqlalchemy import insert

from monitor.alerts.alert_event import AlertEvent, Amount
from monitor.alerts.dispatch import Dispatcher
from monitor.alerts.render import Templates
from monitor.config import AlertSettings
from monitor.store import Database
from monitor.store.alert_models import OutboxRow, Subscription
from monitor.store.base import utcnow

EVENT = AlertEvent(
    kind="signing",
    label="集中签约",
    province="上海市",
    city="上海市",
    county="宝山区",
    date="2021-08-26",
    projects=100,
    amount=Amount(5e10, None, "CNY", "more_than"),
    title="宝山区举行2021年重大产业项目集中签约仪式",
    source="bs-cfw",
    url="https://www.bs-cfw.com/post/1234.html",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_sink(port: int) -> subprocess.Popen[bytes]:
    """The sink in a child process; returns once it accepts connections."""
    child = subprocess.Popen(
        [sys.executable, "-m", "monitor.demo.sink", "--port", str(port), "--quiet"], stderr=subprocess.DEVNULL
    )
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return child
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("sink did not start")


def fill_outbox(url: str, target: str, rows: int) -> Database:
    """A fresh store with ``rows`` pending outbox rows for one subscription."""
    db = Database(url)
    db.upgrade()
    payload = EVENT.to_payload()
    with db.session() as session:
        subscription = Subscription(name="bench", target=target, places=[], kinds=[], keywords=[])
        session.add(subscription)
        session.flush()
        now = utcnow() - timedelta(seconds=1)
        session.execute(
            insert(OutboxRow),
            [
                {
                    "subscription_id": subscription.id,
                    "cluster_id": None,
                    "alert_key": f"bench:{i}",
                    "kind": "signing",
                    "payload": payload,
                    "batch": False,
                    "status": "pending",
                    "attempts": 0,
                    "due_at": now,
                    "created_at": now,
                }
                for i in range(rows)
            ],
        )
    return db


def run_dispatcher(db_url: str, target: str, rows: int) -> float:
    db = fill_outbox(db_url, target, rows)
    started = time.perf_counter()
    report = Dispatcher(db, AlertSettings()).deliver_due()
    elapsed = time.perf_counter() - started
    db.dispose()
    assert report.messages == rows, report
    return elapsed


def run_apprise(target: str, rows: int) -> float:
    message = Templates().event(EVENT)
    notifier = apprise.Apprise()
    notifier.add(target)
    started = time.perf_counter()
    for _ in range(rows):
        assert notifier.notify(body=message.body, title=message.title, body_format=apprise.NotifyFormat.TEXT)
    return time.perf_counter() - started


def run_http(port: int, rows: int) -> float:
    message = Templates().event(EVENT)
    body = json.dumps({"version": "1.0", "title": message.title, "message": message.body, "type": "info"}).encode()
    connection = http.client.HTTPConnection("127.0.0.1", port)
    started = time.perf_counter()
    for _ in range(rows):
        connection.request("POST", "/http", body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        assert response.status == 200
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file per round")
    args = parser.parse_args()
    port = free_port()
    sink = start_sink(port)
    target = f"json://127.0.0.1:{port}/bench"
    times: dict[str, list[float]] = {"dispatcher": [], "apprise": [], "http": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for round_number in range(args.rounds):
                db_url = args.database_url or f"sqlite:///{Path(tmp) / f'round{round_number}.db'}"
                times["dispatcher"].append(run_dispatcher(db_url, target, args.rows))
                times["apprise"].append(run_apprise(target, args.rows))
                times["http"].append(run_http(port, args.rows))
                print(
                    f"round {round_number + 1}: " + ", ".join(f"{k} {v[-1]:.2f}s" for k, v in times.items()),
                    file=sys.stderr,
                )
    finally:
        sink.terminate()
        sink.wait()
    per_message = {name: statistics.median(values) / args.rows * 1000 for name, values in times.items()}
    print(f"{args.rows} messages, {args.rounds} rounds, medians:")
    print("| path | messages/s | ms/message |")
    print("| --- | ---: | ---: |")
    for name, ms in per_message.items():
        print(f"| {name} | {1000 / ms:,.0f} | {ms:.3f} |")
    over_apprise = per_message["dispatcher"] - per_message["apprise"]
    over_http = per_message["dispatcher"] - per_message["http"]
    print(
        f"dispatcher overhead beyond a bare Apprise notify: {over_apprise:.3f} ms/message "
        f"({per_message['dispatcher'] / per_message['apprise']:.2f}x)"
    )
    print(
        f"dispatcher overhead beyond a bare HTTP post: {over_http:.3f} ms/message "
        f"({per_message['dispatcher'] / per_message['http']:.2f}x)"
    )


if __name__ == "__main__":
    main()
