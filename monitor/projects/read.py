"""Reading an article for projects: parties, projects, stages and industry, from its extraction.

``read_projects(article, extraction)`` is the entry point for a cleaned
article; ``monitor.events.extraction.extract`` calls ``read_prepared`` with the
text it has already prepared, so the crawl, import and reprocess all get an
``Extraction.projects`` without preparing the text twice.  The extraction's
figures (offsets in the prepared text) give projects their amounts, its
done signing events give the 签约 stages, and its dates and places are
read the same way extraction reads them.

How each project gets its fields:

- **figures**: the investment figures in the project's own clause (between
  the list separators around its name, ``总投资60亿元年产20万吨的锂电池负极材料项目``),
  and those the clauses after it call an investment, up to the next name,
  ``;`` or end of sentence (``XX项目,山东高速物流集团有限公司投资10亿元;``);
  else in the clause just before, when it invests and names no other project
  (``XX公司计划投资5.5亿元,建设YY项目``); else in the next sentence when that
  one opens with ``该项目``/``项目`` (``该项目总投资32.5亿元``).  A batch's
  total is no project's amount.
- **investor**: the organisation the name opens with (``XX有限公司年产…项目``),
  else the investing party nearest the name in its sentence, else the
  article's only investor.
- **place**: see ``_Places``; in an article with no signing, only a project
  a stage is reported of (its sentence reports one, or it is the article's
  only project) is placed: nothing of the others is filed or linked.
- **industry**: the name's words, else its clause's, else (for an article
  about one project) the article's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from monitor.events.model import DateSpan, Figure, Place
from monitor.events.places import PlaceResolver, gazetteer
from monitor.events.segments import Sentence
from monitor.projects import industries
from monitor.projects.model import NOTHING, Party, ProjectMention, ProjectReading, StageMention
from monitor.projects.names import NameSpan, find_names, investor_prefix, project_key, without_setting
from monitor.projects.normalise import fold, organisation
from monitor.projects.parties import PartyScan, brand_prefix, find_parties
from monitor.projects.stages import StageHit, find_stage_hits, is_tally, stage_date

if TYPE_CHECKING:
    from monitor.events.extraction import Extraction
    from monitor.text.article import CleanArticle


class PreparedText(Protocol):
    """The prepared text extraction works on (``monitor.events.extraction.prepare_article``)."""

    text: str  # folded for matching
    written: str  # as the article writes it, offset for offset
    sentences: list[Sentence]
    paragraph_spans: list[tuple[int, int]]
    published: date | None


# Most articles name no project, stage or organisation: one search settles them.
# An article with no signing event needs one of these: a project's name, a stage, a signing's word
# (parties matter only as sides of a signing or investors of a project; a company named in
# other news is nothing to file).
_WORTH_READING = re.compile(
    r"项目|工厂|基地|产业园|开工|动工|竣工|封顶|落成|投产|达产|试生产|试产|量产|投运|投用|下线|建成|完工|奠基|开建|注册|签"
)
_CLAUSE_BREAK = re.compile(r"[,,;;、。!?!?\n]")
_SENTENCE_CLAUSE_BREAK = re.compile(r"[,,;;]")
_INVESTED = re.compile(r"投资|投入")
_ITEM_END = re.compile(r"[;;。!?!?\n]")
# A sentence that goes on about the project just named.
_SAME_PROJECT_OPENING = re.compile(r"(?:该|此|这个|这一)?(?:项目|基地|工厂|产业园|园区|一期|二期)")
_SAME_PROJECT = re.compile(r"该项目|此项目|项目|该基地|该工厂|该园区|这个项目|这一项目")
# A sentence about a batch of projects names none of them.
_BATCH_WORDS = re.compile(
    r"重大项目|重点项目|产业项目|项目集中|集中(?:签约|开工|竣工|开竣工)|一批|\d+个(?:[^,,。;;]{0,8})?(?<!子)项目"
)
_TITLE_WEIGHT = 3
_NAME_WEIGHT = 2


def read_projects(article: CleanArticle, extraction: Extraction) -> ProjectReading:
    """Everything ``article`` says about projects, given its ``extraction`` (``extract(article)``)."""
    from monitor.events.extraction import prepare_article  # monitor.events imports this package

    return read_prepared(prepare_article(article), extraction)


def read_prepared(prepared: PreparedText, extraction: Extraction, capped: list[int] | None = None) -> ProjectReading:
    """The project reading of an article already prepared for extraction.

    ``capped`` gains the start of each sentence whose stage words were read only so far.
    """
    text = prepared.text
    if not prepared.sentences or (not extraction.events and _WORTH_READING.search(text) is None):
        return NOTHING
    written = prepared.written
    sentences = prepared.sentences
    starts = [s.start for s in sentences]
    scan = find_parties(text, written, sentences)
    spans = find_names(text, written)
    stage_hits = find_stage_hits(text, sentences, capped)
    hits = [
        hit
        for hit in _industry_words(prepared, extraction, spans, stage_hits, starts)
        if not _EVENT_AFTER.match(text, hit.start + len(hit.word))
    ]
    staged = {h.sentence for h in stage_hits}
    projects, project_of, brands = _projects(prepared, extraction, scan, spans, starts, hits, staged)
    # (a project's name keeps its investor's words: 隆基乐叶光伏科技有限公司年产…项目 is a 光伏 plant)
    industry, words = _article_industry(prepared, spans, _outside_organisations(hits, scan, text, spans), projects)
    if any(_BANK.search(p.name) for p in scan.parties if p.role != "investor"):
        # an agreement with a bank is financing (授信, 战略合作): of no one trade
        industry, words = None, ()
    if industry is not None and projects and not any(_sector(p) for p in projects):
        # no project's own words name a trade (中创新航50GWh产业基地, 中创新航江门基地项目): each is the
        # article's (an article about one project, or one investor's plant named two ways)
        projects = [
            ProjectMention(p.name, p.key, p.investor, p.place, p.figures, industry, words, p.start) for p in projects
        ]
    stages = _stages(prepared, extraction, spans, projects, project_of, starts, stage_hits)
    if (
        not projects
        and (
            any(s.project is None and s.stage != "签约" for s in stages)
            or (any(s.project is None for s in stages) and _PLANT_OF.search(prepared.text) is not None)
        )
        and not any(h.batch for h in stage_hits)
    ):
        plant = _investors_plant(prepared, extraction, scan, starts)
        if plant is not None:
            projects = [plant]
            stages = _merge_stages(
                [
                    StageMention(s.stage, plant.name, plant.key, s.date, s.evidence, s.start)
                    if s.project is None
                    else s
                    for s in stages
                ]
            )
    return ProjectReading(
        parties=scan.parties + tuple(brands),
        projects=tuple(projects),
        stages=tuple(stages),
        industry=industry,
        industry_words=words,
    )


# A signing that tells where the investor's plant goes (正式将小鹏汽车的生产基地落户在肇庆市高新区) is of that plant,
# though it names none: a framework agreement names no plant.
# So does one that tells the plant it builds without naming it (将投资约10亿欧元设立全新生产制造基地, 计划在
# 厦门建设一座12英寸晶圆厂) or a ceremony named for the plant (台积电南京12吋晶圆厂签约仪式).
_PLANT_OF = re.compile(
    r"的(?:生产基地|制造基地|生产工厂|新工厂|工厂)(?:落户|落地|选址|建在|设在)"
    r"|(?:设立|建设|新建|投建|兴建)(?:一座|一家|一个)?[^,,。;;]{0,12}?(?:生产制造基地|生产基地|制造基地|工厂|晶圆厂)"
    r"(?=[,,。;;])"
    r"|晶圆厂签约仪式"
)


def _investors_plant(
    prepared: PreparedText, extraction: Extraction, scan: PartyScan, starts: list[int]
) -> ProjectMention | None:
    """The one investor's plant, for an article that names no project but reports a step of one.

    三一(塔城)风电设备有限公司举行投产仪式, 闵行区政府与美国莫德纳公司…签署战略合作协议: the step is
    of the plant of the one organisation the article says invests, placed where the article
    says, of no trade.  Its name is the company's as written; its key the company's matching
    form and 项目, which says only whose plant it is (linking takes it for the investor's one
    plant in that county or city).  None where the article names no investor, or several.
    """
    investors = [p for p in scan.parties if p.role == "investor"]
    if len(investors) != 1:
        return None
    investor = investors[0]
    at = prepared.written.find(investor.name)
    if at < 0:
        return None
    span = NameSpan(investor.name, at, at + len(investor.name))
    place = _Places(prepared, extraction, starts, [span]).of(span)
    return ProjectMention(
        name=investor.name,
        key=f"{investor.normalised.lower()}项目",
        investor=investor.name,
        place=place,
        figures=(),
        # (what the article's words say of a company's plant is no trade it is known by: 三一(塔城)风电
        # 设备有限公司's 投产仪式暨产品订货会 reads 其他制造业, its blade plant's report 高端装备制造)
        industry=None,
        industry_words=(),
        start=at,
        implied=True,
    )


def _sentence_index(starts: list[int], position: int) -> int:
    return max(0, bisect_right(starts, position) - 1)


_ALIAS_OPENING = re.compile(r"[((](?:以下简称|简称|下称)[:：]?[“\"]?$")
# A name in brackets right after a name, or after its 及配套项目, is its short name too:
# TCL中环年产35GW…智慧工厂项目及配套项目(“DW五期”项目)
_BRACKETED_ALIAS_OPENING = re.compile(r"(?:及配套(?:项目|工程))?[((][“\"]?$")


def _group(spans: list[NameSpan], text: str) -> list[list[NameSpan]]:
    """Name spans grouped by project, in order of first mention.

    Spans with the same key are one project; so is a key inside a longer one
    (紫光IC国际城, 天府新区紫光IC国际城) and a short name the article gives
    right after a name (``XX产业园(以下简称中交卖货郎产业园)``), wherever it
    is used later.
    """
    groups: dict[str, list[NameSpan]] = {}
    alias: dict[str, str] = {}  # a short name's key → the key of the project it names
    group_of: dict[int, str] = {}  # span start → its group's key
    ends = {span.end: span for span in spans}
    cores: dict[str, str] = {}  # each key less its setting, cut once: keys are compared pair by pair
    for span in spans:
        key = project_key(span.name)
        opening = _ALIAS_OPENING.search(text, max(0, span.start - 8), span.start) or _BRACKETED_ALIAS_OPENING.search(
            text, max(0, span.start - 8), span.start
        )
        named = None
        if opening is not None:
            # 项目”(以下简称“UHMWPE项目”): the name may close its quote first
            before = opening.start() - (text[opening.start() - 1 : opening.start()] in "”\"'")
            named = ends.get(opening.start()) or ends.get(before)
        if named is not None and named.start in group_of:
            target = alias[key] = group_of[named.start]
        else:
            aliased = next((alias[k] for k in alias if _same_key(k, key, cores)), None)
            target = aliased or next((k for k in groups if _same_key(k, key, cores)), key)
        groups.setdefault(target, []).append(span)
        group_of[span.start] = target
    return list(groups.values())


def _core(key: str, cores: dict[str, str]) -> str:
    """``without_setting(key)``, worked out once per ``cores`` (one article's grouping)."""
    core = cores.get(key)
    if core is None:
        core = cores[key] = without_setting(key)
    return core


# A project's code name (t8, a6, b11): Latin letters and digits, with a digit.
_CODE_NAME = re.compile(r"(?=[a-z]*\d)[a-z0-9]{2,6}")
# What a longer name may add in front of its short form in one article: a place, a zone, a base.
_SHORT_FORM_BEFORE = re.compile(r"(?:省|市|县|区|新区|开发区|园区|基地|工厂)$")


def _same_key(a: str, b: str, cores: dict[str, str]) -> bool:
    if a == b:
        return True
    # in one article, 惠民县生活垃圾焚烧发电项目 and 生活垃圾焚烧发电项目 are one project
    a, b = _core(a, cores), _core(b, cores)
    if a == b:
        return True
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) >= 2 and longer.endswith(shorter) and _CODE_NAME.fullmatch(shorter):
        return True  # TCL华星t8 and t8: a project's code name, its owner's brand left off
    if len(shorter) >= 2 and longer.endswith(shorter) and _SHORT_FORM_BEFORE.search(longer[: -len(shorter)]):
        # 增城经济技术开发区增芯 and 增芯, 中航锂电厦门基地a6 and a6: the name less its place or base
        return True
    # only a distinctive key stands for a longer one: 4 characters, most of the longer
    # one (紫光IC国际城 in 天府新区紫光IC国际城, not 新能源汽车 in 年产20万辆新能源汽车及零部件)
    # and no phase of its own
    return (
        len(shorter) >= 4
        and len(shorter) * 5 >= len(longer) * 3
        and shorter in longer
        and "期" not in longer.replace(shorter, "", 1)
    )


