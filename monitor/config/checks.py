"""The checks of built settings: each value against its range, and the rules across keys.

Reading a file runs them on every table it builds (monitor.config.reading);
``value_problems`` and ``source_problems`` run them on settings made in code.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from dataclasses import Field, fields, is_dataclass
from typing import Any
from urllib.parse import urlsplit

from monitor.config.ranges import RANGE_KEY, WHY_KEY, Range, domain_problem, http_url_problem, shown
from monitor.config.settings import AlertSettings, Settings, SourceSettings, SubscriptionSettings
from monitor.sites import site_type, site_type_names


def _source_rules(source: SourceSettings) -> Iterator[tuple[str, str]]:
    if not (source.start_urls or source.feeds or source.sitemaps):
        yield "start_urls", "empty, with no feeds or sitemaps either: nothing to crawl"
    domains = [d.lower().lstrip(".") for d in source.allowed_domains if domain_problem(d) is None]
    for key in ("start_urls", "feeds", "sitemaps"):
        for index, url in enumerate(getattr(source, key)):
            # A URL that is no http(s) URL, or a domain that is no host name, is reported on its own.
            host = urlsplit(url).hostname if http_url_problem(url) is None else None
            if host and domains and not any(host == d or host.endswith("." + d) for d in domains):
                yield f"{key}[{index}]", f"{url!r} is outside allowed_domains ({', '.join(domains)})"
    links = source.link_css or source.link_xpath or source.article_pattern or source.feeds or source.sitemaps
    if not links and source.type in site_type_names() and site_type(source.type).needs_link_rule:
        problem = f"a {source.type} source needs link_css, link_xpath, article_pattern, feeds or sitemaps"
        yield "type", f"{problem} to know its article links"


def _subscription_rules(subscription: SubscriptionSettings) -> Iterator[tuple[str, str]]:
    if not subscription.url.strip() and not subscription.tag.strip():
        yield "url", "empty: give an Apprise URL, or a tag of alerts.apprise_config"


def _alert_rules(alerts: AlertSettings) -> Iterator[tuple[str, str]]:
    if 0 < alerts.backoff_max_seconds < alerts.backoff_seconds:
        low, cap = shown(alerts.backoff_seconds), shown(alerts.backoff_max_seconds)
        yield "backoff_max_seconds", f"must be at least backoff_seconds ({low}), not {cap}"


def _settings_rules(settings: Settings) -> Iterator[tuple[str, str]]:
    seen: set[str] = set()
    for index, subscription in enumerate(settings.subscriptions):
        if subscription.name in seen:
            yield f"subscriptions[{index}]", f"duplicate subscription name {subscription.name!r}"
        seen.add(subscription.name)
        tag = subscription.tag.strip()
        if tag and not subscription.url.strip() and not settings.alerts.apprise_config:
            # Named as a problem inside the entry is: the key, then the entry's name.
            where = f"subscriptions[{index}].tag ({subscription.name})"
            yield where, f"{tag!r} needs alerts.apprise_config (an Apprise config file) to pick services from"


_RULES: dict[type, Callable[[Any], Iterator[tuple[str, str]]]] = {
    Settings: _settings_rules,
    SourceSettings: _source_rules,
    SubscriptionSettings: _subscription_rules,
    AlertSettings: _alert_rules,
}


def value_problems(settings: object) -> list[tuple[str, str]]:
    """(key, problem) for every value of one settings table outside its range, and every rule across its keys broken.

    Only this table's own values: a nested table or a list of tables is
    checked on its own.  The key is relative to the table (``start_urls[0]``).
    """
    found: list[tuple[str, str]] = []
    for spec in _checked_fields(type(settings)):
        values: Range = spec.metadata[RANGE_KEY]
        value = getattr(settings, spec.name)
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            problem = values.problem(item)
            if problem:
                found.append((spec.name if index is None else f"{spec.name}[{index}]", problem))
    rules = _RULES.get(type(settings))
    if rules is not None:
        found += list(rules(settings))
    return found


def source_problems(source: SourceSettings) -> list[str]:
    """Every problem of one source entry, each ``key: problem`` (for a source made in code, not read)."""
    return [f"{key}: {problem}" for key, problem in value_problems(source)]


def _checked_fields(cls: type) -> list[Field[Any]]:
    return [spec for spec in fields(cls) if RANGE_KEY in spec.metadata]


def setting_ranges() -> list[tuple[str, str, str]]:
    """The table of every setting: (key, the values it may take, why), in file order."""
    rows: list[tuple[str, str, str]] = []

    def walk(cls: type, prefix: str) -> None:
        hints = typing.get_type_hints(cls)
        for spec in fields(cls):
            hint = hints[spec.name]
            if is_dataclass(hint):
                walk(hint, f"{prefix}{spec.name}.")  # type: ignore[arg-type]
            elif typing.get_origin(hint) is list and is_dataclass(typing.get_args(hint)[0]):
                walk(typing.get_args(hint)[0], f"{prefix}{spec.name}[].")
            elif RANGE_KEY in spec.metadata:
                rows.append((prefix + spec.name, spec.metadata[RANGE_KEY].text, spec.metadata[WHY_KEY]))

    walk(Settings, "")
    return rows
