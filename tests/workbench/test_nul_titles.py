"""A scraped title or text carrying NUL (\\x00): stored without it on both backends, every page still shows.

PostgreSQL's text cannot hold NUL at all (psycopg refuses the string), so a
page whose title carries one must not fail the storing transaction, and
the workbench must show what was stored.  The character is dropped at store
time (``monitor.archive.storing``); SQLite gets the same text, so both
backends agree.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from monitor.archive.files import Archive
from monitor.store import Article, Database
from monitor.store.event_models import EventRow
from tests.workbench.analyst_store import Signing, app_with, settings_with_sources, store

# (title as scraped, title as stored): NUL anywhere, alone or among other control characters.
CASES = [
    ("宝山\x00区集中签约", "宝山区集中签约"),
    ("\x00\x00金山签约", "金山签约"),
    ("嘉定签约\x00", "嘉定签约"),
    ("浦东\x00\x01签约", "浦东\x01签约"),  # only NUL is what PostgreSQL refuses; others stay for the escaping to handle
]


@pytest.mark.parametrize(("scraped", "stored"), CASES)
def test_a_title_with_nul_is_stored_without_it(db: Database, tmp_path: Path, scraped: str, stored: str) -> None:
    signing = Signing("上海市宝山区", date(2026, 5, 10), "120亿元", scraped)
    result = store(db, Archive(tmp_path / "archive"), signing, "http://127.0.0.1/nul.html")
    with db.session() as session:
        article = session.scalars(select(Article)).one()
        assert article.id == result.article_id
        assert article.title == stored
        assert "\x00" not in (article.clean_text or "")
        assert session.scalars(select(EventRow)).first() is not None


def test_pages_show_a_title_stored_from_one_with_nul(db: Database, tmp_path: Path) -> None:
    signing = Signing("上海市宝山区", date(2026, 5, 10), "120亿元", "宝山\x00区集中签约", source="mirror-nul")
    store(db, Archive(tmp_path / "archive"), signing, "http://127.0.0.1/nul.html")
    with db.session() as session:
        article_id = session.scalars(select(Article.id)).one()
        cluster_id = session.scalars(select(EventRow.cluster_id)).one()
    app = app_with(settings_with_sources("mirror-nul"), db)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for path in (
            "/events",
            f"/events/{cluster_id}",
            f"/articles/{article_id}",
            "/overview?end=2026-05&months=2",
            "/feeds/events.atom",
            "/search?q=集中签约",
            "/api/v1/events?format=json",
        ):
            reply = client.get(path)
            assert reply.status_code == 200, path
            assert "宝山区集中签约" in reply.text, path
            assert "\x00" not in reply.text, path
