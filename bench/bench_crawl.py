"""Crawl benchmark: the full pipeline against a bare link-following spider, then an unchanged revisit.

    .venv/bin/python bench/bench_crawl.py [--articles 250] [--repeats 3] [--against TREE] [--quick]

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
``--repeats``.  Beside pages/s, each side's CPU per page: every process of
the crawl (crawl, clean and store processes), which a shared machine's load
disturbs less than the time.

``--against TREE`` (a ``git worktree`` of an earlier commit) crawls the same
mirror with that tree's pipeline too, in the same repeats, alternating which
tree goes first; each tree's ratio is to the bare spider of its own repeat.
``--quick``: 60 articles per site, 3 repeats, one revisit (under a minute
on a quiet machine).
"""

from __future__ import annotations

import argparse
import json
import os
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


def full_main(config: str) -> None:
    """Child process: a full-pipeline crawl of the mirror sources; print pages and seconds."""
    outcomes = run_crawl(load_settings(Path(config)), SOURCES)
    if any(o.status != "ok" for o in outcomes):
        raise SystemExit(f"full crawl failed: {[o.error for o in outcomes]}")
    print(json.dumps({"pages": sum(o.pages for o in outcomes), "seconds": max(o.duration for o in outcomes)}))


# The full crawl of another tree: that tree's run_crawl, in a process that imports nothing from this one.
_FULL_OF_TREE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from monitor.config import load_settings
from monitor.running.crawl import run_crawl
outcomes = run_crawl(load_settings(Path(sys.argv[2])), sys.argv[3:])
if any(o.status != "ok" for o in outcomes):
    raise SystemExit(f"full crawl failed: {[o.error for o in outcomes]}")
print(json.dumps({"pages": sum(o.pages for o in outcomes), "seconds": max(o.duration for o in outcomes)}))
"""


class Crawled:
    """One crawl: pages, its seconds (spider open to close) and the CPU seconds of all its processes."""

    def __init__(self, command: list[str], tree: Path) -> None:
        # The CPU of a child and of every process it waited for (the crawl child, its clean and store processes).
        before = os.times()
        environment = {**os.environ, "PYTHONPATH": str(tree)}
        done = subprocess.run(command, capture_output=True, text=True, cwd=tree, env=environment)
        after = os.times()
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command[:3])} failed: {done.stderr.strip()[-2000:]}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        self.pages = int(result["pages"])
        self.seconds = float(result["seconds"])
        self.cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)

    @property
    def rate(self) -> float:
        """Pages per second of the crawl's own duration."""
        return self.pages / self.seconds

    @property
    def cpu_ms(self) -> float:
        """CPU milliseconds per page, over every process of the crawl (start-up included)."""
        return 1000 * self.cpu / self.pages


def run_bare(config: Path) -> Crawled:
    """Run the bare spider in a child process."""
    return Crawled([sys.executable, __file__, "--bare", str(config)], ROOT)


def run_full(server: MirrorServer, workdir: Path, name: str, tree: Path | None = None) -> tuple[Path, Crawled]:
    """A first full-pipeline crawl into a fresh database, by this tree or ``tree``; (its config, the crawl)."""
    config = server.write_config(workdir / f"{name}.toml", workdir / name, revisit_days=2)
    if tree is None:
        return config, Crawled([sys.executable, __file__, "--full", str(config)], ROOT)
    return config, Crawled([sys.executable, "-c", _FULL_OF_TREE, str(tree), str(config), *SOURCES], tree)


def _median_row(label: str, crawls: list[Crawled], bares: list[Crawled]) -> str:
    ratios = [full.rate / bare.rate for full, bare in zip(crawls, bares, strict=True)]
    cpu_ratios = [full.cpu_ms / bare.cpu_ms for full, bare in zip(crawls, bares, strict=True)]
    return (
        f"| {label} | {statistics.median(c.rate for c in crawls):.0f} pages/s "
        f"| **{statistics.median(ratios):.0%}** ({', '.join(f'{r:.0%}' for r in ratios)}) "
        f"| {statistics.median(c.cpu_ms for c in crawls):.2f} ms ({statistics.median(cpu_ratios):.1f}x bare) "
        f"| {statistics.median(c.seconds for c in crawls):.2f} s |"
    )


def main() -> None:
    """Run the benchmark and print a markdown summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=250, help="generated articles per site (4 sites)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--against", type=Path, help="also crawl with this tree's pipeline (a git worktree)")
    parser.add_argument("--quick", action="store_true", help="60 articles per site, 3 repeats, one revisit")
    parser.add_argument("--bare", help=argparse.SUPPRESS)
    parser.add_argument("--full", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.bare:
        bare_main(options.bare)
        return
    if options.full:
        full_main(options.full)
        return
    if options.quick:
        options.articles, options.repeats = 60, 3
    against = options.against.resolve() if options.against else None
    server = MirrorServer(articles_per_site=options.articles, seed=0)
    server.start()
    workdir = Path(tempfile.mkdtemp(prefix="bench-crawl-"))
    fulls: list[Crawled] = []
    others: list[Crawled] = []
    bares: list[Crawled] = []
    last_config = None
    try:
        for repeat in range(options.repeats):
            # Alternate which tree crawls first, so neither always meets the machine as the other left it.
            trees: list[Path | None] = [None] if against is None else [None, against][:: 1 if repeat % 2 == 0 else -1]
            for tree in trees:
                config, crawl = run_full(server, workdir, f"full{repeat}{'b' if tree else ''}", tree)
                (others if tree else fulls).append(crawl)
                if tree is None:
                    last_config = config
            assert last_config is not None
            bare = run_bare(last_config)
            bares.append(bare)
            line = f"repeat {repeat}: full {fulls[-1].pages} pages in {fulls[-1].seconds:.2f}s"
            if others:
                line += f"; against {others[-1].pages} in {others[-1].seconds:.2f}s"
            print(f"{line}; bare {bare.pages} in {bare.seconds:.2f}s", flush=True)
        assert last_config is not None
        revisit_times, revisit_requests, revisit_full_pages, first_times = [], [], [], [c.seconds for c in fulls]
        for _ in range(1 if options.quick else options.repeats):
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
    first, revisit = statistics.median(first_times), statistics.median(revisit_times)
    total = sum(len(server.articles(style.name)) for style in SITES)
    load = os.getloadavg()
    print()
    print(f"{total} articles, 4 sites, {fulls[0].pages} pages; median of {options.repeats}; load {load[0]:.1f}")
    print()
    print("| crawl | pages/s | full / bare (target ≥ 75%) | CPU per page, all processes | crawl time |")
    print("| --- | --- | --- | --- | --- |")
    print(_median_row("full pipeline (this tree)", fulls, bares))
    if others:
        print(_median_row(f"full pipeline ({against})", others, bares))
    print(
        f"| bare spider | {statistics.median(b.rate for b in bares):.0f} pages/s | — "
        f"| {statistics.median(b.cpu_ms for b in bares):.2f} ms | {statistics.median(b.seconds for b in bares):.2f} s |"
    )
    print()
    print(
        f"unchanged revisit: {revisit:.2f} s ({revisit / first:.1%} of the first crawl; target ≤ 10%), "
        f"{statistics.median(revisit_requests):.0f} requests, "
        f"{max(revisit_full_pages)} article pages downloaded in full (target 0)"
    )


if __name__ == "__main__":
    main()
