"""The mirror's HTTP side: each request handed to ``MirrorServer.answer``, written back, and logged."""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from monitor.demo.mirror.server import MirrorServer


@dataclass(frozen=True)
class ServedRequest:
    """One request the mirror answered: what was asked and what it cost."""

    method: str
    path: str
    status: int
    body_bytes: int
    conditional: bool
    user_agent: str
    at: float


class Concurrency:
    """How many of something are open at once, and the most seen (thread-safe): connections, requests."""

    def __init__(self) -> None:
        """Nothing open yet."""
        self.now = 0
        self.peak = 0
        self._lock = threading.Lock()

    def opened(self) -> None:
        """One more is open."""
        with self._lock:
            self.now += 1
            self.peak = max(self.peak, self.now)

    def closed(self) -> None:
        """One fewer is open."""
        with self._lock:
            self.now -= 1


class QuietServer(ThreadingHTTPServer):
    """A threading server that does not print a traceback when a client hangs up.

    It counts its open connections and the requests it is answering at once
    (``connections``, ``requests``; each with its peak): the server is one
    host, so a crawler's politeness per host is read there.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """ThreadingHTTPServer's arguments; the counts start at zero."""
        self.connections = Concurrency()
        self.requests = Concurrency()
        super().__init__(*args, **kwargs)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore dropped connections (crawlers close them at will); report anything else."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            super().handle_error(request, client_address)


class MirrorRequestHandler(BaseHTTPRequestHandler):
    """Serves one connection for ``mirror`` (set on a subclass made per server by ``MirrorServer.start``)."""

    mirror: MirrorServer
    protocol_version = "HTTP/1.1"  # keep-alive, as real sites and Scrapy use it
    server_version = "signwatch-mirror/0.1"

    server: QuietServer

    def setup(self) -> None:
        """A connection is open (counted until ``finish``)."""
        super().setup()
        self.server.connections.opened()

    def finish(self) -> None:
        """The connection is closed."""
        try:
            super().finish()
        finally:
            self.server.connections.closed()

    def _serve(self, method: str) -> None:
        self.server.requests.opened()
        try:
            self._answer(method)
        finally:
            self.server.requests.closed()

    def _answer(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {key.lower(): value for key, value in self.headers.items()}
        reply = self.mirror.answer(method, self.path, headers, body)
        self.send_response(reply.status)
        for key, value in reply.headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if method != "HEAD":
            # The client may give up early (a crawler's size limit): nothing left to answer.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(reply.body)
        self.mirror.record(
            ServedRequest(
                method,
                urlsplit(self.path).path,
                reply.status,
                len(reply.body),
                "if-none-match" in headers or "if-modified-since" in headers,
                headers.get("user-agent", ""),
                time.monotonic(),
            )
        )

    def do_GET(self) -> None:
        """Serve a page (http.server calls this for each GET)."""
        self._serve("GET")

    def do_HEAD(self) -> None:
        """Serve a page's headers only."""
        self._serve("HEAD")

    def do_POST(self) -> None:
        """Answer a POST as the mirror's sites do (a trouble page may refuse it)."""
        self._serve("POST")

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the request log is kept in memory instead."""
