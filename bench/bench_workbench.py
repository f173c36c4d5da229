"""Workbench latency on a generated store: p95 of the Events page (each filter), an Event, the Overview, feeds.

    .venv/bin/python bench/bench_workbench.py [--articles 1000000] [--events 300000]
        [--backend sqlite|postgres|both] [--postgres-url URL] [--requests 50]
        [--before REV] [--quick]

Generates a store of ``--articles`` articles (about 400 characters of
招商 news each, over 40 sources, 2016-2026) and ``--events`` signing events
(one cluster per event, one in eight a repost joining an earlier cluster),
with places, kinds, statuses, amount kinds and amounts drawn from skewed
distributions (a few districts and the 亿元 band dominate, as in the real
news), figures and the search index (``monitor.store.search_index``).  The
schema is migrated to head first; its secondary indexes are dropped while
the rows go in by bulk inserts (``executemany`` on SQLite, ``COPY`` on
PostgreSQL) and made again after, so the indexes measured are the
migrations' own.  The SQLite store is kept under the system's temporary
directory, named by its size and generator version, and reused by the next
run (migrated to head again); PostgreSQL's is built in a schema of its own,
dropped at the end.

Each page is requested ``--requests`` times (varied filters, clusters and
queries, after one warm-up request) through Starlette's TestClient in a
child process, so that with ``--before REV`` the same store is measured by
the workbench of commit REV (its ``monitor`` package, extracted) and by
this tree, one after the other in one run.  p95 and median in ms are
printed per page, with the target of 100 ms.  ``--quick``: 20,000
articles and 10 requests, under a minute once its stores are built (the
SQLite file and, like it, the PostgreSQL schema ``bench_quick_<generator>``
are kept and reused; the first run builds both from one generation).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from starlette.routing import BaseRoute
from starlette.testclient import TestClient

# The code measured: this tree, or (in a child run with --code DIR) an earlier commit's extracted package.
sys.path.insert(0, sys.argv[sys.argv.index("--code") + 1] if "--code" in sys.argv else str(Path(__file__).parents[1]))

from monitor.config import Settings
from monitor.projects.normalise import organisation
from monitor.store import Database
from monitor.store.search_index import FTS_TABLE, document_terms
from monitor.workbench.app import create_app

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 100.0
# (province, city, district): a few places carry most of the news, as in the real sources.
PLACES = [
    ("上海市", "上海市", "宝山区"),
    ("上海市", "上海市", "金山区"),
    ("上海市", "上海市", "嘉定区"),
    ("上海市", "上海市", "浦东新区"),
    ("江苏省", "苏州市", "昆山市"),
    ("江苏省", "苏州市", "工业园区"),
    ("江苏省", "南京市", "江宁区"),
    ("浙江省", "杭州市", "萧山区"),
    ("浙江省", "宁波市", "北仑区"),
    ("广东省", "深圳市", "南山区"),
    ("广东省", "广州市", "黄埔区"),
    ("山东省", "青岛市", "黄岛区"),
    ("四川省", "成都市", "高新区"),
    ("湖北省", "武汉市", "东湖新技术开发区"),
    ("安徽省", "合肥市", "蜀山区"),
    ("河南省", "郑州市", "金水区"),
]
PLACE_WEIGHTS = [30, 12, 10, 9, 8, 6, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
INDUSTRIES = ["集成电路", "新能源汽车", "生物医药", "人工智能", "5G通信", "新材料", "高端装备", "数字经济", "现代物流"]
KINDS = ["signing", "signing", "signing", "groundbreaking", "production"]
PARTIES = ["中国电子科技集团", "宁德时代", "比亚迪", "华为技术有限公司", "上海电气", "中芯国际", "国家电投"]
FILLER = (
    "会上,区领导介绍了营商环境和产业政策,表示将为企业提供全生命周期服务。"
    "与会企业代表表示,将加快项目建设进度,争取早开工、早投产、早见效。"
    "近年来,该区坚持招商引资“一号工程”,聚焦主导产业链精准招商,优化园区载体布局。"
)


def _amount(rng: random.Random) -> tuple[float, str]:
    """An investment in yuan and how the news writes it (most between 1亿 and 100亿)."""
    value = round(10 ** rng.triangular(7.5, 11.5, 9.3), -6)
    words = f"{value / 1e8:g}亿元" if value >= 1e8 else f"{value / 1e4:g}万元"
    return value, words


def _day(rng: random.Random) -> date:
    # Newer news is denser: sources publish more, and signwatch keeps everything.
    return date(2026, 11, 30) - timedelta(days=int(abs(rng.gauss(0, 700))) % 3800)


def _article(rng: random.Random, number: int) -> dict[str, Any]:
    place = rng.choices(PLACES, PLACE_WEIGHTS)[0]
    industry = rng.choice(INDUSTRIES)
    value, words = _amount(rng)
    day = _day(rng)
    count = rng.randint(2, 60)
    title = f"{place[2]}{industry}项目集中签约 总投资{words}"
    body = (
        f"{day.month}月{day.day}日,{place[0] if place[0] != place[1] else ''}{place[1]}{place[2]}举行{industry}"
        f"重点项目集中签约仪式,{count}个项目集中签约,总投资{words}。签约项目涵盖{industry}、"
        f"{rng.choice(INDUSTRIES)}等领域,{rng.choice(PARTIES)}等企业参加。{FILLER[: rng.randint(60, len(FILLER))]}"
    )
    digest = hashlib.blake2b(f"{number}".encode(), digest_size=8).hexdigest()
    return {
        "id": number,
        "content_hash": digest,
        "file_hash": digest,
        "text_hash": digest,
        "archive_name": f"{number:07d}_{digest}.txt",
        "sequence": number,
        "url": f"http://127.0.0.1/{number % 40}/{number}.html",
        "title": title,
        "published_at": datetime(day.year, day.month, day.day, 4, tzinfo=UTC),
        "stored_at": datetime(day.year, day.month, day.day, 5, tzinfo=UTC),
        "analysed_at": datetime(day.year, day.month, day.day, 5, tzinfo=UTC),
        "raw_text": body,
        "clean_text": body,
        "script": "simplified",
        "source_id": number % 40 + 1,
        "_place": place,
        "_value": value,
        "_words": words,
        "_day": day,
        "_count": count,
        "_industry": industry,
    }


ARTICLE_COLUMNS = [
    "id",
    "content_hash",
    "file_hash",
    "text_hash",
    "archive_name",
    "sequence",
    "url",
    "title",
    "published_at",
    "stored_at",
    "analysed_at",
    "raw_text",
    "clean_text",
    "script",
    "source_id",
]
CLUSTER_COLUMNS = [
    "id",
    "key",
    "first_seen",
    "kind",
    "province",
    "city",
    "county",
    "date_text",
    "window_from",
    "window_to",
    "projects",
    "figure_values",
    "investment_value",
    "investment_max",
    "qualifier",
    "currency",
]
EVENT_COLUMNS = [
    "id",
    "article_id",
    "cluster_id",
    "position",
    "kind",
    "status",
    "province",
    "city",
    "county",
    "date_text",
    "date_from",
    "date_to",
    "reported_on",
    "parties",
    "projects",
    "parts",
    "investment_value",
    "investment_max",
    "qualifier",
    "currency",
    "evidence",
    "created_at",
    "amount_kind",
    "industry",
    "source_id",  # the article's, as the filing step copies it (migration 0016)
]
FIGURE_COLUMNS = [
    "id",
    "article_id",
    "event_id",
    "text",
    "value",
    "maximum",
    "currency",
    "qualifier",
    "investment",
    "projects",
    "evidence",
]


def _generate(articles: int, events: int, seed: int = 17) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """Batches of rows: articles, their search terms, clusters, events and figures."""
    rng = random.Random(seed)
    every = max(1, articles // max(1, events))  # one event in every n articles
    cluster_id = event_id = 0
    recent: list[tuple[int, dict[str, Any]]] = []
    batch: dict[str, list[dict[str, Any]]] = {
        "articles": [],
        "search": [],
        "event_search": [],
        "clusters": [],
        "events": [],
        "figures": [],
        "parties": [],
    }
    for number in range(1, articles + 1):
        row = _article(rng, number)
        batch["articles"].append({key: row[key] for key in ARTICLE_COLUMNS})
        batch["search"].append({"id": number, "terms": " ".join(document_terms(row["title"], row["clean_text"]))})
        if number % every == 0 and event_id < events:
            event_id += 1
            province, city, county = row["_place"]
            day = row["_day"]
            if recent and rng.random() < 0.125:  # a repost: joins an earlier cluster
                joined, founder = rng.choice(recent)
                province, city, county = founder["_place"]
                day = founder["_day"]
            else:
                cluster_id += 1
                joined = cluster_id
                recent = ([*recent, (cluster_id, row)])[-200:]
                batch["clusters"].append(
                    {
                        "id": cluster_id,
                        "key": f"signing|{province}|{city}|{county}|{day.isoformat()}",
                        "first_seen": row["stored_at"],
                        "kind": KINDS[cluster_id % len(KINDS)],
                        "province": province,
                        "city": city,
                        "county": county,
                        "date_text": day.isoformat(),
                        "window_from": day,
                        "window_to": day,
                        "projects": row["_count"],
                        "figure_values": "[{}]".format(row["_value"]),
                        "investment_value": row["_value"],
                        "investment_max": None,
                        "qualifier": "exact",
                        "currency": "CNY",
                    }
                )
            evidence = row["clean_text"][: row["clean_text"].index("。") + 1]
            party = rng.choice(PARTIES)
            # the event's own terms, as the filing step writes them (monitor.store.search_index.index_events)
            batch["event_search"].append({"id": event_id, "terms": " ".join(document_terms(row["title"], evidence))})
            # as the filing step keeps them: the party's matching form beside its name (the party filter reads it)
            batch["parties"].append(
                {
                    "id": event_id,
                    "event_id": event_id,
                    "name": party,
                    "normalised": organisation(party),
                    "role": "investor",
                }
            )
            batch["events"].append(
                {
                    "id": event_id,
                    "article_id": number,
                    "cluster_id": joined,
                    "position": 0,
                    "kind": KINDS[joined % len(KINDS)],
                    "status": "planned" if rng.random() < 0.1 else "done",
                    "province": province,
                    "city": city,
                    "county": county,
                    "date_text": day.isoformat(),
                    "date_from": day,
                    "date_to": day,
                    "reported_on": day,
                    "parties": f'["{party}"]',
                    "projects": row["_count"],
                    "parts": "[]",
                    "investment_value": row["_value"],
                    "investment_max": None,
                    "qualifier": "exact",
                    "currency": "CNY",
                    "evidence": evidence,
                    "created_at": row["stored_at"],
                    "amount_kind": "agreed" if rng.random() < 0.8 else "planned",
                    "industry": row["_industry"],
                    "source_id": row["source_id"],
                }
            )
            batch["figures"].append(
                {
                    "id": event_id,
                    "article_id": number,
                    "event_id": event_id,
                    "text": row["_words"],
                    "value": row["_value"],
                    "maximum": None,
                    "currency": "CNY",
                    "qualifier": "exact",
                    "investment": True,
                    "projects": row["_count"],
                    "evidence": evidence,
                }
            )
        if number % 5000 == 0 or number == articles:
            yield batch
            batch = {key: [] for key in batch}


# Stores up to this size keep their generated rows in memory, so --backend both loads one generation twice.
KEPT_ROWS = 100_000
_kept_batches: dict[tuple[int, int], list[dict[str, list[dict[str, Any]]]]] = {}


def _batches(articles: int, events: int) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """``_generate``'s batches; a small store's (--quick) generated once for both backends (the same rows)."""
    if articles > KEPT_ROWS:
        return _generate(articles, events)
    if (articles, events) not in _kept_batches:
        _kept_batches[articles, events] = list(_generate(articles, events))
    return iter(_kept_batches[articles, events])


def _sources() -> list[dict[str, Any]]:
    created = datetime(2016, 1, 1, tzinfo=UTC)
    return [{"id": n, "name": f"source-{n:02d}", "site_type": "generic", "created_at": created} for n in range(1, 41)]


BULK_TABLES = ("articles", "clusters", "events", "figures", "event_parties")
PARTY_COLUMNS = ["id", "event_id", "name", "normalised", "role"]


def _fill_sqlite(db: Database, articles: int, events: int) -> None:
    # here, not at the top: the measuring child imports this script with an earlier tree's monitor package
    from monitor.store.search_index import EVENT_FTS_TABLE

    _drop_overview_triggers(db)
    raw = db.engine.raw_connection()
    cursor = raw.cursor()
    cursor.execute("PRAGMA synchronous = OFF")
    marks = ", ".join("?" for _ in BULK_TABLES)
    # Secondary indexes are dropped during the load and made again after it: one sort each, not 1,000,000 inserts.
    indexes = cursor.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
        BULK_TABLES,
    ).fetchall()
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')

    def insert(table: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
        if rows:
            places = ", ".join(f":{c}" for c in columns)
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({places})", [_sqlite(r) for r in rows]
            )

    cursor.execute("BEGIN")
    insert("sources", ["id", "name", "site_type", "created_at"], _sources())
    for batch in _batches(articles, events):
        insert("articles", ARTICLE_COLUMNS, batch["articles"])
        cursor.executemany(f"INSERT INTO {FTS_TABLE}(rowid, terms) VALUES (:id, :terms)", batch["search"])
        cursor.executemany("INSERT INTO article_search (article_id) VALUES (:id)", batch["search"])
        cursor.executemany(f"INSERT INTO {EVENT_FTS_TABLE}(rowid, terms) VALUES (:id, :terms)", batch["event_search"])
        insert("clusters", CLUSTER_COLUMNS, batch["clusters"])
        insert("events", EVENT_COLUMNS, batch["events"])
        insert("figures", FIGURE_COLUMNS, batch["figures"])
        insert("event_parties", PARTY_COLUMNS, batch["parties"])
    for _, sql in indexes:
        cursor.execute(sql)
    cursor.execute("COMMIT")
    _refill_overview(db)  # before ANALYZE, which then counts its tables too
    cursor.execute("ANALYZE")
    raw.close()


def _drop_overview_triggers(db: Database) -> None:
    """Drop the Overview's summary triggers (migration 0012) before the bulk load.

    They resync a cluster's summary per event inserted (four statements a
    row); one sum over the loaded events after the load is cheaper.  ``_refill_overview`` sums the
    tables from the loaded events and makes the triggers again, as the
    migration does, so the store measured is the one the migrations make.
    """
    try:
        from monitor.store.overview_cells import drop_triggers
    except ImportError:  # a tree before the summary tables
        return
    with db.engine.begin() as connection:
        drop_triggers(connection)


def _refill_overview(db: Database) -> None:
    """Fill the Overview's summary tables from the loaded events and make their triggers again."""
    try:
        from monitor.store.overview_cells import create_triggers, refill
    except ImportError:
        return
    with db.engine.begin() as connection:
        refill(connection)
        create_triggers(connection)