def _projects(
    prepared: PreparedText,
    extraction: Extraction,
    scan: PartyScan,
    spans: list[NameSpan],
    starts: list[int],
    hits: list[industries.WordHit],
    staged: set[int],
) -> tuple[list[ProjectMention], dict[int, int], list[Party]]:
    """The article's projects, for each name span (by its start) the index of its project, and the
    brands that invest in them without being a party the article names otherwise."""
    if not spans:
        return [], {}, []
    text = prepared.text
    # a batch's total (337.4亿元的100个重大项目) is no one project's amount
    figures = [f for f in extraction.figures if f.investment and (f.projects or 1) == 1]
    # a place is worth its cost where the article reports a step of a project (its signing or a
    # stage): what is filed and linked; a project only mentioned keeps no place
    places = _Places(prepared, extraction, starts, spans) if extraction.events or staged else None
    groups = _group(spans, text)
    investors = [p for p in scan.parties if p.role == "investor"]
    brands: list[Party] = []
    projects: list[ProjectMention] = []
    project_of: dict[int, int] = {}
    for group in groups:
        first = group[0]
        for span in group:
            project_of[span.start] = len(projects)
        name = max((s.name for s in group), key=len) if len({project_key(s.name) for s in group}) == 1 else first.name
        own: list[Figure] = []
        for span in group:
            own.extend(_figures_of(text, span, spans, figures, prepared.sentences, starts))
        seen: set[int | float] = set()
        unique = [f for f in own if not (f.value in seen or seen.add(f.value))]  # type: ignore[func-returns-value]
        investor = _investor(text, first, scan, investors, prepared.sentences, starts)
        if investor is None and (brand := brand_prefix(name)) is not None:
            # no organisation the article names invests in it: the brand the name opens with does
            # (润马光能一期…项目投产仪式隆重举行), unless it is a party's short form (隆基股份 of
            # 隆基股份有限公司, named for another project)
            known = scan.party(brand) or next(
                (p for p in scan.parties if p.normalised.startswith(organisation(brand))), None
            )
            if known is None:
                investor = brand
                brands.append(Party(brand, "investor", organisation(brand), None))
            elif known.role == "investor":
                investor = known.name
        if investor is None:
            investor = _company_named_for(text, prepared.written, name)
            matching = organisation(investor) if investor is not None else ""
            if (
                investor is not None
                and matching
                and not any(matching in p.normalised or p.normalised in matching for p in scan.parties)
            ):
                # the company written in full that invests (深圳盘古钠祥新能源有限公司董事长…致辞 at the
                # signing of 盘古钠祥…项目) is a party as the brand would be, unless the article's
                # parties name it already (山东高速物流集团有限公司 and 高速物流集团有限公司)
                brands.append(Party(investor, "investor", matching, None))
        named = max(group, key=lambda s: len(s.name))
        in_name = industries.within(hits, named.start, named.end)
        label, words = industries.decide(in_name)
        if not any(hit.sector for hit in in_name):
            # a name of carrier words only (比亚迪汽车工业园三期项目) says what is built, not the
            # trade: its clause's sector words say it (…,建设新能源汽车核心零部件工厂)
            left, right = _clause_bounds(text, first.start, first.end)
            around = industries.within(hits, left, right)
            if label is None or any(hit.sector for hit in around):
                label, words = industries.decide(around)
        elif label is not None:
            # a name that says "vehicle battery" where the article says the plant makes them for
            # storage too (冠宇动力电池生产项目…规划建设10条动力及储能电池生产线): an energy plant
            label, words = industries.refine_both(in_name, hits, (label, words))
            # a name that says only "battery" (时代新型锂离子电池项目): its sentence may say which
            # (…,拟建设新型锂离子电池动力电池生产基地), unless it names another project too
            sentence = prepared.sentences[_sentence_index(starts, first.start)]
            if not any(sentence.start <= s.start < sentence.end and s not in group for s in spans):
                label, words = industries.refine_battery(
                    in_name, industries.within(hits, sentence.start, sentence.end), (label, words)
                )
        projects.append(
            ProjectMention(
                name=name,
                key=project_key(name, investor),
                investor=investor,
                place=places.of(first)
                if places is not None
                and (
                    extraction.events
                    or len(groups) == 1
                    or any(_sentence_index(starts, s.start) in staged for s in group)
                )
                else Place(),
                figures=tuple(unique),
                industry=label,
                industry_words=words,
                start=first.start,
            )
        )
    merged, merged_of = _merge_projects(projects, project_of)
    return merged, merged_of, list({b.normalised: b for b in brands}.values())


