"""The spider every site type shares: configured by one source entry, incremental by design.

A crawl fetches the source's listing pages (and its feeds and sitemaps), and
follows only article links it has not stored.  A stored link is re-checked
only within the source's ``revisit_days`` of publication, with validators so
an unchanged page costs a 304.  Pagination stops at the first listing page
with nothing new on it: older pages only hold older, already stored articles.
Which links are articles and which are further listing pages is the site
type's declaration in ``monitor.sites``; a subclass names its site type and
may narrow the link choice in code.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Generator, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar, Self
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.context import SourceContext
from crawler.items import ArticlePage, NotModified
from crawler.middlewares import (
    ALLOWED_SCHEMES,
    HTTP_CHARSET_META,
    KIND,
    URL_STATE_META,
    describe_failure,
    flat_headers,
)
from crawler.politeness import scrapy_overrides
from crawler.spiders.discovery import feed_links, sitemap_links
from monitor.config import load_settings
from monitor.errors import ConfigError
from monitor.sites import site_type as registered_site_type

logger = logging.getLogger(__name__)


class SourceSpider(Spider):
    """A spider for one site type; ``-a source=NAME [-a config=FILE]`` picks the site."""

    site_type: ClassVar[str] = ""
    # Copied from the site type's registry declaration when a subclass names its type:
    article_url: ClassVar[str] = ""  # regex an article URL matches (searched)
    listing_url: ClassVar[str] = ""  # regex a further listing page matches (searched)
    listing_links_css: ClassVar[str] = ""  # the article links of a listing page ("": every link)

    context: SourceContext
    allowed_domains: list[str]
    requested: int = 0  # requests made this run, against the source's page_limit
    # Read every listing page: the source's last crawl did not finish (monitor.running.stale).
    catch_up: bool = False
    first_errors: list[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Take the link shapes of the subclass's site type from the registry (an unknown type fails here)."""
        super().__init_subclass__(**kwargs)
        if cls.site_type:
            site = registered_site_type(cls.site_type)
            cls.article_url, cls.listing_url = site.article_url, site.listing_url
            cls.listing_links_css = site.listing_links_css

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """Load the source entry and apply the config's politeness before the crawl starts."""
        name = kwargs.pop("source", None)
        if not name:
            raise ConfigError(f"spider {cls.name!r} needs a source: scrapy crawl {cls.name} -a source=NAME")
        config = kwargs.pop("config", None)
        settings = load_settings(Path(config) if config else None)
        source = settings.source(name)
        if source.type != cls.site_type:
            raise ConfigError(f"source {name!r} is of type {source.type!r}, not {cls.site_type!r}")
        # Settings are still mutable here; 'spider' priority beats the project module.
        crawler.settings.setdict(scrapy_overrides(settings.crawler), priority="spider")
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.context = SourceContext.open(settings, source)
        spider.allowed_domains = source.allowed_domains or sorted(
            {urlsplit(url).hostname or "" for url in source.start_urls} - {""}
        )
        spider.requested = 0
        spider.first_errors = []
        return spider

    # --- link selection (what subclasses change) --------------------------------

    def article_pattern(self) -> re.Pattern[str]:
        """The regex of article URLs: the source's own, else the site type's."""
        return re.compile(self.context.source.article_pattern or self.article_url)

    def candidate_links(self, response: Response) -> Iterable[str]:
        """The links ``listing_links_css`` picks on a listing page, else (none picked, or none declared) every link."""
        if self.listing_links_css:
            picked = response.css(self.listing_links_css).xpath("@href").getall()
            if picked:
                return picked
        return response.css("a::attr(href)").getall()

    def article_links(self, response: Response) -> list[str]:
        """Absolute article URLs on a listing page, in page order, without repeats."""
        pattern = self.article_pattern()
        return _unique(u for u in self._absolute(response, self.candidate_links(response)) if pattern.search(u))

    def pagination_links(self, response: Response) -> list[str]:
        """Further listing pages linked from a listing page."""
        pattern = re.compile(self.listing_url) if self.listing_url else None
        links = self._absolute(response, response.css("a::attr(href)").getall())
        next_links = self._absolute(response, response.css("a[rel=next]::attr(href)").getall())
        return _unique([*next_links, *(u for u in links if pattern is not None and pattern.search(u))])

    def _absolute(self, response: Response, hrefs: Iterable[str]) -> list[str]:
        urls = []
        for href in hrefs:
            url = response.urljoin(href.strip()).split("#", 1)[0]
            if urlsplit(url).scheme in ALLOWED_SCHEMES:
                urls.append(url)
        return urls

    # --- the crawl -----------------------------------------------------------------

    async def start(self) -> AsyncIterator[Request]:
        """Listing pages, feeds and sitemaps of the source."""
        for request in self.entry_requests():
            yield request

    def entry_requests(self) -> list[Request]:
        """The requests a crawl of the source starts with (a crawl worker queues them in Redis)."""
        source = self.context.source
        requests = [self._request(url, self.parse_listing, "listing", dont_filter=True) for url in source.start_urls]
        requests += [self._request(url, self.parse_feed, "feed", dont_filter=True) for url in source.feeds]
        requests += [self._request(url, self.parse_sitemap, "sitemap", dont_filter=True) for url in source.sitemaps]
        return requests

    def _request(self, url: str, callback: Any, kind: str, **options: Any) -> Request:
        self.requested += 1
        meta = {KIND: kind, **options.pop("meta", {})}
        return Request(url, callback=callback, errback=self.on_error, meta=meta, **options)

    def _within_limit(self) -> bool:
        if self.requested < self.context.source.page_limit:
            return True
        self.crawler.stats.set_value("signwatch/page_limit_reached", True)
        return False

    def parse_listing(self, response: Response) -> Iterator[Request]:
        """Follow new article links, re-check due ones, and paginate while there is news."""
        self._count_page("listing")
        links = self.article_links(response)
        self.crawler.stats.inc_value("signwatch/listing_links", len(links))
        fresh = yield from self._follow_articles(links)
        if fresh or not self.context.known or self.catch_up:
            for url in self.pagination_links(response):
                if self._within_limit():
                    yield self._request(url, self.parse_listing, "listing")

    def parse_feed(self, response: Response) -> Iterator[Request]:
        """Follow the article links of an RSS or Atom feed."""
        self._count_page("feed")
        pattern = self.article_pattern() if self.context.source.article_pattern else None
        links = [u for u in feed_links(response.body) if pattern is None or pattern.search(u)]
        self.crawler.stats.inc_value("signwatch/listing_links", len(links))
        yield from self._follow_articles(links)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        """Follow the article links of a sitemap (and the sitemaps of an index)."""
        self._count_page("sitemap")
        pages, children = sitemap_links(response.body)
        for url in children:
            if self._within_limit():
                yield self._request(url, self.parse_sitemap, "sitemap")
        pattern = self.article_pattern() if self.context.source.article_pattern else None
        links = [u for u in pages if pattern is None or pattern.search(u)]
        self.crawler.stats.inc_value("signwatch/listing_links", len(links))
        yield from self._follow_articles(links)

    def _follow_articles(self, links: list[str]) -> Generator[Request, None, int]:
        """Requests for unknown and due links; returns how many links were new."""
        fresh = 0
        now = datetime.now()
        for url in links:
            state = self.context.known.get(url)
            if state is None:
                fresh += 1
                if self._within_limit():
                    yield self._request(url, self.parse_article, "article")
            elif self.context.due_for_revisit(state, now):
                if self._within_limit():
                    yield self._request(
                        url,
                        self.parse_article,
                        "article",
                        meta={URL_STATE_META: state, "handle_httpstatus_list": [304]},
                    )
            else:
                self.crawler.stats.inc_value("signwatch/known_skipped")
        return fresh

    def parse_article(self, response: Response) -> Iterator[ArticlePage | NotModified]:
        """Hand an article page to the pipelines; a 304 only marks the URL as checked."""
        self._count_page("article")
        original = response.request.meta.get("redirect_urls", [response.url])[0] if response.request else response.url
        if response.status == 304:
            self.crawler.stats.inc_value("signwatch/not_modified")
            yield NotModified(source=self.context.source.name, url=original)
            return
        self.crawler.stats.inc_value("signwatch/article_pages")
        meta = response.request.meta if response.request else {}
        # What cleaning is given, and what the raw page is stored with so that a
        # reprocess decodes it the same way.  (``response.encoding`` would make
        # Scrapy guess from the body: the decoding middleware leaves article pages to cleaning.)
        http_charset = meta.get(HTTP_CHARSET_META) or self.context.source.encoding or None
        yield ArticlePage(
            source=self.context.source.name,
            site_type=self.site_type,
            url=original,
            final_url=response.url,
            status=response.status,
            headers=flat_headers(response),
            body=response.body,
            fetched_at=datetime.now(UTC),
            http_charset=http_charset,
            revisit=URL_STATE_META in meta,
        )

    def _count_page(self, kind: str) -> None:
        self.crawler.stats.inc_value("signwatch/pages")
        self.crawler.stats.inc_value(f"signwatch/{kind}_ok")

    def on_error(self, failure: Failure) -> None:
        """Count a failed request and keep its one-line description."""
        request = getattr(failure, "request", None)
        kind = request.meta.get(KIND, "page") if request is not None else "page"
        url = request.url if request is not None else "?"
        error = failure.value
        if isinstance(error, IgnoreRequest) and "robots.txt" in str(error).lower():
            self.crawler.stats.inc_value("signwatch/robots_forbidden")
            return
        if isinstance(error, HttpError):
            line = f"HTTP {error.response.status}"
        elif isinstance(error, IgnoreRequest) and "redirect" in str(error).lower():
            line = "too many redirects"
        elif "maxsize" in str(error).lower() or "max size" in str(error).lower():
            line = "page larger than max_page_bytes"
        else:
            line = describe_failure(failure)
        self.crawler.stats.inc_value("signwatch/errors")
        self.crawler.stats.inc_value(f"signwatch/{kind}_errors")
        message = f"{kind} {url}: {line}"
        if len(self.first_errors) < 20:
            self.first_errors.append(message)
        logger.warning("%s", message)


def _unique(urls: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(urls))
