"""What a report says of an event, as clustering compares it: ``EventFacts``.

The facts of an event are read from it as extracted (``facts_of``) or from
its stored row (``make_facts``) alike, so an event meets the same facts
whether the batch it is filed with found it in memory or in the store.  One
article's reports of one event combine into one set of facts (``combine``).

Parties are compared without their trimmings (``normal_party``: 人民, the
company form, the words around a name), and a sentence's wording without
the words every signing report uses (``wording_of``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache
from importlib import resources
from typing import TypeVar

from monitor.events import dates as dating
from monitor.events.announcements import INVESTMENT_KIND
from monitor.events.mentions import MENTION_STATUS
from monitor.events.model import SigningEvent
from monitor.events.numerals import parse_number
from monitor.events.signing import BATCH_KINDS
from monitor.text.script import to_simplified

# The status of a mention: a report of an occasion that names no signing.
REPORTED = MENTION_STATUS

# An undated report speaks of an event in the 60 days before its publication.
UNDATED_WINDOW = timedelta(days=60)
# Kinds that name a batch of projects whatever else the sentence says, and
# kinds that name a signing of any sort (a batch only when no party is named).
GENERIC_KINDS = frozenset({"签约", "签约仪式"})
# An investment announcement that is a project stage's (宣布总投资4000亿元的80个重点项目集中开工): that stage too,
# as a mention of the same groundbreaking names it (``monitor.events.mentions``' stage kinds).
_ANNOUNCED_STAGES = (("开工", re.compile(r"开工|动工|开建|奠基")), ("投产", re.compile(r"投产|竣工")))
_BATCH_ONLY = BATCH_KINDS - GENERIC_KINDS
# Shared wording is counted in runs of this many characters.
GRAM = 5
# Names (特斯拉, 巴斯夫, 埃克森美孚) are compared in runs of this many characters.
NAME_GRAM = 3
# A phrase of this many characters written alike in two reports, common words and all, is one
# text copied (贵州新能源动力及储能电池生产制造基地一期项目): no template of signing reports is so long.
PHRASE = 16
_NOT_PHRASE = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9]+")
# A title in quotes or book-title marks (after NFKC folding).
_TITLE = re.compile(r"“[^”]*”|《[^》]*》|\"[^\"]*\"")
# A year a sentence writes (2024年, 2025粤港澳大湾区…): a series' phrase copied from one year's report to the next.
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NOT_WORDING = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fffA-Za-z]+")
# An edition of a recurring occasion: 第四届 (中非经贸博览会), 首届, 第3届.
_EDITION = re.compile(r"第([一二两三四五六七八九十百零〇\d]{1,6})届|(首)届")


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
    ``parties`` are normalised (``normal_party``); ``evidence`` holds the
    sentences the event was read from.
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
    evidence: tuple[str, ...] = ()

    @property
    def on_publication(self) -> bool:
        """Whether the event's day is its article's publication day (it may be the report's day, not the event's)."""
        return self.day is not None and self.day == self.published

    @cached_property
    def wording(self) -> tuple[str, ...]:
        """The evidence's runs of characters beyond common words, numbers and the place (read when first compared)."""
        place = (self.province, self.city, self.county)
        return _unique(run for sentence in self.evidence for run in wording_of(sentence, place))

    @cached_property
    def editions(self) -> frozenset[int]:
        """The editions of a recurring occasion the evidence names (第四届 → 4, 首届 → 1)."""
        return frozenset(n for sentence in self.evidence for n in editions_of(sentence))

    @cached_property
    def names(self) -> frozenset[str]:
        """Short runs of the evidence that stand alone between common words (特斯拉, 巴斯夫, 埃克森美孚): names.

        Runs of ``NAME_GRAM`` to ``GRAM`` characters, beyond common words,
        numbers and the event's place; never a place, a government body or
        an edition (临港新片区, 第三届): those are compared as what they are.
        """
        place = (self.province, self.city, self.county)
        return frozenset(
            run for sentence in self.evidence for run in _runs(sentence, place) if len(run) <= GRAM and _may_name(run)
        )

    @cached_property
    def runs(self) -> tuple[str, ...]:
        """Every run of the evidence beyond common words, numbers and the place (a name may be inside one)."""
        place = (self.province, self.city, self.county)
        return _unique(run for sentence in self.evidence for run in _runs(sentence, place))

    def names_in(self, other: EventFacts) -> frozenset[str]:
        """The names of either report that the other writes too, alone or inside a longer run (特斯拉超级工厂)."""
        return frozenset(
            name
            for mine, theirs in ((self, other), (other, self))
            for name in mine.names
            if any(name in run for run in theirs.runs)
        )

    @cached_property
    def phrases(self) -> frozenset[str]:
        """The evidence's runs of ``PHRASE`` characters as written (letters and digits, common words too)."""
        return frozenset(gram for sentence in self.evidence for gram in phrases_of(sentence))

    @cached_property
    def years(self) -> frozenset[str]:
        """The years the evidence writes (2025粤港澳大湾区全球招商大会 → 2025)."""
        return frozenset(
            year for sentence in self.evidence for year in _YEAR.findall(unicodedata.normalize("NFKC", sentence))
        )

    @cached_property
    def grams(self) -> frozenset[str]:
        """The wording's runs of ``GRAM`` characters."""
        return frozenset(run[i : i + GRAM] for run in self.wording for i in range(len(run) - GRAM + 1))


