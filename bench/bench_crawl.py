"""Crawl benchmark: the full pipeline against a bare link-following spider, then an unchanged revisit.

    .venv/bin/python bench/bench_crawl.py [--articles 250] [--repeats 3]

A mirror with ``--articles`` generated articles per site (4 sites: 1,000 by
default, plus the 5 seeds) is crawled, in the same run and with the same
politeness settings (no delay, 8 per domain, AutoThrottle on):

- full:  ``run_crawl`` of the four mirror sources (child process; clean, dedupe,
  archive, store into a fresh SQLite database each repeat);
- bare:  a spider that follows the same listing and article links and
  discards every page (the ceiling of this machine);
- revisit: the full crawl again with nothing changed (requests, time, and
  how many article pages came back in full).

Both sides run one crawler per source in one process (the same concurrency).
Pages/s uses the crawls' own duration (spider open to close, the longest of
the four), so process start-up is left out of both sides alike.  Medians over
``--repeats``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.config import load_settings  # noqa: E402
from monitor.demo.mirror import SITES, MirrorServer  # noqa: E402
from monitor.running.crawl import run_crawl  # noqa: E402

SOURCES = [f"mirror-{style.name}" for style in SITES]


def bare_main(config: str) -> None:
    """Child process: crawl the mirror's listings and articles, keep nothing, print pages and seconds."""
    from scrapy import Request, Spider
    from scrapy.crawler import CrawlerProcess
    from scrapy.http import Response

    from crawler.politeness import scrapy_overrides
    from crawler.run import project_settings
    from crawler.spiders import SPIDERS

    settings = load_settings(Path(config))
    patterns = {s.type: re.compile(SPIDERS[s.type].article_url) for s in settings.sources}
    patterns["generic"] = re.compile(r"/generic/news/\d+\.html$")
    listing = {s.type: SPIDERS[s.type].listing_url for s in settings.sources}

    class BareSpider(Spider):
        name = "bare"
        start_url = ""
        site_type = ""

        async def start(self) -> Any:
            yield Request(self.start_url, cb_kwargs={"site_type": self.site_type})

        def parse(self, response: Response, site_type: str) -> Any:
            if patterns[site_type].search(response.url):
                return  # an article page: discarded
            prefix = response.url.split("/")[3]
            for href in response.css("a::attr(href)").getall():
                url = response.urljoin(href)
                if f"/{prefix}/" not in url:
                    continue
                is_listing = bool(listing[site_type]) and re.search(listing[site_type], url)
                if patterns[site_type].search(url) or is_listing or "/page/" in url:
                    yield Request(url, cb_kwargs={"site_type": site_type})

    scrapy_settings = project_settings(progress=False, log_level="ERROR")
    scrapy_settings.setdict(scrapy_overrides(settings.crawler), priority="cmdline")
    scrapy_settings.set("ITEM_PIPELINES", {}, priority="cmdline")
    scrapy_settings.set("EXTENSIONS", {}, priority="cmdline")
    scrapy_settings.set("DOWNLOADER_MIDDLEWARES", {}, priority="cmdline")
    # One crawler per source, as the full crawl runs them: the same concurrency on both sides.
    process = CrawlerProcess(scrapy_settings)
    crawlers = []
    for source in settings.sources:
        crawler = process.create_crawler(BareSpider)
        crawlers.append(crawler)
        process.crawl(crawler, start_url=source.start_urls[0], site_type=source.type)
    process.start()
    all_stats = [c.stats.get_stats() if c.stats else {} for c in crawlers]
    # robots.txt is not a page
    pages = sum(int(stats.get("response_received_count", 0)) - 1 for stats in all_stats)
    seconds = max(float(stats.get("elapsed_time_seconds", 0.0)) for stats in all_stats)
    print(json.dumps({"pages": pages, "seconds": seconds}))


def run_bare(config: Path) -> tuple[int, float]:
    """Run the bare spider in a child process; return (pages, seconds)."""
    done = subprocess.run(
        [sys.executable, __file__, "--bare", str(config)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return int(result["pages"]), float(result["seconds"])


def run_full(server: MirrorServer, workdir: Path, name: str) -> tuple[Path, int, float]:
    """A first full-pipeline crawl into a fresh database; return (config, pages, seconds)."""
    config = server.write_config(workdir / f"{name}.toml", workdir / name, revisit_days=2)
    outcomes = run_crawl(load_settings(config), SOURCES)
    if any(o.status != "ok" for o in outcomes):
        raise SystemExit(f"full crawl failed: {[o.error for o in outcomes]}")
    return config, sum(o.pages for o in outcomes), max(o.duration for o in outcomes)


def main() -> None:
    """Run the benchmark and print a markdown summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=250, help="generated articles per site (4 sites)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--bare", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.bare:
        bare_main(options.bare)
        return
    server = MirrorServer(articles_per_site=options.articles, seed=0)
    server.start()
    workdir = Path(tempfile.mkdtemp(prefix="bench-crawl-"))
    full_rates, bare_rates, full_times, last_config = [], [], [], None
    try:
        for repeat in range(options.repeats):
            config, pages, seconds = run_full(server, workdir, f"full{repeat}")
            full_rates.append(pages / seconds)
            full_times.append(seconds)
            last_config = config
            bare_pages, bare_seconds = run_bare(config)
            bare_rates.append(bare_pages / bare_seconds)
            print(f"repeat {repeat}: full {pages} pages in {seconds:.2f}s; bare {bare_pages} in {bare_seconds:.2f}s")
        assert last_config is not None
        revisit_times, revisit_requests, revisit_full_pages = [], [], []
        for _ in range(options.repeats):
            server.clear_log()
            started = time.monotonic()
            outcomes = run_crawl(load_settings(last_config), SOURCES)
            wall = time.monotonic() - started
            revisit_times.append(max(o.duration for o in outcomes))
            revisit_requests.append(len(server.requests))
            revisit_full_pages.append(sum(o.article_pages for o in outcomes))
            print(f"revisit: {len(server.requests)} requests, {revisit_times[-1]:.2f}s crawl, {wall:.2f}s wall")
    finally:
        server.stop()
    full, bare = statistics.median(full_rates), statistics.median(bare_rates)
    first, revisit = statistics.median(full_times), statistics.median(revisit_times)
    total = sum(len(server.articles(style.name)) for style in SITES)
    print()
    print(f"| measure ({total} articles, 4 sites, median of {options.repeats}) | value |")
    print("| --- | --- |")
    print(f"| full pipeline | {full:.0f} pages/s |")
    print(f"| bare spider (ceiling) | {bare:.0f} pages/s |")
    print(f"| full / bare | {full / bare:.0%} (target ≥ 50%) |")
    print(f"| first crawl time | {first:.2f} s |")
    print(f"| unchanged revisit time | {revisit:.2f} s ({revisit / first:.1%} of first; target ≤ 10%) |")
    print(f"| unchanged revisit requests | {statistics.median(revisit_requests):.0f} |")
    print(f"| article pages downloaded in full on revisit | {max(revisit_full_pages)} |")


if __name__ == "__main__":
    main()
