"""A crawl worker: ``python -m crawler.workers.worker [--config F] [--exit-when-idle] [--idle-seconds N]``.

``signwatch worker`` execs this.  It pulls start messages and requests from
the workers' shared Redis and writes to the configured database until SIGTERM or
SIGINT (in-flight requests finish, unfinished ones go back to the queue), or,
with ``--exit-when-idle``, until all the workers have had nothing to do for
``--idle-seconds``.  Exit status: 0 after a clean stop, 2 on a configuration error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from crawler.processes import CleanProcesses, StoreProcess
from crawler.run import SCRAPY_START_UP, project_settings
from monitor.config import load_settings
from monitor.errors import ConfigError, SignwatchError
from monitor.logs import LEVELS, setup_logging

# Scrapy and the worker's spider are imported where they are used: the clean
# processes (spawned) import this module again as their __main__.
if TYPE_CHECKING:
    from scrapy.settings import Settings as ScrapySettings


def worker_settings(*, log_level: str) -> ScrapySettings:
    """The project's Scrapy settings with scrapy-redis's scheduler and the workers' pipelines."""
    settings = project_settings(progress=False, log_level=log_level)
    settings.set("SCHEDULER", "crawler.workers.queue.WorkerScheduler", priority="cmdline")
    settings.set("DUPEFILTER_CLASS", "crawler.workers.queue.RunDupeFilter", priority="cmdline")
    settings.set("SCHEDULER_PERSIST", True, priority="cmdline")
    settings.set(
        "ITEM_PIPELINES",
        {
            "crawler.pipelines.CleanPipeline": 100,
            "crawler.workers.run_pipelines.WorkerDedupePipeline": 200,
            "crawler.workers.run_pipelines.WorkerStorePipeline": 300,
        },
        priority="cmdline",
    )
    # Runs are recorded by the scheduler side and counted by WorkerSpider.
    settings.set("EXTENSIONS", {"crawler.extensions.CrawlRunRecorder": None}, priority="cmdline")
    return settings


def main(argv: list[str] | None = None) -> int:
    """Run one worker until it is stopped (or idle, when asked)."""
    parser = argparse.ArgumentParser(prog="python -m crawler.workers.worker", description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=None, help="signwatch.toml (else the usual lookup)")
    parser.add_argument("--exit-when-idle", action="store_true", help="exit once the workers have nothing to do")
    parser.add_argument("--idle-seconds", type=float, default=30.0, help="how long 'nothing to do' must last")
    parser.add_argument("--log-level", default="INFO", type=str.upper, choices=LEVELS)
    options = parser.parse_args(argv)
    setup_logging(options.log_level, quiet=SCRAPY_START_UP)
    try:
        settings = load_settings(options.config)
        if not settings.workers.redis_url:
            raise ConfigError("signwatch worker needs [workers] redis_url in the config")
    except SignwatchError as error:
        print(f"signwatch: error: {error}", file=sys.stderr)
        return 2
    # Started now: their imports overlap Scrapy's start-up.
    CleanProcesses()
    StoreProcess(
        settings.database_url,
        settings.archive_path,
        settings.alerts.max_event_age_days,
        layout=settings.archive.layout,
    )
    from scrapy.crawler import CrawlerProcess

    from crawler.workers.spider import WorkerSpider

    process = CrawlerProcess(worker_settings(log_level=options.log_level))
    process.crawl(
        WorkerSpider,
        config=str(options.config) if options.config else None,
        exit_when_idle=options.exit_when_idle,
        idle_seconds=max(0.0, options.idle_seconds),
    )
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
