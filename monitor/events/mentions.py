"""Reports of an event that no signing or announcement reader recognises: ``reported`` mentions.

Many pages tell of an investment occasion without a sentence the signing
readers take for a signing: an expo closing with its turnover
(``第二届进博会…闭幕…按一年计,累计意向成交711.3亿美元``), a groundbreaking or a
launch (``总投资100亿美元的埃克森美孚惠州乙烯项目22日正式动工``), a company's
investment decision, a repost that says 签约 differently.  A user wants such a
page filed with the event it reports (one cluster, one alert), not lost.

So an article with no signing event and no investment announcement gives one
*mention*: an event of status ``reported`` read from its lead (the title and
the first paragraphs up to the first that carries a money figure) - the
occasion's kind (``展会成交``, ``开工``, ``投产``, …), place, date, money figures,
project count and the lead's sentences as evidence, so clustering can compare
it with other reports of the same occasion (``monitor.events.cluster``).  A
mention is no signing: it never counts as a signing status and no alert is
owed for it (alerts follow done events); a cluster it founds alerts when a
done report of the same event joins it.

Only a lead that names an occasion and carries a money figure (or names a
signing) gives a mention: a page about anything else gives none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Final

from monitor.events import dates as dating
from monitor.events.model import DateSpan, Figure, SigningEvent, Status
from monitor.events.places import PlaceResolver
from monitor.events.segments import Sentence

MENTION_STATUS: Final[Status] = "reported"

# The occasions a lead may name, in the order they are preferred when it names several:
# what the page is about comes before what it mentions in passing.
_OCCASIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("展会成交", re.compile(r"意向成交|成交(?:额|金额)|采购成交|出口成交")),
    ("投资决策", re.compile(r"投资决策|批准[^,,。;;]{0,12}(?:项目|基地|计划)")),
    ("开工", re.compile(r"开工|动工|动土|开建|奠基|破土")),
    ("投产", re.compile(r"投产|竣工|建成投用")),
    ("启动", re.compile(r"启动")),
    ("签约", re.compile(r"签约|签署|签订|签下|协议|合同")),
    ("闭幕", re.compile(r"闭幕|落下帷幕|落幕|闭会")),
    ("开幕", re.compile(r"开幕")),
    # (落子: projects "placed" like stones on a board, 64个项目落子)
    ("落户", re.compile(r"落户|落地|落子|入驻|投资建设|新建")),
)
# A fair or congress held (…世界温州人大会在浙江省温州市举行, 首届川商返乡发展大会在成都市锦江宾馆召开): its
# opening, where the lead names no other occasion (…恳谈会举行,…64个项目落子 is the projects').
_HELD = ("开幕", re.compile(r"(?:会|台湾周|合作周)[^,,。;;]{0,25}?(?:举行|召开)"))
# The occasions that are stages of their own: a groundbreaking is not the project's
# commissioning, nor an expo's turnover its signing (``monitor.events.cluster`` keeps them apart).
STAGE_KINDS = frozenset({"展会成交", "投资决策", "开工", "投产", "启动"})
# A sentence that names a project (or its plant): its occasion is news even without a figure.
_PROJECT = re.compile(r"项目|工厂|基地|产业园|厂区|生产线")
# A day named relative to the publication day (今天,巴斯夫…项目正式在广东湛江启动).
_DAYS_BACK = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1}
_RELATIVE_DAY = re.compile("|".join(_DAYS_BACK))
# A fair, an expo or an investment congress, and an edition of one (第五届).
_FAIR = re.compile(r"博览会|博会|交易会|洽谈会|洽会|峰会|招商|商大会|人大会(?!议)|发展大会|广交会|台湾周|合作周")
_EDITION = re.compile(r"第[一二两三四五六七八九十百零〇\d]{1,6}届|首届")
# A fair named by its year (2021华侨华人创业发展洽谈会, 2023世界温州人大会): an edition too.
_YEAR_EDITION = re.compile(r"(?<!\d)(?:19|20)\d\d年?(?=[^\d,,。;;]{2,20}?(?:会|台湾周|合作周))")
# Money a mention's lead may carry: investment, turnover and trade (not tax, salary or R&D).
_LEAD_KINDS = frozenset({"agreed", "planned", "arrived", "contracted", "transaction", "trade", "output"})
_CLAUSE_END = re.compile(r"[,,;;]")
# A plan in the sentence before a stage's word: the stage is to come (计划于2021年10月底前开工建设,
# 2025年正式投产), so it is no occasion the page reports.
# A fair to be held (…洽谈会将于9月1日至4日在山东潍坊举行) is a preview, not its opening.
_PLAN = re.compile(r"计划|预计|拟|力争|争取|有望|将于|预期")
_PLANNED_KINDS = STAGE_KINDS | {"开幕"}
# A lead that looks back over past occasions.
_LOOKING_BACK = re.compile(r"回顾|过去[\d一二两三四五六七八九十]+年")
# The stages a lead may report as held, and a stage that did not happen (一直未能开工).
_HELD_STAGES = ("开工", "投产")
_NOT_HAPPENED = re.compile(r"[未没不]能?$")
_SIGNING_WORDS = dict(_OCCASIONS)["签约"]
# An occasion retold as the background of the page's news: 早在2021年11月4日…就正式签署了.
RETOLD = re.compile(r"早在[^,，。;；!！?？]{0,40}?就")
# The lead: the title and body paragraphs until one carries a money figure, at most this many.
_LEAD_PARAGRAPHS = 3
# No more than this many of the lead's sentences are kept as evidence.
_LEAD_SENTENCES = 6


def mentions(
    text: str,
    written: str,
    sentences: Sequence[Sentence],
    paragraph_spans: Sequence[tuple[int, int]],
    figures: Sequence[Figure],
    published: date | None,
) -> list[SigningEvent]:
    """The article's mention (a list of none or one): the occasion its lead reports (see the module doc).

    ``text`` is the prepared article text (title first), ``written`` the same
    text as written; ``sentences`` and ``paragraph_spans`` locate its parts.
    """
    lead = _lead(sentences, figures)
    if not lead:
        return []
    kind, occasion, anchor = _occasion(text, lead)
    if occasion is None:
        # a lead that retells the background (…早在2021年11月4日…就正式签署了…,一直未能开工) or
        # opens with a quote or a scene (“二十年来,…”; 九月的重庆,骄阳依旧火热) leaves the news
        # to the paragraph after it (14日,2023世界温州人大会在浙江省温州市举行)
        lead = _lead(sentences, figures, reach=2)
        kind, occasion, anchor = _occasion(text, lead)
    money = [f for f in figures if f.kind in _LEAD_KINDS and not f.bracket and _within(f, lead)]
    if kind is None or occasion is None:
        return []
    if _LOOKING_BACK.search(text, lead[0].start, occasion.end):
        return []  # a look back over past occasions (回顾三年进博会): it reports none of them as news
    if not money and not _news_without_money(text, kind, occasion):
        return []  # no money and no project's or fair's occasion: news of something else
    paragraphs = sorted({s.paragraph for s in lead} | {0})
    scan = [paragraph_spans[p] for p in paragraphs if p < len(paragraph_spans)]
    resolver = PlaceResolver(text, scan=scan)
    place = resolver.resolve(
        [(occasion.start, occasion.end), paragraph_spans[occasion.paragraph], paragraph_spans[0], *scan]
    )
    if not place.names:
        place = resolver.article_place()
    until = _own_clauses_end(text, kind, anchor, occasion)
    when = dating.event_date(
        text, (occasion.start, until), paragraph_spans[occasion.paragraph][0], anchor, published, past=True
    ) or _relative_day(text, occasion.start, until, published)
    projects = next((f.projects for f in money if f.projects), None)
    evidence = "".join(written[s.start : s.end].strip() for s in lead[:_LEAD_SENTENCES])
    return [
        SigningEvent(
            kind=kind,
            status=MENTION_STATUS,
            place=place,
            date=when,
            parties=(),
            projects=projects,
            figures=tuple(money),
            parts=(),
            evidence=evidence,
            start=occasion.start,
        )
    ]


def reported_stage(text: str, sentences: Sequence[Sentence], figures: Sequence[Figure]) -> Sentence | None:
    """The lead's sentence that reports a project's stage as held (…项目开工仪式在昌宁园中园举行), if any.

    Not a stage to come (计划…开工) nor one that did not happen (未能开工): a
    page whose lead reports a groundbreaking or a commissioning is news of that
    stage, and the signing it retells further down was news on its own day.
    """
    for sentence in _lead(sentences, figures):
        if not _PROJECT.search(text, sentence.start, sentence.end):
            continue
        if _SIGNING_WORDS.search(text, sentence.start, sentence.end):
            return None  # a signing and a stage in one (集中签约开工仪式): the lead reports a signing too
        for kind, pattern in _OCCASIONS:
            if kind not in _HELD_STAGES:
                continue
            match = pattern.search(text, sentence.start, sentence.end)
            if match is None or _planned(text, kind, sentence, match):
                continue
            if _NOT_HAPPENED.search(text, max(sentence.start, match.start() - 2), match.start()):
                continue
            return sentence
    return None


def _relative_day(text: str, start: int, end: int, published: date | None) -> DateSpan | None:
    """The day 今天/昨天 names in ``text[start:end]``, counted from the publication day; None without one."""
    found = _RELATIVE_DAY.search(text, start, end)
    if found is None or published is None:
        return None
    day = published - timedelta(days=_DAYS_BACK[found.group()])
    return DateSpan(day, day)


def _news_without_money(text: str, kind: str, occasion: Sentence) -> bool:
    """Whether an occasion with no money in the lead is still investment news.

    A project's stage or signing (…项目开工仪式在盘锦举行), or an edition of a
    fair (第五届楚商大会在武汉开幕): an edition tells one year's from another's.
    """
    start, end = occasion.start, occasion.end
    if kind in STAGE_KINDS | {"签约", "落户"} and _PROJECT.search(text, start, end):
        return True
    edition = _EDITION.search(text, start, end) or _YEAR_EDITION.search(text, start, end)
    return bool(_FAIR.search(text, start, end)) and edition is not None


def _lead(sentences: Sequence[Sentence], figures: Sequence[Figure], reach: int = 1) -> list[Sentence]:
    """The lead's sentences: the title's and the body's up to the first paragraph with a money figure.

    With no money in reach, the title and the first ``reach`` paragraphs.
    """
    with_money = {s.paragraph for s in sentences for f in figures if s.start <= f.start < s.end}
    last = next((p for p in sorted(with_money) if p <= _LEAD_PARAGRAPHS), None)
    if last is None:
        last = reach  # no money in reach: the title and the first paragraph
    return [s for s in sentences if s.paragraph <= last and s.text.strip()]


def _occasion(text: str, lead: Sequence[Sentence]) -> tuple[str | None, Sentence | None, int]:
    """The lead's occasion, the first sentence that names an occasion, and where that word is.

    The kind is the first stage the lead names (开工, 投产, 意向成交, …: 第三届进博会
    10日闭幕。…累计意向成交726.2亿美元 is an expo's turnover), else its first
    setting (签约, 闭幕); in one sentence the word written first wins (…正式投产,
    …于2024年5月开工建设 is a commissioning).  The sentence and the word are
    the first occasion's: that is where the lead dates and places it.
    """
    found = [
        (index, match.start(), kind, sentence, planned or pattern is _HELD[1])
        for index, sentence in enumerate(lead)
        for kind, pattern in (*_OCCASIONS, _HELD)
        if (match := pattern.search(text, sentence.start, sentence.end))
        and not ((planned := _planned(text, kind, sentence, match)) and kind not in STAGE_KINDS)
        and not _NOT_HAPPENED.search(text, max(sentence.start, match.start() - 2), match.start())
        and not RETOLD.search(text, sentence.start, sentence.end)
    ]
    # a stage still to come (项目将于…开工建设) or a fair held is the occasion only where the lead names no other
    named = [n[:4] for n in found if not n[4]] or [n[:4] for n in found]
    if not named:
        return None, None, 0
    # the first that is dated, else the first (【…项目动工】 as a headline, then 22日正式动工)
    dated = [n for n in named if dating.find_dates(text, lead[n[0]].start, lead[n[0]].end)]
    first = min(dated or named, key=lambda n: (n[0], n[1]))
    stages = [n for n in named if n[2] in STAGE_KINDS]
    kind = min(stages, key=lambda n: (n[0], n[1]))[2] if stages else first[2]
    return kind, first[3], first[1]


def _planned(text: str, kind: str, sentence: Sentence, match: re.Match[str]) -> bool:
    """Whether the sentence plans the occasion at ``match`` (计划…开工建设; 洽谈会将于9月1日至4日…举行).

    A fair's plan may stand inside the match, before 举行; no other kind's may
    (批准…计划 is a decision, not a plan of one).
    """
    if kind not in _PLANNED_KINDS:
        return False
    reach = match.end() if kind == "开幕" else match.start()
    return _PLAN.search(text, sentence.start, reach) is not None


def _own_clauses_end(text: str, kind: str, anchor: int, sentence: Sentence) -> int:
    """Where the clauses of the occasion at ``anchor`` end: before a clause that names another occasion.

    A date there is the other occasion's (…正式投产,该工厂于2024年5月开工建设); a
    clause that names the same one again keeps its date (…项目动工,…22日正式动工).
    """
    others = [
        found.start()
        for other, pattern in _OCCASIONS
        if other != kind and (found := pattern.search(text, anchor + 1, sentence.end))
    ]
    if not others:
        return sentence.end
    boundary = max((m.start() for m in _CLAUSE_END.finditer(text, anchor, min(others))), default=None)
    return boundary if boundary is not None else sentence.end


def _within(figure: Figure, lead: Sequence[Sentence]) -> bool:
    return any(s.start <= figure.start < s.end for s in lead)