def _merge_projects(
    projects: list[ProjectMention], project_of: dict[int, int]
) -> tuple[list[ProjectMention], dict[int, int]]:
    """Projects whose keys came out the same once their investor was known are one (its first name kept)."""
    kept: list[ProjectMention] = []
    index_of: dict[str, int] = {}
    moved: dict[int, int] = {}
    for old, project in enumerate(projects):
        if project.key in index_of:
            target = index_of[project.key]
            first = kept[target]
            values = {f.value for f in first.figures}
            figures = first.figures + tuple(f for f in project.figures if f.value not in values)
            kept[target] = ProjectMention(
                first.name,
                first.key,
                first.investor or project.investor,
                first.place,
                figures,
                first.industry or project.industry,
                first.industry_words or project.industry_words,
                first.start,
            )
            moved[old] = target
        else:
            index_of[project.key] = moved[old] = len(kept)
            kept.append(project)
    return kept, {start: moved[index] for start, index in project_of.items()}


def _clause_start(text: str, floor: int, position: int) -> int:
    start = floor
    for brk in _SENTENCE_CLAUSE_BREAK.finditer(text, floor, position):
        start = brk.end()
    return start


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``: between the list separators and clause breaks around it."""
    left = start
    for brk in _CLAUSE_BREAK.finditer(text, max(0, start - 80), start):
        left = brk.end()
    right = _CLAUSE_BREAK.search(text, end)
    return left, right.start() if right else len(text)


def _figures_of(
    text: str,
    span: NameSpan,
    spans: list[NameSpan],
    figures: list[Figure],
    sentences: list[Sentence],
    starts: list[int],
) -> list[Figure]:
    """The investment figures one mention of a project gives it (see the module docstring)."""
    index = _sentence_index(starts, span.start)
    sentence = sentences[index]
    left = sentence.start
    for brk in _CLAUSE_BREAK.finditer(text, sentence.start, span.start):
        left = brk.end()
    right = sentence.end
    later = [s.start for s in spans if span.end <= s.start < sentence.end]
    item_end = _ITEM_END.search(text, span.end, sentence.end)
    right = min([right, *later, *([item_end.start()] if item_end else [])])
    listed = text[left - 1 : left] == "、" or text[span.end : span.end + 1] in ("、", "等")
    if listed:
        # an item of a list (A项目、B项目,总投资…): what follows the list is the list's
        clause_end = _CLAUSE_BREAK.search(text, span.end, right)
        right = clause_end.start() if clause_end else right
    own_end = _CLAUSE_BREAK.search(text, span.end, right)
    own_right = own_end.start() if own_end else right
    # in its own clause any investment figure; in the clauses after it only one the text calls
    # an investment there (…项目,XX公司投资10亿元), not 新增年销售约20亿元
    found = [
        f
        for f in figures
        if left <= f.start < own_right
        or (own_right <= f.start < right and _INVESTED.search(text, _clause_start(text, own_right, f.start), f.start))
    ]
    if found:
        return found
    # X公司计划投资5.5亿元,建设Y项目: the clause just before, when it invests and names no other project
    if left > sentence.start and text[left - 1] in ",,":
        before = max(sentence.start, _clause_start(text, sentence.start, left - 1))
        if not any(before <= s.start < left for s in spans) and _INVESTED.search(text, before, left):
            found = [f for f in figures if before <= f.start < left]
            if found:
                return found
    following = sentences[index + 1] if index + 1 < len(sentences) else None
    if (
        following is not None
        and following.paragraph == sentence.paragraph
        and _SAME_PROJECT_OPENING.match(text, following.start) is not None
        and not any(following.start <= s.start < following.end for s in spans)
    ):
        return [f for f in figures if following.start <= f.start < following.end]
    return []


def _investor(
    text: str,
    span: NameSpan,
    scan: PartyScan,
    investors: list[Party],
    sentences: list[Sentence],
    starts: list[int],
) -> str | None:
    prefix = investor_prefix(span.name)
    if prefix is not None:
        party = scan.party(prefix)
        return party.name if party is not None else prefix
    written = _written_before(text, span.start, investors)
    if written is not None:
        return written.name
    index = _sentence_index(starts, span.start)
    nearby = [
        m for m in scan.mentions if m.sentence == index and (party := scan.party(m.name)) and party.role == "investor"
    ]
    if nearby:
        nearest = min(nearby, key=lambda m: abs(m.start - span.start))
        party = scan.party(nearest.name)
        return party.name if party is not None else nearest.name
    if len(investors) == 1:
        return investors[0].name
    return None


# A company whose name opens with a project's first characters: its legal name, written anywhere.
_COMPANY_AFTER = r"[\u4e00-\u9fff]{0,10}?(?:股份有限公司|有限责任公司|有限公司)"
# How many of a project name's first characters a company's name must open with.
_NAMED_FOR = 3


def _company_named_for(text: str, written: str, name: str) -> str | None:
    """The company a project no party invests in is named for: one the article writes in full
    whose name opens with the project's first three characters (欣旺达动力电池项目 and
    欣旺达电子股份有限公司, named only as its founder's employer), not a place's or a trade's."""
    head = fold(name)[:_NAMED_FOR]
    if len(head) < _NAMED_FOR or not all("\u4e00" <= ch <= "\u9fff" for ch in head):
        return None
    mentions = gazetteer().mentions(head)
    if (mentions and mentions[0].start == 0) or industries.find_words(head):
        return None
    found = re.search(re.escape(head) + _COMPANY_AFTER, text)
    return written[found.start() : found.end()] if found else None


