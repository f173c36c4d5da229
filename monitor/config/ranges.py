"""What a setting's values may be: ``Range`` and the checks of one value.

Each setting of ``monitor.config.settings`` carries its range and the reason
for it in its field's metadata (``allowed(range, why)``); a range tests one
value and says what is wrong with it in a few words, never repeating a value
that may hold a secret (database and Redis URLs).  The heavier checks import
what they need (cssselect, lxml, apscheduler, Apprise) only when a value needs them.
A subscription's kinds, digest time and Apprise targets are checked by the
grammars monitor.alerts uses too, in ``monitor.subscription_terms``.
"""

from __future__ import annotations

import codecs
import math
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from monitor.sites import site_type_names
from monitor.subscription_terms import KINDS, STAGE_NAMES, digest_problem, kind_problem, stage_problem, target_problem

# Field metadata keys: the values a setting may take, and why those.
RANGE_KEY = "signwatch_range"
WHY_KEY = "signwatch_why"


@dataclass(frozen=True)
class Range:
    """The values one setting may take: ``text`` says it to people, ``problem`` tests one value.

    ``problem`` answers None for a good value, else what is wrong in a few
    words.  For a list setting it tests each item.
    """

    text: str
    problem: Callable[[Any], str | None]


def allowed(values: Range, why: str) -> dict[str, Any]:
    """Field metadata: the range of a setting and why it is that (see ``setting_ranges``)."""
    return {RANGE_KEY: values, WHY_KEY: why}


def shown(number: float) -> str:
    """A number as a person writes it: ``60`` for 60.0, ``0.5``, ``inf``."""
    if isinstance(number, float) and number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return str(number)


def numbers(low: float, high: float | None = None, *, above: bool = False) -> Range:
    """Finite numbers from ``low`` (or more than ``low``, with ``above``) up to ``high``."""
    floor = f"more than {shown(low)}" if above else f"at least {shown(low)}"
    described = f"{floor}, at most {shown(high)}" if high is not None else floor

    def problem(value: float) -> str | None:
        if not math.isfinite(value):
            return f"must be a finite number, not {value}"
        # Written as "not (ok)" so that nothing odd slips through a comparison.
        if not (value > low if above else value >= low):
            return f"must be {floor}, not {shown(value)}"
        if high is not None and not value <= high:
            return f"must be at most {shown(high)}, not {shown(value)}"
        return None

    return Range(described, problem)


def choice(*options: str) -> Range:
    """One of ``options``."""

    def problem(value: str) -> str | None:
        return None if value in options else f"{value!r} is not one of {', '.join(options)}"

    return Range(" | ".join(options), problem)


def optional(inner: Range) -> Range:
    """``""`` (not set), or what ``inner`` allows."""
    return Range(f'"" or {inner.text}', lambda value: None if value == "" else inner.problem(value))


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _one_line(value: str) -> str | None:
    return "must be one line, without control characters" if _CONTROL.search(value) else None


def text(*, empty: bool = False, spaces: bool = True, longest: int | None = None) -> Range:
    """Text without control characters; not empty unless ``empty``; no whitespace unless ``spaces``."""
    words = ["text" if empty else "non-empty text", "one line"]
    if not spaces:
        words.append("no spaces")
    if longest is not None:
        words.append(f"at most {longest} characters")

    def problem(value: str) -> str | None:
        if not value and not empty:
            return "must not be empty"
        if not spaces and any(char.isspace() for char in value):
            return f"{value!r} must not contain spaces"
        if longest is not None and len(value) > longest:
            return f"must be at most {longest} characters, not {len(value)}"
        return _one_line(value)

    return Range(", ".join(words), problem)


BOOLEAN = Range("true or false", lambda value: None)
PATH = text(empty=True)


def http_url_problem(url: str) -> str | None:
    """What keeps ``url`` from being an http(s) URL with a host (``file://``, ``javascript:``, not a URL), or None."""
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018  (reading it validates it)
    except ValueError:
        return f"{_without_password(url)!r} has a bad port"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{_without_password(url)!r} is not an http(s) URL"
    if _CONTROL.search(url) or any(char.isspace() for char in url):
        return f"{_without_password(url)!r} contains spaces or control characters"
    return None


