"""Checking source entries: one clear line per problem, before any crawl runs."""

from __future__ import annotations

import codecs
import re
from urllib.parse import urlsplit

from cssselect import GenericTranslator, SelectorError
from lxml import etree

from monitor.config import SourceSettings
from monitor.errors import ConfigError
from monitor.running.schedule import parse_schedule


def schedule_problem(schedule: str) -> str | None:
    """What is wrong with a schedule (an interval like ``6h`` or a five-field cron), or None.

    The same parser the scheduler uses, so a schedule that passes here runs.
    """
    try:
        parse_schedule(schedule.strip())
    except ConfigError as error:
        return str(error)
    return None


def source_problems(source: SourceSettings) -> list[str]:
    """Every problem of one source entry, each a short sentence."""
    problems: list[str] = []
    if not source.start_urls and not source.feeds and not source.sitemaps:
        problems.append("no start_urls, feeds or sitemaps: nothing to crawl")
    domains = [d.lower().lstrip(".") for d in source.allowed_domains]
    for key, urls in (("start_urls", source.start_urls), ("feeds", source.feeds), ("sitemaps", source.sitemaps)):
        for url in urls:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                problems.append(f"{key}: {url!r} is not an http(s) URL")
            elif domains and not any(parts.hostname == d or parts.hostname.endswith("." + d) for d in domains):
                problems.append(f"{key}: {url!r} is outside allowed_domains ({', '.join(domains)})")
    problem = schedule_problem(source.schedule)
    if problem:
        problems.append(problem)
    if source.page_limit <= 0:
        problems.append(f"page_limit must be more than 0, not {source.page_limit}")
    if source.revisit_days < 0:
        problems.append(f"revisit_days cannot be negative ({source.revisit_days})")
    if source.encoding:
        try:
            codecs.lookup(source.encoding)
        except LookupError:
            problems.append(f"encoding {source.encoding!r} is not a known charset")
    if source.article_pattern:
        try:
            re.compile(source.article_pattern)
        except re.error as error:
            problems.append(f"article_pattern is not a valid regular expression: {error}")
    if source.link_css:
        try:
            GenericTranslator().css_to_xpath(source.link_css)
        except SelectorError as error:
            problems.append(f"link_css {source.link_css!r} is not a valid CSS selector: {error}")
    if source.link_xpath:
        try:
            etree.XPath(source.link_xpath)
        except etree.XPathSyntaxError as error:
            problems.append(f"link_xpath {source.link_xpath!r} is not a valid XPath: {error}")
    if source.type == "generic" and not (
        source.link_css or source.link_xpath or source.article_pattern or source.feeds or source.sitemaps
    ):
        problems.append("a generic source needs link_css, link_xpath, article_pattern, feeds or sitemaps")
    return problems


def check_all(sources: list[SourceSettings]) -> list[str]:
    """``name: problem`` lines for every source (empty when all are fine)."""
    return [f"{source.name}: {problem}" for source in sources for problem in source_problems(source)]
