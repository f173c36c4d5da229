"""Clusters: one real-world event (a signing, an expo's closing, a groundbreaking), however many articles report it.

Two reports are one event when their facts agree and enough of them match.
An event's facts (``EventFacts``) are its place, date, parties, kind, status,
amounts and project counts.  ``compare`` weighs two sets of facts:

- **Conflicts** decide alone that the reports are two events: another
  status (a preview and the signing it announces; a mention, status
  ``reported``, names none and agrees with any), another edition of a
  recurring occasion (第三届 and 第四届), two stages of a project or a stage
  and a signing (开工 and 投产; a launch and the agreement signed that day),
  another place at a level both name, days more than ``DAY_SLACK`` apart (or
  yearless days, 6月1日 against 8月20日), or another counterparty (the same
  group signing with a second company).  A report dated on its own
  publication day may be giving that day rather than the signing's: an
  earlier day up to ``DATELINE_SLACK`` before it only costs score.
- **Matches** add score: amounts (equal, or equal as rounded: 608.75亿 and
  超600亿, 847.6亿 and 近848亿; a distinctive amount weighs more than a
  round one; a mention's turnover counts too), named companies, the day, the
  place (the narrower the level, the more), project counts, the kind, the
  same edition, wording both share beyond common words, and names (short
  runs between common words: 特斯拉, 埃克森美孚) where a side names no
  parties.  Amounts that all differ and project counts that all differ take
  score away: a ceremony's sub-projects carry their own figures, so neither
  is a conflict.

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
同日,A与B签订战略合作协议 next to a batch signing is another; an agreement
first told without its parties is the one a later sentence names.

Clusters are found through ``bucket`` keys (the province and the month of
the event's latest possible day): ``lookup_buckets`` lists the buckets whose
clusters may hold a match, so a store reads only those.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from monitor.events.cluster_facts import (
    GENERIC_KINDS,
    GRAM,
    PHRASE,
    REPORTED,
    UNDATED_WINDOW,
    Amount,
    EventFacts,
    calendar_day,
    combine,
    copied_runs,
    is_government,
)
from monitor.events.mentions import STAGE_KINDS
from monitor.events.signing import BATCH_KINDS

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
_ROUNDED_DIGITS = 3  # an amount written with no qualifier is taken as rounded only with this many digits (848亿)
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
# A name both reports give (a short run between common words), by its length; at most as much as a company.
_NAME_BY_LENGTH = {3: 1.0, 4: 1.5}  # 特斯拉, 巴斯夫; 三峡集团
_MANY_NAMES = 2.5  # five characters (埃克森美孚), or names that add up to it
_EDITION = 1.5  # the same edition of a recurring occasion (第三届)
_AMOUNTS_DIFFER = -3.0
_BARE_AGREEMENT = "协议"  # the kind of an agreement its report does not name (签署协议)
_PROJECTS_DIFFER = -1.5
_DATELINE = -2.0  # one side's day is its publication day, the other's earlier
# A fair's opening or closing told by a mention, and the words a signing's own sentence uses
# when it was signed there (27个项目在开幕式现场签约): only then is that signing the occasion's.
_SETTINGS = {"开幕": ("开幕",), "闭幕": ("闭幕", "闭会", "落幕", "帷幕")}
# What a field that matched says when no explanation was asked for.
_NAMED = "yes"
# What a field that counted against says, with or without an explanation.
_DIFFER = "differ"
# Shared wording counts from this many shared runs of five characters (a
# phrase of six), and weighs more from the second number (a phrase of ten).
_SOME_GRAMS = 2
_MANY_GRAMS = 6


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


# ---------------------------------------------------------------- parties


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


@lru_cache(maxsize=4096)
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
    digits, exponent = _digits(rough.value)
    step = 10.0**exponent
    if rough.qualifier == "more_than":
        return rough.value <= fine < rough.value + step
    if rough.qualifier == "nearly":
        return rough.value - step < fine <= rough.value
    if rough.qualifier == "exact" and len(digits) < _ROUNDED_DIGITS:
        return False  # 220亿 or 60亿 as written is that amount: 216亿 is another
    return abs(fine - rough.value) <= step / 2 * (1 + 1e-9)


def amounts_match(a: Amount, b: Amount, explain: bool = True) -> tuple[float, str] | None:
    """How strongly two amounts say one event, and how they agree; None when they do not."""
    if a.currency != b.currency or not (math.isfinite(a.value) and math.isfinite(b.value)):
        return None
    if math.isclose(a.value, b.value, rel_tol=1e-9):
        return _strength(a), f"equal: {a.to_text()}" if explain else _NAMED
    digits_a, digits_b = _digits(a.value)[0], _digits(b.value)[0]
    rough, fine = (a, b) if len(digits_a) <= len(digits_b) else (b, a)
    if _rounded_to(rough, fine.value):
        how = f"rounded: {rough.to_text()} for {fine.to_text()}" if explain else _NAMED
        return _strength(rough) - _ROUNDED_LESS, how
    if digits_a == digits_b and len(digits_a) >= _GARBLE_DIGITS:
        return _GARBLED_AMOUNT, f"same digits: {a.to_text()} and {b.to_text()}" if explain else _NAMED
    return None


# ---------------------------------------------------------------- comparing


def compare(a: EventFacts, b: EventFacts, explain: bool = True) -> Verdict:
    """How two reports compare: a conflict, or a score and the fields that matched.

    ``explain``: say how each field matched (``Verdict.fields``); without it the
    fields are named with no text (a store scanning candidates asks again for the one it keeps).
    """
    if not statuses_agree(a.status, b.status):
        return Verdict(0.0, conflict=f"status: {a.status} and {b.status}")
    fields: dict[str, str] = {}
    score = 0.0
    if a.editions and b.editions and not a.editions & b.editions:
        return Verdict(0.0, conflict="edition")
    if _other_stages(a, b):
        return Verdict(0.0, conflict="stage")
    if editions := a.editions & b.editions:
        score += _EDITION
        fields["edition"] = "same: " + "/".join(f"第{n}届" for n in sorted(editions)) if explain else _NAMED
    place = _place(a, b)
    if place is None:
        return Verdict(0.0, conflict="place")
    if place:
        score += _PLACE[place]
        fields["place"] = f"same {place}" if explain else _NAMED
    dated = _date(a, b, explain=explain)
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
    amounts = _amounts(a, b, explain)
    if amounts[1]:
        score += amounts[0]
        fields["amounts"] = amounts[1]
    projects = _projects(a, b)
    if projects[1]:
        score += projects[0]
        fields["projects"] = projects[1]
    kinds = _kinds(a, b, explain)
    if kinds:
        score += _KIND
        fields["kind"] = kinds
    # wording costs most to read: only where it can decide, or joins the evidence of a match
    wording = _wording(a, b, explain) if score + _MUCH_WORDING >= THRESHOLD else (0.0, "")
    if wording[1]:
        score += wording[0]
        fields["wording"] = wording[1]
    names = _names(a, b, bool(wording[1]), explain) if score + _MANY_NAMES >= THRESHOLD else (0.0, "")
    if names[1]:
        score += names[0]
        fields["names"] = names[1]
    return Verdict(score, fields)


def disagrees(verdict: Verdict) -> bool:
    """Whether a report that is not the same event as a cluster's member keeps it out of the member's cluster.

    It does when their amounts or their project counts differ: a cluster
    whose founder gave neither (a partyless report, a mention) matches any
    signing of its county that day, and would otherwise chain two agreements
    of other amounts or counts into one event — and one of them would never
    be alerted.  A member the report matches on its own (the same wording,
    company or day besides) does not keep it out.
    """
    return not verdict.same and _DIFFER in (verdict.fields.get("amounts"), verdict.fields.get("projects"))


def statuses_agree(a: str, b: str) -> bool:
    """Whether two reports' statuses may be one event's: equal, or one a mention (``reported``) that names none."""
    return a == b or REPORTED in (a, b)


def same_cluster(a: EventFacts, b: EventFacts) -> bool:
    """Whether two reports stand for the same real-world event."""
    return compare(a, b).same


def joins_in_article(earlier: EventFacts, later: EventFacts) -> bool:
    """Whether a later event of an article is the earlier one again: a part of it, or a sentence referring to it.

    Not when they conflict (another place, another day, another status), nor
    when the later one is an agreement of its own: it names a party the
    earlier does not, is not a batch of projects, and has no amount below the
    earlier batch's total (镇安县与…签订…项目合同书,总投资19.8亿元 after a
    ceremony of 40 projects and 295.73亿元 is one of them).  A single
    agreement that names no party yet is the one the later sentence names.
    """
    if earlier.status != later.status or _place(earlier, later) is None or _date(earlier, later, strict=True) is None:
        return False
    if _parties(earlier, later) is None:
        return False
    if not earlier.parties and not earlier.batch and not later.batch:
        # one agreement told twice, first without its parties:
        # 特斯拉…签署了投资协议 … 上海市政府和特斯拉公司已签署合作备忘录
        return True
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


def _other_stages(a: EventFacts, b: EventFacts) -> bool:
    """Whether two reports name two different stages of a project (开工 and 投产), or a stage and a signing."""
    x, y = a.kinds & STAGE_KINDS, b.kinds & STAGE_KINDS
    if bool(x) != bool(y):
        # a stage (a mention's) against a signing: a launch is not the agreement signed that day;
        # against another mention (签约 worded otherwise, 闭幕) it may be the same occasion
        return a.status != b.status
    return bool(x) and bool(y) and not x & y


def _kinds(a: EventFacts, b: EventFacts, explain: bool = True) -> str:
    """How the kinds agree: the same kind, a generic one (签约, 签约仪式) on one side, or two batches; '' if not."""
    common = a.kinds & b.kinds
    if common:
        return "same: " + "/".join(sorted(common)) if explain else _NAMED
    if _elsewhere(a, b) or _elsewhere(b, a):
        return ""
    if a.kinds & GENERIC_KINDS or b.kinds & GENERIC_KINDS or _agreements(a.kinds, b.kinds):
        return "compatible: " + "/".join(sorted(a.kinds)) + " and " + "/".join(sorted(b.kinds)) if explain else _NAMED
    if a.kinds <= BATCH_KINDS and b.kinds <= BATCH_KINDS:
        return "both batches: " + "/".join(sorted(a.kinds | b.kinds)) if explain else _NAMED
    return ""


def _elsewhere(setting: EventFacts, signing: EventFacts) -> bool:
    """Whether a mention of a fair's opening or closing and a signing whose sentence does not place it there.

    A city holds a fair's opening and a congress's signing on one day (福州,
    2025-05-18: 海交会开幕 and 全球招商大会…共签约82个项目): the generic 签约 is
    of the opening only when its sentence says so (在开幕式现场签约).
    """
    if setting.status != REPORTED or signing.status == REPORTED or not setting.kinds <= _SETTINGS.keys():
        return False
    words = [w for kind in setting.kinds for w in _SETTINGS[kind]]
    return not any(w in sentence for sentence in signing.evidence for w in words)


def _agreements(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether one side names a bare agreement (协议) and the other a named one (战略合作协议, 投资协议).

    A report that says only that the two sides 签署协议 may be telling of the
    agreement another report names in full: a bare 协议 is generic among agreements.
    """
    return (_BARE_AGREEMENT in a and any(k.endswith(_BARE_AGREEMENT) for k in b)) or (
        _BARE_AGREEMENT in b and any(k.endswith(_BARE_AGREEMENT) for k in a)
    )


