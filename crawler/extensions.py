"""Extensions: record each crawl as a run in the store, and report progress as JSON lines."""

from __future__ import annotations

import json
import sys
import time
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from crawler.pipelines import PROBLEMS_STAT
from crawler.processes import ERROR
from crawler.spiders.source_spider import NO_LINKS
from monitor.running.runs import finish_run, start_run

# Every article page fetched ends in one of: new_articles, revisions, duplicates,
# unchanged (re-checked, the stored text: a 304 or the same text again), not_articles,
# page_errors (cleaning or storing failed).  not_modified says how many of the
# unchanged were 304s; ``errors`` counts page_errors and the failed requests.
RESULT_KEYS = (
    "pages",
    "new_articles",
    "revisions",
    "duplicates",
    "unchanged",
    "not_modified",
    "not_articles",
    "page_errors",
    "errors",
    "listing_links",
    "article_pages",
    "listings_unchanged",
)
# How many page problems a crawl's result document lists (the run keeps up to MAX_PAGE_PROBLEMS).
RESULT_PROBLEMS = 10


def run_counts(stats: dict[str, Any]) -> dict[str, int]:
    """The signwatch counters of a crawl, zero when a counter never moved (``unchanged`` with the 304s)."""
    counts = {key: int(stats.get(f"signwatch/{key}", 0) or 0) for key in RESULT_KEYS}
    counts["unchanged"] += counts["not_modified"]  # the stat counts the same text fetched again only
    return counts


def run_problems(stats: dict[str, Any], limit: int | None = None) -> list[dict[str, str]]:
    """The page problems a crawl kept, ``{"outcome", "url", "reason"}`` each (the first ``limit``)."""
    kept = stats.get(PROBLEMS_STAT) or []
    return [{"outcome": o, "url": u, "reason": r} for o, u, r in kept[:limit]]


def _request_problem(message: str) -> tuple[str, str, str]:
    """A failed request as the spider described it (``"article http://…: HTTP 404"``), as a page problem."""
    _kind, _, rest = message.partition(" ")
    url, _, reason = rest.partition(": ")
    return (ERROR, url, reason or message)


class CrawlRunRecorder:
    """Open a crawl run when the spider opens and close it with the crawl's counts.

    A crawl whose listing pages, feeds and sitemaps all failed is recorded as
    ``failed`` with the first error as its one-line reason.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.run_id: int | None = None
        self.started = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Connect to the spider's open and close signals."""
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        """Start the run row."""
        context = getattr(spider, "context", None)
        if context is None:
            return
        self.started = time.monotonic()
        self.run_id = start_run(context.db, context.source.name, context.source.type)
        assert self.crawler.stats is not None
        self.crawler.stats.set_value("signwatch/run_id", self.run_id)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Finish the run row: ok or failed, counts, the first error."""
        context = getattr(spider, "context", None)
        if context is None or self.run_id is None:
            return
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        counts = run_counts(stats)
        entry_pages = sum(int(stats.get(f"signwatch/{kind}_ok", 0) or 0) for kind in ("listing", "feed", "sitemap"))
        errors: list[str] = list(getattr(spider, "first_errors", []))
        # The failed requests first (the spider keeps their lines), then the pages the pipelines did not store.
        problems = [_request_problem(line) for line in errors] + [tuple(p) for p in stats.get(PROBLEMS_STAT) or []]
        self.crawler.stats.set_value(PROBLEMS_STAT, [list(p) for p in problems])
        errors += [f"article {url}: {why}" for outcome, url, why in problems[len(errors) :] if outcome == ERROR]
        failed = entry_pages == 0 or reason not in ("finished", "closespider_pagecount")
        # Listing pages with no article link: the type (or the link rule) does not fit the site.
        no_links = [why for outcome, _url, why in problems if outcome == NO_LINKS]
        error_text = None
        if failed:
            error_text = errors[0] if errors else f"crawl ended: {reason}"
            if reason == "closespider_timeout":
                error_text = "crawl_timeout reached before the crawl finished"
        elif no_links and (counts["listing_links"] == 0 or not errors):
            # What makes a run without links bad for health (monitor.alerts.health) says why.
            error_text = no_links[0]
        elif errors:
            error_text = f"{max(counts['errors'], len(errors))} page(s) failed, first: {errors[0]}"
        status = "failed" if failed else "ok"
        finish_run(
            context.db,
            self.run_id,
            status=status,
            pages=counts["pages"],
            new_articles=counts["new_articles"],
            duplicates=counts["duplicates"],
            revisions=counts["revisions"],
            errors=counts["errors"],
            listing_links=counts["listing_links"],
            error_text=error_text,
            unchanged=counts["unchanged"],
            not_articles=counts["not_articles"],
            unchanged_listings=counts["listings_unchanged"],
            problems=[(str(o), str(u), str(r)) for o, u, r in problems],
        )
        self.crawler.stats.set_value("signwatch/status", status)
        self.crawler.stats.set_value("signwatch/error_text", error_text)
        self.crawler.stats.set_value("signwatch/duration", round(time.monotonic() - self.started, 3))


class ProgressReporter:
    """Write the crawl's counters as JSON lines on stdout (when SIGNWATCH_PROGRESS is set).

    ``signwatch crawl`` runs the crawl in a child process and reads these
    lines to draw its progress display.
    """

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.last = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Connect to the signals that move the counters."""
        extension = cls(crawler, crawler.settings.getfloat("SIGNWATCH_PROGRESS_INTERVAL", 0.25))
        if crawler.settings.getbool("SIGNWATCH_PROGRESS"):
            crawler.signals.connect(extension.tick, signal=signals.response_received)
            crawler.signals.connect(extension.tick, signal=signals.item_scraped)
        return extension

    def tick(self, **_: Any) -> None:
        """Emit the counters, at most every ``interval`` seconds."""
        now = time.monotonic()
        if now - self.last < self.interval:
            return
        self.last = now
        spider = self.crawler.spider
        context = getattr(spider, "context", None)
        if context is None or self.crawler.stats is None:
            return
        line = {"event": "progress", "source": context.source.name, **run_counts(self.crawler.stats.get_stats())}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        sys.stdout.flush()
