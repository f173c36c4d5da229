"""Subscriptions in the workbench: listed masked, added, tested and removed as the CLI does, a real sink receiving."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from starlette.testclient import TestClient

from monitor.alerts.masking import mask_target
from monitor.alerts.subscriptions import SubscriptionSpec, add_subscription
from monitor.demo.sink import AlertSink
from monitor.errors import InputError
from monitor.store import Database
from monitor.workbench.app import create_app
from monitor.workbench.security import CSRF_COOKIE
from tests.workbench.conftest import write_config

SECRET = "s3cr3t-hook-token-0123456789"


@pytest.fixture
def sink() -> Iterator[AlertSink]:
    """A real Apprise json:// sink on 127.0.0.1."""
    with AlertSink() as running:
        yield running


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[TestClient]:
    """A workbench without login (so an editor) on an empty store, with the CSRF cookie fetched."""
    url = f"sqlite:///{tmp_path / 'signwatch.db'}"
    database = Database(url)
    database.upgrade()
    settings = write_config(tmp_path, url)
    with TestClient(create_app(settings, database), base_url="http://127.0.0.1") as client:
        client.get("/subscriptions")
        yield client
    database.dispose()


def _post(client: TestClient, path: str, **fields: str) -> httpx2.Response:
    token = client.cookies.get(CSRF_COOKIE)
    return client.post(path, data={"csrf_token": token or "", **fields}, follow_redirects=False)


def test_added_subscription_is_listed_masked_everywhere(editor: TestClient, sink: AlertSink) -> None:
    target = sink.url(SECRET)
    response = _post(
        editor,
        "/subscriptions",
        name="宝山招商",
        target=target,
        places="上海市 宝山区",
        kinds="signing",
        min_amount="50亿",
        digest="",
    )
    assert response.status_code == 303
    listed = editor.get("/subscriptions?notice=added").text
    assert "已添加订阅" in listed and "宝山招商" in listed
    assert mask_target(target) in listed
    for url in ("/subscriptions", "/subscriptions?format=json", "/subscriptions?format=csv", "/api/v1/subscriptions"):
        assert SECRET not in editor.get(url).text, url
    assert SECRET.encode() not in editor.get("/subscriptions?format=xlsx").content
    [shown] = editor.get("/subscriptions?format=json").json()
    assert shown["places"] == ["上海市", "宝山区"] and shown["kinds"] == ["signing"]
    assert shown["min_amount"] == 5e9 and shown["origin"] == "workbench"


def test_test_sends_a_real_message_and_remove_removes(editor: TestClient, sink: AlertSink) -> None:
    _post(editor, "/subscriptions", name="sink", target=sink.url(SECRET))
    assert _post(editor, "/subscriptions/test", name="sink").status_code == 303
    [message] = sink.received(SECRET)
    assert message.title == "signwatch 测试消息"
    assert _post(editor, "/subscriptions/remove", name="sink").status_code == 303
    assert editor.get("/subscriptions?format=json").json() == []


def test_a_failing_test_message_is_told_masked(editor: TestClient, sink: AlertSink) -> None:
    _post(editor, "/subscriptions", name="flaky", target=sink.url(SECRET))
    sink.fail_next(5)
    failed = _post(editor, "/subscriptions/test", name="flaky")
    text = failed.text
    assert failed.status_code == 400 and "failed" in text and SECRET not in text


# (form fields, the CLI's refusal for the same input)
REFUSALS = [
    ({"target": ""}, SubscriptionSpec(name="x", target="")),
    ({"target": "notaservice://abc"}, SubscriptionSpec(name="x", target="notaservice://abc")),
    (
        {"target": f"json://127.0.0.1:9/{SECRET}", "kinds": "weather"},
        SubscriptionSpec(name="x", target=f"json://127.0.0.1:9/{SECRET}", kinds=("weather",)),
    ),
    (
        {"target": f"json://127.0.0.1:9/{SECRET}", "digest": "hourly"},
        SubscriptionSpec(name="x", target=f"json://127.0.0.1:9/{SECRET}", digest="hourly"),
    ),
    (
        {"target": f"json://127.0.0.1:9/{SECRET}", "min_amount": "lots"},
        SubscriptionSpec(name="x", target=f"json://127.0.0.1:9/{SECRET}", min_amount="lots"),
    ),
]


@pytest.mark.parametrize(("fields", "spec"), REFUSALS)
def test_the_form_refuses_what_the_cli_refuses(
    editor: TestClient, tmp_path: Path, fields: dict[str, str], spec: SubscriptionSpec
) -> None:
    database = Database(f"sqlite:///{tmp_path / 'cli.db'}")
    database.upgrade()
    with pytest.raises(InputError) as refused, database.session() as session:
        add_subscription(session, spec)
    database.dispose()
    response = _post(editor, "/subscriptions", name="x", **fields)
    text = response.text
    assert response.status_code == 400
    problem = re.search(r'<p class="problem" role="alert">(.*?)</p>', text, re.S)
    assert problem is not None
    assert html.unescape(problem.group(1)) == str(refused.value)
    assert SECRET not in text  # the typed URL is not echoed back
    assert editor.get("/subscriptions?format=json").json() == []


def test_config_subscriptions_are_listed_and_cannot_be_removed_here(tmp_path: Path, sink: AlertSink) -> None:
    url = f"sqlite:///{tmp_path / 'signwatch.db'}"
    database = Database(url)
    database.upgrade()
    extra = f'[[subscriptions]]\nname = "from-file"\nurl = "{sink.url(SECRET)}"\n'
    settings = write_config(tmp_path, url, extra)
    with TestClient(create_app(settings, database), base_url="http://127.0.0.1") as client:
        page = client.get("/subscriptions").text
        assert "from-file" in page and "配置文件" in page and SECRET not in page
        refused = _post(client, "/subscriptions/remove", name="from-file")
        assert refused.status_code == 400 and "config file" in refused.text
    database.dispose()
