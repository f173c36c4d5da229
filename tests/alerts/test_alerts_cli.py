"""``signwatch subscribe`` and ``signwatch alerts`` as a user runs them, against a real sink."""

from __future__ import annotations

import json
import socket
import subprocess
from pathlib import Path

import pytest

from monitor.archive.files import Archive
from monitor.demo.sink import AlertSink
from monitor.store import Database
from tests.alerts.alerts_helpers import NOW, fresh_signing, json_of, seed_article, signwatch, store

SECRET = "AAHtopSecretToken42"
pytestmark = pytest.mark.slow


def test_subscribe_and_alerts_commands(tmp_path: Path, sink: AlertSink) -> None:
    (tmp_path / "signwatch.toml").write_text(
        'data_dir = "data"\n[alerts]\nmax_attempts = 2\n'
        f'[[subscriptions]]\nname = "from-config"\nurl = "{sink.url("config")}"\nplaces = ["上海"]\n',
        encoding="utf-8",
    )
    refused = signwatch("subscribe", "add", f"nosuchservice://{SECRET}", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.startswith("signwatch: error: Apprise cannot use") and SECRET not in refused.stderr
    assert [s["name"] for s in json_of("subscribe", "list", cwd=tmp_path)] == ["from-config"]

    added = signwatch(
        "subscribe",
        "add",
        f"tgram://123456:{SECRET}/789",
        "--name",
        "phone",
        "--place",
        "江苏省",
        "--min-amount",
        "50亿",
        "--kind",
        "signing",
        cwd=tmp_path,
    )
    assert added.returncode == 0, added.stderr
    assert signwatch("subscribe", "add", sink.url("mine"), "--name", "mine", cwd=tmp_path).returncode == 0
    listing = signwatch("subscribe", "list", cwd=tmp_path)
    listed = json_of("subscribe", "list", cwd=tmp_path)
    assert SECRET not in listing.stdout and SECRET not in json.dumps(listed)
    assert {s["name"]: s["places"] for s in listed} == {
        "from-config": ["上海市"],
        "mine": [],
        "phone": ["江苏省"],
    }

    assert signwatch("subscribe", "test", "mine", cwd=tmp_path).returncode == 0
    assert [m.title for m in sink.received("mine")] == ["signwatch 测试消息"]
    sink.clear()

    db = Database(f"sqlite:///{tmp_path / 'data' / 'signwatch.db'}")
    store(db, Archive(tmp_path / "data" / "archive"), seed_article(3), "https://d.example/jinshan.html")
    db.dispose()
    pending = json_of("alerts", "--pending", cwd=tmp_path)
    assert {a["subscription"] for a in pending["alerts"]} == {"from-config", "mine"}

    sink.fail_next(1)
    report = json_of("alerts", "send", cwd=tmp_path)
    assert report == {"messages": 1, "sent": 1, "retrying": 1, "failed": 0, "errors": report["errors"]}
    retried = signwatch("alerts", "retry", cwd=tmp_path)
    assert retried.stdout.startswith("1 alert(s) due again")
    assert json_of("alerts", "send", cwd=tmp_path)["messages"] == 1
    assert len(sink.received("mine")) == len(sink.received("config")) == 1
    assert json_of("alerts", "--failed", cwd=tmp_path)["alerts"] == []
    shown = json_of("alerts", cwd=tmp_path)
    assert shown["counts"]["sent"] == 2

    kept = signwatch("subscribe", "remove", "from-config", cwd=tmp_path)
    assert kept.returncode == 2 and "config file" in kept.stderr
    assert signwatch("subscribe", "remove", "phone", cwd=tmp_path).returncode == 0
    missing = signwatch("subscribe", "remove", "phone", cwd=tmp_path)
    assert missing.returncode == 2 and "no subscription called 'phone'" in missing.stderr


PATH_TOKEN = "sw_live_7Hq2ZpX9fK3mV8tR"  # a webhook whose path is its secret


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_webhook_path_token_never_shows_in_any_output(tmp_path: Path, sink: AlertSink) -> None:
    (tmp_path / "signwatch.toml").write_text('data_dir = "data"\n[alerts]\nmax_attempts = 1\n', encoding="utf-8")
    hook = sink.url(f"hooks/{PATH_TOKEN}")
    dead = f"json://127.0.0.1:{closed_port()}/hooks/{PATH_TOKEN}"  # every post to it fails
    ran: list[subprocess.CompletedProcess[str]] = []

    def run(*args: str, status: int = 0) -> subprocess.CompletedProcess[str]:
        done = signwatch(*args, cwd=tmp_path)
        ran.append(done)
        assert done.returncode == status, (args, done.stdout, done.stderr)
        return done

    run("subscribe", "add", hook, "--name", "hook")
    run("subscribe", "add", hook, "--name", "hook-json", "--json")
    run("subscribe", "add", dead, "--name", "dead", "--backfill", "3")
    # refusals: each one line on stderr, the target (if named) masked
    run("subscribe", "add", hook, "--name", "hook", status=2)
    run("subscribe", "add", hook, "--min-amount", "-5亿", status=2)
    run("subscribe", "add", hook, "--place", "火星", status=2)
    run("subscribe", "add", hook, "--backfill", "99", status=2)
    run("subscribe", "add", f"nosuchservice://127.0.0.1/{PATH_TOKEN}", status=2)
    run("subscribe", "add", f"{hook} nosuchservice://127.0.0.1/{PATH_TOKEN}", status=2)
    listing = run("subscribe", "list")
    assert "json://127.0.0.1:" in listing.stdout and "/h...s/s...R" in listing.stdout
    run("subscribe", "list", "--json")
    run("subscribe", "test", "hook")
    failed_test = run("subscribe", "test", "dead", status=2)
    assert failed_test.stderr.startswith("signwatch: error: test message to json://127.0.0.1:")

    db = Database(f"sqlite:///{tmp_path / 'data' / 'signwatch.db'}")
    store(db, Archive(tmp_path / "data" / "archive"), fresh_signing(), "https://d.example/fresh.html", policy=NOW)
    db.dispose()
    run("alerts")
    pending = json_of("alerts", "--pending", cwd=tmp_path)
    assert {a["subscription"] for a in pending["alerts"]} == {"hook", "hook-json", "dead"}
    assert all(a["target"].endswith("/h...s/s...R") for a in pending["alerts"])
    run("alerts", "--json")
    sink.fail_next(1)
    run("alerts", "send")
    run("alerts", "retry")
    run("alerts", "send", "--json")
    run("alerts", "--failed", "--json")
    run("alerts", "--failed")
    run("subscribe", "remove", "hook-json")

    # the posts went to the secret path; nothing printed it
    assert len(sink.received(f"hooks/{PATH_TOKEN}")) == 3  # the test message and two alerts
    for done in ran:
        assert PATH_TOKEN not in done.stdout + done.stderr, done.args


def test_subscribe_add_with_backfill_sends_one_digest(tmp_path: Path, sink: AlertSink) -> None:
    (tmp_path / "signwatch.toml").write_text('data_dir = "data"\n', encoding="utf-8")
    assert json_of("subscribe", "list", cwd=tmp_path) == []  # creates the store
    db = Database(f"sqlite:///{tmp_path / 'data' / 'signwatch.db'}")
    archive = Archive(tmp_path / "data" / "archive")
    store(db, archive, fresh_signing("金山区", "86亿元", days_ago=1), "https://d.example/1.html", policy=NOW)
    store(db, archive, fresh_signing("宝山区", "40亿元", days_ago=3), "https://d.example/3.html", policy=NOW)
    store(db, archive, fresh_signing("嘉定区", "30亿元", days_ago=30), "https://d.example/30.html", policy=NOW)
    db.dispose()
    plain = signwatch("subscribe", "add", sink.url("late"), "--name", "late", cwd=tmp_path)
    assert plain.returncode == 0 and "backfill" not in plain.stdout
    added = json_of("subscribe", "add", sink.url("week"), "--name", "week", "--backfill", "7", cwd=tmp_path)
    assert added["name"] == "week" and added["backfill"] == 2
    told = signwatch("subscribe", "add", sink.url("day"), "--name", "day", "--backfill", "1", cwd=tmp_path)
    assert "backfill: one digest of 1 event(s) from the last 1 day(s) queued" in told.stdout
    pending = json_of("alerts", "--pending", cwd=tmp_path)["alerts"]
    assert sorted((a["subscription"], a["kind"], a["summary"]) for a in pending) == [
        ("day", "backfill", "近1天汇总:1条"),
        ("week", "backfill", "近7天汇总:2条"),
    ]
    assert json_of("alerts", "send", cwd=tmp_path)["messages"] == 2
    assert [m.title for m in sink.received("week")] == ["signwatch 汇总 近7天:2条"]
    assert sink.received("late") == []  # without --backfill, the past stays past
    refused = signwatch("subscribe", "add", sink.url("x"), "--name", "x", "--backfill", "15", cwd=tmp_path)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "x" not in [s["name"] for s in json_of("subscribe", "list", cwd=tmp_path)]  # nothing saved
