"""A small news site on 127.0.0.1 whose pages misbehave on purpose, for crawls that must survive it.

One listing (``/news/list.html``) links to ``/news/<name>.html`` for each
name given; each article page behaves as its ``Behaviour`` says: answer,
answer 429 with a huge Retry-After for ever, hang until the site stops,
reset the connection or answer 408 a number of times before answering.
Every request is recorded (path, status given or ``reset``/``hang``).
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ARTICLE = """<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<h1>{title}</h1><div class="info">2024-05-{day:02d} 10:00 来源:测试网</div>
<div class="content">
<p>5月{day}日上午,宝山区举行第{number}批重点产业项目集中签约仪式,共有{count}个项目集中签约,总投资额{amount}亿元,涵盖智能制造、生物医药和新材料等领域。</p>
<p>区领导在致辞中表示,将持续优化营商环境,为签约企业提供全生命周期服务,推动项目早开工、早投产、早见效,为区域高质量发展注入新动能。</p>
<p>据了解,此次签约项目中,制造业项目占比超过六成,其中三个项目单体投资超过十亿元,预计达产后年产值将超过一百亿元。</p>
</div></body></html>"""


@dataclass(frozen=True)
class Behaviour:
    """How one article page answers: ``kind`` ok | busy (429 + Retry-After) | hang | reset | timeout (408).

    ``times``: how many requests misbehave before the page answers (None: all of them).
    """

    kind: str = "ok"
    times: int | None = None
    retry_after: int = 3600


class TroubleSite(ThreadingHTTPServer):
    """The site: its pages, what each did so far, and every request seen."""

    daemon_threads = True

    def __init__(self, pages: dict[str, Behaviour]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.pages = pages
        self.seen: list[tuple[str, str]] = []  # (path, what was answered)
        self.counts: dict[str, int] = {}
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: a reset connection is what some pages do on purpose."""

    @property
    def base(self) -> str:
        """The site's URL, ``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    def answers(self, name: str) -> list[str]:
        """What the page ``name`` answered, request by request."""
        with self.lock:
            return [what for path, what in self.seen if path == f"/news/{name}.html"]

    def config(self, data_dir: Path, **crawler: object) -> str:
        """A signwatch config crawling this site as the source ``trouble`` (generic type)."""
        table = {"download_delay": 0.0, "timeout": 5.0, "retries": 2, "crawl_timeout": 600.0, **crawler}
        lines = [f'data_dir = "{data_dir}"', "", "[crawler]"]
        lines += [
            f"{key} = {value!r}" if isinstance(value, str) else f"{key} = {value}" for key, value in table.items()
        ]
        lines += [
            "",
            "[[sources]]",
            'name = "trouble"',
            'type = "generic"',
            f'start_urls = ["{self.base}/news/list.html"]',
            'allowed_domains = ["127.0.0.1"]',
            'article_pattern = "/news/[a-z0-9-]+\\\\.html$"',
            'schedule = "30m"',
        ]
        return "\n".join(lines) + "\n"


class _Handler(BaseHTTPRequestHandler):
    server: TroubleSite

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        site = self.server
        path = self.path.split("?", 1)[0]
        if path == "/robots.txt":
            self._send(404, b"", "text/plain")
            return
        if path == "/news/list.html":
            links = "".join(f'<li><a href="/news/{name}.html">文章{name}</a></li>' for name in site.pages)
            self._send(200, f"<html><body><ul>{links}</ul></body></html>".encode(), "text/html; charset=utf-8")
            return
        name = path.rsplit("/", 1)[-1].removesuffix(".html")
        behaviour = site.pages.get(name)
        if behaviour is None:
            self._send(404, b"gone", "text/plain")
            return
        with site.lock:
            count = site.counts.get(name, 0) + 1
            site.counts[name] = count
        misbehaves = behaviour.kind != "ok" and (behaviour.times is None or count <= behaviour.times)
        what = behaviour.kind if misbehaves else "200"
        with site.lock:
            site.seen.append((path, what))
        if not misbehaves:
            number = sum(map(ord, name)) % 90 + 1
            page = ARTICLE.format(
                title=f"第{number}批项目签约{name}",
                day=number % 28 + 1,
                number=number,
                count=number % 20 + 3,
                amount=number * 3,
            )
            self._send(200, page.encode(), "text/html; charset=utf-8")
        elif behaviour.kind == "busy":
            self._send(429, b"slow down", "text/plain", ("Retry-After", str(behaviour.retry_after)))
        elif behaviour.kind == "timeout":
            self._send(408, b"request timeout", "text/plain")
        elif behaviour.kind == "hang":
            site.stopping.wait()
        elif behaviour.kind == "reset":
            # SO_LINGER with a zero timeout: close() sends a TCP RST instead of a FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True

    def _send(self, status: int, body: bytes, content_type: str, *extra: tuple[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in extra:
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def trouble_site(pages: dict[str, Behaviour]) -> Iterator[TroubleSite]:
    """Serve ``pages`` on 127.0.0.1 for the block; hanging requests are let go at its end."""
    site = TroubleSite(pages)
    thread = threading.Thread(target=site.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.stopping.set()
        site.shutdown()
        site.server_close()
        thread.join()
