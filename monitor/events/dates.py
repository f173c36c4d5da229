"""Dates in news text, with the year most articles leave out.

``8月26日`` takes its year from the article's own date, or else from a year
written in the text.  A date that would fall after the article was published
cannot be the date of a signing that already took place, so it belongs to
the year before: an article of January speaking of ``12月`` means last
December.  A month without a day (``1月``) becomes a window over that month.
A day alone (``26日下午举行``) takes its month and year from the date written
before it in the paragraph (a dateline ``4月27日电``), else from the article's.
A range of days (``11月15日至17日``, ``10月13-16日``) is a window over those days,
never its first day: a fair held over four days is not dated by its opening.

Not every date is an event's.  A dateline (``中新网苏州4月27日电``,
``本报5月27日讯``) is when the report was filed: an event's date only when
nothing else is written.  A reporting date (``3月13日,记者从区招商中心获悉``)
and the bounds of a period (``截至今年9月份``, ``1至9月``, ``1月至4月``) are
no event's date at all.  The article's own date - which cleaning may have
read from a page's relative date (``9个月前 (09-21)``) - only lends the year
and month; it is never taken for the event's day.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from monitor.events.firstchars import FirstChars
from monitor.events.model import DateSpan

_DATE = re.compile(
    r"(?:(?P<year>(?:19|20)\d{2})\s*年\s*)?(?P<month>1[0-2]|0?[1-9])\s*月\s*"
    r"(?:(?P<day>3[01]|[12]\d|0?[1-9])\s*[日号])?"
    r"|(?P<iso>(?:19|20)\d{2})[-/.](?P<imonth>1[0-2]|0?[1-9])[-/.](?P<iday>3[01]|[12]\d|0?[1-9])"
)
# A day alone: not part of a full date, a count (近30日, 5日内) or an ordinal (第1日)
_DAY_ONLY = re.compile(r"(?<![\d月日号年/.\-近前后每第续])(?P<day>3[01]|[12]\d|0?[1-9])日(?![内后起前均])")
# What every _DATE match holds: 月, or the separator of an ISO date.
_DATE_MARKS = ("月", "-", "/", ".")
# Both open with a group or a lookbehind, which the engine tries at every position of a span;
# a date begins with a digit, and digits are a few in a hundred characters of news.
_DATE_SCAN = FirstChars(_DATE, r"\d")
_DAY_ONLY_SCAN = FirstChars(_DAY_ONLY, r"\d")
# (no digit before the year, asserted after its 19/20: a pattern that opens with its literal
# lets the engine skip to it, one that opens with a lookbehind is tried at every position)
_YEAR = re.compile(r"((?:19|20)(?<!\d..)\d{2})\s*年")
# A year written as a goal or a deadline: 到2030年, 预计2025年, 力争2027年.  (Not a plan's own
# year, 计划2020年第四季度投产: that is most often the article's year, so it still counts.)
_TARGET_BEFORE = re.compile(r"(?:到|至|预计|力争|争取|将于|有望)\s*$")
# A dateline: 4月27日电, 5月27日讯
_DATELINE_AFTER = re.compile(r"\s*(?:电|讯)")
# A reporting date: 3月13日,记者从…获悉; a company's announcement (8月4日晚间公告, 3月18日晚间发布公告)
# is when it told of an agreement signed before, not when it was signed
_REPORTING_AFTER = re.compile(
    r"\s*[,,]?\s*(?:上午|下午|晚间)?\s*[,,]?\s*(?:记者|本报记者)|\s*(?:晚间?|盘后)?\s*(?:发布)?公告"
)
# The bound of a period: 截至今年9月份, 截止到8月底
_PERIOD_BEFORE = re.compile(r"(?:截至|截止|截止到)(?:今年|去年|本年|当年|目前)?\s*$")
# One end of a range of months: 1至9月, 1月至4月, 1-10月
_MONTH_RANGE_AFTER = re.compile(r"\s*(?:份)?\s*(?:至|到|—|–|-|~|～)")
_MONTH_RANGE_BEFORE = re.compile(r"(?:\d|月)\s*(?:份)?\s*(?:至|到|—|–|-|~|～)\s*$")
_RELATIVE_YEAR = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
# Same day as the event just before: 同日, 当天 …
SAME_DAY = re.compile(r"^(?:同日|当日|同天|当天|同一天)")


@dataclass(frozen=True)
class DateMention:
    """A date written in the text, its year (or its year and month) possibly missing."""

    start: int
    end: int
    year: int | None
    month: int | None  # None: a day alone (26日)
    day: int | None
    relative: int | None = None  # 今年 0, 去年 -1, 明年 +1 …: offset from the article's year
    dateline: bool = False  # 4月27日电: when the report was filed
    last_day: int | None = None  # the end of a range of days (11月15日至17日: 17), in the same month


# A range of days in one month: its end after a full date (11月15日至17日), or both ends
# after the month (10月13-16日, 9月15日到 17 日).
_DAY = r"(3[01]|[12]\d|0?[1-9])"
_RANGE_MARK = r"\s*(?:至|到|—|–|-|~|～)\s*"
_RANGE_END = re.compile(_RANGE_MARK + _DAY + r"\s*[日号]")
_DAYS_AFTER_MONTH = re.compile(r"\s*" + _DAY + _RANGE_MARK + _DAY + r"\s*[日号]")


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Dates written in ``text[start:end]`` (``2021年1月19日``, ``8月26日``, ``1月``, ``2021-01-21``, ``26日``).

    Reporting dates and the bounds of periods are left out (see the module
    doc); datelines are kept and marked.
    """
    stop = len(text) if end is None else end
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    # a date needs its 月 or an ISO separator, a day alone its 日: most spans have neither,
    # and _DATE and _DAY_ONLY, which open with groups and lookbehinds, are tried at every position
    dated = any(text.find(mark, start, stop) >= 0 for mark in _DATE_MARKS)
    for match in _DATE_SCAN.finditer(text, start, stop) if dated else ():
        taken.append((match.start(), match.end()))
        if match.group("month") and not match.group("iso"):
            ranged = _ranged(text, match, stop)
            if ranged is not None:
                taken[-1] = (match.start(), ranged.end)
                if _kept(text, ranged):
                    found.append(ranged)
                continue
        if match.group("iso"):
            mention = DateMention(
                match.start(),
                match.end(),
                int(match.group("iso")),
                int(match.group("imonth")),
                int(match.group("iday")),
            )
        else:
            # the 3 of 13月 is no month; 3个月 never matches
            if text[match.start() - 1 : match.start()].isdigit():
                continue
            year = int(match.group("year")) if match.group("year") else None
            day = int(match.group("day")) if match.group("day") else None
            relative = _RELATIVE_YEAR.get(text[max(0, match.start() - 2) : match.start()])
            mention = DateMention(match.start(), match.end(), year, int(match.group("month")), day, relative)
        if _kept(text, mention):
            found.append(_marked(text, mention))
    for match in _DAY_ONLY_SCAN.finditer(text, start, stop) if text.find("日", start, stop) >= 0 else ():
        if any(s <= match.start() < e for s, e in taken):
            continue
        mention = DateMention(match.start(), match.end(), None, None, int(match.group("day")))
        if _kept(text, mention):
            found.append(_marked(text, mention))
    return _range_ends(text, sorted(found, key=lambda m: m.start))


