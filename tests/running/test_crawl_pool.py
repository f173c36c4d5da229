"""Long-lived crawl processes: batch after batch in one process, its deadline, its recycling, its replacement.

The daemon test runs ``signwatch daemon`` on the mirror; the others drive
``CrawlPool`` as the daemon does (``crawl_sources`` with its pool: leases,
runs, health), with real crawl processes and real sites on 127.0.0.1.
"""

from __future__ import annotations

import os
import signal
import subprocess
import textwrap
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from sqlalchemy import func, select

from monitor.config import Settings, load_settings
from monitor.demo.mirror.server import MirrorServer
from monitor.demo.sink import AlertSink
from monitor.errors import StoreError
from monitor.running.crawl import CrawlOutcome
from monitor.running.crawl_pool import POOL_CLOSED, CrawlPool, rss_mib
from monitor.running.passes import crawl_sources
from monitor.running.startup import open_store
from monitor.store import Article, CrawlRun, Database, Source
from tests.running.conftest import write_config
from tests.running.proc_tree import crawl_processes, descendants, zombie_or_gone
from tests.running.test_daemon import start_daemon, wait_for  # noqa: F401 (start_daemon is a fixture)
from tests.running.trouble_site import Behaviour, trouble_site

pytestmark = pytest.mark.slow

MIRROR_SOURCES = ["mirror-zblog", "mirror-dedecms", "mirror-taiwancn", "mirror-generic"]


def serving_processes(config: Path) -> set[int]:
    """Live long-lived crawl processes working on this config (a zombie is none)."""
    return crawl_processes(config, serve=True)


def patch_crawl_processes(monkeypatch: pytest.MonkeyPatch, directory: Path, code: str) -> None:
    """Run ``code`` in every crawl process started from now on (a fault put in a real process, as a test's cause).

    The processes import it as ``sitecustomize`` (found first on their
    PYTHONPATH), before anything of theirs runs.
    """
    directory.mkdir(exist_ok=True)
    (directory / "sitecustomize.py").write_text(textwrap.dedent(code), encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(directory), os.environ.get("PYTHONPATH")) if p))


def finished_runs(db: Database) -> dict[str, list[str]]:
    """Each source's finished runs' statuses, oldest first (none while the daemon has not made its tables)."""
    try:
        with db.session() as session:
            rows = session.execute(
                select(Source.name, CrawlRun.status)
                .join(CrawlRun, CrawlRun.source_id == Source.id)
                .where(CrawlRun.status != "running")
                .order_by(CrawlRun.id)
            ).all()
    except StoreError:
        return {}
    found: dict[str, list[str]] = {}
    for name, status in rows:
        found.setdefault(name, []).append(status)
    return found


def running_runs(db: Database) -> int:
    """Runs started and not finished (spiders crawling)."""
    with db.session() as session:
        return int(session.scalar(select(func.count()).where(CrawlRun.status == "running")) or 0)


def stored(db: Database) -> int:
    """Articles stored so far."""
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Article)) or 0)


@pytest.fixture
def mirror_store(tmp_path: Path) -> Iterator[tuple[MirrorServer, Settings, Database]]:
    """The mirror, a config crawling it, and the config's store."""
    with MirrorServer(3) as mirror:
        config = tmp_path / "signwatch.toml"
        config.write_text(mirror.sources_toml(tmp_path / "data"), encoding="utf-8")
        settings = load_settings(config)
        db = open_store(settings)
        yield mirror, settings, db
        db.dispose()


# Sources whose article pattern matches no link: a batch fetches their listings and stores nothing, so it starts
# no clean or store process (seconds of CPU each) - the crawl process and the protocol, at the least cost.
LISTINGS_ONLY = 'article_pattern = "/no-such-article/$"\nschedule = '


@pytest.fixture
def listings_store(tmp_path: Path) -> Iterator[tuple[MirrorServer, Settings, Database]]:
    """The mirror, a config crawling only its listings, and the config's store."""
    with MirrorServer(3) as mirror:
        config = tmp_path / "signwatch.toml"
        text = mirror.sources_toml(tmp_path / "data").replace("schedule = ", LISTINGS_ONLY)
        config.write_text(text, encoding="utf-8")
        settings = load_settings(config)
        db = open_store(settings)
        yield mirror, settings, db
        db.dispose()


