"""An operator's day through pipes (cron's log, ``| head``): plain lines, whole names, one line per problem.

Every command here runs as the real ``signwatch`` with its output piped,
on a mirror of real sites plus a source whose host refuses connections.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from monitor.demo.mirror.server import MirrorServer
from tests.cli.conftest import LOG_LINE, one_error, signwatch

pytestmark = pytest.mark.slow

# Longer than any 80-column table cell: it must come out whole.
LONG_NAME = "mirror-zblog-the-whole-name-of-a-source-that-a-table-of-eighty-columns-would-cut"
# A zone without summer time, and not the default one: the printed offset proves it is used.
ZONE = "Asia/Kolkata"
OFFSET = "+0530"

SOURCES_HEADER = (
    "name\ttype\tenabled\tschedule\tlast run\tstatus\tnew\trevisions\tduplicates\tunchanged\tnot articles\terrors"
    "\tlast success\tfailures in a row\tlast new article\tlast error"
)
RUN_HEADER = "source\tstatus\trun\tnew\trevisions\tduplicates\tunchanged\terrors\terror"
ARTICLES_HEADER = "hash\tarchive name\tsource\tpublished\ttitle\turl"


def write_config(mirror: MirrorServer, directory: Path) -> Path:
    """The mirror's sources, one more under a long name, one on a port nothing listens on."""
    text = mirror.sources_toml(directory / "data")
    text += (
        f'\n[[sources]]\nname = "{LONG_NAME}"\ntype = "zblog"\n'
        f'start_urls = ["{mirror.base_url}/zblog/index.php/category-1.html"]\nallowed_domains = ["127.0.0.1"]\n'
        '\n[[sources]]\nname = "gone"\ntype = "zblog"\nstart_urls = ["http://127.0.0.1:9/index.php/category-1.html"]\n'
        f'\n[alerts]\ntimezone = "{ZONE}"\n'
    )
    text = text.replace("retries = 2", "retries = 0")
    path = directory / "signwatch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def plain(text: str) -> list[str]:
    """The lines of piped output, checked to be plain: no box drawing, no padding to a width."""
    lines = text.splitlines()
    for line in lines:
        assert not set(line) & set("│┃━─┏└╭"), line
        assert line == line.rstrip(" "), repr(line)
    return lines


