"""Digest times: ``daily@HH:MM`` read in the configured time zone."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from monitor.errors import ConfigError, InputError

_DAILY = re.compile(r"^daily@([01]?\d|2[0-3]):([0-5]\d)$")


def parse_digest(spec: str) -> time:
    """The time of day of a ``daily@HH:MM`` digest; InputError for anything else."""
    match = _DAILY.match(spec.strip())
    if match is None:
        raise InputError(f"--digest {spec!r} is not daily@HH:MM (e.g. daily@08:30)")
    return time(int(match.group(1)), int(match.group(2)))


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
