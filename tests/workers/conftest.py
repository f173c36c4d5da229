"""Fixtures of the workers tests: the shared Redis under a per-test key prefix, PostgreSQL, the mirror."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import redis

from monitor.store import Database

REDIS_ENV = "SIGNWATCH_TEST_REDIS_URL"


@pytest.fixture
def redis_url() -> str:
    """The shared test Redis (skips with a message when unset or unreachable)."""
    url = os.environ.get(REDIS_ENV)
    if not url:
        pytest.skip(f"Redis tests skipped: set {REDIS_ENV} (e.g. redis://127.0.0.1:6379/0)")
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        client.ping()
        client.close()
    except redis.RedisError as error:
        pytest.skip(f"Redis at {url} unreachable: {error}")
    return url


@pytest.fixture
def queue_prefix(redis_url: str) -> Iterator[str]:
    """A key prefix of this test alone; every key under it is deleted afterwards."""
    prefix = f"swtest-{uuid.uuid4().hex[:10]}"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture
def shared_redis(redis_url: str) -> Iterator[redis.Redis]:
    """A client of the shared test Redis."""
    client: redis.Redis = redis.Redis.from_url(redis_url)
    yield client
    client.close()


@pytest.fixture
def stores() -> Iterator[list[Database]]:
    """Databases a test opened, disposed of at the end."""
    opened: list[Database] = []
    yield opened
    for db in opened:
        db.dispose()
