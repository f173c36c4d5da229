"""A fleet of small news sites on one 127.0.0.1 port: the many sources of a scale benchmark.

``FleetServer(1000)`` serves ``/f0000/news/`` … ``/f0999/news/``, each a plain
news site of the ``generic`` type (one listing page, a few articles, ETag
validators and 304s), as a deployment watching many district pages sees
them.  Articles are published while it runs (``publish``); every request is
logged (``requests``) with its site, so a benchmark counts what each poll
of an unchanged site cost.
"""

from __future__ import annotations

import threading
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

from monitor.demo.mirror.generator import (
    MirrorArticle,
    distinct_amount,
    distinct_place,
    generate_article,
    publication_time,
)
from monitor.demo.mirror.handler import Concurrency, MirrorRequestHandler, QuietServer, ServedRequest
from monitor.demo.mirror.replies import Reply, conditional, html_reply, text_reply
from monitor.demo.mirror.sites import ROBOTS_TXT
from monitor.demo.mirror.sources_config import _quote, _toml_value
from monitor.demo.mirror.templates import SiteStyle, article_path, listing_path, render_article, render_listing
from monitor.errors import InputError

_NOT_FOUND = "<html><body><h1>404 页面不存在</h1></body></html>"


def fleet_style(index: int) -> SiteStyle:
    """The style of the fleet's site number ``index`` (``/fNNNN``, generic, UTF-8)."""
    return SiteStyle(f"f{index:04d}", "generic", "utf-8", "utf-8", "utf-8", "招商资讯")


