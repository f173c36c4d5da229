"""Atom feeds of events: valid by RFC 4287's rules, filtered as the Events page is, ids stable, updated on reposts.

feedparser is not in the lock, so the feeds are read by lxml (a strict XML
parser) and checked against the structure RFC 4287 requires of a feed and
its entries (``check_atom``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from sqlalchemy import select
from starlette.testclient import TestClient

from monitor.alerts.policy import AlertPolicy
from monitor.alerts.subscriptions import SubscriptionSpec, add_subscription
from monitor.archive.files import Archive
from monitor.store import Article, Database
from monitor.workbench import feeds
from tests.workbench.analyst_store import (
    JAVASCRIPT_TITLE,
    ONERROR_TITLE,
    SCRIPT_TITLE,
    SIGNINGS,
    SOURCES,
    Signing,
    app_with,
    populate,
    settings_with_sources,
    store,
)

A = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, as RFC 4287 section 3.3 requires.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
# An absolute IRI: a scheme, a colon, then no spaces (RFC 3987's shape, loosely).
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
# Every report of the 2025 signings is news on this day (so subscriptions are alerted).
JULY_2025 = AlertPolicy(max_event_age_days=365, now=datetime(2025, 7, 1, tzinfo=UTC))
HOSTILE_NAME = '江苏<script>alert("s")</script>'
EVENTS_PAGE_KEYS = ("place", "kind", "status", "party", "amount_kind", "min_amount", "from", "to", "source", "q")


@dataclass(frozen=True)
class Entry:
    """What a test reads of an Atom entry."""

    id: str
    title: str
    updated: str
    alternate: str
    related: list[str]
    summary: str


def _one(parent: Any, tag: str, where: str) -> Any:
    found = parent.findall(f"{A}{tag}")
    assert len(found) == 1, f"{where} must have exactly one atom:{tag}, has {len(found)}"
    return found[0]


def _at_most_one(parent: Any, tag: str, where: str) -> None:
    assert len(parent.findall(f"{A}{tag}")) <= 1, f"{where} has more than one atom:{tag}"


def _date(element: Any) -> None:
    assert RFC3339.match(element.text or ""), f"not an RFC 3339 date: {element.text!r}"
    datetime.fromisoformat((element.text or "").replace("Z", "+00:00"))


def _links(parent: Any, where: str) -> None:
    seen = set()
    for link in parent.findall(f"{A}link"):
        assert link.get("href"), f"{where}: atom:link without href"
        rel = link.get("rel", "alternate")
        if rel == "alternate":
            key = (link.get("type"), link.get("hreflang"))
            assert key not in seen, f"{where}: two alternate links of one type and language"
            seen.add(key)


def _text_construct(element: Any) -> None:
    assert element.get("type", "text") in ("text", "html", "xhtml")
    assert not len(element), "a text construct of type text has no child elements"


def check_atom(body: bytes) -> list[Entry]:
    """The entries of ``body`` after checking it is an Atom feed as RFC 4287 (section 4.1) requires."""
    feed = etree.fromstring(body)  # strict: malformed XML raises
    assert feed.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        _one(feed, tag, "atom:feed")
    for tag in ("generator", "icon", "logo", "rights", "subtitle"):
        _at_most_one(feed, tag, "atom:feed")
    assert ABSOLUTE_IRI.match(feed.findtext(f"{A}id") or "")
    _date(feed.find(f"{A}updated"))
    _text_construct(feed.find(f"{A}title"))
    _links(feed, "atom:feed")
    assert any(link.get("rel") == "self" for link in feed.findall(f"{A}link")), "a feed SHOULD link to itself"
    feed_has_author = bool(feed.findall(f"{A}author"))
    for author in feed.iter(f"{A}author"):
        _one(author, "name", "atom:author")
    entries = []
    for entry in feed.findall(f"{A}entry"):
        for tag in ("id", "title", "updated"):
            _one(entry, tag, "atom:entry")
        for tag in ("content", "published", "rights", "source", "summary"):
            _at_most_one(entry, tag, "atom:entry")
        assert feed_has_author or entry.findall(f"{A}author"), "an entry needs an author, its own or the feed's"
        # Without atom:content an entry must have an alternate link (section 4.1.2).
        assert entry.find(f"{A}content") is not None or any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{A}link")
        )
        assert ABSOLUTE_IRI.match(entry.findtext(f"{A}id") or "")
        for tag in ("updated", "published"):
            if entry.find(f"{A}{tag}") is not None:
                _date(entry.find(f"{A}{tag}"))
        _text_construct(entry.find(f"{A}title"))
        _links(entry, "atom:entry")
        assert all(category.get("term") for category in entry.findall(f"{A}category"))
        links = entry.findall(f"{A}link")
        entries.append(
            Entry(
                id=entry.findtext(f"{A}id") or "",
                title=entry.findtext(f"{A}title") or "",
                updated=entry.findtext(f"{A}updated") or "",
                alternate=next(link.get("href") for link in links if link.get("rel") == "alternate"),
                related=[link.get("href") for link in links if link.get("rel") == "related"],
                summary=entry.findtext(f"{A}summary") or "",
            )
        )
    ids = [entry.id for entry in entries]
    assert len(ids) == len(set(ids)), "two entries share an id"
    # Nothing scraped became markup: no element outside Atom's namespace.
    assert all(element.tag.startswith(A) for element in feed.iter())
    return entries


@dataclass(frozen=True)
class Feeds:
    """A client of the workbench with the feeds, and the store behind it."""

    client: TestClient
    db: Database
    archive: Archive


@pytest.fixture
def feeds_app(db: Database, tmp_path: Path) -> Iterator[Feeds]:
    """The feeds on the analyst store."""
    archive = Archive(tmp_path / "archive")
    populate(db, archive)
    app = app_with(settings_with_sources(*SOURCES), db)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield Feeds(client, db, archive)


def feed(client: TestClient, path: str = "/feeds/events.atom", **params: str) -> list[Entry]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    return check_atom(response.content)


def places(entries: list[Entry]) -> list[str]:
    """Each entry's place, as its title begins."""
    return [entry.title.split(" ")[0] for entry in entries]