# Quotes and brackets a name is often set in after its investor's short name: 中航锂电“新型…项目”.
_OPENING_QUOTES = "“\"'‘「『《"
# The shortest short name of an investor written before a project's name.
_SHORT_FORM = 2


def _written_before(text: str, start: int, investors: list[Party]) -> Party | None:
    """The investing party whose name or short form is written right before a project's name
    (``中航锂电“新型动力锂电池生产线项目”`` with 中航锂电科技有限公司 a party): it is that project's investor,
    however near another investor is named."""
    before = text[max(0, start - 16) : start].rstrip(_OPENING_QUOTES)
    if len(before) == start - max(0, start - 16):
        return None  # no quote: a name run on from an organisation is cut there already (investor_prefix)
    for party in investors:
        forms = {party.name, party.normalised, *([party.same_as] if party.same_as else [])}
        for length in range(min(len(before), 12), _SHORT_FORM - 1, -1):
            tail = before[-length:]
            if any(form.startswith(tail) for form in forms) and len(tail) >= min(4, len(party.normalised)):
                return party
    return None


class _Places:
    """Projects' places, each sentence's worked out once.

    A project named in a paragraph that reports a signing takes that
    signing's place; else, in an article with a signing elsewhere, the
    first signing's (extraction has resolved them, in context, already).
    In an article with no signing (a groundbreaking, a completion), a county
    its sentence names by a full name no other county has (闽侯县); else what
    the places resolver makes of the article (``_article_place``).
    """

    def __init__(
        self, prepared: PreparedText, extraction: Extraction, starts: list[int], spans: list[NameSpan]
    ) -> None:
        self.prepared = prepared
        self.starts = starts
        self.spans = spans
        self.by_paragraph: dict[int, Place] = {}
        for event in extraction.events:
            paragraph = prepared.sentences[_sentence_index(starts, event.start)].paragraph
            if event.place.names and paragraph not in self.by_paragraph:
                self.by_paragraph[paragraph] = event.place
        self.fallback = next((e.place for e in extraction.events if e.place.names), Place())
        self.cache: dict[int, Place] = {}
        self.resolved: Place | None = None

    def of(self, span: NameSpan) -> Place:
        """The place of the project named at ``span``."""
        index = _sentence_index(self.starts, span.start)
        if index not in self.cache:
            self.cache[index] = self._resolve(index)
        return self.cache[index]

    def _resolve(self, index: int) -> Place:
        prepared = self.prepared
        sentence = prepared.sentences[index]
        known = self.by_paragraph.get(sentence.paragraph)
        if known is not None:
            return known
        if self.fallback.names:
            return self.fallback  # the article's signing says where
        named = _named_outright(prepared.text, sentence.start, sentence.end)
        if named is not None:
            return named  # 福建奔驰…项目当天在福州市闽侯县开工: the sentence says where
        if self.resolved is None:
            self.resolved = self._article_place()
        return self.resolved

    def _article_place(self) -> Place:
        """What the places resolver makes of the first project's sentence, its paragraph and the title.

        It weighs short names and zones by the article's context (上海宝山, 成都科学城 in
        天府新区) over the title, the lede and the paragraphs naming projects, at some
        milliseconds an article: once per article, and only when no county is named outright.
        """
        prepared = self.prepared
        named = {prepared.sentences[_sentence_index(self.starts, s.start)].paragraph for s in self.spans}
        scan = [prepared.paragraph_spans[p] for p in sorted({0, 1} | named) if p < len(prepared.paragraph_spans)]
        resolver = PlaceResolver(prepared.text, (), scan)
        first = prepared.sentences[_sentence_index(self.starts, self.spans[0].start)]
        place = resolver.resolve([(first.start, first.end), prepared.paragraph_spans[first.paragraph], scan[0]])
        return place if place.names else resolver.article_place()


