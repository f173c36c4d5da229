"""``signwatch sources check``: one clear line per problem, and the shipped example passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.spiders.discovery import feed_links, sitemap_links
from monitor.config import SourceSettings, load_settings
from monitor.running.source_check import check_all, schedule_problem, source_problems

ROOT = Path(__file__).resolve().parents[2]


def source(**changes: object) -> SourceSettings:
    base: dict[str, object] = {
        "name": "s",
        "type": "zblog",
        "start_urls": ["http://bs-cfw.com/index.php/category-2.html"],
    }
    return SourceSettings(**{**base, **changes})  # type: ignore[arg-type]


# (a source made in code, its one problem as ``key: problem``; None when it has none)
PROBLEMS = [
    (source(), None),
    (source(start_urls=[]), "start_urls: empty, with no feeds or sitemaps either: nothing to crawl"),
    (source(start_urls=[], feeds=["http://bs-cfw.com/feed.php"]), None),
    (source(start_urls=["ftp://bs-cfw.com/"]), "start_urls[0]: 'ftp://bs-cfw.com/' is not an http(s) URL"),
    (
        source(allowed_domains=["rent.sh.cn"]),
        "start_urls[0]: 'http://bs-cfw.com/index.php/category-2.html' is outside allowed_domains (rent.sh.cn)",
    ),
    (
        source(schedule="every day"),
        "schedule: 'every day' is neither an interval (30m, 6h, 1d) nor a five-field cron expression",
    ),
    (source(page_limit=0), "page_limit: must be at least 1, not 0"),
    (source(encoding="klingon"), "encoding: 'klingon' is not a known charset"),
    (
        source(article_pattern="post/(\\d+"),
        "article_pattern: 'post/(\\\\d+' is not a valid regular expression:"
        " missing ), unterminated subpattern at position 5",
    ),
    (
        source(type="generic", link_css="ul..x"),
        "link_css: 'ul..x' is not a CSS selector of elements: Expected ident, got <DELIM '.' at 3>",
    ),
    (source(type="generic", link_xpath="//a[@"), "link_xpath: '//a[@' is not a valid XPath: Invalid expression"),
    # Without a link rule, generic picks article links by their shape: nothing to report.
    (source(type="generic"), None),
    (source(revisit_days=-1), "revisit_days: must be at least 0, not -1"),
]


@pytest.mark.parametrize(("entry", "problem"), PROBLEMS)
def test_source_problems(entry: SourceSettings, problem: str | None) -> None:
    assert source_problems(entry) == ([] if problem is None else [problem])
    assert check_all([entry]) == ([] if problem is None else [f"s: {problem}"])


@pytest.mark.parametrize(("schedule", "ok"), [("30m", True), ("6h", True), ("0 */6 * * *", True), ("6 hours", False)])
def test_schedules(schedule: str, ok: bool) -> None:
    assert (schedule_problem(schedule) is None) == ok


def test_example_sources_are_valid_and_disabled() -> None:
    settings = load_settings(ROOT / "examples" / "sources.example.toml")
    assert {s.type for s in settings.sources} == {"zblog", "dedecms", "taiwancn", "generic"}
    assert not any(s.enabled for s in settings.sources)
    assert check_all(settings.sources) == []


def test_feed_and_sitemap_links() -> None:
    rss = b"<rss><channel><item><link>http://a.cn/1.html</link></item><item><link>http://a.cn/2.html</link></item></channel></rss>"
    atom = b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="http://a.cn/3.html"/></entry></feed>'
    sitemap = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://a.cn/4.html</loc></url></urlset>'
    )
    index = b"<sitemapindex><sitemap><loc>http://a.cn/s1.xml</loc></sitemap></sitemapindex>"
    assert feed_links(rss) == ["http://a.cn/1.html", "http://a.cn/2.html"]
    assert feed_links(atom) == ["http://a.cn/3.html"]
    assert sitemap_links(sitemap) == (["http://a.cn/4.html"], [])
    assert sitemap_links(index) == ([], ["http://a.cn/s1.xml"])
    assert feed_links(b"not xml at all") == []
