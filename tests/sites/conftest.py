"""Fixtures of the site tests: one running mirror, and one real crawl of every themed site by every spider.

Crawling is the slow part, so every themed site is crawled once per session,
by its own type's spider and by ``generic`` with and without an article
pattern, all sources in one ``run_crawl`` (child processes, as ``signwatch
crawl`` runs them); each site's test module reads its own sources' results.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from monitor.demo.mirror import MirrorServer
from monitor.demo.mirror.sites import THEME_SITES
from tests.sites.theme_harness import CrawledSite, crawl_sites


@pytest.fixture(scope="session")
def site_mirror() -> Iterator[MirrorServer]:
    """The mirror, serving every themed site (and the first four)."""
    server = MirrorServer(articles_per_site=4, seed=11)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def themed_crawl(site_mirror: MirrorServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, CrawledSite]:
    """Every themed site crawled by every spider, by source name (``<theme>-own`` …)."""
    return crawl_sites(site_mirror, tmp_path_factory.mktemp("themed-crawl"), THEME_SITES)
