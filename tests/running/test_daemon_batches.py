"""The daemon crawls the sources due together in one batch of its crawl process; a hung one stalls no other."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from monitor.config import load_settings
from monitor.demo.mirror.server import MirrorServer
from monitor.demo.sink import AlertSink
from monitor.store import CrawlRun, Database, Source
from tests.running.test_daemon import start_daemon, wait_for  # noqa: F401 (start_daemon is a fixture)
from tests.running.trouble_site import Behaviour, trouble_site

pytestmark = pytest.mark.slow

MIRROR_SOURCES = {"mirror-zblog", "mirror-dedecms", "mirror-taiwancn", "mirror-generic"}
# The hung source's spider closes at 40.5 s, its process would be killed at 45 s.  The
# four mirror sources' batch takes 3-5 s on a quiet machine and must end before then.
CRAWL_TIMEOUT = 45.0


def crawl_processes(config: Path) -> dict[int, int]:
    """Crawl child processes working on this config: pid -> how many sources its command line names.

    The daemon's long-lived crawl process names none (it reads its batches from stdin).
    """
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"crawler.run" in command and str(config).encode() in command:
            found[int(entry.name)] = command.count(b"--source")
    return found


def runs(db: Database) -> dict[str, list[tuple[str, str | None]]]:
    """Every source's runs so far, (status, error) each."""
    with db.session() as session:
        rows = session.execute(
            select(Source.name, CrawlRun.status, CrawlRun.error_text).join(CrawlRun).order_by(CrawlRun.id)
        ).all()
    found: dict[str, list[tuple[str, str | None]]] = {}
    for name, status, error in rows:
        found.setdefault(name, []).append((status, error))
    return found


def test_due_sources_share_one_process_and_a_hung_one_stalls_no_other(
    tmp_path: Path,
    start_daemon: Callable[..., subprocess.Popen[str]],  # noqa: F811 (the fixture imported above)
) -> None:
    with (
        MirrorServer(3) as mirror,
        AlertSink() as sink,
        trouble_site({"fine": Behaviour(), "stuck": Behaviour("hang")}) as site,
    ):
        # Page downloads may take long (the stuck page never answers): only crawl_timeout ends its crawl.
        text = mirror.sources_toml(tmp_path / "data", crawler={"crawl_timeout": CRAWL_TIMEOUT, "timeout": 300.0})
        text = text.replace('schedule = "30m"', 'schedule = "1h"')
        trouble = site.config(tmp_path / "data").split("[[sources]]", 1)[1].replace('"30m"', '"1h"')
        text += f'\n[[sources]]{trouble}\n[[subscriptions]]\nname = "everything"\nurl = "{sink.url("all")}"\n'
        config = tmp_path / "signwatch.toml"
        config.write_text(text, encoding="utf-8")
        db = Database.from_settings(load_settings(config))
        seen: dict[int, int] = {}

        def stuck_and_watched() -> bool:
            seen.update(crawl_processes(config))
            return site.answers("stuck") == ["hang"]

        daemon = start_daemon(config, "--grace", "1", "--gather-window", "3")
        log = tmp_path / "daemon.log"
        assert wait_for(stuck_and_watched, 300), log.read_text()
        # The five sources fell due within the gathering window: one batch, one crawl process for all of them.
        assert list(seen.values()) == [0], seen

        # While the stuck page holds its source, the others' articles are stored, recorded and alerted.
        def others_done() -> bool:
            seen.update(crawl_processes(config))
            done = runs(db)
            return all(done.get(name) == [("ok", None)] for name in MIRROR_SOURCES) and len(sink.received()) >= 5

        assert wait_for(others_done, 120), log.read_text()
        assert runs(db)["trouble"] == [("running", None)]
        assert len(seen) == 1  # still the one process

        # At the time limit the hung source's spider is closed: its run fails with why, the fine article kept.
        assert wait_for(lambda: runs(db)["trouble"][0][0] != "running", CRAWL_TIMEOUT + 60), log.read_text()
        [(status, error)] = runs(db)["trouble"]
        assert status == "failed"
        assert error is not None and "crawl_timeout" in error
        # The process stays, waiting for the next batch (it ends with the daemon).
        assert list(crawl_processes(config)) == list(seen)
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=60) == 0
        db.dispose()
    text = log.read_text()
    assert "Traceback" not in text
    assert "sources=" in text and "(5 in one process)" in text
    assert text.count("started (long-lived)") == 1
