"""Crawling the offline mirror for real over 127.0.0.1: first crawl, unchanged revisit, changes.

Each crawl runs as ``signwatch crawl`` does: ``run_crawl`` starts
``python -m crawler.run`` in a child process against a config the mirror wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crawler.spiders.dedecms import DedecmsSpider
from crawler.spiders.source_spider import SourceSpider
from crawler.spiders.taiwancn import TaiwancnSpider
from crawler.spiders.zblog import ZblogSpider
from monitor.archive.analysis import _load, clean_raw
from monitor.config import load_settings
from monitor.demo.mirror import SITES, MirrorServer
from monitor.demo.mirror.server import ServedRequest
from monitor.demo.mirror.templates import article_path, render_article
from monitor.running.crawl import CrawlOutcome, run_crawl
from monitor.store import Article, CrawlRun, Database
from monitor.text import clean_html

pytestmark = pytest.mark.slow

SOURCES = [f"mirror-{style.name}" for style in SITES]
ARTICLE_PATTERNS: dict[str, type[SourceSpider]] = {
    "zblog": ZblogSpider,
    "dedecms": DedecmsSpider,
    "taiwancn": TaiwancnSpider,
}


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    """A small mirror: 12 generated articles per site plus the seeds, 5 to a listing page."""
    server = MirrorServer(articles_per_site=12, seed=3, page_size=5)
    server.start()
    yield server
    server.stop()


def _is_article(request: ServedRequest) -> bool:
    site = request.path.split("/")[1]
    spider = ARTICLE_PATTERNS.get(site)
    if spider is not None:
        return re.search(spider.article_url, request.path) is not None
    return site == "generic" and request.path.startswith("/generic/news/") and request.path.endswith(".html")


def _paths_without_text(server: MirrorServer) -> set[str]:
    """Article paths the cleaner finds no text on: never stored, so fetched again on revisits."""
    empty = set()
    for style in SITES:
        for article in server.articles(style.name):
            path = article_path(style, article)
            page = render_article(style, article, server.today, server.base_url + path)
            cleaned = clean_html(
                page.encode(style.encoding, "xmlcharrefreplace"),
                url=server.base_url + path,
                fetched=datetime.now(),
                http_charset=style.header_charset,
                site_type=style.site_type,
            )
            if not cleaned.paragraphs:
                empty.add(path)
    return empty


def _total(outcomes: list[CrawlOutcome], key: str) -> int:
    return sum(int(getattr(o, key)) for o in outcomes)


def test_first_unchanged_and_changed_crawls(mirror: MirrorServer, tmp_path: Path) -> None:
    config = mirror.write_config(tmp_path / "signwatch.toml", tmp_path / "data", revisit_days=2)
    settings = load_settings(config)
    db = Database.from_settings(settings)

    # 1. The first crawl stores every article with text exactly once.
    empty = _paths_without_text(mirror)
    expected = sum(len(mirror.articles(style.name)) for style in SITES) - len(empty)
    mirror.clear_log()
    first = run_crawl(settings, SOURCES)
    assert [o.status for o in first] == ["ok"] * len(SOURCES), [o.error for o in first]
    assert _total(first, "new_articles") == expected
    assert _total(first, "revisions") == 0
    assert all(o.listing_links > 0 for o in first)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == expected
    first_requests = len(mirror.requests)

    # 2. Nothing changed: nothing stored, no article page downloaded in full (304s only).
    assert {r.path for r in mirror.requests if _is_article(r) and r.status == 200} >= empty
    mirror.clear_log()
    second = run_crawl(settings, SOURCES)
    assert [o.status for o in second] == ["ok"] * len(SOURCES)
    assert _total(second, "new_articles") == 0
    assert _total(second, "revisions") == 0
    full_downloads = {r.path for r in mirror.requests if _is_article(r) and r.status == 200}
    assert full_downloads <= empty  # only pages that never had text to store
    assert any(r.status == 304 and r.conditional for r in mirror.requests)
    assert len(mirror.requests) < first_requests / 2

    # 3. Two articles published and one edited: two new articles and one revision.
    mirror.publish("zblog")
    mirror.publish("dedecms")
    edited = mirror.articles("taiwancn")[0]
    mirror.edit("taiwancn", edited.article_id)
    third = run_crawl(settings, SOURCES)
    assert _total(third, "new_articles") == 2
    assert _total(third, "revisions") == 1
    with db.session() as session:
        revision = session.scalar(select(Article).where(Article.revision_of_id.is_not(None)))
        assert revision is not None
        assert revision.url == mirror.article_url("taiwancn", edited.article_id)
        assert "更正" in revision.clean_text
        runs = session.scalars(select(CrawlRun).order_by(CrawlRun.id)).all()
        assert len(runs) == 3 * len(SOURCES)
        assert {run.status for run in runs} == {"ok"}
        assert sum(run.revisions for run in runs) == 1
        assert all(run.finished_at is not None and run.listing_links > 0 for run in runs)
    db.dispose()


def test_a_crawled_page_reprocesses_to_the_text_the_crawl_stored(mirror: MirrorServer, tmp_path: Path) -> None:
    # The raw page is stored with the charset cleaning was given (GBK, Big5 and
    # UTF-8 sites alike), so a reprocess reads every page exactly as the crawl did.
    config = mirror.write_config(tmp_path / "signwatch.toml", tmp_path / "data", revisit_days=2)
    settings = load_settings(config)
    outcomes = run_crawl(settings, SOURCES)
    assert [o.status for o in outcomes] == ["ok"] * len(SOURCES), [o.error for o in outcomes]
    db = Database.from_settings(settings)
    with db.session() as session:
        stored = {row.id: row.content_hash for row in session.execute(select(Article.id, Article.content_hash))}
        raws = _load(session, sorted(stored))
    db.engine.dispose()
    assert {raw.site_type for raw in raws} == {style.site_type for style in SITES}
    assert {raw.article_id: clean_raw(raw).content_hash for raw in raws} == stored
