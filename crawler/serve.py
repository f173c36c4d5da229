"""A long-lived crawl process: ``python -m crawler.run --serve``, fed batches of sources on its stdin.

Starting a crawl process (Python, Scrapy, the reactor, the spiders' modules)
costs about two CPU seconds, more than polling hundreds of unchanged
listings.  A daemon that starts one per gathering window spends most of a
core on starting them.  This process starts once and crawls batch after
batch on one reactor (Twisted's reactor cannot be restarted in a process, so
it is never stopped between batches); its clean and store processes
(``crawler.processes``), once started by a batch with new pages, serve the
later batches too.

The protocol, one JSON object a line:

- stdin, from the starter: ``{"batch": N, "sources": [...], "close_at": T,
  "catch_up": [...]}``, one batch at a time (the starter sends the next
  only after ``batch_done``);
- stdout, to the starter: ``{"event": "ready"}`` once the reactor runs
  (the config read);
  ``{"event": "started", "batch": N}`` as soon as a batch was read, before
  its config is read again or its crawlers made (the starter's proof that
  the process still answers);
  progress lines (``--progress``); one ``{"event": "result", "batch": N,
  ...}`` per source as soon as its crawl ended, as ``crawler.run`` prints
  them; ``{"event": "batch_done", "batch": N}`` after the last.

Each batch's spiders close at its own ``close_at`` (``crawler.deadline``);
the starter kills the whole process when a batch is not done by its hard
limit (``monitor.running.crawl_pool``).  SIGTERM closes the running spiders
(each records its run and prints its result) and ends the process; the end
of stdin (the starter closed it to recycle the process, or the starter is
gone) ends it the same way, and a process that cannot close in
``EOF_GRACE`` seconds exits anyway.
"""

from __future__ import annotations

import faulthandler
import json
import logging
import os
import signal
import sys
import threading
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scrapy.crawler import Crawler, CrawlerProcess

log = logging.getLogger("signwatch.crawl.serve")

# Seconds the process has to close its spiders once its stdin ended, before it exits regardless.
EOF_GRACE = 30.0


# Held while a line is written: a forced exit waits for the line being written, so none is cut or lost.
_EMITTING = threading.Lock()


def _emit(document: dict[str, Any]) -> None:
    """One line to the starter (always from the reactor thread: lines never interleave)."""
    with _EMITTING:
        try:
            sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        except OSError:  # the starter is gone: nobody reads; the end of stdin ends this process
            pass


def _exit_now(why: str) -> None:
    """Exit at once (status 1, ``why`` logged last), once the line being written is out (os._exit flushes nothing)."""
    # A reactor stuck inside a write holds the lock for ever: the exit waits a little, not for it.
    held = _EMITTING.acquire(timeout=5.0)
    with suppress(OSError, ValueError):
        sys.stdout.flush()
    with suppress(OSError, ValueError):
        sys.stderr.write(f"signwatch: {why}\n")
        sys.stderr.flush()
    os._exit(1 if held else 2)


def forget_addresses() -> None:
    """Forget the host addresses resolved so far (Scrapy keeps them in a process-wide cache, never expired).

    Called at each batch: a process lives for hundreds of batches, and a site
    that moved to another address must be found there by the next one.
    Within a batch the cache still saves its sources' repeated lookups.
    """
    from scrapy.resolver import dnscache

    dnscache.clear()