def test_the_daemon_crawls_batch_after_batch_in_one_process(
    tmp_path: Path,
    start_daemon: Callable[..., subprocess.Popen[str]],  # noqa: F811 (the fixture imported above)
) -> None:
    with MirrorServer(3) as mirror, AlertSink() as sink:
        config = write_config(mirror, sink, tmp_path, schedule="3s")
        daemon = start_daemon(config, "--grace", "3", "--gather-window", "1")
        db = Database.from_settings(load_settings(config))
        seen: set[int] = set()

        def polls_each(count: int) -> Callable[[], bool]:
            def done() -> bool:
                seen.update(serving_processes(config))
                runs = finished_runs(db)
                return all(len(runs.get(name, [])) >= count for name in MIRROR_SOURCES)

            return done

        log = tmp_path / "daemon.log"
        # Up to three batches run at once, each in a process of its own: never more processes than that,
        # however many batches (the old design started one per batch).
        assert wait_for(polls_each(4), 300), log.read_text()
        assert 1 <= len(seen) <= 3, seen
        batches = log.read_text().count(" crawl starting (")
        assert batches >= 4 and batches >= 2 * len(seen), batches
        runs = finished_runs(db)
        assert all(set(runs[name]) == {"ok"} for name in MIRROR_SOURCES), runs
        expected = sum(len(mirror.articles(site)) for site in ("zblog", "dedecms", "taiwancn", "generic"))
        assert stored(db) >= expected - 1
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=60) == 0
        # The process ended with the daemon.
        assert wait_for(lambda: not serving_processes(config), 10)
        with db.session() as session:
            assert session.scalar(select(func.count()).where(CrawlRun.status == "running")) == 0
        db.dispose()
    text = log.read_text()
    assert text.count("started (long-lived)") == len(seen)
    assert "Traceback" not in text


def crawl(
    settings: Settings, db: Database, pool: CrawlPool, names: list[str], limit: float, pids: list[int] | None = None
) -> list[CrawlOutcome]:
    """One batch, as the daemon crawls it; the pid of the process that crawled it is added to ``pids``."""
    return crawl_sources(
        settings,
        db,
        names,
        timeout=limit,
        pool=pool,
        late_processes=True,
        on_child=None if pids is None else lambda child: pids.append(child.pid),
    )


def test_a_hung_source_is_closed_at_its_batch_deadline_and_the_process_goes_on(tmp_path: Path) -> None:
    # The spiders close at 40.5 s, the process would be killed at 45 s; the four mirror
    # sources take 3-5 s on a quiet machine and must be done before then.
    limit = 45.0
    with (
        MirrorServer(3) as mirror,
        trouble_site({"fine": Behaviour(), "stuck": Behaviour("hang")}) as site,
    ):
        # Page downloads may take long (the stuck page never answers): only the batch's deadline ends its crawl.
        text = mirror.sources_toml(tmp_path / "data", crawler={"crawl_timeout": limit, "timeout": 300.0})
        text += "\n[[sources]]" + site.config(tmp_path / "data").split("[[sources]]", 1)[1]
        config = tmp_path / "signwatch.toml"
        config.write_text(text, encoding="utf-8")
        settings = load_settings(config)
        db = open_store(settings)
        pool = CrawlPool()
        pids: list[int] = []
        try:
            outcomes = {o.source: o for o in crawl(settings, db, pool, [*MIRROR_SOURCES, "trouble"], limit, pids)}
            # The others' articles were stored and their runs ok; the hung one failed, saying why.
            assert all(o.status == "ok" and o.new_articles > 0 for n, o in outcomes.items() if n != "trouble"), outcomes
            assert outcomes["trouble"].status == "failed"
            assert "crawl_timeout" in (outcomes["trouble"].error or ""), outcomes["trouble"]
            assert site.answers("stuck") == ["hang"]
            assert site.answers("fine") == ["200"]
            # Its hung download was cut at the deadline: the spider closed in time, the process was
            # not killed, and it takes the next batch.
            assert "killed" not in (outcomes["trouble"].error or "")
            assert pool.pids() == pids
            again = crawl(settings, db, pool, MIRROR_SOURCES, limit, pids)
            assert [o.status for o in again] == ["ok"] * 4
            assert pids[0] == pids[1]
            assert pool.started == 1
        finally:
            pool.close()
            db.dispose()
        assert finished_runs(db)["trouble"] == ["failed"]


