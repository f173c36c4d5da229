"""Filing an article's projects: its parties, its industry, and each project's stages on one timeline.

``file_projects`` runs inside the storing transaction, called by
``monitor.store.filing.file_extractions`` once the article's events are
written (so the crawl, import and reprocess all file projects the same way).
For each article it:

1. stores the organisations of each event (``event_parties``: name as
   written, matching form, role), so ``--party`` reads an index;
2. gives each event an industry: its project's, else the article's;
3. links every project the article reports a stage of to the stored
   project it continues, or starts one at that stage, and records the stage
   with this article (``project_stages``: one row per project, stage and
   article, so a repost joins its stage rather than adding one).

Linking (``same_project``) always needs the names to agree: the same
``project_key``, one key inside the other (``紫光IC国际城`` in
``天府新区紫光IC国际城``), or one an abbreviation of the other (``上药超级``,
the characters of ``上海医药超级`` in order).  The looser the names agree,
the more of investor, place and industry must agree too; a known investor,
province, city or county that differs is never the same project.  A place
or an amount alone never links: a project is not the same because it is in
the same district or of the same size.

A re-analysed article (``signwatch reprocess``) takes its stage reports off
its projects first; a project no article reports any more is deleted, the
others keep their ids.

Concurrency: two writers filing reposts of a project's first report at once
could both start it.  On PostgreSQL a transaction-scoped advisory lock
serialises project filing (taken only by articles that report a stage);
SQLite's ``BEGIN IMMEDIATE`` already lets one writer in at a time.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import ColumnElement, Executable, Table, bindparam, delete, func, insert, or_, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from monitor.events.model import Figure, Place, SigningEvent
from monitor.events.places import gazetteer
from monitor.projects import brands, industries
from monitor.projects.model import STAGES, Party, ProjectMention, ProjectReading, StageMention
from monitor.projects.normalise import fold, organisation
from monitor.records import FiledArticle, FiledStage, StoredArticle
from monitor.store.base import utcnow
from monitor.store.event_models import EventRow
from monitor.store.ids import reserve_ids
from monitor.store.project_models import EventParty, Project, ProjectStage
from monitor.text.byline import BEIJING

_EVENT_PARTIES = cast(Table, EventParty.__table__)
_STAGES = cast(Table, ProjectStage.__table__)
_STAGE_ORDER: dict[str, int] = {stage: rank for rank, stage in enumerate(STAGES)}
# Keys shorter than this stand for a longer one only with more agreeing (紫光 is many projects).
_DISTINCT_KEY = 4
# The longest name a column holds (monitor.store.project_models.NameText); real names are far shorter.
_LONGEST = 200
_LOCK_NUMBER = int.from_bytes(hashlib.blake2b(b"projects", digest_size=8).digest(), "big", signed=True)


def file_projects(session: Session, articles: Sequence[StoredArticle], filed: list[FiledArticle]) -> list[FiledArticle]:
    """File each article's parties, industry and project stages; ``filed`` with each article's stages added.

    The same as filing the articles one after another: parties and
    industries depend on the article alone and are written for the batch
    with one statement each (in article order); projects are linked article
    by article, since an article's report may start the project the next
    one continues, and only for the articles that report or reported a stage.
    """
    parties: list[dict[str, Any]] = []
    industries: list[dict[str, Any]] = []
    for item, done in zip(articles, filed, strict=True):
        reading = item.extraction.projects
        ids = [stored.event.id for stored in done.events]
        parties += _party_rows(reading, item.extraction.events, ids)
        industries += _set_industry(
            reading, item.extraction.events, [s.event for s in done.events], {s.key: s for s in reading.projects}
        )
    if parties:
        numbers = reserve_ids(session, _EVENT_PARTIES, len(parties))  # see monitor.store.ids.hold_ids
        session.execute(insert(_EVENT_PARTIES), [{**row, "id": n} for row, n in zip(parties, numbers, strict=True)])
    # each re-analysed article's stage reports, read at once: no article's filing changes another's
    reported = _reported(session, [item.row.id for item in articles if not item.inserted])
    result: list[FiledArticle] = []
    for item, done in zip(articles, filed, strict=True):
        touched = _take_off(session, item.row.id, reported.get(item.row.id, set()))
        events = item.extraction.events
        stages: list[FiledStage] = []
        pairs = _staged_projects(item.extraction.projects, events)
        if pairs:
            _lock(session)
            ids = [stored.event.id for stored in done.events]
            stages = _link(session, item, pairs, dict(zip((e.start for e in events), ids, strict=False)))
            touched |= {s.project_id for s in stages}
        if touched:
            signed_on = _settle(session, touched)
            stages = [replace(s, signed_on=signed_on.get(s.project_id)) for s in stages]
        result.append(replace(done, stages=stages))
    if industries:
        session.execute(update(EventRow), industries)  # one UPDATE by primary key, executed for every row
    return result


# -- parties and industry ---------------------------------------------------


def _party_rows(reading: ProjectReading, events: Sequence[SigningEvent], ids: list[int]) -> list[dict[str, Any]]:
    """Each event's organisations as event_parties rows: the parties read that it names (all of them for an
    article's only event)."""
    rows: list[dict[str, Any]] = []
    for event, event_id in zip(events, ids, strict=False):
        for name, normalised, role in _event_parties(event, reading.parties, only=len(events) == 1):
            rows.append(
                {"event_id": event_id, "name": name[:_LONGEST], "normalised": normalised[:_LONGEST], "role": role}
            )
    return rows


