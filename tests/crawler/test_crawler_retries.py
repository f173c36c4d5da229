"""Retries, crawled for real: network errors and 408 are retried like 5xx and 429, and counted in Scrapy's stats.

A site on 127.0.0.1 (``tests.running.trouble_site``) resets connections,
answers 408 or 503, or asks for a pause with 429 before it answers; one page
resets every connection.  The crawl runs as ``signwatch crawl`` runs it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from crawler.middlewares import describe_failure
from monitor.config import load_settings
from monitor.running.crawl import run_crawl
from monitor.store import CrawlRun, Database
from tests.running.trouble_site import Behaviour, trouble_site

pytestmark = pytest.mark.slow

RETRIES = 2  # crawler.retries in the config below

# page: (how it behaves, what it answers request by request, retries it costs)
PAGES = {
    "fine": (Behaviour(), ["200"], 0),
    "reset-once": (Behaviour("reset", times=1), ["reset", "200"], 1),
    "reset-twice": (Behaviour("reset", times=2), ["reset", "reset", "200"], 2),
    "timeout-408": (Behaviour("timeout", times=1), ["timeout", "200"], 1),
    "busy-429": (Behaviour("busy", times=1, retry_after=1), ["busy", "200"], 1),
    "reset-always": (Behaviour("reset"), ["reset"] * (RETRIES + 1), RETRIES),  # then given up
}


def test_every_retryable_failure_is_retried_with_backoff_and_counted(tmp_path: Path) -> None:
    with trouble_site({name: behaviour for name, (behaviour, _, _) in PAGES.items()}) as site:
        config = tmp_path / "signwatch.toml"
        config.write_text(site.config(tmp_path / "data", retries=RETRIES), encoding="utf-8")
        settings = load_settings(config)
        (outcome,) = run_crawl(settings, ["trouble"])
        answers = {name: site.answers(name) for name in PAGES}
    assert answers == {name: expected for name, (_, expected, _) in PAGES.items()}
    # Scrapy's counters, as the crawl's result carries them.
    assert outcome.extra["retries"] == sum(cost for _, _, cost in PAGES.values())
    assert outcome.extra["retries_given_up"] == 1
    # Every page that answered in the end is stored; the one that never did is one error, in one line.
    assert outcome.status == "ok"
    assert outcome.new_articles == len(PAGES) - 1
    assert outcome.errors == 1
    assert outcome.error is not None and outcome.error.endswith(
        "reset-always.html: connection lost (reset by the server)"
    )
    db = Database.from_settings(settings)
    with db.session() as session:
        run = session.scalars(select(CrawlRun)).one()
        assert (run.status, run.new_articles, run.errors) == ("ok", len(PAGES) - 1, 1)
    db.dispose()


class _Failure:
    def __init__(self, value: Exception) -> None:
        self.value = value


class DownloadFailedError(Exception):
    """Named as Scrapy's, which wraps Twisted's failures in its message."""


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (DownloadFailedError("[<Failure twisted.internet.error.ConnectionLost: Connection lost>]"), "connection lost"),
        (DownloadFailedError("[<Failure twisted.web._newclient.ResponseNeverReceived>]"), "connection closed before"),
        (type("ConnectionRefusedError", (Exception,), {})("refused"), "connection refused"),
        (type("CannotResolveHostError", (Exception,), {})("x.invalid"), "host not found"),
        (type("DownloadTimeoutError", (Exception,), {})("took 30s"), "timed out"),
        (ValueError("odd\nsecond line"), "ValueError: odd"),
    ],
)
def test_a_failed_request_is_one_plain_line(error: Exception, line: str) -> None:
    assert describe_failure(_Failure(error)).startswith(line)
