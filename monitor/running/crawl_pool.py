"""Long-lived crawl processes for the daemon: started once, fed one batch at a time, recycled.

A crawl process costs about two CPU seconds to start, more than polling
hundreds of unchanged listings; a daemon starting one per gathering window
spent most of a core on starting them (``docs/scaling.md``).  ``CrawlPool``
keeps as many of them as batches run at once (``python -m crawler.run
--serve``, ``crawler.serve``; the daemon runs at most three), each crawling
one batch at a time, and keeps the promises
a child per batch kept (``monitor.running.crawl``):

- a hung crawl is killed: a batch not done by its limit kills its process
  (its spiders were told to close a little before), and its unfinished
  sources are failed with the reason; a process that does not acknowledge a
  batch within ``answer_timeout`` (a new one: ``start_timeout`` to be ready
  first) is killed and replaced, and the batch sent to the new one (nothing
  of it had started);
- memory is returned: a process is recycled (stdin closed, it ends) after
  ``max_batches`` batches, or when it and its clean and store processes hold
  more than ``max_rss_mib``;
- one bad source stalls no other: each source's result is handed on as soon
  as its crawl ended, as before;
- a process that died (killed, crashed) is noticed by the batch it was
  running, whose unfinished sources are recorded as before, and the next
  batch starts a new one;
- the processes die with the daemon: they are started by one thread that
  lives as long as the pool (``prctl(PR_SET_PDEATHSIG)`` follows the thread
  that started a child, ``monitor.running.children``), and each also ends
  when its stdin does.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import queue
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import fields
from pathlib import Path
from typing import IO, Any

from monitor.config import Settings
from monitor.running.crawl import (
    STOP_WAIT,
    CrawlChild,
    CrawlOutcome,
    _ChildPlan,
    _last_line,
    _parse_line,
    _settle_unfinished,
    _tell,
    _why_it_ended,
    child_environment,
    close_margin,
    crawl_command,
)
from monitor.store import Database, utcnow

log = logging.getLogger("signwatch.crawl")

# Batches one process crawls before it is recycled (its memory returned): at 120 batches
# per 10 minutes, a start (about 2 CPU s) every 200 batches is under 1% of a core.
MAX_BATCHES = 200
# MiB the crawl process and its clean and store processes may hold after a batch before it is recycled.
MAX_RSS_MIB = 600.0
# Seconds a running process has to acknowledge a batch.
ANSWER_TIMEOUT = 30.0
# Seconds a new process has to say it is ready (Python, Scrapy and the spiders imported; minutes on a loaded host).
START_TIMEOUT = 300.0
# Seconds a process may wait unused before it is ended (a burst's extra processes return their memory).
MAX_IDLE = 600.0
# Seconds a recycled process has to end after its stdin closed, before it is killed.
RECYCLE_WAIT = 30.0
# Bytes of a process's log kept between batches (its last half kept past it): a process lives for hundreds of batches.
MAX_LOG_BYTES = 1 << 20
# Bytes read back from the end of a log for a crash's reason.
TAIL_BYTES = 64 * 1024
# Why the sources of a batch the pool no longer crawls (it was closed: the daemon is stopping) failed.
POOL_CLOSED = "the crawl processes were ended (the daemon is stopping) before the batch was crawled"
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4


def rss_mib(pids: set[int]) -> float:
    """Resident memory of these processes together, MiB (one gone meanwhile counts nothing)."""
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KIB
        except (OSError, IndexError, ValueError):
            continue
    return total / 1024


class PoolClosed(RuntimeError):
    """The pool was closed: it starts no process and takes no batch."""


class _Server:
    """One long-lived crawl process: its pipes, the lines it printed, how many batches it ran."""

    def __init__(self, process: subprocess.Popen[str], log_file: IO[bytes], config: str | None) -> None:
        self.process = process
        self.log_file = log_file
        self.config = config
        self.batches = 0
        self.ready = False  # it said so: its reactor runs
        self.idle_since = time.monotonic()
        self.log_start = 0  # where the current batch's lines start in the log
        self.lines: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, name=f"crawl-{process.pid}-out", daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        """The process id."""
        return self.process.pid

    def alive(self) -> bool:
        """Whether the process still runs."""
        return self.process.poll() is None

    def _read(self) -> None:
        """Queue every JSON line the process prints; None once its stdout ends (it ended)."""
        assert self.process.stdout is not None
        try:
            for line in self.process.stdout:
                document = _parse_line(line)
                if document is not None:
                    self.lines.put(document)
        except (OSError, ValueError):
            pass
        self.lines.put(None)

    def send(self, request: dict[str, Any]) -> bool:
        """Write one batch request; False when the process cannot take it (it ended)."""
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
            self.process.stdin.flush()
        except (OSError, ValueError):
            return False
        return True

    def rss_mib(self) -> float:
        """Resident memory of the process and every process below it (its clean and store processes), MiB.

        The children of each of its threads, and theirs: a pool may start its
        workers from whichever thread submits to it first.
        """
        pids, todo = {self.pid}, [self.pid]
        while todo:
            pid = todo.pop()
            for children in Path(f"/proc/{pid}/task").glob("*/children"):
                with suppress(OSError, ValueError):
                    found = {int(p) for p in children.read_text().split()} - pids
                    pids |= found
                    todo += found
        return rss_mib(pids)

    def mark_batch(self) -> None:
        """A batch starts: what the log holds so far is older batches' (no crash reason of this one)."""
        with suppress(OSError, ValueError):
            self.log_start = os.fstat(self.log_file.fileno()).st_size

    def tail(self) -> str:
        """The last line the process logged during its current batch (what explains a crash), or ""."""
        try:
            fd = self.log_file.fileno()
            size = os.fstat(fd).st_size
            start = max(self.log_start, size - TAIL_BYTES)
            return _last_line(os.pread(fd, size - start, start)) if size > start else ""
        except (OSError, ValueError):
            return ""

    def trim_log(self, limit: int) -> None:
        """Keep the log under ``limit`` bytes: past it, only its last half is kept (between batches)."""
        try:
            fd = self.log_file.fileno()
            size = os.fstat(fd).st_size
            if size <= limit:
                return
            kept = os.pread(fd, limit // 2, size - limit // 2)
            # The process appends (O_APPEND): its next line goes after what is kept.
            os.ftruncate(fd, 0)
            os.write(fd, kept)
            self.log_start = len(kept)
        except (OSError, ValueError):
            return

    def end(self, wait: float = RECYCLE_WAIT) -> None:
        """Close stdin (the process closes its spiders and exits), kill it after ``wait`` seconds."""
        try:
            if self.process.stdin is not None:
                self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.close_files()

    def stop(self, wait: float) -> None:
        """SIGTERM (a busy process closes its spiders and exits), SIGKILL after ``wait`` seconds; its batch reaps it."""
        if self.process.poll() is not None:
            return
        with suppress(OSError):
            self.process.terminate()
        try:
            self.process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            with suppress(OSError):
                self.process.kill()

    def close_files(self) -> None:
        """Release the pipes and the log of an ended process."""
        for stream in (self.process.stdout, self.process.stdin):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        self.log_file.close()


class CrawlPool:
    """Long-lived crawl processes, each crawling one batch at a time."""

    def __init__(
        self,
        *,
        max_batches: int = MAX_BATCHES,
        max_rss_mib: float = MAX_RSS_MIB,
        answer_timeout: float = ANSWER_TIMEOUT,
        start_timeout: float = START_TIMEOUT,
        max_idle: float = MAX_IDLE,
        max_log_bytes: int = MAX_LOG_BYTES,
    ) -> None:
        """An empty pool: processes start with the first batches that need them (one per batch running at once)."""
        self.max_batches = max_batches
        self.max_rss_mib = max_rss_mib
        self.answer_timeout = answer_timeout
        self.start_timeout = start_timeout
        self.max_idle = max_idle
        self.max_log_bytes = max_log_bytes
        self._idle: list[_Server] = []
        self._busy: set[_Server] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._batch = 0
        self._enders: list[threading.Thread] = []  # recycled processes being ended
        # One thread starts every process and lives as long as the pool: the kernel's
        # die-with-parent signal follows the thread that started a child, not the process.
        self._starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crawl-starter")
        self.started = 0  # processes started so far
        self.recycled = 0  # processes ended for their batches or memory

    def pids(self) -> list[int]:
        """The pids of the pool's live processes."""
        with self._lock:
            return [s.pid for s in [*self._idle, *self._busy] if s.alive()]

    def _start(self, settings: Settings) -> _Server:
        config = str(settings.path) if settings.path else None
        command = crawl_command(config, [], parent=os.getpid(), serve=True)
        log_file = tempfile.TemporaryFile()  # noqa: SIM115 (it lives as long as the process; _Server closes it)
        # The process appends to it wherever this side reads or trims (the flag is the shared file's, not the fd's).
        fcntl.fcntl(log_file.fileno(), fcntl.F_SETFL, fcntl.fcntl(log_file.fileno(), fcntl.F_GETFL) | os.O_APPEND)

        def start() -> subprocess.Popen[str]:
            return subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log_file,
                env=child_environment(),
                text=True,
            )

        process = self._starter.submit(start).result()
        with self._lock:  # batches start processes from threads of their own
            self.started += 1
        log.info("crawl process %d started (long-lived)", process.pid)
        return _Server(process, log_file, config)

    @contextmanager
    def _server(self, settings: Settings) -> Iterator[_Server]:
        """An idle live process of this config (or a new one), busy while the block runs."""
        config = str(settings.path) if settings.path else None
        with self._lock:
            if self._closed:
                raise PoolClosed("the crawl pool is closed")
            server = None
            # The most recently used first: the others stay idle, and end once idle for max_idle.
            while self._idle:
                candidate = self._idle.pop()
                if candidate.alive() and candidate.config == config:
                    server = candidate
                    break
                if candidate.alive():
                    log.info("crawl process %d ended: it crawls another config", candidate.pid)
                # Asked to end like any other (its spiders closed, its clean and store processes ended), not killed.
                self._end_later(candidate, RECYCLE_WAIT)
        self.reap_idle()
        if server is None:
            server = self._start(settings)
        with self._lock:
            closing = self._closed
            if not closing:
                self._busy.add(server)
        if closing:  # closed while this one started: close() did not see it, so it ends here, unused
            server.end(STOP_WAIT)
            raise PoolClosed("the crawl pool is closed")
        try:
            yield server
        finally:
            with self._lock:
                self._busy.discard(server)
            self._release(server)

    def _release(self, server: _Server) -> None:
        """Back to the idle list, or ended: it died, ran its batches, or holds too much memory."""
        if not server.alive():
            server.process.wait()
            server.close_files()
            return
        server.trim_log(self.max_log_bytes)
        why = None
        if server.batches >= self.max_batches:
            why = f"after {server.batches} batches"
        elif (rss := server.rss_mib()) > self.max_rss_mib:
            why = f"holding {rss:.0f} MiB"
        with self._lock:
            if why is None and not self._closed:
                server.idle_since = time.monotonic()
                self._idle.append(server)
                return
            if why is not None:
                self.recycled += 1
                log.info("crawl process %d recycled %s", server.pid, why)
            self._end_later(server, RECYCLE_WAIT)

    def reap_idle(self) -> None:
        """End the processes idle for longer than ``max_idle`` (the daemon calls it on its tick, not only on demand)."""
        now = time.monotonic()
        with self._lock:
            for stale in [s for s in self._idle if now - s.idle_since >= self.max_idle]:
                self._idle.remove(stale)
                log.info("crawl process %d ended: unused for %.0f s", stale.pid, now - stale.idle_since)
                self._end_later(stale, RECYCLE_WAIT)

    def _end_later(self, server: _Server, wait: float) -> None:
        """End ``server`` in the background (its clean and store processes take seconds); called holding the lock."""
        ender = threading.Thread(target=server.end, args=(wait,), name=f"crawl-{server.pid}-end", daemon=True)
        self._enders = [t for t in self._enders if t.is_alive()] + [ender]
        ender.start()

    def close(self, wait: float = RECYCLE_WAIT) -> None:
        """End every process, each asked first and killed ``wait`` seconds later, and the starting thread.

        Idle ones have their stdin closed; busy ones are sent SIGTERM (their
        spiders close and record their runs; their batches then settle what
        is left), those a batch was still handing its sources to included.
        No process starts after this.
        """
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            busy = list(self._busy)
        # All told at once (each takes seconds to end its clean and store processes), then waited for.
        enders = [threading.Thread(target=server.end, args=(wait,), daemon=True) for server in idle]
        enders += [threading.Thread(target=server.stop, args=(wait,), daemon=True) for server in busy]
        for ender in enders:
            ender.start()
        for ender in enders:
            ender.join()
        with self._lock:
            enders = list(self._enders)
        for ender in enders:
            ender.join()
        self._starter.shutdown(wait=True)

    def crawl(self, settings: Settings, db: Database, plan: _ChildPlan) -> dict[str, CrawlOutcome]:
        """Crawl the plan's sources in one of the pool's processes; every source gets an outcome."""
        with self._lock:
            self._batch += 1
            number = self._batch
        limit = plan.limit
        started_at = utcnow()
        deadline = time.monotonic() + limit if limit > 0 else None
        request = {
            "batch": number,
            "sources": plan.sources,
            "close_at": time.time() + limit - close_margin(limit) if limit > 0 else None,
            "catch_up": plan.catch_up,
        }
        outcomes: dict[str, CrawlOutcome] = {}
        failures: dict[str, str] = {}  # sources whose crawl did not start, or whose result was unreadable, and why
        status, reason = "failed", "the crawl process did not answer: killed"
        try:
            # A process that does not take the batch is killed; the batch goes once to a new one.
            for _attempt in range(2):
                try:
                    with self._server(settings) as server:
                        if not self._hand_over(server, request):
                            continue
                        status, reason = "failed", "the crawl was interrupted"  # until the batch is followed to its end
                        child = self._follow(server, number, plan, outcomes, deadline, failures)
                        if not server.alive() or child.reason is not None:
                            status, reason = _why_it_ended(child, server.process.wait(), server.tail())
                        else:
                            server.batches += 1
                            status, reason = "failed", "the crawl process gave no result for the source"
                        break
                except PoolClosed:  # stopping: no process is started for the batch
                    status, reason = "failed", POOL_CLOSED
                    break
        finally:
            # Whatever ended the batch (an error here, Ctrl-C), each of its sources ends in one recorded outcome.
            for name in plan.sources:
                if name not in outcomes:
                    why = failures.get(name, reason)
                    status_of = "failed" if name in failures else status
                    outcomes[name] = _settle_unfinished(db, name, status_of, why, started_at)
        return outcomes

    def _hand_over(self, server: _Server, request: dict[str, Any]) -> bool:
        """Send the batch and wait for its acknowledgement; a process that gives none in time is killed.

        A new process first says it is ready (``start_timeout``: its
        imports); then it has ``answer_timeout`` to take the batch.
        """
        server.mark_batch()
        if server.send(request):
            now = time.monotonic()
            until = now + (self.answer_timeout if server.ready else self.start_timeout)
            while (left := until - time.monotonic()) > 0:
                try:
                    line = server.lines.get(timeout=left)
                except queue.Empty:
                    break
                if line is None:
                    break
                if line.get("event") == "ready":
                    server.ready = True
                    until = time.monotonic() + self.answer_timeout
                elif line.get("event") == "started" and line.get("batch") == request["batch"]:
                    server.ready = True
                    return True
        log.warning("crawl process %d did not take batch %d: killed", server.pid, request["batch"])
        if server.alive():
            server.process.kill()
        server.process.wait()
        return False

    def _follow(
        self,
        server: _Server,
        number: int,
        plan: _ChildPlan,
        outcomes: dict[str, CrawlOutcome],
        deadline: float | None,
        failures: dict[str, str],
    ) -> CrawlChild:
        """Read the batch's lines until it is done, the process ends, or the limit kills it."""
        child = CrawlChild(server.process)
        if plan.on_child is not None:
            plan.on_child(child)
        reason = f"crawl_timeout of {plan.limit:g}s reached: the crawl process was killed before it finished"
        try:
            while True:
                wait = None if deadline is None else deadline - time.monotonic()
                if wait is not None and wait <= 0:
                    log.warning("crawl process %d: batch %d out of time: killed", server.pid, number)
                    child.kill(reason)
                    server.process.wait()
                    break
                try:
                    line = server.lines.get(timeout=wait)
                except queue.Empty:
                    continue
                if line is None:  # the process ended (killed, crashed, stopped)
                    # its stdout closes before it can be reaped: wait, so the caller sees it gone
                    # and records why (a SIGKILL), not a finished batch with no results
                    with suppress(subprocess.TimeoutExpired):
                        server.process.wait(timeout=30.0)
                    break
                event = line.get("event")
                if event == "progress" and plan.on_progress is not None:
                    counts = {k: v for k, v in line.items() if isinstance(v, int)}
                    plan.on_progress(str(line.get("source")), counts)
                elif event == "result" and line.get("batch") == number:
                    outcome = _outcome_of(line)
                    if isinstance(outcome, str):  # unreadable: its source is settled with the reason
                        log.error("crawl process %d, batch %d: %s", server.pid, number, outcome)
                        if isinstance(line.get("source"), str):
                            failures[line["source"]] = outcome
                        continue
                    if outcome.run_id is None and outcome.status != "ok":
                        # No run was started (the config the process read is broken, an unknown
                        # source): recorded here as a failed run with the reason, as a child's exit was.
                        failures[outcome.source] = outcome.error or "the crawl did not start"
                        continue
                    outcomes[outcome.source] = outcome
                    _tell(plan.on_result, outcome)
                elif event == "batch_done" and line.get("batch") == number:
                    break
        except BaseException:  # a callback that failed, or Ctrl-C: the batch's process is ended
            child.stop("the crawl was interrupted", wait=30.0)
            raise
        return child


def _outcome_of(line: dict[str, Any]) -> CrawlOutcome | str:
    """The outcome a result line gives, or why it gives none (a line without a source or status, or of wrong types)."""
    document = {k: v for k, v in line.items() if k != "batch"}
    source, status = document.get("source"), document.get("status")
    if not isinstance(source, str) or not isinstance(status, str):
        return f"a malformed result line (no source or status): {json.dumps(line, ensure_ascii=False)[:300]}"
    # The counts are added up and shown: one that is no number would break those that read it later.
    wrong = [f.name for f in fields(CrawlOutcome) if f.type in _NUMBERS and not _is_number(document.get(f.name, 0))]
    if wrong:
        return f"a malformed result line for {source}: {', '.join(wrong)} not a number"
    return CrawlOutcome.from_json(document)


# The numeric fields of CrawlOutcome, as its (postponed) annotations name them.
_NUMBERS = {"int", "float"}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
