"""The clusters a batch's events may join, where each event is filed, and why.

``ClusterIndex`` reads, once per batch, the stored clusters in the buckets
its events may match (``monitor.events.cluster.lookup_months``: the
event's province and the months around its date) with every member event of
them, keeps the clusters the batch founds in memory, and places every
article in turn.  An article's events are first put in groups of one event
each (``group_events``: a ceremony, its parts and the sentences that refer
back to it); each group then joins the cluster whose reports it matches best
(``compare``), provided it conflicts with none of them, or founds a new one.
Members are compared article by article: one article's events in a cluster
are one report, their facts combined.

Every placement leaves evidence: which event it matched and which fields
matched, and how (``EvidenceEntry``), written to ``clusters.evidence`` by
``monitor.store.filing``.  No writes here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.orm import Session

from monitor.events.cluster import DATELINE_SLACK, Verdict, bucket, compare, disagrees, lookup_months
from monitor.events.cluster_facts import REPORTED, Amount, EventFacts, combine, make_facts
from monitor.events.model import Figure, SigningEvent
from monitor.events.places import gazetteer
from monitor.store.event_models import Cluster, EventRow, FigureRow
from monitor.store.models import Article
from monitor.text.byline import BEIJING

# An event with neither a date nor a publication date may be any day's: it is
# compared with this many of the newest clusters of its province (all
# provinces when it has none), as no bucket of months can narrow them.
UNBOUNDED_SCAN = 1000


@dataclass(frozen=True)
class FilingPlan:
    """One article's events, ready to be filed under clusters: what they report, their facts and their groups."""

    article_row: Article
    reported: tuple[SigningEvent, ...]
    published: date | None
    facts: list[EventFacts]
    groups: list[list[int]]  # indices into ``reported``: the events that are one event, in article order

    def group_facts(self) -> list[EventFacts]:
        """Each group's facts, combined."""
        return [combine([self.facts[i] for i in group]) for group in self.groups]


def lead_figure(figures: tuple[Figure, ...]) -> Figure | None:
    """The event's headline figure: its largest investment amount."""
    return max(figures, key=lambda f: f.value, default=None)


def cluster_values(event: SigningEvent, facts: EventFacts) -> dict[str, Any]:
    """A clusters row as column values: the founding event's summary, under the bucket of its group's facts."""
    amounts = tuple(f for f in event.figures if f.event_amount)  # never a project-size bracket
    lead = lead_figure(amounts)
    return {
        "key": bucket(facts),
        "kind": event.kind,
        "province": event.place.province,
        "city": event.place.city,
        "county": event.place.county,
        "date_text": event.date.to_json() if event.date else None,
        "window_from": facts.window[0] if facts.window else None,
        "window_to": facts.window[1] if facts.window else None,
        "projects": event.projects,
        "figure_values": sorted({float(f.value) for f in amounts}),
        "investment_value": float(lead.value) if lead else None,
        "investment_max": float(lead.maximum) if lead and lead.maximum is not None else None,
        "qualifier": lead.qualifier if lead else None,
        "currency": lead.currency if lead else None,
        "evidence": [],
    }


@lru_cache(maxsize=1)
def provinces() -> tuple[str, ...]:
    """Every province-level name a place can carry, and '-' for none: the provinces of the buckets."""
    names = sorted({d.name for d in gazetteer().by_key.values() if d.level == 1})
    return (*names, "-")


def lookup_provinces(facts: EventFacts) -> tuple[str, ...]:
    """The bucket provinces whose clusters may match ``facts``: its own and none, or every one when it has none."""
    return (facts.province, "-") if facts.province else provinces()


def lookup_buckets(facts: EventFacts) -> list[str] | None:
    """The cluster keys whose clusters may match ``facts``; None when any month may (nothing bounds its date)."""
    months = lookup_months(facts)
    if months is None:
        return None
    return [f"{province}|{month}" for province in lookup_provinces(facts) for month in months]


def _age(home: Home) -> tuple[bool, int]:
    """Stored clusters by id, then the batch's own in the order founded: oldest first."""
    return (not home.stored, home.id)


class _Found(NamedTuple):
    """A cluster as candidates are chosen: its bucket, its founder's window of dates and its founder's place."""

    key: str
    window: tuple[date, date] | None
    place: tuple[str | None, ...]


