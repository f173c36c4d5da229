"""Bad pages through a real crawl, ``signwatch import`` and ``signwatch reprocess``: each ends in one recorded outcome.

A small HTTP server of the test's own serves a listing and one article page
per case: a normal signing, control-character references, enormous numbers,
an empty 200, 50,000 nested ``<div>``s, 200 KB of random bytes served as
UTF-8, and a missing page.  Every page the crawl fetched must end stored,
not an article (with why) or an error (with why), counted in the run, listed
in the run's JSON, and kept as a ``PageProblem``; a later run meets the bad
pages again and goes on.  The same cases as archive files go through import,
and the stored raw pages through reprocess, where a page that cannot be
cleaned is reported and skipped while the rest go on.
"""

from __future__ import annotations

import json
import random
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from crawler.processes import PageToClean, clean_pages
from monitor.archive.files import Archive
from monitor.archive.importer import file_hash
from monitor.archive.ingest import ingest_pages
from monitor.config import load_settings
from monitor.records import FetchedPage, PageToStore
from monitor.running.crawl import CrawlOutcome, run_crawl
from monitor.store import Article, CrawlRun, Database, PageProblem, RawPage
from monitor.store.event_models import EventRow, FigureRow
from tests.command import run_signwatch

pytestmark = pytest.mark.slow

SOURCE = "bad-pages"
FETCHED = datetime(2024, 5, 9, 2, 0, tzinfo=UTC)
FOUR_HUNDRED_DIGITS = "9" * 400
MEGABYTE_OF_DIGITS = "9" * 1_000_000


