"""The fleet of small sites a scale benchmark polls: crawled for real over 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import load_settings
from monitor.demo.mirror.fleet import FleetServer
from monitor.running.crawl import run_crawl

pytestmark = pytest.mark.slow


def test_a_fleet_is_crawled_polled_with_304s_and_followed_where_it_changed(tmp_path: Path) -> None:
    with FleetServer(3, articles_per_site=2, seed=4) as fleet:
        config = tmp_path / "signwatch.toml"
        config.write_text(
            fleet.sources_toml(tmp_path / "data", schedule="10m", alerts_url="json://127.0.0.1:9/none"),
            encoding="utf-8",
        )
        settings = load_settings(config)
        names = [style.name for style in fleet.styles]
        assert names == ["f0000", "f0001", "f0002"]
        first = run_crawl(settings, names)
        assert [(o.status, o.new_articles) for o in first] == [("ok", 2)] * 3, [o.error for o in first]

        _article, url = fleet.publish(1)
        before = len(fleet.requests)
        second = run_crawl(settings, names)
        assert [(o.new_articles, o.listings_unchanged) for o in second] == [(0, 1), (1, 0), (0, 1)]
        # The three sources' crawlers share one process and one host: robots.txt is read once.
        assert [r.path for r in fleet.requests[before:]].count("/robots.txt") == 1
        asked = [(r.path, r.status) for r in fleet.requests[before:] if r.path != "/robots.txt"]
        assert sorted(asked) == sorted(
            [
                ("/f0000/news/", 304),
                ("/f0001/news/", 200),
                (url.removeprefix(fleet.base_url), 200),
                ("/f0002/news/", 304),
            ]
        )
