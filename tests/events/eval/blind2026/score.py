"""Score signwatch's extraction and clustering on the blind sets of 2026-12-02.

    .venv/bin/python tests/events/eval/blind2026/score.py [--set DIR] [--json] [--details]

``--set DIR`` scores another set of the same schema (a folder with
``passages.jsonl`` and, optionally, ``clusters.jsonl``); the default is this
folder, blind2026, which has been a development set since its first run.

Nothing here changes or tunes the extractor: it feeds the labelled text to
signwatch the way a user's text goes in and compares what comes out with the
labels (``README.md`` and ``clusters_README.md`` in this folder say how they
were made).

Passages (``passages.jsonl``)
=============================

Each passage is turned into a ``CleanArticle`` in two ways, and both are scored:

- ``clean_text`` (the headline): ``monitor.text.clean_text(passage)``, the
  cleaning a stored article's text goes through; the passage's ``published``
  date, when given, becomes the article's ``published`` time (midnight,
  Beijing).  Cleaning is meant for whole pages and may take a line for a
  title or drop one as chrome; the passages where the cleaned text lost
  characters are listed (``cleaning_drops``).
- ``direct``: a ``CleanArticle`` built straight from the passage: pinyin
  annotations stripped, converted to Simplified, one paragraph per non-empty
  line, no title, the same ``published`` time.

Then ``monitor.events.extract(article)`` gives ``figures`` and ``events``, and
for an article with no signing event its ``投资`` ``announcements``: the events
a stored article files are ``Extraction.reported``, the two together
(``monitor.store.filing``): "the article's events" below means those, in that
order, and "the first event" the first of them.  An event's amount is its lead figure
(``monitor.store.cluster_index.lead_figure``: the largest of its figures).

Matching a found figure to a labelled amount
--------------------------------------------

Texts are compared in a normal form: every character NFKC-folded (full-width
digits and punctuation become half-width), converted to Simplified one
character at a time (OpenCC ``t2s``), white space dropped; each normal-form
character remembers its place in the passage as written.

- A labelled amount's span: the first occurrence of its normal-form ``text``
  in the normal-form passage at or after the start of the previous labelled
  amount plus one (labels are in text order; the first occurrence anywhere
  when that fails).
- A found figure's span: the same search for ``Figure.text``, in the order of
  ``Extraction.figures``, from the start of the previous found figure plus
  one.  A figure whose text cannot be found is "unlocated": it matches
  nothing and counts as a false positive (their number is reported).
- A figure and a labelled amount match when their spans overlap by at least
  one character.  Matching is one-to-one: candidate pairs are taken by the
  longest overlap first (then text order).  Value, currency and qualifier
  are *not* part of the match, so that their accuracy can be measured on the
  matched amounts; ``amounts (strict)`` also requires the same value,
  maximum and currency.

Numbers are equal when ``math.isclose(a, b, rel_tol=1e-9)``; a missing maximum
equals only a missing one.

Metrics (micro-averaged over all passages; each with its counts)
----------------------------------------------------------------

- amounts precision = matched / found figures; recall = matched / labelled amounts.
- value accuracy: matched pairs with equal value and maximum; currency accuracy likewise.
- qualifier accuracy: our qualifier mapped to the label's names: a figure with a
  maximum and qualifier ``exact`` is ``range``; otherwise ``exact``,
  ``more_than``, ``nearly``, ``about`` keep their names (the label's names are
  the same; ours have no other value).
- investment vs not, on matched pairs: precision = (ours investment and label
  investment) / ours investment; recall = the same / label investment.  The
  end-to-end variant counts every found figure and every labelled amount: a
  found investment figure is right when it matches a labelled investment
  amount; a labelled investment amount is found when a found investment
  figure matches it.
- amount kind, on matched pairs: ``Figure.kind`` equals the label's ``kind``
  (agreed, planned, arrived, contracted, output, transaction, other_money,
  credit, tax, subsidy, trade, revenue, salary, rnd).  Under ``--details`` the
  wrong kinds are listed per passage and the confusion (label->ours) is printed.
  Code from before kinds existed has no ``Figure.kind``: the metric is then
  reported as not available.
- bracket flag, on matched pairs: precision = (ours bracket and label bracket) /
  ours bracket; recall = the same / label bracket.
- brackets: of the labelled ``bracket`` amounts, how many matched a figure
  that is the lead figure of one of the article's events (lower is better),
  and how many matched any figure.
- signing status per passage: ours is ``done`` when any signing event (of
  ``Extraction.events``) is done, else ``planned`` when one is planned, else
  ``intended`` when one is intended, else ``none`` (``投资`` announcements are
  not signings).  The strict accuracy compares names as they are; the second
  figure also counts ``intended`` as right when ours is ``planned`` (code from
  before the ``intended`` status read 意向 as ``planned``).
- place, per passage whose label names a province: the first event's place;
  to the province when the provinces are equal, to the city when province and
  city are both equal (a label's null city must be null in ours too).  Once
  over every such passage (no event: wrong) and once over those where the
  article has an event.
- the article's place, per passage whose label names a province: the
  place the store keeps on the article (``Extraction.place``: its first placed
  event's place, else what its title and lede name, for a page that reports
  no event), to the province and to the city as above (``place.article_*``;
  code from before ``Extraction.place`` has none: wrong).
- event amount, per passage with at least one ``event_amount`` label: right
  when the first event's lead figure has the value and currency of one of the
  passage's event amounts.
- event date, per passage with a labelled ``date``: right when the first
  event's date is that day (a label ``MM-DD``, for a page that gives no year,
  is right for that month and day in any year; ours needs a year, so it is
  right only when the text gives one).  Once over every such passage (no
  event: wrong) and once over those where the article has an event.

Clusters (``clusters.jsonl``)
=============================

Every report is stored as a crawl stores a page, through the real storing
transaction (``monitor.archive.ingest.ingest_pages``), into a fresh SQLite
store and archive in a temporary directory, one page per call, dated reports
first in ``published`` order, then undated ones, each in id order.  The page
is the report's text as HTML (one ``<p>`` per line) at the report's ``url``,
with its ``published`` date as the date a feed listing it gives; its article
is what the crawl's clean processes make of it (``clean_html`` with the URL,
the fetch time and that date), extracted with ``extract``.  So the clusters
scored are the ones the store files, and the ones a ``signwatch reprocess``
of that store files again (it cleans the stored page anew): both are scored
(``clusters.reprocessed_*``).  (Before 2026-12-03 the article was the
passage's ``clean_text`` article filed under a page it was not cleaned from,
and a reprocess of that store clustered otherwise.)  The clusters are read
back from ``EventRow.article_id`` and ``EventRow.cluster_id``.

Over all pairs of reports: a predicted pair is two reports whose articles
share a cluster (or that the store kept as one article: a duplicate text);
a true pair is two reports of the same ``group``.  Pairwise precision =
true predicted pairs / predicted pairs, recall = true predicted pairs / true
pairs.  Also reported: the reports whose article has no event at all.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any, Literal

import opencc
from sqlalchemy import select

from monitor.archive.analysis import analyse_pending, mark_all_pending
from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.events import Extraction, Figure, SigningEvent, extract
from monitor.records import FetchedPage, PageToStore
from monitor.store import Database
from monitor.store.cluster_index import lead_figure
from monitor.store.event_models import EventRow
from monitor.text import CleanArticle, clean_html, clean_text
from monitor.text.byline import BEIJING
from monitor.text.pinyin import strip_pinyin
from monitor.text.script import to_simplified

HERE = Path(__file__).resolve().parent
PASSAGES = HERE / "passages.jsonl"
CLUSTERS = HERE / "clusters.jsonl"

Mode = Literal["clean_text", "direct"]
MODES: tuple[Mode, ...] = ("clean_text", "direct")
HEADLINE: Mode = "clean_text"
# When the stored pages were fetched: a fixed time, so runs are alike.
FETCHED = datetime(2026, 12, 2, tzinfo=UTC)
SOURCE = "blind2026"


# ---------------------------------------------------------------- the sets


@dataclass(frozen=True)
class Amount:
    """One labelled money amount of a passage."""

    text: str
    value: float
    maximum: float | None
    currency: str
    qualifier: str
    kind: str
    is_investment: bool
    event_amount: bool
    bracket: bool


@dataclass(frozen=True)
class Place:
    """A labelled place (any level may be null)."""

    province: str | None
    city: str | None
    district: str | None


@dataclass(frozen=True)
class Passage:
    """One labelled passage."""

    id: str
    text: str
    published: date | None
    signing: str
    place: Place
    amounts: tuple[Amount, ...]
    date: str | None = None  # YYYY-MM-DD, or MM-DD when the page gives no year


@dataclass(frozen=True)
class Report:
    """One report of the clusters set."""

    id: str
    group: str
    url: str
    text: str
    published: date | None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def load_passages(path: Path = PASSAGES) -> list[Passage]:
    """The labelled passages of ``passages.jsonl``."""
    passages = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        amounts = tuple(
            Amount(
                text=a["text"],
                value=float(a["value"]),
                maximum=float(a["max"]) if a["max"] is not None else None,
                currency=a["currency"],
                qualifier=a["qualifier"],
                kind=a["kind"],
                is_investment=bool(a["is_investment"]),
                event_amount=bool(a["event_amount"]),
                bracket=bool(a["bracket"]),
            )
            for a in row["amounts"]
        )
        place = row["place"] or {}
        passages.append(
            Passage(
                id=row["id"],
                text=row["text"],
                published=_day(row["published"]),
                signing=row["signing"],
                place=Place(place.get("province"), place.get("city"), place.get("district")),
                amounts=amounts,
                date=row.get("date"),
            )
        )
    return passages


def load_reports(path: Path = CLUSTERS) -> list[Report]:
    """The reports of ``clusters.jsonl``."""
    reports = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        reports.append(Report(row["id"], row["group"], row["url"], row["text"], _day(row["published"])))
    return reports


# ---------------------------------------------------------------- articles


def _published(day: date | None) -> datetime | None:
    return datetime(day.year, day.month, day.day, tzinfo=BEIJING) if day else None


def make_article(text: str, published: date | None, mode: Mode) -> CleanArticle:
    """The CleanArticle signwatch would extract from ``text`` (see the module doc for the two modes)."""
    when = _published(published)
    if mode == "clean_text":
        article = clean_text(text)
        return replace(article, published=when) if when else article
    simplified = to_simplified(strip_pinyin(text)[0])
    paragraphs = tuple(line.strip() for line in simplified.splitlines() if line.strip())
    return CleanArticle(title=None, paragraphs=paragraphs, published=when)


def filed_events(extraction: Extraction, article: CleanArticle) -> tuple[SigningEvent, ...]:
    """The events a stored article files: its signings, else its investment announcements."""
    return extraction.reported


# ---------------------------------------------------------------- matching


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _fold(char: str) -> str:
    return "".join(str(_t2s().convert(c)) for c in unicodedata.normalize("NFKC", char) if not c.isspace())


def normal_form(text: str) -> tuple[str, list[int]]:
    """``text`` in the matching normal form, and each normal character's index in ``text``."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        for folded in _fold(char):
            out.append(folded)
            where.append(index)
    return "".join(out), where