def _event_parties(event: SigningEvent, parties: Sequence[Party], *, only: bool) -> list[tuple[str, str, str]]:
    """The parties an event names (by matching form, one inside the other) or whose name its sentence holds."""
    named = [organisation(name) for name in event.parties]
    found: dict[str, tuple[str, str, str]] = {}
    for party in parties:
        forms = {party.normalised, organisation(party.name)} | (
            {organisation(party.same_as)} if party.same_as else set()
        )
        forms = {form for form in forms if len(form) >= 2}
        written = [party.name, *([party.same_as] if party.same_as else [])]
        if (
            only
            or any(form in name or name in form for form in forms for name in named if len(name) >= 2)
            or any(name in event.evidence for name in written)
        ):
            found.setdefault(party.normalised, (party.name, party.normalised, party.role))
    return list(found.values())


def _set_industry(
    reading: ProjectReading,
    events: Sequence[SigningEvent],
    rows: Sequence[EventRow],
    projects: dict[str, ProjectMention],
) -> list[dict[str, Any]]:
    """Each event's industry: the project its signing is about, else the article's; the rows' new values.

    ``rows`` are the filed events as written (not in the session): each gets its
    label here, since the alerts queued next in this transaction read it there;
    the caller writes the returned values.
    """
    by_start = {s.start: s for s in reading.stages if s.stage == "签约"}
    values: list[dict[str, Any]] = []
    for position, row in enumerate(rows):
        label = reading.industry
        if position < len(events):
            stage = by_start.get(events[position].start)
            project = projects.get(stage.key) if stage is not None and stage.key is not None else None
            if project is not None and project.industry is not None:
                label = project.industry
        if label is not None:
            values.append({"id": row.id, "industry": label})
            row.industry = label
    return values


# -- which projects the article reports a stage of -------------------------


def _staged_projects(
    reading: ProjectReading, events: Sequence[SigningEvent]
) -> list[tuple[ProjectMention, list[StageMention]]]:
    """Each project with the stages the article reports of it.

    A stage the text ties to no project (a batch: ``集中签约``, ``集中开工``)
    is a stage of the projects named in its own sentence (the ceremony's
    list) or whose investor it names (``包括浙江李子园食品股份有限公司在内的22个
    项目``, the project named paragraphs on), never of every project the
    article names: an article of a signing and a groundbreaking at once lists
    each batch in its sentence.
    A batch signing is read per signing event, whose sentences are kept.
    """
    mentions = {p.key: p for p in reading.projects}
    own: dict[str, dict[str, StageMention]] = {}
    loose: list[StageMention] = []
    for stage in reading.stages:
        if stage.key is None:
            if stage.stage != "签约":
                loose.append(stage)
        elif stage.key in mentions:
            own.setdefault(stage.key, {}).setdefault(stage.stage, stage)  # one report per stage: the first
    keyed_signings = {s.start for s in reading.stages if s.stage == "签约" and s.key is not None}
    if any(s.stage == "签约" and s.key is None for s in reading.stages):
        loose += [
            StageMention("签约", None, None, e.date, e.evidence, e.start)
            for e in events
            if e.status in ("done", "intended") and e.start not in keyed_signings
        ]
    _to_the_whole(reading.projects, own)
    pairs = []
    for key, mention in mentions.items():
        stages = dict(own.get(key, {}))
        written = fold(mention.name)
        investor = fold(mention.investor) if mention.investor else None
        for stage in loose:
            # (继中天绿色精品钢项目之后,南通市又一大钢铁项目开工: a project followed is not the one reported)
            evidence = fold(stage.evidence).replace(f"继{written}之后", "").replace(f"继{written}后", "")
            if stage.stage not in stages and (written in evidence or (investor is not None and investor in evidence)):
                stages[stage.stage] = stage
        if stages:
            pairs.append((mention, sorted(stages.values(), key=lambda s: _STAGE_ORDER.get(s.stage, -1))))
    return pairs


# A dash between a whole and its part written right after it (…项目一期工程——圆柱电池项目).
_PART_DASHES = ("——", "—", "--")


def _to_the_whole(projects: Sequence[ProjectMention], own: dict[str, dict[str, StageMention]]) -> None:
    """Give a whole the steps reported of its part written right after it with a dash: 沈阳市铁西区亿纬锂能储能与
    动力电池项目一期工程——圆柱电池项目顺利封顶 caps the first phase of the whole as well as its cell plant, and
    only the whole is what the signing and the groundbreaking were told of."""
    for part in projects:
        reported = own.get(part.key)
        if not reported:
            continue
        for whole in projects:
            if whole.key == part.key:
                continue
            if any(
                f"{whole.name}{dash}{part.name}" in stage.evidence
                for stage in reported.values()
                for dash in _PART_DASHES
            ):
                for stage in reported.values():
                    own.setdefault(whole.key, {}).setdefault(stage.stage, stage)


# -- linking -------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """What a project is known by, for ``same_project``: its key, investor, place and industry."""

    key: str
    investor: str | None  # normalised
    province: str | None
    city: str | None
    county: str | None
    industry: str | None


def known_of_mention(mention: ProjectMention) -> Known:
    """What an article says a project is."""
    place = mention.place
    return Known(
        mention.key,
        organisation(mention.investor) if mention.investor else None,
        place.province,
        place.city,
        place.county,
        mention.industry,
    )


def known_of_row(row: Project) -> Known:
    """What the store knows a project by."""
    return Known(row.key, row.investor_normalised, row.province, row.city, row.county, row.industry)


# The columns of a stored project that ``Known`` holds, in its fields' order (read by ``_candidates``).
_KNOWN_COLUMNS = (
    Project.key,
    Project.investor_normalised,
    Project.province,
    Project.city,
    Project.county,
    Project.industry,
)