def _outright(text: str, start: int, end: int) -> list[Any]:
    """The divisions ``text[start:end]`` names by a full name no other division has."""
    return [
        m.candidates[0]
        for m in gazetteer().mentions(text, start, end)
        if m.strong and len(m.candidates) == 1 and not getattr(m, "zones", ())
    ]


def _named_outright(text: str, start: int, end: int) -> Place | None:
    """The county ``text[start:end]`` names by a full name no other county has, if any."""
    counties = [d for d in _outright(text, start, end) if d.level == 3]
    # a province or city alone is too wide to stop at: the article's places may go deeper
    return gazetteer().place(counties[0]) if counties else None


def _industry_words(
    prepared: PreparedText,
    extraction: Extraction,
    spans: list[NameSpan],
    stage_hits: list[StageHit],
    starts: list[int],
) -> list[industries.WordHit]:
    """The taxonomy words of the text that speaks of projects: the title, the lede, and every
    sentence that names a project, reports a signing or a stage (one scan each: the rest of a
    long page, its chrome and its background, only costs time and blurs the label)."""
    sentences = prepared.sentences
    hot = {i for i, s in enumerate(sentences) if s.paragraph <= 1}
    hot |= {_sentence_index(starts, s.start) for s in spans}
    hot |= {_sentence_index(starts, e.start) for e in extraction.events}
    hot |= {h.sentence for h in stage_hits}
    hits: list[industries.WordHit] = []
    # one scan per run of neighbouring sentences: between two sentences there is only their
    # end mark or white space, which no taxonomy word holds, so no word is found across them
    ordered = sorted(hot)
    first = 0
    for at, index in enumerate(ordered):
        if at + 1 == len(ordered) or ordered[at + 1] != index + 1:
            start, end = sentences[ordered[first]].start, sentences[index].end
            hits.extend(industries.find_words(prepared.text, start, end))
            first = at + 1
    return hits


