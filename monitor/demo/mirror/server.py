"""The offline mirror: a local HTTP server with one realistic site per site type.

``MirrorServer`` serves, under one ``http://127.0.0.1:PORT``:

- ``/zblog/``    a Z-BlogPHP blog (UTF-8) with seeds 001 and 002,
- ``/dedecms/``  a DedeCMS portal in GBK whose ``<meta>`` says gb2312 and whose
  header names no charset, with seed 004,
- ``/taiwancn/`` the 中国台湾网 mobile portal in Big5, Traditional text, seed 003,
- ``/generic/``  a plain news site whose header lies (``charset=gbk`` over UTF-8
  bytes, the ``<meta>`` tells the truth), with seed 000, an RSS feed and a sitemap,
- ``/trouble/``  a site of failures: 404, 500, 429 with Retry-After, a slow page,
  a redirect loop, an oversized page, a link robots.txt forbids,

each listing paginated, every page with an ETag and Last-Modified and 304
answers to conditional requests.  Articles can be published and edited while
it runs, from Python (``publish``, ``edit``) or over HTTP
(``POST /_mirror/publish?site=S``, ``POST /_mirror/edit?site=S&id=N`` with an
optional JSON body ``{"title": ..., "paragraphs": [...]}``).  Every request
is logged (``requests``) so tests can see what a crawl really downloaded.

This module holds the server itself: its articles, its request log, its
start and stop, and the routing of a request to its answer.  The rest of
the mirror, one job a module: ``sites`` (which sites, their first
articles), ``pages`` (listings, feeds, sitemaps and articles by path),
``trouble`` (the failures), ``replies`` (headers, validators, 304s),
``handler`` (the HTTP side and the request log's entries) and
``sources_config`` (the signwatch config that crawls the mirror).
"""

from __future__ import annotations

import json
import threading
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from monitor.demo.mirror.generator import MirrorArticle, attributed, corrected_paragraphs, generate_article
from monitor.demo.mirror.handler import MirrorRequestHandler, QuietServer, ServedRequest
from monitor.demo.mirror.pages import site_page
from monitor.demo.mirror.replies import Reply, conditional, text_reply
from monitor.demo.mirror.sites import ROBOTS_TXT, SITES, THEME_SITES, build_site, localise, site_style
from monitor.demo.mirror.sources_config import sources_toml
from monitor.demo.mirror.templates import article_path
from monitor.demo.mirror.trouble import trouble_reply
from monitor.errors import InputError

# SITES and ServedRequest were defined here before the mirror was split; importers still find them here.
__all__ = ["SITES", "MirrorServer", "ServedRequest"]

_ONE_SECOND = timedelta(seconds=1)


