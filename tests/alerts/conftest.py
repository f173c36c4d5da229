"""Fixtures of the alerts tests: a local Apprise json:// sink on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from monitor.demo.sink import AlertSink


@pytest.fixture
def sink() -> Iterator[AlertSink]:
    """A running sink; subscriptions point at ``sink.url(name)`` and tests read ``sink.received()``."""
    with AlertSink() as running:
        yield running
