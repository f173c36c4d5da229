"""When the daemon polls each new or overdue source first: spread so later polls stay spread.

An interval trigger repeats its first run every interval, so the first polls
set the daemon's rhythm for good.  Bunched into a fixed 45 s window, a
thousand sources polled every 10 minutes all fell due within one minute of
every ten: bursts of hundreds of crawlers, then nothing.  Here the window
grows with the number of starting sources (``STARTUP_SPACING`` seconds
each, at least the daemon's ``--startup-window``) and never reaches past a
source's own interval (or, for a cron schedule, its next time), so a
thousand sources every 10 minutes start evenly over the 10 minutes, as
they will then be polled, and ten sources still start within the minimum
window.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime

from monitor.running.schedule import Schedule

# Seconds of the startup window per starting source: about two first polls a second, so
# a thousand sources polled every 10 minutes start over 500 s and a few still start
# within the minimum window (five sources in a test's 3 s gathering window, say).
STARTUP_SPACING = 0.5


def startup_window(starting: int, minimum: float, spacing: float = STARTUP_SPACING) -> float:
    """Seconds over which ``starting`` sources' first polls are spread (before each source's own cap)."""
    return max(minimum, starting * spacing)


def first_poll_offsets(
    schedules: Sequence[Schedule],
    now: datetime,
    minimum: float,
    *,
    spacing: float = STARTUP_SPACING,
    draw: random.Random | None = None,
) -> list[float]:
    """Seconds after ``now`` of each starting source's first poll, in the order given.

    Source ``i`` of ``n`` polls at ``(i + u) / n`` of its window (``u``
    drawn in [0, 1)): one source per ``n``-th of the window, in order, so
    sources listed together (one host's, say) do not poll together.  Its
    window is ``startup_window`` capped by its interval, or for a cron
    schedule by the time to its next fire after ``now``.
    """
    draw = draw or random.Random()
    window = startup_window(len(schedules), minimum, spacing)
    count = max(1, len(schedules))
    offsets = []
    for index, schedule in enumerate(schedules):
        if schedule.interval is not None:
            cap = schedule.interval.total_seconds()
        else:
            cap = (schedule.next_after(now) - now).total_seconds()
        offsets.append(min(window, cap) * (index + draw.random()) / count)
    return offsets
