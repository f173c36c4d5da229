"""Messages: Chinese, short enough for a phone, built from templates the config may replace.

Everything that comes from a web page (titles, places, parties, URLs) is
untrusted.  ``clean_field`` drops control and direction-override characters
and folds line breaks, so a title cannot forge extra lines of a message; when
the body format is markdown or html the values are escaped for it too (with
the default ``text`` format Apprise escapes for each service itself).
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from monitor.alerts.alert_event import AlertEvent, Amount
from monitor.errors import ConfigError
from monitor.subscription_terms import KIND_NAMES

BODY_FORMATS = ("text", "markdown", "html")

# An agreement's parties tell it from another in the same place (seed 001: three signings in 宝山区).
DEFAULT_TITLE = "【{kind_name}】{place} {amount} {parties}"
DEFAULT_BODY = "{summary}\n标题:{title}\n来源:{source}\n{url}"
DEFAULT_DIGEST_TITLE = "signwatch 汇总 {period}:{count}条"
DEFAULT_DIGEST_LINE = "{index}. {summary}\n{title}\n{url}"
HEALTH_TITLES = {"down": "【源异常】{source}", "up": "【源恢复】{source}"}
HEALTH_BODIES = {
    "down": "{source}:{reason}\n自 {since} 起异常\n最近错误:{error}",
    "up": "{source} 已恢复正常(自 {since} 起异常,共 {runs} 次抓取)",
}

EVENT_FIELDS = frozenset(
    {
        "kind_name",
        "place",
        "date",
        "label",
        "projects",
        "amount",
        "summary",
        "title",
        "source",
        "url",
        "parties",
        "industry",
    }
)
DIGEST_FIELDS = frozenset({"period", "count"}) | EVENT_FIELDS | {"index"}

QUALIFIER_PREFIX = {"more_than": "超", "nearly": "近", "about": "约", "exact": ""}
# What an alert calls an investment amount, by its kind (monitor.events.model.AmountKind).
AMOUNT_WORDS = {"agreed": "总投资", "contracted": "合同引资", "arrived": "到位资金", "planned": "计划投资"}
CURRENCY_NAMES = {"CNY": "元", "USD": "美元", "HKD": "港元", "EUR": "欧元", "JPY": "日元", "GBP": "英镑"}
_UNITS = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<])")
_SPACES = re.compile(r"[ \t\u3000]+")
_TITLE_LIMIT = 120
_FIELD_LIMIT = 400


@dataclass(frozen=True)
class Message:
    """A rendered notification."""

    title: str
    body: str


def clean_field(text: str | None, *, limit: int = _FIELD_LIMIT) -> str:
    """Untrusted text made safe for one line: no control, format or bidi characters, no breaks."""
    if not text:
        return ""
    kept = []
    for char in str(text):
        category = unicodedata.category(char)
        if char in "\r\n\t\u2028\u2029":
            kept.append(" ")
        elif category in ("Cc", "Cf", "Co", "Cs"):
            continue  # control, zero-width and direction overrides
        else:
            kept.append(char)
    folded = _SPACES.sub(" ", "".join(kept)).strip()
    return folded if len(folded) <= limit else folded[: limit - 1] + "…"


def escape_for(body_format: str, text: str) -> str:
    """Escape a cleaned value for the body format (text is left to Apprise)."""
    if body_format == "html":
        return html.escape(text, quote=True)
    if body_format == "markdown":
        return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return text


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def format_amount(amount: Amount | None) -> str:
    """An amount the way Chinese news writes it: ``超500亿元``, ``50-60亿元``, ``约10亿美元``."""
    if amount is None:
        return ""
    top = amount.maximum or amount.value
    # The unit is chosen on the rounded figure, so 99999999 reads 1亿, not 10000万.
    divisor, unit = next(((d, u) for d, u in _UNITS if round(top / d, 2) >= 1), (1.0, ""))
    number = _number(amount.value / divisor)
    if amount.maximum is not None and amount.maximum != amount.value:
        number = f"{number}-{_number(amount.maximum / divisor)}"
    currency = CURRENCY_NAMES.get(amount.currency, amount.currency)
    return f"{QUALIFIER_PREFIX.get(amount.qualifier, '')}{number}{unit}{currency}"


def format_minimum(yuan: float) -> str:
    """A subscription's minimum investment as analysts write it: ``≥100亿元`` (``format_amount``'s units)."""
    return "≥" + format_amount(Amount(yuan))


def format_place(names: Sequence[str]) -> str:
    """A place as one name: levels joined, a municipality not repeated (上海市宝山区)."""
    shown: list[str] = []
    for name in names:
        if name not in shown:
            shown.append(name)
    return "".join(shown)


def summary_line(event: AlertEvent) -> str:
    """The event in one line: place · date · kind · parties · industry · projects · amount."""
    kind = event.label or KIND_NAMES.get(event.kind, event.kind)
    projects = f"{event.projects}个项目" if event.projects else ""
    amount = amount_words(event)
    parties = "、".join(event.parties)  # two agreements in one place differ by whom they were signed with
    industry = _industry_shown(event, kind)
    parts = [format_place(event.place_names), event.date or "", kind, parties, industry, projects, amount]
    return " · ".join(clean_field(p) for p in parts if p)


def _industry_shown(event: AlertEvent, kind: str) -> str:
    """The industry a summary names: one project's, never a ceremony's nor twice.

    A ceremony of several projects spans industries, so a label read from its
    article would name one of them as the whole (seed 003's three projects are
    a chemical plant, an industrial park and a car fund); a stage alert's label
    names the industry already (开工 · 签约后 143 天 · 新能源).
    """
    if not event.industry or (event.projects or 1) > 1 or event.industry in kind:
        return ""
    return event.industry


def amount_words(event: AlertEvent) -> str:
    """The event's investment with the word for its kind: ``总投资超500亿元``, ``合同引资68.6亿元``.

    Money that is no investment (a credit line, a subsidy) is not shown as the
    event's amount at all.  An amount stored before kinds were is a signing's
    total investment, as alerts said then.
    """
    amount = event.investment_amount
    text = format_amount(amount)
    if amount is None or not text:
        return ""
    if amount.kind is None:
        return "总投资" + text if event.kind == "signing" else text
    return AMOUNT_WORDS.get(amount.kind, "") + text


def event_fields(event: AlertEvent, body_format: str = "text") -> dict[str, str]:
    """The template fields of an event alert, cleaned and escaped."""
    source = event.source
    if event.news_source and event.news_source != event.source:
        source = f"{source}(转自{event.news_source})" if source else event.news_source
    raw = {
        "kind_name": KIND_NAMES.get(event.kind, event.kind),
        "place": format_place(event.place_names),
        "date": event.date or "",
        "label": event.label,
        "projects": f"{event.projects}个项目" if event.projects else "",
        "amount": format_amount(event.investment_amount),
        "summary": summary_line(event),
        "title": event.title,
        "source": source,
        "url": event.url,
        "parties": "、".join(event.parties),
        "industry": event.industry or "",
    }
    limits = {"title": _TITLE_LIMIT, "url": 2000}
    return {k: escape_for(body_format, clean_field(v, limit=limits.get(k, _FIELD_LIMIT))) for k, v in raw.items()}


def check_template(template: str, allowed: frozenset[str], setting: str) -> None:
    """Refuse a template naming unknown fields or reaching into them (ConfigError)."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        raise ConfigError(f"alerts.{setting}: not a valid template: {error}") from None
    for _text, name, _spec, _conversion in parsed:
        if name is None:
            continue
        if name not in allowed:
            known = ", ".join(sorted(allowed))
            raise ConfigError(f"alerts.{setting}: unknown field {{{name}}} (known: {known})")


