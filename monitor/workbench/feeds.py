"""Atom feeds (RFC 4287) whose entries are events — clusters — not diffs of pages.

* ``/feeds/events.atom`` takes the Events page's filters in its query string
  (read by the same parser, so a bookmarked Events URL becomes a feed by
  changing its path) and lists the newest matching events.
* ``/feeds/subscriptions/<id>.atom`` lists the events a subscription was
  alerted to (its outbox), for an analyst who follows it in a feed reader
  rather than, or beside, a chat message.

An entry's id is the cluster's and never changes (``tag:`` URI of the
cluster's number and founding moment, so two installations' cluster 7 are
different entries); its ``updated`` is when the newest report of the event
was stored, so a reader shows the event again when a repost joins it.
Scraped text goes in as text nodes that lxml escapes; characters XML
cannot hold are dropped first; only http(s) addresses of the original
articles become links (a ``javascript:`` URL is never a link).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from monitor.events.model import STATUS_NAMES
from monitor.store.alert_models import OutboxRow, Subscription
from monitor.store.event_models import Cluster, EventRow
from monitor.store.models import Article
from monitor.workbench.event_query import (
    EVENT_KEYS,
    EventQuery,
    check_known_values,
    event_order,
    read_event_query,
    store_conditions,
)
from monitor.workbench.params import read_params
from monitor.workbench.rendering import format_money

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
ENTRIES = 50
# Matching reports read to find the newest ENTRIES events (several reports can share one event).
REPORTS_SCANNED = 400
# The Events page's filters; its paging, sorting and export keys mean nothing to a feed.
FEED_KEYS = tuple(
    key for key in EVENT_KEYS if key not in ("sort", "order", "page", "per_page", "after", "before", "format")
)
# An empty feed has changed never: a constant keeps its ETag stable between polls.
NEVER = datetime(2000, 1, 1, tzinfo=UTC)
# Characters XML 1.0 cannot carry (web text sometimes has them); lxml refuses them outright.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class FeedEntry:
    """One event as a feed entry: the cluster, its reports (first publisher first) and when it last changed."""

    cluster: Cluster
    reports: list[EventRow]
    updated: datetime

    @property
    def entry_id(self) -> str:
        """The entry's permanent id: the cluster's number and founding moment."""
        founded = _utc(self.cluster.first_seen).strftime("%Y%m%dT%H%M%S")
        return f"tag:signwatch,2021:cluster/{self.cluster.id}/{founded}"


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _stamp(moment: datetime) -> str:
    """RFC 3339 in UTC, as Atom's date constructs want."""
    return _utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def _clean(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


def _first_reported(event: EventRow) -> tuple[datetime, datetime, int]:
    article = event.article
    published = _utc(article.published_at) if article.published_at else datetime.max.replace(tzinfo=UTC)
    return (published, _utc(article.stored_at), article.id)


def cluster_entries(session: Session, cluster_ids: list[int]) -> list[FeedEntry]:
    """The entries of ``cluster_ids``, most recently changed first."""
    if not cluster_ids:
        return []
    clusters = {c.id: c for c in session.scalars(select(Cluster).where(Cluster.id.in_(cluster_ids)))}
    # An entry shows each report's title, address, times and source, never its text: the articles' raw and clean
    # texts (tens of kB each in real news) are not read.
    events = session.scalars(
        select(EventRow)
        .where(EventRow.cluster_id.in_(cluster_ids))
        .options(
            selectinload(EventRow.article)
            .defer(Article.raw_text)
            .defer(Article.clean_text)
            .selectinload(Article.source)
        )
    )
    reports: dict[int, list[EventRow]] = {}
    for event in events:
        assert event.cluster_id is not None
        reports.setdefault(event.cluster_id, []).append(event)
    entries = []
    for cluster_id, members in reports.items():
        members.sort(key=_first_reported)
        updated = max(_utc(m.article.stored_at) for m in members)
        entries.append(FeedEntry(clusters[cluster_id], members, updated))
    entries.sort(key=lambda entry: (entry.updated, entry.cluster.id), reverse=True)
    return entries


def matching_clusters(session: Session, query: EventQuery) -> list[int]:
    """The newest events (cluster ids) that have a report matching the Events page's ``query``."""
    # The Events page's own query, newest reports first; a feed reader wants what is new.
    # The Events page's filters and newest-first order; only the events' clusters are read (no count, no rows).
    check_known_values(session, query)
    newest = replace(query, sort="date", order="desc")
    statement = (
        select(EventRow.cluster_id)
        .where(*store_conditions(session, query))
        .order_by(*event_order(newest))
        .limit(REPORTS_SCANNED)
    )
    ids = dict.fromkeys(cluster_id for cluster_id in session.scalars(statement) if cluster_id is not None)
    return list(ids)[:ENTRIES]


def subscription_clusters(session: Session, subscription_id: int) -> list[int]:
    """The events the subscription was alerted to (its outbox rows), newest alert first."""
    newest = func.max(OutboxRow.id)
    statement = (
        select(OutboxRow.cluster_id)
        .where(OutboxRow.subscription_id == subscription_id, OutboxRow.cluster_id.is_not(None))
        .group_by(OutboxRow.cluster_id)
        .order_by(newest.desc())
        .limit(ENTRIES)
    )
    return [cluster_id for cluster_id in session.scalars(statement) if cluster_id is not None]


def _place(row: Cluster | EventRow) -> str:
    names = (row.province, row.city if row.city != row.province else None, row.county)
    return "".join(name for name in names if name)


def entry_title(entry: FeedEntry) -> str:
    """``上海市宝山区 集中签约 超500亿元: <first report's title>``."""
    cluster, first = entry.cluster, entry.reports[0]
    amount = format_money(cluster.investment_value, cluster.currency)
    qualifier = {"more_than": "超", "nearly": "近", "about": "约"}.get(cluster.qualifier or "", "")
    head = " ".join(part for part in (_place(cluster), cluster.kind, qualifier + amount if amount else "") if part)
    return f"{head}: {first.article.title}" if first.article.title else head


def _summary(entry: FeedEntry) -> str:
    first = entry.reports[0]
    names = {(r.article.source.name if r.article.source else r.article.news_source) for r in entry.reports}
    lines = [
        f"{STATUS_NAMES.get(first.status, first.status)} · {entry.cluster.date_text or '日期未知'}",
        first.evidence,
        f"{len(entry.reports)} 篇报道: {', '.join(sorted(name for name in names if name))}",
    ]
    if first.parties:
        lines.insert(2, "签约方: " + "、".join(first.parties))
    return "\n".join(lines)


def _is_web_address(url: str | None) -> bool:
    if not url:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _add(parent: Any, tag: str, text: str | None = None, **attributes: str) -> Any:
    element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _clean(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def atom_document(
    entries: list[FeedEntry], *, feed_id: str, title: str, self_url: str, page_url: str, base_url: str
) -> bytes:
    """The feed as Atom XML bytes (UTF-8, with its declaration)."""
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "zh-CN")
    _add(feed, "id", feed_id)
    _add(feed, "title", title)
    _add(feed, "updated", _stamp(max((e.updated for e in entries), default=NEVER)))
    _add(_add(feed, "author"), "name", "signwatch")
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=page_url)
    _add(feed, "generator", "signwatch")
    for entry in entries:
        item = _add(feed, "entry")
        _add(item, "id", entry.entry_id)
        _add(item, "title", entry_title(entry), type="text")
        _add(item, "updated", _stamp(entry.updated))
        _add(item, "published", _stamp(entry.cluster.first_seen))
        _add(item, "link", rel="alternate", type="text/html", href=f"{base_url}/events/{entry.cluster.id}")
        for report in entry.reports:
            if _is_web_address(report.article.url):
                _add(item, "link", rel="related", type="text/html", href=report.article.url or "")
        _add(item, "summary", _summary(entry), type="text")
        _add(item, "category", term=entry.cluster.kind)
        if entry.cluster.province:
            _add(item, "category", term=entry.cluster.province, label=_place(entry.cluster))
    return bytes(etree.tostring(feed, xml_declaration=True, encoding="utf-8"))


