"""Downloader middlewares: schemes, conditional revisits, retries with backoff, page decoding."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.utils.defer import deferred_to_future
from twisted.internet.task import deferLater

from monitor.backoff import backoff_seconds
from monitor.records import UrlState
from monitor.text.decoding import decode_page

logger = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset({"http", "https"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 522, 524})
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


class BackoffRetryMiddleware:
    """Retry 5xx and 429 answers after a pause: Retry-After when given, else exponential backoff.

    Scrapy's RetryMiddleware re-queues at once, which hammers a server that
    just asked for a pause; this one waits first (without blocking others).
    """

    def __init__(self, crawler: Crawler, retries: int, base: float, cap: float) -> None:
        self.crawler = crawler
        self.retries = retries
        self.base = base
        self.cap = cap

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read RETRY_TIMES and the backoff settings."""
        settings = crawler.settings
        return cls(
            crawler,
            settings.getint("RETRY_TIMES"),
            settings.getfloat("SIGNWATCH_BACKOFF_BASE"),
            settings.getfloat("SIGNWATCH_BACKOFF_MAX"),
        )

    def _count(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        """Wait and retry a retryable answer, or pass the response on."""
        if response.status not in RETRY_STATUSES or request.meta.get("dont_retry"):
            return response
        attempt = int(request.meta.get("signwatch_retries", 0)) + 1
        if attempt > self.retries:
            self._count("signwatch/retries_exhausted")
            return response
        header = response.headers.get(b"Retry-After")
        told = retry_after_seconds(header.decode("latin-1") if header else None)
        pause = min(self.cap, told) if told is not None else backoff_seconds(attempt, self.base, self.cap)
        logger.info("HTTP %s from %s: retry %d/%d in %.1fs", response.status, request.url, attempt, self.retries, pause)
        self._count("signwatch/retries")
        # Imported here: importing the reactor at module level would install the wrong one.
        from twisted.internet import reactor

        await deferred_to_future(deferLater(reactor, pause, lambda: None))
        retry = request.replace(dont_filter=True)
        retry.meta["signwatch_retries"] = attempt
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


def describe_failure(failure: Any) -> str:
    """One line for a failed request: what went wrong, without a traceback."""
    error = getattr(failure, "value", failure)
    name = type(error).__name__
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    if "ConnectionRefused" in name:
        return "connection refused"
    if "DNSLookup" in name:
        return "host not found"
    if "Timeout" in name:
        return "timed out"
    return f"{name}: {text}" if text else name
