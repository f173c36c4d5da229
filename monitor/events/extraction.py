"""Extraction: a cleaned article in, its signing events and money figures out.

``extract(article)`` is the one entry point.  Every money amount becomes a
figure (investment or not); every sentence that reports a signing becomes an
event with its kind, status, place, date, parties, projects, investment
figures and parts (``其中…``).  A lede that repeats the body, a headline that
summarises it, or a later mention (``最新签约的3个项目``) is merged into the
event it repeats, so each signing is reported once per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from monitor.events import dates as dating
from monitor.events.amounts import AMOUNT_TOO_LARGE, scan_amounts
from monitor.events.announcements import announcements
from monitor.events.headline import drop_headline_repeats, headline_end
from monitor.events.investment import amount_kind, projects_for
from monitor.events.mentions import RETOLD, mentions, reported_stage
from monitor.events.model import DateSpan, Figure, Part, Place, SigningEvent
from monitor.events.places import PlaceResolver, lead_place
from monitor.events.segments import Sentence, body_indices, sentence_lead, split_sentences
from monitor.events.signing import (
    BATCH_KINDS,
    PHRASES_CAPPED,
    Trigger,
    find_parties,
    find_triggers,
    is_period_tally,
    is_plan_figure,
    retold_end,
    signing_candidates,
)
from monitor.events.textprep import prepare_aligned
from monitor.projects.model import NOTHING, ProjectReading
from monitor.text.article import CleanArticle

_PART_OPENING = re.compile(r"^\s*其中")
# A paragraph that opens by telling more of what the one before signed (据悉, 据了解, 该项目).
_TOLD_ON = re.compile(r"^\s*(?:据悉|据了解|据介绍|该项目|项目)")
# An SEO footer or tag cloud: many short items joined by | or spaces.
_LIST_LIKE = re.compile(r"(?:[^|]{1,8}\|){5,}")
# The counts start where their numerals start and never give one back (see investment._COUNT).
# A space may stand between the number and its measure word (67 个项目, as some sites space digits).
_COUNTED_PROJECTS = re.compile(
    r"((?<!\d)\d++|(?<![一二两三四五六七八九十百])[一二两三四五六七八九十百]++) ?(?:个|项|宗)[^,,。;;\d个]{0,16}?项目"
    r"|项目(?:共|达|有|计)?(\d++) ?(?:个|项|宗)"
)
# A count the signed projects were chosen from (从283个签约项目中,遴选出41个项目…签约): the pool, not the count.
_POOL_OPENING = re.compile(r"从$")
_POOL_CLOSING = re.compile(r"中")


@dataclass(frozen=True)
class Extraction:
    """What one article reports: its date, signing events and money figures.

    ``flags`` names what a reader should know that no figure shows
    (``"amount-too-large"``: an amount past ``amounts.MAX_AMOUNT``, kept out of the figures;
    ``"phrases-capped"``: a sentence of more signing phrases or stage words than
    ``signing.MOST_PER_SENTENCE``, read only so far — a hostile page, never news).
    ``projects`` is what it says of projects: parties, named projects, stages, industry
    (``monitor.projects``).  ``announcements`` are the ``投资`` events of an article
    with no signing event (new projects announced: ``集中开工…总投资…``,
    ``monitor.events.announcements``); ``mentions`` the ``reported`` occasion
    of an article with neither (an expo's turnover, a groundbreaking, a repost
    worded otherwise: ``monitor.events.mentions``); ``reported`` is what the store files.
    ``place`` is where the article is: its first reported event's place, or, for a
    page that reports none, the place its title and lede name (``places.lead_place``);
    the store keeps it on the article.
    """

    published: date | None
    signing: bool
    events: tuple[SigningEvent, ...]
    figures: tuple[Figure, ...]
    flags: tuple[str, ...] = ()
    projects: ProjectReading = NOTHING
    announcements: tuple[SigningEvent, ...] = ()
    mentions: tuple[SigningEvent, ...] = ()
    place: Place = field(default_factory=Place)

    @property
    def reported(self) -> tuple[SigningEvent, ...]:
        """The events the store files and ``signwatch extract`` shows: signings, announcements, then a mention."""
        return (*self.events, *self.announcements, *self.mentions)

    def to_json(self) -> dict[str, Any]:
        """The ``signwatch extract --json`` shape."""
        return {
            "published": self.published.isoformat() if self.published else None,
            "signing": self.signing,
            "events": [e.to_json() for e in self.reported],
            "figures": [f.to_json() for f in self.figures],
            "flags": list(self.flags),
            "projects": self.projects.to_json(),
            "place": self.place.to_json(),
        }


@dataclass
class _Article:
    """The prepared text of one article and its sentences.

    ``text`` is folded for matching; ``written`` is the same text as the article
    writes it (same offsets), for quoting figures and evidence.
    """

    text: str
    written: str
    sentences: list[Sentence]
    paragraph_spans: list[tuple[int, int]]
    published: date | None
    source: str | None = None  # the 来源 line: where the source is at home is context for places


def prepare_article(article: CleanArticle) -> _Article:
    """The article as extraction reads it: folded text, text as written, sentences.

    ``monitor.projects`` reads the same prepared text (its figures' offsets are in it).
    """
    return _prepare(article)


def _prepare(article: CleanArticle) -> _Article:
    title, written_title = prepare_aligned((article.title or "").strip())
    aligned = [prepare_aligned(p) for p in article.paragraphs]
    kept = body_indices([folded for folded, _ in aligned])
    pieces = [title, *(aligned[i][0].strip() for i in kept)]
    written_pieces = [written_title, *(aligned[i][1].strip() for i in kept)]
    spans: list[tuple[int, int]] = []
    offset = 0
    for piece in pieces:
        spans.append((offset, offset + len(piece)))
        offset += len(piece) + 1
    text = "\n".join(pieces)
    sentences = split_sentences(text, [s for s, _ in spans])
    published = article.published.date() if article.published else None
    return _Article(text, "\n".join(written_pieces), sentences, spans, published, article.source)


def extract(article: CleanArticle) -> Extraction:
    """Extract the signing events and money figures of one cleaned article.

    An article with no signing event may announce new investment instead
    (``集中开工…总投资…``): its ``投资`` events are made here too
    (``Extraction.announcements``), so the store and ``signwatch extract`` report the same.
    """
    prepared = _prepare(article)
    figures, oversized = _figures(prepared)
    # A project-size bracket (亿元以上项目18个) counts projects: it is never an event's amount.
    capped: list[int] = []  # sentences of more phrases than are read (a hostile page): flagged, not silent
    events = _events(prepared, [f for f in figures if not f.bracket], capped)
    events = _without_retold(prepared, events, figures)
    announced: list[SigningEvent] = []
    if not events:  # new investment no signing carries (集中开工…总投资…)
        announced = announcements(
            prepared.text, prepared.written, prepared.sentences, prepared.paragraph_spans, figures, prepared.published
        )
    figures, reported = drop_headline_repeats(
        figures, [*events, *announced], headline_end(prepared.text, prepared.paragraph_spans)
    )
    extraction = Extraction(
        published=prepared.published,
        signing=any(e.status == "done" for e in events),
        events=tuple(reported[: len(events)]),
        announcements=tuple(reported[len(events) :]),
        figures=tuple(_unique(figures, prepared.sentences)),
        flags=(AMOUNT_TOO_LARGE,) if oversized else (),
    )
    if not reported:  # an occasion no reader above recognised: filed to join its event's cluster
        found = mentions(
            prepared.text, prepared.written, prepared.sentences, prepared.paragraph_spans, figures, prepared.published
        )
        extraction = replace(extraction, mentions=tuple(found))
    extraction = replace(extraction, place=_article_place(prepared, extraction.reported))
    # the projects, parties, stages and industry (issue 18), read over the same prepared text;
    # imported here because monitor.projects builds on monitor.events
    from monitor.projects.read import read_prepared

    reading = read_prepared(prepared, extraction, capped)
    if capped:
        extraction = replace(extraction, flags=(*extraction.flags, PHRASES_CAPPED))
    return replace(extraction, projects=reading)


def _without_retold(article: _Article, events: list[SigningEvent], figures: list[Figure]) -> list[SigningEvent]:
    """The events less the signings the page only retells.

    A signing told with 早在…就 (格力电器(桂林)…项目早在2021年11月4日…就正式签署了项目投资
    协议书) is background, and so is a signing dated on a day of its own below a lead
    that reports the project's stage as held and no signing (…项目开工仪式在昌宁园中园举行。
    …项目于2022年9月2日正式签约, its year written out): the page's news is the stage, which
    the mention reader then files,
    and the signing was news on its day.  Filed as this page's event it would join the
    signing's cluster and stand for a groundbreaking a year later.
    """
    if not events:
        return events
    text = article.text
    stage: Sentence | None = None
    stage_days: set[tuple[int | None, int | None]] = set()
    if any(e.status == "done" and e.date is not None and e.date.is_day for e in events):
        stage = reported_stage(text, article.sentences, figures)
        if stage is not None:
            stage_days = {(d.month, d.day) for d in dating.find_dates(text, stage.start, stage.end)}
    kept = []
    for event in events:
        if event.status == "done":
            sentence = _sentence_at(article.sentences, event.start)
            if RETOLD.search(text, sentence.start, sentence.end):
                continue
            if (
                stage is not None
                and event.date is not None
                and event.date.is_day
                and sentence.paragraph > stage.paragraph
                and (event.date.earliest.month, event.date.earliest.day) not in stage_days
                and _year_written(text, sentence, event.date.earliest)
            ):
                continue
        kept.append(event)
    return kept


def _year_written(text: str, sentence: Sentence, day: date) -> bool:
    """Whether the sentence writes ``day`` with its year (2022年9月2日), as a retold date is written."""
    return any(
        (d.year, d.month, d.day) == (day.year, day.month, day.day)
        for d in dating.find_dates(text, sentence.start, sentence.end)
    )


def _article_place(article: _Article, reported: tuple[SigningEvent, ...]) -> Place:
    """Where the article is: its first placed event's place, else what its title and lede name.

    An article whose events lie in several cities of one province (崇左市 signs one deal and
    百色市 another; 五家渠市 and 新星市 each sign a batch) is that province's: its first
    event's city is one of them, not the article's.
    """
    placed = next((e.place for e in reported if e.place.names), None)
    if placed is not None:
        cities = {(e.place.province, e.place.city) for e in reported if e.place.city}
        if len(cities) > 1 and {province for province, _ in cities} == {placed.province}:
            return Place(province=placed.province)
        return placed
    return lead_place(article.text, article.paragraph_spans, article.source)


def _sentence_at(sentences: list[Sentence], position: int) -> Sentence:
    for sentence in sentences:
        if sentence.start <= position < sentence.end:
            return sentence
    return sentences[-1]


def _figures(article: _Article) -> tuple[list[Figure], list[str]]:
    """The article's figures, and the texts of amounts too large to be figures."""
    text = article.text
    figures: list[Figure] = []
    previous_end = 0
    scan = scan_amounts(text)
    for amount in scan.amounts:
        if not article.sentences:
            break
        sentence = _sentence_at(article.sentences, amount.start)
        floor = previous_end if previous_end > sentence.start else sentence.start
        figures.append(
            Figure(
                text=article.written[amount.start : amount.end],
                value=amount.value,
                maximum=amount.maximum,
                currency=amount.currency,
                qualifier=amount.qualifier,
                kind=amount_kind(text, amount.start, amount.end, sentence.start),
                bracket=amount.bracket,
                projects=projects_for(text, amount.start, amount.end, sentence.start, floor),
                evidence=article.written[sentence.start : sentence.end].strip(),
                start=amount.start,
                end=amount.end,
            )
        )
        previous_end = amount.end
    return figures, scan.oversized


