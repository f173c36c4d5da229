"""From the signwatch ``[crawler]`` settings to Scrapy settings."""

from __future__ import annotations

from typing import Any

from monitor.config import CrawlerSettings, value_problems
from monitor.errors import ConfigError


def scrapy_overrides(crawler: CrawlerSettings) -> dict[str, Any]:
    """The Scrapy settings that carry signwatch's politeness and limits (ConfigError for a value out of range)."""
    # Loading a config refuses these already; settings made in code must not
    # pass one either (a max_page_bytes of 0 is no size limit at all to Scrapy).
    problems = value_problems(crawler)
    if problems:
        key, problem = problems[0]
        raise ConfigError(f"crawler.{key}: {problem}")
    delay = max(0.0, crawler.download_delay)
    return {
        "USER_AGENT": crawler.user_agent.format(contact=crawler.contact),
        "ROBOTSTXT_OBEY": crawler.obey_robots,
        "DOWNLOAD_DELAY": delay,
        "DOWNLOAD_DELAY_JITTER": 0.5 if delay > 0 else 0.0,
        # AutoThrottle never goes below DOWNLOAD_DELAY; start it there.
        "AUTOTHROTTLE_START_DELAY": delay,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(max(1, crawler.concurrency_per_domain)),
        "CONCURRENT_REQUESTS_PER_DOMAIN": max(1, crawler.concurrency_per_domain),
        "DOWNLOAD_TIMEOUT": crawler.timeout,
        "DOWNLOAD_MAXSIZE": crawler.max_page_bytes,
        "RETRY_TIMES": max(0, crawler.retries),
        "REDIRECT_MAX_TIMES": max(0, crawler.max_redirects),
        "CLOSESPIDER_TIMEOUT": crawler.crawl_timeout,
    }