def test_entries_are_events_one_per_cluster(feeds_app: Feeds) -> None:
    entries = feed(feeds_app.client)
    assert len(entries) == len(SIGNINGS) - 1  # the Baoshan repost is a second report of one event
    baoshan = next(e for e in entries if e.title.startswith("上海市宝山区 集中签约 120亿元"))
    assert baoshan.title == "上海市宝山区 集中签约 120亿元: 宝山区重点项目集中签约"  # the first report's title
    assert sorted(baoshan.related) == ["http://127.0.0.1/a/1", "http://127.0.0.1/b/1"]
    assert "2 篇报道: mirror-a, mirror-b" in baoshan.summary
    assert baoshan.alternate.startswith("http://127.0.0.1/events/")
    assert feeds_app.client.get(baoshan.alternate.removeprefix("http://127.0.0.1")).status_code == 200


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"place": "江苏省"}, ["江苏省苏州市昆山市"]),
        ({"place": "上海市", "from": "2025-01-01"}, ["上海市嘉定区", "上海市宝山区", "上海市金山区"]),
        ({"min_amount": "100亿"}, ["上海市宝山区"]),
        ({"to": "2024-01-31"}, ["浙江省杭州市", "上海市宝山区"]),
        ({"q": "嘉定"}, ["上海市嘉定区"]),
        # A filter matching only the repost still brings the whole event, both reports.
        ({"source": "mirror-b"}, ["上海市宝山区"]),
        ({"place": "北京市"}, []),
    ],
)
def test_the_events_pages_filters_choose_the_entries(
    feeds_app: Feeds, params: dict[str, str], expected: list[str]
) -> None:
    assert sorted(places(feed(feeds_app.client, **params))) == sorted(expected)


def test_every_events_page_filter_is_taken() -> None:
    assert set(feeds.FEED_KEYS) == set(EVENTS_PAGE_KEYS)


def test_an_empty_feed_is_valid_and_keeps_its_date(feeds_app: Feeds) -> None:
    response = feeds_app.client.get("/feeds/events.atom", params={"place": "北京市"})
    assert check_atom(response.content) == []
    assert etree.fromstring(response.content).findtext(f"{A}updated") == "2000-01-01T00:00:00Z"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "bogus"}, "unknown status"),
        ({"kind": "不存在的类型"}, "unknown kind"),
        ({"place": "<script>alert(1)</script>"}, "unknown place"),
        ({"from": "2025-02-30"}, "cannot read date"),
        ({"sort": "amount"}, "unknown parameter"),
        ({"format": "json"}, "unknown parameter"),
        ({"min_amount": "javascript:alert(1)"}, "cannot read amount"),
    ],
)
def test_bad_filters_are_a_400(feeds_app: Feeds, params: dict[str, str], message: str) -> None:
    response = feeds_app.client.get("/feeds/events.atom", params=params)
    assert response.status_code == 400
    assert message in response.text and "<script>alert" not in response.text


