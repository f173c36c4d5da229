"""scrapy-redis's scheduler, made to survive what workers sharing a queue meet: dead workers, a dead Redis, revisits.

- ``ReliableQueue``: scrapy-redis's priority queue, but a pop moves the
  request into the worker's processing set in one Lua call, so a worker
  killed mid-request loses nothing: its set goes back to the queue.  A
  request's fingerprint is recorded and the request queued in one Lua call
  too: a line cut between the two steps would leave a request "seen" and
  never queued.
- ``RunDupeFilter``: scrapy-redis's fingerprint set, one per crawl run and
  expiring, so the next run of a source revisits its listing pages.
- ``WorkerScheduler``: scrapy-redis's scheduler that keeps the shared queue
  when a worker stops (persist), holds new requests in memory while Redis is
  down and pushes them when it is back, and returns "nothing for now"
  instead of failing the crawl while Redis is away.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from typing import Any, Self

import redis
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import Base
from scrapy_redis.scheduler import Scheduler

from crawler.workers.link import WorkerLink

logger = logging.getLogger("signwatch.workers")

# The queue bytes a popped request came from: in memory only, never serialized
# (so renaming it from "signwatch_cluster_entry" left queued requests as they were).
ENTRY_META = "signwatch_queue_entry"
RUN_META = "signwatch_run"
SOURCE_META = "signwatch_source"

# Pop the best request and keep it in the worker's processing set, in one step.
_POP = """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return false end
redis.call('ZREM', KEYS[1], item[1])
redis.call('ZADD', KEYS[2], item[2], item[1])
return item[1]
"""

# Record a request's fingerprint in its run's set and, when it is new there, queue it: one step.
_PUSH_UNSEEN = """
local added = redis.call('SADD', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
if added == 1 then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4]) end
return added
"""


def worker_link(spider: Spider) -> WorkerLink:
    """The WorkerLink of a worker's spider."""
    link = getattr(spider, "link", None)
    if not isinstance(link, WorkerLink):
        raise TypeError(f"spider {spider.name!r} is not a worker's spider (no WorkerLink)")
    return link