def fill(template: str, values: Mapping[str, Any]) -> str:
    """A checked template filled in, blank lines and doubled spaces from empty fields removed."""
    text = template.format_map(values)
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line and line not in ("标题:", "来源:", "最近错误:"))


@dataclass(frozen=True)
class Templates:
    """The message templates in use (the config's, else the defaults), checked once."""

    title: str = DEFAULT_TITLE
    body: str = DEFAULT_BODY
    digest_title: str = DEFAULT_DIGEST_TITLE
    digest_line: str = DEFAULT_DIGEST_LINE
    body_format: str = "text"

    @classmethod
    def from_settings(cls, alerts: Any) -> Templates:
        """The templates of an ``AlertSettings``, each checked (ConfigError on a bad one)."""
        chosen = cls(
            title=alerts.title_template or DEFAULT_TITLE,
            body=alerts.body_template or DEFAULT_BODY,
            digest_title=alerts.digest_title_template or DEFAULT_DIGEST_TITLE,
            digest_line=alerts.digest_line_template or DEFAULT_DIGEST_LINE,
            body_format=alerts.body_format or "text",
        )
        if chosen.body_format not in BODY_FORMATS:
            raise ConfigError(f"alerts.body_format {chosen.body_format!r} is not one of {', '.join(BODY_FORMATS)}")
        check_template(chosen.title, EVENT_FIELDS, "title_template")
        check_template(chosen.body, EVENT_FIELDS, "body_template")
        check_template(chosen.digest_title, frozenset({"period", "count"}), "digest_title_template")
        check_template(chosen.digest_line, DIGEST_FIELDS, "digest_line_template")
        return chosen

    def event(self, event: AlertEvent) -> Message:
        """The message of one event alert."""
        values = event_fields(event, self.body_format)
        plain = event_fields(event, "text")  # titles are never marked up
        return Message(clean_field(fill(self.title, plain), limit=_TITLE_LIMIT), fill(self.body, values))

    def health(self, payload: Mapping[str, Any]) -> Message:
        """The message of a source going down or coming back."""
        state = "up" if payload.get("state") == "up" else "down"
        values = {
            key: escape_for(self.body_format, clean_field(str(payload.get(key) or "")))
            for key in ("source", "reason", "since", "error", "runs")
        }
        plain = {key: clean_field(str(payload.get(key) or "")) for key in values}
        return Message(fill(HEALTH_TITLES[state], plain), fill(HEALTH_BODIES[state], values))

    def digest(self, events: Sequence[AlertEvent], period: str) -> Message:
        """One message listing a digest period's events, oldest first."""
        lines = [
            fill(self.digest_line, {**event_fields(event, self.body_format), "index": str(index)})
            for index, event in enumerate(events, start=1)
        ]
        title = fill(self.digest_title, {"period": clean_field(period), "count": str(len(events))})
        return Message(title, "\n\n".join(lines))
