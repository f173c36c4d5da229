"""The Overview page: signed investment and events by month, by place (drilling down), by amount band;
the largest events of the period; the sources that need attention.

Every sum counts a real-world event once: a cluster is represented by its
founding report (its lowest event id, whose figures the cluster's summary
copies), so ten reposts of one signing add its amount once.  Signed
investment is the investment figure (events carry only figures extraction
read as investment — no tax, output or trade amounts) of events that are
done, in yuan; a planned signing or a dollar figure is counted as an event
but not added to the yuan sum.  The charts read those sums from the
summary cells by month, place, industry and band that triggers keep beside
the events (``monitor.store.overview_cells``): a few thousand rows for any
period, not every event of it.  The largest events are read off the events
by amount, each checked to be its cluster's founding report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import urlencode

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from monitor.alerts.digest_times import zone
from monitor.errors import InputError
from monitor.events.model import Place
from monitor.store.event_listing import plain_number, resolve_place_filter
from monitor.store.event_models import EventRow
from monitor.store.models import Article
from monitor.store.overview_cells import BAND_FLOORS, NO_BAND, OverviewCell, OverviewCluster
from monitor.workbench import charts
from monitor.workbench.charts import Bar, MonthPoint, horizontal_bars, month_chart
from monitor.workbench.params import BadQuery, read_format, read_int, read_params
from monitor.workbench.rendering import Table, format_money, respond
from monitor.workbench.sources import source_rows
from monitor.workbench.store_cache import store_cache

OVERVIEW_KEYS = ("place", "end", "months", "format")
DEFAULT_MONTHS = 24
LONGEST_PERIOD = 120  # ten years: past that a month's bar is a pixel wide
LARGEST_SHOWN = 10
PLACES_SHOWN = 30
# A source that has stored nothing new for this long is worth a look even if its crawls succeed.
QUIET_DAYS = 14
# Amount bands in yuan, as Chinese reports group projects (亿 = 1e8): lower bound inclusive (the summary cells'
# band is the index here).
BAND_NAMES = ("1亿元以下", "1亿–10亿元", "10亿–50亿元", "50亿–100亿元", "100亿元及以上")
BANDS: tuple[tuple[str, float], ...] = tuple(zip(BAND_NAMES, BAND_FLOORS, strict=True))
NO_AMOUNT = "无人民币金额"
LEVELS = ("province", "city", "county")
LEVEL_NAMES = {"province": "省份", "city": "城市", "county": "区县"}


_Statement = TypeVar("_Statement", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True)
class OverviewQuery:
    """What the Overview shows: a place (or all), and a period of whole months ending with ``end``."""

    place: str
    places: tuple[Place, ...]
    end: date  # the first day of the period's last month
    months: int

    @property
    def start(self) -> date:
        """The first day of the period."""
        return shift_month(self.end, -(self.months - 1))

    @property
    def stop(self) -> date:
        """The first day after the period."""
        return shift_month(self.end, 1)

    @property
    def level(self) -> str:
        """The level the place chart groups by: one below the place asked for (the place itself at a county)."""
        if not self.places:
            return "province"
        place = self.places[0]
        if place.county or place.city:
            return "county"
        return "city"

    def url_params(self, **changes: str) -> str:
        """The query string of this Overview with ``changes``; defaults left out."""
        values = {"place": self.place, "end": self.end.strftime("%Y-%m"), "months": str(self.months)}
        values.update(changes)
        if values["months"] == str(DEFAULT_MONTHS):
            del values["months"]
        return urlencode({key: value for key, value in values.items() if value})


def shift_month(first: date, months: int) -> date:
    """The first day of the month ``months`` months from ``first``'s month."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def read_overview_query(params: dict[str, str], today: date) -> OverviewQuery:
    """The OverviewQuery of a page's parameters; BadQuery for a place, month or length no one can mean."""
    place = params.get("place", "")
    try:
        places = resolve_place_filter(place) if place else ()
    except InputError as error:
        raise BadQuery(str(error)) from None
    end = today.replace(day=1)
    if "end" in params:
        try:
            end = datetime.strptime(params["end"], "%Y-%m").date()
        except ValueError:
            raise BadQuery(f"参数 'end' 必须是年月,如 2024-06 (not a month: {params['end']!r})") from None
    months = read_int(params, "months", DEFAULT_MONTHS, 1, LONGEST_PERIOD)
    return OverviewQuery(place, places, end, months)