def _unique(figures: list[Figure], sentences: list[Sentence]) -> list[Figure]:
    """Figures once each: the same sentence repeated (a lede) gives its figures once.

    A figure is known by its sentence's text and its place in that sentence, so
    one amount written twice in one sentence (到位资金6.08亿元,其中省外到位资金6.08亿元)
    is two figures.
    """
    seen: set[tuple[str, str, int]] = set()
    kept = []
    for figure in figures:
        key = (figure.text, figure.evidence, figure.start - _sentence_at(sentences, figure.start).start)
        if key not in seen:
            seen.add(key)
            kept.append(figure)
    return kept


def _events(article: _Article, figures: list[Figure], capped: list[int]) -> list[SigningEvent]:
    found: list[tuple[int, list[Trigger]]] = []
    year = article.published.year if article.published else None
    # only the sentences with a word every signing phrase holds are read (one scan of the text)
    for index in signing_candidates(article.text, article.sentences):
        sentence = article.sentences[index]
        lead = sentence_lead(article.text, article.paragraph_spans, sentence)
        if triggers := find_triggers(article.text, sentence.start, sentence.end, lead, year, capped):
            found.append((index, triggers))
    if not found:
        return []  # most articles report no signing: no place scan at all
    if any(not t.told_back for _, triggers in found for t in triggers):
        # 此次签约的…项目 under a ceremony the article tells: that signing again, not another
        found = [(i, kept) for i, triggers in found if (kept := [t for t in triggers if not t.told_back])]
    resolver = PlaceResolver(article.text, _list_like(article), _place_scope(article, found), home=article.source)
    events: list[SigningEvent] = []
    for index, triggers in found:
        events.append(_event(article, index, _main_trigger(triggers), figures, resolver, events))
    return _merge(events)