Span = tuple[int, int]


def _locate(haystack: str, needle: str, after: int) -> int | None:
    """Where ``needle`` (already in normal form) is in ``haystack``: from normal index ``after``, else anywhere."""
    if not needle:
        return None
    found = haystack.find(needle, after)
    if found < 0:
        found = haystack.find(needle)
    return found if found >= 0 else None


def _spans(passage: str, texts: Iterable[str]) -> list[Span | None]:
    """The passage span of each text, searched in order (each from the previous one's start plus one)."""
    haystack, where = normal_form(passage)
    spans: list[Span | None] = []
    after = 0
    for text in texts:
        needle = normal_form(text)[0]
        found = _locate(haystack, needle, after)
        if found is None:
            spans.append(None)
            continue
        spans.append((where[found], where[found + len(needle) - 1] + 1))
        after = found + 1
    return spans


def match(passage: str, labels: Sequence[str], found: Sequence[str]) -> tuple[dict[int, int], int]:
    """One-to-one matches {found index: label index} by span overlap, and how many found texts were unlocated."""
    label_spans = _spans(passage, labels)
    found_spans = _spans(passage, found)
    candidates: list[tuple[int, int, int]] = []
    for fi, fs in enumerate(found_spans):
        for li, ls in enumerate(label_spans):
            if fs is None or ls is None:
                continue
            overlap = min(fs[1], ls[1]) - max(fs[0], ls[0])
            if overlap > 0:
                candidates.append((-overlap, li, fi))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, li, fi in sorted(candidates):
        if fi not in pairs and li not in taken:
            pairs[fi] = li
            taken.add(li)
    return pairs, sum(span is None for span in found_spans)