def _sqlite(row: dict[str, Any]) -> dict[str, Any]:
    # As UTCDateTime stores them on SQLite: naive UTC text.
    return {
        key: value.replace(tzinfo=None).isoformat(" ") if isinstance(value, datetime) else value
        for key, value in row.items()
    }


def _fill_postgres(db: Database, articles: int, events: int) -> None:
    _drop_overview_triggers(db)
    raw = db.engine.raw_connection()
    connection = raw.driver_connection
    assert connection is not None
    # Indexes that back no constraint are dropped during the load and made again after it.
    indexes = connection.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema()"
        " AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
        [[*BULK_TABLES, "article_search", "event_search"]],
    ).fetchall()
    for name, _ in indexes:
        connection.execute(f'DROP INDEX "{name}"')

    def copy(table: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        with connection.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as out:
            for row in rows:
                out.write_row([row[c] for c in columns])

    copy("sources", ["id", "name", "site_type", "created_at"], _sources())
    for batch in _batches(articles, events):
        copy("articles", ARTICLE_COLUMNS, batch["articles"])
        # COPY reads a tsvector from its text form: the term string is exactly that.
        copy(
            "article_search",
            ["article_id", "terms"],
            [{"article_id": r["id"], "terms": r["terms"]} for r in batch["search"]],
        )
        copy("clusters", CLUSTER_COLUMNS, batch["clusters"])
        copy("events", EVENT_COLUMNS, batch["events"])
        copy("figures", FIGURE_COLUMNS, batch["figures"])
        copy("event_parties", PARTY_COLUMNS, batch["parties"])
        copy(
            "event_search",
            ["event_id", "terms"],
            [{"event_id": r["id"], "terms": r["terms"]} for r in batch["event_search"]],
        )
    for table in ("sources", "articles", "clusters", "events", "figures", "event_parties"):
        connection.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    connection.execute("SET maintenance_work_mem = '256MB'")
    for _, sql in indexes:
        connection.execute(sql)
    connection.commit()
    _refill_overview(db)
    connection.autocommit = True
    # This schema's tables only: a bare VACUUM ANALYZE visits every schema of the database and waits for the
    # locks of any other build or test there (a --quick run waited minutes on another engineer's load).
    tables = connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall()
    for (table,) in tables:
        connection.execute(f'VACUUM ANALYZE "{table}"')
    raw.close()


def _extra_routes() -> list[BaseRoute]:
    """The pages other modules add to the app (search, overview, feeds), those the measured tree lacks in app.py."""
    routes: list[BaseRoute] = []
    for name in ("search", "overview", "feeds"):
        try:
            module = __import__(f"monitor.workbench.{name}", fromlist=["routes"])
        except ImportError:
            continue
        routes += module.routes()
    return routes


PLACES_ASKED = ["上海市", "宝山区", "苏州市", "江苏省", "南山区", "浙江省", "蜀山区", "金水区"]
YEARS = [f"from={y}-01-01&to={y}-12-31" for y in range(2017, 2027)]


def _requests(clusters: int, rng: random.Random) -> dict[str, Callable[[], str]]:
    """Each page measured, as a maker of its next URL (varied filters, clusters and queries)."""
    words = ["签约", "园区", "集成电路", "5G通信", "宝山区 签约", "生物医药 合肥", "100亿元"]
    texts = ["集成电路", "生物医药", "宁德时代", "新能源汽车", "园区载体"]

    def pick(values: list[str]) -> str:
        return rng.choice(values)

    return {
        "events (no filter)": lambda: "/events",
        "events (page 50)": lambda: "/events?page=50",
        "events (page 1000)": lambda: "/events?page=1000",
        # A deep page by keyset cursor: after a random (date, id) of the list, as a next link names it.
        "events (after cursor)": lambda: f"/events?after={_cursor_after(rng)}",
        "events (place, after cursor)": lambda: f"/events?place={pick(PLACES_ASKED)}&after={_cursor_after(rng)}",
        "events (place)": lambda: f"/events?place={pick(PLACES_ASKED)}",
        "events (kind)": lambda: f"/events?kind={pick(['signing', 'groundbreaking', 'production'])}",
        "events (status)": lambda: f"/events?status={pick(['done', 'planned'])}",
        "events (min amount)": lambda: f"/events?min_amount={pick(['10亿', '100亿', '500亿'])}",
        "events (date range)": lambda: f"/events?{pick(YEARS)}",
        "events (source)": lambda: f"/events?source=source-{rng.randint(1, 40):02d}",
        "events (party)": lambda: f"/events?party={pick(PARTIES)}",
        "events (free text)": lambda: f"/events?q={pick(texts)}",
        "events (sort amount)": lambda: "/events?sort=amount",
        "events (place+kind+amount+dates)": lambda: (
            f"/events?place={pick(PLACES_ASKED)}&kind=signing&min_amount=10亿&{pick(YEARS)}&sort=amount"
        ),
        "events (place+source+text)": lambda: (
            f"/events?place={pick(PLACES_ASKED)}&source=source-{rng.randint(1, 40):02d}&q={pick(texts)}"
        ),
        "events (json, place)": lambda: f"/api/v1/events?place={pick(PLACES_ASKED)}",
        "event": lambda: f"/events/{rng.randint(1, clusters)}",
        "overview": lambda: "/overview",
        "overview (place)": lambda: f"/overview?place={pick(PLACES_ASKED)}",
        # As the first request after anything new is stored: the cache of the store's version is dropped first.
        "overview (uncached)": lambda: "/overview",
        "overview (place, uncached)": lambda: f"/overview?place={pick(PLACES_ASKED)}",
        "feed (no filter)": lambda: "/feeds/events.atom",
        "feed (place)": lambda: f"/feeds/events.atom?place={pick(PLACES_ASKED)}",
        "feed (place+amount)": lambda: f"/feeds/events.atom?place={pick(PLACES_ASKED)}&min_amount=50亿",
        "search": lambda: f"/search?q={pick(words)}",
        "search (json)": lambda: f"/api/v1/search?q={pick(words)}",
    }


def _cursor_after(rng: random.Random) -> str:
    """The after= token of a random row of the newest-first list (a tree without cursors answers it with a 400)."""
    try:
        from monitor.workbench.event_cursor import Cursor
    except ImportError:
        return "none"
    day = date(2016, 1, 1) + timedelta(days=rng.randint(0, 3650))
    return Cursor("date", "desc", day, rng.randint(1, 300_000)).token()


# Pages asked as if the store had just changed: the workbench's cache (per store version) is dropped before each.
UNCACHED_PAGES = ("overview (uncached)", "overview (place, uncached)")


def _forget_cached() -> None:
    """Drop the workbench's answers cached per store version, as storing any new article or event does."""
    try:
        from monitor.workbench import store_cache
    except ImportError:  # a tree without the cache
        return
    # The cache is kept per engine in this module-level map (no public way to empty it: the app never needs to).
    store_cache._CACHES.clear()


# A page far over the target is measured on this many requests at least (the run's time stays bounded).
MIN_REQUESTS = 3
# The pages measured of the earlier commit (--before): at a million rows its pages take seconds each.
BEFORE_PAGES = [
    "events (no filter)",
    "events (place)",
    "events (source)",
    "events (party)",
    "events (free text)",
    "event",
    "overview",
    "overview (place)",
    "overview (uncached)",
    "overview (place, uncached)",
    "feed (place)",
    "feed (no filter)",
    "search",
]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _cpu_clock(db: Database, tag: str | None) -> Callable[[], float]:
    """A clock of the CPU seconds this process and (PostgreSQL, ``tag``) its server backends have used.

    On a shared, loaded machine a request's wall time is mostly other jobs'; its CPU is its own.
    """
    from bench_event_list import _cpu_of  # here: that script imports this one

    def backends() -> list[int]:
        if tag is None:
            return []
        with db.engine.connect() as connection:
            found = connection.execute(
                text("SELECT pid FROM pg_stat_activity WHERE application_name = :tag"), {"tag": tag}
            )
            return list(found.scalars())

    def now() -> float:
        return time.process_time() + _cpu_of(backends())

    return now


def measure(url: str, requests: int, budget: float, pages: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """Per page: p95 and median ms over ``requests`` requests after one warm-up, the warm-up's ms and the status.

    A page whose warm-up request takes longer than ``budget`` seconds over
    ``requests`` is measured on fewer requests (at least ``MIN_REQUESTS``), so a run's time stays bounded.
    """
    # The server backends serving this child are found by an application_name of its own, so their CPU counts.
    tag = f"bench-workbench-{os.getpid()}"
    postgres = url.startswith("postgresql")
    db = Database(
        make_url(url).update_query_dict({"application_name": tag}).render_as_string(False) if postgres else url
    )
    app = create_app(Settings(), db)
    app.router.routes[:0] = _extra_routes()
    cpu_now = _cpu_clock(db, tag if postgres else None)
    with db.engine.connect() as connection:
        clusters = int(connection.execute(text("SELECT max(id) FROM clusters")).scalar() or 1)
    results: dict[str, dict[str, Any]] = {}
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        for name in _requests(clusters, random.Random(5)):
            if pages and name not in pages:
                continue
            # Each page draws from its own sequence, so a page asks the same URLs whichever pages run before it
            # (--before measures fewer pages than this tree: one shared sequence gave the two different queries).
            make = _requests(clusters, random.Random(f"5 {name}"))[name]
            uncached = name in UNCACHED_PAGES
            if uncached:
                _forget_cached()
            start = time.perf_counter()
            status = client.get(make()).status_code  # warm-up
            warm_up = time.perf_counter() - start
            if status == 404 and name.startswith(("overview", "feed")):
                continue  # that page is not in this tree
            if status >= 400:
                print(f"  {name:34} not measured: HTTP {status}", file=sys.stderr, flush=True)
                continue
            count = min(requests, max(MIN_REQUESTS, int(budget / max(warm_up, 1e-3))))
            took, cpu = [], []
            for _ in range(count):
                address = make()
                if uncached:
                    _forget_cached()
                used = cpu_now()
                start = time.perf_counter()
                reply = client.get(address)
                took.append((time.perf_counter() - start) * 1000)
                cpu.append((cpu_now() - used) * 1000)
                status = max(status, reply.status_code)
            results[name] = {
                "p95": _p95(took),
                "median": statistics.median(took),
                "cpu": statistics.median(cpu),
                "cpu_p95": _p95(cpu),  # the costly requests' own cost: a p95 over 100 ms is their load or their work
                "first": warm_up * 1000,
                "requests": count,
                "status": status,
            }
            print(
                f"  {name:34} p95 {results[name]['p95']:8.1f} ms  median {results[name]['median']:7.1f} ms"
                f"  CPU {results[name]['cpu']:6.1f} ms (p95 {results[name]['cpu_p95']:6.1f})"
                f"  first {warm_up * 1000:7.0f} ms  [{status}, {count} requests]",
                file=sys.stderr,
                flush=True,
            )
    db.dispose()
    return results


def _extract(revision: str, into: Path) -> Path:
    """The ``monitor`` package of commit ``revision``, extracted under ``into`` (the directory to put on sys.path)."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", revision, "monitor"],
        check=True,
        capture_output=True,
    ).stdout
    target = into / revision
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def _measure_in_child(
    url: str, code: Path, requests: int, budget: float, pages: list[str] | None = None
) -> dict[str, dict[str, Any]]:
    """measure() in a fresh interpreter importing ``code``'s monitor package (its result as JSON on stdout)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", url, "--code", str(code)]
    command += ["--requests", str(requests), "--budget", str(budget)]
    command += ["--pages", json.dumps(pages)] if pages else []
    environment = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True, env=environment, cwd=code)
    result: dict[str, dict[str, Any]] = json.loads(done.stdout)
    return result


def _table(backend: str, runs: dict[str, dict[str, dict[str, Any]]]) -> None:
    names = list(dict.fromkeys(name for run in runs.values() for name in run))
    labels = list(runs)
    print(f"\n{backend}: p95 / median wall ms (first request ms) cpu median (p95) CPU ms", flush=True)
    print("| page | " + " | ".join(labels) + (" | p95 after/before |" if len(labels) == 2 else " |"))
    print("| --- |" + " --- |" * (len(labels) + (1 if len(labels) == 2 else 0)))
    for name in names:
        cells = []
        for label in labels:
            found = runs[label].get(name)
            cells.append(
                "-"
                if found is None
                else f"{found['p95']:.0f} / {found['median']:.0f} ({found['first']:.0f})"
                + (f" cpu {found['cpu']:.0f}" if "cpu" in found else "")
                + (f" (p95 {found['cpu_p95']:.0f})" if "cpu_p95" in found else "")
                + ("" if found["requests"] >= 50 else f" n={found['requests']}")
            )
        ratio = ""
        if len(labels) == 2 and all(name in runs[label] for label in labels):
            ratio = f" | {runs[labels[1]][name]['p95'] / runs[labels[0]][name]['p95']:.3f}"
        print(f"| {name} | " + " | ".join(cells) + ratio + " |", flush=True)


def _sqlite_store(articles: int, events: int) -> Path:
    """The kept SQLite store of this size (built now if missing), migrated to this tree's head."""
    directory = Path(tempfile.gettempdir()) / "signwatch-bench-workbench"
    directory.mkdir(exist_ok=True)
    path = directory / f"store-{articles}-{events}-{GENERATOR}.db"
    if not path.exists():
        building = path.with_suffix(".building")
        for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)
        db = Database(f"sqlite:///{building}")
        db.upgrade()
        started = time.perf_counter()
        _fill_sqlite(db, articles, events)
        db.dispose()
        building.rename(path)
        print(f"sqlite: {articles:,} articles, {events:,} events generated in {time.perf_counter() - started:.0f} s")
    db = Database(f"sqlite:///{path}")
    db.upgrade()  # a store kept from an earlier run gains this tree's migrations
    db.dispose()
    return path