def _cells_in_place(
    places: tuple[Place, ...], table: type[OverviewCell] | type[OverviewCluster] = OverviewCell
) -> ColumnElement[bool]:
    clauses = []
    for place in places:
        pairs = ((table.province, place.province), (table.city, place.city), (table.county, place.county))
        clauses.append(and_(*(column == value for column, value in pairs if value is not None)))
    return or_(*clauses)


def _cells(statement: _Statement, query: OverviewQuery) -> _Statement:
    """``statement`` over the summary cells of the period and the place (monitor.store.overview_cells)."""
    statement = statement.where(
        OverviewCell.month >= query.start.strftime("%Y-%m"), OverviewCell.month < query.stop.strftime("%Y-%m")
    )
    if query.places:
        statement = statement.where(_cells_in_place(query.places))
    return statement


def _name(value: str) -> str | None:
    """A cell's place or industry: '' there is no value (the cells' key cannot hold NULL)."""
    return value or None


_EVENTS = func.sum(OverviewCell.events)
_SIGNED = func.coalesce(func.sum(OverviewCell.signed), 0.0)


def by_month(session: Session, query: OverviewQuery) -> list[MonthPoint]:
    """Every month of the period with its signed investment and event count (empty months as zeros)."""
    statement = _cells(select(OverviewCell.month, _SIGNED, _EVENTS).group_by(OverviewCell.month), query)
    found = {month: (float(amount or 0), int(count or 0)) for month, amount, count in session.execute(statement)}
    points = []
    for offset in range(query.months):
        first = shift_month(query.start, offset).strftime("%Y-%m")
        amount, count = found.get(first, (0.0, 0))
        points.append(MonthPoint(first, amount, count))
    return points


def by_place(session: Session, query: OverviewQuery) -> list[dict[str, Any]]:
    """The places one level below the query's, largest signed investment first, with their drill-down names."""
    columns = [OverviewCell.province, OverviewCell.city, OverviewCell.county][: LEVELS.index(query.level) + 1]
    statement = _cells(
        select(*columns, _SIGNED, _EVENTS)
        .where(columns[-1] != "")
        .group_by(*columns)
        .having(_EVENTS > 0)
        .order_by(_SIGNED.desc(), _EVENTS.desc(), *columns)
        .limit(PLACES_SHOWN),
        query,
    )
    rows = []
    for found in session.execute(statement):
        values: tuple[Any, ...] = tuple(found)
        names, amount, count = [_name(n) for n in values[: len(columns)]], values[-2], values[-1]
        # 上海市's city is 上海市 too: the name to drill into is the names without the repeat.
        drill = "".join(dict.fromkeys(name for name in names if name))
        rows.append(
            {
                "name": names[-1],
                "place": dict(zip(LEVELS, [*names, None, None][:3], strict=True)),
                "drill": drill,
                "signed_investment": plain_number(float(amount)),
                "events": int(count),
            }
        )
    return rows


def by_band(session: Session, query: OverviewQuery) -> list[dict[str, Any]]:
    """Events by the band of their amount in yuan (and those with no amount), with the signed sum of each."""
    statement = _cells(select(OverviewCell.band, _EVENTS, _SIGNED).group_by(OverviewCell.band), query)
    found = {
        None if index == NO_BAND else int(index): (int(count or 0), float(amount or 0))
        for index, count, amount in session.execute(statement)
    }
    rows = [
        {
            "band": name,
            "events": found.get(index, (0, 0.0))[0],
            "signed_investment": plain_number(found.get(index, (0, 0.0))[1]),
        }
        for index, (name, _) in enumerate(BANDS)
    ]
    # Events with no amount in yuan (none at all, or dollars): counted, never summed.
    rows.append({"band": NO_AMOUNT, "events": found.get(None, (0, 0.0))[0], "signed_investment": 0})
    return rows