def same_number(a: float | None, b: float | None) -> bool:
    """Equal numbers (relative tolerance 1e-9); None equals only None."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9)


def our_kind(figure: Figure) -> str | None:
    """Our amount kind, or None for code from before kinds existed."""
    kind = getattr(figure, "kind", None)
    return str(kind) if kind is not None else None


def our_bracket(figure: Figure) -> bool:
    """Whether we flag the figure as a project-size bracket (False for code from before the flag)."""
    return bool(getattr(figure, "bracket", False))


def same_date(ours: str | None, label: str) -> bool:
    """Whether our event date (``2021-08-26``, ``2021-08`` or a window) is the labelled day."""
    if ours is None or len(ours) != 10:
        return False  # no date, or a month or a window: not the day
    return ours == label or (len(label) == 5 and ours.endswith("-" + label))


def our_qualifier(figure: Figure) -> str:
    """Our qualifier in the label's names."""
    if figure.maximum is not None and figure.qualifier == "exact":
        return "range"
    return figure.qualifier


# ---------------------------------------------------------------- metrics


@dataclass(frozen=True)
class Metric:
    """A ratio with its counts."""

    name: str
    hits: int
    total: int
    note: str = ""

    @property
    def value(self) -> float | None:
        """hits / total, or None when there is nothing to count."""
        return self.hits / self.total if self.total else None

    def to_json(self) -> dict[str, Any]:
        """The metric as JSON."""
        return {"name": self.name, "value": self.value, "hits": self.hits, "total": self.total, "note": self.note}