def test_ids_stay_and_updated_moves_when_a_repost_joins(feeds_app: Feeds) -> None:
    client = feeds_app.client
    with feeds_app.db.session() as session:  # the stored reports are an hour old when the repost comes
        for article in session.scalars(select(Article)):
            article.stored_at -= timedelta(hours=1)
    before = {e.id: e for e in feed(client)}
    first = client.get("/feeds/events.atom")
    assert client.get("/feeds/events.atom", headers={"if-none-match": first.headers["etag"]}).status_code == 304
    jinshan = next(e for e in before.values() if e.title.startswith("上海市金山区"))
    repost = Signing("上海市金山区", date(2025, 3, 20), "8000万元", "金山区签约(转载)", "mirror-b")
    assert store(feeds_app.db, feeds_app.archive, repost, "http://127.0.0.1/b/2").outcome == "new"
    after = feed(client)
    assert set(before) == {e.id for e in after}  # the same events, the same ids
    assert after[0].id == jinshan.id and after[0].updated > jinshan.updated  # moved up: it changed
    assert len(after[0].related) == 2
    assert {e.id: e.updated for e in after[1:]} == {i: e.updated for i, e in before.items() if i != jinshan.id}
    again = client.get("/feeds/events.atom", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 200 and again.headers["etag"] != first.headers["etag"]


def test_hostile_titles_are_text_and_javascript_urls_are_never_links(feeds_app: Feeds) -> None:
    hostile = Signing("上海市青浦区", date(2025, 5, 6), "2亿元", "青浦\x0b签约\x1f<b>粗</b>", "mirror-a")
    store(feeds_app.db, feeds_app.archive, hostile, "javascript:alert(document.cookie)//http://127.0.0.1/x")
    response = feeds_app.client.get("/feeds/events.atom")
    entries = check_atom(response.content)
    titles = {e.title.split(": ", 1)[1] for e in entries}
    assert {SCRIPT_TITLE, ONERROR_TITLE, JAVASCRIPT_TITLE, "青浦签约<b>粗</b>"} <= titles
    assert b"<script>" not in response.content and b"<img " not in response.content
    qingpu = next(e for e in entries if e.title.startswith("上海市青浦区"))
    assert qingpu.related == []
    assert all(href.startswith("http") for e in entries for href in [e.alternate, *e.related])


def test_a_subscription_feed_lists_the_events_it_was_alerted_to(feeds_app: Feeds) -> None:
    with feeds_app.db.session() as session:
        row = add_subscription(
            session,
            SubscriptionSpec(
                name='江苏<script>alert("s")</script>', target="json://127.0.0.1:9/hook", places=("江苏省",)
            ),
        )
        session.flush()
        subscription_id = row.id
    path = f"/feeds/subscriptions/{subscription_id}.atom"
    assert feed(feeds_app.client, path) == []  # nothing alerted yet: the stored events came before it
    for county, day in (("江苏省南京市江宁区", date(2025, 6, 20)), ("上海市松江区", date(2025, 6, 21))):
        signing = Signing(county, day, "30亿元", f"{county}签约", "mirror-a")
        store(feeds_app.db, feeds_app.archive, signing, f"http://127.0.0.1/a/{county}", policy=JULY_2025)
    response = feeds_app.client.get(path)
    entries = check_atom(response.content)
    assert places(entries) == ["江苏省南京市江宁区"]
    title = etree.fromstring(response.content).findtext(f"{A}title")
    assert title == f"signwatch 订阅 · {HOSTILE_NAME}"
    assert b"<script>" not in response.content
    assert b"json://" not in response.content  # the subscription's target is never shown


@pytest.mark.parametrize(
    ("path", "status"), [("/feeds/subscriptions/999.atom", 404), ("/feeds/subscriptions/x.atom", 404)]
)
def test_unknown_subscriptions_are_a_404(feeds_app: Feeds, path: str, status: int) -> None:
    assert feeds_app.client.get(path).status_code == status