def _wording(a: EventFacts, b: EventFacts, explain: bool = True) -> tuple[float, str]:
    """Wording both sentences share beyond common words (a name, a venue, a title), as runs of characters."""
    shared = a.grams & b.grams
    if len(shared) < _SOME_GRAMS:
        # a long phrase both write alike, though made of common words (新能源动力及储能电池生产制造基地一期项目);
        # not when both write years and none is common: a series' name told again the next year
        # (only where a side names no parties, as names: two agreements of the same parties
        # share their sentence, 宝武集团与苏州工业园区政府签订战略合作协议, on any day)
        copied = a.phrases & b.phrases if not (a.parties and b.parties) else frozenset()
        if not copied or (a.years and b.years and not a.years & b.years):
            return 0.0, ""
        return _MUCH_WORDING, "copied: " + ", ".join(_phrases(_copied_runs(a), copied, PHRASE)) if explain else _NAMED
    weight = _MUCH_WORDING if len(shared) >= _MANY_GRAMS else _WORDING
    return weight, "shared: " + ", ".join(_phrases(a.wording, shared)) if explain else _NAMED


def _names(a: EventFacts, b: EventFacts, worded: bool, explain: bool = True) -> tuple[float, str]:
    """Names both reports give (特斯拉, 埃克森美孚), the longer the more; not those wording counted (``worded``)."""
    if a.parties and b.parties:
        return 0.0, ""  # both name their parties: those say who (a template's phrase is no name)
    shared = sorted(n for n in a.names_in(b) if not (worded and len(n) >= GRAM))
    if not shared:
        return 0.0, ""
    weight = min(_MANY_NAMES, sum(_NAME_BY_LENGTH.get(len(n), _MANY_NAMES) for n in shared))
    return weight, "shared: " + ", ".join(shared) if explain else _NAMED