@dataclass
class _Counts:
    counter: Counter[str] = field(default_factory=Counter)

    def add(self, name: str, hit: bool) -> None:
        self.counter[name + ".total"] += 1
        if hit:
            self.counter[name + ".hits"] += 1

    def metric(self, name: str, note: str = "") -> Metric:
        return Metric(name, self.counter[name + ".hits"], self.counter[name + ".total"], note)


@dataclass(frozen=True)
class PassageOutcome:
    """What happened on one passage (for --details)."""

    id: str
    misses: list[str]
    false_positives: list[str]
    wrong_value: list[str]
    wrong_qualifier: list[str]
    investment_errors: list[str]
    status: tuple[str, str]
    place: tuple[str, str] | None
    event_amount: tuple[str, str] | None
    brackets_as_event: list[str]
    wrong_kind: list[str] = field(default_factory=list)
    article_place: tuple[str, str] | None = None


@dataclass(frozen=True)
class PassageScores:
    """The passage metrics of one mode, with per-passage outcomes."""

    mode: Mode
    metrics: list[Metric]
    status_confusion: dict[str, int]
    unlocated: int
    outcomes: list[PassageOutcome]
    kind_confusion: dict[str, int] = field(default_factory=dict)
    kinds_available: bool = True


def _place_text(province: str | None, city: str | None) -> str:
    return f"{province or '-'}/{city or '-'}"


