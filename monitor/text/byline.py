"""Article metadata from the lines around the title: published time, source, author.

Times are returned as the page gives them, in the site's local (Beijing) time,
as time-zone-aware values (UTC+8), so a store that keeps UTC keeps the right
instant.  A relative time (``9个月前 (09-24)``) is resolved against the fetch
time seen on a Beijing clock; a naive fetch time is taken as UTC, the project's
convention for naive instants.  Without a fetch time a relative time cannot be
resolved and stays unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

# A fixed offset rather than Asia/Shanghai from tzdata: China has had no daylight
# saving since 1991, and the fixed offset needs no time-zone database.
BEIJING = timezone(timedelta(hours=8), "UTC+08:00")

_ABSOLUTE = re.compile(
    r"(?<!\d)(20\d{2}|19\d{2})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]*(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2}))?)?"
)
_RELATIVE = re.compile(
    r"(\d+)\s*(秒|分钟|小时|天|日|周|星期|个月|月|年)前"
    r"(?:\s*[(（]\s*(\d{1,2})-(\d{1,2})\s*[)）])?"
)
_JUST_NOW = re.compile(r"刚刚")
_UNIT_DAYS = {"天": 1.0, "日": 1.0, "周": 7.0, "星期": 7.0, "个月": 30.44, "月": 30.44, "年": 365.25}
_UNIT_SECONDS = {"秒": 1, "分钟": 60, "小时": 3600}
# Where a 来源 or author ends: at the next field of the meta line, never at a word inside
# the name (肥西发布, 宝山融媒, 嘉兴日报 are whole names; 发布 alone ends nothing).
_STOP = (
    r"(?=\s|[|｜【\[(（<]|点击|浏览|阅读|人气|访问|评论|作者|编辑|责任编辑|责编|记者|摄影|"
    r"发布(?:时间|日期|于|者)|(?:更新)?(?:时间|日期)\s*[:：]|字号|字体|打印|关闭|分享|"
    r"(?:19|20)\d{2}\s*[-/年.]\s*\d{1,2}|$)"
)
_SOURCE = re.compile(r"(?:文章|信息|新闻)?来源\s*[:：]\s*(.+?)" + _STOP)
_AUTHOR = re.compile(r"(?:作者|记者)\s*[:：]\s*(.+?)" + _STOP)
# Z-BlogPHP's meta line begins with the author's login glued to the time.
_LOGIN_BEFORE_TIME = re.compile(r"^([A-Za-z][\w.-]{0,30}?)(?=\d+\s*(?:秒|分钟|小时|天|周|个月|年)前|20\d{2}-)")
# A paragraph that is only a byline: 来源：嘉兴日报, 文章来源：嘉兴日报　责任编辑：张立新.
_SOURCE_PARAGRAPH = re.compile(r"^(?:文章|本文|信息|新闻)?来源\s*[:：]")
_MAX_SOURCE_PARAGRAPH = 40
_BODY_SOURCE = re.compile(r"^[(（]\s*(?:文章|本文)?来源\s*[:：]\s*(.+?)\s*[)）]$")
_BYLINE = re.compile(r"[(（]\s*记者\s*([\u4e00-\u9fff]{2,4})\s*[)）]")
# A meta line is short: a long line with a date in it is prose.
_MAX_META_LINE = 90
# Han characters a meta line may hold besides its date and source (site and column
# names, 点击, 字号): seed 001's 宝山产业地产信息 plus room to spare.
_MAX_META_WORDS = 16
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A 来源 longer than this is a sentence, not a name.
_MAX_SOURCE = 30
_NOT_A_NAME = re.compile(r"[:：]|\d{2}|前\s*[(（]|https?://")
# Dates in article URLs: TRS's t20210826_123, /2021/8/26/, /2021/0826/, /20210826/, /2021-08-26/.
_URL_DATES = tuple(
    re.compile(pattern)
    for pattern in (
        r"/t((?:19|20)\d{2})(\d{2})(\d{2})_\d+",
        r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=/)",
        r"/((?:19|20)\d{2})/(\d{2})(\d{2})(?=/)",
        r"/((?:19|20)\d{2})(\d{2})(\d{2})(?=/)",
        r"/((?:19|20)\d{2})-(\d{2})-(\d{2})(?=/)",
    )
)


@dataclass(frozen=True)
class Metadata:
    """What the page says about the article besides its text.

    ``relative``: ``published`` was read from a relative time (``3天前``), the
    least certain kind of date a page gives.
    """

    published: datetime | None = None
    source: str | None = None
    author: str | None = None
    relative: bool = False


def is_meta_line(line: str) -> bool:
    """True for a short line giving a date, a relative time or a 来源, and little else.

    A sentence that merely starts with a date (``2021年8月26日,上海市宝山区举行…``)
    is prose: once the date, time and source are taken out, a meta line has
    no full stop and only a few words left.
    """
    if len(line) > _MAX_META_LINE:
        return False
    if not (_ABSOLUTE.search(line) or _RELATIVE.search(line) or _SOURCE.search(line)):
        return False
    rest = _SOURCE.sub("", _RELATIVE.sub("", _ABSOLUTE.sub("", line)))
    return "。" not in rest and len(_HAN.findall(rest)) <= _MAX_META_WORDS


def parse_metadata(
    meta_lines: list[str], body: list[str] | tuple[str, ...] = (), fetched: datetime | None = None
) -> Metadata:
    """Read published time, source and author from meta lines (and a body byline)."""
    published = None
    relative = None
    source = None
    author = None
    for line in meta_lines:
        # An absolute date on any line beats a relative one on an earlier line.
        if published is None and _ABSOLUTE.search(line):
            published = parse_published(line)
        if relative is None and published is None:
            relative = parse_published(line, fetched)
        if source is None and (match := _SOURCE.search(line)):
            source = match.group(1).strip() or None
        if author is None and (match := _AUTHOR.search(line) or _LOGIN_BEFORE_TIME.search(line)):
            author = match.group(1).strip() or None
    for paragraph in body[:1] if author is None else ():
        if match := _BYLINE.search(paragraph):
            author = match.group(1)
    for paragraph in body[-3:] if source is None else ():
        if match := _BODY_SOURCE.match(paragraph):
            source = match.group(1)
    if published is None and relative is not None:
        return Metadata(relative, source, author, relative=True)
    return Metadata(published, source, author)


def split_source_paragraphs(body: list[str]) -> tuple[list[str], str | None]:
    """The body without byline paragraphs (``来源：嘉兴日报``) among its first two and last three, and their 来源.

    Editors of CMSes with no 来源 field (WordPress, Z-BlogPHP) type it as a
    paragraph of its own; it is metadata, not article text.
    """
    found = None
    kept = []
    edge = {index for index in range(len(body)) if index < 2 or index >= len(body) - 3}
    for index, paragraph in enumerate(body):
        if index in edge and len(paragraph) <= _MAX_SOURCE_PARAGRAPH and _SOURCE_PARAGRAPH.match(paragraph):
            found = found or source_name(paragraph)
            continue
        kept.append(paragraph)
    return kept, found


def source_name(text: str) -> str | None:
    """The 来源 a line gives (``来源:肥西发布 作者:李明`` → ``肥西发布``), else the line when it is a bare name."""
    if match := _SOURCE.search(text):
        return match.group(1).strip(" :：") or None
    text = text.strip()
    # An element holding the name alone (a ContentSource meta, a <span class="source">); a line of
    # other fields (a date, a counter, 作者:…) names no source.
    return text if 0 < len(text) <= _MAX_SOURCE and not _NOT_A_NAME.search(text) else None


def parse_published(line: str, fetched: datetime | None = None) -> datetime | None:
    """The time a meta line gives, absolute or relative to ``fetched``; None if none."""
    if match := _ABSOLUTE.search(line):
        year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
        try:
            return datetime(year, month, day, hour, minute, second, tzinfo=BEIJING)
        except ValueError:
            return None
    if fetched is None:
        return None
    now = beijing_time(fetched)
    if _JUST_NOW.search(line):
        return now.replace(microsecond=0)
    match = _RELATIVE.search(line)
    if match is None:
        return None
    amount, unit = int(match.group(1)), match.group(2)
    if unit in _UNIT_SECONDS:
        estimate = now - timedelta(seconds=amount * _UNIT_SECONDS[unit])
    else:
        estimate = now - timedelta(days=amount * _UNIT_DAYS[unit])
    if match.group(3):
        return _month_day_near(int(match.group(3)), int(match.group(4)), estimate, now)
    return estimate.replace(microsecond=0)


def _month_day_near(month: int, day: int, estimate: datetime, now: datetime) -> datetime | None:
    """The date with this month and day closest to ``estimate`` and not after ``now``."""
    candidates = []
    for year in (estimate.year - 1, estimate.year, estimate.year + 1):
        try:
            candidate = datetime(year, month, day, tzinfo=BEIJING)
        except ValueError:
            continue
        if candidate <= now:
            candidates.append(candidate)
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: abs(candidate - estimate))


def parse_machine_date(value: str) -> datetime | None:
    """A date as pages give it to machines (``<time datetime>``, ``<meta content>``, JSON-LD), on a Beijing clock.

    ISO 8601 with an offset (``2021-08-26T02:30:00Z``) is converted; without one
    it is Beijing time, like every date a Chinese page prints.  RFC 822 dates
    (feeds) and the printed forms ``parse_published`` reads are taken too.
    """
    value = value.strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return parse_published(value) if _ABSOLUTE.search(value) else None
    if not 1990 <= moment.year <= 2100:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=BEIJING)
    return moment.astimezone(BEIJING)


def url_date(url: str | None) -> datetime | None:
    """The publication date an article URL carries.

    ``t20210826_`` (TRS), ``/2021/8/26/``, ``/2021/0826/``, ``/20210826/``, ``/2021-08-26/``.
    """
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            year, month, day = (int(group) for group in match.groups())
            try:
                return datetime(year, month, day, tzinfo=BEIJING)
            except ValueError:
                continue
    return None


def beijing_time(moment: datetime) -> datetime:
    """``moment`` on a Beijing clock (UTC+8); a naive ``moment`` is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BEIJING)