def event_amounts(event: SigningEvent) -> tuple[Amount, ...]:
    """The event's investment amounts and its parts' (a size bracket is no amount), each once.

    A mention (status ``reported``) compares every money figure of its lead
    but brackets: an expo's turnover (意向成交711.3亿美元) is what tells it apart.
    """
    figures = [*event.figures, *(f for part in event.parts for f in part.figures)]
    # a size bracket (亿元以上项目18个) is a threshold, not an amount of the event
    mention = event.status == REPORTED
    wanted = [f for f in figures if not f.bracket and (mention or f.event_amount)]
    return _unique(Amount(float(f.value), f.currency, f.qualifier) for f in wanted)


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
    return EventFacts(
        kinds=frozenset({kind, *_announced_stages(kind, evidence)}),
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
        batch=any(c > 1 for c in projects) or kind in _BATCH_ONLY or (kind in GENERIC_KINDS and not names),
        evidence=(evidence,),
    )


@lru_cache(maxsize=4096)
def _announced_stages(kind: str, evidence: str) -> tuple[str, ...]:
    """The stages an investment announcement's sentence names (集中开工): none for any other kind."""
    if kind != INVESTMENT_KIND:
        return ()
    return tuple(stage for stage, words in _ANNOUNCED_STAGES if words.search(evidence))


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
        evidence=_unique(e for f in facts for e in f.evidence),
    )


# ---------------------------------------------------------------- dates


@lru_cache(maxsize=16384)
def _yearless_day(evidence: str) -> tuple[int, int] | None:
    """The first month and day the event's sentence writes (9月26日), for a report whose year is unknown.

    Not a range of days (11月15日至17日): no one of them is the event's.
    """
    for mention in dating.find_dates(evidence):
        if mention.last_day is not None:
            continue
        if mention.month is not None and mention.day is not None and calendar_day(mention.month, mention.day):
            return (mention.month, mention.day)
    return None