def score_passages(passages: Sequence[Passage], mode: Mode) -> PassageScores:
    """Score extraction on the passages, the article made as ``mode`` says."""
    counts = _Counts()
    found_total = matched_total = strict_total = unlocated_total = 0
    confusion: Counter[str] = Counter()
    kind_confusion: Counter[str] = Counter()
    kinds_available = True
    outcomes: list[PassageOutcome] = []
    for passage in passages:
        article = make_article(passage.text, passage.published, mode)
        extraction = extract(article)
        events = filed_events(extraction, article)
        figures = list(extraction.figures)
        labels = passage.amounts
        pairs, unlocated = match(passage.text, [a.text for a in labels], [f.text for f in figures])
        unlocated_total += unlocated
        found_total += len(figures)
        matched_total += len(pairs)
        leads = [lead for event in events if (lead := lead_figure(event.figures)) is not None]
        by_label = {li: fi for fi, li in pairs.items()}
        wrong_value, wrong_qualifier, investment_errors, wrong_kind = [], [], [], []
        for fi, li in pairs.items():
            figure, label = figures[fi], labels[li]
            kind = our_kind(figure)
            if kind is None:
                kinds_available = False
            else:
                counts.add("kind", kind == label.kind)
                kind_confusion[f"{label.kind}->{kind}"] += 1
                if kind != label.kind:
                    wrong_kind.append(f"{label.text}:{label.kind} got {kind}")
            if our_bracket(figure):
                counts.add("bracket_flag.precision", label.bracket)
            if label.bracket:
                counts.add("bracket_flag.recall", our_bracket(figure))
            value_ok = same_number(figure.value, label.value) and same_number(figure.maximum, label.maximum)
            currency_ok = figure.currency == label.currency
            strict_total += value_ok and currency_ok
            counts.add("value", value_ok)
            counts.add("currency", currency_ok)
            counts.add("qualifier", our_qualifier(figure) == label.qualifier)
            if not (value_ok and currency_ok):
                wrong_value.append(f"{label.text}={label.value:g}{label.currency} got {figure.text}={figure.value:g}")
            if our_qualifier(figure) != label.qualifier:
                wrong_qualifier.append(f"{label.text}:{label.qualifier} got {our_qualifier(figure)}")
            if figure.investment:
                counts.add("investment.precision", label.is_investment)
            if label.is_investment:
                counts.add("investment.recall", figure.investment)
            if figure.investment != label.is_investment:
                investment_errors.append(f"{label.text}[{label.kind}] got investment={figure.investment}")
        for fi, figure in enumerate(figures):
            if figure.investment:
                counts.add("investment_e2e.precision", fi in pairs and labels[pairs[fi]].is_investment)
        for li, label in enumerate(labels):
            if label.is_investment:
                counts.add("investment_e2e.recall", li in by_label and figures[by_label[li]].investment)
        brackets_as_event = []
        for li, label in enumerate(labels):
            if not label.bracket:
                continue
            fi_or_none = by_label.get(li)
            counts.add("brackets.found", fi_or_none is not None)
            as_event = fi_or_none is not None and figures[fi_or_none] in leads
            counts.add("brackets.as_event_amount", as_event)
            if as_event:
                brackets_as_event.append(label.text)
        # signing status
        statuses = {e.status for e in extraction.events}
        ours = next((status for status in ("done", "planned", "intended") if status in statuses), "none")
        confusion[f"{passage.signing}->{ours}"] += 1
        counts.add("status.strict", ours == passage.signing)
        counts.add(
            "status.intended_as_planned", ours == passage.signing or (passage.signing, ours) == ("intended", "planned")
        )
        # place
        place_outcome = article_place_outcome = None
        if passage.place.province:
            first_place = events[0].place if events else None
            province_ok = first_place is not None and first_place.province == passage.place.province
            city_ok = province_ok and first_place is not None and first_place.city == passage.place.city
            counts.add("place.province", province_ok)
            counts.add("place.city", city_ok)
            if events:
                counts.add("place.province_with_event", province_ok)
                counts.add("place.city_with_event", city_ok)
            if not city_ok:
                got = _place_text(first_place.province, first_place.city) if first_place else "no event"
                place_outcome = (_place_text(passage.place.province, passage.place.city), got)
            # the place the store keeps on the article (Extraction.place; code from before it: none)
            kept = getattr(extraction, "place", None)
            kept_province_ok = kept is not None and kept.province == passage.place.province
            kept_city_ok = kept_province_ok and kept is not None and kept.city == passage.place.city
            counts.add("place.article_province", kept_province_ok)
            counts.add("place.article_city", kept_city_ok)
            if not kept_city_ok:
                got = _place_text(kept.province, kept.city) if kept is not None else "none"
                article_place_outcome = (_place_text(passage.place.province, passage.place.city), got)
        # event amount
        event_outcome = None
        targets = [a for a in labels if a.event_amount]
        if targets:
            lead = lead_figure(events[0].figures) if events else None
            ok = lead is not None and any(
                same_number(lead.value, a.value) and lead.currency == a.currency for a in targets
            )
            counts.add("event_amount", ok)
            if not ok:
                got = "no event" if not events else (lead.text if lead else "no figure")
                event_outcome = ("|".join(a.text for a in targets), got)
        # event date
        if passage.date:
            ours_date = events[0].date.to_json() if events and events[0].date else None
            counts.add("date", same_date(ours_date, passage.date))
            if events:
                counts.add("date_with_event", same_date(ours_date, passage.date))
        outcomes.append(
            PassageOutcome(
                id=passage.id,
                misses=[a.text for li, a in enumerate(labels) if li not in by_label],
                false_positives=[f.text for fi, f in enumerate(figures) if fi not in pairs],
                wrong_value=wrong_value,
                wrong_qualifier=wrong_qualifier,
                investment_errors=investment_errors,
                status=(passage.signing, ours),
                place=place_outcome,
                event_amount=event_outcome,
                brackets_as_event=brackets_as_event,
                wrong_kind=wrong_kind,
                article_place=article_place_outcome,
            )
        )
    labelled = sum(len(p.amounts) for p in passages)
    metrics = [
        Metric("amounts.precision", matched_total, found_total, "matched / found figures"),
        Metric("amounts.recall", matched_total, labelled, "matched / labelled amounts"),
        Metric("amounts_strict.precision", strict_total, found_total, "matched with equal value, max and currency"),
        Metric("amounts_strict.recall", strict_total, labelled, "matched with equal value, max and currency"),
        counts.metric("value", "matched pairs: equal value and max"),
        counts.metric("currency", "matched pairs: equal currency"),
        counts.metric("qualifier", "matched pairs: same qualifier name"),
        counts.metric("investment.precision", "matched pairs"),
        counts.metric("investment.recall", "matched pairs"),
        counts.metric("investment_e2e.precision", "all found investment figures"),
        counts.metric("investment_e2e.recall", "all labelled investment amounts"),
        *([counts.metric("kind", "matched pairs: same amount kind")] if kinds_available else []),
        counts.metric("bracket_flag.precision", "matched pairs: ours a bracket and labelled one"),
        counts.metric("bracket_flag.recall", "matched pairs: labelled brackets ours flags"),
        counts.metric(
            "brackets.as_event_amount", "labelled brackets reported as an event's lead figure (lower is better)"
        ),
        counts.metric("brackets.found", "labelled brackets matched by any figure"),
        counts.metric("status.strict", "passages: done/planned/intended/none as named"),
        counts.metric("status.intended_as_planned", "passages: intended counted right when ours is planned"),
        counts.metric("place.province", "passages with a labelled province"),
        counts.metric("place.city", "passages with a labelled province"),
        counts.metric("place.province_with_event", "those where the article has an event"),
        counts.metric("place.city_with_event", "those where the article has an event"),
        counts.metric("place.article_province", "passages with a labelled province: the article's place"),
        counts.metric("place.article_city", "passages with a labelled province: the article's place"),
        counts.metric("event_amount", "passages with an event_amount label: first event's lead figure"),
        counts.metric("date", "passages with a labelled date: first event's date"),
        counts.metric("date_with_event", "those where the article has an event"),
    ]
    return PassageScores(
        mode,
        metrics,
        dict(sorted(confusion.items())),
        unlocated_total,
        outcomes,
        dict(sorted(kind_confusion.items())),
        kinds_available,
    )


