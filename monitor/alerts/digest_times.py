"""Digest times: ``daily@HH:MM`` (its grammar is ``monitor.subscription_terms``'s) read in the configured time zone."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from monitor.errors import ConfigError
from monitor.subscription_terms import parse_digest


def zone(name: str) -> ZoneInfo:
    """The time zone called ``name``; ConfigError when the system does not know it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"alerts.timezone {name!r} is not a known time zone (e.g. Asia/Shanghai)") from None


def next_digest(spec: str, after: datetime, timezone: str) -> datetime:
    """The first digest time strictly after ``after`` (an aware datetime)."""
    at = parse_digest(spec)
    tz = zone(timezone)
    local = after.astimezone(tz)
    candidate = datetime.combine(local.date(), at, tzinfo=tz)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), at, tzinfo=tz)
    return candidate


def last_digest(spec: str, now: datetime, timezone: str) -> datetime:
    """The latest digest time at or before ``now``: rows queued before it are due."""
    at = parse_digest(spec)
    tz = zone(timezone)
    local = now.astimezone(tz)
    candidate = datetime.combine(local.date(), at, tzinfo=tz)
    if candidate > local:
        candidate = datetime.combine(local.date() - timedelta(days=1), at, tzinfo=tz)
    return candidate