def same_project(new: Known, stored: Known) -> int:
    """How surely ``new`` is ``stored``: 0 not the same, else higher for closer names and more agreement.

    The names must agree (the same key, one inside the other, or one an
    abbreviation of the other; compared as written, without the project's
    own place in front, and bare: less places, the investor's name or brand
    in front and the words introducing a capacity), or else the project be
    the same investor's in the same city or county and trade (``_kin``);
    a known investor (by brand), province, city or county or a capacity
    that differs rules it out.  Then the looser the names agree, the more
    must agree besides: nothing for the same distinctive key; the investor
    or the city/county for a short key or a key inside another; the
    city/county and the investor or industry for an abbreviation.  A key
    made of an industry's words (智能制造, 新能源汽车) is no name of its own:
    it needs the investor.  The industry alone never links: it is often the
    very word the names share.
    """
    if _conflict(new, stored):
        return 0
    names = _names_agree(new, stored)
    investor = (
        new.investor is not None and stored.investor is not None and _same_investor(new.investor, stored.investor)
    )
    place = _same_place(new, stored)
    industry = _trades_agree(new.industry, stored.industry)
    if names == 0:
        if _kin(new, stored):
            return _KIN + investor + place + industry
        return _PLANT if investor and _plant(new, stored) else 0
    generic = _generic(min(_core(new), _core(stored), key=len))
    if not generic:
        investor = investor or _brand_names_investor(new, stored)
    if generic:
        linked = investor  # a sector's words: only the investor written on both says it is one project
    elif names == 3:
        linked = len(new.key) >= _DISTINCT_KEY or investor or place
    elif names == 2:
        linked = investor or place
    else:
        linked = place and (investor or industry)
    return names * 10 + investor + place + industry if linked else 0


def _brand_names_investor(a: Known, b: Known) -> bool:
    """The investor known on one side only, and the other's name opening with its brand (百济神州生物制药,
    its investor unread, and 百济神州生物药有限公司's project): a name opening with a brand says who
    invests, as the reading takes it where no party invests."""
    if a.investor is not None and b.investor is not None:
        return False
    if a.investor is not None:
        return brands.opens_with_brand(b.key, a.investor)
    if b.investor is not None:
        return brands.opens_with_brand(a.key, b.investor)
    return False


def _trades_agree(a: str | None, b: str | None) -> bool:
    """The same industry known on both, or two a plant is filed under either way (a battery plant's
    新能源 and 新能源汽车: LG化学电池 and LG化学动力电池)."""
    return a is not None and b is not None and (a == b or {a, b} <= _KINDRED_TRADES)


def _names_agree(new: Known, stored: Known) -> int:
    """How closely the names agree (``_name_agreement``) as written, without their own place in front, or bare."""
    new_core, stored_core = _core(new), _core(stored)
    names = 0
    if _may_agree(new.key, stored.key) or _may_agree(new_core, stored_core):
        names = max(_name_agreement(new.key, stored.key), _name_agreement(new_core, stored_core))
    if names == 0:
        investors = tuple(sorted({i for i in (new.investor, stored.investor) if i is not None}))
        new_bare, stored_bare = brands.bare(new.key, investors), brands.bare(stored.key, investors)
        if (new_bare, stored_bare) != (new.key, stored.key) and _may_agree(new_bare, stored_bare):
            names = _name_agreement(new_bare, stored_bare)
        if names == 0 and (
            _same_product(new_bare, stored_bare)
            or (_shared_run(new_bare, stored_bare) and not _expansion_differs(new.key, stored.key))
        ):
            names = 1  # as loose as an abbreviation: the place and the investor or trade must agree
    return names


# The shortest run of characters two otherwise different names may share to agree loosely.
_RUN = 5


@lru_cache(maxsize=65536)
def _shared_run(a: str, b: str) -> bool:
    """Whether two bare names share a run of five characters or more that names something of its own (not
    a sector's words, not a place), in the same phase (the caller rules out an expansion):
    布地格福吸入气雾剂国内生产供应 and 青岛吸入气雾剂生产供应一期 share 吸入气雾剂, 罗氏诊断试剂和仪器设备生产研发
    and 亚太试剂及仪器设备生产和研发 仪器设备生产."""
    if not _phases_agree(_phase(a), _phase(b)):
        return False
    a, b = _without_first_phase(a), _without_first_phase(b)
    if len(a) < _RUN or len(b) < _RUN:
        return False
    for start in range(len(a) - _RUN + 1):
        run = a[start : start + _RUN]
        if run in b and not _generic(run) and not gazetteer().mentions(run):
            return True
    return False


# The shortest product a name ends in that two names may share (高效晶硅电池, not 电池).
_PRODUCT = 4


def _same_product(a: str, b: str) -> bool:
    """Whether two bare names end in the same product, a trade's word in it, in the same phase:
    通威太阳能眉山基地一期高效晶硅电池 and 通威…产业园区项目暨10GW高效晶硅电池 both end in 高效晶硅电池."""
    if not _phases_agree(_phase(a), _phase(b)):
        return False
    a, b = _without_first_phase(a), _without_first_phase(b)
    common = 0
    while common < min(len(a), len(b)) and a[-1 - common] == b[-1 - common]:
        common += 1
    return common >= _PRODUCT and bool(industries.find_words(a[len(a) - common :]))


