"""Scrapy settings shared by every spider; per-source values come from the signwatch config.

The values here are the defaults of a polite crawler.  ``crawler.politeness``
overrides them from ``[crawler]`` in the signwatch config when a spider is
created, so ``scrapy crawl`` and ``signwatch crawl`` behave the same.
"""

import monitor.logs as _logs  # lower case: not a setting

BOT_NAME = "signwatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

ROBOTSTXT_OBEY = True
USER_AGENT = "signwatch/0.1 (+https://example.invalid/signwatch)"
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19 opens a remote-control HTTP endpoint (code run on a token) and writes job
# files under the user's home: a crawler of untrusted sites wants neither.
REMOTE_CONTROL_ENABLED = False

# Politeness: a delay per domain that AutoThrottle stretches when the site slows down.
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5  # ±50% around the delay
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0
REDIRECT_MAX_TIMES = 5
METAREFRESH_ENABLED = False

# Scrapy's retries (RETRY_HTTP_CODES: 5xx, 408, 429; RETRY_EXCEPTIONS: timeouts, resets, DNS failures),
# made by BackoffRetryMiddleware in place of Scrapy's RetryMiddleware: it waits before each
# retry (Retry-After, else backoff), where Scrapy's re-queues at once.
RETRY_ENABLED = True
RETRY_TIMES = 3
SIGNWATCH_BACKOFF_BASE = 1.0
SIGNWATCH_BACKOFF_MAX = 120.0

# Never a JOBDIR: a persistent dupefilter would silently block revisits.
JOBDIR = None

# A host's concurrency and delay hold across every crawler of a process (one per source),
# with one connection pool for them all: crawler.host_limits.
DOWNLOAD_HANDLERS = {
    "http": "crawler.host_limits.HostLimitedHTTPHandler",
    "https": "crawler.host_limits.HostLimitedHTTPHandler",
}

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.SchemeFilterMiddleware": 50,
    # robots.txt read once a process per host, not once per source's crawler (in Scrapy's place)
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.SharedRobotsTxtMiddleware": 100,
    "crawler.middlewares.ConditionalRequestMiddleware": 560,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,  # replaced by the one below, in its place
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    "crawler.middlewares.DecodingMiddleware": 580,  # after decompression (590)
}

# clean and extract -> content hash and dedupe -> store (the article, its events and alerts, in one transaction)
ITEM_PIPELINES = {
    "crawler.pipelines.CleanPipeline": 100,
    "crawler.pipelines.DedupePipeline": 200,
    "crawler.pipelines.StorePipeline": 300,
}

EXTENSIONS = {
    "crawler.extensions.CrawlRunRecorder": 100,
    "crawler.extensions.ProgressReporter": 110,
    "crawler.deadline.CrawlDeadline": 120,  # only with SIGNWATCH_CLOSE_AT (set by crawler.run --close-at)
}

# Items processed at once per response.  Scrapy starts this many tasks for
# every response's output (100 by default), whether it yields one item or
# none; a listing yields a few dozen requests, an article page one item.
CONCURRENT_ITEMS = 16

# Scrapy re-reads and re-parses a generator callback's source for every
# response (a bound method misses its cache): 0.3-0.6 ms a page, a quarter
# of what crawling the page costs.  The warning is for spider authors; the
# spiders here are tested.
WARN_ON_GENERATOR_RETURN_VALUE = False

LOG_LEVEL = "INFO"
# The crawl child's lines look like those of run and daemon (monitor.logs);
# a worker puts monitor.logs' own handler in place of Scrapy's (one line a record).
LOG_FORMAT = _logs.FORMAT
LOG_DATEFORMAT = _logs.DATE_FORMAT
FEED_EXPORT_ENCODING = "utf-8"