@dataclass(frozen=True)
class _Reach:
    """Which clusters a group of events may join: its buckets (None: any month of its provinces) and window."""

    buckets: frozenset[str] | None
    provinces: frozenset[str]
    window: tuple[date, date] | None
    place: tuple[str | None, ...]

    @classmethod
    def of(cls, facts: EventFacts) -> _Reach:
        """The reach of ``facts``."""
        keys = lookup_buckets(facts)
        place = (facts.province, facts.city, facts.county)
        return cls(None if keys is None else frozenset(keys), frozenset(lookup_provinces(facts)), facts.window, place)

    def admits(self, found: _Found) -> bool:
        """Whether a cluster may hold a match: in one of the group's buckets, its founder not against the group."""
        if self.buckets is not None and found.key not in self.buckets:
            return False
        if self.buckets is None and found.key.split("|", 1)[0] not in self.provinces:
            return False
        return self.fits(found)

    def fits(self, found: _Found) -> bool:
        """Whether the cluster's founder is not against the group: no other place where both name one, no day too far.

        A match may not conflict with the cluster's founder: another place
        where both name one, or a day further than ``DATELINE_SLACK`` from the
        group's (``monitor.events.cluster``).  So only the clusters that pass
        are read and compared member by member.
        """
        for ours, theirs in zip(self.place, found.place, strict=True):
            if ours and theirs and ours != theirs:
                return False
        if self.window is None or found.window is None:
            return True
        (first, last), (since, until) = self.window, found.window
        return first - DATELINE_SLACK <= until and since - DATELINE_SLACK <= last


class Home(NamedTuple):
    """The cluster an event is filed under: a stored one (its id) or one this batch founds (its index).

    A tuple: a batch makes and hashes one for every stored cluster it meets.
    """

    stored: bool
    id: int


@dataclass(frozen=True)
class Placement:
    """Where one event was filed, and what alerting needs to know of it."""

    home: Home
    fresh: bool  # the event founded its cluster
    first_done: bool  # a done event, and no other article's done event is in the cluster yet


@dataclass(frozen=True)
class Member:
    """One article's reports in a cluster, as one set of facts; ``event``: the first of them.

    ``fresh``: filed by this batch (a stored member may be a re-analysed article's previous events).
    """

    article_id: int
    event: int
    facts: EventFacts
    fresh: bool = False


# The queries of ClusterIndex, built once: a statement built per call costs
# more Python than the database takes to answer it (and a prebuilt one keeps
# its compiled-cache key).
_CLUSTER = select(
    Cluster.id, Cluster.key, Cluster.window_from, Cluster.window_to, Cluster.province, Cluster.city, Cluster.county
)
# In the buckets, and founded in dates that can meet the batch's (see _Reach.admits): the window
# test is the same for every bucket, so it spares reading what _Reach.admits would drop.
_IN_BUCKETS = _CLUSTER.where(
    Cluster.key.in_(bindparam("keys", expanding=True)),
    or_(
        Cluster.window_from.is_(None),
        Cluster.window_to.is_(None),
        and_(Cluster.window_to >= bindparam("since"), Cluster.window_from <= bindparam("until")),
    ),
).order_by(Cluster.id)
_NEWEST = _CLUSTER.order_by(Cluster.id.desc()).limit(UNBOUNDED_SCAN)
# Each member event with its amounts (one row per amount, or one with none): investment
# amounts but brackets, and every money figure but brackets of a mention (``event_amounts``).
_MEMBERS = (
    select(
        EventRow.id,
        EventRow.cluster_id,
        EventRow.article_id,
        EventRow.kind,
        EventRow.status,
        EventRow.province,
        EventRow.city,
        EventRow.county,
        EventRow.date_from,
        EventRow.date_to,
        EventRow.parties,
        EventRow.projects,
        EventRow.parts,
        EventRow.evidence,
        Article.published_at,
        Article.analysed_at.is_(None).label("pending"),
        FigureRow.value,
        FigureRow.currency,
        FigureRow.qualifier,
    )
    .join(Article, EventRow.article_id == Article.id)
    .outerjoin(
        FigureRow,
        and_(
            FigureRow.event_id == EventRow.id,
            or_(FigureRow.investment.is_(True), EventRow.status == REPORTED),
            FigureRow.bracket.is_(False),
        ),
    )
    .where(EventRow.cluster_id.in_(bindparam("ids", expanding=True)))
    .order_by(EventRow.id, FigureRow.id)
)


