"""What a themed mirror site should read as, and how far cleaning and a crawl got: shared by the site tests.

The truth is the mirror's own article (title, date, 来源, paragraphs): the
theme drew it into the real CMS's structure, and reading it back must give
it again.  ``bench/bench_sites.py`` scores the same comparisons as rates.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lxml import etree
from sqlalchemy import select

from monitor.archive.canonical import canonical_piece
from monitor.config import Settings, load_settings
from monitor.demo.mirror import MirrorServer
from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.sites import THEME_SITES
from monitor.demo.mirror.sources_config import sources_toml, theme_source
from monitor.demo.mirror.templates import SiteStyle, article_path, listing_path
from monitor.running.crawl import CrawlOutcome, run_crawl
from monitor.running.startup import open_store
from monitor.store import Article, Database, Source
from monitor.text import CleanArticle, clean_html
from monitor.text.byline import BEIJING
from monitor.text.decoding import decode_page
from monitor.text.recognise import page_site_type
from monitor.text.script import to_simplified

# How a themed site is crawled: by its own type's spider, and by generic with and without an article pattern.
SPIDERS = ("own", "generic-pattern", "generic-bare")


def themed_site(name: str) -> SiteStyle:
    """The mirror site of the theme called ``name``."""
    for style in THEME_SITES:
        if style.name == name:
            return style
    raise LookupError(f"no theme {name!r}")


@dataclass(frozen=True)
class Reading:
    """What one article page read as, beside what it is."""

    truth: MirrorArticle
    title: str | None
    published: datetime | None
    source: str | None
    body: tuple[str, ...]

    def problems(self, shows_time: bool) -> list[str]:
        """Each way the reading differs from the truth, one line each (empty: read right)."""
        found = []
        # Cleaning writes Simplified characters (the generator's 华鐘 reads 华钟): so does the truth.
        want_title = to_simplified(self.truth.title)
        if self.title != want_title:
            found.append(f"title {self.title!r} != {want_title!r}")
        want = self.truth.published
        got = self.published.astimezone(BEIJING).replace(tzinfo=None) if self.published else None
        if got is None or got.date() != want.date():
            found.append(f"date {got} != {want:%Y-%m-%d}")
        elif shows_time and (got.hour, got.minute) != (want.hour, want.minute):
            found.append(f"time {got:%H:%M} != {want:%H:%M}")
        if self.truth.source is not None and self.source != self.truth.source:
            found.append(f"来源 {self.source!r} != {self.truth.source!r}")
        want_body = tuple(canonical_piece(to_simplified(p)) for p in self.truth.paragraphs)
        if tuple(canonical_piece(p) for p in self.body) != want_body:
            found.append(f"body {body_f1(self.body, self.truth.paragraphs):.3f} F1: {list(self.body)[:6]!r}")
        return found


def body_f1(got: Sequence[str], want: Sequence[str]) -> float:
    """Character-bag F1 of a read body against the true one, in Simplified characters (1.0: the same characters)."""
    from collections import Counter

    have, need = Counter("".join(got)), Counter(to_simplified("".join(want)))
    overlap = sum((have & need).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(have.values()), overlap / sum(need.values())
    return 2 * precision * recall / (precision + recall)


def page_bytes(mirror: MirrorServer, style: SiteStyle, path: str) -> bytes:
    """The bytes the running mirror serves at ``path`` (a 404 fails)."""
    reply = mirror.answer("GET", path, {}, b"")
    assert reply.status == 200, f"{path}: HTTP {reply.status}"
    return reply.body


def clean_site(mirror: MirrorServer, style: SiteStyle, *, typed: bool = True) -> list[Reading]:
    """Every article page of a themed site, cleaned as the crawl's clean step does (type given).

    ``typed=False``: as import and reprocess may clean a page, with neither its
    type nor the charset of an HTTP header, both read from the page itself.
    """
    readings = []
    for article in mirror.articles(style.name):
        path = article_path(style, article)
        cleaned: CleanArticle = clean_html(
            page_bytes(mirror, style, path),
            url=mirror.base_url + path,
            fetched=datetime.now(BEIJING),
            http_charset=style.header_charset if typed else None,
            site_type=style.site_type if typed else None,
        )
        readings.append(Reading(article, cleaned.title, cleaned.published, cleaned.source, cleaned.paragraphs))
    return readings


def wrong_readings(readings: Sequence[Reading], shows_time: bool) -> dict[int, list[str]]:
    """Each article read wrong, by id, with what was wrong (``shows_time``: the pages print the time of day)."""
    return {r.truth.article_id: found for r in readings if (found := r.problems(shows_time))}


def page_type(mirror: MirrorServer, style: SiteStyle, path: str, *, with_source: bool = True) -> str:
    """The site type cleaning recognises a page as (``with_source=False``: from its markup alone, no page source)."""
    text, _ = decode_page(page_bytes(mirror, style, path), style.header_charset)
    document = etree.fromstring(text.encode("utf-8"), etree.HTMLParser(encoding="utf-8"))
    metas = [
        ((meta.get("name") or meta.get("property") or "").lower(), meta.get("content") or "")
        for meta in document.iter("meta")
    ]
    return page_site_type(document, metas, mirror.base_url + path, text if with_source else None)


def listing_paths(mirror: MirrorServer, style: SiteStyle) -> list[str]:
    """Every listing page of a themed site, page 1 first."""
    assert style.theme is not None
    pages = -(-len(mirror.articles(style.name)) // style.theme.page_size)
    return [listing_path(style, page) for page in range(1, pages + 1)]


def source_name(style: SiteStyle, spider: str) -> str:
    """The source that crawls ``style``'s site with ``spider`` (one of SPIDERS)."""
    return f"{style.name}-{spider}"