def _copied_runs(facts: EventFacts) -> list[str]:
    """The evidence's runs as ``phrases_of`` reads them (for evidence of a copied phrase)."""
    return [run for sentence in facts.evidence for run in copied_runs(sentence)]


def _phrases(runs: Iterable[str], shared: frozenset[str], size: int = GRAM) -> list[str]:
    """The stretches of ``runs`` covered by shared 5-grams, longest first (for evidence)."""
    found: list[str] = []
    for run in runs:
        covered = [False] * len(run)
        for i in range(len(run) - size + 1):
            if run[i : i + size] in shared:
                covered[i : i + size] = [True] * size
        start = None
        for i, hit in enumerate([*covered, False]):
            if hit and start is None:
                start = i
            elif not hit and start is not None:
                found.append(run[start:i])
                start = None
    return sorted(dict.fromkeys(found), key=len, reverse=True)


def _date(a: EventFacts, b: EventFacts, strict: bool = False, explain: bool = True) -> tuple[float, str] | None:
    """What the dates add (score and how); None when they cannot be one event's.

    ``strict``: no allowance for a publication day given as the event's (one
    article's events share its publication day).
    """
    if a.day is not None and b.day is not None:
        apart = abs(a.day - b.day)
        if apart == timedelta(0):
            return _SAME_DAY, f"same day: {a.day.isoformat()}" if explain else _NAMED
        if apart <= DAY_SLACK:
            first, last = min(a.day, b.day), max(a.day, b.day)
            return _NEXT_DAY, f"a day apart: {first.isoformat()} and {last.isoformat()}" if explain else _NAMED
        later, earlier = (a, b) if a.day > b.day else (b, a)
        assert later.day is not None and earlier.day is not None
        if not strict and later.on_publication and later.day - earlier.day <= DATELINE_SLACK:
            return _DATELINE, (
                f"publication day {later.day.isoformat()} against event day {earlier.day.isoformat()}"
                if explain
                else _NAMED
            )
        return None
    if a.month_day is not None and b.month_day is not None:
        apart_days = _yearless_apart(a.month_day, b.month_day)
        if apart_days > DAY_SLACK.days:
            return None
        if a.window is not None and b.window is not None and not _overlap(a.window, b.window):
            return None
        return _SAME_MONTH_DAY, f"same month and day: {a.month_day[0]}月{a.month_day[1]}日" if explain else _NAMED
    for yearless, dated in ((a, b), (b, a)):
        # 8月20日 with no year and no publication day against a report dated 2017-10-04/12-03:
        # no year puts that day in the dated report's window, so they are not one event
        if (
            yearless.window is None
            and yearless.month_day is not None
            and dated.window is not None
            and not _falls_in(yearless.month_day, dated.window)
        ):
            return None
    if a.window is None or b.window is None:
        return 0.0, ""
    if not _overlap(a.window, b.window):
        return None
    return _WINDOWS_MEET, f"windows meet: {_window_text(a.window)} and {_window_text(b.window)}" if explain else _NAMED