def _sector(project: ProjectMention) -> bool:
    """Whether a project's label was decided by sector words (not only by what is built: 产业园, 厂房)."""
    return project.industry is not None and any(
        industries.label_of(word) == (project.industry, True) for word in project.industry_words
    )


_BANK = re.compile(r"银行|分行|支行")
# After a taxonomy word, a meeting's name goes on: the word names the meeting, not an investment
# (农夫山泉桑植项目在…湖南旅游发展大会上正式签约: no tourism project); a meeting held for the
# project's own step names the project (中复神鹰西宁万吨碳纤维基地投产大会).
_EVENT_AFTER = re.compile(
    r"(?:(?!基地|项目|工厂|产业园|投产|开工|签约|竣工|奠基)[\u4e00-\u9fff]){0,6}?"
    r"(?:大会|博览会|论坛|峰会|交易会|洽谈会|推介会|发布会|年会)"
)


# A company written with its legal form (its name runs back over name characters).
_COMPANY_IN_FULL = re.compile(r"[\u4e00-\u9fffA-Za-z0-9()（）]{2,30}?(?:有限责任公司|股份有限公司|有限公司)")


def _outside_organisations(
    hits: list[industries.WordHit], scan: PartyScan, text: str, names: list[NameSpan]
) -> list[industries.WordHit]:
    """The hits not inside an organisation's name (农业 in 中国农业银行, 新能源 in 瑞宇新能源科技有限公司:
    a name says what a company was once called for, not what this investment is)."""
    spans = [(m.start, m.end) for m in scan.mentions]
    # (and a company written in full where no party is read, a person's employer: 国家电投集团新疆能源化工
    # 有限责任公司党委书记 says nothing of the 投产 it attends; a project's own name keeps its words)
    spans += [
        (m.start(), m.end())
        for m in _COMPANY_IN_FULL.finditer(text)
        if not any(s.start < m.end() and m.start() < s.end for s in names)
    ]
    if not spans:
        return hits
    return [h for h in hits if not any(start <= h.start < end for start, end in spans)]


