"""Exponential backoff: how long to wait before the next try, one formula for every retry loop.

Used by the crawler's HTTP retries (``crawler.middlewares``), a worker's
Redis and database retries (``crawler.workers``) and the outbox's delivery
retries (``monitor.alerts.dispatch``).
"""

from __future__ import annotations

import math


def backoff_seconds(attempt: int, base: float, cap: float) -> float:
    """Seconds to wait after the ``attempt``-th failure (1-based): ``base · 2^(attempt-1)``, at most ``cap``.

    So ``base``, ``2·base``, ``4·base`` … until ``cap``.  An ``attempt`` below
    1 counts as the first.  However many attempts, the answer is a number:
    past the range of a float the wait is simply ``cap``.
    """
    exponent = max(attempt - 1, 0)
    try:
        # Exactly base * 2 ** exponent, without the OverflowError an int power raises past 2**1023.
        pause = math.ldexp(base, exponent)
    except OverflowError:
        return float(cap)
    return float(min(cap, pause))
