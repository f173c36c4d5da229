"""The spider every site type shares: configured by one source entry, incremental by design.

A crawl fetches the source's listing pages (and its feeds and sitemaps), and
follows only article links it has not stored.  A stored link is re-checked
only within the source's ``revisit_days`` of publication, with validators so
an unchanged page costs a 304.  Pagination stops at the first listing page
with nothing new on it: older pages only hold older, already stored articles.
Which links are articles is the site type's declaration in ``monitor.sites``;
a subclass names its site type and may narrow the link choice in code.  The
further listing pages are the pager's next page, however the CMS writes it
(``crawler.spiders.pagination``), and the links of the type's ``listing_url``.
A listing page with no article link on it is a problem of the run: the type
(or the source's link rule) does not fit the site.

Links are compared in their canonical form (query arguments sorted, as
Scrapy's duplicate filter does): ``?cate=1&page=2`` and ``?page=2&cate=1``
are one page, and a stored ``?id=7`` is known however a listing orders it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Callable, Generator, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar, Self
from urllib.parse import urlsplit

from parsel import Selector
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

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
from crawler.pipelines import PROBLEMS_STAT
from crawler.politeness import scrapy_overrides
from crawler.spiders.discovery import feed_entries, sitemap_links
from crawler.spiders.islands import with_islands
from crawler.spiders.pagination import Pager, read_pager
from monitor.config import Settings, load_settings
from monitor.errors import ConfigError
from monitor.records import UrlState
from monitor.running.listings import ListingMemo, load_listing_memos, save_listing_memos
from monitor.running.runs import MAX_PAGE_PROBLEMS
from monitor.sites import site_type as registered_site_type

logger = logging.getLogger(__name__)

# The request meta key of a feed item's publication date (RSS pubDate, Atom published/updated).
LISTED_PUBLISHED_META = "signwatch_listed_published"
# The outcome of a listing page that held no article link (a page problem of the run, as not_article and error are).
NO_LINKS = "no_links"


def no_links_reason(url: str) -> str:
    """The one line a run records for a listing page that held no article link."""
    return f"0 article links on listing page {url} — is the type right?"


class SourceSpider(Spider):
    """A spider for one site type; ``-a source=NAME [-a config=FILE]`` picks the site."""

    site_type: ClassVar[str] = ""
    # Copied from the site type's registry declaration when a subclass names its type:
    article_url: ClassVar[str] = ""  # regex an article URL matches (searched)
    listing_url: ClassVar[str] = ""  # regex a further listing page matches (searched)
    listing_links_css: ClassVar[str] = ""  # the article links of a listing page ("": every link)
    pagination_css: ClassVar[str] = ""  # the block holding a listing's pager ("": found by the common rules)

    context: SourceContext
    allowed_domains: list[str]
    # Where the spider's page problems (a listing without article links) go: the crawl's stats, which
    # the run recorder writes to the run (``crawler.extensions``), unless a crawl worker, crawling
    # many runs at once, routes each to the run of its response (``crawler.workers.runs``).
    problem_sink: Callable[[Response, str, str], None] | None = None
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
            cls.pagination_css = site.pagination_css

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """A spider with a fresh run's state (a crawl worker makes one per source and run)."""
        super().__init__(*args, **kwargs)
        self.listings_seen: set[str] = set()  # canonical URLs of the listing pages requested this run
        self._known_index: tuple[dict[str, UrlState], dict[str, str]] | None = None
        self._page: tuple[Response, Selector] | None = None
        self._pager: tuple[Response, Pager] | None = None
        # What the last crawl saw on each listing page (by URL), and what this one saw: saved at close.
        self.listing_memos: dict[str, ListingMemo] = {}
        self.listings_read: dict[str, ListingMemo] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """Load the source entry and apply the config's politeness before the crawl starts."""
        name = kwargs.pop("source", None)
        if not name:
            raise ConfigError(f"spider {cls.name!r} needs a source: scrapy crawl {cls.name} -a source=NAME")
        config = kwargs.pop("config", None)
        settings = crawl_settings(Path(config) if config else None)
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
        spider.listing_memos = load_listing_memos(spider.context.db, source.name)
        return spider

    # --- link selection (what subclasses change) --------------------------------

    def article_pattern(self) -> re.Pattern[str]:
        """The regex of article URLs: the source's own, else the site type's."""
        return re.compile(self.context.source.article_pattern or self.article_url)

    def candidate_links(self, response: Response) -> Iterable[str]:
        """The links ``listing_links_css`` picks on a listing page, else (none picked, or none declared) every link."""
        page = self.page(response)
        if self.listing_links_css:
            picked = page.css(self.listing_links_css).xpath("@href").getall()
            if picked:
                return picked
        return page.css("a::attr(href)").getall()

    def page(self, response: Response) -> Selector:
        """The listing page as the link readers see it: parsed, its data islands' links made elements of it.

        Read once a page: choosing article links and following the pager both ask.
        """
        cached = self._page
        if cached is not None and cached[0] is response:
            return cached[1]
        page = Selector(text="")
        if isinstance(response, TextResponse):
            page = with_islands(response.selector, response.text)
        self._page = (response, page)
        return page

    def pager(self, response: Response) -> Pager:
        """What the listing page's pager says: its next pages and all its links (the type's ``pagination_css``)."""
        cached = self._pager
        if cached is not None and cached[0] is response:
            return cached[1]
        pager = read_pager(self.page(response), response.url, self.pagination_css)
        self._pager = (response, pager)
        return pager

    def article_links(self, response: Response, pager: Pager | None = None) -> list[str]:
        """Absolute article URLs on a listing page, in page order, without repeats (never a pager link)."""
        pattern = self.article_pattern()
        pager = pager or self.pager(response)
        links = self._absolute(response, self.candidate_links(response))
        return unique_urls(u for u in links if pattern.search(u) and not pager.holds(u))

    def pagination_links(self, response: Response, pager: Pager | None = None) -> list[str]:
        """Further listing pages linked from a listing page: the pager's next page, and the type's ``listing_url``."""
        pager = pager or self.pager(response)
        declared: list[str] = []
        if self.listing_url:
            pattern = re.compile(self.listing_url)
            hrefs = self.page(response).css("a::attr(href)").getall()
            declared = [u for u in self._absolute(response, hrefs) if pattern.search(u)]
        return unique_urls([*pager.next, *declared])

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
        self.listings_seen.update(canonicalize_url(url) for url in source.start_urls)
        requests = [self._listing_request(url, dont_filter=True) for url in source.start_urls]
        requests += [self._request(url, self.parse_feed, "feed", dont_filter=True) for url in source.feeds]
        requests += [self._request(url, self.parse_sitemap, "sitemap", dont_filter=True) for url in source.sitemaps]
        return requests

    def _request(self, url: str, callback: Any, kind: str, **options: Any) -> Request:
        self.requested += 1
        meta = {KIND: kind, **options.pop("meta", {})}
        return Request(url, callback=callback, errback=self.on_error, meta=meta, **options)

    def _listing_request(self, url: str, **options: Any) -> Request:
        """A listing page's request, with the validators it last answered with (a catch-up reads it whole)."""
        memo = self.listing_memos.get(url)
        if memo is None or self.catch_up or not (memo.etag or memo.last_modified):
            return self._request(url, self.parse_listing, "listing", **options)
        validators = UrlState(memo.etag, memo.last_modified, None, "")
        meta = {URL_STATE_META: validators, "handle_httpstatus_list": [304]}
        return self._request(url, self.parse_listing, "listing", meta=meta, **options)

    def _within_limit(self) -> bool:
        if self.requested < self.context.source.page_limit:
            return True
        self.crawler.stats.set_value("signwatch/page_limit_reached", True)
        return False

    def parse_listing(self, response: Response) -> Iterator[Request]:
        """Follow new article links, re-check due ones, and paginate while there is news.

        A listing unchanged since the last crawl (a 304, or the same article
        links) is counted in ``signwatch/listings_unchanged``: its links not
        stored yet are still followed (a fetch that failed last time), due
        re-checks still made, and no further page is read.
        """
        self._count_page("listing")
        url = response.request.url if response.request is not None else response.url
        memo = self.listing_memos.get(url)
        if response.status == 304 and memo is not None:
            self.crawler.stats.inc_value("signwatch/listing_not_modified")
            self.crawler.stats.inc_value("signwatch/listings_unchanged")
            # The links are the stored ones: still counted, so that the run (and health) see a listing with links.
            self.crawler.stats.inc_value("signwatch/listing_links", len(memo.links))
            yield from self._follow_articles(list(memo.links))
            return
        links = self.article_links(response)
        self.crawler.stats.inc_value("signwatch/listing_links", len(links))
        if not links:
            self._no_links(response)
        read = ListingMemo(url, _header(response, b"ETag"), _header(response, b"Last-Modified"), tuple(links))
        self.listings_read[url] = read
        unchanged = memo is not None and memo.digest == read.digest
        if unchanged:
            self.crawler.stats.inc_value("signwatch/listings_unchanged")
        fresh = yield from self._follow_articles(links)
        # Older pages can only hold news when this one had some (or nothing is stored yet).
        if self.catch_up or (not unchanged and (fresh or not self.context.known)):
            for further in self.pagination_links(response):
                seen = canonicalize_url(further)
                if seen in self.listings_seen:
                    continue  # page 1 again through 首页 or "1", a page reached twice: read once a run
                if self._within_limit():
                    self.listings_seen.add(seen)
                    yield self._listing_request(further)

    def closed(self, reason: str) -> None:
        """Save what this crawl saw on its listing pages: the next poll asks with their validators."""
        if not self.listings_read:
            return
        try:
            save_listing_memos(self.context.db, self.context.source.name, list(self.listings_read.values()))
        except Exception as error:  # the run is recorded all the same; the next poll fetches the listings whole
            logger.warning("listing pages of %s not saved: %s", self.context.source.name, error)

    def _no_links(self, response: Response) -> None:
        """Record that a listing page held no article link: a page problem of the run, not silence."""
        reason = no_links_reason(response.url)
        logger.warning("%s", reason)
        if self.problem_sink is not None:
            self.problem_sink(response, NO_LINKS, reason)
            return
        stats = self.crawler.stats
        kept: list[list[str]] = stats.get_value(PROBLEMS_STAT) or []
        if len(kept) < MAX_PAGE_PROBLEMS:
            stats.set_value(PROBLEMS_STAT, [*kept, [NO_LINKS, response.url, reason]])

    def parse_feed(self, response: Response) -> Iterator[Request]:
        """Follow the article links of an RSS or Atom feed, each with the date the feed gives it."""
        self._count_page("feed")
        pattern = self.article_pattern() if self.context.source.article_pattern else None
        entries = [e for e in feed_entries(response.body) if pattern is None or pattern.search(e.url)]
        self.crawler.stats.inc_value("signwatch/listing_links", len(entries))
        listed = {entry.url: entry.published for entry in entries if entry.published is not None}
        yield from self._follow_articles([entry.url for entry in entries], listed)

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

    def known_url(self, url: str) -> str | None:
        """The stored URL that is ``url`` (the same string, or the same page with its query in another order)."""
        known = self.context.known
        if url in known:
            return url
        if self._known_index is None or self._known_index[0] is not known:
            # Built once a run (a crawl worker loads a run's stored URLs after making its spider).
            self._known_index = (known, {canonicalize_url(stored): stored for stored in known})
        return self._known_index[1].get(canonicalize_url(url))

    def _follow_articles(
        self, links: list[str], listed: dict[str, datetime] | None = None
    ) -> Generator[Request, None, int]:
        """Requests for unknown and due links; returns how many links were new.

        ``listed`` holds the publication dates a feed gives its items: they
        travel with the request to the page, and decide a revisit when the
        stored article has no date of its own.
        """
        fresh = 0
        now = datetime.now()
        listed = listed or {}
        for url in links:
            stored = self.known_url(url)
            date = listed.get(url)
            meta = {LISTED_PUBLISHED_META: date} if date is not None else {}
            if stored is None:
                fresh += 1
                if self._within_limit():
                    yield self._request(url, self.parse_article, "article", meta=meta)
                continue
            state = self.context.known[stored]
            if self.context.due_for_revisit(state, now, date):
                if self._within_limit():
                    yield self._request(
                        stored,
                        self.parse_article,
                        "article",
                        meta={**meta, URL_STATE_META: state, "handle_httpstatus_list": [304]},
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
            listed_published=meta.get(LISTED_PUBLISHED_META),
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


_SETTINGS: dict[tuple[str, int, int], Settings] = {}


def crawl_settings(path: Path | None) -> Settings:
    """The config at ``path``, read once a process while the file is unchanged.

    One crawl process starts a spider per source, and reading (and checking)
    a config of a thousand sources for each of a thousand spiders cost more
    than all their polls.
    """
    if path is None:
        return load_settings(None)
    try:
        stat = path.stat()
    except OSError:
        return load_settings(path)  # the one-line error of a missing config
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _SETTINGS:
        _SETTINGS.clear()
        _SETTINGS[key] = load_settings(path)
    return _SETTINGS[key]


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def unique_urls(urls: Iterable[str]) -> list[str]:
    """``urls`` in order without repeats, two URLs being one when their canonical forms are."""
    kept: dict[str, str] = {}
    for url in urls:
        kept.setdefault(canonicalize_url(url), url)
    return list(kept.values())
