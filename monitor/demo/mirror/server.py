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
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from monitor.demo.mirror.generator import (
    MirrorArticle,
    corrected_paragraphs,
    generate_article,
    publication_time,
)
from monitor.demo.mirror.seeds import seed_articles
from monitor.demo.mirror.templates import (
    SiteStyle,
    article_path,
    listing_path,
    render_article,
    render_feed,
    render_listing,
    render_sitemap,
)
from monitor.errors import InputError

SITES = (
    SiteStyle("zblog", "zblog", "utf-8", "utf-8", "utf-8", "上海厂房出租信息"),
    SiteStyle("dedecms", "dedecms", "gbk", "gb2312", None, "招商动态"),
    SiteStyle("taiwancn", "taiwancn", "big5", "big5", "big5", "新聞中心"),
    SiteStyle("generic", "generic", "utf-8", "utf-8", "gbk", "招商资讯"),
)
TROUBLE = SiteStyle("trouble", "generic", "utf-8", "utf-8", "utf-8", "故障测试")

ROBOTS_TXT = "User-agent: *\nDisallow: /private/\nDisallow: /_mirror/\nDisallow: /zblog/zb_system/\n"


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


@dataclass(frozen=True)
class Reply:
    """A response before it is written: status, headers and body bytes."""

    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


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
    ) -> None:
        self.seed = seed
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
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._articles: dict[str, list[MirrorArticle]] = {
            style.name: self._build_site(style, articles_per_site) for style in SITES
        }

    # --- content ---------------------------------------------------------------

    def _build_site(self, style: SiteStyle, count: int) -> list[MirrorArticle]:
        generated = [
            self._localise(style, generate_article(self.seed, style.name, i, publication_time(self.today, i)))
            for i in range(count)
        ]
        seeds = seed_articles(style.name, first_id=count + 1)
        return sorted([*generated, *seeds], key=lambda a: a.published, reverse=True)

    @staticmethod
    def _localise(style: SiteStyle, article: MirrorArticle) -> MirrorArticle:
        if style.site_type != "taiwancn":
            return article
        # The Taiwan portal writes Traditional characters; cleaning turns them back.
        convert = _to_traditional()
        return MirrorArticle(
            article.article_id,
            convert(article.title),
            tuple(convert(p) for p in article.paragraphs),
            article.published,
            article.modified,
        )

    def _style(self, site: str) -> SiteStyle:
        for style in SITES:
            if style.name == site:
                return style
        raise InputError(f"no mirror site {site!r} (sites: {', '.join(s.name for s in SITES)})")

    def articles(self, site: str) -> list[MirrorArticle]:
        """The articles of ``site``, newest first."""
        self._style(site)
        with self._lock:
            return list(self._articles[site])

    def article_url(self, site: str, article_id: int) -> str:
        """The full URL of one article."""
        style = self._style(site)
        return self.base_url + article_path(style, self._find(site, article_id))

    def _find(self, site: str, article_id: int) -> MirrorArticle:
        for article in self._articles[site]:
            if article.article_id == article_id:
                return article
        raise InputError(f"mirror site {site!r} has no article {article_id}")

    def publish(self, site: str, title: str | None = None, paragraphs: list[str] | None = None) -> MirrorArticle:
        """Publish a new article on ``site`` (generated unless title and paragraphs are given)."""
        style = self._style(site)
        with self._lock:
            next_id = max(a.article_id for a in self._articles[site]) + 1
            now = datetime.combine(self.today, datetime.now().time().replace(microsecond=0))
            article = self._localise(style, generate_article(self.seed + 7919, site, next_id, now))
            article = MirrorArticle(
                next_id, title or article.title, tuple(paragraphs) if paragraphs else article.paragraphs, now, now
            )
            self._articles[site].insert(0, article)
            self._pages.clear()
            return article

    def edit(self, site: str, article_id: int, paragraphs: list[str] | None = None) -> MirrorArticle:
        """Change the body of an article (a corrected figure unless ``paragraphs`` are given)."""
        self._style(site)
        with self._lock:
            old = self._find(site, article_id)
            body = tuple(paragraphs) if paragraphs else corrected_paragraphs(old)
            # Last-Modified must move forward even when two edits fall in one second.
            when = max(datetime.now().replace(microsecond=0), old.modified.replace(microsecond=0) + _ONE_SECOND)
            new = old.edited(body, when)
            self._articles[site] = [new if a.article_id == article_id else a for a in self._articles[site]]
            self._pages.clear()
            return new

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

    def _record(self, entry: ServedRequest) -> None:
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
            handler = type("MirrorHandler", (_Handler,), {"mirror": self})
            try:
                self._httpd = _QuietServer((self.host, self.port), handler)
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
            return _text(ROBOTS_TXT, "text/plain; charset=utf-8")
        if path.startswith("/_mirror/"):
            return self._control(method, path, query, body)
        if path.startswith("/trouble/"):
            return self._trouble(path, headers)
        with self._lock:
            page = self._pages.get(path) or self._render(path)
            if page is not None:
                self._pages[path] = page
        if page is None:
            return _text("<html><body><h1>404 页面不存在</h1></body></html>", "text/html; charset=utf-8", 404)
        return _conditional(page, headers)

    def _render(self, path: str) -> Reply | None:
        for style in SITES:
            if not path.startswith(f"/{style.name}/"):
                continue
            articles = self._articles[style.name]
            pages = max(1, -(-len(articles) // self.page_size))
            for number in range(1, pages + 1):
                if path == listing_path(style, number):
                    chunk = articles[(number - 1) * self.page_size : number * self.page_size]
                    return _html(style, render_listing(style, chunk, number, pages), None)
            if path == f"/{style.name}/feed.xml":
                return _text(render_feed(style, articles[:20], self.base_url), "application/rss+xml; charset=utf-8")
            if path == f"/{style.name}/sitemap.xml":
                return _text(render_sitemap(style, articles, self.base_url), "application/xml; charset=utf-8")
            for article in articles:
                if article_path(style, article) == path:
                    url = self.base_url + path
                    return _html(style, render_article(style, article, self.today, url), article.modified)
        return None

    def _trouble(self, path: str, headers: dict[str, str]) -> Reply:
        links = {
            "ok.html": "正常页面",
            "missing.html": "已删除",
            "broken.html": "服务器错误",
            "busy.html": "限流页面",
            "slow.html": "慢页面",
            "loop.html": "重定向循环",
            "huge.html": "超大页面",
            "../../private/secret.html": "内部页面",
        }
        if path == "/trouble/news/":
            items = "\n".join(
                f'<li><a class="title" href="/trouble/news/{href}">{text}</a></li>' for href, text in links.items()
            )
            page = f'<ul class="news-list">\n{items}\n<li><a class="title" href="ftp://{self.host}/x.html">FTP</a></li></ul>'
            return _html(TROUBLE, f"<html><body>{page}</body></html>", None)
        article = MirrorArticle(
            1,
            "宝山区集中签约10个项目 总投资20亿元",
            ("5月1日,宝山区10个项目集中签约,总投资20亿元。",),
            datetime(2024, 5, 1),
            datetime(2024, 5, 1),
        )
        name = path.rsplit("/", 1)[-1]
        if name == "ok.html":
            return _conditional(_html(TROUBLE, render_article(TROUBLE, article, self.today, path), None), headers)
        if name == "broken.html":
            return _text("<h1>500 Internal Server Error</h1>", "text/html", 500)
        if name == "busy.html":
            with self._lock:
                self._busy_seen += 1
                busy = self._busy_seen <= self.busy_answers
            if busy:
                return Reply(
                    429, b"slow down", (("Content-Type", "text/plain"), ("Retry-After", str(self.retry_after)))
                )
            busy_article = MirrorArticle(
                2,
                "限流后恢复的文章",
                ("6月2日,嘉定区5个项目签约,总投资12亿元。",),
                datetime(2024, 6, 2),
                datetime(2024, 6, 2),
            )
            return _html(TROUBLE, render_article(TROUBLE, busy_article, self.today, path), None)
        if name == "slow.html":
            time.sleep(self.slow_seconds)
            return _html(TROUBLE, render_article(TROUBLE, article, self.today, path), None)
        if name in ("loop.html", "loop2.html"):
            other = "loop2.html" if name == "loop.html" else "loop.html"
            return Reply(302, b"", (("Location", f"/trouble/news/{other}"),))
        if name == "huge.html":
            filler = "<p>" + "招商引资" * 64 + "</p>\n"
            text = filler * (self.oversized_bytes // len(filler.encode()) + 1)
            return _html(TROUBLE, f"<html><body>{text}</body></html>", None)
        return _text("<h1>404</h1>", "text/html; charset=utf-8", 404)

    def _control(self, method: str, path: str, query: dict[str, list[str]], body: bytes) -> Reply:
        if method != "POST":
            return _text('{"error": "use POST"}', "application/json", 405)
        try:
            document: dict[str, Any] = json.loads(body) if body.strip() else {}
            site = query.get("site", [""])[0]
            paragraphs = document.get("paragraphs")
            if path == "/_mirror/publish":
                article = self.publish(site, document.get("title"), paragraphs)
            elif path == "/_mirror/edit":
                article = self.edit(site, int(query.get("id", ["0"])[0]), paragraphs)
            else:
                return _text('{"error": "unknown control"}', "application/json", 404)
        except (InputError, ValueError) as error:
            return _text(json.dumps({"error": str(error)}, ensure_ascii=False), "application/json", 400)
        answer = {
            "site": site,
            "id": article.article_id,
            "title": article.title,
            "url": self.article_url(site, article.article_id),
            "revision": article.revision,
        }
        return _text(json.dumps(answer, ensure_ascii=False), "application/json; charset=utf-8")

    # --- configuration ----------------------------------------------------------

    def sources_toml(
        self,
        data_dir: str | Path,
        *,
        revisit_days: int = 2,
        include_trouble: bool = False,
        crawler: dict[str, Any] | None = None,
    ) -> str:
        """A complete signwatch config whose sources are the mirror's sites.

        ``crawler`` overrides values of the ``[crawler]`` table (e.g. ``{"timeout": 1.0}``).
        """
        base = self.base_url
        table: dict[str, Any] = {
            "contact": base + "/about.html",
            "download_delay": 0.0,
            "concurrency_per_domain": 8,
            "timeout": 5.0,
            "retries": 2,
            "max_page_bytes": 1048576,
            "crawl_timeout": 600.0,
            **(crawler or {}),
        }
        lines = [f"data_dir = {_quote(str(data_dir))}", "", "[crawler]"]
        lines += [f"{key} = {_toml_value(value)}" for key, value in table.items()]
        starts = {style.name: listing_path(style, 1) for style in SITES}
        for style in SITES:
            lines += [
                "",
                "[[sources]]",
                f'name = "mirror-{style.name}"',
                f'type = "{style.site_type}"',
                f"start_urls = [{_quote(base + starts[style.name])}]",
                f'allowed_domains = ["{self.host}"]',
                'schedule = "30m"',
                "page_limit = 100000",
                f"revisit_days = {revisit_days}",
            ]
            if style.site_type == "generic":
                lines += [
                    'link_css = "ul.news-list a.title"',
                    f"feeds = [{_quote(base + '/generic/feed.xml')}]",
                ]
        if include_trouble:
            lines += [
                "",
                "[[sources]]",
                'name = "mirror-trouble"',
                'type = "generic"',
                f"start_urls = [{_quote(base + '/trouble/news/')}]",
                f'allowed_domains = ["{self.host}"]',
                'link_css = "ul.news-list a.title"',
                "page_limit = 100",
            ]
        return "\n".join(lines) + "\n"

    def write_config(self, path: str | Path, data_dir: str | Path, **options: Any) -> Path:
        """Write ``sources_toml`` to ``path`` and return it."""
        target = Path(path)
        target.write_text(self.sources_toml(data_dir, **options), encoding="utf-8")
        return target


_ONE_SECOND = timedelta(seconds=1)


def _quote(text: str) -> str:
    # JSON string syntax is valid TOML basic-string syntax.
    return json.dumps(text, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return _quote(str(value))


@functools.cache
def _to_traditional() -> Callable[[str], str]:
    """OpenCC's Simplified-to-Traditional converter, loaded once (loading its dictionaries is slow)."""
    from opencc import OpenCC

    convert: Callable[[str], str] = OpenCC("s2t").convert
    return convert


def _text(text: str, content_type: str, status: int = 200) -> Reply:
    return Reply(status, text.encode("utf-8"), (("Content-Type", content_type),))


def _html(style: SiteStyle, page: str, modified: datetime | None) -> Reply:
    body = page.encode(style.encoding, errors="xmlcharrefreplace")
    content_type = "text/html" + (f"; charset={style.header_charset}" if style.header_charset else "")
    headers = [("Content-Type", content_type), ("ETag", '"' + hashlib.sha1(body).hexdigest()[:16] + '"')]
    if modified is not None:
        headers.append(("Last-Modified", format_datetime(modified.replace(microsecond=0), usegmt=False)))
    return Reply(200, body, tuple(headers))


def _conditional(reply: Reply, request_headers: dict[str, str]) -> Reply:
    """Turn ``reply`` into a 304 when the request's validators still match."""
    own = dict(reply.headers)
    validators = tuple((k, v) for k, v in reply.headers if k in ("ETag", "Last-Modified"))
    etag = request_headers.get("if-none-match")
    if etag is not None:
        if own.get("ETag") in {tag.strip() for tag in etag.split(",")}:
            return Reply(304, b"", validators)
        return reply
    since = request_headers.get("if-modified-since")
    if since and "Last-Modified" in own:
        try:
            if parsedate_to_datetime(own["Last-Modified"]) <= parsedate_to_datetime(since):
                return Reply(304, b"", validators)
        except (TypeError, ValueError):
            return reply
    return reply


class _QuietServer(ThreadingHTTPServer):
    """A threading server that does not print a traceback when a client hangs up."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore dropped connections (crawlers close them at will); report anything else."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    mirror: MirrorServer
    protocol_version = "HTTP/1.1"  # keep-alive, as real sites and Scrapy use it
    server_version = "signwatch-mirror/0.1"

    def _serve(self, method: str) -> None:
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
        self.mirror._record(
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
        self._serve("GET")

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    def do_POST(self) -> None:
        self._serve("POST")

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the request log is kept in memory instead."""
