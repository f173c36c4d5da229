"""Dates in news text, with the year most articles leave out.

``8月26日`` takes its year from the article's own date, or else from a year
written in the text.  A date that would fall after the article was published
cannot be the date of a signing that already took place, so it belongs to
the year before: an article of January speaking of ``12月`` means last
December.  A month without a day (``1月``) becomes a window over that month.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from monitor.events.model import DateSpan

_DATE = re.compile(
    r"(?:(?P<year>(?:19|20)\d{2})\s*年\s*)?(?P<month>1[0-2]|0?[1-9])\s*月\s*"
    r"(?:(?P<day>3[01]|[12]\d|0?[1-9])\s*[日号])?"
    r"|(?P<iso>(?:19|20)\d{2})[-/.](?P<imonth>1[0-2]|0?[1-9])[-/.](?P<iday>3[01]|[12]\d|0?[1-9])"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_RELATIVE_YEAR = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
# Same day as the event just before: 同日, 当天 …
SAME_DAY = re.compile(r"^(?:同日|当日|同天|当天|同一天)")


@dataclass(frozen=True)
class DateMention:
    """A date written in the text, its year possibly missing."""

    start: int
    end: int
    year: int | None
    month: int
    day: int | None
    relative: int | None = None  # 今年 0, 去年 -1, 明年 +1 …: offset from the article's year


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Dates written in ``text[start:end]`` (``2021年1月19日``, ``8月26日``, ``1月``, ``2021-01-21``)."""
    found: list[DateMention] = []
    for match in _DATE.finditer(text, start, len(text) if end is None else end):
        if match.group("iso"):
            found.append(
                DateMention(
                    match.start(),
                    match.end(),
                    int(match.group("iso")),
                    int(match.group("imonth")),
                    int(match.group("iday")),
                )
            )
            continue
        # 3个月 or 12月份 plans are not dates; a month needs 月 not followed by 份/底 counts
        if text[match.start() - 1 : match.start()].isdigit():
            continue
        year = int(match.group("year")) if match.group("year") else None
        day = int(match.group("day")) if match.group("day") else None
        relative = _RELATIVE_YEAR.get(text[max(0, match.start() - 2) : match.start()])
        found.append(DateMention(match.start(), match.end(), year, int(match.group("month")), day, relative))
    return found


def year_hint(text: str, before: int) -> int | None:
    """The last year written in ``text`` before position ``before``, else the first after it."""
    years = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(text)]
    earlier = [y for pos, y in years if pos < before]
    if earlier:
        return earlier[-1]
    return years[0][1] if years else None


def resolve(mention: DateMention, published: date | None, hint: int | None, past: bool) -> DateSpan | None:
    """The calendar date (or month window) a mention stands for, or None if no year is known.

    ``past`` is True for things that already happened: a date after
    ``published`` then moves back one year.
    """
    year = mention.year
    inferred = year is None
    if year is None and mention.relative is not None:
        if published is None:
            return None
        year, inferred = published.year + mention.relative, False
    if year is None:
        year = published.year if published else hint
    if year is None:
        return None
    span = _span(year, mention.month, mention.day)
    if span is None:
        return None
    if inferred and past and published and span.earliest > published + timedelta(days=1):
        span = _span(year - 1, mention.month, mention.day)
    return span


def _span(year: int, month: int, day: int | None) -> DateSpan | None:
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return DateSpan(date(year, month, 1), date(year, month, last))
    if day > last:
        return None
    return DateSpan(date(year, month, day), date(year, month, day))