def crawl_config(mirror: MirrorServer, data_dir: Path, styles: Sequence[SiteStyle], spiders: Sequence[str]) -> str:
    """A config with one source per (themed site, spider)."""
    host = mirror.host
    text = sources_toml(mirror.base_url, host, data_dir).split("\n[[sources]]", 1)[0]
    lines = [text.rstrip("\n")]
    for style in styles:
        assert style.theme is not None
        for spider in spiders:
            kind = style.site_type if spider == "own" else "generic"
            pattern = style.theme.article_pattern if spider == "generic-pattern" else ""
            lines += theme_source(
                style, mirror.base_url, host, 2, name=source_name(style, spider), site_type=kind, pattern=pattern
            )
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class CrawledSite:
    """What one source's crawl of a themed site stored, beside the site's articles."""

    outcome: CrawlOutcome
    readings: list[Reading]  # the stored articles that are the site's articles, by URL
    missing: list[MirrorArticle]  # the site's articles nothing was stored for
    strays: list[str]  # stored URLs that are no article of the site (a listing, a page of chrome)


def crawl_sites(
    mirror: MirrorServer, tmp_path: Path, styles: Sequence[SiteStyle], spiders: Sequence[str] = SPIDERS
) -> dict[str, CrawledSite]:
    """Crawl every (site, spider) for real over 127.0.0.1 and compare what was stored, by source name.

    Each spider crawls into a store of its own: one store keeps an article
    once, so a second source storing the same page would find it a duplicate.
    The spiders crawl at the same time, each ``run_crawl`` (a child process,
    started and waited for by one thread, as ``run_crawl`` requires) in a
    thread of its own: most of a crawl is waiting on its child's start-up and
    the mirror, so three together take little longer than one.
    """
    # The stores are made (migrated) here, one after another: Alembic keeps its state in module globals.
    stores = {spider: _spider_store(mirror, tmp_path / spider, styles, spider) for spider in spiders}
    crawled = {}
    try:
        with ThreadPoolExecutor(max_workers=len(spiders)) as pool:
            runs = [pool.submit(_crawl_one_spider, mirror, *stores[spider], styles, spider) for spider in spiders]
            for run in runs:
                crawled.update(run.result())
    finally:
        for _settings, db in stores.values():
            db.dispose()
    return crawled


def _spider_store(
    mirror: MirrorServer, work: Path, styles: Sequence[SiteStyle], spider: str
) -> tuple[Settings, Database]:
    """The settings of one spider's crawl of ``styles`` and its store, migrated and empty."""
    work.mkdir(parents=True, exist_ok=True)
    config = work / "signwatch.toml"
    config.write_text(crawl_config(mirror, work / "data", styles, [spider]), encoding="utf-8")
    settings = load_settings(config)
    return settings, open_store(settings)


def _crawl_one_spider(
    mirror: MirrorServer, settings: Settings, db: Database, styles: Sequence[SiteStyle], spider: str
) -> dict[str, CrawledSite]:
    names = [source_name(style, spider) for style in styles]
    outcomes = {outcome.source: outcome for outcome in run_crawl(settings, names, db=db)}
    crawled = {}
    with db.session() as session:
        for style in styles:
            by_url = {mirror.base_url + article_path(style, a): a for a in mirror.articles(style.name)}
            name = source_name(style, spider)
            rows = session.scalars(select(Article).join(Source).where(Source.name == name)).all()
            readings, strays, seen = [], [], set()
            for row in rows:
                truth = by_url.get(row.url or "")
                if truth is None:
                    strays.append(row.url or "?")
                    continue
                seen.add(row.url)
                body = tuple(line for line in row.clean_text.splitlines() if line)
                if row.title and body and body[0] == canonical_piece(row.title):
                    body = body[1:]
                readings.append(Reading(truth, row.title, row.published_at, row.news_source, body))
            missing = [a for url, a in by_url.items() if url not in seen]
            crawled[name] = CrawledSite(outcomes[name], readings, missing, strays)
    return crawled