def cleaning_drops(passages: Sequence[Passage]) -> list[tuple[str, int]]:
    """Passages whose ``clean_text`` article lost characters: (id, characters lost)."""
    dropped = []
    for passage in passages:
        article = clean_text(passage.text)
        kept = normal_form("".join([article.title or "", *article.paragraphs]))[0]
        original = normal_form(to_simplified(strip_pinyin(passage.text)[0]))[0]
        if kept != original:
            dropped.append((passage.id, len(original) - len(kept)))
    return dropped


# ---------------------------------------------------------------- clusters


@dataclass(frozen=True)
class ClusterScores:
    """Pairwise clustering scores of the stored clusters (``mode``: how the reports were stored)."""

    mode: str
    metrics: list[Metric]
    reports: int
    no_event: list[str]
    not_new: list[str]  # reports the store did not keep as a new article
    clusters_of: dict[str, list[int]]


# How the clusters set is stored: as a crawl stores a page (the only mode since 2026-12-03).
CRAWL = "crawl"


def report_page(report: Report) -> tuple[FetchedPage, CleanArticle]:
    """A report as a crawl meets it: a page of its paragraphs, and the article the crawl cleans from it.

    The page is the report's text as HTML, one ``<p>`` per line, at the
    report's URL; the labelled publication date is what a feed listing the
    page would give (``listed_published``).  The article is cleaned as the
    crawl's clean processes clean a page (``clean_html`` with the URL, the
    fetch time and the feed's date), so a later ``signwatch reprocess``,
    which cleans the stored page again, reads the same article.
    """
    lines = (line.strip() for line in report.text.splitlines())
    body = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines if line) + "</body></html>"
    listed = _published(report.published)
    page = FetchedPage(url=report.url, body=body.encode("utf-8"), fetched_at=FETCHED, listed_published=listed)
    article = clean_html(page.body, url=page.url, fetched=FETCHED, listed_published=listed)
    return page, article