# What a link by kin (brand, place and trade, no name in common) scores: below any link by name,
# which scores _NAMED or more.
_KIN = 5
_NAMED = 10
# What a link by the same name or one inside the other scores at least (_name_agreement 2 or 3).
_CONTAINED = 2 * _NAMED
# What a link by an investor's plant named by its place only (三一重能天津工厂) scores: below kin; it
# stands only when one stored project of that investor there agrees (``_link``).
_PLANT = 3
# Trades one plant is often filed under either way: a battery plant is 新能源 or 新能源汽车.
_KINDRED_TRADES = frozenset({"新能源", "新能源汽车"})
# A label read from what is built (产业园, 厂房), not from a trade: no evidence of kin.
_CARRIER_TRADE = "房地产与产业园区"
# Words that make a name another project of the same investor there: an expansion (新增, 扩建).
_EXPANSION = ("新增", "扩建", "扩产", "技改")


def _kin(new: Known, stored: Known) -> bool:
    """Whether two reports whose names share nothing are one project as an analyst would match them.

    Needed: the same city or county; the same trade, known on both from its
    words (a battery plant's 新能源 and 新能源汽车 agree); the same phase, and
    neither an expansion the other is not (新增, 扩建); and the investor's
    brand: the stored project told without it (``20gwh动力电池`` of
    蜂巢能源科技), the new report naming it in front (``蜂巢能源遂宁动力锂离子电池``)
    or told by the same investor.  A stored name that carries the brand is
    a name of its own: another name of that investor there is another
    project (紫光芯城, 紫光IC国际城) — unless the brand is all it says but a trade's
    words (欣旺达动力电池).  ``_conflict`` has already ruled out a
    differing investor, place or capacity; place, investor or amount alone
    never link.
    """
    if not _same_place(new, stored) or new.industry is None or stored.industry is None:
        return False
    trades = {new.industry, stored.industry}
    if _CARRIER_TRADE in trades or (len(trades) > 1 and not trades <= _KINDRED_TRADES):
        return False
    if not _phases_agree(_phase(new.key), _phase(stored.key)) or _generic(new.key) or _generic(stored.key):
        return False
    if _expansion_differs(new.key, stored.key):
        return False
    if stored.investor is None:
        return False
    marks = [brands.brand(i) for i in (new.investor, stored.investor) if i is not None]
    if any(mark is not None and mark in stored.key for mark in marks) and not _generic(
        brands.bare(stored.key, (stored.investor,))
    ):
        return False  # a name of its own (紫光芯城); the brand and a trade's words only (欣旺达动力电池) are none
    return new.investor is not None or brands.opens_with_brand(new.key, stored.investor)


def _plant(new: Known, stored: Known) -> bool:
    """Whether one of two reports of the same investor names only whose plant it is and where
    (``三一重能天津工厂``, ``大众汽车(安徽)项目``: the investor and places, nothing of its own), in the
    same county (or city, where a county is not known on both), neither trade known differing, the
    same phase, neither an expansion the other is not (珠江啤酒中山生产基地 and its later 中山啤酒产能扩建升级项目):
    the investor's plant there.  ``_link`` takes it only when it is the one such project."""
    if not (_plant_name(new) or _plant_name(stored)) or _expansion_differs(new.key, stored.key):
        return False
    if new.county is not None and stored.county is not None:
        if new.county != stored.county:
            return False
    elif new.city is None or new.city != stored.city:
        return False
    if new.industry is not None and stored.industry is not None and not _trades_agree(new.industry, stored.industry):
        return False
    return _phases_agree(_phase(new.key), _phase(stored.key))


# What may follow an investor's name and place in a name that says nothing else: what a name ends in.
_PLANT_TAIL = re.compile(r"(?:项目|生产|制造)$")


@lru_cache(maxsize=4096)
def _plant_name(known: Known) -> bool:
    """Whether a name is its investor's name or brand and places only (三一重能天津, 一汽大众佛山, 义乌基地
    of 晶澳科技)."""
    if known.investor is None:
        return False
    rest = _PLANT_TAIL.sub("", brands.bare(known.key, (known.investor,)))
    if not rest:
        return True  # nothing but the investor (大众汽车(安徽)项目, its bracketed place dropped)
    found = gazetteer().mentions(rest)
    covered = sum(m.end - m.start for m in found)
    return bool(found) and covered + sum(rest.count(s) for s in "市省区县") >= len(rest)


def _expansion_differs(a: str, b: str) -> bool:
    """Whether one key is an expansion (新增, 扩建) the other is not: another project of the investor there."""
    return any((word in a) != (word in b) for word in _EXPANSION)


@lru_cache(maxsize=4096)
def _generic(key: str) -> bool:
    """Whether a key is industry words but for a character (集成电路, 新能源汽车): a sector, not a project."""
    covered = sum(len(hit.word) for hit in industries.find_words(key))
    return covered >= len(key) - 1


# Kept: a stored project is compared again with every later mention of its place (dozens in a crawl).
@lru_cache(maxsize=65536)
def _core(known: Known) -> str:
    """The key without the project's own place in front (四川天府新区紫光芯城 and 成都天府新区紫光芯城: 紫光芯城)."""
    forms = [
        form
        for place in (known.province, known.city, known.county)
        if place
        for form in (place, place[:-1] if len(place) > 2 else place, place[:2])
    ]
    key = known.key
    stripped = True
    while stripped:
        stripped = False
        for form in sorted(set(forms), key=len, reverse=True):
            if key.startswith(form) and len(key) - len(form) >= 2:
                key = key[len(form) :]
                stripped = True
                break
    return key


