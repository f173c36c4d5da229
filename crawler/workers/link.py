"""A worker's connection to the workers' shared Redis: heartbeat, acknowledgements, reclaiming, backoff.

Requests are popped from the shared queue into this worker's *processing*
set (``crawler.workers.queue``) and removed from it (acknowledged) only once
they are fully handled: their callback ran, or their article was stored or
dropped.  A worker that dies with requests in hand stops renewing its
heartbeat; the first live worker to notice moves its processing set back to
the queue.  When Redis is unreachable every caller backs off together and
the log gets one line per retry.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import redis

from monitor.backoff import backoff_seconds
from monitor.running.workers import WorkerQueueKeys, connect, redacted_url

logger = logging.getLogger("signwatch.workers")

# Moves every member of a processing set back to the queue with its score (priority).
_REQUEUE = """
local items = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #items, 2 do
  redis.call('ZADD', KEYS[2], items[i + 1], items[i])
end
redis.call('DEL', KEYS[1])
return #items / 2
"""

# Moves back to the queue the members of a processing set its worker does not hold (ARGV).
_RETURN_ORPHANS = """
local held = {}
for _, entry in ipairs(ARGV) do held[entry] = true end
local items = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
local moved = 0
for i = 1, #items, 2 do
  if not held[items[i]] then
    redis.call('ZADD', KEYS[2], items[i + 1], items[i])
    redis.call('ZREM', KEYS[1], items[i])
    moved = moved + 1
  end
end
return moved
"""


def worker_id() -> str:
    """A name for this worker process: host, pid and a random suffix (pids repeat across hosts)."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


@dataclass
class Backoff:
    """Exponential waiting after Redis errors, logged once per retry."""

    base: float = 1.0
    cap: float = 30.0
    failures: int = 0
    next_attempt: float = 0.0

    def ready(self) -> bool:
        """Whether the next Redis call may be tried now."""
        return time.monotonic() >= self.next_attempt

    def failed(self, error: Exception, url: str) -> None:
        """Record a failure and say when the next attempt comes."""
        self.failures += 1
        pause = backoff_seconds(self.failures, self.base, self.cap)
        self.next_attempt = time.monotonic() + pause
        reason = " ".join(str(error).split()) or type(error).__name__
        logger.warning("redis %s unreachable (%s): retry %d in %.0fs", url, reason, self.failures, pause)

    def succeeded(self) -> None:
        """Forget past failures (and say Redis is back when it was gone)."""
        if self.failures:
            logger.warning("redis reachable again after %d retries", self.failures)
        self.failures = 0
        self.next_attempt = 0.0


@dataclass
class WorkerLink:
    """This worker's identity and Redis client, shared by its scheduler, spider and pipelines."""

    client: redis.Redis
    keys: WorkerQueueKeys
    url: str
    timeout: float
    seen_ttl: int
    worker: str = field(default_factory=worker_id)
    backoff: Backoff = field(default_factory=Backoff)
    unacked: list[bytes] = field(default_factory=list)  # acknowledgements Redis was down for
    held: set[bytes] = field(default_factory=set)  # popped and not yet acknowledged
    orphans_possible: bool = False  # a pop failed: it may have moved a request we never received
    _requeue: Any = None
    _return_orphans: Any = None

    @classmethod
    def open(cls, url: str, keys: WorkerQueueKeys, *, timeout: float, seen_ttl_hours: float) -> WorkerLink:
        """A link to the Redis at ``url`` (nothing is sent until it is used)."""
        return cls(connect(url), keys, redacted_url(url), max(3.0, timeout), max(60, int(seen_ttl_hours * 3600)))

    @property
    def processing(self) -> str:
        """This worker's processing set."""
        return self.keys.processing(self.worker)

    def guarded(self, action: str, function: Any, *args: Any) -> Any:
        """Call ``function(*args)`` unless Redis is in backoff; None (and a logged retry) on failure."""
        if not self.backoff.ready():
            return None
        try:
            result = function(*args)
        except (redis.ConnectionError, redis.TimeoutError, redis.BusyLoadingError) as error:
            self.backoff.failed(error, f"{self.url} ({action})")
            return None
        self.backoff.succeeded()
        return result

    def heartbeat(self) -> None:
        """Renew this worker's heartbeat (expires after ``timeout`` seconds without renewal)."""

        def beat() -> None:
            with self.client.pipeline() as pipe:
                pipe.sadd(self.keys.workers, self.worker)
                pipe.set(self.keys.alive(self.worker), str(time.time()), ex=int(self.timeout) + 1)
                pipe.execute()

        self.guarded("heartbeat", beat)

    def ack(self, entry: bytes | None) -> None:
        """Forget a finished request (kept for later when Redis is down)."""
        if entry is None:
            return
        self.held.discard(entry)
        self.unacked.append(entry)
        self.flush_acks()

    def flush_acks(self) -> None:
        """Send the acknowledgements held back while Redis was down."""
        if not self.unacked:
            return
        pending = list(self.unacked)
        if self.guarded("ack", self.client.zrem, self.processing, *pending) is not None:
            del self.unacked[: len(pending)]

    def return_orphans(self) -> None:
        """After a failed pop, put back what the pop took without telling us (once Redis answers)."""
        if not self.orphans_possible:
            return
        if self._return_orphans is None:
            self._return_orphans = self.client.register_script(_RETURN_ORPHANS)
        keys = [self.processing, self.keys.requests]
        moved = self.guarded("orphan check", self._return_orphans, keys, [*self.held, *self.unacked])
        if moved is None:
            return
        self.orphans_possible = False
        if moved:
            logger.warning("%d request(s) popped while Redis was failing went back to the queue", moved)

    def requeue(self, worker: str) -> int:
        """Move a worker's unfinished requests back to the queue; how many moved."""
        if self._requeue is None:
            self._requeue = self.client.register_script(_REQUEUE)
        moved = self._requeue(keys=[self.keys.processing(worker), self.keys.requests])
        return int(moved)

    def reclaim_dead(self) -> int:
        """Requeue the requests of workers whose heartbeat expired; how many moved."""

        def reclaim() -> int:
            moved = 0
            for raw in self.client.smembers(self.keys.workers):
                other = raw.decode() if isinstance(raw, bytes) else str(raw)
                if other == self.worker or self.client.exists(self.keys.alive(other)):
                    continue
                count = self.requeue(other)
                self.client.srem(self.keys.workers, other)
                if count:
                    logger.warning(
                        "worker %s stopped answering: %d unfinished request(s) back in the queue", other, count
                    )
                moved += count
            return moved

        return int(self.guarded("reclaim", reclaim) or 0)

    def others_busy(self) -> bool:
        """Whether start messages, queued requests or any other worker's unfinished requests remain."""

        def busy() -> bool:
            if self.client.llen(self.keys.start) or self.client.zcard(self.keys.requests):
                return True
            for raw in self.client.smembers(self.keys.workers):
                other = raw.decode() if isinstance(raw, bytes) else str(raw)
                if other != self.worker and self.client.zcard(self.keys.processing(other)):
                    return True
            return False

        answer = self.guarded("idle check", busy)
        return True if answer is None else bool(answer)

    def leave(self) -> None:
        """On a clean stop: put unfinished requests back, drop the heartbeat and the worker's name."""

        def leave() -> None:
            moved = self.requeue(self.worker)
            if moved:
                logger.info("%d unfinished request(s) put back in the queue", moved)
            self.client.delete(self.keys.alive(self.worker))
            self.client.srem(self.keys.workers, self.worker)

        self.backoff.next_attempt = 0.0  # one last try, whatever the backoff says
        self.guarded("leave", leave)
