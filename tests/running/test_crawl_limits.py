"""crawler.crawl_timeout holds for ``signwatch crawl`` and ``signwatch run`` as for the daemon.

A page that answers 429 with ``Retry-After: 3600`` is not waited for past
the limit; a page that never answers has its download cut at the deadline,
its spider closes and its run fails with the reason (a child that cannot
close in time is killed at the limit).  Both through the real command, its
child process and a site on 127.0.0.1.  The bounds on the time are loose (start-up
of a loaded machine); what they rule out is waiting for the server's hour,
or for the two-minute backoff cap that made a 60 s limit take 125 s.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import select

from monitor.config import load_settings
from monitor.store import CrawlRun, Database
from tests.running.conftest import signwatch
from tests.running.proc_tree import crawl_processes
from tests.running.trouble_site import Behaviour, trouble_site

pytestmark = pytest.mark.slow

LIMIT = 20.0  # room for a crawl child to start and fetch the fine page while three other test workers share two cores
SLACK = 20.0  # process start-up on a busy machine; far below the 120 s backoff cap and the server's hour

# (command, how the stuck page behaves, how the run ends, the reason it records, the stuck page's answers)
CASES = [
    ("crawl", "busy", "ok", "HTTP 429", ["busy"]),  # not retried: the pause would end past the limit
    ("run", "busy", "ok", "HTTP 429", ["busy"]),
    # The hung download is cut at the deadline and the spider closes itself ("crawl_timeout reached
    # before the crawl finished"); a child that cannot close in time is killed ("crawl_timeout of 20s reached").
    ("crawl", "hang", "failed", "crawl_timeout", ["hang"]),
    ("run", "hang", "failed", "crawl_timeout", ["hang"]),
]


@pytest.mark.parametrize(("command", "kind", "status", "reason", "answers"), CASES)
def test_a_crawl_ends_at_its_time_limit(
    tmp_path: Path, command: str, kind: str, status: str, reason: str, answers: list[str]
) -> None:
    with trouble_site({"fine": Behaviour(), "stuck": Behaviour(kind, retry_after=3600)}) as site:
        config = tmp_path / "signwatch.toml"
        # A request may take a minute: only the crawl's limit can end the hanging one in time.
        config.write_text(site.config(tmp_path / "data", crawl_timeout=LIMIT, timeout=60.0), encoding="utf-8")
        arguments = ["crawl", "trouble"] if command == "crawl" else ["run"]
        started = time.monotonic()
        done = signwatch("--config", str(config), *arguments, "--json", cwd=tmp_path)
        elapsed = time.monotonic() - started
        assert site.answers("stuck") == answers
        assert site.answers("fine") == ["200"]
    assert elapsed < LIMIT + SLACK, done.stderr
    assert "Traceback" not in done.stderr
    assert done.returncode == (0 if status == "ok" else 1), done.stderr
    assert not crawl_processes(config)
    db = Database.from_settings(load_settings(config))
    with db.session() as session:
        run = session.scalars(select(CrawlRun)).one()
        assert run.status == status and run.finished_at is not None
        assert run.error_text is not None and reason in run.error_text
    db.dispose()