def test_operator_day_through_pipes(tmp_path: Path, mirror: MirrorServer) -> None:
    config = str(write_config(mirror, tmp_path))
    names = [*(f"mirror-{site}" for site in ("zblog", "dedecms", "taiwancn", "generic")), LONG_NAME, "gone"]

    # crawl with nothing named: what to do, with the sources --all would crawl.
    assert one_error(signwatch("--config", config, "crawl", cwd=tmp_path)) == (
        f"signwatch: error: name the sources to crawl, or use --all for the 6 enabled: {', '.join(names)}"
    )
    # An unknown name: the error alone, no progress display before it.
    assert one_error(signwatch("--config", config, "crawl", "nosuch", cwd=tmp_path)) == (
        f"signwatch: error: unknown source 'nosuch' (known: {', '.join(names)})"
    )

    # The first pass crawls everything: one line per source, the failure's error on its line.
    first = signwatch("--config", config, "run", cwd=tmp_path)
    assert first.returncode == 1, first.stderr  # a crawl failed
    lines = plain(first.stdout)
    assert lines[0] == RUN_HEADER
    rows = {line.split("\t")[0]: line.split("\t") for line in lines[1:-1]}
    assert set(rows) == set(names)
    assert all(row[1] == "ok" for name, row in rows.items() if name != "gone"), first.stdout
    assert rows["gone"][1] == "failed" and "127.0.0.1:9" in rows["gone"][8]
    assert lines[-1] == "crawled: 6  not due: 0  alerts delivered: 0  delivery failures: 0"
    logged = first.stderr.splitlines()
    assert logged and all(LOG_LINE.match(line) for line in logged), first.stderr
    assert not [line for line in logged if "alembic" in line]
    assert sum(1 for line in logged if "database schema upgraded" in line) == 1

    # Nothing due: one line in all, the summary (cron appends it every 10 minutes).
    idle = signwatch("--config", config, "run", cwd=tmp_path)
    assert idle.returncode == 0
    assert idle.stdout + idle.stderr == "crawled: 0  not due: 6  alerts delivered: 0  delivery failures: 0\n"

    # sources: every name whole, the last run's counts, the last error, times in the configured zone.
    listed = signwatch("--config", config, "sources", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    lines = plain(listed.stdout)
    assert lines[0] == SOURCES_HEADER
    header = lines[0].split("\t")
    table = {line.split("\t")[0]: dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]}
    assert list(table) == names
    gone = table["gone"]
    assert (gone["status"], gone["errors"], gone["failures in a row"], gone["last success"]) == (
        "failed",
        "1",
        "1",
        "never",
    )
    assert "127.0.0.1:9" in gone["last error"] and gone["last run"].endswith(OFFSET)
    whole = table[LONG_NAME]
    assert whole["status"] == "ok" and whole["last error"] == ""
    # (two sources read the zblog site, and either may store its articles first: dedecms has one reader)
    assert whole["last success"].endswith(OFFSET) and table["mirror-dedecms"]["last new article"].endswith(OFFSET)
    runs = {
        s["name"]: s["last_run"]
        for s in json.loads(signwatch("--config", config, "sources", "--json", cwd=tmp_path).stdout)
    }
    assert {"unchanged", "not_articles", "error", "status"} <= set(runs["gone"])
    assert runs["gone"]["status"] == "failed" and runs["gone"]["error"] == gone["last error"]

    # articles: the URL, the published time in the configured zone.
    articles = signwatch("--config", config, "articles", "--limit", "3", cwd=tmp_path)
    assert articles.returncode == 0, articles.stderr
    lines = plain(articles.stdout)
    assert lines[0] == ARTICLES_HEADER and len(lines) == 4
    for line in lines[1:]:
        digest, archive_name, source, published, title, url = line.split("\t")
        assert archive_name.endswith(f"_{digest}.txt") and source in names and title
        assert published.endswith(OFFSET) and url.startswith(mirror.base_url + "/")

    # events: one event a line, the article's title whole (a terminal's table cuts it to fit).
    events = signwatch("--config", config, "events", "--limit", "3", cwd=tmp_path)
    assert events.returncode == 0, events.stderr
    lines = plain(events.stdout)
    assert lines[0] == "date\tplace\tkind\tstatus\tproj.\tamount\tcluster\tarticle" and len(lines) == 4
    assert all(len(line.split("\t")) == 8 and "…" not in line for line in lines[1:])

    # crawl through a pipe: no spinner, the table as lines, the failure as one line on stderr.
    crawled = signwatch("--config", config, "crawl", "gone", LONG_NAME, cwd=tmp_path)
    assert crawled.returncode == 1
    lines = plain(crawled.stdout)
    assert lines[0].startswith("source\tstatus\trun\tpages\t") and [line.split("\t")[0] for line in lines[1:]] == [
        "gone",
        LONG_NAME,
    ]
    assert crawled.stderr.splitlines() == [f"signwatch: crawl of gone failed: {rows['gone'][8]}"]


def test_mirror_config_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "x.toml"
    result = signwatch("mirror", "--port", "0", "--sources-out", str(target), cwd=tmp_path)
    assert one_error(result) == f"signwatch: error: --sources-out {target}: cannot write: No such file or directory"


@pytest.mark.parametrize(
    ("config", "args", "line"),
    [
        ("", ["crawl", "--all"], "signwatch: error: no sources configured: add [[sources]] to the config"),
        ("", ["crawl", "nowhere"], "signwatch: error: unknown source 'nowhere' (known: none configured)"),
        (
            '[[sources]]\nname = "a"\ntype = "zblog"\nstart_urls = ["http://127.0.0.1:9/"]\nenabled = false\n',
            ["crawl", "--all"],
            "signwatch: error: --all: no source is enabled (configured: a); name the ones to crawl",
        ),
        (
            '[[sources]]\nname = "a"\ntype = "zblog"\nstart_urls = ["http://127.0.0.1:9/"]\nenabled = false\n',
            ["crawl"],
            "signwatch: error: name the sources to crawl (configured: a; none is enabled for --all)",
        ),
    ],
)
def test_crawl_says_what_to_crawl(tmp_path: Path, config: str, args: list[str], line: str) -> None:
    (tmp_path / "signwatch.toml").write_text(config, encoding="utf-8")
    assert one_error(signwatch(*args, cwd=tmp_path)) == line