def calendar_day(month: int, day: int) -> date | None:
    """A yearless day placed in a leap year (so 2月29日 exists); None for a day no month has (2月30日)."""
    try:
        return date(2000, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------- editions


@lru_cache(maxsize=16384)
def editions_of(sentence: str) -> tuple[int, ...]:
    """The editions a sentence names (第四届 → 4, 首屆 → 1), in Simplified and half-width alike."""
    text = unicodedata.normalize("NFKC", to_simplified(sentence))
    found: list[int] = []
    for match in _EDITION.finditer(text):
        number = 1 if match.group(2) else parse_number(match.group(1))
        if number is not None:
            found.append(int(number))
    return tuple(dict.fromkeys(found))


# ---------------------------------------------------------------- wording


@lru_cache(maxsize=1)
def _common_words() -> re.Pattern[str]:
    """Words every signing report uses (``data/common_words.txt``), longest first: they split a sentence's wording."""
    data = resources.files("monitor.events") / "data" / "common_words.txt"
    lines = [line for line in data.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    words = {word for line in lines for word in line.split()}
    return re.compile("|".join(sorted(words, key=len, reverse=True)))


def wording_of(sentence: str, place: tuple[str | None, ...] = ()) -> tuple[str, ...]:
    """The runs of a sentence's characters that are neither common words, nor numbers, nor the place's names."""
    return tuple(run for run in _runs(sentence, place) if len(run) >= GRAM)


def copied_runs(sentence: str) -> list[str]:
    """A sentence's runs of letters and digits as written, punctuation, spaces and titles apart (the year kept).

    A title in quotes (“2026年重大产业项目集中签约仪式”, 《…的议案》) is left out: a
    ceremony's or a motion's title recurs from one occasion of a series to the next.
    """
    text = _TITLE.sub("|", unicodedata.normalize("NFKC", to_simplified(sentence)))
    return _NOT_PHRASE.split(text)


@lru_cache(maxsize=16384)
def phrases_of(sentence: str) -> frozenset[str]:
    """A sentence's runs of ``PHRASE`` characters (``copied_runs``)."""
    return frozenset(run[i : i + PHRASE] for run in copied_runs(sentence) for i in range(len(run) - PHRASE + 1))


# Cached: a stored event is read again by every batch that meets its cluster.
@lru_cache(maxsize=16384)
def _runs(sentence: str, place: tuple[str | None, ...]) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKC", to_simplified(sentence))
    for name in place:
        if name:
            # 上海市 and 上海: the place counts once, as the place
            text = text.replace(name, "|")
            if len(name) >= 3:
                text = text.replace(name[:-1], "|")
    text = _NOT_WORDING.sub("|", _common_words().sub("|", text))
    return tuple(run for run in text.split("|") if len(run) >= NAME_GRAM)


# ---------------------------------------------------------------- parties

# Words that surround a party's name in the sentence it was read from.
_PARTY_LEAD = re.compile(r"^(?:共同见证|见证|共同|并|与|和|由)+")
_PARTY_TAIL = re.compile(r"(?:今日|今天|昨日|昨天|宣布|正式|分别|共同|出席)+$")
_COMPANY_FORM = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|股份公司)$")
# A person or a role was read as the party (副省长郑备, 董事长李书福出席): not a party.
_PERSON = re.compile(r"书记|省长|市长|区长|县长|主席|主任|董事长|总裁|总经理|经理|部长|局长|代表")
# The rank before an officer's title (高级副总裁, 常务副省长), and the body an officer may be named with.
_OFFICER_RANK = re.compile(r"(?:高级|常务|执行|首席|副|总)+$")
_ORGANISATION = re.compile(r"(?:集团|公司|政府|银行|大学|研究院|委员会|管委会)$")
# A class of bodies, no one body (甘肃和香港两地有关单位, the 企业共 of 和企业共签署): no party to compare.
_CLASS_OF_BODIES = re.compile(r"(?:有关|相关)(?:单位|企业|部门|机构)|(?:单位|企业|部门)共?$")
# Parties that are a government body: their match says little the place does not.
_GOVERNMENT_BODY = re.compile(
    r"(?:政府|管委会|管理委员会|委员会|国资委|新区|开发区|高新区|经开区|园区|片区|[省市区县州盟旗镇乡])$"
)


@lru_cache(maxsize=16384)
def normal_party(name: str) -> str:
    """A party's name as compared: the words around it, 人民 and the company form dropped; '' when no party."""
    text = _PARTY_TAIL.sub("", _PARTY_LEAD.sub("", name.strip()))
    if _CLASS_OF_BODIES.search(text):
        return ""
    person = _PERSON.search(text)
    if person:
        # an officer named with the body they speak for (浙江吉利控股集团高级副总裁俞学良): the body;
        # an officer alone (副省长郑备, 董事长李书福) is no party
        body = _OFFICER_RANK.sub("", text[: person.start()])
        if not _ORGANISATION.search(body):
            return ""
        text = body
    text = _COMPANY_FORM.sub("", text.replace("人民", ""))
    return text if len(text) >= 2 else ""


@lru_cache(maxsize=16384)
def _may_name(run: str) -> bool:
    """Whether a short run may be a name: no place or government body, no edition, no industry (生物医药, 新材料)."""
    # imported here: monitor.projects builds on monitor.events
    from monitor.projects.industries import find_words

    return not is_government(run) and "届" not in run and not find_words(run)


def is_government(party: str) -> bool:
    """Whether a (normalised) party is a government body: a province, city, district, zone or its government."""
    return "政府" in party or _GOVERNMENT_BODY.search(party) is not None


# ---------------------------------------------------------------- helpers

_T = TypeVar("_T")


def _unique(items: Iterable[_T]) -> tuple[_T, ...]:
    return tuple(dict.fromkeys(items))


def _short_number(value: float) -> str:
    """``35993000000`` → ``359.93亿``; a value under 10,000 as it is."""
    for unit, size in (("亿", 1e8), ("万", 1e4)):
        if abs(value) >= size:
            return f"{value / size:.6g}{unit}"
    return f"{value:.6g}"