def _name_agreement(a: str, b: str) -> int:
    """3: the same key; 2: a distinctive key inside the other (same phase); 1: an abbreviation; 0: other names."""
    if a == b:
        return 3
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) < 2 or not _phases_agree(_phase(shorter), _phase(longer)):
        return 0
    # a project told without its phase and its 一期 told later: the first phase is the project's
    # first step (特斯拉超级工厂 signed, 特斯拉上海超级工厂(一期) broke ground); compared without it
    shorter, longer = sorted((_without_first_phase(shorter), _without_first_phase(longer)), key=len)
    if len(shorter) >= _DISTINCT_KEY and shorter in longer and not _splits_a_word(shorter, longer):
        return 2
    if (
        len(shorter) >= 3
        and shorter[0] == longer[0]
        and _in_order(shorter, longer)
        and not _adds_a_trade(shorter, longer)
    ):
        return 1
    return 0


def _splits_a_word(short: str, long: str) -> bool:
    """Whether ``short`` sits in ``long`` only by cutting one of its trade's words in two: 舍弗勒新 (舍弗勒新基地,
    its new base) is not inside 舍弗勒新能源汽车核心部件, whose 新 is the first character of 新能源汽车."""
    at = long.index(short)
    stop = at + len(short)
    return any(
        hit.start < edge < hit.start + len(hit.word) for hit in industries.find_words(long) for edge in (at, stop)
    )


def _may_agree(a: str, b: str) -> bool:
    """False only when ``_name_agreement(a, b)`` is 0, tested on character sets (cheap, and kept per name).

    Any agreement but equality has one name (without a first phase) inside
    the other or in order in it, so its characters are among the other's.
    """
    if a == b:
        return True
    a_all, a_short = _letters(a)
    b_all, b_short = _letters(b)
    return a_short <= b_all or b_short <= a_all


