"""What the workers tests share: configs on the mirror, worker processes, a private Redis, expectations."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import redis
from sqlalchemy import func, select

from monitor.demo.mirror import SITES, MirrorServer
from monitor.demo.mirror.templates import article_path, render_article
from monitor.store import Article, ArticleUrl, Database
from monitor.text import clean_html

ROOT = Path(__file__).resolve().parents[2]


def workers_config(
    mirror: MirrorServer,
    directory: Path,
    *,
    database_url: str,
    redis_url: str,
    prefix: str,
    crawler: dict[str, Any] | None = None,
    worker_timeout: float = 6.0,
) -> Path:
    """A config whose sources are the mirror's sites, stored in ``database_url``, queued in ``redis_url``."""
    path = mirror.write_config(directory / "signwatch.toml", directory / "data", crawler=crawler)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(
            f'\n[database]\nurl = "{database_url}"\n\n[workers]\nredis_url = "{redis_url}"\n'
            f'key_prefix = "{prefix}"\nworker_timeout = {worker_timeout}\n'
        )
    return path


@dataclass
class Worker:
    """A ``python -m crawler.workers.worker`` child process and its log file."""

    process: subprocess.Popen[bytes]
    log: Path

    def text(self) -> str:
        """The worker's log so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait(self, timeout: float = 240.0) -> int:
        """Wait for the worker to exit; its status."""
        return self.process.wait(timeout=timeout)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it does not go."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_worker(config: Path, log: Path, *, idle_seconds: float | None = 3.0) -> Worker:
    """Start one worker on ``config``; with ``idle_seconds`` it exits when the workers are idle that long."""
    command = [sys.executable, "-m", "crawler.workers.worker", "--config", str(config), "--log-level", "INFO"]
    if idle_seconds is not None:
        command += ["--exit-when-idle", "--idle-seconds", str(idle_seconds)]
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    with log.open("wb") as handle:  # the child keeps its own descriptor
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=handle, env=environment)
    return Worker(process, log)


def wait_for(condition: Callable[[], bool], *, timeout: float = 120.0, what: str = "condition") -> None:
    """Poll ``condition`` until it holds (a guard against a hung test, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def expected_articles(mirror: MirrorServer) -> dict[str, set[str]]:
    """Content hash -> article URLs, for every mirror article the cleaner finds text on."""
    texts: dict[str, set[str]] = defaultdict(set)
    for style in SITES:
        for article in mirror.articles(style.name):
            url = mirror.base_url + article_path(style, article)
            page = render_article(style, article, mirror.today, url)
            cleaned = clean_html(
                page.encode(style.encoding, "xmlcharrefreplace"),
                url=url,
                fetched=datetime.now(),
                http_charset=style.header_charset,
                site_type=style.site_type,
            )
            if cleaned.paragraphs:
                texts[cleaned.content_hash].add(url)
    return dict(texts)


def stored_articles(db: Database) -> dict[str, set[str]]:
    """Content hash -> URLs, as the store holds them."""
    stored: dict[str, set[str]] = defaultdict(set)
    with db.session() as session:
        for digest, url in session.execute(
            select(Article.content_hash, ArticleUrl.url).join(ArticleUrl, ArticleUrl.article_id == Article.id)
        ):
            stored[digest].add(url)
    return dict(stored)


def article_count(db: Database) -> int:
    """How many article rows the store holds."""
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Article)) or 0)


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PrivateRedis:
    """A redis-server of the test's own (never the shared one), persisting to an append-only file.

    ``stop``/``start`` restart it on the same port; with ``appendfsync always``
    every queued request survives the restart, as in a production Redis with AOF.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The server's URL."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start (or restart) the server and wait until it answers."""
        binary = shutil.which("redis-server")
        assert binary is not None
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--protected-mode",
                "no",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)

        def answers() -> bool:
            try:
                return bool(client.ping())
            except redis.RedisError:
                return False

        wait_for(answers, timeout=30, what="private redis-server")
        client.close()

    def stop(self) -> None:
        """Stop the server (SIGTERM; it flushes its append-only file)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None


class CuttableProxy:
    """A TCP proxy on 127.0.0.1 in front of a real server, whose line the test can cut and restore.

    ``cut`` closes the listening socket and every open connection (the server
    looks gone to its clients); ``restore`` listens again on the same port.
    """

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._connections: list[socket.socket] = []
        self._lock = threading.Lock()

    def restore(self) -> None:
        """Accept connections (again)."""
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        """Refuse new connections and break the open ones."""
        if self._listener is not None:
            # shutdown wakes the thread blocked in accept(); close alone would leave it listening.
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            connections, self._connections = self._connections, []
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pipe, args=(source, sink), daemon=True).start()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
