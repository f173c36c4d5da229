"""Benchmark: every themed mirror site (real CMS template structures), read by every spider.

For each themed site (``monitor/demo/mirror/themes``) and each way of crawling
it — its own site type's spider, ``generic`` with the theme's article pattern,
``generic`` with no link rule at all — one real crawl over 127.0.0.1 (child
processes, as ``signwatch crawl`` runs), then, against the articles the mirror
rendered:

- listing recall: share of the site's articles stored (the last ones sit on
  listing pages 2 and 3 only);
- title, date (and time where the page prints one) and 来源 accuracy over the
  stored articles;
- body F1: character-bag F1 of the stored body against the rendered paragraphs;
- strays: stored pages that are no article of the site (a listing, a page of chrome).

Also cleaning speed on the themed article pages (pages/s, one core, median of rounds).

Run: .venv/bin/python bench/bench_sites.py [--rounds 5] [--markdown]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.demo.mirror import MirrorServer
from monitor.demo.mirror.sites import THEME_SITES
from monitor.demo.mirror.templates import article_path
from monitor.text import clean_html
from monitor.text.byline import BEIJING
from tests.sites.theme_harness import SPIDERS, body_f1, crawl_sites, page_bytes, source_name


def _share(hits: int, total: int) -> str:
    return f"{hits / total:.3f}" if total else "–"


def quality(mirror: MirrorServer, work: Path) -> list[list[str]]:
    """One row per (site, spider): type, recall, title, date, 来源, body F1, strays."""
    crawled = crawl_sites(mirror, work, THEME_SITES)
    rows = []
    for style in THEME_SITES:
        assert style.theme is not None
        total = len(mirror.articles(style.name))
        for spider in SPIDERS:
            site = crawled[source_name(style, spider)]
            readings = site.readings
            problems = [reading.problems(style.theme.shows_time) for reading in readings]
            title = sum(not any(p.startswith("title") for p in found) for found in problems)
            date = sum(not any(p.startswith(("date", "time")) for p in found) for found in problems)
            with_source = [r for r in readings if r.truth.source is not None]
            source = sum(r.source == r.truth.source for r in with_source)
            f1 = statistics.fmean(body_f1(r.body, r.truth.paragraphs) for r in readings) if readings else 0.0
            rows.append(
                [
                    style.name,
                    style.site_type if spider == "own" else "generic",
                    spider,
                    _share(len(readings), total),
                    _share(title, len(readings)),
                    _share(date, len(readings)),
                    _share(source, len(with_source)),
                    f"{f1:.3f}",
                    str(len(site.strays)),
                ]
            )
    return rows


def clean_speed(mirror: MirrorServer, rounds: int) -> float:
    """Median pages/s of ``clean_html`` over every themed article page."""
    pages = []
    for style in THEME_SITES:
        for article in mirror.articles(style.name):
            path = article_path(style, article)
            pages.append((page_bytes(mirror, style, path), mirror.base_url + path, style.header_charset))
    speeds = []
    for _ in range(rounds):
        start = time.perf_counter()
        for body, url, charset in pages:
            clean_html(body, url=url, fetched=datetime.now(BEIJING), http_charset=charset)
        speeds.append(len(pages) / (time.perf_counter() - start))
    return statistics.median(speeds)


def main() -> None:
    """Crawl, score and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with MirrorServer(articles_per_site=4, seed=11) as mirror, tempfile.TemporaryDirectory() as work:
        rows = quality(mirror, Path(work))
        speed = clean_speed(mirror, args.rounds)
    header = ["site", "type read as", "spider", "listing recall", "title", "date", "来源", "body F1", "strays"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\ncleaning the themed article pages, type found by recognition: {speed:.0f} pages/s (median)")


if __name__ == "__main__":
    main()