def _article_industry(
    prepared: PreparedText,
    spans: list[NameSpan],
    hits: list[industries.WordHit],
    projects: list[ProjectMention],
) -> tuple[str | None, tuple[str, ...]]:
    """The article's industry: the label most of its projects have (none when no label has more
    than half of them: a mixed ceremony), else every taxonomy word counted, the title's and the
    project names' more."""
    labelled = [p for p in projects if _sector(p)]
    if labelled:
        counts = Counter(p.industry for p in labelled)
        label, count = counts.most_common(1)[0]
        if count * 2 <= len(labelled):
            return None, ()
        return label, tuple(dict.fromkeys(w for p in labelled if p.industry == label for w in p.industry_words))
    if not hits:
        return None, ()
    if not projects and prepared.paragraph_spans:
        # a batch (重大项目集中签约, 9个项目开工) naming none of its projects: a mix of trades
        lede_end = prepared.paragraph_spans[min(1, len(prepared.paragraph_spans) - 1)][1]
        if _BATCH_WORDS.search(prepared.text, 0, lede_end):
            return None, ()
    title_end = prepared.paragraph_spans[0][1] if prepared.paragraph_spans else 0
    weights = []
    for hit in hits:
        if hit.start < title_end:
            weights.append(_TITLE_WEIGHT)
        elif any(s.start <= hit.start < s.end for s in spans):
            weights.append(_NAME_WEIGHT)
        else:
            weights.append(1)
    return industries.decide(hits, weights)


def _stages(
    prepared: PreparedText,
    extraction: Extraction,
    spans: list[NameSpan],
    projects: list[ProjectMention],
    project_of: dict[int, int],
    starts: list[int],
    hits: list[StageHit],
) -> list[StageMention]:
    text = prepared.text
    keys = {start: projects[index] for start, index in project_of.items()}
    found: list[StageMention] = []
    for event in extraction.events:
        # an intent agreement signed (签订合作意向协议, 签署…投资意向书) is the project's first step told:
        # the sets label it 签约, and its later steps follow it as they follow a contract
        if event.status not in ("done", "intended"):
            continue
        index = _sentence_index(starts, event.start)
        batch = event.projects is not None and event.projects > 1
        project = None if batch else _project_of(text, index, event.start, prepared, spans, keys, projects)
        sentence = prepared.sentences[index]
        if project is None and is_tally(text, sentence.start, sentence.end):
            continue  # 前10个月共签约招商引资项目76个, 1—4月新签约项目32个: a tally, no signing told
        found.append(_mention("签约", project, keys, event.date, event.evidence, event.start))
        if project is not None:
            # 签订…投资建设A项目、B项目和C项目: one agreement for each project of its list
            for listed in _listed_with(text, project, spans, keys, prepared.sentences[index]):
                found.append(_mention("签约", listed, keys, event.date, event.evidence, event.start))
    # the extraction read these sentences' signings (done or not): its reading stands
    signed = {_sentence_index(starts, event.start) for event in extraction.events}
    # a project settling in a place (进驻, 落地) is its first step told only where no signing is
    # (签约落地成都郫都区 and 签约…项目落地 tell the signing)
    any_signing = bool(found) or any(hit.stage == "签约" for hit in hits)
    hints: dict[int, int | None] = {}
    for hit in hits:
        if hit.stage == "签约" and hit.sentence in signed:
            continue
        if hit.stage == "落地" and any_signing and text.startswith(("进驻", "落地"), hit.start):
            continue
        sentence = prepared.sentences[hit.sentence]
        clause = _clause_start(text, sentence.start, hit.start)
        # another stage in an earlier clause of the sentence owns the dates before it
        earlier = any(h.sentence == hit.sentence and h.start < clause and h.stage != hit.stage for h in hits)
        when = stage_date(
            text,
            sentence,
            prepared.paragraph_spans[sentence.paragraph][0],
            hit.start,
            prepared.published,
            clause if earlier else sentence.start,
            hints,
        )
        if when is False:
            continue  # a date still to come: a plan
        assert when is not True  # stage_date gives a span, None or False
        project = None if hit.batch else _project_of(text, hit.sentence, hit.start, prepared, spans, keys, projects)
        evidence = prepared.written[sentence.start : sentence.end].strip()
        found.append(_mention(hit.stage, project, keys, when, evidence, sentence.start))
    return _merge_stages(found)