# Kept: a stored project's name is tested against every later mention of its place.
@lru_cache(maxsize=65536)
def _letters(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """The characters of ``name``, and of ``name`` without a first phase."""
    return frozenset(name), frozenset(_without_first_phase(name))


def _adds_a_trade(short: str, long: str) -> bool:
    """Whether the characters ``long`` adds to ``short`` name a trade or product (特斯拉储能超级 is not
    an abbreviation of 特斯拉超级: 储能 makes it another plant; 上海医药 adds 海, 医 to 上药)."""
    gaps: list[str] = []
    at = 0
    for ch in short:
        found = long.index(ch, at)
        gaps.append(long[at:found])
        at = found + 1
    gaps.append(long[at:])
    return any(industries.find_words(gap) for gap in gaps if len(gap) >= 2)


def _phase(key: str) -> str:
    return key[-2:] if key.endswith("期") else ""


def _phases_agree(a: str, b: str) -> bool:
    """The same phase, or one name without a phase and the other the first (二期 is another project)."""
    return a == b or {a, b} == {"", "一期"}


def _without_first_phase(key: str) -> str:
    return key.removesuffix("一期") if len(key) > 4 else key


def _in_order(short: str, long: str) -> bool:
    """Whether ``short``'s characters appear in ``long`` in order (上药 in 上海医药)."""
    rest = iter(long)
    return all(ch in rest for ch in short)


# Kept: a mention's investor meets the same few stored investors again and again (a crawl of the
# mirror compares ~65,000 pairs of 35 distinct ones).
@lru_cache(maxsize=65536)
def _same_investor(a: str, b: str) -> bool:
    """The same organisation: one name inside the other, an abbreviation of it (上药集团, 上海医药集团),
    or the same brand (a subsidiary, the group, the listed company: 恩捷股份, 江苏恩捷新材料科技)."""
    if a == b or a in b or b in a or brands.same_brand(a, b):
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 2 and short[0] == long[0] and _in_order(short, long)


def _conflict(a: Known, b: Known) -> bool:
    """A known investor, province, city or county, or a stated capacity, that differs: another project.

    A city or county read from inside a name is no evidence against it
    (大明光伏 reads as 明光市): then only the provinces are compared.  (The
    cheap tests go first, and the names are searched for a place only when a
    city or county differs: a mention is tested against every stored project
    of its place.)
    """
    if _differs(a.province, b.province):
        return True
    if (
        a.investor is not None
        and b.investor is not None
        and not _same_investor(a.investor, b.investor)
        and not _name_says_investor(a, b)
    ):
        return True
    if brands.capacities_differ(a.key, b.key):
        return True  # 8gw and 24gw 光伏组件, 第6代 and 第8.6代: two plants
    if not (_differs(a.city, b.city) or _differs(a.county, b.county)):
        return False
    return not (_place_in_name(a, b.key + a.key) or _place_in_name(b, a.key + b.key))


def _differs(x: str | None, y: str | None) -> bool:
    """Both known, and not the same."""
    return x is not None and y is not None and x != y


def _name_says_investor(a: Known, b: Known) -> bool:
    """Whether, in the same city or county, a name says who invests where the investors read differ: then the
    other investor read is a builder, a parent or a partner read as one.

    Either one distinctive name, the same on both, opens with one side's investor's brand
    (楚能新能源(宜昌)锂电池产业园 signed by 楚能新能源, its groundbreaking told by the builder's
    基础公司); or one side's name opens with the other side's investor's brand and does not write its
    own investor's (君乐宝华南乳业…基地 told by its builder 中建八局, signed by 君乐宝乳业集团;
    益海嘉里粮油…基地 told with the parent 丰益集团).  Names must still agree, or be kin.
    """
    if not _same_place(a, b) or a.investor is None or b.investor is None:
        return False
    if (
        a.key == b.key
        and len(a.key) >= _DISTINCT_KEY
        and any(_opens_with_mark(a.key, i) for i in (a.investor, b.investor))
    ):
        return True
    return any(
        brands.opens_with_brand(x.key, y_investor) and not _writes_brand(x.key, x_investor)
        for x, x_investor, y_investor in ((a, a.investor, b.investor), (b, b.investor, a.investor))
    )


def _writes_brand(key: str, investor: str) -> bool:
    """Whether a key writes the investor's brand anywhere (时代吉利… writes 吉利)."""
    mark = brands.brand(investor)
    return mark is not None and mark in key


def _opens_with_mark(key: str, investor: str) -> bool:
    """Whether a key (less its places) opens with the investor's brand, or with a longer form of it whose
    characters it takes in order (空中客车 for 空客)."""
    mark = brands.brand(investor)
    if mark is None:
        return False
    head = brands.without_places(key)[: 2 * len(mark)]
    return head.startswith(mark) or (head[:1] == mark[:1] and _in_order(mark, head))


def _place_in_name(known: Known, names: str) -> bool:
    """Whether the city or county of ``known`` (without 市, 县, 区) is written inside ``names``."""
    return any(stem in names for stem in _place_stems(known))


# Kept: each stored project's stems are asked for against every later mention of its place.
@lru_cache(maxsize=65536)
def _place_stems(known: Known) -> tuple[str, ...]:
    """The county and city of ``known`` without their last character (市, 县, 区), where longer than two."""
    return tuple(place[:-1] for place in (known.county, known.city) if place is not None and len(place) > 2)


def _same_place(a: Known, b: Known) -> bool:
    """Agreeing on the city or the county (a province is too wide to count)."""
    return (a.county is not None and a.county == b.county) or (a.city is not None and a.city == b.city)


def _candidates(session: Session, known: Known) -> list[tuple[int, Known]]:
    """Stored projects worth comparing (narrowed by indexes), each as its id and what it is known by;
    ``same_project`` decides.

    Plain rows, not ``Project`` objects: a mention meets dozens of stored
    projects of its place, and making an ORM object of each (its JSON
    columns decoded) cost more than comparing them.  ``_link`` loads the one
    a mention continues.  The query is one of a few shapes built once
    (``_candidate_query``) and run with the mention's values bound.
    """
    long_key = len(known.key) >= 2
    values: dict[str, Any] = {"key": known.key}
    if long_key:
        values["inside"] = f"%{_escape_like(known.key)}%"
        if known.province is not None:
            values["province"] = known.province
    if known.investor is not None:
        values["investor"] = known.investor
    if known.county is not None:
        values["county"] = known.county
    elif known.city is not None:
        values["city"] = known.city
    query = _candidate_query(
        long_key,
        long_key and known.province is not None,
        known.investor is not None,
        known.county is not None,
        known.county is None and known.city is not None,
    )
    rows = session.connection().execute(query, values).fetchall()  # at once: ~80 rows a mention
    return [(row[0], _known_of_columns(*row[1:])) for row in rows]


# Kept: the same stored project is read again for every later mention of its place; a frozen
# dataclass costs more to build than to look up.
@lru_cache(maxsize=65536)
def _known_of_columns(
    key: str, investor: str | None, province: str | None, city: str | None, county: str | None, industry: str | None
) -> Known:
    """A stored project's ``Known`` from its columns (``_KNOWN_COLUMNS``)."""
    return Known(key, investor, province, city, county, industry)


def _escape_like(value: str) -> str:
    """``value`` for a LIKE pattern with ``/`` as the escape character (as ``contains(autoescape=True)`` does)."""
    return value.replace("/", "//").replace("%", "/%").replace("_", "/_")


@lru_cache(maxsize=32)
def _candidate_query(long_key: bool, province: bool, investor: bool, county: bool, city: bool) -> Executable:
    """The candidate query of one shape, its values bound by name (built once: building and compiling it anew
    for each mention cost more than running it)."""
    key = bindparam("key", type_=Project.key.type)
    conditions: list[ColumnElement[bool]] = [Project.key == key]
    if long_key:
        # one key inside the other, within the province (or anywhere when it is not known)
        inside = or_(
            Project.key.like(bindparam("inside", type_=Project.key.type), escape="/"), key.contains(Project.key)
        )
        if province:
            inside = inside & or_(Project.province == bindparam("province"), Project.province.is_(None))
        conditions.append(inside)
    if investor:
        conditions.append(Project.investor_normalised == bindparam("investor"))
    if county:
        conditions.append(Project.county == bindparam("county"))
    elif city:
        conditions.append(Project.city == bindparam("city"))
    return select(Project.id, *_KNOWN_COLUMNS).where(or_(*conditions)).order_by(Project.id)


def _link(
    session: Session,
    item: StoredArticle,
    pairs: list[tuple[ProjectMention, list[StageMention]]],
    event_ids: dict[int, int],
) -> list[FiledStage]:
    published = item.extraction.published or (
        item.row.published_at.astimezone(BEIJING).date() if item.row.published_at else None
    )
    filed: list[FiledStage] = []
    rows: list[dict[str, Any]] = []
    added: set[tuple[int, str]] = set()
    for mention, stages in pairs:
        mention = _placed(mention)
        known = known_of_mention(mention)
        scored = [(same_project(known, stored), project_id) for project_id, stored in _candidates(session, known)]
        if all(stage.stage == "签约" for stage in stages):
            # a signing continues a signed project only by its name, the same or one inside the other:
            # kin (brand, place, trade) with one is a new agreement of that investor there (士兰微's
            # second 12-inch line in 海沧), and so is a name agreeing loosely, by a product both end in
            # (铜陵有色's 2万吨电子铜箔 expansion, six years after its 2万吨高精度储能用超薄电子铜箔 project)
            # A signing dated after a project's production started joins it only by name too: by kin or
            # as the investor's plant there it is a later agreement of that plant (大陆集团's 2015
            # agreement to widen its 合肥 plant, which opened in 2011), the lifecycle runs the other way.
            signed = max((stage.date.latest for stage in stages if stage.date), default=published)
            scored = [
                (score, pid)
                for score, pid in scored
                if score >= _CONTAINED
                or (
                    score > 0
                    and "签约" not in _stages_of(session, pid)
                    and not (signed is not None and _produced_before(session, pid, signed))
                )
            ]
        best = max((pair for pair in scored if pair[0] > 0), default=None)  # the surest, then the newest
        if best is not None and best[0] == _PLANT and sum(score == _PLANT for score, _ in scored) > 1:
            best = None  # the investor's plant there, and it has several: which one, the name does not say
        new_project = best is None
        project = (
            _start(session, mention, stages, published)
            if best is None
            else _complete(_stored(session, best[1]), mention)
        )
        reported = set() if new_project else _stages_of(session, project.id)
        for stage in stages:
            if (project.id, stage.stage) in added:
                continue  # two names of one project in the article: one report of each stage
            added.add((project.id, stage.stage))
            reported_on = stage.date.latest if stage.date else published
            rows.append(
                {
                    "project_id": project.id,
                    "stage": stage.stage,
                    "article_id": item.row.id,
                    "event_id": event_ids.get(stage.start) if stage.stage == "签约" else None,
                    "date_text": stage.date.to_json() if stage.date else None,
                    "date_from": stage.date.earliest if stage.date else None,
                    "date_to": stage.date.latest if stage.date else None,
                    "reported_on": reported_on,
                    "evidence": stage.evidence,
                    "created_at": utcnow(),
                }
            )
            filed.append(
                FiledStage(project.id, stage.stage, stage.stage not in reported, new_project, None, reported_on)
            )
    if rows:
        # one statement for the article's reports; the next article's candidates see them
        session.connection().execute(_INSERT_STAGES, rows)
    return filed


# A place in brackets inside a project's name: 恒力(昆山)国际新材料产业园, 三一重能(巴里坤)…产业园.
_BRACKETED_PLACE = re.compile(r"\(([\u4e00-\u9fff]{2,12})\)")


@lru_cache(maxsize=8192)
def named_place(name: str) -> Place | None:
    """The place a project's name writes in brackets (``恒力(昆山)国际新材料产业园``: 江苏省 苏州市 昆山市),
    when the bracket holds one place name and nothing else, and that name stands for one division (or one
    and its parents)."""
    for match in _BRACKETED_PLACE.finditer(fold(name)):
        inner = match.group(1)
        found = gazetteer().mentions(inner)
        if len(found) != 1 or (found[0].start, found[0].end) != (0, len(inner)):
            continue
        places = sorted({gazetteer().place(division) for division in found[0].candidates}, key=lambda p: len(p.names))
        finest = places[-1] if places else None
        # one division, or one and its parents (天津: the municipality and its city)
        if finest is not None and all(p.names == finest.names[: len(p.names)] for p in places):
            return finest
    return None


def _placed(mention: ProjectMention) -> ProjectMention:
    """The mention placed where its name says it is.

    The place the article gives a project is its signing's or its paragraph's;
    a place its own name writes in brackets is the project's own, and wins: a
    meeting in 苏州 signs 恒力(昆山)…产业园 and 恒力(吴江)…项目, two places (the
    bracket is dropped from the key, so without it the two would share a key with
    恒力's 吴江 park).  Where the two agree, the finer of each level is kept.
    """
    named = named_place(mention.name)
    if named is None:
        return mention
    given = mention.place
    levels = list(
        zip((given.province, given.city, given.county), (named.province, named.city, named.county), strict=True)
    )
    if any(a is not None and b is not None and a != b for a, b in levels):
        place = named
    else:
        place = Place(*(b if b is not None else a for a, b in levels))
    return mention if place == given else replace(mention, place=place)


def _stored(session: Session, project_id: int) -> Project:
    """The stored project a mention continues (the session's own object when it holds one)."""
    project = session.get(Project, project_id)
    assert project is not None, "a candidate read in this transaction"
    return project


# The per-mention statements, built once and run on the session's connection (as ``_candidate_query``):
# building one and compiling it anew for every mention cost more than the database took to answer it.
# No autoflush is needed: this transaction writes project_stages with Core statements only, and
# ``_settle`` flushes the projects before it reads them.
_STAGES_OF = select(ProjectStage.stage).where(ProjectStage.project_id == bindparam("project")).distinct()
_INSERT_STAGES = insert(_STAGES)
_PRODUCED_BEFORE = (
    select(ProjectStage.id)
    .where(
        ProjectStage.project_id == bindparam("project"),
        ProjectStage.stage.in_(("投产", "达产")),
        func.coalesce(ProjectStage.date_to, ProjectStage.reported_on) < bindparam("day"),
    )
    .limit(1)
)
_SUMMARIES = (
    select(Project.id, Project.stage, Project.signed_on, ProjectStage.stage, ProjectStage.reported_on)
    .outerjoin(ProjectStage, ProjectStage.project_id == Project.id)
    .where(Project.id.in_(bindparam("ids", expanding=True)))
)
_PROJECTS = cast(Table, Project.__table__)
_SET_SUMMARY = (
    update(_PROJECTS)
    .where(_PROJECTS.c.id == bindparam("project"))
    .values(stage=bindparam("new_stage"), signed_on=bindparam("new_signed_on"))
)


def _produced_before(session: Session, project_id: int, day: date) -> bool:
    """Whether another article reported a stored project's production (投产, 达产) dated before ``day``."""
    return session.connection().execute(_PRODUCED_BEFORE, {"project": project_id, "day": day}).first() is not None


def _stages_of(session: Session, project_id: int) -> set[str]:
    """The stages other articles reported of a stored project."""
    return set(session.connection().execute(_STAGES_OF, {"project": project_id}).scalars())


def _start(session: Session, mention: ProjectMention, stages: list[StageMention], published: date | None) -> Project:
    """A new project from its first report (its furthest stage and signing date as that report gives them)."""
    lead = _lead(mention.figures)
    signed = [s.date.latest if s.date else published for s in stages if s.stage == "签约"]
    project = Project(
        key=mention.key[:_LONGEST],
        name=mention.name[:_LONGEST],
        investor=mention.investor[:_LONGEST] if mention.investor else None,
        investor_normalised=organisation(mention.investor)[:_LONGEST] if mention.investor else None,
        province=mention.place.province,
        city=mention.place.city,
        county=mention.place.county,
        industry=mention.industry,
        industry_words=list(mention.industry_words),
        amount_value=float(lead.value) if lead else None,
        amount_max=float(lead.maximum) if lead and lead.maximum is not None else None,
        amount_kind=_kind(lead),
        currency=lead.currency if lead else None,
        stage=max((s.stage for s in stages), key=lambda stage: _STAGE_ORDER.get(stage, -1)),
        signed_on=min((day for day in signed if day is not None), default=None),
    )
    session.add(project)
    session.flush()
    return project


def _complete(project: Project, mention: ProjectMention) -> Project:
    """Fill what the stored project did not know from a later report (what it knew stays)."""
    if project.investor is None and mention.investor:
        project.investor = mention.investor[:_LONGEST]
        project.investor_normalised = organisation(mention.investor)[:_LONGEST]
    if project.province is None and project.city is None and project.county is None:
        project.province, project.city, project.county = (
            mention.place.province,
            mention.place.city,
            mention.place.county,
        )
    elif project.county is None and mention.place.county and mention.place.city == project.city:
        project.county = mention.place.county
    if project.industry is None and mention.industry:
        project.industry = mention.industry
        project.industry_words = list(mention.industry_words)
    lead = _lead(mention.figures)
    if project.amount_value is None and lead is not None:
        project.amount_value = float(lead.value)
        project.amount_max = float(lead.maximum) if lead.maximum is not None else None
        project.amount_kind = _kind(lead)
        project.currency = lead.currency
    return project


def _lead(figures: tuple[Figure, ...]) -> Figure | None:
    """The project's headline amount: its largest."""
    return max(figures, key=lambda f: f.value, default=None)


def _kind(figure: Figure | None) -> str | None:
    # The amount's kind (agreed, planned, arrived ...), once extraction gives one.
    kind = getattr(figure, "kind", None)
    return kind if isinstance(kind, str) else None


# -- keeping projects right ---------------------------------------------------


def _reported(session: Session, article_ids: list[int]) -> dict[int, set[int]]:
    """The projects each of ``article_ids`` reports a stage of (stored reports), one query."""
    found: dict[int, set[int]] = {}
    if article_ids:
        query = select(ProjectStage.article_id, ProjectStage.project_id).where(ProjectStage.article_id.in_(article_ids))
        for article_id, project_id in session.execute(query):
            found.setdefault(article_id, set()).add(project_id)
    return found


def _take_off(session: Session, article_id: int, projects: set[int]) -> set[int]:
    """Remove a re-analysed article's stage reports (on ``projects``, as ``_reported`` read them); those projects."""
    if projects:
        session.execute(delete(ProjectStage).where(ProjectStage.article_id == article_id))
    return set(projects)


def _settle(session: Session, project_ids: set[int]) -> dict[int, date | None]:
    """Recompute each project's furthest stage and signing date (written when changed); delete a project no
    article reports any more.  Each remaining project's signing date."""
    session.flush()
    ids = sorted(project_ids)
    reports: dict[int, list[tuple[str, date | None]]] = {pid: [] for pid in ids}
    current: dict[int, tuple[str, date | None]] = {}
    # one read: each project's summary as stored, beside each of its reports
    for pid, stored_stage, stored_signed, stage, reported_on in session.connection().execute(_SUMMARIES, {"ids": ids}):
        current[pid] = (stored_stage, stored_signed)
        if stage is not None:
            reports[pid].append((stage, reported_on))
    signed_on: dict[int, date | None] = {}
    changed: list[dict[str, Any]] = []
    gone = [pid for pid, found in reports.items() if not found]
    if gone:
        session.execute(delete(Project).where(Project.id.in_(gone)))
    for pid, found in reports.items():
        if not found:
            continue
        furthest = max((stage for stage, _ in found), key=lambda s: _STAGE_ORDER.get(s, -1))
        signed = [day for stage, day in found if stage == "签约" and day is not None]
        signed_on[pid] = min(signed) if signed else None
        if current.get(pid) != (furthest, signed_on[pid]):
            changed.append({"project": pid, "new_stage": furthest, "new_signed_on": signed_on[pid]})
    if changed:
        session.connection().execute(_SET_SUMMARY, changed)
        for values in changed:  # the session's own objects say what was written, as an ORM update would
            project = session.identity_map.get(identity_key(Project, values["project"]))
            if project is not None:
                set_committed_value(project, "stage", values["new_stage"])
                set_committed_value(project, "signed_on", values["new_signed_on"])
    return signed_on


def _lock(session: Session) -> None:
    """Serialise project filing across writers (PostgreSQL only; see the module doc)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:number)"), {"number": _LOCK_NUMBER})
