"""One page, four answers: the same document as HTML (a template), JSON, CSV or XLSX.

A page builds its document once (plain JSON types) and, when it is a table,
its ``Table``; ``respond`` picks the answer by the ``format`` parameter, as
Datasette's renderers do.  Templates are Jinja2 with autoescape on: scraped
text reaches the page only escaped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from monitor.alerts.render import AMOUNT_WORDS
from monitor.workbench.exports import Cell, csv_bytes, xlsx_bytes

TEMPLATES_DIR = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Table:
    """A page's rows as exports write them: a file name stem, headers, and rows of plain cells."""

    name: str
    headers: tuple[str, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)


def make_environment(zone: tzinfo) -> jinja2.Environment:
    """The templates' environment: autoescaped, strict about undefined names, times shown in ``zone``."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["local"] = lambda moment: local_time(moment, zone)
    environment.filters["money"] = format_money
    environment.filters["web_url"] = web_url
    environment.filters["qualifier"] = lambda q: QUALIFIERS.get(q or "", q or "")
    environment.filters["amount"] = format_amount
    environment.filters["amount_kind"] = amount_kind_name
    return environment


def web_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None: a scraped ``javascript:`` link is never a link."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


# How Chinese news qualifies an amount, as the pages print it (the JSON keeps the codes).
QUALIFIERS = {"exact": "", "more_than": "超", "nearly": "近", "about": "约"}


def format_amount(amount: dict[str, Any] | None) -> str:
    """An event's amount with its qualifier and range: ``超500亿元``, ``10亿-20亿元``."""
    if not amount or amount.get("value") is None:
        return ""
    text = QUALIFIERS.get(amount.get("qualifier") or "", "") + format_money(amount["value"], amount.get("currency"))
    if amount.get("max") is not None:
        text += " - " + format_money(amount["max"], amount.get("currency"))
    return text


# The kinds of money that are no investment, in the words Chinese news uses for them; the investment kinds are
# named as the alerts name them (monitor.alerts.render.AMOUNT_WORDS: 总投资, 合同引资, 到位资金, 计划投资).
OTHER_MONEY_WORDS = {
    "output": "产值",
    "transaction": "交易额",
    "other_money": "其他金额",
    "credit": "授信",
    "tax": "税收",
    "subsidy": "补贴",
    "trade": "进出口额",
    "revenue": "营业收入",
    "salary": "薪酬",
    "rnd": "研发投入",
}
AMOUNT_KIND_NAMES = {**AMOUNT_WORDS, **OTHER_MONEY_WORDS}


def amount_kind_name(kind: str | None) -> str:
    """An amount kind in Chinese words (``agreed`` → 总投资); "" for none, the code itself for one not named here."""
    if not kind:
        return ""
    return AMOUNT_KIND_NAMES.get(kind, kind)


def local_time(moment: datetime | str | None, zone: tzinfo) -> str:
    """A stored moment (UTC) in the display zone, to the minute; "" for none."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def format_money(value: float | None, currency: str | None = "CNY") -> str:
    """An amount as Chinese readers write it: ``500亿元``, ``3000万元``."""
    if value is None:
        return ""
    unit = "元" if currency in (None, "CNY") else f" {currency}"
    if value >= 100_000_000:
        return f"{value / 100_000_000:g}亿{unit}"
    if value >= 10_000:
        return f"{value / 10_000:g}万{unit}"
    return f"{value:g}{unit}"


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def json_response(document: Any, status_code: int = 200) -> Response:
    """A JSON answer, UTF-8 with Chinese readable."""
    body = json.dumps(document, ensure_ascii=False, default=_json_default)
    return Response(body, status_code=status_code, media_type="application/json")


def respond(
    request: Request,
    fmt: str,
    template: str,
    context: dict[str, Any],
    document: Any,
    table: Table | None = None,
    status_code: int = 200,
) -> Response:
    """The page in ``fmt``: HTML from ``template`` with ``context``, ``document`` as JSON, ``table`` as CSV or XLSX.

    Under ``/api/v1/`` the answer is JSON unless another export was asked for.
    """
    if fmt == "html" and request.url.path.startswith("/api/"):
        fmt = "json"
    if fmt == "json":
        return json_response(document, status_code)
    if fmt in ("csv", "xlsx") and table is not None:
        if fmt == "csv":
            body, media = csv_bytes(table.headers, table.rows), "text/csv; charset=utf-8"
        else:
            body = xlsx_bytes(table.name, table.headers, table.rows)
            media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disposition = f'attachment; filename="{table.name}.{fmt}"'
        return Response(body, status_code=status_code, media_type=media, headers={"content-disposition": disposition})
    return render_html(request, template, context, status_code)


def render_html(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """A template rendered with the request's role and CSRF token at hand."""
    environment: jinja2.Environment = request.app.state.templates
    page = environment.get_template(template).render(
        request=request,
        role=getattr(request.state, "role", None),
        csrf_token=getattr(request.state, "csrf_token", ""),
        **context,
    )
    return HTMLResponse(page, status_code=status_code)


def error_response(request: Request, status_code: int, title: str, message: str) -> Response:
    """An error page (or JSON, when JSON was asked for) with a clear message."""
    if request.query_params.get("format") == "json" or request.url.path.startswith("/api/"):
        return json_response({"error": message, "status": status_code}, status_code)
    return render_html(request, "error.html", {"title": title, "message": message, "status": status_code}, status_code)
