"""Listing pages in real crawls over 127.0.0.1: a type that finds nothing says so, generic without a link
rule, query-string URLs known however a listing orders them, and feed dates reaching the stored article.

The mirror serves the first sites; a small HTTP server of the test's own
serves a dynamic-URL site (``list.php?cate=1``, ``show.php?id=N&cate=1``)
with an RSS feed whose items are dated and whose pages are not.
"""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from monitor.alerts.health import source_health
from monitor.config import load_settings
from monitor.demo.mirror import MirrorServer
from monitor.demo.mirror.sites import SITES
from monitor.demo.mirror.templates import article_path, listing_path
from monitor.running.crawl import run_crawl
from monitor.store import Article, ArticleUrl, Database, PageProblem, Source
from tests.command import run_signwatch

pytestmark = pytest.mark.slow

BEIJING = ZoneInfo("Asia/Shanghai")
PAGE_SIZE = 3
CRAWLER = (
    "[crawler]\ndownload_delay = 0.0\nconcurrency_per_domain = 8\nretries = 0\ntimeout = 20.0\n"
    'contact = "http://127.0.0.1/about.html"\n'
)


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    """The mirror with five generated articles a site (and its seeds), three to a listing page."""
    server = MirrorServer(articles_per_site=5, seed=7, page_size=PAGE_SIZE)
    server.start()
    yield server
    server.stop()


def source(name: str, site_type: str, start: str, *extra: str) -> str:
    """One ``[[sources]]`` entry (``start`` empty: no listing page, only what ``extra`` names)."""
    lines = [
        "[[sources]]",
        f'name = "{name}"',
        f'type = "{site_type}"',
        f'start_urls = ["{start}"]' if start else "start_urls = []",
        "revisit_days = 0",
        *extra,
    ]
    return "\n".join(lines) + "\n"


def write_config(tmp_path: Path, *sources: str) -> Path:
    config = tmp_path / "signwatch.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n' + CRAWLER + "".join(sources), encoding="utf-8")
    return config