def by_industry(session: Session, query: OverviewQuery) -> list[dict[str, Any]]:
    """Events by their industry (issue 18's taxonomy), largest signed investment first; unlabelled events last."""
    statement = _cells(
        select(OverviewCell.industry, _SIGNED, _EVENTS).group_by(OverviewCell.industry).having(_EVENTS > 0), query
    )
    rows = [
        {"industry": _name(industry), "signed_investment": plain_number(float(amount)), "events": int(count)}
        for industry, amount, count in session.execute(statement)
    ]
    # the labelled ones by amount, then count; events no industry word was read in come last
    return sorted(rows, key=lambda r: (r["industry"] is None, -float(r["signed_investment"] or 0), -r["events"]))


def largest(session: Session, query: OverviewQuery) -> list[dict[str, Any]]:
    """The period's largest events by their investment in yuan, each with its first report's title.

    Read off the clusters' founding reports kept beside the cells
    (``overview_clusters``, by amount), then those ten events and titles.
    """
    shares = select(OverviewCluster.event_id).where(
        OverviewCluster.amount.is_not(None),
        OverviewCluster.month >= query.start.strftime("%Y-%m"),
        OverviewCluster.month < query.stop.strftime("%Y-%m"),
    )
    if query.places:
        shares = shares.where(_cells_in_place(query.places, OverviewCluster))
    ids = list(
        session.scalars(shares.order_by(OverviewCluster.amount.desc(), OverviewCluster.event_id).limit(LARGEST_SHOWN))
    )
    rows = {
        event.id: (event, title)
        for event, title in session.execute(
            select(EventRow, Article.title).join(Article, EventRow.article_id == Article.id).where(EventRow.id.in_(ids))
        )
    }
    found = [rows[event_id] for event_id in ids if event_id in rows]
    clusters = [event.cluster_id for event, _ in found]
    counted = select(EventRow.cluster_id, func.count(EventRow.id)).where(EventRow.cluster_id.in_(clusters))
    reports = {cluster: count for cluster, count in session.execute(counted.group_by(EventRow.cluster_id))}
    return [
        {
            "cluster": event.cluster_id,
            "title": title,
            "kind": event.kind,
            "status": event.status,
            "place": {"province": event.province, "city": event.city, "county": event.county},
            "date": event.date_text or (event.reported_on.isoformat() if event.reported_on else None),
            "amount": {
                "value": plain_number(event.investment_value),
                "qualifier": event.qualifier,
                "currency": event.currency,
            },
            "reports": reports.get(event.cluster_id, 1),
        }
        for event, title in found
    ]


