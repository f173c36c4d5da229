"""Charts drawn on the server as SVG: no JavaScript, no CDN, nothing the Content-Security-Policy must allow.

Every chart is a string of SVG markup placed inline in the page.  Labels are
scraped or typed text (place names, kinds), so every label, title and link
is escaped here; links are built only from our own paths, and a bar is a
link only when the page gives it one (a drill-down).  Colours and sizes are
SVG presentation attributes rather than ``style`` attributes, which the
workbench's policy (``style-src 'self'``) would refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from monitor.workbench.rendering import format_money

ACCENT = "#1d5fa8"
SECOND = "#d9822b"  # the event counts' line, apart from the amounts' bars
INK = "#1f2933"
MUTED = "#6b7785"
GRID = "#e3e7ec"
WIDTH = 720
BARS_WIDTH = 640
FONT = 'font-family="PingFang SC, Noto Sans CJK SC, Microsoft YaHei, sans-serif"'


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value, and where clicking it leads (None: nowhere)."""

    label: str
    value: float
    href: str | None = None
    note: str = ""  # shown after the value (e.g. "3 个事件")


@dataclass(frozen=True)
class MonthPoint:
    """One month of the period: ``YYYY-MM``, its signed investment in yuan and its event count."""

    month: str
    amount: float
    events: int


def _text(value: object) -> str:
    # escape() quotes &, <, >, " and ': safe in SVG text and in attribute values alike.
    return str(escape(str(value)))


def _linked(body: str, href: str | None) -> str:
    if href is None:
        return body
    return f'<a href="{_text(href)}">{body}</a>'


def horizontal_bars(
    bars: Sequence[Bar],
    title: str,
    show: Callable[[float], str] = format_money,
    empty: str = "没有数据",
) -> Markup:
    """A bar per label, longest value full width, each bar's value written beside it; links where given.

    Horizontal bars suit labels of any length (``新疆维吾尔自治区``) on a phone as on a laptop.
    """
    row, label_width, value_width = 26, 150, 170
    height = max(1, len(bars)) * row + 8
    top = max((bar.value for bar in bars), default=0.0)
    room = BARS_WIDTH - label_width - value_width
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bars" viewBox="0 0 {BARS_WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{_text(title)}" {FONT} font-size="13">',
        f"<title>{_text(title)}</title>",
    ]
    if not bars:
        parts.append(f'<text x="8" y="20" fill="{MUTED}">{_text(empty)}</text>')
    for index, bar in enumerate(bars):
        y = index * row + 4
        length = 0.0 if top <= 0 else max(1.0, room * bar.value / top) if bar.value > 0 else 0.0
        shown = show(bar.value) + (f" · {bar.note}" if bar.note else "")
        body = (
            f"<title>{_text(bar.label)}: {_text(shown)}</title>"
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" fill="{ACCENT if bar.href else INK}">'
            f"{_text(_clip(bar.label, 12))}</text>"
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 8}" rx="2" fill="{ACCENT}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 16}" fill="{MUTED}">{_text(shown)}</text>'
        )
        parts.append(f'<g class="bar">{_linked(body, bar.href)}</g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def month_chart(points: Sequence[MonthPoint], title: str) -> Markup:
    """Signed investment as a bar per month, and the month's event count as a line over them.

    Two scales, each labelled at its own side: yuan on the left, events on the right.
    """
    height, left, right, top, bottom = 260, 78, 44, 16, 40
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    most_amount = max((p.amount for p in points), default=0.0)
    most_events = max((p.events for p in points), default=0)
    step = plot_w / max(1, len(points))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart months" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{_text(title)}" {FONT} font-size="11">',
        f"<title>{_text(title)}</title>",
    ]
    for fraction in (0.0, 0.5, 1.0):
        y = top + plot_h * (1 - fraction)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{_text(format_money(most_amount * fraction) or '0')}</text>"
        )
        parts.append(
            f'<text x="{left + plot_w + 6}" y="{y + 4:.1f}" fill="{SECOND}">{round(most_events * fraction)}</text>'
        )
    line: list[str] = []
    for index, point in enumerate(points):
        x = left + index * step
        bar_h = 0.0 if most_amount <= 0 else plot_h * point.amount / most_amount
        shown = f"{point.month}: 签约投资 {format_money(point.amount) or '0'}, {point.events} 个事件"
        parts.append(
            f'<g class="month"><title>{_text(shown)}</title>'
            f'<rect x="{x + step * 0.15:.1f}" y="{top + plot_h - bar_h:.1f}" width="{step * 0.7:.1f}" '
            f'height="{bar_h:.1f}" fill="{ACCENT}"/></g>'
        )
        event_y = top + plot_h - (0.0 if most_events == 0 else plot_h * point.events / most_events)
        line.append(f"{x + step / 2:.1f},{event_y:.1f}")
        # Every third month is labelled: 24 labels would crowd a phone's width.
        if index % 3 == 0 or index == len(points) - 1:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" fill="{MUTED}">'
                f"{_text(point.month)}</text>"
            )
    if line:
        parts.append(f'<polyline points="{" ".join(line)}" fill="none" stroke="{SECOND}" stroke-width="2"/>')
    parts.append(
        f'<text x="{left}" y="{height - 6}" fill="{ACCENT}">■ 签约投资额</text>'
        f'<text x="{left + 120}" y="{height - 6}" fill="{SECOND}">— 事件数</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


# The charts' frame: their own stylesheet (the policy refuses inline styles), linked from the pages
# that draw charts.  On a phone a chart keeps a readable size and scrolls inside its frame.
CHART_CSS = """\
.chart-box { margin: 0 0 1.2rem; background: #fff; border: 1px solid #e3e7ec; border-radius: 6px;
  padding: .6rem; overflow-x: auto; }
.chart-box svg { display: block; width: 100%; height: auto; }
.chart-box svg.bars { max-width: 820px; }
.chart-box svg.months { min-width: 560px; max-width: 1000px; }
.chart-box svg a:hover rect { fill: #15467c; }
@media (max-width: 640px) { .chart-box { padding: .3rem; } .chart-box svg.bars { min-width: 500px; } }
"""


async def chart_css(request: Request) -> Response:
    """GET /charts.css: the charts' stylesheet."""
    return Response(CHART_CSS, media_type="text/css; charset=utf-8", headers={"cache-control": "max-age=3600"})


def routes() -> list[BaseRoute]:
    """The charts' stylesheet route."""
    return [Route("/charts.css", chart_css, name="charts_css")]


def _clip(label: str, longest: int) -> str:
    # The full label stays in the bar's <title>; the axis shows what fits.
    return label if len(label) <= longest else label[: longest - 1] + "…"
