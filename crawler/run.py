"""Run crawls of configured sources in this process: ``python -m crawler.run --source NAME``.

This is what ``signwatch crawl`` starts as a child process (Twisted's
reactor cannot be restarted, so each batch of crawls gets a fresh process).
It prints one JSON line per source when done (``{"event": "result", ...}``)
and, with ``--progress``, progress lines while crawling.  Exit status: 0 when
every crawl ended ok, 1 when one failed, 2 on a configuration error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.processes import CleanProcesses, StoreProcess
from monitor.config import load_settings
from monitor.errors import SignwatchError

# Scrapy is imported where it is used: the store process (spawned) imports
# this module again as its __main__, and has no use for Scrapy.
if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import Settings as ScrapySettings


def project_settings(*, progress: bool, log_level: str) -> ScrapySettings:
    """The project's Scrapy settings with this run's logging and progress choices."""
    from scrapy.settings import Settings as ScrapySettings

    settings = ScrapySettings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("SIGNWATCH_PROGRESS", progress, priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    return settings


def result_of(crawler: Crawler, source: str) -> dict[str, Any]:
    """The JSON-able summary of one finished crawl."""
    from crawler.extensions import RESULT_PROBLEMS, run_counts, run_problems

    stats: dict[str, Any] = crawler.stats.get_stats() if crawler.stats is not None else {}
    return {
        "event": "result",
        "source": source,
        "run_id": stats.get("signwatch/run_id"),
        "status": stats.get("signwatch/status", "failed"),
        "error": stats.get("signwatch/error_text"),
        "duration": stats.get("signwatch/duration", 0.0),
        **run_counts(stats),
        # The first pages not stored, with why (the crawl run keeps more: PageProblem rows).
        "problems": run_problems(stats, RESULT_PROBLEMS),
    }


def main(argv: list[str] | None = None) -> int:
    """Crawl the named sources (all at once, one reactor) and print their results."""
    parser = argparse.ArgumentParser(prog="python -m crawler.run", description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=None, help="signwatch.toml (else the usual lookup)")
    parser.add_argument("--source", action="append", required=True, help="source name (repeatable)")
    parser.add_argument("--progress", action="store_true", help="print progress JSON lines")
    parser.add_argument("--log-level", default="WARNING")
    options = parser.parse_args(argv)
    try:
        settings = load_settings(options.config)
        sources = [settings.source(name) for name in options.source]
    except SignwatchError as error:
        print(f"signwatch: error: {error}", file=sys.stderr)
        return 2
    # Start the clean and store processes now: their imports overlap Scrapy's start-up.
    CleanProcesses()
    StoreProcess(settings.database_url, settings.archive_path)
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders import SPIDERS

    process = CrawlerProcess(project_settings(progress=options.progress, log_level=options.log_level))
    crawlers: list[tuple[Crawler, str]] = []
    config = str(options.config) if options.config else None
    for source in sources:
        crawler = process.create_crawler(SPIDERS[source.type])
        crawlers.append((crawler, source.name))
        process.crawl(crawler, source=source.name, config=config)
    process.start()
    results = [result_of(crawler, name) for crawler, name in crawlers]
    for result in results:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0 if all(r["status"] == "ok" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
