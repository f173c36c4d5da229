"""``signwatch subscribe`` and ``signwatch alerts`` as a user runs them, against a real sink."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from monitor.archive.files import Archive
from monitor.demo.sink import AlertSink
from monitor.store import Database
from tests.alerts.alerts_helpers import seed_article, store

SECRET = "AAHtopSecretToken42"
pytestmark = pytest.mark.slow


def signwatch(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SIGNWATCH_")}
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(cwd / "signwatch.toml"), *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def json_of(*args: str, cwd: Path) -> Any:
    done = signwatch(*args, "--json", cwd=cwd)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


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
