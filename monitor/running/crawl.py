"""Run crawls of configured sources in a child process and return what each found.

Twisted's reactor cannot be restarted inside one process, and ``monitor``
never imports Scrapy, so a crawl runs as ``python -m crawler.run`` in a child
process.  The child prints JSON lines (progress while crawling, one result per
source at the end); ``run_crawl`` reads them, reports progress through a
callback and returns one ``CrawlOutcome`` per source.  The child records the
crawl runs in the store itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import monitor
from monitor.config import Settings
from monitor.errors import InputError


@dataclass(frozen=True)
class CrawlOutcome:
    """How the crawl of one source went (counts as recorded in its crawl run).

    Every article page fetched is counted once: ``new_articles``,
    ``revisions``, ``duplicates``, ``unchanged`` (re-checked and the stored
    text: a 304, or the same text again; ``not_modified`` says how many were
    304s), ``not_articles`` or ``page_errors`` (cleaning or storing failed;
    these count in ``errors`` too, with the failed requests).  ``problems``
    lists the first pages not stored, ``{"outcome", "url", "reason"}`` each
    (the crawl run keeps more, as ``PageProblem`` rows).
    """

    source: str
    status: str  # "ok" or "failed"
    run_id: int | None = None
    error: str | None = None
    duration: float = 0.0
    pages: int = 0
    new_articles: int = 0
    revisions: int = 0
    duplicates: int = 0
    unchanged: int = 0
    not_modified: int = 0
    not_articles: int = 0
    page_errors: int = 0
    errors: int = 0
    listing_links: int = 0
    article_pages: int = 0
    problems: list[dict[str, str]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, document: dict[str, Any]) -> CrawlOutcome:
        """Build from a line the child printed; unknown keys go to ``extra``."""
        names = {f.name for f in fields(cls)} - {"extra"}
        known = {k: v for k, v in document.items() if k in names}
        extra = {k: v for k, v in document.items() if k not in names and k != "event"}
        return cls(**known, extra=extra)


ProgressCallback = Callable[[str, dict[str, int]], None]
# Receives the crawl's child process as soon as it runs (a daemon keeps it, to stop it on shutdown).
ChildCallback = Callable[[subprocess.Popen[str]], None]


def crawl_command(config_path: str | None, sources: Sequence[str], *, progress: bool = True) -> list[str]:
    """The child-process command line that crawls ``sources``."""
    command = [sys.executable, "-m", "crawler.run"]
    if config_path:
        command += ["--config", config_path]
    for name in sources:
        command += ["--source", name]
    if progress:
        command.append("--progress")
    return command


def run_crawl(
    settings: Settings,
    sources: Sequence[str],
    *,
    on_progress: ProgressCallback | None = None,
    on_child: ChildCallback | None = None,
    timeout: float | None = None,
    log_path: Path | None = None,
) -> list[CrawlOutcome]:
    """Crawl ``sources`` (names from ``settings``) in one child process; one outcome each.

    Raises InputError for unknown names before starting anything.
    ``on_child`` receives the child process as soon as it runs (a daemon keeps
    it to stop it on shutdown); after ``timeout`` seconds the child is killed
    and its unfinished sources are failed.  The child's log goes to
    ``log_path`` (default: a temporary file whose last line explains a crash).
    """
    for name in sources:
        settings.source(name)  # unknown names fail here, with the list of known ones
    if not sources:
        raise InputError("no sources to crawl (name some, or use --all with enabled sources in the config)")
    command = crawl_command(settings.path or None, sources)
    environment = dict(os.environ)
    # The child must import the same monitor and crawler packages as this process.
    root = str(Path(monitor.__file__).resolve().parent.parent)
    environment["PYTHONPATH"] = os.pathsep.join(p for p in (root, environment.get("PYTHONPATH", "")) if p)
    outcomes: dict[str, CrawlOutcome] = {}
    with log_path.open("w+b") if log_path else tempfile.TemporaryFile() as log:
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, env=environment, text=True) as child:
            assert child.stdout is not None
            if on_child is not None:
                on_child(child)
            # Scrapy stops itself at crawl_timeout; this is the guard for a child that hangs anyway.
            watchdog = threading.Timer(timeout, child.kill) if timeout else None
            if watchdog is not None:
                watchdog.daemon = True
                watchdog.start()
            for line in child.stdout:
                document = _parse_line(line)
                if document is None:
                    continue
                if document.get("event") == "progress" and on_progress is not None:
                    counts = {k: v for k, v in document.items() if isinstance(v, int)}
                    on_progress(str(document.get("source")), counts)
                elif document.get("event") == "result":
                    outcome = CrawlOutcome.from_json(document)
                    outcomes[outcome.source] = outcome
            code = child.wait()
            if watchdog is not None:
                watchdog.cancel()
        log.seek(0)
        tail = _last_line(log.read())
    missing = [name for name in sources if name not in outcomes]
    for name in missing:
        reason = tail or f"crawler process exited with status {code}"
        if timeout and code < 0:
            reason = f"crawl stopped after {timeout:.0f}s (timeout)"
        outcomes[name] = CrawlOutcome(source=name, status="failed", error=reason)
    return [outcomes[name] for name in sources]


def _parse_line(line: str) -> dict[str, Any] | None:
    try:
        document = json.loads(line)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def _last_line(log: bytes) -> str:
    lines = [line.strip() for line in log.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1] if lines else ""
