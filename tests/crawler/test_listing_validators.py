"""Polling an unchanged listing is cheap: the real crawl against the mirror over 127.0.0.1.

The second poll of an unchanged source asks for its listing page with the
validators it answered with (a 304, no body), or, from a site that ignores
them, fetches it and finds the same article links: either way no article is
requested, nothing is stored, and the run counts the listing as unchanged.
A listing that changed is followed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from monitor.config import load_settings
from monitor.demo.mirror import SITES, MirrorServer
from monitor.demo.mirror.server import ServedRequest
from monitor.demo.mirror.templates import listing_path
from monitor.running.crawl import run_crawl
from monitor.running.listings import links_digest, load_listing_memos
from monitor.store import Article, CrawlRun, Database, Source

pytestmark = pytest.mark.slow

# The sites without a feed: a poll of each is its listing page only.
LISTED = [style for style in SITES if style.site_type != "generic"]
SOURCES = [f"mirror-{style.name}" for style in LISTED]
FIRST_PAGES = {listing_path(style, 1) for style in LISTED}


@pytest.fixture
def mirror(request: pytest.FixtureRequest) -> Iterator[MirrorServer]:
    """A small mirror, answering validators or not as the test's parameter says."""
    server = MirrorServer(articles_per_site=8, seed=5, page_size=5, honour_validators=request.param)
    server.start()
    yield server
    server.stop()


def _pages(server: MirrorServer) -> list[ServedRequest]:
    """The requests for the sites' pages (robots.txt is read once a crawl of a host, whatever changed)."""
    return [r for r in server.requests if r.path != "/robots.txt"]


def _articles(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Article)) or 0)


def _last_runs(db: Database) -> dict[str, CrawlRun]:
    with db.session() as session:
        runs = session.scalars(select(CrawlRun).join(Source).order_by(CrawlRun.id)).all()
        return {run.source.name: run for run in runs}


# (the mirror answers validators, what the second poll's listing requests get)
CASES = [(True, 304), (False, 200)]


@pytest.mark.parametrize(("mirror", "status"), CASES, indirect=["mirror"], ids=["304", "validators-ignored"])
def test_an_unchanged_listing_costs_its_one_request(mirror: MirrorServer, status: int, tmp_path: Path) -> None:
    config = mirror.write_config(tmp_path / "signwatch.toml", tmp_path / "data", revisit_days=0)
    settings = load_settings(config)
    db = Database.from_settings(settings)
    first = run_crawl(settings, SOURCES)
    assert [o.status for o in first] == ["ok"] * len(SOURCES), [o.error for o in first]
    assert all(o.new_articles > 0 and o.listings_unchanged == 0 for o in first)
    stored = _articles(db)
    # Every listing page read is remembered with the fingerprint of its article links.
    memos = load_listing_memos(db, "mirror-zblog")
    assert len(memos) > 1  # page 1 and the older pages the first crawl paginated through
    assert all(memo.links for memo in memos.values())

    mirror.clear_log()
    second = run_crawl(settings, SOURCES)
    assert [o.status for o in second] == ["ok"] * len(SOURCES), [o.error for o in second]
    requests = _pages(mirror)
    assert sorted(r.path for r in requests) == sorted(FIRST_PAGES)  # exactly the listing requests
    assert {r.status for r in requests} == {status}
    assert all(r.conditional for r in requests)  # asked with the validators either way
    assert all(r.body_bytes == 0 for r in requests) == (status == 304)
    assert [o.listings_unchanged for o in second] == [1] * len(SOURCES)
    assert [o.new_articles for o in second] == [0] * len(SOURCES)
    assert _articles(db) == stored  # nothing stored
    runs = _last_runs(db)
    assert {name: (run.status, run.unchanged_listings, run.new_articles) for name, run in runs.items()} == {
        name: ("ok", 1, 0) for name in SOURCES
    }

    # A new article on one site: its listing changed and is followed; the others stay unchanged.
    published = mirror.publish("zblog")
    mirror.clear_log()
    third = {o.source: o for o in run_crawl(settings, SOURCES)}
    assert third["mirror-zblog"].new_articles == 1
    assert third["mirror-zblog"].listings_unchanged == 0
    new_url = mirror.article_url("zblog", published.article_id)
    # News on page 1: the pages its pager links are read too (as before), and the one new article fetched.
    articles = [r.path for r in _pages(mirror) if r.path not in FIRST_PAGES and "/category-" not in r.path]
    assert articles == [new_url.removeprefix(mirror.base_url)]
    assert [third[name].listings_unchanged for name in SOURCES if name != "mirror-zblog"] == [1, 1]
    assert _articles(db) == stored + 1
    page_one = mirror.base_url + listing_path(LISTED[0], 1)
    remembered = load_listing_memos(db, "mirror-zblog")[page_one]
    assert new_url in remembered.links
    assert remembered.digest != links_digest(memos[page_one].links)
    db.dispose()


@pytest.mark.parametrize("mirror", [True], indirect=True)
def test_a_link_whose_fetch_failed_is_followed_from_an_unchanged_listing(mirror: MirrorServer, tmp_path: Path) -> None:
    # The listing is unchanged (a 304), but one of its links was never stored: the poll fetches it.
    config = mirror.write_config(tmp_path / "signwatch.toml", tmp_path / "data", revisit_days=0)
    settings = load_settings(config)
    db = Database.from_settings(settings)
    run_crawl(settings, ["mirror-zblog"])
    newest = mirror.articles("zblog")[0]
    url = mirror.article_url("zblog", newest.article_id)
    with db.session() as session:
        article = session.scalar(select(Article).where(Article.url == url))
        assert article is not None
        session.delete(article)  # as if its fetch had failed: the link is not stored
    mirror.clear_log()
    again = run_crawl(settings, ["mirror-zblog"])[0]
    assert again.listings_unchanged == 1
    assert again.new_articles == 1
    assert [(r.path, r.status) for r in _pages(mirror)] == [
        (listing_path(LISTED[0], 1), 304),
        (url.removeprefix(mirror.base_url), 200),
    ]
    db.dispose()