class ReliableQueue(Base):  # type: ignore[misc]
    """Priority queue whose pops stay in the worker's processing set until acknowledged."""

    def __init__(self, server: Any, spider: Spider, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.link = worker_link(spider)
        self._pop = server.register_script(_POP)
        self._push_unseen = server.register_script(_PUSH_UNSEEN)

    def _encode_request(self, request: Request) -> bytes:
        data = request.to_dict(spider=self.spider)
        data["meta"] = {k: v for k, v in data.get("meta", {}).items() if k != ENTRY_META}
        encoded: bytes = self.serializer.dumps(data)
        return encoded

    def __len__(self) -> int:
        return int(self.server.zcard(self.key))

    def push(self, request: Request) -> None:
        """Queue a request (lower score first: higher priority)."""
        self.server.zadd(self.key, {self._encode_request(request): -request.priority})

    def push_unseen(self, request: Request, dupefilter: RunDupeFilter) -> bool:
        """Queue a request unless its run has seen it; whether it was queued."""
        key, fingerprint = dupefilter.key_for(request), dupefilter.request_fingerprint(request)
        added = self._push_unseen(
            keys=[key, self.key], args=[fingerprint, dupefilter.ttl, -request.priority, self._encode_request(request)]
        )
        return int(added) == 1

    def pop(self, timeout: int = 0) -> Request | None:
        """Take the best request into this worker's processing set."""
        try:
            data = self._pop(keys=[self.key, self.link.processing])
        except redis.RedisError:
            # The pop may have happened with its answer lost: look for it once Redis answers.
            self.link.orphans_possible = True
            raise
        if not data:
            return None
        request: Request = self._decode_request(data)
        request.meta[ENTRY_META] = data
        self.link.held.add(data)
        return request


class RunDupeFilter(RFPDupeFilter):  # type: ignore[misc]
    """Fingerprints per crawl run (``<prefix>:seen:<run>``), each set expiring after the TTL."""

    def __init__(self, server: Any, key: str, debug: bool = False, ttl: int = 48 * 3600) -> None:
        super().__init__(server, key, debug)
        self.ttl = ttl

    @classmethod
    def from_spider(cls, spider: Spider) -> Self:
        """One filter for the worker; the run of each request picks the set."""
        link = worker_link(spider)
        return cls(link.client, link.keys.seen("none"), spider.settings.getbool("DUPEFILTER_DEBUG"), link.seen_ttl)

    def key_for(self, request: Request) -> str:
        """The fingerprint set of the request's run."""
        run = request.meta.get(RUN_META, "none")
        return f"{self.key.rsplit(':', 1)[0]}:{run}"

    def request_seen(self, request: Request) -> bool:
        """Whether this run already queued the request (SADD and refresh the expiry together)."""
        key = self.key_for(request)
        with self.server.pipeline() as pipe:
            pipe.sadd(key, self.request_fingerprint(request))
            pipe.expire(key, self.ttl)
            added, _ = pipe.execute()
        return int(added) == 0

    def close(self, reason: str = "") -> None:
        """Keep the fingerprints: other workers are still crawling these runs."""

    def clear(self) -> None:
        """Never delete the shared sets when one worker stops; they expire on their own."""


class WorkerScheduler(Scheduler):  # type: ignore[misc]
    """scrapy-redis's scheduler with a local backlog while Redis is down and acknowledgement of replaced requests."""

    backlog: deque[Request]

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build without pinging Redis: a worker must start (and wait) while Redis is down."""
        settings = crawler.settings
        instance = cls(
            server=None,
            persist=True,  # the queue belongs to all the workers, not to this one
            queue_key=settings.get("SCHEDULER_QUEUE_KEY"),
            queue_cls="crawler.workers.queue.ReliableQueue",
            dupefilter_cls="crawler.workers.queue.RunDupeFilter",
        )
        instance.stats = crawler.stats
        return instance

    def open(self, spider: Spider) -> None:
        """Bind to the spider's WorkerLink and open the shared queue."""
        self.link = worker_link(spider)
        self.server = self.link.client
        self.backlog = deque()
        # Not scrapy-redis's open: it asks Redis for the queue length, and a
        # worker must be able to open while Redis is away.
        self.spider = spider
        self.queue = ReliableQueue(self.server, spider, self.queue_key % {"spider": spider.name}, self.serializer)
        self.df = RunDupeFilter.from_spider(spider)

    def close(self, reason: str) -> None:
        """Push what Redis missed, then put this worker's unfinished requests back."""
        # A short outage at stop must not cost the requests found last, nor
        # re-crawl those finished last: keep trying for as long as a worker
        # may go unheard before it counts as dead.
        deadline = time.monotonic() + self.link.timeout
        while True:
            self.link.backoff.next_attempt = 0.0
            self._push_backlog()
            self.link.backoff.next_attempt = 0.0
            self.link.flush_acks()
            if not (self.backlog or self.link.unacked) or time.monotonic() >= deadline:
                break
            time.sleep(1.0)
        if self.backlog:
            logger.error("redis still unreachable at stop: %d new request(s) not queued", len(self.backlog))
        self.link.leave()

    def enqueue_request(self, request: Request) -> bool:
        """Queue a request in Redis, or keep it here until Redis answers again."""
        self.backlog.append(request)
        self._push_backlog()
        return True

    def _push_backlog(self) -> None:
        while self.backlog:
            request = self.backlog[0]
            pushed = self.link.guarded("enqueue", self._push_one, request)
            if pushed is None:
                return
            self.backlog.popleft()

    def _push_one(self, request: Request) -> bool:
        if request.dont_filter:
            self.queue.push(request)
        elif not self.queue.push_unseen(request, self.df):
            self.df.log(request, self.spider)
            self._ack_replaced(request)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        self._ack_replaced(request)
        return True

    def _ack_replaced(self, request: Request) -> None:
        # A retry or redirect carries the entry of the request it replaces:
        # once the new one is queued (or found a duplicate) the old one is done.
        entry = request.meta.pop(ENTRY_META, None)
        if entry is not None:
            self.link.ack(entry)

    def next_request(self) -> Request | None:
        """The next request from Redis; None while Redis is down or the queue is empty."""
        self._push_backlog()
        self.link.flush_acks()
        self.link.return_orphans()
        request: Request | None = self.link.guarded("pop", self.queue.pop)
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        """True while requests wait here or in Redis (and while Redis cannot be asked)."""
        if self.backlog:
            return True
        size = self.link.guarded("queue length", self.queue.__len__)
        return True if size is None else size > 0

    def __len__(self) -> int:
        return len(self.backlog) + int(self.link.guarded("queue length", self.queue.__len__) or 0)