# Changes when the rows generated change, so a kept store of an older generator is not reused.
GENERATOR = "g3"  # g3: event_parties filled


def _compare(
    backend: str, url: str, before: Path | None, requests: int, budget: float, before_pages: list[str]
) -> None:
    runs: dict[str, dict[str, dict[str, Any]]] = {}
    if before is not None:
        print(f"{backend}: before ({before.name[:10]})", file=sys.stderr, flush=True)
        runs["before"] = _measure_in_child(url, before, requests, budget, before_pages)
    print(f"{backend}: this tree", file=sys.stderr, flush=True)
    runs["after" if before is not None else "this tree"] = _measure_in_child(url, ROOT, requests, budget)
    _table(backend, runs)


def _postgres(options: argparse.Namespace, events: int, before: Path | None) -> None:
    """Build the PostgreSQL store in a schema of its own and measure it; the schema is dropped after.

    With ``--schema NAME`` the schema is kept for the next run (and a filled one is measured, not rebuilt);
    ``--drop-schema`` drops it at the end.
    """
    schema = options.schema or f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(options.postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {schema}"))
    server = make_url(options.postgres_url).update_query_dict({"options": f"-csearch_path={schema}"})
    url = server.render_as_string(hide_password=False)
    try:
        db = Database(url)
        db.upgrade()
        with db.engine.connect() as connection:
            filled = connection.execute(text("SELECT EXISTS (SELECT 1 FROM events)")).scalar()
        if not filled:
            started = time.perf_counter()
            _fill_postgres(db, options.articles, events)
            took = time.perf_counter() - started
            print(f"postgres: {options.articles:,} articles, {events:,} events generated in {took:.0f} s", flush=True)
        db.dispose()
        if not options.build_only:
            _compare("postgres", url, before, options.requests, options.budget, _before_pages(options))
    finally:
        if options.schema is None or options.drop_schema:
            with admin.connect() as connection:
                connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def _before_pages(options: argparse.Namespace) -> list[str]:
    """The pages the earlier commit is measured on: --before-pages, else BEFORE_PAGES."""
    if not options.before_pages:
        return BEFORE_PAGES
    # split at the commas between names, not those inside one ("events (place, after cursor)")
    names = re.split(r",(?![^()]*\))", options.before_pages)
    return [name.strip() for name in names if name.strip()]


def main(argv: list[str] | None = None) -> None:
    """Parse the options, build each backend's store and print the latencies."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=None, help="default: 30%% of --articles")
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--postgres-url", default="postgresql+psycopg://127.0.0.1:5432/test")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds a slow page's requests may take")
    parser.add_argument("--before", help="also measure the workbench of this commit on the same store")
    parser.add_argument(
        "--before-pages",
        help="the pages --before measures, comma-separated (default: those this work changed); a page whose"
        " earlier query runs for minutes (the Overview by place on PostgreSQL) can be left out",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="20,000 articles and 10 requests; the PostgreSQL store is kept in schema bench_quick_<generator>"
        " (--drop-schema drops it)",
    )
    parser.add_argument("--schema", help="PostgreSQL: build in this schema and keep it for the next run")
    parser.add_argument("--drop-schema", action="store_true", help="PostgreSQL: drop --schema at the end")
    parser.add_argument("--build-only", action="store_true", help="build (or migrate) the stores, measure nothing")
    parser.add_argument("--measure", metavar="URL", help=argparse.SUPPRESS)  # a child run: measure URL, print JSON
    parser.add_argument("--pages", help=argparse.SUPPRESS)  # a child run: the pages to measure, as JSON
    parser.add_argument("--code", help=argparse.SUPPRESS)  # read before the imports: the tree a child measures
    options = parser.parse_args(argv)
    if options.measure:
        pages = json.loads(options.pages) if options.pages else None
        print(json.dumps(measure(options.measure, options.requests, options.budget, pages)))
        return
    if options.quick:
        # A check, not a measure: a small store kept between runs on both backends (the first run builds it) and
        # few requests per page, so a run takes under a minute.
        options.articles, options.requests = 20_000, 10
        options.schema = options.schema or f"bench_quick_{GENERATOR}"
    events = options.events if options.events is not None else options.articles * 3 // 10
    with tempfile.TemporaryDirectory(prefix="bench-workbench-") as scratch:
        before = _extract(options.before, Path(scratch)) if options.before else None
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start", flush=True)
        if options.backend in ("sqlite", "both"):
            path = _sqlite_store(options.articles, events)
            if not options.build_only:
                pages = _before_pages(options)
                _compare("sqlite", f"sqlite:///{path}", before, options.requests, options.budget, pages)
        if options.backend in ("postgres", "both"):
            _postgres(options, events, before)
        print(f"load average {os.getloadavg()[0]:.1f} at the end", flush=True)


if __name__ == "__main__":
    main()