def _ranged(text: str, match: re.Match[str], stop: int) -> DateMention | None:
    """The range of days a month-and-day match opens (11月15日至17日, 10月13-16日), else None."""
    if text[match.start() - 1 : match.start()].isdigit():
        return None
    day = match.group("day")
    after = (_RANGE_END if day else _DAYS_AFTER_MONTH).match(text, match.end(), stop)
    if after is None:
        return None
    first, last = (int(day), int(after.group(1))) if day else (int(after.group(1)), int(after.group(2)))
    if first >= last:
        return None  # 5日至3日 is no range of one month
    year = int(match.group("year")) if match.group("year") else None
    relative = _RELATIVE_YEAR.get(text[max(0, match.start() - 2) : match.start()])
    return DateMention(match.start(), after.end(), year, int(match.group("month")), first, relative, last_day=last)


# What joins the two days of a range (11月5日至10日, 5日-10日).
_DAY_RANGE = re.compile(r"\s*(?:至|到|—|–|-|~|～)\s*")


def _range_ends(text: str, found: list[DateMention]) -> list[DateMention]:
    """A day alone that ends a range (``2022年11月5日至10日``) is in the month and year of its start.

    Read alone, ``10日`` after ``11月5日`` would be the day's latest occurrence
    before the date written before it: 10 October.
    """
    for number in range(1, len(found)):
        start, end = found[number - 1], found[number]
        if (
            end.month is None
            and start.month is not None
            and start.day is not None
            and end.day is not None
            and start.day < end.day
            and _DAY_RANGE.fullmatch(text, start.end, end.start)
        ):
            found[number] = replace(end, year=start.year, month=start.month, relative=start.relative)
    return found


