"""Subscriptions: Apprise validates targets, secrets never show, the config file syncs in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from monitor.alerts.masking import mask_target, scrub
from monitor.alerts.outbox import queue_health
from monitor.alerts.subscriptions import describe, list_subscriptions, sync_config_subscriptions
from monitor.config import SubscriptionSettings
from monitor.demo.sink import AlertSink
from monitor.errors import ConfigError, InputError
from monitor.store import Database
from monitor.store.alert_models import Subscription
from tests.alerts.alerts_helpers import deliver, subscribe

SECRET_URLS = [
    ("tgram://123456789:AAHsecretBotTokenXYZ/987654321", "AAHsecretBotTokenXYZ"),
    ("json://alice:hunter2pass@127.0.0.1:9/hook", "hunter2pass"),
    ("mailto://bob:mailSecret99@example.com", "mailSecret99"),
    # Webhooks whose path is the secret: Apprise's privacy mode shows these whole.
    ("json://127.0.0.1:9/hooks/sw_live_7Hq2ZpX9fK3mV8tR", "sw_live_7Hq2ZpX9fK3mV8tR"),
    ("jsons://hooks.example.com/T0K3N-abcdef123456", "T0K3N-abcdef123456"),
    ("xml://127.0.0.1:9/xmlSecretPath99", "xmlSecretPath99"),
    ("xmls://hooks.example.com/xmlsToken4242", "xmlsToken4242"),
    ("form://127.0.0.1:9/formSecret777", "formSecret777"),
    ("forms://hooks.example.com/a/b/formsToken31337", "formsToken31337"),
    ("ntfy://ntfy.example.com/privateTopic42", "privateTopic42"),
]


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("json://127.0.0.1:9/hooks/sw_live_7Hq2ZpX9fK3mV8tR", "json://127.0.0.1:9/h...s/s...R"),
        ("form://hooks.example.com:8443/formSecret777?x=1", "form://hooks.example.com:8443/f...7"),
        ("json://127.0.0.1:9/ab", "json://127.0.0.1:9/****"),  # too short to show its ends
        ("json://127.0.0.1:9", "json://127.0.0.1:9/"),
        ("tgram://123456789:AAHsecretBotTokenXYZ/987654321", "tgram://1...Z/9...1/"),  # Apprise's mask kept
        ("discord://webhookid1234/webhooktokenABCDEF", "discord://w...4/w...F/"),
        ("nosuchservice://host/SECRETPATH", "nosuchservice://<unreadable URL>"),
    ],
)
def test_urls_are_masked_path_included(url: str, shown: str) -> None:
    assert mask_target(url) == shown


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("nosuchservice://abc", "invalid URL or unsupported service"),
        ("tgram://", "invalid URL or unsupported service"),
        ("not a url at all", "neither an Apprise URL"),
        ("", "needs an Apprise URL"),
    ],
)
def test_invalid_targets_are_refused_and_nothing_is_saved(db: Database, target: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        subscribe(db, "bad", target)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Subscription)) == 0


@pytest.mark.parametrize(("url", "secret"), SECRET_URLS)
def test_secrets_never_show(db: Database, url: str, secret: str) -> None:
    subscribe(db, "s", url)
    with db.session() as session:
        shown = json.dumps([describe(row) for row in list_subscriptions(session)], ensure_ascii=False)
    assert secret not in shown
    assert url.split("://")[0] + "://" in shown
    assert secret not in mask_target(url)
    assert secret not in scrub(f"failed posting to {url} with {secret}", url)


def test_refusal_messages_mask_the_url(db: Database) -> None:
    with pytest.raises(InputError) as refused:
        subscribe(db, "s", "tgram://123:AAHsecret/1 nosuchservice://topsecret")
    assert "topsecret" not in str(refused.value) and "AAHsecret" not in str(refused.value)


def test_an_apprise_config_file_and_its_tags(db: Database, tmp_path: Path, sink: AlertSink) -> None:
    config = tmp_path / "apprise.yml"
    config.write_text(
        f"urls:\n  - {sink.url('team')}:\n    - tag: team\n  - {sink.url('boss')}:\n    - tag: boss\n",
        encoding="utf-8",
    )
    subscribe(db, "team", str(config), tag="team", kinds=("health",))
    with pytest.raises(InputError, match="no service"):
        subscribe(db, "nobody", str(config), tag="nobody")
    with db.session() as session:
        queue_health(session, "health:test", {"state": "down", "source": "s1", "reason": "连续3次抓取失败"})
    assert deliver(db).messages == 1
    assert [m.title for m in sink.received("team")] == ["【源异常】s1"]
    assert sink.received("boss") == []


def test_config_subscriptions_sync(db: Database, sink: AlertSink) -> None:
    entries = [
        SubscriptionSettings(name="cfg-sh", url=sink.url("sh"), places=["上海"], min_amount=1e9),
        SubscriptionSettings(name="cfg-all", url=sink.url("all"), digest="daily@08:30"),
    ]
    with db.session() as session:
        assert sorted(sync_config_subscriptions(session, entries)) == ["cfg-all", "cfg-sh"]
    with db.session() as session:
        assert sync_config_subscriptions(session, entries) == []  # unchanged
        [sh] = [describe(r) for r in list_subscriptions(session) if r.name == "cfg-sh"]
        assert sh["places"] == ["上海市"] and sh["origin"] == "config"
    with db.session() as session:
        assert sync_config_subscriptions(session, entries[1:]) == ["cfg-sh"]  # removed from the file
        assert [r.name for r in list_subscriptions(session)] == ["cfg-all"]
    bad = [SubscriptionSettings(name="oops", url="nosuchservice://x")]
    with db.session() as session, pytest.raises(ConfigError, match=r"subscriptions\[0\] \(oops\)"):
        sync_config_subscriptions(session, bad)


def test_digest_and_kind_options_are_checked(db: Database, sink: AlertSink) -> None:
    with pytest.raises(InputError, match="daily@HH:MM"):
        subscribe(db, "d", sink.url(), digest="weekly")
    with pytest.raises(InputError, match="--kind"):
        subscribe(db, "k", sink.url(), kinds=("gossip",))
    subscribe(db, "ok", sink.url(), digest="daily@7:05", kinds=("Signing",))
    with pytest.raises(InputError, match="exists already"):
        subscribe(db, "ok", sink.url())