def _overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] - DAY_SLACK <= b[1] and b[0] - DAY_SLACK <= a[1]


def _falls_in(month_day: tuple[int, int], window: tuple[date, date]) -> bool:
    """Whether a yearless day falls in ``window`` (give or take a day) in one of the window's years."""
    month, day = month_day
    for year in range(window[0].year, window[1].year + 1):
        try:
            when = date(year, month, day)
        except ValueError:  # 2月29日 in a year without one
            continue
        if window[0] - DAY_SLACK <= when <= window[1] + DAY_SLACK:
            return True
    return False


def _yearless_apart(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Days between two yearless days, around the year's end too (12月31日 and 1月1日 are one apart)."""
    x, y = calendar_day(*a), calendar_day(*b)
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


def _amounts(a: EventFacts, b: EventFacts, explain: bool = True) -> tuple[float, str]:
    """The strongest agreeing pair of amounts; a penalty when both sides have amounts and none agree."""
    if not a.amounts or not b.amounts:
        return 0.0, ""
    best: tuple[float, str] | None = None
    for x in a.amounts:
        for y in b.amounts:
            found = amounts_match(x, y, explain)
            if found is not None and (best is None or found[0] > best[0]):
                best = found
    if best is None:
        # a single agreement below a batch's total may be one of the batch's projects: no evidence either way
        if _part_of(a, b) or _part_of(b, a):
            return 0.0, "smaller than a batch's total"
        return _AMOUNTS_DIFFER, _DIFFER
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
        return _PROJECTS_DIFFER, _DIFFER
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