def _list_like(article: _Article) -> list[tuple[int, int]]:
    text = article.text
    # a list needs its | (looked for in C first): _LIST_LIKE backtracks over every short run of a paragraph
    return [span for span in article.paragraph_spans if text.find("|", *span) >= 0 and _LIST_LIKE.search(text, *span)]


def _place_scope(article: _Article, found: list[tuple[int, list[Trigger]]]) -> list[tuple[int, int]]:
    """Where places are looked for: the title, the lede and every paragraph that reports a signing.

    An event's place comes from its sentence, its paragraph or the title, and
    the lede carries the dateline (新华网上海1月19日电) that settles which 宝山
    is meant; the rest of a long article only costs scanning time.
    """
    paragraphs = {0, 1} | {article.sentences[index].paragraph for index, _ in found}
    spans = article.paragraph_spans
    return [spans[p] for p in sorted(paragraphs) if p < len(spans)]


_STATUS_RANK = {"done": 2, "planned": 1, "intended": 0}


def _main_trigger(triggers: list[Trigger]) -> Trigger:
    """The trigger that names the sentence's signing best.

    The signing itself over a ceremony named as its setting (签约仪式上,A与B
    签订…协议, or …达成合作意向); a done one over a planned one, and a planned
    signing over an intent reached ahead of it (拟于9月集中签约…已有23个项目达成
    签约意向); a named kind over a bare 签约; the mode 云签约 over the occasion it
    took place at (签约活动…线上签约项目9个).
    """

    def rank(trigger: Trigger) -> tuple[int, int, int, int, int]:
        return (
            not trigger.setting,
            _STATUS_RANK[trigger.status],
            trigger.kind != "签约",
            trigger.kind == "云签约",
            -trigger.start,
        )

    return max(triggers, key=rank)


