"""Fixtures of the site tests: one running mirror, and one real crawl of every themed site by every spider.

Crawling is the slow part, so every themed site is crawled once per session,
by its own type's spider and by ``generic`` with and without an article
pattern, one ``run_crawl`` per spider, the three at once (child processes, as
``signwatch crawl`` runs them); ``test_themed_sites.py`` reads every source's results.
"""

from __future__ import annotations

import fcntl
import pickle
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
def themed_crawl(
    site_mirror: MirrorServer, tmp_path_factory: pytest.TempPathFactory, worker_id: str
) -> dict[str, CrawledSite]:
    """Every themed site crawled by every spider, by source name (``<theme>-own`` …).

    Crawled once per test run, whatever the number of xdist workers: the
    first worker to ask crawls and leaves the results (plain data, no live
    mirror needed) beside the workers' temporary directories, under a lock
    the others wait on.  (xdist's ``xdist_group`` marks, which were to keep
    these tests on one worker, are not applied under pytest 9: the crawl ran
    on every worker.)
    """
    basetemp = tmp_path_factory.getbasetemp()
    # The workers' directories share a parent made for this run; without xdist, the run's own is used.
    shared = basetemp if worker_id == "master" else basetemp.parent
    results = shared / "themed-crawl.pickle"
    with (shared / "themed-crawl.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if results.is_file():
            crawled: dict[str, CrawledSite] = pickle.loads(results.read_bytes())
            return crawled
        crawled = crawl_sites(site_mirror, tmp_path_factory.mktemp("themed-crawl"), THEME_SITES)
        results.write_bytes(pickle.dumps(crawled))
        return crawled
