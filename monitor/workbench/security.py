"""Who may look and who may edit, CSRF tokens on forms, and the headers every response carries.

* Listening: only the loopback addresses without a login (``check_listening``).
* Login: with a hash in ``[workbench]`` every request needs HTTP Basic (user
  ``viewer`` or ``editor``) or a Bearer token whose password matches the hash;
  without one, whoever reaches 127.0.0.1 is an editor.
* CSRF: a random token in a SameSite=Strict cookie, repeated in a hidden field
  of every form; a POST whose field differs from its cookie is refused.
* Headers: a Content-Security-Policy that lets nothing run or load but the
  workbench's own stylesheet (a script smuggled into a scraped title could
  not run even if escaping failed), no sniffing, no referrer, no framing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from monitor.config import WorkbenchSettings
from monitor.errors import ConfigError
from monitor.workbench.passwords import verify_password

ROLES = ("viewer", "editor")
CSRF_COOKIE = "signwatch_csrf"
CSRF_FIELD = "csrf_token"
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_listening(host: str, workbench: WorkbenchSettings) -> None:
    """Refuse (ConfigError, one line) to listen beyond loopback without a login configured."""
    if not is_loopback(host) and not workbench.has_auth:
        raise ConfigError(
            f"serve: listening on {host} needs a login: set workbench.viewer_password_hash or"
            " workbench.editor_password_hash (made by `signwatch serve --hash-password`), or listen on 127.0.0.1"
        )


@dataclass
class Login:
    """Checks credentials against the configured hashes; remembers those that passed (scrypt is slow on purpose)."""

    workbench: WorkbenchSettings

    def __post_init__(self) -> None:
        self._passed: dict[bytes, str] = {}

    def role_for(self, authorization: str | None) -> str | None:
        """The role the Authorization header proves (None: no proof); everyone is an editor without a login."""
        if not self.workbench.has_auth:
            return "editor"
        secret, user = _credentials(authorization)
        if secret is None:
            return None
        digest = hashlib.sha256(f"{user}\0{secret}".encode()).digest()
        if digest in self._passed:
            return self._passed[digest]
        role = self._check(secret, user)
        if role is not None:
            if len(self._passed) > 1000:  # bounded: a memo, not a store
                self._passed.clear()
            self._passed[digest] = role
        return role

    def _check(self, secret: str, user: str | None) -> str | None:
        hashes = {"editor": self.workbench.editor_password_hash, "viewer": self.workbench.viewer_password_hash}
        for role in ("editor", "viewer"):
            if user not in (None, role) or not hashes[role]:
                continue
            if verify_password(secret, hashes[role]):
                return role
        return None


def _credentials(authorization: str | None) -> tuple[str | None, str | None]:
    """(password or token, Basic user or None) from an Authorization header."""
    if not authorization:
        return None, None
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip(), None
    if scheme.lower() == "basic":
        try:
            user, _, password = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None, None
        return password, user
    return None, None


class GuardMiddleware:
    """Asks for a login where one is configured, hands out the CSRF cookie, and adds the security headers."""

    def __init__(self, app: ASGIApp, login: Login) -> None:
        self.app = app
        self.login = login

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run one request through the guard."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        role = self.login.role_for(connection.headers.get("authorization"))
        token = connection.cookies.get(CSRF_COOKIE, "")
        fresh = len(token) != 43  # secrets.token_urlsafe(32); anything else is replaced
        if fresh:
            token = secrets.token_urlsafe(32)
        scope.setdefault("state", {})
        scope["state"]["role"] = role
        scope["state"]["csrf_token"] = token

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if fresh:
                    headers.append("set-cookie", f"{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict")
            await send(message)

        if role is None:
            await _unauthorised(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


async def _unauthorised(scope: Scope, receive: Receive, send: Send) -> None:
    from starlette.responses import PlainTextResponse

    response = PlainTextResponse(
        "需要登录 (login required: user viewer or editor)\n",
        status_code=401,
        headers={"www-authenticate": 'Basic realm="signwatch", charset="UTF-8"'},
    )
    await response(scope, receive, send)


def csrf_matches(cookie_token: str | None, form_token: str | None) -> bool:
    """Whether a form's CSRF field repeats the token of its cookie."""
    if not cookie_token or not form_token:
        return False
    return hmac.compare_digest(cookie_token.encode(), form_token.encode())
