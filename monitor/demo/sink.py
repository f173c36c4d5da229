"""A local Apprise sink: an HTTP server on 127.0.0.1 that records ``json://`` posts.

Tests, the benchmark and the demo point subscriptions at
``sink.url("name")`` (``json://127.0.0.1:PORT/name``) and read
``sink.messages`` back: real Apprise, real HTTP, no mocks.  ``fail_next(n)``
makes the next ``n`` posts answer 500, to see retries work.

Run on its own (for a demo) it prints each message as one JSON line::

    python -m monitor.demo.sink --port 8765
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Received:
    """One post the sink accepted."""

    path: str
    title: str
    body: str
    document: dict[str, Any]


class AlertSink:
    """The recording server; use as a context manager or call ``start``/``stop``."""

    def __init__(self, port: int = 0, *, echo: bool = False) -> None:
        """Listen on 127.0.0.1:``port`` (0: any free port) once started."""
        self.messages: list[Received] = []
        self.refused = 0  # posts answered with an error
        self._lock = threading.Lock()
        self._fail = 0
        self._echo = echo
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port the sink listens on."""
        return int(self._server.server_address[1])

    def url(self, path: str = "alerts") -> str:
        """The Apprise URL that posts JSON to this sink under ``/path``."""
        return f"json://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def fail_next(self, count: int) -> None:
        """Answer the next ``count`` posts with HTTP 500 (a service having a bad time)."""
        with self._lock:
            self._fail = count

    def received(self, path: str | None = None) -> list[Received]:
        """What arrived so far, optionally only under ``/path``."""
        with self._lock:
            found = list(self.messages)
        return [m for m in found if path is None or m.path == "/" + path.lstrip("/")]

    def clear(self) -> None:
        """Forget what arrived."""
        with self._lock:
            self.messages.clear()
            self.refused = 0

    def start(self) -> AlertSink:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self._server.serve_forever, name="alert-sink", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> AlertSink:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _record(self, path: str, raw: bytes) -> int:
        """Store one post; the HTTP status to answer."""
        with self._lock:
            if self._fail > 0:
                self._fail -= 1
                self.refused += 1
                return 500
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return 400
        if not isinstance(document, dict):
            return 400
        message = Received(path, str(document.get("title", "")), str(document.get("message", "")), document)
        with self._lock:
            self.messages.append(message)
        if self._echo:
            line = {"path": path, "title": message.title, "body": message.body}
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        return 200

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        sink = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once, no 40 ms ACK wait

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                status = sink._record(self.path.split("?", 1)[0], self.rfile.read(length))
                reply = b"{}" if status == 200 else b'{"error": "refused"}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, format: str, *args: Any) -> None:
                return  # quiet: tests and the benchmark read the records instead

        return Handler


def main(argv: list[str] | None = None) -> None:
    """Run a sink in the foreground, printing each message as a JSON line."""
    parser = argparse.ArgumentParser(description="Record Apprise json:// posts on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--quiet", action="store_true", help="Record without printing (for benchmarks).")
    args = parser.parse_args(argv)
    sink = AlertSink(args.port, echo=not args.quiet)
    sys.stderr.write(f"alert sink listening: {sink.url('NAME')}\n")
    try:
        sink._server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        sink._server.server_close()


if __name__ == "__main__":
    main()
