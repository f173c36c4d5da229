"""Clusters: one real-world signing, however many articles report it.

Two reports are one event when their facts agree and enough of them match.
An event's facts (``EventFacts``) are its place, date, parties, kind, status,
amounts and project counts.  ``compare`` weighs two sets of facts:

- **Conflicts** decide alone that the reports are two events: another
  status (a preview and the signing it announces), another place at a level
  both name, days more than ``DAY_SLACK`` apart (or yearless days, 6月1日
  against 8月20日), or another counterparty (the same group signing with a
  second company).  A report dated on its own publication day may be giving
  that day rather than the signing's: an earlier day up to
  ``DATELINE_SLACK`` before it only costs score.
- **Matches** add score: amounts (equal, or equal as rounded: 608.75亿 and
  超600亿, 847.6亿 and 近848亿; a distinctive amount weighs more than a
  round one), named companies, the day, the place (the narrower the level,
  the more), project counts and the kind.  Amounts that all differ and
  project counts that all differ take score away: a ceremony's sub-projects
  carry their own figures, so neither is a conflict.

Two reports are one event when there is no conflict and the score reaches
``THRESHOLD``: the place and a window of dates alone never do, so unrelated
ceremonies of one province stay apart, and three agreements of the same two
parties on three days are three events.  A level missing on one side (a
district against its city, no date, no figure) is compatible, not a conflict.

Within one article, a later event joins an earlier one (``joins_in_article``)
unless they conflict or the later one is an agreement of its own: one that
names a counterparty the earlier does not, is not a batch, and has no amount
below the batch's total.  So a ceremony's sub-projects and a sentence that
refers back to it (以此次签约为契机) are one event with it, while
同日,A与B签订战略合作协议 next to a batch signing is another.

Clusters are found through ``bucket`` keys (the province and the month of
the event's latest possible day): ``lookup_buckets`` lists the buckets whose
clusters may hold a match, so a store reads only those.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar

from monitor.events import dates as dating
from monitor.events.model import Figure, SigningEvent
from monitor.events.signing import BATCH_KINDS
from monitor.text.script import to_simplified

# An undated report speaks of an event in the 60 days before its publication.
UNDATED_WINDOW = timedelta(days=60)
# Two reports of one event may give days one apart: the signing and its announcement the next day.
DAY_SLACK = timedelta(days=1)
# A report dated on its own publication day may give that day (a dateline, a
# results briefing) rather than the signing's: up to a week before it costs score, not a conflict.
DATELINE_SLACK = timedelta(days=7)
# The score two reports need to be one event.  The weights below are chosen
# so that place and kind alone (at most 2) never reach it, nor a round amount
# with the place (at most 3.5); a distinctive amount with the place, or a
# company with the day, do.
THRESHOLD = 4.0

# Weights of each matching field (see the module doc).
# An amount weighs by its significant digits: 60亿 or 超500亿 says little, 5496亿 much.
_AMOUNT_BY_DIGITS = {1: 1.5, 2: 2.0, 3: 3.0}
_MANY_DIGITS = 3.5  # four or more: 359.93亿, 5496亿
_ROUNDED_LESS = 0.5  # what an amount equal only as rounded weighs less
_GARBLED_AMOUNT = 1.5  # the same digits, the decimal point lost: 824.7 and 8247
_GARBLE_DIGITS = 4  # (as many digits at least: 60 and 600 are another amount)
_COMPANY = 2.5  # a named company (or other non-government party) on both sides
_GOVERNMENT = 1.0  # the same government as a party: the place says much of it already
_SAME_DAY = 2.5
_NEXT_DAY = 1.5
_SAME_MONTH_DAY = 2.0  # 9月26日 on both sides, the year known on one side at most
_WINDOWS_MEET = 0.5  # both bounded by a date or a publication, and overlapping
_PLACE = {"county": 1.5, "city": 1.0, "province": 0.5}
_MANY_PROJECTS = 1.5  # the same count, ten or more (73个)
_FEW_PROJECTS = 1.0
_KIND = 0.5  # the same kind, or kinds one event can have (a 签约仪式 of 合作协议)
_WORDING = 2.5  # the same wording beyond the words every signing report uses (特斯拉储能超级工厂)
_MUCH_WORDING = 3.0
_AMOUNTS_DIFFER = -3.0
_PROJECTS_DIFFER = -1.5
_DATELINE = -2.0  # one side's day is its publication day, the other's earlier
# Shared wording is counted in runs of this many characters (5-grams), and
# this many shared runs (a phrase of six characters) are wording at all.
_GRAM = 5
_SOME_GRAMS = 2
_MANY_GRAMS = 6
# Kinds that name a batch of projects whatever else the sentence says, and
# kinds that name a signing of any sort (a batch only when no party is named).
_BATCH_ONLY = BATCH_KINDS - {"签约", "签约仪式"}
_GENERIC_KINDS = frozenset({"签约", "签约仪式"})
_NOT_WORDING = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fffA-Za-z]+")


@dataclass(frozen=True)
class Amount:
    """An investment amount as the cluster compares it: value, currency and qualifier."""

    value: float
    currency: str
    qualifier: str

    def to_text(self) -> str:
        """A short form for evidence: ``359.93亿 CNY (exact)``."""
        return f"{_short_number(self.value)} {self.currency} ({self.qualifier})"


@dataclass(frozen=True)
class EventFacts:
    """What one report (or one article's reports of one event) says of an event, as clustering compares it.

    ``window`` is the span the event's day lies in: the day itself, a month,
    or the ``UNDATED_WINDOW`` before publication; None when nothing bounds it.
    ``month_day`` is the month and day when the year is unknown (a page
    without a date that writes 9月26日) or the day's own month and day.
    ``parties`` are normalised (``normal_party``).
    """

    kinds: frozenset[str]
    status: str
    province: str | None
    city: str | None
    county: str | None
    day: date | None
    window: tuple[date, date] | None
    published: date | None
    month_day: tuple[int, int] | None
    parties: tuple[str, ...]
    amounts: tuple[Amount, ...]
    projects: frozenset[int]
    batch: bool
    wording: tuple[str, ...] = ()  # the evidence's runs of characters beyond common words (``wording_of``)
    grams: frozenset[str] = frozenset()  # their 5-grams

    @property
    def on_publication(self) -> bool:
        """Whether the event's day is its article's publication day (it may be the report's day, not the event's)."""
        return self.day is not None and self.day == self.published


@dataclass(frozen=True)
class Verdict:
    """How two reports compare: the score, which fields matched and how, and the conflict if any."""

    score: float
    fields: dict[str, str] = field(default_factory=dict)
    conflict: str | None = None

    @property
    def same(self) -> bool:
        """Whether the two reports are one event."""
        return self.conflict is None and self.score >= THRESHOLD

    def to_json(self) -> dict[str, Any]:
        """The verdict as stored in a cluster's evidence."""
        return {"score": round(self.score, 2), "fields": dict(self.fields)}


# ---------------------------------------------------------------- facts


def event_amounts(event: SigningEvent) -> tuple[Amount, ...]:
    """The event's investment amounts and its parts' (a size bracket is no amount), each once."""
    figures = [*event.figures, *(f for part in event.parts for f in part.figures)]
    return _unique(Amount(float(f.value), f.currency, f.qualifier) for f in figures if _is_amount(f))


def _is_amount(figure: Figure) -> bool:
    # a size bracket (亿元以上项目18个) is a threshold, not an amount of the event
    return figure.investment and not getattr(figure, "bracket", False)


def facts_of(event: SigningEvent, published: date | None) -> EventFacts:
    """The facts of an event reported by an article published on ``published``."""
    counts = {event.projects, *(part.projects for part in event.parts)}
    return make_facts(
        kind=event.kind,
        status=event.status,
        place=(event.place.province, event.place.city, event.place.county),
        dated=(event.date.earliest, event.date.latest) if event.date else None,
        published=published,
        evidence=event.evidence,
        parties=event.parties,
        amounts=event_amounts(event),
        projects=frozenset(c for c in counts if c is not None),
    )


def make_facts(
    *,
    kind: str,
    status: str,
    place: tuple[str | None, str | None, str | None],
    dated: tuple[date, date] | None,
    published: date | None,
    evidence: str,
    parties: Iterable[str],
    amounts: Sequence[Amount],
    projects: frozenset[int],
) -> EventFacts:
    """Facts from an event's parts as an events row stores them (``dated``: its date window, if any)."""
    day: date | None = None
    window: tuple[date, date] | None = None
    month_day: tuple[int, int] | None = None
    if dated is not None:
        window = dated
        if dated[0] == dated[1]:
            day = dated[0]
            month_day = (day.month, day.day)
    else:
        if published is not None:
            window = (published - UNDATED_WINDOW, published)
        month_day = _yearless_day(evidence)
    names = _unique(p for p in (normal_party(name) for name in parties) if p)
    wording = wording_of(evidence, place)
    return EventFacts(
        kinds=frozenset({kind}),
        status=status,
        province=place[0],
        city=place[1],
        county=place[2],
        day=day,
        window=window,
        published=published,
        month_day=month_day,
        parties=names,
        amounts=tuple(amounts),
        projects=frozenset(c for c in projects if c > 0),
        batch=any(c > 1 for c in projects) or kind in _BATCH_ONLY or (kind in _GENERIC_KINDS and not names),
        wording=wording,
        grams=_grams(wording),
    )


@lru_cache(maxsize=1)
def _common_words() -> re.Pattern[str]:
    """Words every signing report uses (``data/common_words.txt``), longest first: they split a sentence's wording."""
    data = resources.files("monitor.events") / "data" / "common_words.txt"
    lines = [line for line in data.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    words = {word for line in lines for word in line.split()}
    return re.compile("|".join(sorted(words, key=len, reverse=True)))


def wording_of(evidence: str, place: Iterable[str | None] = ()) -> tuple[str, ...]:
    """The runs of a sentence's characters that are neither common words, nor numbers, nor the place's names."""
    text = unicodedata.normalize("NFKC", to_simplified(evidence))
    for name in place:
        if name:
            # 上海市 and 上海: the place counts once, as the place
            text = text.replace(name, "|")
            if len(name) >= 3:
                text = text.replace(name[:-1], "|")
    text = _NOT_WORDING.sub("|", _common_words().sub("|", text))
    return tuple(run for run in text.split("|") if len(run) >= _GRAM)


def _grams(runs: Iterable[str]) -> frozenset[str]:
    return frozenset(run[i : i + _GRAM] for run in runs for i in range(len(run) - _GRAM + 1))


def _yearless_day(evidence: str) -> tuple[int, int] | None:
    """The first month and day the event's sentence writes (9月26日), for a report whose year is unknown."""
    for mention in dating.find_dates(evidence):
        if mention.month is not None and mention.day is not None and _calendar_day(mention.month, mention.day):
            return (mention.month, mention.day)
    return None


def _calendar_day(month: int, day: int) -> date | None:
    """A yearless day placed in a leap year (so 2月29日 exists); None for a day no month has (2月30日)."""
    try:
        return date(2000, month, day)
    except ValueError:
        return None


def combine(facts: Sequence[EventFacts]) -> EventFacts:
    """One article's reports of one event as one set of facts: every field from whichever report has it."""
    first = facts[0]
    if len(facts) == 1:
        return first
    days = [f for f in facts if f.day is not None]
    windows = sorted((f.window for f in facts if f.window is not None), key=lambda w: w[1] - w[0])
    dated = days[0] if days else None
    return EventFacts(
        kinds=frozenset(k for f in facts for k in f.kinds),
        status=first.status,
        province=next((f.province for f in facts if f.province), None),
        city=next((f.city for f in facts if f.city), None),
        county=next((f.county for f in facts if f.county), None),
        day=dated.day if dated else None,
        window=dated.window if dated else (windows[0] if windows else None),
        published=first.published,
        month_day=dated.month_day if dated else next((f.month_day for f in facts if f.month_day), None),
        parties=_unique(p for f in facts for p in f.parties),
        amounts=_unique(a for f in facts for a in f.amounts),
        projects=frozenset(c for f in facts for c in f.projects),
        batch=all(f.batch for f in facts),
        wording=_unique(w for f in facts for w in f.wording),
        grams=frozenset(g for f in facts for g in f.grams),
    )


_T = TypeVar("_T")


def _unique(items: Iterable[_T]) -> tuple[_T, ...]:
    return tuple(dict.fromkeys(items))


# ---------------------------------------------------------------- parties

# Words that surround a party's name in the sentence it was read from.
_PARTY_LEAD = re.compile(r"^(?:共同见证|见证|共同|并|与|和|由)+")
_PARTY_TAIL = re.compile(r"(?:今日|今天|昨日|昨天|宣布|正式|分别|共同|出席)+$")
_COMPANY_FORM = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|股份公司)$")
# A person or a role was read as the party (副省长郑备, 董事长李书福出席): not a party.
_PERSON = re.compile(r"书记|省长|市长|区长|县长|主席|主任|董事长|总裁|总经理|经理|部长|局长|代表")
# Parties that are a government body: their match says little the place does not.
_GOVERNMENT_BODY = re.compile(
    r"(?:政府|管委会|管理委员会|委员会|国资委|新区|开发区|高新区|经开区|园区|片区|[省市区县州盟旗镇乡])$"
)


def normal_party(name: str) -> str:
    """A party's name as compared: the words around it, 人民 and the company form dropped; '' when no party."""
    text = _PARTY_TAIL.sub("", _PARTY_LEAD.sub("", name.strip()))
    if _PERSON.search(text):
        return ""
    text = _COMPANY_FORM.sub("", text.replace("人民", ""))
    return text if len(text) >= 2 else ""


def is_government(party: str) -> bool:
    """Whether a (normalised) party is a government body: a province, city, district, zone or its government."""
    return "政府" in party or _GOVERNMENT_BODY.search(party) is not None


def parties_match(a: str, b: str) -> bool:
    """Whether two normalised parties name one body: one holds the other, or abbreviates it (上汽集团, 上海汽车集团)."""
    short, long = sorted((a, b), key=len)
    if short in long:
        return True
    # an abbreviation keeps the name's characters in order and starts where it does, or with its first two
    return len(short) >= 3 and _in_order(short, long) and (short[0] == long[0] or short[:2] in long)


def _in_order(short: str, long: str) -> bool:
    rest = iter(long)
    return all(char in rest for char in short)


# ---------------------------------------------------------------- amounts


def _digits(value: float) -> tuple[str, int]:
    """An amount's significant digits and the power of ten of the last one (359.93亿 → ('35993', 6))."""
    try:
        number = Decimal(repr(float(value))).normalize()
    except InvalidOperation:
        return ("", 0)
    _, digits, exponent = number.as_tuple()
    if not isinstance(exponent, int):
        return ("", 0)  # infinity or NaN
    return ("".join(map(str, digits)), exponent)


def _strength(amount: Amount) -> float:
    return _AMOUNT_BY_DIGITS.get(len(_digits(amount.value)[0]), _MANY_DIGITS)


def _rounded_to(rough: Amount, fine: float) -> bool:
    """Whether ``fine`` is what the less precise ``rough`` says, as rounded and qualified (超600亿 for 608.75亿)."""
    _, exponent = _digits(rough.value)
    step = 10.0**exponent
    if rough.qualifier == "more_than":
        return rough.value <= fine < rough.value + step
    if rough.qualifier == "nearly":
        return rough.value - step < fine <= rough.value
    return abs(fine - rough.value) <= step / 2 * (1 + 1e-9)


def amounts_match(a: Amount, b: Amount) -> tuple[float, str] | None:
    """How strongly two amounts say one event, and how they agree; None when they do not."""
    if a.currency != b.currency or not (math.isfinite(a.value) and math.isfinite(b.value)):
        return None
    if math.isclose(a.value, b.value, rel_tol=1e-9):
        return _strength(a), f"equal: {a.to_text()}"
    digits_a, digits_b = _digits(a.value)[0], _digits(b.value)[0]
    rough, fine = (a, b) if len(digits_a) <= len(digits_b) else (b, a)
    if _rounded_to(rough, fine.value):
        return _strength(rough) - _ROUNDED_LESS, f"rounded: {rough.to_text()} for {fine.to_text()}"
    if digits_a == digits_b and len(digits_a) >= _GARBLE_DIGITS:
        return _GARBLED_AMOUNT, f"same digits: {a.to_text()} and {b.to_text()}"
    return None


# ---------------------------------------------------------------- comparing


def compare(a: EventFacts, b: EventFacts) -> Verdict:
    """How two reports compare: a conflict, or a score and the fields that matched."""
    if a.status != b.status:
        return Verdict(0.0, conflict=f"status: {a.status} and {b.status}")
    fields: dict[str, str] = {}
    score = 0.0
    place = _place(a, b)
    if place is None:
        return Verdict(0.0, conflict="place")
    if place:
        score += _PLACE[place]
        fields["place"] = f"same {place}"
    dated = _date(a, b)
    if dated is None:
        return Verdict(0.0, conflict="date")
    if dated[1]:
        score += dated[0]
        fields["date"] = dated[1]
    parties = _parties(a, b)
    if parties is None:
        return Verdict(0.0, conflict="parties")
    if parties[1]:
        score += parties[0]
        fields["parties"] = parties[1]
    amounts = _amounts(a, b)
    if amounts[1]:
        score += amounts[0]
        fields["amounts"] = amounts[1]
    projects = _projects(a, b)
    if projects[1]:
        score += projects[0]
        fields["projects"] = projects[1]
    kinds = _kinds(a, b)
    if kinds:
        score += _KIND
        fields["kind"] = kinds
    wording = _wording(a, b)
    if wording[1]:
        score += wording[0]
        fields["wording"] = wording[1]
    return Verdict(score, fields)


def same_cluster(a: EventFacts, b: EventFacts) -> bool:
    """Whether two reports stand for the same real-world event."""
    return compare(a, b).same


def joins_in_article(earlier: EventFacts, later: EventFacts) -> bool:
    """Whether a later event of an article is the earlier one again: a part of it, or a sentence referring to it.

    Not when they conflict (another place, another day, another status), nor
    when the later one is an agreement of its own: it names a party the
    earlier does not, is not a batch of projects, and has no amount below the
    earlier batch's total (镇安县与…签订…项目合同书,总投资19.8亿元 after a
    ceremony of 40 projects and 295.73亿元 is one of them).
    """
    if earlier.status != later.status or _place(earlier, later) is None or _date(earlier, later, strict=True) is None:
        return False
    if _parties(earlier, later) is None:
        return False
    own = [p for p in later.parties if not any(parties_match(p, q) for q in earlier.parties)]
    # an agreement with a party of its own is another event, unless its amount is a part of the batch's
    return not own or later.batch or _part_of(later, earlier)


def _place(a: EventFacts, b: EventFacts) -> str | None:
    """The narrowest level both name alike ('' when none); None when a level both name differs.

    A municipality's city is the province again (上海市/上海市): it matches as a province.
    """
    matched = ""
    for level, x, y in (("province", a.province, b.province), ("city", a.city, b.city), ("county", a.county, b.county)):
        if x and y:
            if x != y:
                return None
            matched = "province" if level == "city" and x == a.province else level
    return matched


def _kinds(a: EventFacts, b: EventFacts) -> str:
    """How the kinds agree: the same kind, a generic one (签约, 签约仪式) on one side, or two batches; '' if not."""
    common = a.kinds & b.kinds
    if common:
        return "same: " + "/".join(sorted(common))
    if a.kinds & _GENERIC_KINDS or b.kinds & _GENERIC_KINDS:
        return "compatible: " + "/".join(sorted(a.kinds)) + " and " + "/".join(sorted(b.kinds))
    if a.kinds <= BATCH_KINDS and b.kinds <= BATCH_KINDS:
        return "both batches: " + "/".join(sorted(a.kinds | b.kinds))
    return ""


def _wording(a: EventFacts, b: EventFacts) -> tuple[float, str]:
    """Wording both sentences share beyond common words (a name, a venue, a title), as runs of characters."""
    shared = a.grams & b.grams
    if len(shared) < _SOME_GRAMS:
        return 0.0, ""
    phrases = _phrases(a.wording, shared)
    return (_MUCH_WORDING if len(shared) >= _MANY_GRAMS else _WORDING), "shared: " + ", ".join(phrases)


def _phrases(runs: Iterable[str], shared: frozenset[str]) -> list[str]:
    """The stretches of ``runs`` covered by shared 5-grams, longest first (for evidence)."""
    found: list[str] = []
    for run in runs:
        covered = [False] * len(run)
        for i in range(len(run) - _GRAM + 1):
            if run[i : i + _GRAM] in shared:
                covered[i : i + _GRAM] = [True] * _GRAM
        start = None
        for i, hit in enumerate([*covered, False]):
            if hit and start is None:
                start = i
            elif not hit and start is not None:
                found.append(run[start:i])
                start = None
    return sorted(dict.fromkeys(found), key=len, reverse=True)


def _date(a: EventFacts, b: EventFacts, strict: bool = False) -> tuple[float, str] | None:
    """What the dates add (score and how); None when they cannot be one event's.

    ``strict``: no allowance for a publication day given as the event's (one
    article's events share its publication day).
    """
    if a.day is not None and b.day is not None:
        apart = abs(a.day - b.day)
        if apart == timedelta(0):
            return _SAME_DAY, f"same day: {a.day.isoformat()}"
        if apart <= DAY_SLACK:
            return _NEXT_DAY, f"a day apart: {min(a.day, b.day).isoformat()} and {max(a.day, b.day).isoformat()}"
        later, earlier = (a, b) if a.day > b.day else (b, a)
        assert later.day is not None and earlier.day is not None
        if not strict and later.on_publication and later.day - earlier.day <= DATELINE_SLACK:
            return _DATELINE, f"publication day {later.day.isoformat()} against event day {earlier.day.isoformat()}"
        return None
    if a.month_day is not None and b.month_day is not None:
        apart_days = _yearless_apart(a.month_day, b.month_day)
        if apart_days > DAY_SLACK.days:
            return None
        if a.window is not None and b.window is not None and not _overlap(a.window, b.window):
            return None
        return _SAME_MONTH_DAY, f"same month and day: {a.month_day[0]}月{a.month_day[1]}日"
    if a.window is None or b.window is None:
        return 0.0, ""
    if not _overlap(a.window, b.window):
        return None
    return _WINDOWS_MEET, f"windows meet: {_window_text(a.window)} and {_window_text(b.window)}"


def _overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] - DAY_SLACK <= b[1] and b[0] - DAY_SLACK <= a[1]