def _kept(text: str, mention: DateMention) -> bool:
    """False for a date that is no event's: a reporting date, a period's bound."""
    before = text[max(0, mention.start - 8) : mention.start]
    if _PERIOD_BEFORE.search(before) or _REPORTING_AFTER.match(text, mention.end):
        return False
    # a month at either end of a range (1至9月, 1月至4月) is a period of months
    ranged = _MONTH_RANGE_AFTER.match(text, mention.end) or _MONTH_RANGE_BEFORE.search(before)
    return mention.day is not None or not ranged


def _marked(text: str, mention: DateMention) -> DateMention:
    if mention.day is not None and _DATELINE_AFTER.match(text, mention.end):
        return replace(mention, dateline=True)
    return mention


@lru_cache(maxsize=1)  # one article at a time: its events and stages ask often
def _years(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where each year is written in ``text``, and the years: an article's events and stages ask often."""
    found = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(text)]
    return tuple(p for p, _ in found), tuple(y for _, y in found)


def year_hint(text: str, before: int) -> int | None:
    """The last year written in ``text`` before position ``before``, else the first after it that is no goal.

    A year written later as a goal (``到2030年``, ``预计2025年建成``) says when
    something is due, not the year of a day told before it without one.
    """
    positions, years = _years(text)
    earlier = bisect_left(positions, before)  # the years written before ``before``
    if earlier:
        return years[earlier - 1]
    for position, year in zip(positions, years, strict=True):
        if not _TARGET_BEFORE.search(text, max(0, position - 4), position):
            return year
    return None


def resolve(mention: DateMention, published: date | None, hint: int | None, past: bool) -> DateSpan | None:
    """The calendar date (or month window) a mention stands for, or None if no year is known.

    ``past`` is True for things that already happened: a date after
    ``published`` then moves back one year.
    """
    if mention.month is None:
        return None  # a day alone: see ``event_date``, which lends it a month
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
    span = _span(year, mention.month, mention.day, mention.last_day)
    if span is None:
        return None
    if inferred and past and published and span.earliest > published + timedelta(days=1):
        span = _span(year - 1, mention.month, mention.day, mention.last_day)
    return span


def _span(year: int, month: int, day: int | None, last_day: int | None = None) -> DateSpan | None:
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return DateSpan(date(year, month, 1), date(year, month, last))
    if max(day, last_day or day) > last:
        return None
    return DateSpan(date(year, month, day), date(year, month, last_day or day))


def event_date(
    text: str,
    sentence: tuple[int, int],
    paragraph_start: int,
    anchor: int,
    published: date | None,
    past: bool,
) -> DateSpan | None:
    """The date of an event told in ``text[sentence[0]:sentence[1]]``, whose words start at ``anchor``.

    In order: the day nearest before the event in its sentence
    (``经公司2025年3月22日召开的董事会审议通过,公司拟与…签订``), else the
    month nearest before it, a date after
    it in the sentence, the last date earlier in its paragraph, and only then
    a dateline.  ``past`` is True for an event that took place.
    """
    start, end = sentence
    hint = year_hint(text, start)
    in_sentence = find_dates(text, start, end)
    earlier = find_dates(text, paragraph_start, start)
    before = [m for m in in_sentence if m.start < anchor and not m.dateline]
    ordered = [
        # a day before a month (5月26日上午,…5月份集中开工暨签约仪式: the batch is named by its month)
        *reversed([m for m in before if m.day is not None]),
        *reversed([m for m in before if m.day is None]),
        *[m for m in in_sentence if m.start >= anchor and not m.dateline],
        *reversed([m for m in earlier if not m.dateline]),
        *reversed([m for m in (*earlier, *in_sentence) if m.dateline]),
    ]
    written = sorted((*earlier, *in_sentence), key=lambda m: m.start)
    for mention in ordered:
        if mention.month is None:
            span = _day_alone(mention, written, published, hint, past)
        else:
            span = resolve(mention, published, hint, past)
        if span is not None:
            return span
    return None


def _day_alone(
    mention: DateMention, written: list[DateMention], published: date | None, hint: int | None, past: bool
) -> DateSpan | None:
    """``26日``: the day in the month of the date written before it (``4月27日电``), else of the article."""
    base: date | None = None
    for earlier in reversed([m for m in written if m.start < mention.start and m.month is not None]):
        span = resolve(earlier, published, hint, past)
        if span is not None:
            base = span.latest
            break
    if base is None:
        base = published
    if base is None or mention.day is None:
        return None
    year, month = base.year, base.month
    if past and mention.day > base.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)  # 26日 told on the 2nd: last month
    return _span(year, month, mention.day)
