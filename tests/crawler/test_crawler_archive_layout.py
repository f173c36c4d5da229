"""A crawl writes its archive in the layout the config names (``[archive] layout``), from its first file.

The crawl child, its store process and a crawl worker each open the archive;
all of them take the config's layout, so a new sharded archive is sharded
from the first crawl on, and every later command agrees with it.  Real
crawls of the offline mirror over 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.archive.files import FLAT, LAYOUT_FILE, SHARDED, Archive, parse_name
from monitor.archive.verify import verify_archive
from monitor.config import load_settings
from monitor.demo.mirror import MirrorServer
from monitor.running.crawl import run_crawl
from monitor.store import Database

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    """A small mirror: 6 generated articles per site plus the seeds."""
    server = MirrorServer(articles_per_site=6, seed=5, page_size=5)
    server.start()
    yield server
    server.stop()


@pytest.mark.parametrize("layout", [FLAT, SHARDED])
def test_the_first_crawl_writes_the_configured_layout(tmp_path: Path, mirror: MirrorServer, layout: str) -> None:
    config = mirror.write_config(tmp_path / "signwatch.toml", tmp_path / "data")
    with config.open("a", encoding="utf-8") as toml:
        toml.write(f'\n[archive]\nlayout = "{layout}"\n')
    settings = load_settings(config)
    [outcome] = run_crawl(settings, ["mirror-generic"])
    assert outcome.status == "ok" and outcome.new_articles > 0, outcome
    stored = list(settings.archive_path.rglob("[0-9]*_*.txt"))
    assert len(stored) == outcome.new_articles
    for path in stored:
        parsed = parse_name(path.name)
        assert parsed is not None
        expected = settings.archive_path / parsed.content_hash[:2] if layout == SHARDED else settings.archive_path
        assert path.parent == expected, path
    if layout == SHARDED:
        assert (settings.archive_path / LAYOUT_FILE).read_text(encoding="ascii").strip() == SHARDED
    archive = Archive(settings.archive_path, layout)  # what every command opens: no layout error
    db = Database.from_settings(settings)
    assert verify_archive(archive, db).problems == []
    db.dispose()