class ClusterIndex:
    """The clusters a batch's events may join: the stored ones in the batch's buckets and those the batch founds.

    The stored clusters and their members are read once; the batch's own
    clusters and members are kept in memory as each article is placed, so an
    article meets exactly what it would had every article before it been
    stored in a transaction of its own.

    A re-analysis (``reanalysis``: reprocess, import's analysis) files each
    article against what was filed before it, as the crawl did, and so gives
    the crawl's clusters back.  The previous events of the articles awaiting
    re-analysis (the batch's own, and every article still pending) are stale:
    no article meets them, not even its own (filing is not the same in every
    order when a report matches two that do not match each other, so meeting
    the previous report of an article filed after it, or its own previous
    events with their facts combined, could put an article elsewhere than
    the crawl did).  They serve once: a group that founds a cluster founds
    it again under the id of the stored cluster its article's previous
    events founded (``refounded``), when no other current report is in it,
    so an event keeps its cluster's id (the workbench's address, the
    outbox's key) across a reprocess.
    """

    def __init__(
        self,
        session: Session,
        plans: Sequence[FilingPlan],
        *,
        reanalysis: bool = False,
        later: frozenset[int] = frozenset(),
    ) -> None:
        self.session = session
        self.reanalysis = reanalysis
        self.batch = {plan.article_row.id for plan in plans} if reanalysis else set()
        # Articles whose stored events are stale (see the class doc): the batch's, the ones its transaction files
        # after it (``later``: their rows are marked analysed already), and those still pending (read with them).
        self.stale: set[int] = self.batch | later if reanalysis else set()
        groups = [facts for plan in plans for facts in plan.group_facts()]
        self.clusters: dict[Home, _Found] = {}  # every cluster the batch may join: its bucket and founder's window
        self.in_bucket: dict[str, list[Home]] = {}  # the same, by bucket, oldest first
        self.members: dict[Home, list[Member]] = {}
        self.done: set[Home] = set()  # clusters holding a done event of an article this batch placed
        # the stored articles with a done event in each cluster: done while one of them is not retired
        self.stored_done: dict[Home, set[int]] = {}
        self.retired: set[int] = set()  # articles placed by this batch: their stored (previous) events are gone
        self.own: dict[int, list[Home]] = {}  # in a re-analysis: the stored clusters of each batch article's events
        self.refounded: dict[int, dict[str, Any]] = {}  # stored clusters founded again: their new column values
        self.founded: list[dict[str, Any]] = []  # column values of the clusters this batch founds, in order
        self.evidence: dict[Home, list[dict[str, Any]]] = {}  # what each placement adds to clusters.evidence
        self._read([_Reach.of(facts) for facts in groups])

    def _read(self, reaches: Sequence[_Reach]) -> None:
        """Read the stored clusters the batch's groups may join, and all their members."""
        # A batch's groups share a few places and days: each stored cluster is tried against each distinct reach once.
        reaches = list(dict.fromkeys(reaches))
        buckets = sorted({key for reach in reaches if reach.buckets is not None for key in reach.buckets})
        unbounded = {p for reach in reaches if reach.buckets is None for p in reach.provinces}
        # Core statements: plain rows, without the ORM's per-row work
        connection = self.session.connection()
        rows: list[Any] = []
        if buckets:
            # every bounded group's window, with the slack a founder's day may have
            windows = [reach.window for reach in reaches if reach.buckets is not None and reach.window]
            since = min(w[0] for w in windows) - DATELINE_SLACK
            until = max(w[1] for w in windows) + DATELINE_SLACK
            rows = list(connection.execute(_IN_BUCKETS, {"keys": buckets, "since": since, "until": until}))
        if unbounded:
            query = _NEWEST
            if len(unbounded) < len(provinces()):
                query = query.where(or_(*(Cluster.key.startswith(p + "|") for p in sorted(unbounded))))
            rows += list(connection.execute(query))
        # the groups that may want each bucket, and each province's unbounded groups
        wanting: dict[str, list[_Reach]] = {}
        for reach in reaches:
            for key in reach.buckets if reach.buckets is not None else ():
                wanting.setdefault(key, []).append(reach)
        anywhen = {p: [r for r in reaches if r.buckets is None and p in r.provinces] for p in unbounded}
        for cluster_id, key, window_from, window_to, *place in sorted(rows):  # oldest first: the oldest wins a tie
            found = _Found(key, (window_from, window_to) if window_from and window_to else None, tuple(place))
            candidates = [*wanting.get(key, ()), *anywhen.get(key.split("|", 1)[0], ())]
            if any(reach.fits(found) for reach in candidates):
                self._add(Home(True, cluster_id), found)
        ids = sorted({home.id for home in self.clusters})
        if not ids:
            return
        events: dict[int, Any] = {}
        amounts: dict[int, list[Amount]] = {}
        for row in connection.execute(_MEMBERS, {"ids": ids}):
            events.setdefault(row.id, row)
            if row.value is not None:
                amounts.setdefault(row.id, []).append(Amount(float(row.value), row.currency, row.qualifier))
        reports: dict[tuple[int, int], list[tuple[int, EventFacts]]] = {}
        for m in events.values():
            if m.status == "done":
                self.stored_done.setdefault(Home(True, m.cluster_id), set()).add(m.article_id)
            if self.reanalysis and m.article_id not in self.batch and (m.pending or m.article_id in self.stale):
                self.stale.add(m.article_id)
                continue  # stale, and not this batch's own: never compared, so its facts are not made
            facts = _member_facts(m, amounts.get(m.id, []))
            reports.setdefault((m.cluster_id, m.article_id), []).append((m.id, facts))
        for (cluster_id, article_id), reported in reports.items():
            member = Member(article_id, reported[0][0], combine([facts for _, facts in reported]))
            self.members.setdefault(Home(True, cluster_id), []).append(member)
            if article_id in self.batch:
                self.own.setdefault(article_id, []).append(Home(True, cluster_id))

    def _add(self, home: Home, found: _Found) -> None:
        self.clusters[home] = found
        self.in_bucket.setdefault(found.key, []).append(home)

    def place(self, plan: FilingPlan, event_ids: Sequence[int]) -> list[Placement]:
        """File every event of one article (``event_ids``: theirs, in article order) and remember them for the next."""
        article_id = plan.article_row.id
        homes: dict[int, tuple[Home, bool]] = {}
        for group, facts in zip(plan.groups, plan.group_facts(), strict=True):
            first = event_ids[group[0]]
            # the article's own groups are never compared: they were told apart on purpose
            found = self.find(facts, skip=article_id)
            if found is None:
                values = cluster_values(plan.reported[group[0]], facts)
                place = (values["province"], values["city"], values["county"])
                again = self._founded_before(facts, article_id)
                if again is None:
                    self.founded.append(values)
                    home = Home(False, len(self.founded) - 1)
                else:  # its previous cluster, under the new facts' bucket
                    home = again
                    self.refounded[home.id] = values
                    self.in_bucket[self.clusters[home].key].remove(home)
                self._add(home, _Found(values["key"], facts.window, place))
                entry: dict[str, Any] = {"joined": "founded"}
            else:
                home, matched, verdict = found
                entry = {"joined": "matched", "with": matched.event, **verdict.to_json()}
            notes = self.evidence.setdefault(home, [])
            notes.append({"event": first, "article": article_id, **entry})
            notes.extend(
                {"event": event_ids[i], "article": article_id, "joined": "same article", "with": first}
                for i in group[1:]
            )
            for index in group:
                homes[index] = (home, found is None and not home.stored)  # founded again under its id: not new
        # As a later batch reads them back from the store: one member per cluster, its events' facts combined.
        for home in dict.fromkeys(home for home, _ in homes.values()):
            mine = [i for i in range(len(plan.reported)) if homes[i][0] == home]
            facts = combine([plan.facts[i] for i in mine])
            self.members.setdefault(home, []).append(Member(article_id, event_ids[mine[0]], facts, fresh=True))
        placed: list[Placement] = []
        for index, event in enumerate(plan.reported):
            home, fresh = homes[index]
            # the first done report of the cluster: none from another article, none earlier in this one
            first_done = (
                event.status == "done"
                and not self._is_done(home)
                and not any(p.home == home and p.first_done for p in placed)
            )
            placed.append(Placement(home, fresh, first_done))
        for event, placement in zip(plan.reported, placed, strict=True):
            if event.status == "done":
                self.done.add(placement.home)
        # a re-analysed article's previous events are replaced now: the articles after it do not meet them
        self.retired.add(article_id)
        return placed

    def _is_done(self, home: Home) -> bool:
        """Whether the cluster holds a done event of an article placed before, or of a stored one not retired."""
        return home in self.done or any(a not in self.retired for a in self.stored_done.get(home, ()))

    def _current(self, article_id: int) -> bool:
        """Whether a stored member of ``article_id`` is met: neither replaced by this batch nor stale."""
        return article_id not in self.retired and article_id not in self.stale

    def _founded_before(self, facts: EventFacts, article_id: int) -> Home | None:
        """In a re-analysis, the stored cluster a group founding one takes again: its article's, and no one else's.

        Of the stored clusters holding the article's previous events, those
        the group may join (its buckets, no other place or day) and no other
        current report is in (the batch's or a stored one), the one whose
        previous report of the article matches the group best without a
        conflict; None when there is none (the group founds a new cluster).
        """
        reach = _Reach.of(facts)
        best: tuple[float, Home] | None = None
        for home in self.own.get(article_id, ()):
            if home.id in self.refounded or not reach.admits(self.clusters[home]):
                continue
            members = self.members.get(home, ())
            if any(m.fresh or self._current(m.article_id) for m in members):
                continue
            mine = [m for m in members if m.article_id == article_id]
            verdict = compare(facts, mine[0].facts, explain=False)
            if not verdict.conflict and (best is None or verdict.score > best[0]):
                best = (verdict.score, home)
        return None if best is None else best[1]

    def find(self, facts: EventFacts, skip: int | None = None) -> tuple[Home, Member, Verdict] | None:
        """The cluster ``facts`` belongs to, the member it matches best and how; None when it founds its own.

        A cluster qualifies when none of its members conflicts with ``facts``
        or disagrees with it (``disagrees``), and one matches
        (``Verdict.same``); the best match wins, the oldest cluster on a tie.
        Members this batch filed for article ``skip`` are left out, and so
        are the stored members of the articles this batch placed (retired)
        and, in a re-analysis, those of every article awaiting it (stale).
        """
        reach = _Reach.of(facts)
        best: tuple[float, Home, Member, Verdict] | None = None
        if reach.buckets is None:
            homes: Iterable[Home] = self.clusters
        else:  # the clusters of the group's buckets, oldest first as they were added
            homes = sorted((h for key in reach.buckets for h in self.in_bucket.get(key, ())), key=_age)
        for home in homes:
            if not reach.admits(self.clusters[home]):
                continue
            members = [
                m
                for m in self.members.get(home, ())
                if (m.article_id != skip if m.fresh else self._current(m.article_id))
            ]
            verdicts = [(compare(facts, m.facts, explain=False), m) for m in members]
            if not verdicts or any(v.conflict or disagrees(v) for v, _ in verdicts):
                continue
            verdict, member = max(verdicts, key=lambda vm: vm[0].score)
            if verdict.same and (best is None or verdict.score > best[0]):
                best = (verdict.score, home, member, verdict)
        if best is None:
            return None
        _, home, member, _ = best
        return home, member, compare(facts, member.facts)  # again, saying how each field matched


def _member_facts(row: Any, amounts: list[Amount]) -> EventFacts:
    """The facts of a stored member event (a row of ``_MEMBERS``), its amounts with its parts' amounts."""
    parts: list[dict[str, Any]] = row.parts or []
    part_amounts = [
        Amount(float(f["value"]), f["currency"], f["qualifier"])
        for part in parts
        for f in part.get("figures", ())
        if f.get("investment") and not f.get("bracket")
    ]
    counts = {row.projects, *(part.get("projects") for part in parts)}
    dated = (row.date_from, row.date_to) if row.date_from is not None and row.date_to is not None else None
    return make_facts(
        kind=row.kind,
        status=row.status,
        place=(row.province, row.city, row.county),
        dated=dated,
        published=_beijing_day(row.published_at),
        evidence=row.evidence or "",
        parties=row.parties or (),
        amounts=list(dict.fromkeys([*amounts, *part_amounts])),
        projects=frozenset(c for c in counts if isinstance(c, int)),
    )


def _beijing_day(moment: datetime | None) -> date | None:
    """The day an article was published, in Beijing (as filing takes it); naive stored times are UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BEIJING).date()