class MirrorServer:
    """The mirror sites, served from a background thread on 127.0.0.1."""

    def __init__(
        self,
        articles_per_site: int = 20,
        *,
        seed: int = 0,
        host: str = "127.0.0.1",
        port: int = 0,
        today: date | None = None,
        page_size: int = 20,
        slow_seconds: float = 3.0,
        oversized_bytes: int = 2 * 1024 * 1024,
        busy_answers: int = 1,
        retry_after: int = 1,
        honour_validators: bool = True,
    ) -> None:
        """A mirror not yet serving (``start``); ``honour_validators=False`` never answers 304, as some sites do."""
        self.seed = seed
        self.honour_validators = honour_validators
        self.host = host
        self.port = port
        self.today = today or date.today()
        self.page_size = page_size
        self.slow_seconds = slow_seconds
        self.oversized_bytes = oversized_bytes
        self.busy_answers = busy_answers
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self._log: list[ServedRequest] = []
        self._busy_seen = 0
        # Rendered pages by path, until an article is published or edited.  The
        # mirror shares the machine with the crawler it serves (tests, benchmarks):
        # it must not spend per request what a real site spends on its own server.
        self._pages: dict[str, Reply] = {}
        self._httpd: QuietServer | None = None
        self._thread: threading.Thread | None = None
        self._articles: dict[str, list[MirrorArticle]] = {
            style.name: build_site(style, articles_per_site, self.seed, self.today) for style in (*SITES, *THEME_SITES)
        }

    # --- content ---------------------------------------------------------------

    def articles(self, site: str) -> list[MirrorArticle]:
        """The articles of ``site``, newest first."""
        site_style(site)
        with self._lock:
            return list(self._articles[site])

    def article_url(self, site: str, article_id: int) -> str:
        """The full URL of one article."""
        style = site_style(site)
        return self.base_url + article_path(style, self._find(site, article_id))

    def _find(self, site: str, article_id: int) -> MirrorArticle:
        for article in self._articles[site]:
            if article.article_id == article_id:
                return article
        raise InputError(f"mirror site {site!r} has no article {article_id}")

    def publish(
        self,
        site: str,
        title: str | None = None,
        paragraphs: list[str] | None = None,
        published: datetime | None = None,
    ) -> MirrorArticle:
        """Publish a new article on ``site``, dated now or ``published`` (generated unless given a title and text)."""
        style = site_style(site)
        with self._lock:
            next_id = max(a.article_id for a in self._articles[site]) + 1
            now = published or datetime.combine(self.today, datetime.now().time().replace(microsecond=0))
            article = localise(style, generate_article(self.seed + 7919, site, next_id, now))
            article = MirrorArticle(
                next_id, title or article.title, tuple(paragraphs) if paragraphs else article.paragraphs, now, now
            )
            if style.theme is not None:
                article = attributed(article, self.seed, site)
            self._articles[site].insert(0, article)
            self._pages.clear()
            return article

    def edit(self, site: str, article_id: int, paragraphs: list[str] | None = None) -> MirrorArticle:
        """Change the body of an article (a corrected figure unless ``paragraphs`` are given)."""
        site_style(site)
        with self._lock:
            old = self._find(site, article_id)
            body = tuple(paragraphs) if paragraphs else corrected_paragraphs(old)
            # Last-Modified must move forward even when two edits fall in one second.
            when = max(datetime.now().replace(microsecond=0), old.modified.replace(microsecond=0) + _ONE_SECOND)
            new = old.edited(body, when)
            self._articles[site] = [new if a.article_id == article_id else a for a in self._articles[site]]
            self._pages.clear()
            return new

    def busy_now(self) -> bool:
        """Count one request for the trouble site's busy page: True while it is still to answer 429."""
        with self._lock:
            self._busy_seen += 1
            return self._busy_seen <= self.busy_answers

    # --- request log -------------------------------------------------------------

    @property
    def requests(self) -> list[ServedRequest]:
        """Every request answered so far, oldest first."""
        with self._lock:
            return list(self._log)

    def clear_log(self) -> None:
        """Forget the requests answered so far."""
        with self._lock:
            self._log.clear()

    def record(self, entry: ServedRequest) -> None:
        """Add an answered request to the log (the HTTP handler's last step)."""
        with self._lock:
            self._log.append(entry)

    # --- serving -------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """``http://host:port`` of the running server."""
        if self._httpd is None:
            raise InputError("the mirror is not running (call start() first)")
        return f"http://{self.host}:{self._httpd.server_address[1]}"

    def start(self) -> str:
        """Start serving in a background thread and return the base URL."""
        if self._httpd is None:
            handler = type("MirrorHandler", (MirrorRequestHandler,), {"mirror": self})
            try:
                self._httpd = QuietServer((self.host, self.port), handler)
            except OSError as error:
                raise InputError(f"cannot listen on {self.host}:{self.port}: {error.strerror}") from None
            self._httpd.daemon_threads = True
            self._thread = threading.Thread(target=self._httpd.serve_forever, name="mirror", daemon=True)
            self._thread.start()
            with self._lock:
                self._pages.clear()  # pages name the base URL, which a restart may change
        return self.base_url

    def stop(self) -> None:
        """Stop serving."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> MirrorServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def answer(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Reply:
        """The reply to one request (the HTTP handler's whole job, callable directly)."""
        parts = urlsplit(target)
        path, query = parts.path, parse_qs(parts.query)
        if path == "/robots.txt":
            return text_reply(ROBOTS_TXT, "text/plain; charset=utf-8")
        if path.startswith("/_mirror/"):
            return self._control(method, path, query, body)
        if path.startswith("/trouble/"):
            return trouble_reply(self, path, headers)
        # Themed sites with dynamic URLs (?id=N) are addressed by path and query.
        key = f"{path}?{parts.query}" if parts.query else path
        with self._lock:
            page = self._pages.get(key) or self._render(key)
            if page is not None:
                self._pages[key] = page
        if page is None:
            return text_reply("<html><body><h1>404 页面不存在</h1></body></html>", "text/html; charset=utf-8", 404)
        return conditional(page, headers) if self.honour_validators else page

    def _render(self, path: str) -> Reply | None:
        return site_page(
            self._articles, path, page_size=self.page_size, base_url=lambda: self.base_url, today=self.today
        )

    def _control(self, method: str, path: str, query: dict[str, list[str]], body: bytes) -> Reply:
        if method != "POST":
            return text_reply('{"error": "use POST"}', "application/json", 405)
        try:
            document: dict[str, Any] = json.loads(body) if body.strip() else {}
            site = query.get("site", [""])[0]
            paragraphs = document.get("paragraphs")
            if path == "/_mirror/publish":
                article = self.publish(site, document.get("title"), paragraphs)
            elif path == "/_mirror/edit":
                article = self.edit(site, int(query.get("id", ["0"])[0]), paragraphs)
            else:
                return text_reply('{"error": "unknown control"}', "application/json", 404)
        except (InputError, ValueError) as error:
            return text_reply(json.dumps({"error": str(error)}, ensure_ascii=False), "application/json", 400)
        answer = {
            "site": site,
            "id": article.article_id,
            "title": article.title,
            "url": self.article_url(site, article.article_id),
            "revision": article.revision,
        }
        return text_reply(json.dumps(answer, ensure_ascii=False), "application/json; charset=utf-8")

    # --- configuration ----------------------------------------------------------

    def sources_toml(
        self,
        data_dir: str | Path,
        *,
        revisit_days: int = 2,
        include_trouble: bool = False,
        include_themes: bool = False,
        crawler: dict[str, Any] | None = None,
    ) -> str:
        """A complete signwatch config whose sources are the mirror's sites (see ``sources_config.sources_toml``).

        ``crawler`` overrides values of the ``[crawler]`` table (e.g. ``{"timeout": 1.0}``).
        """
        return sources_toml(
            self.base_url,
            self.host,
            data_dir,
            revisit_days=revisit_days,
            include_trouble=include_trouble,
            include_themes=include_themes,
            crawler=crawler,
        )

    def write_config(self, path: str | Path, data_dir: str | Path, **options: Any) -> Path:
        """Write ``sources_toml`` to ``path`` and return it."""
        target = Path(path)
        target.write_text(self.sources_toml(data_dir, **options), encoding="utf-8")
        return target
