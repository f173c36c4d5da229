"""monitor.logs: every record one line, libraries held back, the crawl child in the same format."""

from __future__ import annotations

import io
import logging
import pprint
from collections.abc import Iterator

import pytest
from scrapy.settings import Settings as ScrapySettings

from monitor.logs import FORMAT, OneLineFormatter, setup_logging
from monitor.text import clean_text


def _raise_from_signwatch() -> None:
    clean_text(None)  # type: ignore[arg-type]  # a real exception, raised in signwatch's own code


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """The root logger set up by setup_logging, its handler writing into a buffer; restored afterwards."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    setup_logging("INFO", quiet={"scrapy.middleware": logging.WARNING})
    buffer = io.StringIO()
    handler = root.handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(buffer)
    yield buffer
    root.handlers[:], root.level = saved


MESSAGES = [
    # (logger, level, message, args, the line's text after the logger's name)
    ("signwatch.pass", logging.INFO, "source=%s crawl ok", ("a",), "source=a crawl ok"),
    (
        "scrapy.statscollectors",
        logging.INFO,
        "Dumping Scrapy stats:\n%(stats)s",
        {"stats": pprint.pformat({f"downloader/key{n}": n for n in range(12)})},
        "Dumping Scrapy stats: {'downloader/key0': 0, 'downloader/key1': 1,",
    ),
    ("py.warnings", logging.WARNING, "x.py:3: UserWarning: careful\n  warn('careful')\n", (), "x.py:3: UserWarning"),
]


@pytest.mark.parametrize(("name", "level", "message", "args", "text"), MESSAGES)
def test_every_record_is_one_line(
    captured: io.StringIO, name: str, level: int, message: str, args: object, text: str
) -> None:
    if isinstance(args, tuple):
        logging.getLogger(name).log(level, message, *args)
    else:  # one mapping, as Scrapy passes its named arguments
        logging.getLogger(name).log(level, message, args)
    lines = captured.getvalue().splitlines()
    assert len(lines) == 1
    assert f" {logging.getLevelName(level)} {name}: {text}" in lines[0]


def test_an_exception_is_its_type_message_and_place(captured: io.StringIO) -> None:
    try:
        _raise_from_signwatch()
    except (TypeError, AttributeError):
        logging.getLogger("scrapy.core.scraper").exception("Error processing %s", "{'url': 'http://x/1'}")
    (line,) = captured.getvalue().splitlines()
    head, told = line.split(" | ")
    assert head.endswith("ERROR scrapy.core.scraper: Error processing {'url': 'http://x/1'}")
    kind, _, where = told.partition(" (at ")
    assert kind.split(":")[0] in {"TypeError", "AttributeError"}
    assert where.startswith("monitor/text/") and where.endswith(")")


QUIET = [
    # (logger, level, kept?)
    ("alembic.runtime.plugins", logging.INFO, False),
    ("alembic.runtime.migration", logging.WARNING, True),
    ("apscheduler.executors.default", logging.WARNING, False),
    ("apprise", logging.INFO, False),
    ("scrapy.middleware", logging.INFO, False),  # quiet= of this setup
    ("scrapy.core.engine", logging.INFO, True),
    ("scrapy.core.engine", logging.DEBUG, False),  # below the level, even for a logger Scrapy sets to DEBUG
    ("signwatch.store", logging.INFO, True),
]


@pytest.mark.parametrize(("name", "level", "kept"), QUIET)
def test_libraries_are_held_to_what_matters(captured: io.StringIO, name: str, level: int, kept: bool) -> None:
    logger = logging.getLogger(name)
    saved = logger.level
    logger.setLevel(logging.DEBUG)  # what Scrapy does to its loggers: the handler still decides
    try:
        logger.log(level, "a line")
    finally:
        logger.setLevel(saved)
    assert bool(captured.getvalue()) is kept


def test_the_crawl_child_writes_the_same_format() -> None:
    settings = ScrapySettings()
    settings.setmodule("crawler.settings", priority="project")
    assert settings["LOG_FORMAT"] == FORMAT
    assert settings["LOG_DATEFORMAT"] == OneLineFormatter().datefmt
