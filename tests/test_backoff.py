"""monitor.backoff: the one exponential-backoff formula of the crawler, the workers and the outbox."""

from __future__ import annotations

import pytest

from monitor.backoff import backoff_seconds


@pytest.mark.parametrize(
    ("attempt", "base", "cap", "expected"),
    [
        # doubling from base: 1, 2, 4, 8 …
        (1, 1.0, 60.0, 1.0),
        (2, 1.0, 60.0, 2.0),
        (3, 1.0, 60.0, 4.0),
        (6, 1.0, 60.0, 32.0),
        # … until the cap, and the cap from then on
        (7, 1.0, 60.0, 60.0),
        (50, 1.0, 60.0, 60.0),
        # the outbox's defaults: 60 s doubling, capped at an hour
        (1, 60.0, 3600.0, 60.0),
        (4, 60.0, 3600.0, 480.0),
        (6, 60.0, 3600.0, 1920.0),
        (7, 60.0, 3600.0, 3600.0),
        # the crawler's HTTP retries by default: 1 s doubling, capped at two minutes
        (1, 1.0, 120.0, 1.0),
        (7, 1.0, 120.0, 64.0),
        (8, 1.0, 120.0, 120.0),
        # fractions of a second (the tests' settings)
        (3, 0.5, 8.0, 2.0),
        (6, 0.5, 8.0, 8.0),
        # a cap below base wins at once
        (1, 5.0, 2.0, 2.0),
        # attempt 0 (nothing failed yet, as the outbox may ask) counts as the first
        (0, 60.0, 600.0, 60.0),
        # no base, no wait
        (5, 0.0, 30.0, 0.0),
        # integer settings give the same numbers, as floats
        (3, 60, 600, 240.0),
        # far past the range of a float (a Redis down for days): still the cap, no OverflowError
        (1025, 1.0, 30.0, 30.0),
        (100_000, 1.0, 30.0, 30.0),
    ],
)
def test_backoff_seconds(attempt: int, base: float, cap: float, expected: float) -> None:
    pause = backoff_seconds(attempt, base, cap)
    assert pause == expected
    assert isinstance(pause, float)