def _event(
    article: _Article,
    index: int,
    trigger: Trigger,
    figures: list[Figure],
    resolver: PlaceResolver,
    earlier: list[SigningEvent],
) -> SigningEvent:
    text = article.text
    sentence = article.sentences[index]
    # the sentence, less any 其中 clause inside it: that clause is a part
    part_at = text.find("其中", sentence.start, sentence.end)
    own_end = part_at if part_at > trigger.end else sentence.end
    own = [
        f
        for f in figures
        if sentence.start <= f.start < own_end
        and f.investment
        and not is_plan_figure(text, sentence.start, trigger, f.start)
    ]
    parts: list[Part] = []
    if part_at > trigger.end:
        inner = [f for f in figures if part_at <= f.start < sentence.end and f.investment]
        if inner:
            parts.append(Part(inner[0].projects, tuple(inner), article.written[part_at : sentence.end].strip()))
    following = article.sentences[index + 1 : index + 3]
    told: int | None = None  # the paragraph that tells on what this sentence signed
    for nxt in following:
        # (an agreement's paragraph that names no money, then 据悉,…项目预计总投资40亿元 opening the next:
        # the project's total, told on)
        told_on = not own and nxt.paragraph == sentence.paragraph + 1 and _TOLD_ON.match(nxt.text) is not None
        told_on = told_on or (told is not None and nxt.paragraph == told)
        told = nxt.paragraph if told_on else None
        if (
            (nxt.paragraph != sentence.paragraph and not told_on)
            or find_triggers(text, nxt.start, nxt.end)
            or is_period_tally(text, nxt.start, nxt.end)  # 截至9月底,累计签约…: no one signing's figures
        ):
            break
        inner = [f for f in figures if nxt.start <= f.start < nxt.end and f.investment]
        if _PART_OPENING.match(nxt.text) and inner and own:
            parts.append(Part(inner[0].projects, tuple(inner), article.written[nxt.start : nxt.end].strip()))
        elif not own and inner:
            own = inner  # 举行签约仪式。此次签约项目105个,总投资276亿元。
        elif told_on and not inner:
            continue  # 据悉,…项目包括…。项目预计总投资40亿元: the told-on paragraph's money may come later
        else:
            break
    projects = next((f.projects for f in own if f.projects), None)
    if projects is None:
        counted = _signed_count(text, sentence.start, sentence.end)
        if counted:
            projects = _count(counted.group(1) or counted.group(2))
    clause_start = (
        max(
            (m.end() for m in re.finditer(r"[,,;;:]", text[sentence.start : trigger.start])),
            default=0,
        )
        + sentence.start
    )
    parties = find_parties(text[clause_start : trigger.end + 12]) if trigger.has_parties else ()
    paragraph = article.paragraph_spans[sentence.paragraph]
    # the sentence, its paragraph, the title; then the lede, whose dateline (中新社湛江…电)
    # may deepen a province the signing's own words name (与广东省政府签署)
    # (a clause telling what came before, 继…签约之后, names the earlier signing's place, not this one's)
    own_start = retold_end(text, sentence.start, trigger.start)
    scopes = [(own_start, sentence.end), paragraph, article.paragraph_spans[0]]
    place = resolver.resolve(scopes, deepen=article.paragraph_spans[1:2])
    if not place.names:
        place = resolver.article_place()
    return SigningEvent(
        kind=trigger.kind,
        status=trigger.status,
        place=place,
        date=_date(article, sentence, trigger, earlier),
        parties=parties,
        projects=projects,
        figures=tuple(own),
        parts=tuple(parts),
        evidence=article.written[sentence.start : sentence.end].strip(),
        start=sentence.start,
    )