def test_the_process_is_recycled_after_its_batches(mirror_store: tuple[MirrorServer, Settings, Database]) -> None:
    _mirror, settings, db = mirror_store
    pool = CrawlPool(max_batches=2)
    pids: list[int] = []
    try:
        for _ in range(3):
            outcomes = crawl(settings, db, pool, MIRROR_SOURCES, 300.0, pids)
            assert [o.status for o in outcomes] == ["ok"] * 4
        # Two batches in the first process; it was ended and the third batch started a new one.
        assert pids[0] == pids[1] and pids[2] != pids[0]
        assert pool.started == 2 and pool.recycled == 1
        assert wait_for(lambda: not Path(f"/proc/{pids[0]}").exists() or zombie_or_gone(pids[0]), 60)
        assert pool.pids() == [pids[2]]
    finally:
        pool.close()
    assert all(len(statuses) == 3 and set(statuses) == {"ok"} for statuses in finished_runs(db).values())


def test_the_process_is_recycled_when_its_clean_and_store_processes_pass_its_memory_limit(
    mirror_store: tuple[MirrorServer, Settings, Database],
) -> None:
    _mirror, settings, db = mirror_store
    pool = CrawlPool()
    pids: list[int] = []
    try:
        crawl(settings, db, pool, ["mirror-zblog"], 300.0, pids)
        # New articles started its clean and store processes; they stay for the next batches.
        own, children = rss_mib({pids[0]}), descendants(pids[0])
        assert len(children) >= 2, children
        assert rss_mib(children) > 50, rss_mib(children)
        # A limit the crawl process alone is far under, and only its processes together pass.
        pool.max_rss_mib = own + rss_mib(children) / 2
        outcomes = crawl(settings, db, pool, ["mirror-zblog"], 300.0, pids)
        assert [o.status for o in outcomes] == ["ok"]
        assert pool.pids() == [] and pool.recycled == 1
        assert wait_for(lambda: not descendants(pids[0]) and zombie_or_gone(pids[0]), 60)
    finally:
        pool.close()


def test_a_killed_process_is_replaced_on_the_next_batch_and_nothing_is_lost(
    mirror_store: tuple[MirrorServer, Settings, Database],
) -> None:
    mirror, settings, db = mirror_store
    expected = sum(len(mirror.articles(site)) for site in ("zblog", "dedecms", "taiwancn", "generic"))
    pool = CrawlPool()
    try:
        # Killed in the middle of its first batch: the sources it had not finished are recorded killed.
        first: list[CrawlOutcome] = []
        batch = threading.Thread(target=lambda: first.extend(crawl(settings, db, pool, MIRROR_SOURCES, 300.0)))
        batch.start()
        assert wait_for(lambda: bool(pool.pids()) and running_runs(db) >= 1, 120)
        [killed] = pool.pids()
        os.kill(killed, signal.SIGKILL)
        batch.join(60)
        assert not batch.is_alive()
        assert len(first) == 4
        unfinished = [o for o in first if o.status != "ok"]
        assert unfinished and all(o.error == "the crawl process was killed by SIGKILL" for o in unfinished)
        # The next batch starts a new process, which catches up: every article is stored, once.
        again = crawl(settings, db, pool, MIRROR_SOURCES, 300.0)
        assert [o.status for o in again] == ["ok"] * 4
        [replacement] = pool.pids()
        assert replacement != killed
        # Killed again, now between batches: the next batch does not notice.
        os.kill(replacement, signal.SIGKILL)
        assert wait_for(lambda: zombie_or_gone(replacement), 10)
        third = crawl(settings, db, pool, MIRROR_SOURCES, 300.0)
        assert [o.status for o in third] == ["ok"] * 4
        assert pool.started == 3
    finally:
        pool.close()
    assert stored(db) == expected
    with db.session() as session:
        hashes = list(session.scalars(select(Article.content_hash)))
    assert len(hashes) == len(set(hashes))