def _stored_clusters(database: Database) -> dict[int, set[int]]:
    """Each stored article's clusters (an empty set: the article has events but no cluster, or none)."""
    clusters: dict[int, set[int]] = {}
    with database.session() as session:
        for article_id, cluster_id in session.execute(select(EventRow.article_id, EventRow.cluster_id)):
            entry = clusters.setdefault(article_id, set())
            if cluster_id is not None:
                entry.add(cluster_id)
    return clusters


def store_reports(
    reports: Sequence[Report],
) -> tuple[dict[str, int], dict[int, set[int]], list[str], dict[int, set[int]]]:
    """Store every report as a crawled page (``ingest_pages``), then reprocess the store.

    Returns each report's article id, each article's clusters as filed, the
    reports not stored as new articles, and each article's clusters after
    ``signwatch reprocess``'s analysis of the same store (``analyse_pending``
    over every article: the stored pages cleaned and extracted again, the
    events filed again).
    """
    ordered = sorted(reports, key=lambda r: (r.published is None, r.published or date.min, r.id))
    article_of: dict[str, int] = {}
    not_new: list[str] = []
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        database = Database(f"sqlite:///{root / 'signwatch.db'}")
        try:
            database.upgrade()
            archive = Archive(root / "archive")
            for report in ordered:
                page, article = report_page(report)
                [result] = ingest_pages(database, archive, [PageToStore(page, article, SOURCE, extract(article))])
                article_of[report.id] = result.article_id
                if result.outcome != "new":
                    not_new.append(f"{report.id}:{result.outcome}")
            filed = _stored_clusters(database)
            mark_all_pending(database)
            analyse_pending(database, workers=1)
            reprocessed = _stored_clusters(database)
        finally:
            database.dispose()
    return article_of, filed, not_new, reprocessed


def _pairs(
    reports: Sequence[Report], article_of: dict[str, int], clusters: dict[int, set[int]]
) -> tuple[int, int, int]:
    """(predicted pairs, true pairs, true predicted pairs) of the reports as clustered."""
    predicted = true = both = 0
    for a, b in combinations(reports, 2):
        article_a, article_b = article_of[a.id], article_of[b.id]
        same = article_a == article_b or bool(clusters.get(article_a, set()) & clusters.get(article_b, set()))
        truth = a.group == b.group
        predicted += same
        true += truth
        both += same and truth
    return predicted, true, both


def score_clusters(reports: Sequence[Report]) -> ClusterScores:
    """Pairwise precision and recall of the clusters the store files the reports under, and after a reprocess."""
    article_of, clusters, not_new, reprocessed = store_reports(reports)
    predicted, true, both = _pairs(reports, article_of, clusters)
    again_predicted, _, again_both = _pairs(reports, article_of, reprocessed)
    no_event = [r.id for r in reports if not clusters.get(article_of[r.id])]
    metrics = [
        Metric("clusters.pairwise_precision", both, predicted, "report pairs sharing a cluster that are one group"),
        Metric("clusters.pairwise_recall", both, true, "report pairs of one group that share a cluster"),
        Metric("clusters.reports_without_event", len(no_event), len(reports), "reports whose article has no event"),
        Metric(
            "clusters.reprocessed_precision", again_both, again_predicted, "the same store after signwatch reprocess"
        ),
        Metric("clusters.reprocessed_recall", again_both, true, "the same store after signwatch reprocess"),
    ]
    clusters_of = {r.id: sorted(clusters.get(article_of[r.id], set())) for r in reports}
    return ClusterScores(CRAWL, metrics, len(reports), no_event, not_new, clusters_of)


# ---------------------------------------------------------------- report


def _commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip() or None


