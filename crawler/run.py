"""Run crawls of configured sources in this process: ``python -m crawler.run --source NAME``.

This is what ``signwatch crawl`` starts as a child process (Twisted's
reactor cannot be restarted, so each batch of crawls gets a fresh process);
with ``--serve`` it is the daemon's long-lived crawl process, crawling the
batches it reads from stdin on one reactor (``crawler.serve``).
It prints one JSON line per source as soon as that source's crawl ended (``{"event": "result", ...}``)
and, with ``--progress``, progress lines while crawling.  With ``--parent
PID`` it dies with that process; with ``--close-at T`` it closes its spiders
at the wall-clock time T (its starter kills it a little later); with
``--catch-up NAME`` that source's crawl reads every listing page (its last
crawl did not finish, so older pages may hold articles never stored).  Exit
status: 0 when every crawl ended ok, 1 when one failed, 2 on a configuration
error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.processes import CleanProcesses, StoreProcess
from monitor.config import load_settings
from monitor.errors import SignwatchError
from monitor.logs import LEVELS, setup_logging
from monitor.running.children import die_with_parent

# Scrapy is imported where it is used: the store process (spawned) imports
# this module again as its __main__, and has no use for Scrapy.
if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import Settings as ScrapySettings


# Scrapy's start-up lines a crawl's or a worker's log holds back (versions, the enabled
# add-ons, extensions and middlewares), and its every-minute "Crawled 0
# pages" (runs' counts are in the database: ``signwatch sources``).
SCRAPY_START_UP = {
    "scrapy.utils.log": logging.WARNING,
    "scrapy.addons": logging.WARNING,
    "scrapy.middleware": logging.WARNING,
    "scrapy.extensions.logstats": logging.WARNING,
}


def project_settings(*, progress: bool, log_level: str, close_at: float | None = None) -> ScrapySettings:
    """The project's Scrapy settings with this run's logging, progress and deadline choices."""
    from scrapy.settings import Settings as ScrapySettings

    from crawler.deadline import CLOSE_AT_SETTING

    settings = ScrapySettings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("SIGNWATCH_PROGRESS", progress, priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    # monitor.logs' one line per record (set up by each process's main), as
    # ``run``, ``daemon`` and journald read it, in place of Scrapy's handler.
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    if close_at:
        settings.set(CLOSE_AT_SETTING, close_at, priority="cmdline")
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
        # Scrapy's own retry counters (crawler.middlewares.BackoffRetryMiddleware).
        "retries": int(stats.get("retry/count", 0) or 0),
        "retries_given_up": int(stats.get("retry/max_reached", 0) or 0)
        + int(stats.get("signwatch/retries_past_deadline", 0) or 0),
    }


def main(argv: list[str] | None = None) -> int:
    """Crawl the named sources (all at once, one reactor) and print their results."""
    parser = argparse.ArgumentParser(prog="python -m crawler.run", description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=None, help="signwatch.toml (else the usual lookup)")
    parser.add_argument("--source", action="append", default=[], help="source name (repeatable)")
    parser.add_argument("--progress", action="store_true", help="print progress JSON lines")
    parser.add_argument("--log-level", default="WARNING", type=str.upper, choices=LEVELS)
    parser.add_argument("--parent", type=int, default=None, help="die with this process (its pid)")
    parser.add_argument("--close-at", type=float, default=None, help="close the spiders at this time (epoch s)")
    parser.add_argument("--catch-up", action="append", default=[], help="read every listing page of this source")
    parser.add_argument(
        "--late-processes", action="store_true", help="start the clean and store processes on the first page"
    )
    parser.add_argument(
        "--serve", action="store_true", help="crawl the batches read from stdin until it ends (crawler.serve)"
    )
    options = parser.parse_args(argv)
    if not options.source and not options.serve:
        parser.error("name a source (--source), or --serve")
    setup_logging(options.log_level, quiet=SCRAPY_START_UP)
    if options.parent is not None and not die_with_parent(options.parent):
        print("signwatch: error: the process that started this crawl has ended; not crawling", file=sys.stderr)
        return 1
    if options.serve:
        from crawler.serve import BatchServer

        # Its clean and store processes start on the first page they get, and serve every later batch.
        config = str(options.config) if options.config else None
        return BatchServer(config, progress=options.progress, log_level=options.log_level).serve()
    try:
        settings = load_settings(options.config)
        sources = [settings.source(name) for name in options.source]
    except SignwatchError as error:
        print(f"signwatch: error: {error}", file=sys.stderr)
        return 2
    if not options.late_processes:
        # Start the clean and store processes now: their imports overlap Scrapy's start-up.
        # With --late-processes they start on the first page they get (crawler.pipelines):
        # a daemon's poll where nothing changed, its common case, never pays their start-up.
        CleanProcesses()
        StoreProcess(
            settings.database_url,
            settings.archive_path,
            settings.alerts.max_event_age_days,
            layout=settings.archive.layout,
        )
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders import SPIDERS

    process = CrawlerProcess(
        project_settings(progress=options.progress, log_level=options.log_level, close_at=options.close_at)
    )
    results: list[dict[str, Any]] = []
    config = str(options.config) if options.config else None
    for source in sources:
        crawler = process.create_crawler(SPIDERS[source.type])
        done = process.crawl(crawler, source=source.name, config=config, catch_up=source.name in options.catch_up)
        # Each result is printed as soon as its crawl ended: the starter records it (health,
        # alerts) while slower sources of this process go on.
        done.addBoth(_report, crawler, source.name, results)
    process.start()
    return 0 if len(results) == len(sources) and all(r["status"] == "ok" for r in results) else 1


def _report(passed: Any, crawler: Crawler, source: str, results: list[dict[str, Any]]) -> Any:
    """Print one source's result line (a crawl's deferred fired: its spider closed and its run is recorded)."""
    result = result_of(crawler, source)
    results.append(result)
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return passed


if __name__ == "__main__":
    sys.exit(main())