def needing_attention(rows: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
    """The sources (as the Sources page reads them) that fail, or have been quiet for ``QUIET_DAYS`` days."""
    quiet_since = now - timedelta(days=QUIET_DAYS)
    flagged = []
    for row in rows:
        reasons = []
        if row["failures_in_a_row"]:
            reasons.append(f"连续失败 {row['failures_in_a_row']} 次")
        last = row["last_new_article"]
        if row["configured"] and row["enabled"]:
            if last is None:
                reasons.append("从未抓到文章")
            elif last < quiet_since:
                reasons.append(f"{(now - last).days} 天没有新文章")
        if reasons:
            flagged.append(
                {
                    "name": row["name"],
                    "reasons": reasons,
                    "failures_in_a_row": row["failures_in_a_row"],
                    "last_new_article": last.isoformat() if last else None,
                    "last_error": row["last_error"],
                }
            )
    return flagged


def _place_label(row: dict[str, Any]) -> str:
    return str(row["name"])


async def overview_page(request: Request) -> Response:
    """GET /overview: the period's charts and tables, as HTML or JSON (CSV and XLSX: the places table)."""
    params = read_params(request.scope["query_string"], OVERVIEW_KEYS)
    fmt = read_format(params)
    settings = request.app.state.settings
    now = datetime.now(UTC)
    query = read_overview_query(params, now.astimezone(zone(settings.alerts.timezone)).date())
    with request.app.state.database.session() as session:
        # Each part reads the summary cells (tens of ms) and the sources' health reads every source's articles:
        # computed once per store version (store_cache), not per request.
        cache = store_cache(session)
        months, places, bands, biggest, industries = cache.get(
            ("overview", query.place, query.end, query.months),
            lambda: (
                by_month(session, query),
                by_place(session, query),
                by_band(session, query),
                largest(session, query),
                by_industry(session, query),
            ),
        )
    # After the session: source_rows opens its own (a nested one would wait on SQLite's write lock).  The flags
    # read the sources' health, not their articles per week (a count over the last weeks' articles).
    rows = cache.get("source_health_rows", lambda: source_rows(request, per_week=False))
    places = [dict(row) for row in places]  # the cached rows stay as computed; this page adds links to copies
    attention = needing_attention(rows, now)
    for row in places:
        # A county is the bottom of the hierarchy: its bar leads to its events instead.
        if query.level == "county":
            row["href"] = "/events?" + urlencode(
                {
                    "place": row["drill"],
                    "from": query.start.isoformat(),
                    "to": (query.stop - timedelta(days=1)).isoformat(),
                }
            )
        else:
            row["href"] = "/overview?" + query.url_params(place=row["drill"])
    document = {
        "place": query.place or None,
        "level": query.level,
        "period": {"from": query.start.strftime("%Y-%m"), "to": query.end.strftime("%Y-%m"), "months": query.months},
        "currency": "CNY",
        "months": [{"month": p.month, "signed_investment": plain_number(p.amount), "events": p.events} for p in months],
        "places": places,
        "bands": bands,
        "industries": industries,
        "largest": biggest,
        "attention": attention,
    }
    title = f"{query.place or '全国'} · {query.start:%Y-%m} 至 {query.end:%Y-%m}"
    drawn = {
        "months": month_chart(months, f"{title} 每月签约投资额与事件数"),
        "places": horizontal_bars(
            [
                Bar(_place_label(r), float(r["signed_investment"] or 0), r["href"], f"{r['events']} 个事件")
                for r in places
            ],
            f"{title} 按{LEVEL_NAMES[query.level]}的签约投资额",
        ),
        "bands": horizontal_bars(
            [Bar(r["band"], r["events"]) for r in bands], f"{title} 按金额区间的事件数", show=lambda v: f"{v:g} 个事件"
        ),
        "industries": horizontal_bars(
            [
                Bar(r["industry"] or "未识别", float(r["signed_investment"] or 0), None, f"{r['events']} 个事件")
                for r in industries
            ],
            f"{title} 按行业的签约投资额与事件数",
        ),
    }
    context = {
        "query": query,
        "title": title,
        "level_name": LEVEL_NAMES[query.level],
        "charts": drawn,
        "months": document["months"],
        "places": places,
        "bands": bands,
        "largest": biggest,
        "attention": attention,
        "events_link": "/events?"
        + urlencode(
            {"place": query.place, "from": query.start.isoformat(), "to": (query.stop - timedelta(days=1)).isoformat()}
            if query.place
            else {"from": query.start.isoformat(), "to": (query.stop - timedelta(days=1)).isoformat()}
        ),
        "up_link": _up_link(query),
        # A feed follows what is new, so it keeps the place and drops the period.
        "feed_link": "/feeds/events.atom" + ("?" + urlencode({"place": query.place}) if query.place else ""),
        "shift_links": {
            "earlier": "/overview?" + query.url_params(end=shift_month(query.end, -query.months).strftime("%Y-%m")),
            "later": "/overview?" + query.url_params(end=shift_month(query.end, query.months).strftime("%Y-%m")),
        },
        "money": format_money,
    }
    table = Table(
        "overview_places",
        ("place", "province", "city", "county", "signed_investment_yuan", "events"),
        [
            (
                r["name"],
                r["place"]["province"],
                r["place"]["city"],
                r["place"]["county"],
                r["signed_investment"],
                r["events"],
            )
            for r in places
        ],
    )
    return respond(request, fmt, "overview.html", context, document, table)


def _up_link(query: OverviewQuery) -> str | None:
    """The Overview one level up from the query's place (None at the whole country)."""
    if not query.places:
        return None
    place = query.places[0]
    if place.county:
        return "/overview?" + query.url_params(
            place="".join(dict.fromkeys(n for n in (place.province, place.city) if n))
        )
    if place.city and place.city != place.province:
        return "/overview?" + query.url_params(place=place.province or "")
    return "/overview?" + query.url_params(place="")


def routes() -> list[BaseRoute]:
    """The Overview's routes: the page and its twin under the versioned API."""
    return [
        Route("/overview", overview_page, name="overview"),
        Route("/api/v1/overview", overview_page),
        *charts.routes(),
    ]