def _without_password(url: str) -> str:
    """The URL with any password in it replaced by ``***`` (secrets never appear in messages)."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


HTTP_URL = Range("an http(s) URL with a host", http_url_problem)

_DOMAIN = re.compile(r"^[^\s/:@?#*\\]+$")


def domain_problem(value: str) -> str | None:
    """What keeps ``value`` from being a bare host name for ``allowed_domains``, or None."""
    if not _DOMAIN.match(value) or value.strip(".") == "":
        return f"{value!r} is not a bare host name (like bs-cfw.com: no scheme, path or port)"
    return None


def database_url_problem(value: str) -> str | None:
    """What keeps ``value`` from being a URL of a store signwatch runs on, or None (never repeating it)."""
    scheme = value.split("://", 1)[0] if "://" in value else ""
    if scheme.split("+", 1)[0].lower() not in ("sqlite", "postgresql", "postgres"):
        return "must be a sqlite:/// or postgresql+psycopg:// URL"
    return _one_line(value)


def redis_url_problem(value: str) -> str | None:
    """What keeps ``value`` from being a Redis URL, or None (never repeating it: it may hold a password)."""
    if urlsplit(value).scheme not in ("redis", "rediss", "unix"):
        return "must be a redis://, rediss:// or unix:// URL"
    return _one_line(value)


def user_agent_problem(value: str) -> str | None:
    """What keeps ``value`` from being a User-Agent template filled with ``{contact}``, or None."""
    try:
        value.format(contact="x")
    except (KeyError, IndexError, AttributeError, ValueError):
        return f"{value!r} may name only {{contact}} (and write a brace as {{{{ or }}}})"
    return _one_line(value) or (None if value.strip() else "must not be empty")


def template_problem(value: str) -> str | None:
    """What keeps ``value`` from being a ``str.format`` template, or None (its fields are monitor.alerts.render's)."""
    try:
        list(string.Formatter().parse(value))
    except ValueError as error:
        return f"not a valid template: {error}"
    return None


def regex_problem(value: str) -> str | None:
    """What keeps ``value`` from compiling as a regular expression, or None."""
    try:
        re.compile(value)
    except re.error as error:
        return f"{value!r} is not a valid regular expression: {error}"
    return None


def css_problem(value: str) -> str | None:
    """What keeps ``value`` from being a CSS selector of elements, or None."""
    from cssselect import GenericTranslator, SelectorError

    try:
        GenericTranslator().css_to_xpath(value)
    except SelectorError as error:
        # Pseudo-elements (::attr, ::text) are refused too: the spider wants elements.
        return f"{value!r} is not a CSS selector of elements: {error}"
    return None


def xpath_problem(value: str) -> str | None:
    """What keeps ``value`` from compiling as an XPath, or None."""
    from lxml import etree

    try:
        etree.XPath(value)
    except etree.XPathSyntaxError as error:
        return f"{value!r} is not a valid XPath: {error}"
    except ValueError:  # lxml takes no control characters
        return f"{value!r} is not a valid XPath: it holds a control character"
    return None


def charset_problem(value: str) -> str | None:
    """What keeps ``value`` from naming a text encoding Python decodes, or None."""
    try:
        found = codecs.lookup(value)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        return f"{value!r} is not a known charset"
    # rot13, base64, zlib ... are codecs too, but not text encodings.
    if not getattr(found, "_is_text_encoding", True):
        return f"{value!r} is not a text encoding"
    return None


def time_zone_problem(value: str) -> str | None:
    """What keeps ``value`` from naming a time zone this system knows, or None."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return f"{value!r} is not a known time zone (e.g. Asia/Shanghai)"
    return None


# The interval grammar of monitor.running.schedule (which this module may not
# import); tests/test_config.py checks that the two agree on a table of schedules.
_INTERVAL = re.compile(r"^\s*(?P<count>\d+)\s*(?:s|m|h|d)\s*$")


def schedule_problem(value: str) -> str | None:
    """What keeps ``value`` from being an interval (``30m``, ``6h``, ``1d``) or a five-field cron, or None."""
    match = _INTERVAL.match(value)
    if match:
        return None if int(match["count"]) > 0 else f"{value!r}: the interval must be positive"
    if len(value.split()) == 5:
        from apscheduler.triggers.cron import CronTrigger

        try:
            CronTrigger.from_crontab(value, timezone="UTC")
        except ValueError as error:
            return f"{value!r} is not a valid cron expression ({error})"
        return None
    return f"{value!r} is neither an interval (30m, 6h, 1d) nor a five-field cron expression"


def site_type_problem(value: str) -> str | None:
    """What keeps ``value`` from naming a site type of the registry, or None."""
    names = site_type_names()
    return None if value in names else f"{value!r} is not one of {', '.join(names)}"


def alert_kind_problem(value: str) -> str | None:
    """What keeps ``value`` from naming a kind of alert (monitor.subscription_terms), or None."""
    return _one_line(value) or kind_problem(value)


ALERT_KIND = Range(" | ".join(KINDS) + " (any case)", alert_kind_problem)


def project_stage_problem(value: str) -> str | None:
    """What keeps ``value`` from naming a project stage (monitor.subscription_terms), or None."""
    return _one_line(value) or stage_problem(value)


PROJECT_STAGE = Range(" | ".join(STAGE_NAMES), project_stage_problem)


def digest_time_problem(value: str) -> str | None:
    """What keeps ``value`` from being a ``daily@HH:MM`` digest time (monitor.subscription_terms), or None."""
    return _one_line(value) or digest_problem(value)


def apprise_target_problem(value: str) -> str | None:
    """What keeps ``value`` from being Apprise URLs Apprise can use or existing Apprise config files, or None.

    A URL is named only masked, as Apprise's privacy mode prints it: its tokens never show.
    """
    return _one_line(value) or target_problem(value)


# Ranges more than one setting has.
# A workbench password or token as ``signwatch serve --hash-password`` writes it:
# scrypt's cost, block size and parallelism, then salt and key in base64.
_PASSWORD_HASH = re.compile(r"^scrypt\$(\d{1,7})\$(\d{1,2})\$(\d{1,2})\$[A-Za-z0-9+/=]{16,}\$[A-Za-z0-9+/=]{32,}$")


def password_hash_problem(value: str) -> str | None:
    """What keeps ``value`` from being a scrypt hash made by ``signwatch serve --hash-password``, or None.

    Never repeats the value: a password pasted here by mistake must not reach a log.
    """
    found = _PASSWORD_HASH.match(value)
    if found is None:
        return "must be a hash from `signwatch serve --hash-password` (scrypt$N$r$p$salt$key), not a password"
    cost = int(found.group(1))
    if cost < 2**14 or cost & (cost - 1):
        return "scrypt's N must be a power of two of at least 16384"
    return None


def host_problem(value: str) -> str | None:
    """What keeps ``value`` from being a host name or IP address to listen on, or None."""
    if not value or any(char.isspace() or char in "/@?#" for char in value):
        return "must be a host name or an IP address (127.0.0.1, ::1, 0.0.0.0)"
    return None


NAME = text(spaces=False, longest=200)
SITE_TYPE = Range("a type of the site registry (monitor.sites)", site_type_problem)
TEMPLATE = optional(Range("a str.format template", template_problem))
SECONDS = numbers(0, above=True)
