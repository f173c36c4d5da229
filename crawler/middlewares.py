"""Downloader middlewares: schemes, conditional revisits, retries with backoff, page decoding."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from scrapy.utils.defer import deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet.task import deferLater

from crawler.deadline import CLOSE_AT_SETTING
from monitor.backoff import backoff_seconds
from monitor.records import UrlState
from monitor.text.decoding import decode_page

logger = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset({"http", "https"})
URL_STATE_META = "signwatch_url_state"
# What a request fetches ("listing", "feed", "sitemap", "article"): set by the spiders.
KIND = "signwatch_kind"
# The charset the response's Content-Type header declared: what cleaning is given.
HTTP_CHARSET_META = "signwatch_http_charset"


class SchemeFilterMiddleware:
    """Drop every request that is not http or https (ftp:, file:, data: links and redirects)."""

    def process_request(self, request: Request) -> None:
        """Refuse other schemes before anything is downloaded."""
        scheme = urlsplit(request.url).scheme.lower()
        if scheme not in ALLOWED_SCHEMES:
            raise IgnoreRequest(f"scheme {scheme!r} is not crawled: {request.url}")


class ConditionalRequestMiddleware:
    """Ask for a stored article only if it changed: If-None-Match / If-Modified-Since.

    The spider puts the stored ``UrlState`` in ``request.meta``; an unchanged
    page then costs a 304 with no body, which the spider counts and skips.
    """

    def process_request(self, request: Request) -> None:
        """Add validators to a revisit request."""
        state = request.meta.get(URL_STATE_META)
        if not isinstance(state, UrlState):
            return
        if state.etag:
            request.headers.setdefault(b"If-None-Match", state.etag.encode("latin-1", "replace"))
        if state.last_modified:
            request.headers.setdefault(b"If-Modified-Since", state.last_modified.encode("latin-1", "replace"))


# robots.txt of each host as this process read it: (when, parser or pending Deferred or None).
_ROBOTS: dict[str, Any] = {}
_ROBOTS_READ: dict[str, float] = {}
ROBOTS_TTL = 3600.0  # seconds a host's robots.txt is kept (a crawl worker's process lives long)


class SharedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt rules, each host's file read once a process, not once per crawler.

    A crawl process runs one crawler per source: a hundred sources on one
    host asked for its robots.txt a hundred times a poll, one more request
    than an unchanged listing's 304.  Kept for ``ROBOTS_TTL`` seconds.
    """

    def __init__(self, crawler: Any) -> None:
        """Scrapy's middleware, its parsers the process's."""
        super().__init__(crawler)
        self._parsers = _ROBOTS

    async def robot_parser(self, request: Request) -> Any:
        """The host's parser: read now when this process has none, or its copy is older than ``ROBOTS_TTL``."""
        netloc = urlsplit(request.url).netloc
        read = _ROBOTS_READ.get(netloc)
        if netloc in _ROBOTS and read is not None and time.monotonic() - read > ROBOTS_TTL:
            del _ROBOTS[netloc]
        if netloc not in _ROBOTS:
            _ROBOTS_READ[netloc] = time.monotonic()
        return await super().robot_parser(request)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, each after a pause: Retry-After when the server gives one, else exponential backoff.

    What is retried and how often is Scrapy's: the statuses of
    ``RETRY_HTTP_CODES`` (5xx, 408, 429) and the network errors of
    ``RETRY_EXCEPTIONS`` (timeouts, refused and reset connections, DNS
    failures), ``RETRY_TIMES`` times, each retry made by ``get_retry_request``
    and counted in Scrapy's stats (``retry/count``,
    ``retry/reason_count/<reason>``, ``retry/max_reached``).  Scrapy
    re-queues at once, which hammers a server that just asked for a pause;
    this waits first (without blocking other requests).  A pause that would
    end after the crawl's deadline (``SIGNWATCH_CLOSE_AT``) is not waited:
    the request fails now, counted in ``signwatch/retries_past_deadline``.
    """

    def __init__(self, settings: BaseSettings) -> None:
        """Read Scrapy's retry settings and the backoff settings."""
        super().__init__(settings)
        self.base = settings.getfloat("SIGNWATCH_BACKOFF_BASE")
        self.cap = settings.getfloat("SIGNWATCH_BACKOFF_MAX")
        self.close_at = max(0.0, settings.getfloat(CLOSE_AT_SETTING, 0.0))

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        """Wait and retry a retryable answer, or pass the response on."""
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        header = response.headers.get(b"Retry-After")
        told = retry_after_seconds(header.decode("latin-1") if header else None)
        retry = await self._retry_after_pause(request, response_status_message(response.status), told)
        return retry or response

    async def process_exception(self, request: Request, exception: Exception) -> Request | None:  # type: ignore[override]
        """Wait and retry a request that failed on the network; else let the failure go on."""
        if request.meta.get("dont_retry", False) or not isinstance(exception, self.exceptions_to_retry):
            return None
        return await self._retry_after_pause(request, exception, None)

    async def _retry_after_pause(self, request: Request, reason: str | Exception, told: float | None) -> Request | None:
        attempt = int(request.meta.get("retry_times", 0)) + 1
        most = int(request.meta.get("max_retry_times", self.max_retry_times))
        pause = min(self.cap, told) if told is not None else backoff_seconds(attempt, self.base, self.cap)
        if attempt <= most and self.close_at and time.time() + pause > self.close_at:
            logger.info(
                "%s from %s: no retry, a pause of %.0fs ends past the crawl's time limit", reason, request.url, pause
            )
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value("signwatch/retries_past_deadline")
            return None
        assert self.crawler.spider is not None
        # Scrapy's own step: the copy of the request, and the retry/* stats (or retry/max_reached).
        retry = get_retry_request(
            request,
            spider=self.crawler.spider,
            reason=reason,
            max_retry_times=most,
            priority_adjust=request.meta.get("priority_adjust", self.priority_adjust),
        )
        if retry is None:
            return None
        logger.info("%s from %s: retry %d in %.1fs", reason, request.url, attempt, pause)
        # Imported here: importing the reactor at module level would install the wrong one.
        from twisted.internet import reactor

        await deferred_to_future(deferLater(reactor, pause, lambda: None))
        return retry