# Result lines of mirror-zblog as a broken crawl process could print them: each is logged, and the source's
# outcome is what its run recorded; the batch's other source, and the process, go on.
MALFORMED_RESULTS = {
    "no status": "document.pop('status', None)",
    "no source": "document.pop('source', None)",
    "a count that is no number": "document['pages'] = 'many'",
}


def test_a_malformed_result_line_still_settles_every_source_of_the_batch(
    listings_store: tuple[MirrorServer, Settings, Database], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _mirror, settings, db = listings_store
    change = tmp_path / "change.py"  # how the process spoils mirror-zblog's next result line (read at each)
    monkeypatch.setenv("SIGNWATCH_TEST_CHANGE", str(change))
    patch_crawl_processes(
        monkeypatch,
        tmp_path / "patch",
        """
        import os
        import crawler.serve

        emit = crawler.serve._emit

        def _emit(document):
            if document.get("event") == "result" and document.get("source") == "mirror-zblog":
                document = dict(document)
                exec(open(os.environ["SIGNWATCH_TEST_CHANGE"]).read(), {"document": document})
            emit(document)

        crawler.serve._emit = _emit
        """,
    )
    pool = CrawlPool()
    pids: list[int] = []
    names = ["mirror-zblog", "mirror-generic"]
    try:
        for case, code in MALFORMED_RESULTS.items():
            change.write_text(code, encoding="utf-8")
            outcomes = {o.source: o for o in crawl(settings, db, pool, names, 300.0, pids)}
            # Every source has its outcome; mirror-zblog's is its run as the process recorded it.
            assert sorted(outcomes) == sorted(names), case
            assert {o.status for o in outcomes.values()} == {"ok"}, (case, outcomes)
            assert outcomes["mirror-zblog"].run_id is not None, case
            assert isinstance(outcomes["mirror-zblog"].pages, int), case
        # The process was not taken for broken: it took every batch.
        assert pool.pids() == [pids[0]] and set(pids) == {pids[0]}
    finally:
        pool.close()
    assert {name: statuses for name, statuses in finished_runs(db).items()} == {name: ["ok"] * 3 for name in names}


@contextmanager
def config_read_slowly(path: Path, delay: float) -> Iterator[None]:
    """The next reading of the config file at ``path`` takes ``delay`` seconds (later ones take none).

    As long as a slow disk, or a config of thousands of sources, would take:
    the file is a named pipe until a reader opens it, and that reader gets
    the text only after ``delay``.
    """
    text = path.read_text(encoding="utf-8")
    path.unlink()
    os.mkfifo(path)
    stop = threading.Event()

    def write() -> None:
        # Opening returns once a reader opened the pipe; a reader killed meanwhile breaks it.
        with suppress(BrokenPipeError), path.open("w", encoding="utf-8") as pipe:
            # The file itself again for the next readers (this one holds the pipe open).
            kept = path.with_suffix(".kept")
            kept.write_text(text, encoding="utf-8")
            kept.replace(path)
            stop.wait(delay)
            pipe.write(text)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        yield
    finally:
        stop.set()
        if path.is_fifo():  # nobody read: a reader that reads nothing lets the writer go
            reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            writer.join()
            os.close(reader)
        writer.join()


def test_a_config_slow_to_read_is_not_taken_for_a_process_that_does_not_answer(
    listings_store: tuple[MirrorServer, Settings, Database],
) -> None:
    _mirror, settings, db = listings_store
    config = Path(settings.path)
    pool = CrawlPool(answer_timeout=2.0)
    pids: list[int] = []
    names = ["mirror-zblog", "mirror-generic"]
    try:
        assert [o.status for o in crawl(settings, db, pool, names, 300.0, pids)] == ["ok"] * 2
        # The config changed (a reload's new sources) and its reading takes longer than answer_timeout: the
        # process answered at once, read it, and crawled; it was not killed and replaced.
        with config_read_slowly(config, delay=4.0):
            again = crawl(settings, db, pool, names, 300.0, pids)
            assert [o.status for o in again] == ["ok"] * 2, [o.error for o in again]
        assert pids[0] == pids[1] and pool.started == 1
    finally:
        pool.close()


def test_an_idle_process_is_asked_to_end_once_unused_for_max_idle(
    listings_store: tuple[MirrorServer, Settings, Database],
) -> None:
    _mirror, settings, db = listings_store
    pool = CrawlPool(max_idle=0.0)  # idle at all is idle too long
    pids: list[int] = []
    try:
        assert [o.status for o in crawl(settings, db, pool, ["mirror-zblog"], 300.0, pids)] == ["ok"]
        [idle] = pool._idle
        assert pool.pids() == pids
        # The daemon's tick: no batch is needed to end it.
        pool.reap_idle()
        assert pool.pids() == []
        # Its stdin closed, it closed its reactor and exited by itself: it was not killed.
        assert idle.process.wait(timeout=60) == 0
    finally:
        pool.close()


def test_an_idle_process_of_another_config_is_asked_to_end_not_killed(
    listings_store: tuple[MirrorServer, Settings, Database], tmp_path: Path
) -> None:
    _mirror, settings, db = listings_store
    other = tmp_path / "other" / "signwatch.toml"  # the same sources, as a reload under another path reads them
    other.parent.mkdir()
    other.write_text(Path(settings.path).read_text(encoding="utf-8"), encoding="utf-8")
    pool = CrawlPool()
    pids: list[int] = []
    try:
        assert [o.status for o in crawl(settings, db, pool, ["mirror-zblog"], 300.0, pids)] == ["ok"]
        [first] = pool._idle
        assert [o.status for o in crawl(load_settings(other), db, pool, ["mirror-zblog"], 300.0, pids)] == ["ok"]
        assert pids[0] != pids[1] and pool.pids() == [pids[1]]
        assert first.process.wait(timeout=60) == 0  # before: -9, killed at once
    finally:
        pool.close()


def test_the_log_is_bounded_and_a_crash_is_explained_by_its_own_batch_only(
    listings_store: tuple[MirrorServer, Settings, Database], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _mirror, settings, db = listings_store
    # Batches 1 and 2 log 3,000 bytes each; batch 3 is taken, then the process exits with status 3, logging nothing.
    patch_crawl_processes(
        monkeypatch,
        tmp_path / "patch",
        """
        import os
        import sys
        import crawler.serve

        run_batch = crawler.serve.BatchServer.run_batch

        def noisy_run_batch(self, request):
            number = int(request["batch"])
            if number == 3:
                crawler.serve._emit({"event": "started", "batch": number})
                os._exit(3)
            sys.stderr.write(f"noise of batch {number}: {'x' * 80}\\n" * 30)
            sys.stderr.flush()
            run_batch(self, request)

        crawler.serve.BatchServer.run_batch = noisy_run_batch
        """,
    )
    pool = CrawlPool(max_log_bytes=4096)
    names = ["mirror-zblog", "mirror-generic"]
    try:
        for number in (1, 2):
            assert [o.status for o in crawl(settings, db, pool, names, 300.0)] == ["ok"] * 2
            [server] = pool._idle
            server.log_file.seek(0)
            kept = server.log_file.read()
            # Between batches the log holds at most its bound, this batch's lines kept.
            assert len(kept) <= 4096 and b"noise of batch %d" % number in kept, (number, len(kept))
        crashed = crawl(settings, db, pool, names, 300.0)
        # The reason is this batch's: nothing logged, so the exit status (before: batch 2's last noise line).
        assert [(o.status, o.error) for o in crashed] == [("failed", "crawler process exited with status 3")] * 2
    finally:
        pool.close()


def test_a_host_that_moved_between_batches_is_found_at_its_new_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hosts = tmp_path / "hosts"  # the crawl processes' name lookups, as a hosts file gives them
    monkeypatch.setenv("SIGNWATCH_TEST_HOSTS", str(hosts))
    patch_crawl_processes(
        monkeypatch,
        tmp_path / "patch",
        """
        import os
        import socket

        lookup = socket.gethostbyname

        def gethostbyname(name):
            with open(os.environ["SIGNWATCH_TEST_HOSTS"]) as table:
                known = dict(line.split()[::-1] for line in table if line.strip())
            return known.get(name) or lookup(name)

        socket.gethostbyname = gethostbyname
        """,
    )
    with MirrorServer(3) as mirror:
        # The mirror's listings under a name; a refused connection is not retried (the first address is wrong).
        text = mirror.sources_toml(tmp_path / "data").replace("schedule = ", LISTINGS_ONLY)
        config = tmp_path / "signwatch.toml"
        config.write_text(text.replace("127.0.0.1", "mirror.test").replace("retries = 2", "retries = 0"), "utf-8")
        settings = load_settings(config)
        db = open_store(settings)
        pool = CrawlPool()
        pids: list[int] = []
        try:
            hosts.write_text("127.0.0.2 mirror.test\n", encoding="utf-8")  # nothing listens there
            [moved] = crawl(settings, db, pool, ["mirror-zblog"], 300.0, pids)
            assert moved.errors > 0 and moved.pages == 0, moved
            hosts.write_text("127.0.0.1 mirror.test\n", encoding="utf-8")  # the site's address now
            [found] = crawl(settings, db, pool, ["mirror-zblog"], 300.0, pids)
            assert found.status == "ok" and found.errors == 0 and found.pages > 0, found
            assert pids[0] == pids[1]  # the same process: its cache of addresses was emptied for the batch
        finally:
            pool.close()
            db.dispose()


def test_a_reload_to_another_database_ends_the_old_store_process(tmp_path: Path) -> None:
    with MirrorServer(3) as mirror:
        config = tmp_path / "signwatch.toml"
        config.write_text(mirror.sources_toml(tmp_path / "data"), encoding="utf-8")
        first = load_settings(config)
        dbs = [open_store(first)]
        pool = CrawlPool()
        pids: list[int] = []
        try:
            assert [o.new_articles > 0 for o in crawl(first, dbs[0], pool, ["mirror-zblog"], 300.0, pids)] == [True]
            stored_by = descendants(pids[0])  # its clean and store processes
            # The config now stores elsewhere (another data_dir: another database and archive), same path.
            config.write_text(mirror.sources_toml(tmp_path / "elsewhere"), encoding="utf-8")
            second = load_settings(config)
            dbs.append(open_store(second))
            assert [o.new_articles > 0 for o in crawl(second, dbs[1], pool, ["mirror-zblog"], 300.0, pids)] == [True]
            assert pids[0] == pids[1]
            # One store process again (the new database's); the old one ended (before: it stayed, connected).
            assert wait_for(lambda: len(descendants(pids[0])) == len(stored_by), 30), (
                stored_by,
                descendants(pids[0]),
            )
            assert stored(dbs[0]) == stored(dbs[1]) > 0
        finally:
            pool.close()
            for db in dbs:
                db.dispose()


# A crawl process whose reactor hangs on reading a batch (it never answers) while a token is left in this
# directory, each hanging process taking one.
HANGS_ON_A_TOKEN = """
import os
import time
import crawler.serve

run_batch = crawler.serve.BatchServer.run_batch

def hanging_run_batch(self, request):
    tokens = os.environ["SIGNWATCH_TEST_TOKENS"]
    for token in sorted(os.listdir(tokens)):
        try:
            os.unlink(os.path.join(tokens, token))
        except FileNotFoundError:  # another process took it
            continue
        time.sleep(3600)
    run_batch(self, request)

crawler.serve.BatchServer.run_batch = hanging_run_batch
"""

# Processes that hang, and how the batch ends: a new process takes it, or both were killed and it is recorded.
NO_ANSWER = [
    (1, ["ok", "ok"], None),
    (2, ["failed", "failed"], "the crawl process did not answer: killed"),
]


@pytest.mark.parametrize(("hanging", "statuses", "error"), NO_ANSWER)
def test_a_process_that_does_not_answer_is_killed_and_its_batch_retried_or_recorded(
    hanging: int,
    statuses: list[str],
    error: str | None,
    listings_store: tuple[MirrorServer, Settings, Database],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _mirror, settings, db = listings_store
    tokens = tmp_path / "tokens"
    tokens.mkdir()
    for number in range(hanging):
        (tokens / str(number)).touch()
    monkeypatch.setenv("SIGNWATCH_TEST_TOKENS", str(tokens))
    patch_crawl_processes(monkeypatch, tmp_path / "patch", HANGS_ON_A_TOKEN)
    pool = CrawlPool(answer_timeout=2.0)
    names = ["mirror-zblog", "mirror-generic"]
    try:
        outcomes = crawl(settings, db, pool, names, 300.0)
        assert [o.status for o in outcomes] == statuses
        assert error is None or all(o.error == error for o in outcomes), outcomes
        assert pool.started == 2 and not list(tokens.iterdir())
        assert len(pool.pids()) == (1 if error is None else 0)
    finally:
        pool.close()
    assert {name: runs for name, runs in finished_runs(db).items()} == {name: statuses[:1] for name in names}


def test_closing_the_pool_ends_a_process_a_batch_is_still_handed_to(
    listings_store: tuple[MirrorServer, Settings, Database], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _mirror, settings, db = listings_store
    tokens = tmp_path / "tokens"
    tokens.mkdir()
    (tokens / "0").touch()
    monkeypatch.setenv("SIGNWATCH_TEST_TOKENS", str(tokens))
    patch_crawl_processes(monkeypatch, tmp_path / "patch", HANGS_ON_A_TOKEN)
    pool = CrawlPool(answer_timeout=3600.0)  # only the close can end the wait for its answer
    outcomes: list[CrawlOutcome] = []
    batch = threading.Thread(target=lambda: outcomes.extend(crawl(settings, db, pool, ["mirror-zblog"], 300.0)))
    batch.start()
    assert wait_for(lambda: not list(tokens.iterdir()), 120)  # the process hangs on the batch
    [hung] = pool.pids()
    # The daemon's shutdown: the hung process is asked to end (SIGTERM; its reactor is stuck) and killed.
    pool.close(wait=1.0)
    batch.join(60)
    assert not batch.is_alive()
    assert zombie_or_gone(hung) and pool.started == 1
    assert [(o.status, o.error) for o in outcomes] == [("failed", POOL_CLOSED)]


def test_three_batches_at_once_run_in_three_processes_which_serve_the_next_ones(
    listings_store: tuple[MirrorServer, Settings, Database],
) -> None:
    _mirror, settings, db = listings_store
    batches = [["mirror-zblog"], ["mirror-dedecms"], ["mirror-taiwancn", "mirror-generic"]]
    pool = CrawlPool()
    pids: list[int] = []
    try:
        for _round in range(2):
            outcomes: list[CrawlOutcome] = []

            def run(names: list[str], into: list[CrawlOutcome] = outcomes) -> None:
                into.extend(crawl(settings, db, pool, names, 300.0, pids))

            threads = [threading.Thread(target=run, args=(names,)) for names in batches]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(300)
            assert sorted(o.source for o in outcomes) == sorted(MIRROR_SOURCES)
            assert {o.status for o in outcomes} == {"ok"}, outcomes
        # The first three ran at once, each in a process of its own; the next three were served by those.
        assert len(set(pids[:3])) == 3 and set(pids[3:]) <= set(pids[:3])
        assert pool.started == 3 and sorted(pool.pids()) == sorted(set(pids[:3]))
    finally:
        pool.close()
    assert {name: len(runs) for name, runs in finished_runs(db).items()} == dict.fromkeys(MIRROR_SOURCES, 2)


def test_a_process_that_cannot_close_after_its_stdin_ended_exits_saying_why(
    listings_store: tuple[MirrorServer, Settings, Database], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _mirror, settings, db = listings_store
    # Its spiders never close (the stop is lost), and its grace after the end of stdin is one second.
    patch_crawl_processes(
        monkeypatch,
        tmp_path / "patch",
        """
        import crawler.serve

        crawler.serve.EOF_GRACE = 1.0
        crawler.serve.BatchServer.stop = lambda self: None
        """,
    )
    pool = CrawlPool()
    try:
        assert [o.status for o in crawl(settings, db, pool, ["mirror-zblog"], 300.0)] == ["ok"]
        [server] = pool._idle
        assert server.process.stdin is not None
        server.process.stdin.close()
        # A forced exit is no clean end (before: status 0, nothing logged).
        assert server.process.wait(timeout=60) == 1
        assert server.tail() == "signwatch: the spiders did not close within 1 s of the end of stdin: exiting"
    finally:
        pool.close()