def signwatch(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``signwatch --config CONFIG ARGS`` as a user runs it, its output piped."""
    return run_signwatch("--config", str(config), *args)


# --- a type that finds nothing ---------------------------------------------------------------


def test_a_type_that_finds_no_article_link_says_so(mirror: MirrorServer, tmp_path: Path) -> None:
    zblog = next(style for style in SITES if style.site_type == "zblog")
    listing = mirror.base_url + listing_path(zblog, 1)
    config = write_config(tmp_path, source("wrong-type", "dedecms", listing))
    reason = f"0 article links on listing page {listing} — is the type right?"

    crawled = signwatch(config, "crawl", "wrong-type", "--json")
    assert crawled.returncode == 0, crawled.stderr
    document = json.loads(crawled.stdout)
    assert (document["status"], document["listing_links"], document["new_articles"]) == ("ok", 0, 0)
    assert document["error"] == reason
    assert document["problems"][0] == {"outcome": "no_links", "url": listing, "reason": reason}

    # Kept with the run, and what `signwatch sources` shows: the run counts against the source's health.
    settings = load_settings(config)
    db = Database.from_settings(settings)
    with db.session() as session:
        kept = session.scalars(select(PageProblem).where(PageProblem.run_id == document["run_id"])).all()
    assert (kept[0].outcome, kept[0].url, kept[0].reason) == ("no_links", listing, reason)
    [health] = source_health(db)
    assert (health.consecutive_failures, health.last_error) == (1, reason)
    db.dispose()

    table = signwatch(config, "sources")
    assert table.returncode == 0, table.stderr
    header, row = (line.split("\t") for line in table.stdout.splitlines())
    assert dict(zip(header, row, strict=True))["last error"] == reason
    listed = signwatch(config, "sources", "--json")
    [entry] = json.loads(listed.stdout)
    assert entry["last_run"]["error"] == reason and entry["health"]["last_error"] == reason


# --- generic without a link rule -------------------------------------------------------------


def test_generic_without_a_link_rule_reads_every_listing_page(mirror: MirrorServer, tmp_path: Path) -> None:
    chosen = [style for style in SITES if style.site_type in ("zblog", "generic")]
    config = write_config(
        tmp_path,
        *(
            source(f"bare-{s.name}", "generic", mirror.base_url + listing_path(s, 1), "page_limit = 500")
            for s in chosen
        ),
    )
    settings = load_settings(config)
    outcomes = {outcome.source: outcome for outcome in run_crawl(settings, [f"bare-{s.name}" for s in chosen])}
    db = Database.from_settings(settings)
    for style in chosen:
        outcome = outcomes[f"bare-{style.name}"]
        assert outcome.status == "ok", outcome.error
        assert not [p for p in outcome.problems if p["outcome"] == "no_links"], outcome.problems
        articles = mirror.articles(style.name)
        want = {mirror.base_url + article_path(style, article) for article in articles}
        with db.session() as session:
            rows = session.execute(
                select(ArticleUrl.url).join(Source).where(Source.name == f"bare-{style.name}")
            ).scalars()
            stored = set(rows)
        # Every article, those only on later listing pages too; never a listing page or anything else.
        assert stored == want - _unreadable(outcome.problems), style.name
        pages = -(-len(articles) // PAGE_SIZE)
        assert pages >= 2
        served = {request.path for request in mirror.requests}
        assert {listing_path(style, page) for page in range(1, pages + 1)} <= served, style.name
    db.dispose()


def _unreadable(problems: list[dict[str, str]]) -> set[str]:
    """Article pages the crawl fetched and cleaning found no article on (a seed page without text)."""
    return {problem["url"] for problem in problems if problem["outcome"] == "not_article"}


# --- query strings and feed dates ----------------------------------------------------------------


class _Site(ThreadingHTTPServer):
    """A dynamic-URL site: ``list.php?cate=1`` (and page 2), ``show.php?id=N&cate=1``, ``rss.php``."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        self.pages: dict[str, bytes] = {}
        self.requested: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    server: _Site

    def do_GET(self) -> None:  # the name http.server calls
        self.server.requested.append(self.path)
        body = self.server.pages.get(self.path)
        self.send_response(200 if body is not None else 404)
        kind = "application/rss+xml" if self.path.startswith("/rss") else "text/html; charset=utf-8"
        self.send_header("Content-Type", kind)
        payload = body if body is not None else b"not found"
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads the store."""


SIGNINGS = {
    1: ("宝山区重大项目集中签约", "上海市宝山区举行重大项目集中签约仪式,100个项目集中签约,总投资超500亿元。"),
    2: ("合肥高新区项目集中签约", "合肥高新区93个项目集中签约,总投资逾18亿元,涵盖新能源汽车和集成电路。"),
    3: ("成都双流区项目签约", "成都市双流区46个项目集中签约,总投资近25.75亿元,涉及航空和生物医药产业。"),
}
PUBLISHED = {1: "Thu, 26 Aug 2021 10:30:00 +0800", 2: "Wed, 25 Aug 2021 09:00:00 +0800", 3: "2021-08-24T08:15:00+08:00"}


def _article(number: int) -> bytes:
    title, text = SIGNINGS[number]
    filler = "签约项目涵盖先进制造、现代服务和科技创新等领域,将进一步推动区域经济高质量发展。" * 3
    return (
        f"<html><head><title>{title}</title></head><body><div class='nav'><a href='/list.php?cate=1'>招商动态</a>"
        f"</div><h1>{title}</h1><div class='content'><p>{text}</p><p>{filler}</p></div></body></html>"
    ).encode()


def _listing(*links: str, next_page: str = "") -> bytes:
    items = "".join(f"<li><a href='{link}'>签约</a></li>" for link in links)
    pager = f"<div class='pages'><a href='{next_page}'>下一页</a></div>" if next_page else ""
    return f"<html><body><ul class='list'>{items}</ul>{pager}</body></html>".encode()


def _rss(base: str) -> bytes:
    items = "".join(
        f"<item><title>{SIGNINGS[n][0]}</title><link>{base}/show.php?id={n}&amp;cate=1</link>"
        f"<pubDate>{PUBLISHED[n]}</pubDate></item>"
        if n != 3
        else f"<item><title>{SIGNINGS[n][0]}</title><link>{base}/show.php?id={n}&amp;cate=1</link>"
        f"<dc:date>{PUBLISHED[n]}</dc:date></item>"
        for n in SIGNINGS
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>招商动态</title>{items}</channel></rss>"
    ).encode()


@pytest.fixture
def site() -> Iterator[_Site]:
    server = _Site()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_query_urls_are_known_however_a_listing_orders_them(site: _Site, tmp_path: Path) -> None:
    site.pages = {
        "/list.php?cate=1": _listing(
            "show.php?id=1&cate=1", "show.php?id=2&cate=1", next_page="list.php?cate=1&page=2"
        ),
        "/list.php?cate=1&page=2": _listing("show.php?id=3&cate=1"),
        **{f"/show.php?id={n}&cate=1": _article(n) for n in SIGNINGS},
    }
    config = write_config(tmp_path, source("dynamic", "generic", f"{site.base}/list.php?cate=1"))
    settings = load_settings(config)
    [first] = run_crawl(settings, ["dynamic"])
    assert (first.status, first.new_articles) == ("ok", 3), first.error

    # The site now writes its links with the query the other way round, and page 2 too: nothing is new,
    # no article page is fetched again (revisit_days = 0), and page 2 is not read (page 1 held nothing new).
    site.pages["/list.php?cate=1"] = _listing(
        "show.php?cate=1&id=1", "show.php?cate=1&id=2", next_page="list.php?page=2&cate=1"
    )
    site.requested.clear()
    [second] = run_crawl(settings, ["dynamic"])
    assert (second.status, second.new_articles, second.duplicates, second.article_pages) == ("ok", 0, 0, 0)
    assert [path for path in site.requested if path != "/robots.txt"] == ["/list.php?cate=1"]


def test_a_feed_item_date_is_the_article_date_when_its_page_has_none(site: _Site, tmp_path: Path) -> None:
    site.pages = {"/rss.php": _rss(site.base), **{f"/show.php?id={n}&cate=1": _article(n) for n in SIGNINGS}}
    config = write_config(tmp_path, source("feed-only", "generic", "", f'feeds = ["{site.base}/rss.php"]'))
    settings = load_settings(config)
    [crawled] = run_crawl(settings, ["feed-only"])
    assert crawled.new_articles == 3, (crawled.error, crawled.problems)
    db = Database.from_settings(settings)
    with db.session() as session:
        published = {url: moment for url, moment in session.execute(select(Article.url, Article.published_at))}
    db.dispose()
    for number, text in PUBLISHED.items():
        moment = published[f"{site.base}/show.php?id={number}&cate=1"]
        assert moment is not None, number
        want = _parse(text)
        assert moment.astimezone(BEIJING) == want, number


def _parse(text: str) -> datetime:
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).astimezone(BEIJING)
    except (TypeError, ValueError):
        return datetime.fromisoformat(text).astimezone(BEIJING)
