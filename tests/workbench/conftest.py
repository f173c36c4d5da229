"""A populated store for the workbench: seed articles, a repost, a hostile page and crawl runs, stored for real."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.config import Settings, load_settings
from monitor.events.extraction import extract
from monitor.records import FetchedPage, PageToStore
from monitor.store import CrawlRun, Database, Source
from monitor.text.clean import clean_html, clean_text
from monitor.workbench.app import create_app
from tests.conftest import seed_files
from tests.events.events_seedtext import seed_article

# A page whose every scraped field tries to run script in the workbench.
HOSTILE_TITLE = '=HYPERLINK("http://evil.invalid")<script>alert("title")</script>宝山区<img src=x onerror=alert(1)>签约'
HOSTILE_PAGE = f"""<!doctype html><html><head><meta charset="utf-8">
<title>{HOSTILE_TITLE.replace("<", "&lt;")}</title></head><body>
<h1>{HOSTILE_TITLE.replace("<", "&lt;")}</h1>
<div class="info">发布时间:2024-03-05 来源:&lt;script&gt;alert(2)&lt;/script&gt;</div>
<div class="content">
<p>2024年3月5日,上海市宝山区举行重点项目集中签约仪式,12个项目集中签约,总投资额超80亿元。
&lt;img src=x onerror=alert(3)&gt;</p>
<p>签约方包括=HYPERLINK("http://evil.invalid")公司等企业。&lt;a href="javascript:alert(4)"&gt;点此&lt;/a&gt;</p>
</div></body></html>"""
HOSTILE_URL = "javascript:alert(document.cookie)//http://127.0.0.1/hostile.html"

# A repost of seed 000's Baoshan signing, published later on another source.
BAOSHAN_REPOST = (
    "近日,在上海市宝山区举行的2021年重大产业项目集中签约仪式上,100个产业项目集中签约,"
    "总投资额超500亿元。其中重大产业项目31个,总投资突破300亿元。"
)


SEED_PUBLISHED = {"000": datetime(2021, 8, 26, 10, tzinfo=UTC)}


@dataclass(frozen=True)
class Workbench:
    """The populated store, its settings, and the app on them."""

    settings: Settings
    database: Database
    app: Starlette


def _page(url: str, body: bytes) -> FetchedPage:
    return FetchedPage(url=url, body=body, fetched_at=datetime.now(UTC))


def populate(database: Database, archive: Archive) -> None:
    """Store the five seeds (source mirror-seeds), a repost (mirror-repost), the hostile page, and crawl runs."""
    pages: list[PageToStore] = []
    for number, path in enumerate(seed_files()):
        text = path.read_text(encoding="utf-8")
        # As the store's tests read the seeds: dated by their dateline (seed 000 has none: the day it was published).
        article = seed_article(path.name[:3], published=SEED_PUBLISHED.get(path.name[:3]))
        pages.append(
            PageToStore(
                _page(f"http://127.0.0.1/seeds/{number}.html", text.encode()), article, "mirror-seeds", extract(article)
            )
        )
    repost = clean_text(f"宝山区百个项目集中签约\n发布时间:2021-08-30\n{BAOSHAN_REPOST}")
    pages.append(
        PageToStore(
            _page("http://127.0.0.1/repost/1.html", BAOSHAN_REPOST.encode()), repost, "mirror-repost", extract(repost)
        )
    )
    hostile = clean_html(HOSTILE_PAGE.encode("utf-8"), url="http://127.0.0.1/hostile.html")
    pages.append(
        PageToStore(_page(HOSTILE_URL, HOSTILE_PAGE.encode("utf-8")), hostile, "mirror-hostile", extract(hostile))
    )
    ingest_pages(database, archive, pages)
    now = datetime.now(UTC)
    with database.session() as session:
        sources = {s.name: s for s in session.scalars(select(Source))}
        for hours in (30, 20, 10):  # three failures in a row: a broken source
            session.add(
                CrawlRun(
                    source_id=sources["mirror-repost"].id,
                    started_at=now - timedelta(hours=hours),
                    finished_at=now - timedelta(hours=hours),
                    status="failed",
                    error_text="HTTP 503 from 127.0.0.1 <b>bold</b>",
                )
            )
        session.add(
            CrawlRun(
                source_id=sources["mirror-seeds"].id,
                started_at=now - timedelta(hours=2),
                finished_at=now - timedelta(hours=2),
                status="ok",
                pages=5,
                new_articles=5,
                listing_links=5,
            )
        )


def write_config(directory: Path, database_url: str, extra: str = "") -> Settings:
    """A config naming the three sources and the database."""
    config = directory / "signwatch.toml"
    sources = "".join(
        f'[[sources]]\nname = "{name}"\ntype = "generic"\nstart_urls = ["http://127.0.0.1:9/{name}/"]\n\n'
        for name in ("mirror-seeds", "mirror-repost", "mirror-hostile")
    )
    config.write_text(
        f'data_dir = "{directory / "data"}"\n[database]\nurl = "{database_url}"\n{extra}\n{sources}', encoding="utf-8"
    )
    return load_settings(config)


@pytest.fixture(scope="module")
def workbench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workbench]:
    """A workbench (no login) on a SQLite store populated once for the module."""
    directory = tmp_path_factory.mktemp("workbench")
    database = Database(f"sqlite:///{directory / 'signwatch.db'}")
    database.upgrade()
    populate(database, Archive(directory / "archive"))
    settings = write_config(directory, f"sqlite:///{directory / 'signwatch.db'}")
    yield Workbench(settings, database, create_app(settings, database))
    database.dispose()


@pytest.fixture
def client(workbench: Workbench) -> Iterator[TestClient]:
    """A test client of the module's workbench."""
    with TestClient(workbench.app, base_url="http://127.0.0.1") as test_client:
        yield test_client