class BatchServer:
    """Runs the batches read from stdin on one CrawlerProcess whose reactor never stops between them."""

    def __init__(self, config: str | None, *, progress: bool, log_level: str) -> None:
        """Prepare the CrawlerProcess (nothing runs before ``serve``)."""
        from scrapy.crawler import CrawlerProcess

        from crawler.run import project_settings

        self.config = config
        self.progress = progress
        self.log_level = log_level
        self.process: CrawlerProcess = CrawlerProcess(project_settings(progress=progress, log_level=log_level))
        self._stopping = False

    def serve(self) -> int:
        """Install the reactor, read batches until stdin ends or SIGTERM, and return the exit status."""
        from scrapy.utils.reactor import install_reactor

        # A process that stops answering can be asked where it is: kill -USR1 writes its threads' stacks to its log.
        faulthandler.register(signal.SIGUSR1, all_threads=True)
        install_reactor(self.process.settings["TWISTED_REACTOR"], self.process.settings["ASYNCIO_EVENT_LOOP"])
        from twisted.internet import reactor

        # Imported before "ready" (the package with every spider): a batch is acknowledged at once, its first included.
        from crawler.spiders.source_spider import crawl_settings

        # The config read before "ready" too (a config of thousands of sources takes seconds): the first batch
        # does not pay it.  A config that cannot be read fails the batches' sources, saying why (run_batch).
        with suppress(Exception):
            crawl_settings(Path(self.config) if self.config else None)

        reactor.callWhenRunning(self._started)
        # Not stopped after a crawl: the reactor runs until stdin ends or a signal stops it.
        self.process.start(stop_after_crawl=False, install_signal_handlers=True)
        return 0

    def _started(self) -> None:
        _emit({"event": "ready", "pid": os.getpid()})
        threading.Thread(target=self._read, name="batches", daemon=True).start()

    def _read(self) -> None:
        """The stdin thread: hand each batch to the reactor; at the end of stdin, stop."""
        from twisted.internet import reactor

        for line in sys.stdin:
            try:
                request = json.loads(line)
            except ValueError:
                continue
            if isinstance(request, dict):
                reactor.callFromThread(self.run_batch, request)
        reactor.callFromThread(self.stop)
        # A reactor that cannot close its spiders must not outlive its starter for long.
        why = f"the spiders did not close within {EOF_GRACE:g} s of the end of stdin: exiting"
        timer = threading.Timer(EOF_GRACE, _exit_now, args=(why,))
        timer.daemon = True
        timer.start()

    def stop(self) -> None:
        """Close every running spider (each records its run and prints its result), then stop the reactor."""
        if self._stopping:
            return
        self._stopping = True
        from twisted.internet import reactor

        def stop_reactor(_: Any) -> None:
            # Already stopped by a signal meanwhile: nothing to do.
            with suppress(RuntimeError):
                reactor.stop()  # type: ignore[misc]  # twisted's module-level reactor is typed as its module

        self.process.stop().addBoth(stop_reactor)

    def run_batch(self, request: dict[str, Any]) -> None:
        """Start one crawler per source of the batch on the running reactor; results as they end."""
        from scrapy.crawler import Crawler
        from twisted.internet.defer import DeferredList

        from crawler.run import project_settings
        from crawler.spiders import SPIDERS
        from crawler.spiders.source_spider import crawl_settings

        number = int(request.get("batch", 0))
        names = [str(name) for name in request.get("sources", [])]
        catch_up = set(request.get("catch_up", []))
        close_at = request.get("close_at")
        results: list[dict[str, Any]] = []
        forget_addresses()
        # Acknowledged before anything that takes time (a changed config is read again below, seconds for a
        # large one): the starter's answer_timeout measures whether this process answers, not how long it works.
        _emit({"event": "started", "batch": number})
        try:
            # Read again only when the file changed (a reloaded daemon's new sources).
            settings = crawl_settings(Path(self.config) if self.config else None)
        except Exception as error:  # any failure to read the config fails the batch's sources, not the process
            for name in names:
                _emit({"event": "result", "batch": number, "source": name, "status": "failed", "error": str(error)})
            _emit({"event": "batch_done", "batch": number})
            return
        # Each batch its own settings: its deadline is its own.
        batch_settings = project_settings(
            progress=self.progress, log_level=self.log_level, close_at=float(close_at) if close_at else None
        )
        done = []
        for name in names:
            try:
                source = settings.source(name)
                crawler = Crawler(SPIDERS[source.type], batch_settings)
                finished = self.process.crawl(crawler, source=name, config=self.config, catch_up=name in catch_up)
            except Exception as error:  # a source whose crawl cannot start fails alone, recorded
                _emit({"event": "result", "batch": number, "source": name, "status": "failed", "error": str(error)})
                continue
            finished.addBoth(self._report, crawler, name, number, results)
            done.append(finished)
        DeferredList(done, consumeErrors=True).addBoth(lambda _: _emit({"event": "batch_done", "batch": number}))

    def _report(self, passed: Any, crawler: Crawler, source: str, number: int, results: list[dict[str, Any]]) -> None:
        """Print one source's result line as soon as its crawl ended (its run is recorded by then)."""
        from twisted.python.failure import Failure

        from crawler.run import result_of

        if isinstance(passed, Failure):
            log.error("source=%s: the crawl failed: %s", source, passed.getErrorMessage())
        result = {**result_of(crawler, source), "batch": number}
        results.append(result)
        _emit(result)
