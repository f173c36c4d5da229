"""Workbench latency on a generated store: p95 of the Events page, an Event, the Overview, a feed and search.

    .venv/bin/python bench/bench_workbench.py [--articles 1000000] [--events 300000]
        [--backend sqlite|postgres|both] [--postgres-url URL] [--requests 40] [--repeats 3] [--keep DIR]

Generates a store of ``--articles`` articles (about 400 characters of
招商 news each, over 40 sources, 2016-2026) and ``--events`` signing events
(one cluster per event, one in eight a repost joining an earlier cluster),
with places, kinds, statuses and amounts drawn from skewed distributions
(a few districts and the 亿元 band dominate, as in the real news).  Rows go
in by bulk inserts (``executemany`` on SQLite, ``COPY`` on PostgreSQL),
the search index (``monitor.store.search_index``) with them, then the
schema is migrated to head on top so the workbench's indexes are the
migrations' own.

Each page is then requested ``--requests`` times in process through
Starlette's TestClient (varied filters, clusters and queries, after one
warm-up round), and the p95 of those latencies is taken ``--repeats`` times;
the median of the p95s is reported per page, in milliseconds, with the
target of 100 ms beside it.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import statistics
import sys
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.config import Settings
from monitor.store import Database
from monitor.store.search_index import FTS_TABLE, document_terms
from monitor.workbench.app import create_app

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
    batch: dict[str, list[dict[str, Any]]] = {"articles": [], "search": [], "clusters": [], "events": [], "figures": []}
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
                    "parties": f'["{rng.choice(PARTIES)}"]',
                    "projects": row["_count"],
                    "parts": "[]",
                    "investment_value": row["_value"],
                    "investment_max": None,
                    "qualifier": "exact",
                    "currency": "CNY",
                    "evidence": evidence,
                    "created_at": row["stored_at"],
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


def _sources() -> list[dict[str, Any]]:
    created = datetime(2016, 1, 1, tzinfo=UTC)
    return [{"id": n, "name": f"source-{n:02d}", "site_type": "generic", "created_at": created} for n in range(1, 41)]


def _fill_sqlite(db: Database, articles: int, events: int) -> None:
    raw = db.engine.raw_connection()
    cursor = raw.cursor()
    cursor.execute("PRAGMA synchronous = OFF")

    def insert(table: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
        if rows:
            marks = ", ".join(f":{c}" for c in columns)
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", [_sqlite(r) for r in rows]
            )

    cursor.execute("BEGIN")
    insert("sources", ["id", "name", "site_type", "created_at"], _sources())
    for batch in _generate(articles, events):
        insert("articles", ARTICLE_COLUMNS, batch["articles"])
        cursor.executemany(f"INSERT INTO {FTS_TABLE}(rowid, terms) VALUES (:id, :terms)", batch["search"])
        cursor.executemany("INSERT INTO article_search (article_id) VALUES (:id)", batch["search"])
        insert("clusters", CLUSTER_COLUMNS, batch["clusters"])
        insert("events", EVENT_COLUMNS, batch["events"])
        insert("figures", FIGURE_COLUMNS, batch["figures"])
    cursor.execute("COMMIT")
    cursor.execute("ANALYZE")
    raw.close()


def _sqlite(row: dict[str, Any]) -> dict[str, Any]:
    # As UTCDateTime stores them on SQLite: naive UTC text.
    return {
        key: value.replace(tzinfo=None).isoformat(" ") if isinstance(value, datetime) else value
        for key, value in row.items()
    }


def _fill_postgres(db: Database, articles: int, events: int) -> None:
    raw = db.engine.raw_connection()
    connection = raw.driver_connection
    assert connection is not None

    def copy(table: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        with connection.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as out:
            for row in rows:
                out.write_row([row[c] for c in columns])

    copy("sources", ["id", "name", "site_type", "created_at"], _sources())
    for batch in _generate(articles, events):
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
    for table in ("sources", "articles", "clusters", "events", "figures"):
        connection.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    connection.commit()
    connection.autocommit = True
    connection.execute("VACUUM ANALYZE")
    raw.close()


def _extra_routes() -> list[BaseRoute]:
    """The pages other modules add to the app (search, overview, feeds), those that exist in this tree."""
    routes: list[BaseRoute] = []
    for name in ("search", "overview", "feeds"):
        try:
            module = __import__(f"monitor.workbench.{name}", fromlist=["routes"])
        except ImportError:
            continue
        routes += module.routes()
    return routes


def _requests(articles: int, clusters: int, rng: random.Random) -> dict[str, Callable[[], str]]:
    """Each page measured, as a maker of its next URL (varied filters, clusters and queries)."""
    places = ["上海市", "宝山区", "苏州市", "江苏省", "南山区", "浙江省"]
    words = ["签约", "园区", "集成电路", "5G通信", "宝山区 签约", "生物医药 合肥", "100亿元"]
    return {
        "events (place + min amount)": lambda: f"/events?place={rng.choice(places)}&min_amount=1000000000",
        "events (kind + date range)": lambda: "/events?kind=signing&from=2024-01-01&to=2024-12-31&sort=amount",
        "events (page 50)": lambda: "/events?page=50",
        "event": lambda: f"/events/{rng.randint(1, clusters)}",
        "overview": lambda: "/overview",
        "feed (place)": lambda: f"/feeds/events.atom?place={rng.choice(places)}",
        "search": lambda: f"/search?q={rng.choice(words)}",
        "search (json)": lambda: f"/api/v1/search?q={rng.choice(words)}",
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(
    db: Database, articles: int, requests: int, repeats: int, budget: float = 30.0
) -> dict[str, tuple[float, float, int]]:
    """Per page: (median p95 ms, median ms, HTTP status) over ``repeats`` rounds of ``requests``.

    A page whose first request takes longer than ``budget`` seconds over
    ``requests`` is measured once, on fewer requests (at least 5).
    """
    app = create_app(Settings(), db)
    app.router.routes[:0] = _extra_routes()
    with db.engine.connect() as connection:
        clusters = int(connection.execute(text("SELECT max(id) FROM clusters")).scalar() or 1)
    results: dict[str, tuple[float, float, int]] = {}
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        for name, make in _requests(articles, clusters, random.Random(5)).items():
            start = time.perf_counter()
            status = client.get(make()).status_code  # warm-up
            warm_up = time.perf_counter() - start
            if status == 404 and name.startswith(("overview", "feed")):
                continue  # that page is not in this tree yet
            if status >= 500:
                print(f"  {name:30} not measured: HTTP {status}", flush=True)
                continue
            # A page far over the target gets fewer requests (the time a run may take is bounded), never none.
            count = min(requests, max(5, int(budget / max(warm_up, 1e-3))))
            rounds = repeats if count == requests else 1
            p95s, medians = [], []
            for _ in range(rounds):
                took = []
                for _ in range(count):
                    url = make()
                    start = time.perf_counter()
                    reply = client.get(url)
                    took.append((time.perf_counter() - start) * 1000)
                    status = max(status, reply.status_code)
                p95s.append(_p95(took))
                medians.append(statistics.median(took))
            results[name] = (statistics.median(p95s), statistics.median(medians), status)
            print(
                f"  {name:30} p95 {results[name][0]:8.1f} ms  median {results[name][1]:7.1f} ms"
                f"  [{status}, {rounds}x{count} requests]",
                flush=True,
            )
    return results


def run(backend: str, url: str, articles: int, events: int, requests: int, repeats: int, *, fill: bool = True) -> None:
    """Build the store at ``url`` (unless ``fill`` is False: a kept store) and measure it."""
    db = Database(url)
    started = time.perf_counter()
    db.upgrade()
    if fill:
        (_fill_sqlite if backend == "sqlite" else _fill_postgres)(db, articles, events)
    print(
        f"{backend}: {articles:,} articles, {events:,} events generated in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    measure(db, articles, requests, repeats)
    db.dispose()


def main(argv: list[str] | None = None) -> None:
    """Parse the options, build each backend's store and print the latencies."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=None, help="default: 30%% of --articles")
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--postgres-url", default="postgresql+psycopg://127.0.0.1:5432/test")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the SQLite store here and keep it (measure it again if there)")
    options = parser.parse_args(argv)
    events = options.events if options.events is not None else options.articles * 3 // 10
    if options.backend in ("sqlite", "both"):
        directory = options.keep or Path(tempfile.mkdtemp(prefix="bench-workbench-"))
        path = directory / "workbench.db"
        reuse = options.keep is not None and path.exists()  # a kept store is measured again, not rebuilt
        try:
            run(
                "sqlite",
                f"sqlite:///{path}",
                options.articles,
                events,
                options.requests,
                options.repeats,
                fill=not reuse,
            )
        finally:
            if options.keep is None:
                shutil.rmtree(directory)
    if options.backend in ("postgres", "both"):
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(options.postgres_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        server = make_url(options.postgres_url).update_query_dict({"options": f"-csearch_path={schema}"})
        try:
            run(
                "postgres",
                server.render_as_string(hide_password=False),
                options.articles,
                events,
                options.requests,
                options.repeats,
            )
        finally:
            with admin.connect() as connection:
                connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()


if __name__ == "__main__":
    main()