def _answer(request: Request, body: bytes) -> Response:
    """The feed, or 304 when the reader already has this version."""
    tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"etag": tag, "cache-control": "no-cache"}
    if tag in [value.strip() for value in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=MEDIA_TYPE, headers=headers)


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


async def events_feed(request: Request) -> Response:
    """GET /feeds/events.atom?<the Events page's filters>: the newest matching events."""
    params = read_params(request.scope["query_string"], FEED_KEYS)
    query = read_event_query(params)
    with request.app.state.database.session() as session:
        entries = cluster_entries(session, matching_clusters(session, query))
    filters = query.url_params()
    described = "、".join(f"{key}={value}" for key, value in sorted(params.items()))
    base = _base(request)
    body = atom_document(
        entries,
        feed_id=f"tag:signwatch,2021:feed/events?{filters}",
        title=f"signwatch 事件{' · ' + described if described else ''}",
        self_url=str(request.url),
        page_url=f"{base}/events" + (f"?{filters}" if filters else ""),
        base_url=base,
    )
    return _answer(request, body)


async def subscription_feed(request: Request) -> Response:
    """GET /feeds/subscriptions/<id>.atom: the events a subscription was alerted to."""
    read_params(request.scope["query_string"], ())
    subscription_id: int = request.path_params["subscription_id"]
    with request.app.state.database.session() as session:
        row = session.get(Subscription, subscription_id)
        if row is None:
            raise HTTPException(404, f"没有编号为 {subscription_id} 的订阅 (no subscription {subscription_id})")
        name = row.name
        entries = cluster_entries(session, subscription_clusters(session, subscription_id))
    base = _base(request)
    body = atom_document(
        entries,
        feed_id=f"tag:signwatch,2021:feed/subscription/{subscription_id}",
        title=f"signwatch 订阅 · {name}",
        self_url=str(request.url),
        page_url=f"{base}/subscriptions",
        base_url=base,
    )
    return _answer(request, body)


def routes() -> list[BaseRoute]:
    """The feeds' routes."""
    return [
        Route("/feeds/events.atom", events_feed, name="events_feed"),
        Route("/feeds/subscriptions/{subscription_id:int}.atom", subscription_feed, name="subscription_feed"),
    ]