_LIST_JOINER = re.compile(r"[、,，]|和|及|以及|与")


def _listed_with(
    text: str, project: ProjectMention, spans: list[NameSpan], keys: dict[int, ProjectMention], sentence: Sentence
) -> list[ProjectMention]:
    """The other projects named in one list with ``project`` in its sentence (A项目、B项目和C项目)."""
    inside = [s for s in spans if sentence.start <= s.start < sentence.end and s.start in keys]
    at = next((i for i, s in enumerate(inside) if keys[s.start] is project), None)
    if at is None:
        return []
    lo = hi = at
    while lo > 0 and _LIST_JOINER.fullmatch(text, inside[lo - 1].end, inside[lo].start):
        lo -= 1
    while hi + 1 < len(inside) and _LIST_JOINER.fullmatch(text, inside[hi].end, inside[hi + 1].start):
        hi += 1
    listed = [keys[s.start] for s in inside[lo : hi + 1]]
    return [p for p in dict.fromkeys(listed) if p is not project]


# After a project named after 继 (following): 之后, 后 - the project a report follows, not its own.
_FOLLOWED = re.compile(r"之?后")


def _project_of(
    text: str,
    index: int,
    position: int,
    prepared: PreparedText,
    spans: list[NameSpan],
    keys: dict[int, ProjectMention],
    projects: list[ProjectMention],
) -> ProjectMention | None:
    """The project a stage or signing at ``position`` in sentence ``index`` is about, if the text says."""
    sentence = prepared.sentences[index]
    inside = [s for s in spans if sentence.start <= s.start < sentence.end and s.start in keys]
    # (继中天绿色精品钢项目之后,南通市又一大钢铁项目开工: the project it follows is not the one reported)
    inside = [s for s in inside if not (text[s.start - 1 : s.start] == "继" and _FOLLOWED.match(text, s.end))]
    before = [s for s in inside if s.start < position]
    if before:
        return keys[before[-1].start]
    if _SAME_PROJECT.search(text, sentence.start, position):
        # 该项目…开工: the last project named earlier in the paragraph, before any named after the
        # word (该项目于去年7月30日正式开工建设,…将建成…固态电池生产基地: what it builds)
        paragraph_start = prepared.paragraph_spans[sentence.paragraph][0]
        earlier = [s for s in spans if paragraph_start <= s.start < sentence.start and s.start in keys]
        if earlier:
            return keys[earlier[-1].start]
    if inside:
        return keys[inside[0].start]
    if _BATCH_WORDS.search(text, sentence.start, sentence.end):
        return None  # 重大项目开工: a batch, whatever the article's one named project
    if len(projects) == 1:
        return projects[0]
    return None


def _mention(
    stage: str,
    project: ProjectMention | None,
    keys: dict[int, ProjectMention],
    when: DateSpan | None,
    evidence: str,
    start: int,
) -> StageMention:
    return StageMention(
        stage=stage,  # type: ignore[arg-type]
        project=project.name if project else None,
        key=project.key if project else None,
        date=when,
        evidence=evidence,
        start=start,
    )


def _merge_stages(found: list[StageMention]) -> list[StageMention]:
    """One mention per (stage, project): the headline and the body report one step; a dated one wins."""
    merged: dict[tuple[str, str | None], StageMention] = {}
    for mention in sorted(found, key=lambda m: m.start):
        slot = (mention.stage, mention.key)
        kept = merged.get(slot)
        if kept is None:
            merged[slot] = mention
        elif _date_rank(mention.date) > _date_rank(kept.date):
            merged[slot] = StageMention(kept.stage, kept.project, kept.key, mention.date, kept.evidence, kept.start)
    return sorted(merged.values(), key=lambda m: m.start)


def _date_rank(when: DateSpan | None) -> int:
    if when is None:
        return 0
    return 2 if when.is_day else 1
