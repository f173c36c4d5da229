"""Source schedules: an interval (``30m``, ``6h``, ``1d``) or a five-field cron expression.

The cron pass (``signwatch run``) asks ``is_due``; the daemon asks
``trigger_for`` for an APScheduler trigger with jitter, so sources on one
host do not all fire at the same second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from monitor.errors import ConfigError

_INTERVAL = re.compile(r"^\s*(?P<count>\d+)\s*(?P<unit>s|m|h|d)\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_INTERVAL = timedelta(seconds=1)


@dataclass(frozen=True)
class Schedule:
    """A parsed schedule: exactly one of ``interval`` and ``cron`` is set."""

    text: str
    interval: timedelta | None = None
    cron: str | None = None

    def trigger(self, jitter: int | None = None) -> BaseTrigger:
        """An APScheduler trigger for this schedule (UTC)."""
        if self.interval is not None:
            return IntervalTrigger(seconds=self.interval.total_seconds(), jitter=jitter, timezone="UTC")
        assert self.cron is not None
        return CronTrigger.from_crontab(self.cron, timezone="UTC")

    def next_after(self, moment: datetime) -> datetime:
        """The first time the source is due after a run that started at ``moment``."""
        if self.interval is not None:
            return moment + self.interval
        # Strictly after: a run that started on a matching minute is not due again at once.
        after = moment + timedelta(seconds=1)
        fire = CronTrigger.from_crontab(str(self.cron), timezone="UTC").get_next_fire_time(None, after)
        assert fire is not None
        return fire  # type: ignore[no-any-return]


def parse_schedule(text: str) -> Schedule:
    """Parse ``30m`` / ``6h`` / ``1d`` / ``90s`` or a five-field cron expression."""
    match = _INTERVAL.match(text)
    if match:
        interval = timedelta(seconds=int(match["count"]) * _UNITS[match["unit"]])
        if interval < MIN_INTERVAL:
            raise ConfigError(f"schedule {text!r}: the interval must be positive")
        return Schedule(text=text, interval=interval)
    if len(text.split()) == 5:
        try:
            CronTrigger.from_crontab(text, timezone="UTC")
        except ValueError as error:
            raise ConfigError(f"schedule {text!r}: not a valid cron expression ({error})") from None
        return Schedule(text=text, cron=text)
    raise ConfigError(f"schedule {text!r} is neither an interval (30m, 6h, 1d) nor a five-field cron expression")


def is_due(schedule: Schedule, last_started: datetime | None, now: datetime) -> bool:
    """True when a source that last started at ``last_started`` should run at ``now``."""
    return last_started is None or schedule.next_after(last_started) <= now