def _signed_count(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first count of projects in ``text[start:end]`` that is not a pool they were chosen from."""
    for counted in _COUNTED_PROJECTS.finditer(text, start, end):
        if not (
            _POOL_OPENING.search(text, max(start, counted.start() - 1), counted.start())
            and _POOL_CLOSING.match(text, counted.end())
        ):
            return counted
    return None


def _count(number: str) -> int | None:
    from monitor.events.numerals import parse_number

    value = parse_number(number)
    return int(value) if value is not None else None


def _date(article: _Article, sentence: Sentence, trigger: Trigger, earlier: list[SigningEvent]) -> DateSpan | None:
    text = article.text
    # a clause-opening 同日/当天 refers to the day of the event before
    opening = text[sentence.start : trigger.start].lstrip()
    if earlier and dating.SAME_DAY.search(opening) and not dating.find_dates(text, sentence.start, sentence.end):
        return earlier[-1].date
    para_start = article.paragraph_spans[sentence.paragraph][0]
    past = trigger.status != "planned"
    # (继6月11日…签订…之后,6月15日…签约: the date of the clause told as before is the earlier signing's)
    own_start = retold_end(text, sentence.start, trigger.start)
    return dating.event_date(text, (own_start, sentence.end), para_start, trigger.start, article.published, past)


def _merge(events: list[SigningEvent]) -> list[SigningEvent]:
    """One event per signing: repeats (lede, headline, later mentions) merge into one.

    Until nothing merges any more: a mention with no figure that came before
    the figure's sentence merges once that sentence has joined its event.
    """
    merged = _merge_once(events)
    while len(again := _merge_once(merged)) < len(merged):
        merged = again
    return merged


def _merge_once(events: list[SigningEvent]) -> list[SigningEvent]:
    merged: list[SigningEvent] = []
    for event in events:
        target = next((i for i, m in enumerate(merged) if _same(m, event)), None)
        if target is None:
            merged.append(event)
        else:
            merged[target] = _combine(merged[target], event)
    return merged


def _values(event: SigningEvent) -> frozenset[int | float]:
    return frozenset(f.value for f in event.figures)


def _same(a: SigningEvent, b: SigningEvent) -> bool:
    if a.status != b.status:
        return False
    if _values(a) and _values(b):
        return bool(_values(a) & _values(b))
    batch = a.kind in BATCH_KINDS and b.kind in BATCH_KINDS
    if batch and not a.parties and not b.parties:
        # a later mention without figures (最新签约的3个项目) is the batch already reported
        return (a.projects is None or b.projects is None or a.projects == b.projects) and (
            bool(_values(a)) or bool(_values(b))
        )
    return a.kind == b.kind and a.parties == b.parties and not _values(a) and not _values(b)


def _combine(a: SigningEvent, b: SigningEvent) -> SigningEvent:
    """Keep the richer of two reports of one event, filling gaps from the other."""
    richer, other = (a, b) if _richness(a) >= _richness(b) else (b, a)
    return replace(
        richer,
        kind=richer.kind if richer.kind != "签约" else other.kind,
        date=_better_date(richer.date, other.date),
        place=richer.place if len(richer.place.names) >= len(other.place.names) else other.place,
        parties=richer.parties or other.parties,
        projects=richer.projects or other.projects,
        parts=richer.parts or other.parts,
        start=min(a.start, b.start),
    )


def _richness(event: SigningEvent) -> tuple[int, int, int, int]:
    return (len(event.figures), event.date is not None and event.date.is_day, len(event.parts), len(event.place.names))


def _better_date(a: DateSpan | None, b: DateSpan | None) -> DateSpan | None:
    if a is None or b is None:
        return a or b
    return a if a.is_day or not b.is_day else b


__all__ = ["Extraction", "Place", "extract"]