def score_all(modes: Sequence[Mode] = MODES, set_dir: Path = HERE) -> dict[str, Any]:
    """Every figure of the set in ``set_dir``, as the ``--json`` shape (plus the score objects under ``_objects``).

    A set without ``clusters.jsonl`` is scored on its passages alone (no clusters figures).
    """
    passages = load_passages(set_dir / PASSAGES.name)
    clusters_file = set_dir / CLUSTERS.name
    reports = load_reports(clusters_file) if clusters_file.exists() else []
    passage_scores = [score_passages(passages, mode) for mode in modes]
    cluster_scores = [score_clusters(reports)] if reports else []
    no_kinds = not all(scores.kinds_available for scores in passage_scores)
    return {
        "commit": _commit(),
        "set": set_dir.name,
        "headline": HEADLINE,
        "passages": {
            "count": len(passages),
            "amounts": sum(len(p.amounts) for p in passages),
            "cleaning_drops": cleaning_drops(passages),
            "modes": {
                s.mode: {
                    "metrics": [m.to_json() for m in s.metrics],
                    "status_confusion": s.status_confusion,
                    "kind_confusion": s.kind_confusion,
                    "unlocated_figures": s.unlocated,
                }
                for s in passage_scores
            },
            "not_available": {"amount_kind": "this code has no kinds of amount"} if no_kinds else {},
        },
        "clusters": {
            "count": len(reports),
            "groups": len({r.group for r in reports}),
            "modes": {
                s.mode: {
                    "metrics": [m.to_json() for m in s.metrics],
                    "no_event": s.no_event,
                    "not_new": s.not_new,
                }
                for s in cluster_scores
            },
        },
        "_objects": {"passages": passage_scores, "clusters": cluster_scores},
    }


def _line(metric: Metric) -> str:
    value = f"{metric.value:.3f}" if metric.value is not None else "n/a"
    return f"  {metric.name:32} {value:>6}  ({metric.hits}/{metric.total})  {metric.note}"


def _print_details(scores: PassageScores) -> None:
    for o in scores.outcomes:
        lines = []
        if o.misses:
            lines.append(f"miss {o.misses}")
        if o.false_positives:
            lines.append(f"fp {o.false_positives}")
        if o.wrong_value:
            lines.append(f"value {o.wrong_value}")
        if o.wrong_qualifier:
            lines.append(f"qualifier {o.wrong_qualifier}")
        if o.investment_errors:
            lines.append(f"investment {o.investment_errors}")
        if o.wrong_kind:
            lines.append(f"kind {o.wrong_kind}")
        if o.status[0] != o.status[1]:
            lines.append(f"status {o.status[0]} got {o.status[1]}")
        if o.place:
            lines.append(f"place {o.place[0]} got {o.place[1]}")
        if o.article_place:
            lines.append(f"article place {o.article_place[0]} got {o.article_place[1]}")
        if o.event_amount:
            lines.append(f"event amount {o.event_amount[0]} got {o.event_amount[1]}")
        if o.brackets_as_event:
            lines.append(f"bracket as event amount {o.brackets_as_event}")
        for line in lines:
            print(f"{o.id}  {line}")


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--details", action="store_true", help="also print every error, per passage (headline mode)")
    parser.add_argument(
        "--set",
        type=Path,
        default=HERE,
        metavar="DIR",
        help="a folder holding passages.jsonl (and clusters.jsonl) of this schema (default: blind2026)",
    )
    args = parser.parse_args(argv)
    if not (args.set / PASSAGES.name).is_file():
        parser.error(f"--set {args.set}: no {PASSAGES.name} there")
    result = score_all(set_dir=args.set)
    objects = result.pop("_objects")
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"set {result['set']}; commit {result['commit']}; headline mode: {HEADLINE}")
    print(f"passages: {result['passages']['count']}, labelled amounts: {result['passages']['amounts']}")
    drops = result["passages"]["cleaning_drops"]
    print(f"clean_text lost characters in {len(drops)} passages: {drops}")
    for scores in objects["passages"]:
        print(f"\npassages, {scores.mode}:")
        for metric in scores.metrics:
            print(_line(metric))
        if not scores.kinds_available:
            print("  amount kind: not available (this code has no kinds of amount)")
        print(f"  unlocated figures: {scores.unlocated}")
        print(f"  status (label->ours): {scores.status_confusion}")
        if args.details and scores.kind_confusion:
            wrong = {pair: n for pair, n in scores.kind_confusion.items() if pair.split("->")[0] != pair.split("->")[1]}
            print(f"  amount kind errors (label->ours): {wrong}")
    for cluster_scores in objects["clusters"]:
        print(f"\nclusters, {cluster_scores.mode} ({cluster_scores.reports} reports):")
        for metric in cluster_scores.metrics:
            print(_line(metric))
        print(f"  not stored as new articles: {cluster_scores.not_new}")
    if args.details:
        print(f"\ndetails ({HEADLINE}):")
        _print_details(next(s for s in objects["passages"] if s.mode == HEADLINE))
    return 0


if __name__ == "__main__":
    sys.exit(main())
