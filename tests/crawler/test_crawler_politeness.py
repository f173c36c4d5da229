"""Politeness and failures, crawled for real: robots.txt, 429 + Retry-After, 5xx, oversized pages,
redirect loops, timeouts, the User-Agent, and an unreachable host."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from monitor.cli import loaded_app
from monitor.config import load_settings
from monitor.demo.mirror import MirrorServer
from monitor.running.crawl import run_crawl
from monitor.store import CrawlRun, Database

app = loaded_app()  # every command registered, as `signwatch --help` shows them

pytestmark = pytest.mark.slow


@pytest.fixture
def server() -> Iterator[MirrorServer]:
    """A mirror whose trouble site answers 429 once with Retry-After: 1 and sleeps 2 s on its slow page."""
    mirror = MirrorServer(articles_per_site=0, slow_seconds=2.0, retry_after=1)
    mirror.start()
    yield mirror
    mirror.stop()


def test_trouble_site(server: MirrorServer, tmp_path: Path) -> None:
    config = server.write_config(
        tmp_path / "signwatch.toml",
        tmp_path / "data",
        include_trouble=True,
        crawler={"timeout": 1.0, "retries": 1, "max_page_bytes": 500_000, "max_redirects": 3},
    )
    settings = load_settings(config)
    (outcome,) = run_crawl(settings, ["mirror-trouble"])
    served = server.requests
    paths = [r.path for r in served]

    # robots.txt is read first and obeyed: the forbidden page is never asked for.
    assert paths[0] == "/robots.txt"
    assert "/private/secret.html" not in paths
    # The User-Agent names signwatch and the contact URL from the config.
    assert all(r.user_agent.startswith("signwatch/") and "/about.html" in r.user_agent for r in served)
    # 429 is retried after the Retry-After pause, and the page is then stored.
    busy = [r for r in served if r.path.endswith("busy.html")]
    assert [r.status for r in busy] == [429, 200]
    assert busy[1].at - busy[0].at >= 1.0
    # A 500 is retried (retries = 1) and then counted as an error.
    assert [r.status for r in served if r.path.endswith("broken.html")] == [500, 500]
    # The redirect loop ends: Scrapy's per-run dupefilter drops the way back, max_redirects bounds the rest.
    assert 1 <= sum(r.path.endswith(("loop.html", "loop2.html")) for r in served) <= 4

    assert outcome.status == "ok"  # the listing was read: a partial crawl, not a failed one
    assert outcome.new_articles == 2  # ok.html and busy.html (slow.html times out)
    # missing (404), broken (500), huge (over max_page_bytes), slow (timeout)
    assert outcome.errors == 4
    assert outcome.error is not None and outcome.error.count("\n") == 0

    db = Database.from_settings(settings)
    with db.session() as session:
        run = session.scalars(select(CrawlRun)).one()
        assert (run.status, run.errors, run.new_articles) == ("ok", 4, 2)
    db.dispose()


def test_unreachable_host_is_a_failed_run_with_one_line(tmp_path: Path) -> None:
    config = tmp_path / "signwatch.toml"
    config.write_text(
        f'data_dir = "{tmp_path / "data"}"\n[crawler]\ntimeout = 2.0\nretries = 0\n'
        '[[sources]]\nname = "gone"\ntype = "zblog"\nstart_urls = ["http://127.0.0.1:9/index.php/category-1.html"]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["--config", str(config), "crawl", "gone"])
    assert result.exit_code == 1
    assert "crawl of gone failed: listing http://127.0.0.1:9/" in result.output
    assert "connection refused" in result.output
    db = Database.from_settings(load_settings(config))
    with db.session() as session:
        run = session.scalars(select(CrawlRun)).one()
        assert run.status == "failed"
        assert run.error_text is not None and "connection refused" in run.error_text
    db.dispose()


def test_unknown_source_is_a_one_line_error(tmp_path: Path) -> None:
    config = tmp_path / "signwatch.toml"
    config.write_text(f'data_dir = "{tmp_path}"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["--config", str(config), "crawl", "nowhere"])
    assert result.exit_code != 0
    assert "unknown source 'nowhere'" in str(result.exception or result.output)