class FleetServer:
    """``sites`` small generic news sites served from a background thread on 127.0.0.1."""

    def __init__(
        self,
        sites: int,
        *,
        articles_per_site: int = 3,
        seed: int = 0,
        page_size: int = 10,
        today: date | None = None,
        honour_validators: bool = True,
        answer_delay: float = 0.0,
    ) -> None:
        """A fleet not yet serving (``start``); ``honour_validators=False`` never answers 304.

        ``answer_delay`` seconds pass before each answer (a slow site: requests
        a crawler makes at once are then in the server at once, and counted).
        """
        self.today = today or date.today()
        self.answer_delay = answer_delay
        self.seed = seed
        self.page_size = page_size
        self.honour_validators = honour_validators
        self.styles = [fleet_style(i) for i in range(sites)]
        self._articles = [
            [generate_article(seed, style.name, i, publication_time(self.today, i)) for i in range(articles_per_site)]
            for style in self.styles
        ]
        self._pages: dict[str, Reply] = {}
        self._published = 0  # articles published while serving: each a signing of its own amount
        # When each article published while serving appeared on its listing (time.monotonic(), by full URL).
        self.appeared: dict[str, float] = {}
        self._log: list[ServedRequest] = []
        self._lock = threading.Lock()
        self._httpd: QuietServer | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:port`` of the running fleet."""
        if self._httpd is None:
            raise InputError("the fleet is not running (call start() first)")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def start(self) -> str:
        """Serve in a background thread; return the base URL."""
        if self._httpd is None:
            handler = type("FleetHandler", (MirrorRequestHandler,), {"mirror": self})
            self._httpd = QuietServer(("127.0.0.1", 0), handler)
            self._httpd.daemon_threads = True
            threading.Thread(target=self._httpd.serve_forever, name="fleet", daemon=True).start()
        return self.base_url

    def stop(self) -> None:
        """Stop serving."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FleetServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- content -------------------------------------------------------------------

    def publish(self, index: int, published: datetime | None = None) -> tuple[MirrorArticle, str]:
        """Publish a generated article on site ``index``; return it and its full URL.

        Each publication is a signing no other article of the fleet reports
        (a county and an amount of its own: ``distinct_place``,
        ``distinct_amount``), so it is an event of
        its own and alerts once; the moment its listing starts showing it is
        kept in ``appeared``.
        """
        style = self.styles[index]
        with self._lock:
            articles = self._articles[index]
            number = max((a.article_id for a in articles), default=0) + 1
            signing, self._published = self._published, self._published + 1
            article = generate_article(
                self.seed + 7919,
                style.name,
                number,
                published or datetime.now(),
                place=distinct_place(signing),
                amount=distinct_amount(signing),
            )
            articles.insert(0, article)
            for key in [k for k in self._pages if k.startswith(style.root + "/")]:
                del self._pages[key]
            url = self.base_url + article_path(style, article)
            self.appeared[url] = time.monotonic()
        return article, url

    # --- the request log -------------------------------------------------------------

    @property
    def connections(self) -> Concurrency:
        """The fleet's open connections (all its sites are one host), now and at most."""
        if self._httpd is None:
            raise InputError("the fleet is not running (call start() first)")
        return self._httpd.connections

    @property
    def requests_at_once(self) -> Concurrency:
        """The requests the fleet was answering at once, now and at most."""
        if self._httpd is None:
            raise InputError("the fleet is not running (call start() first)")
        return self._httpd.requests

    @property
    def requests(self) -> list[ServedRequest]:
        """Every request answered so far, oldest first."""
        with self._lock:
            return list(self._log)

    def record(self, entry: ServedRequest) -> None:
        """Add an answered request to the log (the HTTP handler's last step)."""
        with self._lock:
            self._log.append(entry)

    # --- serving --------------------------------------------------------------------

    def answer(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Reply:
        """The reply to one request (what the HTTP handler writes back)."""
        path = target.split("?", 1)[0]
        if self.answer_delay > 0:
            time.sleep(self.answer_delay)
        if path == "/robots.txt":
            return text_reply(ROBOTS_TXT, "text/plain; charset=utf-8")
        with self._lock:
            page = self._pages.get(path) or self._render(path)
            if page is not None:
                self._pages[path] = page
        if page is None:
            return text_reply(_NOT_FOUND, "text/html; charset=utf-8", 404)
        return conditional(page, headers) if self.honour_validators else page

    def _render(self, path: str) -> Reply | None:
        name = path.split("/", 2)[1] if path.count("/") >= 2 else ""
        if not (name.startswith("f") and name[1:].isdigit() and int(name[1:]) < len(self.styles)):
            return None
        index = int(name[1:])
        style, articles = self.styles[index], self._articles[index]
        if path == listing_path(style, 1):
            listing = render_listing(style, articles[: self.page_size], 1, 1, today=self.today)
            return html_reply(style, listing, None)
        for article in articles:
            if article_path(style, article) == path:
                page = render_article(style, article, self.today, self.base_url + path)
                return html_reply(style, page, article.modified)
        return None

    # --- configuration ----------------------------------------------------------------

    def sources_toml(
        self, data_dir: str | Path, *, schedule: str, alerts_url: str, crawler: dict[str, Any] | None = None
    ) -> str:
        """A signwatch config watching every site of the fleet on ``schedule``, alerting ``alerts_url``."""
        table: dict[str, Any] = {
            "contact": self.base_url + "/about.html",
            "download_delay": 0.0,
            "concurrency_per_domain": 8,
            "timeout": 10.0,
            "retries": 1,
            "crawl_timeout": 600.0,
            **(crawler or {}),
        }
        lines = [f"data_dir = {_quote(str(data_dir))}", "", "[crawler]"]
        lines += [f"{key} = {_toml_value(value)}" for key, value in table.items()]
        for style in self.styles:
            lines += [
                "",
                "[[sources]]",
                f'name = "{style.name}"',
                'type = "generic"',
                f"start_urls = [{_quote(self.base_url + listing_path(style, 1))}]",
                'allowed_domains = ["127.0.0.1"]',
                f'schedule = "{schedule}"',
                'link_css = "ul.news-list a.title"',
            ]
        lines += ["", "[[subscriptions]]", 'name = "everything"', f"url = {_quote(alerts_url)}"]
        return "\n".join(lines) + "\n"