class DecodingMiddleware:
    """Read page bytes with signwatch's decoding rules (meta over a lying header, GBK as GB18030).

    The raw bytes stay untouched for the archive; only the encoding Scrapy
    uses for ``response.text`` and selectors is set.  An article page is
    left alone: the spider reads no text of it, and cleaning decodes its
    bytes by the same rules (given the header's charset, kept in the
    request's meta), in a clean process instead of the crawl's reactor.
    """

    def process_response(self, request: Request, response: Response) -> Response:
        """Set the encoding that ``monitor.text.decoding`` chooses for this page (not for an article page)."""
        if not isinstance(response, TextResponse) or not response.body:
            return response
        http_charset = header_charset(response)
        request.meta[HTTP_CHARSET_META] = http_charset
        if request.meta.get(KIND) == "article":
            return response
        _text, codec = decode_page(response.body, http_charset)
        return response.replace(encoding=codec)


def header_charset(response: Response) -> str | None:
    """The charset the Content-Type header declares, or None."""
    raw = response.headers.get(b"Content-Type")
    if not raw:
        return None
    for part in raw.decode("latin-1").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def flat_headers(response: Response) -> dict[str, str]:
    """Response headers as one string per name (the last value when repeated)."""
    result: dict[str, str] = {}
    for key, values in response.headers.items():
        if values:
            result[key.decode("latin-1")] = values[-1].decode("latin-1")
    return result


# Network failures by a word in their exception's name (or, for Scrapy's DownloadFailedError,
# in the Twisted failures it wraps), as one line says them.
_NETWORK_FAILURES = (
    ("ConnectionRefused", "connection refused"),
    ("DNSLookup", "host not found"),
    ("CannotResolveHost", "host not found"),
    ("Timeout", "timed out"),
    ("ConnectionLost", "connection lost (reset by the server)"),
    ("ConnectionDone", "connection closed by the server"),
    ("ResponseNeverReceived", "connection closed before an answer"),
)


def describe_failure(failure: Any) -> str:
    """One line for a failed request: what went wrong, without a traceback."""
    error = getattr(failure, "value", failure)
    name = type(error).__name__
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    for word, line in _NETWORK_FAILURES:
        if word in name:
            return line
    if name == "DownloadFailedError":
        for word, line in _NETWORK_FAILURES:
            if word in text:
                return line
    return f"{name}: {text}" if text else name