def _page(title: str, *paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>".encode()


def _random_bytes(size: int) -> bytes:
    generator = random.Random(16)  # the same bytes every run
    return bytes(generator.randrange(256) for _ in range(size))


@dataclass(frozen=True)
class BadPage:
    """A page the server serves, what a crawl must make of it, and what its event must say when stored."""

    name: str
    body: bytes
    outcome: str  # new, not_article, error
    reason: str = ""  # what the recorded reason must contain
    county: str | None = None  # the county of its signing event, when one is expected
    projects: int | None = None
    investment: float | None = None
    status: int = 200


CASES = [
    BadPage(
        "signing",
        _page(
            "宝山区重大项目集中签约", "8月26日,上海市宝山区举行重大项目集中签约仪式,100个项目集中签约,总投资超500亿元。"
        ),
        "new",
        county="宝山区",
        projects=100,
        investment=5e10,
    ),
    BadPage(
        "control-refs",
        _page("金山区招商大会", "&#2;", "1月19日,上海市金山区举行招商大会,&#1;3个项目集中签约,&#11;总投资80亿元。"),
        "new",
        county="金山区",
        projects=3,
        investment=8e9,
    ),
    BadPage(
        "huge-count",
        _page(
            "嘉定区集中签约", "3月2日,上海市嘉定区举行集中签约仪式,99999999999999999999个项目集中签约,总投资120亿元。"
        ),
        "new",
        county="嘉定区",
        projects=None,  # no believable count: none is stored
        investment=1.2e10,
    ),
    BadPage(
        "huge-amount",
        _page(
            "青浦区集中签约", f"4月8日,上海市青浦区举行集中签约仪式,10个项目集中签约,总投资{FOUR_HUNDRED_DIGITS}亿元。"
        ),
        "new",
        county="青浦区",
        projects=10,
        investment=None,  # too large to be real: no figure
    ),
    BadPage(
        "megabyte-of-digits",
        _page("松江区集中签约", f"5月9日,上海市松江区举行集中签约仪式,总投资{MEGABYTE_OF_DIGITS}元。"),
        "new",
        county="松江区",
        investment=None,
    ),
    BadPage("empty", b"", "not_article", "empty page"),
    BadPage(
        "nested",
        ("<html><body>" + "<div>" * 50_000 + "闵行区签约" + "</div>" * 50_000 + "</body></html>").encode(),
        "not_article",
        "too deeply nested",
    ),
    BadPage("random-bytes", _random_bytes(200_000), "not_article", "not text: binary"),
    BadPage("missing", b"gone", "error", "HTTP 404", status=404),
]
STORED = [case for case in CASES if case.outcome == "new"]
NOT_ARTICLES = [case for case in CASES if case.outcome == "not_article"]
ERRORS = [case for case in CASES if case.outcome == "error"]


class _Site(ThreadingHTTPServer):
    """A listing at /news/ and one article page per case at /news/<name>.html, all served as UTF-8 HTML."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        links = "".join(f'<li><a href="/news/{case.name}.html">{case.name}</a></li>' for case in CASES)
        self.pages = {"/news/": (200, f"<html><body><ul>{links}</ul></body></html>".encode())}
        self.pages.update({f"/news/{case.name}.html": (case.status, case.body) for case in CASES})

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: _Site

    def do_GET(self) -> None:  # the name http.server calls
        status, body = self.server.pages.get(self.path, (404, b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads the store, not the server's log."""


@pytest.fixture(scope="module")
def site() -> Iterator[_Site]:
    server = _Site()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _config(tmp_path: Path, site: _Site) -> Path:
    config = tmp_path / "signwatch.toml"
    config.write_text(
        f'data_dir = "{tmp_path / "data"}"\n'
        "[crawler]\ndownload_delay = 0.0\nconcurrency_per_domain = 8\nretries = 0\ntimeout = 20.0\n"
        f'[[sources]]\nname = "{SOURCE}"\ntype = "generic"\nstart_urls = ["{site.base}/news/"]\n'
        'article_pattern = "/news/.+[.]html$"\nrevisit_days = 0\n',
        encoding="utf-8",
    )
    return config


def signwatch(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``signwatch --config CONFIG ARGS`` as a user runs it."""
    return run_signwatch("--config", str(config), *args)


def _check_counts(outcome: CrawlOutcome | dict[str, Any]) -> None:
    """The run's counts: each bad page once, and every article page fetched in exactly one outcome."""
    counts: dict[str, Any] = outcome if isinstance(outcome, dict) else vars(outcome)
    assert counts["status"] == "ok", counts.get("error")
    assert counts["not_articles"] == len(NOT_ARTICLES)
    assert counts["errors"] == len(ERRORS)  # the 404: a failed request, no page to clean
    outcomes = ("new_articles", "revisions", "duplicates", "unchanged", "not_articles", "page_errors")
    assert counts["article_pages"] == sum(int(counts[key]) for key in outcomes)
    problems = counts["problems"]
    assert isinstance(problems, list)
    assert {(p["url"].rsplit("/", 1)[1], p["outcome"]) for p in problems} == {
        (f"{case.name}.html", case.outcome) for case in NOT_ARTICLES + ERRORS
    }


def _problems(db: Database, run_id: int) -> dict[str, tuple[str, str]]:
    with db.session() as session:
        rows = session.scalars(select(PageProblem).where(PageProblem.run_id == run_id)).all()
        return {row.url.rsplit("/", 1)[1].removesuffix(".html"): (row.outcome, row.reason) for row in rows}


def _events(db: Database) -> dict[str | None, tuple[int | None, float | None]]:
    with db.session() as session:
        rows = session.execute(select(EventRow.county, EventRow.projects, EventRow.investment_value)).all()
        return {county: (projects, value) for county, projects, value in rows}


def test_every_fetched_page_ends_in_one_recorded_outcome(site: _Site, tmp_path: Path) -> None:
    config = _config(tmp_path, site)
    settings = load_settings(config)

    # 1. The first crawl: the article pages are stored, each bad one is counted with why.
    [first] = run_crawl(settings, [SOURCE])
    assert first.new_articles == len(STORED)
    _check_counts(first)
    db = Database.from_settings(settings)
    assert first.run_id is not None
    problems = _problems(db, first.run_id)
    for case in NOT_ARTICLES + ERRORS:
        outcome, reason = problems[case.name]
        assert outcome == case.outcome and case.reason in reason, (case.name, reason)
    with db.session() as session:
        run = session.get(CrawlRun, first.run_id)
        assert run is not None
        assert (run.status, run.new_articles, run.not_articles, run.errors) == (
            "ok",
            len(STORED),
            len(NOT_ARTICLES),
            len(ERRORS),
        )
        assert run.error_text is not None and "HTTP 404" in run.error_text and "\n" not in run.error_text
        urls = set(session.scalars(select(Article.url)))
    assert {url.rsplit("/", 1)[1] for url in urls if url} == {f"{case.name}.html" for case in STORED}
    # Each stored page's signing survives, with no number the store cannot hold.
    events = _events(db)
    for case in STORED:
        assert events[case.county] == (case.projects, case.investment), case.name
    with db.session() as session:
        assert max(session.scalars(select(FigureRow.value))) <= 1e16

    # 2. Again, through `signwatch crawl --json`: the stored pages are known, the bad ones fetched and
    #    counted again (nothing blocks a later run), the JSON document says so.
    again = signwatch(config, "crawl", SOURCE, "--json")
    assert again.returncode == 0, again.stderr
    document = json.loads(again.stdout)
    assert document["new_articles"] == 0
    _check_counts(document)
    assert document["unchanged"] == 0  # revisit_days = 0: stored articles are not fetched again
    assert len(_problems(db, document["run_id"])) == len(NOT_ARTICLES + ERRORS)

    # 3. Reprocess cleans and extracts every stored page again, the enormous numbers included.
    done = signwatch(config, "reprocess", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"reprocessed": len(STORED), "not_articles": [], "failed": []}
    assert _events(db) == events
    db.dispose()


def test_reprocess_reports_and_skips_an_article_it_cannot_clean(site: _Site, tmp_path: Path) -> None:
    config = _config(tmp_path, site)
    settings = load_settings(config)
    [crawled] = run_crawl(settings, [SOURCE])
    assert crawled.new_articles == len(STORED)
    db = Database.from_settings(settings)
    events = _events(db)
    # Stored pages that can no longer be cleaned: one of a site type since removed from the
    # registry, one whose stored bytes are damaged.
    with db.session() as session:
        by_name = {row.url.rsplit("/", 1)[1]: row.id for row in session.scalars(select(Article)) if row.url}
        retired, damaged = by_name["control-refs.html"], by_name["huge-count.html"]
        session.execute(update(RawPage).where(RawPage.article_id == retired).values(site_type="retired-cms"))
        session.execute(update(RawPage).where(RawPage.article_id == damaged).values(compressed=b"not zlib"))
        names = {
            article_id: name
            for article_id, name in session.execute(select(Article.id, Article.archive_name))
            if article_id in (retired, damaged)
        }

    for _ in range(2):  # a failing article never blocks the next run
        done = signwatch(config, "reprocess", "--json")
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout)
        assert report["reprocessed"] == len(STORED) - 2
        failed = {item["article"]: item for item in report["failed"]}
        assert set(failed) == {retired, damaged}
        assert failed[retired]["file"] == names[retired]
        assert "retired-cms" in failed[retired]["reason"]
        assert failed[damaged]["reason"].startswith("stored raw page unreadable")
    # the failed articles keep what they had (and stay pending); the others were filed again
    assert _events(db) == events
    with db.session() as session:
        pending = set(session.scalars(select(Article.id).where(Article.analysed_at.is_(None))))
    assert pending == {retired, damaged}
    plain = signwatch(config, "reprocess", "--pending")
    assert plain.returncode == 0 and plain.stdout.startswith("reprocessed: 0  not articles: 0  failed: 2")
    assert "retired-cms" in plain.stdout
    db.dispose()


# As archive files: the seed text format (title, date line, body), or the page's bytes as they are.
def _archive_text(title: str, sentence: str) -> bytes:
    return f"{title}\n2024-05-09 10:00 来源:测试\n{sentence}\n".encode()


IMPORT_CASES: list[tuple[str, bytes, str, str]] = [
    # (case, file bytes, outcome, reason)
    (
        "signing",
        _archive_text("宝山区签约", "8月26日,上海市宝山区举行重大项目集中签约仪式,总投资超500亿元。"),
        "new",
        "",
    ),
    (
        "control characters",
        _archive_text("金山区签约", "\x02\x01上海市金山区举行招商大会,\x0b3个项目集中签约。"),
        "new",
        "",
    ),
    (
        "control-char references",
        _archive_text("奉贤区签约", "&#2;上海市奉贤区举行集中签约仪式,&#11;5个项目签约。"),
        "new",
        "",
    ),
    (
        "huge count",
        _archive_text("嘉定区签约", "上海市嘉定区举行集中签约仪式,99999999999999999999个项目集中签约。"),
        "new",
        "",
    ),
    (
        "huge amount",
        _archive_text("青浦区签约", f"上海市青浦区举行集中签约仪式,总投资{FOUR_HUNDRED_DIGITS}亿元。"),
        "new",
        "",
    ),
    (
        "megabyte of digits",
        _archive_text("松江区签约", f"上海市松江区举行集中签约仪式,总投资{MEGABYTE_OF_DIGITS}元。"),
        "new",
        "",
    ),
    ("nested divs", ("<div>" * 50_000 + "闵行区签约" + "</div>" * 50_000).encode(), "new", ""),
    ("empty", b"", "invalid", "empty"),
    ("random bytes", _random_bytes(200_000), "invalid", "not valid UTF-8"),
]


def test_import_counts_every_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "import"
    folder.mkdir()
    names = {}
    for number, (case, data, _outcome, _reason) in enumerate(IMPORT_CASES, start=1):
        # The name's hash is the file's identity; an empty file still needs a distinct one.
        name = f"{number:03d}_{file_hash(data + case.encode())}.txt"
        (folder / name).write_bytes(data)
        names[case] = name
    config = tmp_path / "signwatch.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")

    result = signwatch(config, "import", str(folder), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    new = [case for case, _, outcome, _ in IMPORT_CASES if outcome == "new"]
    assert (report["new"], report["duplicate"], report["failed"]) == (len(new), 0, [])
    invalid = {item["file"]: item["reason"] for item in report["invalid"]}
    for case, _data, outcome, reason in IMPORT_CASES:
        if outcome == "invalid":
            assert reason in invalid[names[case]], case
    db = Database.from_settings(load_settings(config))
    with db.session() as session:
        assert set(session.scalars(select(Article.archive_name).where(Article.analysed_at.is_not(None)))) == {
            names[case] for case in new
        }
    assert {county for county, _ in _events(db).items()} >= {"宝山区", "金山区", "奉贤区", "嘉定区", "青浦区", "松江区"}
    assert _events(db)["嘉定区"][0] is None and _events(db)["青浦区"][1] is None

    # The second import finds them all known; a reprocess of them all goes through.
    again = json.loads(signwatch(config, "import", str(folder), "--json").stdout)
    assert (again["new"], again["duplicate"], len(again["invalid"]), again["failed"]) == (0, len(new), 2, [])
    done = signwatch(config, "reprocess", "--json")
    assert json.loads(done.stdout) == {"reprocessed": len(new), "not_articles": [], "failed": []}
    db.dispose()


# Numbers past what the store's columns hold, on the database that holds least (PostgreSQL's INTEGER is 32-bit).
STORE_CASES = [
    # (case, the signing sentence, the projects and investment its event must store)
    ("count past 32 bits", "上海市浦东新区举行集中签约仪式,9999999999个项目集中签约,总投资50亿元。", None, 5e9),
    (
        "count past 64 bits",
        "上海市浦东新区举行集中签约仪式,99999999999999999999个项目集中签约,总投资60亿元。",
        None,
        6e9,
    ),
    ("amount past 10^16", "上海市浦东新区举行集中签约仪式,12个项目集中签约,总投资1亿亿亿元。", 12, None),
    (
        "amount of 400 digits",
        f"上海市浦东新区举行集中签约仪式,13个项目集中签约,总投资{FOUR_HUNDRED_DIGITS}元。",
        13,
        None,
    ),
    ("amount at 10^16", "上海市浦东新区举行集中签约仪式,14个项目集中签约,总投资1亿亿元。", 14, 1e16),
]


@pytest.mark.parametrize(("case", "sentence", "projects", "investment"), STORE_CASES, ids=[c[0] for c in STORE_CASES])
def test_the_store_step_takes_enormous_numbers(
    db: Database, archive: Archive, case: str, sentence: str, projects: int | None, investment: float | None
) -> None:
    page = _page(case, sentence)
    [cleaned] = clean_pages([PageToClean(page, f"http://127.0.0.1/news/{case}.html", FETCHED, "utf-8", "generic")])
    assert cleaned.problem is None
    fetched = FetchedPage(url=f"http://127.0.0.1/news/{case}.html", body=page, fetched_at=FETCHED)
    [result] = ingest_pages(db, archive, [PageToStore(fetched, cleaned.article, SOURCE, cleaned.extraction)])
    assert result.outcome == "new"
    with db.session() as session:
        [(stored_projects, stored_investment)] = session.execute(select(EventRow.projects, EventRow.investment_value))
    assert (stored_projects, stored_investment) == (projects, investment)
    assert ("amount-too-large" in cleaned.extraction.flags) == (investment is None)
