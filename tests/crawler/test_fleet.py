"""The fleet of small sites a scale benchmark polls: crawled for real over 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from monitor.config import Settings, load_settings
from monitor.demo.mirror.fleet import FleetServer
from monitor.running.crawl import run_crawl
from monitor.store import Database
from monitor.store.alert_models import OutboxRow

pytestmark = pytest.mark.slow


def _fleet_sources(fleet: FleetServer, tmp_path: Path) -> tuple[Settings, list[str]]:
    """The settings of a config watching every fleet site every 10 minutes, and the sources' names."""
    config = tmp_path / "signwatch.toml"
    config.write_text(
        fleet.sources_toml(tmp_path / "data", schedule="10m", alerts_url="json://127.0.0.1:9/none"),
        encoding="utf-8",
    )
    return load_settings(config), [style.name for style in fleet.styles]


def test_a_fleet_is_crawled_polled_with_304s_and_followed_where_it_changed(tmp_path: Path) -> None:
    with FleetServer(3, articles_per_site=2, seed=4) as fleet:
        settings, names = _fleet_sources(fleet, tmp_path)
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


def test_every_fleet_publication_is_a_signing_of_its_own_and_alerts_once(tmp_path: Path) -> None:
    # A scale benchmark counts one alert per publication: publications on one day, on sites
    # whose first articles are of that day too, must not be taken for reports of one signing.
    with FleetServer(3, articles_per_site=1, seed=4) as fleet:
        settings, names = _fleet_sources(fleet, tmp_path)
        run_crawl(settings, names)
        db = Database.from_settings(settings)
        with db.session() as session:
            alerted_before = session.scalar(select(func.count()).select_from(OutboxRow))
        published = [fleet.publish(index)[1] for index in (0, 1, 2, 0, 1, 2)]
        assert set(published) <= set(fleet.appeared)  # each one's moment on its listing is kept
        outcomes = run_crawl(settings, names)
        assert [o.new_articles for o in outcomes] == [2, 2, 2], [o.error for o in outcomes]
        with db.session() as session:
            payloads = [json.dumps(row.payload, ensure_ascii=False) for row in session.scalars(select(OutboxRow))]
        db.dispose()
    # One alert (at least) names each publication; none is a repost of another's signing.
    assert all(sum(url in payload for payload in payloads) >= 1 for url in published)
    assert len(payloads) - (alerted_before or 0) >= len(published)


@pytest.mark.parametrize(("sites", "per_host"), [(40, 2)])
def test_a_batch_of_many_sources_on_one_host_keeps_the_hosts_concurrency(
    tmp_path: Path, sites: int, per_host: int
) -> None:
    # One crawl process polls every source of the batch, one Scrapy crawler each; all the
    # sites are one host, which must never see more than concurrency_per_domain at once.
    with FleetServer(sites, articles_per_site=2, seed=5, answer_delay=0.05) as fleet:
        config = tmp_path / "signwatch.toml"
        config.write_text(
            fleet.sources_toml(
                tmp_path / "data",
                schedule="10m",
                alerts_url="json://127.0.0.1:9/none",
                crawler={"concurrency_per_domain": per_host},
            ),
            encoding="utf-8",
        )
        settings = load_settings(config)
        names = [style.name for style in fleet.styles]
        outcomes = run_crawl(settings, names, late_processes=True)
        assert [(o.status, o.new_articles) for o in outcomes] == [("ok", 2)] * sites, [o.error for o in outcomes]
        # A listing and two articles a site, and robots.txt once: all of them through the host's limit.
        assert len(fleet.requests) == 3 * sites + 1
        assert fleet.requests_at_once.peak <= per_host
        assert fleet.connections.peak <= per_host