def _yearless_apart(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Days between two yearless days, around the year's end too (12月31日 and 1月1日 are one apart)."""
    x, y = _calendar_day(*a), _calendar_day(*b)
    if x is None or y is None:
        return 0
    apart = abs((x - y).days)
    return min(apart, 366 - apart)


def _window_text(window: tuple[date, date]) -> str:
    first, last = window
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def _parties(a: EventFacts, b: EventFacts) -> tuple[float, str] | None:
    """What the parties add; None when each side has a party the other lacks and one of them is no government.

    Two governments of nested places (a province and its new area) may both
    sign one agreement as one report names one and the next the other; a
    second company is another agreement.
    """
    if not a.parties or not b.parties:
        return 0.0, ""
    pairs = [(p, q) for p in a.parties for q in b.parties if parties_match(p, q)]
    only_a = [p for p in a.parties if not any(p == x for x, _ in pairs)]
    only_b = [q for q in b.parties if not any(q == y for _, y in pairs)]
    if only_a and only_b and not all(is_government(p) for p in (*only_a, *only_b)):
        return None
    companies = [(p, q) for p, q in pairs if not is_government(p) and not is_government(q)]
    if companies:
        p, q = companies[0]
        return _COMPANY, f"company: {p} ~ {q}"
    if pairs:
        p, q = pairs[0]
        return _GOVERNMENT, f"government: {p} ~ {q}"
    return 0.0, ""


def _amounts(a: EventFacts, b: EventFacts) -> tuple[float, str]:
    """The strongest agreeing pair of amounts; a penalty when both sides have amounts and none agree."""
    if not a.amounts or not b.amounts:
        return 0.0, ""
    best: tuple[float, str] | None = None
    for x in a.amounts:
        for y in b.amounts:
            found = amounts_match(x, y)
            if found is not None and (best is None or found[0] > best[0]):
                best = found
    if best is None:
        # a single agreement below a batch's total may be one of the batch's projects: no evidence either way
        if _part_of(a, b) or _part_of(b, a):
            return 0.0, "smaller than a batch's total"
        return _AMOUNTS_DIFFER, "differ"
    return best


def _part_of(part: EventFacts, whole: EventFacts) -> bool:
    """Whether ``part`` is a single agreement whose amounts are all below ``whole``'s, a batch."""
    if part.batch or not whole.batch or not part.amounts:
        return False
    total = max((x.value for x in whole.amounts), default=0.0)
    return all(x.value < total for x in part.amounts)


def _projects(a: EventFacts, b: EventFacts) -> tuple[float, str]:
    """A project count both give; a penalty when both give counts and none is common."""
    if not a.projects or not b.projects:
        return 0.0, ""
    common = a.projects & b.projects
    if not common:
        return _PROJECTS_DIFFER, "differ"
    count = max(common)
    return (_MANY_PROJECTS if count >= 10 else _FEW_PROJECTS), f"same count: {count}"


# ---------------------------------------------------------------- buckets


def bucket(facts: EventFacts) -> str:
    """The cluster key an event founds its cluster under: its province and the month its window ends in."""
    month = facts.window[1].strftime("%Y-%m") if facts.window else "-"
    return f"{facts.province or '-'}|{month}"


def lookup_months(facts: EventFacts) -> list[str] | None:
    """The months of the buckets whose clusters may match ``facts`` ('-' for undated ones); None: any month.

    A cluster's bucket month is where its founder's window ends: at most
    ``UNDATED_WINDOW`` after the window begins, which is at most
    ``DATELINE_SLACK`` after this event's window ends.
    """
    if facts.window is None:
        return None
    first = facts.window[0] - DATELINE_SLACK
    last = facts.window[1] + DATELINE_SLACK + UNDATED_WINDOW
    months: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [*months, "-"]


def _short_number(value: float) -> str:
    """``35993000000`` → ``359.93亿``; a value under 10,000 as it is."""
    for unit, size in (("亿", 1e8), ("万", 1e4)):
        if abs(value) >= size:
            return f"{value / size:.6g}{unit}"
    return f"{value:.6g}"


def group_events(facts: Sequence[EventFacts]) -> list[list[int]]:
    """An article's events (by index, in article order) in groups of one real event each (``joins_in_article``)."""
    groups: list[list[int]] = []
    combined: list[EventFacts] = []
    for index, event in enumerate(facts):
        for number, earlier in enumerate(combined):
            if joins_in_article(earlier, event):
                groups[number].append(index)
                combined[number] = combine([earlier, event])
                break
        else:
            groups.append([index])
            combined.append(event)
    return groups
