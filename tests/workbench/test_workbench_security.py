"""Who may look and edit, the CSRF tokens, the headers, and where the workbench may listen."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from monitor.errors import ConfigError
from monitor.workbench.app import create_app
from monitor.workbench.passwords import hash_password, verify_password
from monitor.workbench.security import CONTENT_SECURITY_POLICY, CSRF_COOKIE, check_listening, is_loopback
from tests.cli.conftest import one_error, signwatch
from tests.workbench.conftest import Workbench, write_config

VIEWER_PASSWORD = "viewer-password-1"
EDITOR_PASSWORD = "editor-password-2"


def _basic(user: str, password: str) -> dict[str, str]:
    return {"authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


@pytest.fixture(scope="module")
def hashes() -> tuple[str, str]:
    """A viewer's and an editor's password hash (scrypt is slow on purpose: made once)."""
    return hash_password(VIEWER_PASSWORD), hash_password(EDITOR_PASSWORD)


@pytest.fixture
def guarded(workbench: Workbench, hashes: tuple[str, str], tmp_path: Path) -> Iterator[TestClient]:
    """The module's store behind a login with both roles."""
    viewer, editor = hashes
    extra = f'[workbench]\nviewer_password_hash = "{viewer}"\neditor_password_hash = "{editor}"\n'
    settings = write_config(tmp_path, str(workbench.database.url), extra)
    with TestClient(create_app(settings, workbench.database), base_url="http://127.0.0.1") as client:
        yield client


# (host, loopback?)
HOSTS = [
    ("127.0.0.1", True),
    ("127.0.0.2", True),
    ("::1", True),
    ("[::1]", True),
    ("localhost", True),
    ("0.0.0.0", False),
    ("::", False),
    ("192.0.2.10", False),
    ("example.invalid", False),
]


@pytest.mark.parametrize(("host", "loopback"), HOSTS)
def test_only_loopback_listens_without_a_login(workbench: Workbench, host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
    if loopback:
        check_listening(host, workbench.settings.workbench)
    else:
        with pytest.raises(ConfigError, match="needs a login"):
            check_listening(host, workbench.settings.workbench)


def test_serve_refuses_an_open_address_without_a_login_in_one_line(tmp_path: Path) -> None:
    line = one_error(signwatch("serve", "--host", "0.0.0.0", cwd=tmp_path))
    assert line.startswith("signwatch: error: serve: listening on 0.0.0.0 needs a login")


def test_hash_password_prints_a_hash_the_config_takes(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.cli.conftest import ROOT

    made = subprocess.run(
        [sys.executable, "-m", "monitor", "serve", "--hash-password"],
        input="a long enough password\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    stored = made.stdout.strip()
    assert stored.startswith("scrypt$16384$8$1$") and verify_password("a long enough password", stored)
    assert not verify_password("a long enough passwore", stored)
    settings = write_config(
        tmp_path, "sqlite:///x.db", f'[workbench]\nhost = "0.0.0.0"\neditor_password_hash = "{stored}"\n'
    )
    check_listening(settings.workbench.host, settings.workbench)


# (headers, status of GET /events)
LOGINS = [
    ({}, 401),
    (_basic("viewer", "wrong"), 401),
    (_basic("editor", VIEWER_PASSWORD), 401),  # the viewer's password is not the editor's
    ({"authorization": "Basic !!!"}, 401),
    ({"authorization": "Digest x"}, 401),
    (_basic("viewer", VIEWER_PASSWORD), 200),
    (_basic("editor", EDITOR_PASSWORD), 200),
    ({"authorization": f"Bearer {EDITOR_PASSWORD}"}, 200),
]


@pytest.mark.parametrize(("headers", "status"), LOGINS)
def test_every_page_asks_for_a_login_when_one_is_configured(
    guarded: TestClient, headers: dict[str, str], status: int
) -> None:
    for url in ("/events", "/sources?format=json", "/api/v1/events", "/static/workbench.css"):
        response = guarded.get(url, headers=headers)
        assert response.status_code == status, url
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        if status == 401:
            assert response.headers["www-authenticate"].startswith("Basic")


def _csrf(client: TestClient, headers: dict[str, str]) -> str:
    client.get("/subscriptions", headers=headers)
    token = client.cookies.get(CSRF_COOKIE)
    assert token
    return token


def test_a_viewer_sees_subscriptions_but_cannot_change_them(guarded: TestClient) -> None:
    viewer = _basic("viewer", VIEWER_PASSWORD)
    page = guarded.get("/subscriptions", headers=viewer).text
    assert "添加订阅" not in page and "查看者" in page
    token = _csrf(guarded, viewer)
    refused = guarded.post(
        "/subscriptions", headers=viewer, data={"csrf_token": token, "target": "json://127.0.0.1:9/x"}
    )
    assert refused.status_code == 403 and "编辑者" in refused.text


# (form token, cookie token): what an editor's POST carries
CSRF_CASES = [
    ("", "cookie"),  # no field
    ("other", "cookie"),  # a field from another session
    ("cookie", ""),  # no cookie (a cross-site form cannot send a SameSite=Strict one)
]


@pytest.mark.parametrize(("field", "cookie"), CSRF_CASES)
def test_forms_without_the_matching_token_are_refused(guarded: TestClient, field: str, cookie: str) -> None:
    editor = _basic("editor", EDITOR_PASSWORD)
    token = _csrf(guarded, editor)
    guarded.cookies.clear()
    if cookie:
        guarded.cookies.set(CSRF_COOKIE, token)
    data = {"name": "nobody", **({"csrf_token": token if field == "cookie" else field} if field else {})}
    refused = guarded.post("/subscriptions/remove", headers=editor, data=data, follow_redirects=False)
    assert refused.status_code == 403 and "CSRF" in refused.text


def test_the_cookie_is_strict_and_http_only(client: TestClient) -> None:
    client.cookies.clear()
    cookie = client.get("/events").headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
