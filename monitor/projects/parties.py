"""Parties: the organisations named in a signing or as a project's investor, with their roles.

An organisation is found by the end of its name, a suffix no person or
project carries: a legal form (``有限公司``, ``股份有限公司``, ``集团``), a
bank, a fund, a university or institute, a government body (``人民政府``,
``管委会``, a zone such as ``经开区``, a bureau such as ``住建局``).  Its name
runs back from the suffix to the nearest punctuation, then is cut after the
last word that cannot be inside a name (``与``, ``由``, ``代表``, a date,
``签约方`` …) and stripped of leading chatter (``近日``, ``双方``, ``我``).

Which organisations are parties: those in a sentence that reports a
signing or cooperation (签订, 签署, 签约, 协议, 合作, 携手, 共建, 合资), or
that the text says invest (``X投资``, ``由X投资建设``, ``X计划投资``) or
settle (``X落户``).  An organisation named only as a person's employer
(``中建七局党委常委鲍宗平出席``) is not a party, nor is a generic one
(``该公司``, ``企业集团``).

Roles: a government body or zone is the ``host``; a bank, a university or
an institute, and a company named as builder (``承建``, ``中标``) or as the
second company of a company-to-company agreement, is a ``partner``; any
other company or fund is an ``investor``.

``X(以下简称"Y")`` makes ``Y`` the same party as ``X`` (``same_as``): a
later ``Y`` is not a party of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from monitor.events.segments import Sentence
from monitor.projects import industries
from monitor.projects.model import Party, Role
from monitor.projects.normalise import fold, organisation
from monitor.projects.wordscan import word_alternation, words_of

# Suffixes that end an organisation's name, by kind; longest first within a kind.
_SUFFIX = re.compile(
    r"(?P<company>集团股份有限公司|集团有限责任公司|集团有限公司|股份有限公司|有限责任公司|有限公司|集团公司|集团"
    r"|(?<=[\u4e00-\u9fffA-Za-z])公司|(?<=[\u4e00-\u9fff]{2})股份(?![有制])"
    r"|(?<=中建|中铁|中交|中冶|中电|中化|中核|中煤)[一二三四五六七八九十]+局|工程局)"
    r"|(?P<bank>银行(?:股份有限公司)?(?:[\u4e00-\u9fff]{2,6}?(?:分行|支行))?)"
    r"|(?P<fund>基金会|投资基金|产业基金|基金|资本(?=[与和同,,、签]))"
    r"|(?P<academic>(?:大学|学院)(?![学生城路])|研究院|研究所|科学院|设计院)"
    r"|(?P<government>人民政府|政府|管委会|管理委员会)"
    r"|(?P<zone>经济技术开发区|经济开发区|高新技术产业开发区|开发区|高新区|经开区|保税区|综合保税区)"
    r"|(?P<bureau>(?:住建|住房和城乡建设|城市管理|城管|商务|发改|发展和改革|自然资源|生态环境|招商|投资促进|"
    r"工信|工业和信息化|经信|经济和信息化|科技|农业农村|交通运输|水务|水利|文旅|文化和旅游|文化广电和旅游|"
    r"卫健|卫生健康|市场监督管理|财政|国资|能源)(?:局|委员会|委))"
)
# Where a suffix may start: its words (the bureaus' with their 局/委, the numbered
# bureaus of state builders written out), all literals, so the regex engine scans for
# them in C; _SUFFIX is then tried only there (a search with _SUFFIX itself tries all its
# alternatives at every position, several times slower, and a bare 科技 or 能源 would
# stop the scan at every second sentence); grouped by first character (monitor.projects.wordscan).
_NUMERALS = "一二三四五六七八九十"
_BUREAUS = [
    "住建",
    "住房和城乡建设",
    "城市管理",
    "城管",
    "商务",
    "发改",
    "发展和改革",
    "自然资源",
    "生态环境",
    "招商",
    "投资促进",
    "工信",
    "工业和信息化",
    "经信",
    "经济和信息化",
    "科技",
    "农业农村",
    "交通运输",
    "水务",
    "水利",
    "文旅",
    "文化和旅游",
    "文化广电和旅游",
    "卫健",
    "卫生健康",
    "市场监督管理",
    "财政",
    "国资",
    "能源",
]
_SUFFIX_START = word_alternation(
    sorted(
        {
            *[
                "集团",
                "股份",
                "有限",
                "公司",
                "银行",
                "基金",
                "投资基金",
                "产业基金",
                "资本",
                "大学",
                "学院",
                "研究院",
                "研究所",
                "科学院",
                "设计院",
                "人民政府",
                "政府",
                "管委会",
            ],
            *[
                "管理委员会",
                "经济技术开发区",
                "经济开发区",
                "高新区",
                "高新技术产业开发区",
                "开发区",
                "经开区",
                "保税区",
                "综合保税区",
                "工程局",
            ],
            *(b + e for b in _BUREAUS for e in ("局", "委")),
            *(a + "局" for a in _NUMERALS),
            *("十" + a + "局" for a in _NUMERALS[:-1]),
            *(a + "十" for a in _NUMERALS[1:-1]),
        },
        key=lambda word: (-len(word), word),  # longest first; the same pattern in every process
    )
)
_HOST_KINDS = frozenset({"government", "zone", "bureau"})
# Characters an organisation's name is written with.
# (the Han block is tested by its range, the rest by a set look-up: no regex call a character)
_NAME_OTHER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789&")
_MAX_NAME = 40
# Words a name cannot contain: the name starts after the last of them.  和 inside
# 住房和城乡建设, 发展和改革, 工业和信息化, 文化和旅游 is part of a name.
_CUT = word_alternation(
    words_of(
        # literals only (scanned for in C); the cut words with lookarounds or digits are _CUT_PATTERNS
        r"与|及|以及|携手|向|对|为|是|在|将|就"
        r"|代表|引进|引入|邀请|会见|同意|支持|签约方|合作方|投资方|建设方|承建方|运营方|项目方|主体为|分别|并|均|等|的|了"
        r"|从|距|离|把|让|给|被|暨|标志着|意味着|标志著|意味著|见证|共同见证|打造|致力|响应|增设|新增|新建|承办"
        # a whole company before another suffix is another organisation: 中建八局二公司华中农业大学
        r"|公司"
        r"|龙头企业|重点企业|知名企业|上市企业|民营企业|国有企业|外资企业|央企|骨干企业|领军企业|世界500强企业|中国500强企业"
        # a trade's giant (全球制药巨头美国莫德纳公司): a description before the name
        r"|巨头"
        r"|前往|来到|走进|参观|考察|拜访|赴|获悉|了解到|表示|介绍|签订|签署|签约|签下|协议|合同"
        r"|上午|下午|晚上|中午|子公司|旗下|下属|所属|控股股东"
        # verbs before a company word (进一步扩大公司…, 夯实公司…, 持有合资公司…, 辖区内新设立公司,
        # 独资成立台积电(南京)有限公司)
        r"|扩大|夯实|持有|设立|独资成立|合资成立|出资成立|投资成立|辖区内"
        # more verbs before a company's name (加快公司…, 整合富春江集团…, 主任周强宣布住友橡胶(湖南)有限公司…)
        r"|加快|加速|整合|宣布"
        # settling in a zone (正式落户宜宾临港经开区): the zone's name starts after the verb
        r"|落户|落地|入驻"
        # money paid into a company (出资147.5亿元到项目公司): the amount and 到 are no part of its name
        r"|到"
        # a company's alternative (由公司或控股子公司新设立…), its former owner (…基地原属中国南车股份有限公司),
        # a filing's heading (一、投资概况新凤鸣集团股份有限公司)
        r"|或|原属|隶属|概况"
    )
)
_CUT_PATTERNS = re.compile(
    # 和 first, its lookbehinds after it (住房和, not 住房 before it): a pattern that opens
    # with a literal lets the engine skip to its characters, one that opens with a
    # lookbehind is tried at every position
    r"和(?<!住房和)(?<!发展和)(?<!工业和)(?<!经济和)(?<!文化和)(?<!资源和)(?!城乡|改革|信息化|旅游|社会)|\d+(?:年|月|日|号|时|点)"
    r"|\d+(?:\.\d+)?(?:亿|万|千)?(?:元|美元)"
    # 系 (is) cuts; 系统 and 系列 are words of a name (华锐能源系统有限公司)
    r"|系(?!统|列)"
    # 自 (from) cuts; 自治区 and 自贸区 are words of a name (新疆维吾尔自治区人民政府,
    # 苏哈尔自贸区有限责任公司, 苏哈尔自由贸易区有限公司)
    r"|自(?!治|贸|由贸)"
    # 由 (by) cuts, but not in 自由贸易区
    r"|由(?<!自由)"
    # a purpose before a company word (为进一步推进公司阿曼…项目建设); 推进办, 推进中心 are bureaus
    r"|推进(?!办|委员会|中心|小组)"
    # 获 (receives: 长电科技汽车电子(上海)有限公司获国家集成电路产业投资基金…增资); 获嘉县 is a county
    r"|获(?!嘉)"
    # a trade's leader described before its name (我国乳业龙头蒙牛乳业集团); 龙头股份 is a company's own name
    r"|龙头(?!股份)"
    # a trade's firm described before the name (全球最大铝企山东魏桥创业集团)
    r"|[铝钢车药房险]企"
)
_LEADING = re.compile(
    r"(?:日前|近日|今天|今日|昨天|昨日|目前|此前|其中|此次|本次|双方|三方|四方|各方|与会|同时|随后|另外|此外|当天|当日|同日"
    r"|据悉|据了解|会上|仪式上|现场|正式|成功|已经|已|还|也|又|再|首先|最后|共同|一起|先后|积极|主动|我|该|本|这家|一家"
    r"|国内|全球|世界500强|中国500强|知名|龙头|央企|国企|民企|上市公司|企业|包括|如|即|省属|市属|区属|县属|据"
    # what the sentence does before the name (最终君乐宝乳业集团选择…, 根据公告, 依托上海电气与…, 探索地方政府与企业…)
    r"|最终|终于|根据|依据|依托|按照|探索)+"
)
# A name whose core is one of these (after the leading strip) is generic, not a party.
_GENERIC = re.compile(
    r"^(?:企业|平台|项目|合资|独资|全资|跨国|国际|行业|控股|子|母|投资|县级|市级|区级|省级|国有|民营|外资|龙头|知名|头部|上市|相关|有关|其他|各|多家|"
    r"[一二三四五六七八九十两几数\d]+家|省|市|县|区|镇|乡|街道|新|人民|本|该|其|我|贵|城投|农村|村|园区|地方)*"
    r"(?:集团股份有限公司|集团有限公司|股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|股份|政府|人民政府|管委会|"
    r"管理委员会|开发区|高新区|经开区|银行|基金|大学|学院|研究院|研究所|企业)$"
)
# A bare level government (区人民政府, 县政府) names the article's own place: the
# fuller name the article gives elsewhere (梁园区人民政府) stands for it.
_BARE_GOVERNMENT = re.compile(r"^[省市县区镇乡]?(?:人民政府|政府|管委会)$")
# The same, once organisation() has made 人民政府 政府 (the grouping keys are in that form).
# Words that open a clause of signing or cooperation.
_SIGNING = re.compile(r"签订|签署|签约|签下|协议|备忘录|携手|共建|合资|合作")
# Words of a sentence about an investment: a company named in one is a party.  So is a company
# that itself starts production (大众汽车(安徽)有限公司已于近日正式投产…, 中粮可口可乐饮料(贵州)有限公司
# (下称“中粮可口可乐贵州厂”)正式宣布投产): its plant is its investment.
_INVESTMENT = re.compile(
    r"签|协议|合作|携手|共建|合资|仪式|项目|投资|落户|入驻|引进|建设|基地|工厂|产业园"
    r"|公司(?:[((][^()（）]{1,20}[))])?(?:已于?|于)?(?:近日|日前|[\d年月日号]{2,11})?(?:正式|顺利|全面)?(?:宣布)?"
    r"(?:投产|试生产|量产)"
)
# After a name: it invests (X投资, X拟投资5亿元, X投资建设) or settles (X落户).
_INVESTS_AFTER = re.compile(
    r"(?:[(（][^)）]{0,20}[)）])?(?:将|拟|计划|准备|预计|总|已|共|先期|再|追加|正式)?(?:投资|出资|斥资|投建|建设|打造|落户|入驻|落地)"
)
# Before a name: it is the investor (由X投资建设, 投资主体为X, 投资方X).
_INVESTS_BEFORE = re.compile(r"(?:由|投资主体为|投资主体是|投资方为|投资方|引进|引入)$")
# After a company: it builds for someone else (承建, 中标, 施工).
_CONTRACTOR_AFTER = re.compile(r"(?:[^,,。;;]{0,4})(?:承建|中标|施工|总承包|设计|监理|建设者)")
# After a name: a person's title, so the name is that person's employer, not a party.
_TITLE_AFTER = re.compile(
    r"(?:党委|党组|董事会)?(?:常委|委员|书记|副书记|董事长|副董事长|总经理|副总经理|总裁|副总裁|执行总裁|联席总裁|全球执行副总裁|"
    r"董事|监事|经理|主任|副主任|局长|副局长|院长|副院长|校长|副校长|负责人|相关负责人|有关负责人|总监|财务总监|投资总监|"
    r"总工程师|部长|副部长|主席|副主席|区长|副区长|县长|副县长|市长|副市长|秘书长|首席|创始人|合伙人|CEO|总工|工作人员|员工|职工"
    r"|相关单位|相关人员|有关单位|人员|全体)"
)
# 在X举行: X is where the ceremony was held, not a party to it.
_VENUE_BEFORE = re.compile(r"在$")
_VENUE_AFTER = re.compile(r"(?:举行|举办|召开|隆重举行|顺利举行)")
# After 在 + a zone: the ceremony is held there or the investor builds there (the zone receives it).
# A town of the zone may stand between them, and a step of the project's may follow:
# 项目在常州高新区奔牛镇奠基, 于…在宜宾临港经开区注册成立.
_RECEIVES_AFTER = re.compile(
    r"(?:[\u4e00-\u9fff]{2,4}(?:镇|街道|乡))?(?:隆重|正式|顺利)?"
    r"(?:举行|举办|召开|投资|建设|落户|布局|奠基|开工|动工|投产|注册)"
)
# Before a zone: a project or company settles in it (正式落户宜宾临港经开区): the zone receives it.
_SETTLES_IN_BEFORE = re.compile(r"(?:落户|落地|入驻|签约落户)$")
# After a zone or a place: it holds the ceremony (庐江高新区举行…开工动员会).
# (隆重 written as a word of its own: an optional word in front would keep the engine from
# skipping to the characters these words start with, and the scan over every article is slow)
_ORGANISES_AFTER = re.compile(r"隆重(?:举行|举办|召开)|举行|举办|召开")
# A zone (经开区) is a party only as one side of the signing: 与X, X与, X签约.
_SIDE_BEFORE = re.compile(r"(?:与|和|同|携手)$")
_SIDE_AFTER = re.compile(r"(?:与|和|同|携手|签|管委会|管理委员会)")
# X(以下简称"Y"), X(简称Y), X(下称"Y"), X("Y"): Y is another name of X.
_ALIAS = re.compile(
    r"[((](?:以下简称|以下称|下称|简称|下同,?简称)?[:：]?[“\"「『]?(?P<alias>[^)）“”\"「」『』,,。]{2,16}?)[”\"」』]?[)）]"
)


@dataclass(frozen=True)
class Occurrence:
    """One place an organisation is named: its name as written, kind, offsets and what the text says of it."""

    name: str
    kind: str
    start: int
    end: int
    sentence: int
    invests: bool
    contractor: bool
    employer: bool  # named only as a person's employer (…董事长王某)
    signing: bool  # in a sentence of signing or cooperation
    investment: bool  # in a sentence about an investment (a project, a ceremony)
    aliased: bool = False  # the article gives it a short name: X(以下简称"Y")
    receives: bool = False  # a zone that holds the ceremony or where the project is built or settles

    @property
    def qualifies(self) -> bool:
        """Whether this mention makes the organisation a party."""
        if self.employer and not self.aliased:
            return False
        if self.kind in _HOST_KINDS:
            # a zone receiving a project in a sentence about it hosts it (庐江高新区举行…项目开工动员会)
            return self.signing or self.invests or (self.receives and self.investment)
        return self.signing or self.invests or self.investment


@dataclass(frozen=True)
class PartyScan:
    """The parties of an article and every qualifying mention of them (for investor look-ups)."""

    parties: tuple[Party, ...]
    mentions: tuple[Occurrence, ...]
    # every folded name and alias → the party's name as written first
    canonical: dict[str, str]

    def party(self, name: str) -> Party | None:
        """The party a name (or its alias) stands for."""
        wanted = self.canonical.get(fold(name))
        return next((p for p in self.parties if p.name == wanted), None)


def find_parties(text: str, written: str, sentences: list[Sentence]) -> PartyScan:
    """The parties named in ``text`` (folded) / ``written`` (as written), offset for offset."""
    if not sentences:
        return PartyScan((), (), {})
    occurrences = _occurrences(text, written, sentences)
    unsuffixed = _unsuffixed(text, written, sentences, occurrences)
    if unsuffixed:
        occurrences = sorted(occurrences + unsuffixed, key=lambda o: o.start)
    aliases = _aliases(text, written, occurrences)
    by_name: dict[str, list[Occurrence]] = {}
    order: list[str] = []
    canonical: dict[str, str] = {}
    committees = _committees(occurrences)
    for occurrence in occurrences:
        written_key = fold(occurrence.name)
        full = aliases.get(written_key, occurrence.name)
        if occurrence.kind == "zone":
            full = committees.get(written_key, full)  # 厦门火炬高新区 of 厦门火炬高新区管委会: one host
        # one party per matching form: 紫光集团 and 紫光集团有限公司 are one
        key = organisation(full)
        canonical[written_key] = key
        canonical[fold(full)] = key
        if key not in by_name:
            by_name[key] = []
            order.append(key)
        by_name[key].append(occurrence)
    for alias, full in aliases.items():
        canonical.setdefault(alias, organisation(full))  # a short name never written with a suffix
    _resolve_bare_governments(order, by_name, canonical)
    parties: list[Party] = []
    mentions: list[Occurrence] = []
    same_as = {organisation(full): alias for alias, full in _alias_pairs(text, written, occurrences)}
    names: dict[str, str] = {}
    for key in order:
        if key not in by_name:
            continue
        found = by_name[key]
        qualifying = [o for o in found if o.qualifies]
        if not qualifying:
            continue
        # the fullest spelling the article gives (紫光集团有限公司 over 紫光集团), aliases aside
        aliased = [o.name for o in found if o.aliased]
        spellings = aliased or [o.name for o in found if fold(o.name) not in aliases] or [found[0].name]
        name = max(spellings, key=len)
        names[key] = name
        parties.append(Party(name, _role(found, occurrences), organisation(name), same_as.get(key)))
        mentions.extend(qualifying)
    canonical = {k: names[v] for k, v in canonical.items() if v in names}
    parties = _second_companies_are_partners(parties, mentions, text)
    return PartyScan(tuple(parties), tuple(sorted(mentions, key=lambda o: o.start)), canonical)


def _committees(occurrences: list[Occurrence]) -> dict[str, str]:
    """A zone's folded name → its committee's name as written, for the committees the article names."""
    found = {}
    for occurrence in occurrences:
        folded = fold(occurrence.name)
        for ending in ("管委会", "管理委员会"):
            if occurrence.kind == "government" and folded.endswith(ending) and len(folded) > len(ending) + 2:
                found[folded[: -len(ending)]] = occurrence.name
    return found


def _occurrences(text: str, written: str, sentences: list[Sentence]) -> list[Occurrence]:
    found: list[Occurrence] = []
    index = 0
    position = 0
    sentence_flags: dict[int, tuple[bool, bool]] = {}  # (signing, investment) of each sentence, found once
    # only sentences about an investment can name a party (Occurrence.qualifies): the rest is not scanned
    hot = _hot_spans(text, sentences)
    signed = _SIGNING.search(text) is not None
    candidates = (first for start, end in hot for first in _SUFFIX_START.finditer(text, start, end))
    for first in candidates:
        if first.start() < position:
            continue
        match = _SUFFIX.match(text, first.start())
        if match is None:
            continue
        end = match.end()
        # 开发区管委会, 集团有限公司 …: one name, however many suffixes follow each other
        while (more := _SUFFIX.match(text, end)) is not None and more.group() not in ("集团", "股份"):
            end = more.end()
        kind = _kind(text[match.start() : end])
        position = end
        if kind == "company" and _longer_name_follows(text, end):
            continue  # 中建七局投资有限公司, 中国电子集团控股有限公司: the later legal form ends the name
        while index + 1 < len(sentences) and sentences[index].end <= match.start():
            index += 1
        sentence = sentences[index]
        if index not in sentence_flags:
            sentence_flags[index] = (
                _SIGNING.search(text, sentence.start, sentence.end) is not None,
                _INVESTMENT.search(text, sentence.start, sentence.end) is not None,
            )
        flags = sentence_flags[index]
        start = _name_start(text, match.start(), max(sentence.start, match.start() - _MAX_NAME))
        if start is None:
            continue
        name = written[start:end]
        if _GENERIC.match(fold(name)) and not _BARE_GOVERNMENT.match(fold(name)):
            continue
        if len(fold(name)) < 3 or re.fullmatch(r"[A-Za-z0-9]{1,2}公司", fold(name)):
            continue  # (e公司讯: a news brand's byline)
        before = text[max(0, start - 2) : start]
        # a zone that holds the ceremony or where the investor builds receives the investment:
        # 签约仪式在宁乡高新区举行, 将在永州经开区投资建设, 庐江高新区举行…开工动员会
        received = _RECEIVES_AFTER.match(text, end) if _VENUE_BEFORE.search(before) else None
        if received is not None and not signed and received.group().endswith(("举行", "举办", "召开")):
            # the venue of a step's ceremony in an article that tells no signing (开工活动在长沙高新区
            # 举行, 试生产仪式在…经济技术开发区顺利举办): a place, no party (the zone that builds or
            # holds it, 项目在常州高新区奔牛镇奠基, 庐江高新区举行…开工动员会, still is)
            received = None
        receives = kind == "zone" and bool(
            received
            # (在X举行 is the venue, above; X举行 without 在 organises it)
            or (not _VENUE_BEFORE.search(before) and _ORGANISES_AFTER.match(text, end))
            # (a project settling in a zone, 落户/落地X, receives it where a signing is told, 签约落户,
            # or where a company settles, 时代吉利动力电池公司正式落户…; a project's step told alone,
            # 项目落地四川省盐亭县经开区, says where it is)
            or (
                _SETTLES_IN_BEFORE.search(text, max(0, start - 4), start)
                and (signed or _company_settles(text, sentence.start, start))
            )
        )
        if _VENUE_BEFORE.search(before) and _VENUE_AFTER.match(text, end) and not receives:
            continue  # 在县工信局举行: the venue
        if (
            kind in ("zone", "bureau")
            and not receives
            and not (_SIDE_BEFORE.search(before) or _SIDE_AFTER.match(text, end))
        ):
            continue  # 位于XX经开区, 绥安开发区的…项目: a place, not a side of the signing
        found.append(
            Occurrence(
                name=name,
                kind=kind,
                start=start,
                end=end,
                sentence=index,
                invests=bool(
                    _INVESTS_AFTER.match(text, end)
                    or _INVESTS_BEFORE.search(text, max(sentence.start, start - 6), start)
                ),
                contractor=kind == "company" and bool(_CONTRACTOR_AFTER.match(text, end)),
                employer=bool(_TITLE_AFTER.match(text, end)),
                signing=flags[0],
                investment=flags[1],
                aliased=_ALIAS.match(text, end) is not None and "简称" in text[end : end + 8],
                receives=receives,
            )
        )
    return found


# Organisations written without a suffix (宁德时代, 比亚迪, 深汕特别合作区) are found where the text
# says what they do: the two sides of a signing (A与B…签约) and a listed company's announcement
# (隆基绿能(601012)1月17日晚间公告, 宁德时代发布公告称).
# Each is tried only where its literal word is (与, 公告, 举行: scanned for in C), anchored there.
_SIDE_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+$")  # the name characters just before 与 (up to 16)
_SIDE_B = re.compile(
    r"(?P<b>[\u4e00-\u9fffA-Za-z0-9]{2,16}?)"
    r"(?=正式|成功|顺利|共同|现场|完成|再次|就|在|于|签|达成|举行|举办|进行|战略合作|陆续|先后|已|一起|两大|双方|合作(?:打造|建设|投资|共建))"
)
# (同 is no joiner here: 同比, 同时, 共同 would make it one in every other sentence)
_SIDES_START = re.compile(r"与|携手")
_ANNOUNCES = re.compile(
    r"(?P<a>[\u4e00-\u9fffA-Za-z]{2,10}?)(?:[((]\d{6}(?:\.S[HZ])?[))])?(?:\d{1,2}月)?(?:\d{1,2}日)?"
    r"(?:上午|下午|晚间|早间|晚)?(?:在[\u4e00-\u9fff]{2,4})?(?:发布公告|发布消息|公告|宣布)"
)
_ANNOUNCES_START = re.compile(r"公告|宣布|发布消息")
# A place that holds a ceremony of signings or groundbreakings is their host (耒阳市举行…集中签约).
_ORGANISER = re.compile(r"(?P<a>[\u4e00-\u9fff]{2,12}?)(?:隆重)?(?:举行|举办|召开)")
# The ceremony a clause opening with a place holds (…签约活动在高新区举行, …开工典礼顺畅举办).
_OCCASION = re.compile(r"活动|仪式|典礼")
# Where a clause may open before an announcement: after punctuation, a space, a dateline's 讯/电.
_OPENING = re.compile(r"[,,。;;:：!?!?\n 讯电]")
_STEP = re.compile(r"签约|签署|签订|开工|竣工|投产|奠基")
# Before an unsuffixed name: a description of it, not the name (电动车生产商特斯拉).
_DESCRIBED_AS = re.compile(
    r".*(?:生产商|制造商|开发商|供应商|运营商|企业|巨头|龙头|公司|集团|记者|报道|消息|大会上|会上|此外|其中)"
)
# An unsuffixed name that is no organisation: pronouns, roles, the article's own place, time.
_NOT_AN_ORGANISATION = re.compile(
    r"^(?:我|该|本|双方|对方|各方|三方|甲方|乙方|公司|企业|项目|政府|记者|今年|去年|目前|当天|近日|日前|同时|此次|本次|这|其|并|还"
    r"|根据|依据|按照|依托)"
    # a time before 与 (是继去年与两江新区签约后): no side
    r"|(?:今年|去年|前年)$"
    r"|(?:项目|协议|合同|仪式|活动|大会|会议|论坛|工作|发展|建设|产业|领域|方面|深度|全面|研发|制造|生产|技术)$"
    # a person and the office held: 市委书记孙正东
    r"|书记|市长|县长|区长|省长|主任|董事长|总经理|总裁|部长|局长|会场"
    # a word alone (…与徐工集团工程机械有限公司合作签约仪式, 太蓝二期项目概况和…)
    r"|^(?:合作|科技|规划)$|^概况"
)
# After a side's name, before 与: adverbs, and 项目 before them where the project stands for
# its company (盼望已久的惠科项目终于与绵阳成功签约: 惠科 signs).  A bare X项目 before 与 is
# left whole (就…的文旅古镇项目与文安县政府签署: the project, no party).
_SIDE_TAIL = re.compile(r"(?:项目)?(?:终于|正式|已经|已|也|还|又|再次|成功|今天|今日|日前|近日)+$")
# After the sides: people sign for them (韩广杰与陈允璨分别代表双方签约), the sides are no organisations.
_ON_BEHALF = re.compile(r"分别代表|代表")
_ZONE_END = re.compile(r"(?:合作区|示范区|新区|高新区|经开区|开发区|园区|工业园|管委会|镇|乡|街道)$")


def _unsuffixed(text: str, written: str, sentences: list[Sentence], known: list[Occurrence]) -> list[Occurrence]:
    """Organisations named without a suffix as a side of a signing or as a company announcing."""
    taken = [(o.start, o.end) for o in known]
    found: list[Occurrence] = []
    starts = [s.start for s in sentences]

    def add(start: int, end: int, announces: bool) -> None:
        start = _unsuffixed_start(text, start, end)
        tail = _SIDE_TAIL.search(text, start, end)
        if tail is not None:
            end = tail.start()  # 惠科项目终于与绵阳成功签约: 惠科 signs
        name = written[start:end].strip()
        folded = fold(name)
        if len(folded) < 2 or len(folded) > 12 or _NOT_AN_ORGANISATION.search(folded) or _GENERIC.match(folded):
            return
        if any(s < end and start < e for s, e in taken):
            return  # part of an organisation found by its suffix
        host = _is_place(folded)
        if announces and (host or _named_officer(written, name)):
            return  # a place, or a person announcing (董贵波宣布…)
        index = bisect_right(starts, start) - 1
        taken.append((start, end))
        found.append(
            Occurrence(
                name=name,
                kind="government" if host else "company",
                start=start,
                end=end,
                sentence=max(index, 0),
                invests=announces,
                contractor=False,
                employer=False,
                signing=True,
                investment=True,
            )
        )

    signing: dict[int, bool] = {}  # per sentence: does it sign (searched once)

    def signs(index: int, pattern: re.Pattern[str]) -> bool:
        key = index * 2 + (pattern is _STEP)
        if key not in signing:
            sentence = sentences[index]
            signing[key] = pattern.search(text, sentence.start, sentence.end) is not None
        return signing[key]

    for joiner in _SIDES_START.finditer(text):
        index = bisect_right(starts, joiner.start()) - 1
        if index < 0 or not signs(index, _SIGNING):
            continue
        run = _SIDE_RUN.search(text, max(0, joiner.start() - 16), joiner.start())
        a_start = run.start() if run is not None else joiner.start()
        side = _SIDE_B.match(text, joiner.end())
        if joiner.start() - a_start < 2 or side is None:
            continue
        if industries.trades_joined(text, joiner.start(), joiner.end()):
            continue  # 亿纬锂能储能与动力电池项目签约仪式: two products of one project, no sides
        clause = _CLAUSE_END.search(text, side.end(), sentences[index].end)
        if _SIGNING.search(text, side.end(), clause.start() if clause else sentences[index].end) is None:
            continue
        if _ON_BEHALF.search(text, side.start(), side.end() + 4):
            continue  # people signing for the sides
        add(a_start, joiner.start(), False)
        add(side.start(), side.end(), False)
    for word in _ORGANISES_AFTER.finditer(text):
        index = bisect_right(starts, word.start()) - 1
        if index < 0 or not signs(index, _STEP):
            continue
        opening = _clause_opening(text, max(sentences[index].start, word.start() - 60), word.start())
        match = _ORGANISER.match(text, opening)
        if match is not None and match.end() == word.end() and _is_place(fold(match.group("a"))):
            add(match.start("a"), match.end("a"), False)
        elif _OCCASION.search(text, opening, word.start()):
            # 襄阳市2021年第二次重大项目集中开工、签约活动在高新区举行: the place the clause opens with
            place_end = _leading_place(text, opening, word.start())
            core = fold(text[opening:place_end]).rstrip("省市县区旗")[-2:]
            # (a place the article's parties already name, 湖北随州 and 随州市, is named once)
            if place_end - opening >= 2 and not any(core in fold(o.name) for o in [*known, *found]):
                add(opening, place_end, False)
    for word in _ANNOUNCES_START.finditer(text):
        floor = max(0, word.start() - 30)
        opening = _clause_opening(text, floor, word.start())
        for at in (opening, *(o.end() for o in _OPENING.finditer(text, opening, word.start()))):
            match = _ANNOUNCES.match(text, at)
            if match is not None and match.end() >= word.end():
                add(match.start("a"), match.end("a"), True)
                break
    return found


# An office held, written right before its holder's name (浙江省政府副秘书长董贵波).
_OFFICE = r"(?:书记|市长|县长|区长|省长|主任|董事长|总经理|总裁|部长|局长|秘书长|主席|专员)"


def _named_officer(written: str, name: str) -> bool:
    """Whether the text names ``name`` right after an office: a person, not a company (董贵波宣布…;
    tried only for a name found announcing, a few per article)."""
    return re.search(_OFFICE + re.escape(name), written) is not None


def _clause_opening(text: str, floor: int, position: int) -> int:
    """Where the clause holding ``position`` opens (not before ``floor``)."""
    opening = floor
    for brk in _CLAUSE_END.finditer(text, floor, position):
        opening = brk.end()
    return opening


_CLAUSE_END = re.compile(r"[,,;;。!?!?\n]")


def _unsuffixed_start(text: str, start: int, end: int) -> int:
    """Where an unsuffixed name starts: after cut words, leading chatter and a description of it."""
    for pattern in (_CUT, _CUT_PATTERNS):
        for match in pattern.finditer(text, start, end):
            start = max(start, match.end())
    described = _DESCRIBED_AS.match(text, start, end)
    if described is not None and described.end() < end - 1:
        start = described.end()
    leading = _LEADING.match(text, start, end)
    return leading.end() if leading and leading.end() < end - 1 else start


def _leading_place(text: str, start: int, end: int) -> int:
    """Where the places a clause opens with end (云南省元江县2026年… → after 元江县), ``start`` if none."""
    from monitor.events.places import gazetteer  # the gazetteer loads once, on first use

    at = start
    for mention in gazetteer().mentions(text, start, end):
        if mention.start != at or (at == start and not mention.strong):
            break  # the first place must be named in full; a short name may follow it (云南省元江县)
        at = mention.end
        if text[at : at + 1] in _LEVEL_WORDS:
            at += 1
    return at


_LEVEL_WORDS = frozenset("省市县区旗")


def _is_place(name: str) -> bool:
    """Whether an unsuffixed name is a place or a zone (a host): 曲靖市, 宜宾, 深汕特别合作区."""
    from monitor.events.places import gazetteer  # the gazetteer loads once, on first use

    mentions = gazetteer().mentions(name)
    if any(m.start == 0 and m.end == len(name) for m in mentions):
        return True
    # (云南省元江县: the province, then the county's short name and its level)
    ends = {len(name), len(name) - 1 if name[-1:] in _LEVEL_WORDS else len(name)}
    return bool(_ZONE_END.search(name)) or (bool(mentions) and mentions[0].start == 0 and mentions[-1].end in ends)


# A brand opening a project's name, before what the project is: its place in brackets, its
# capacity or its phase (润马光能一期…项目, 国轩年产50GWH…项目, 中橡科技(元江)…项目).
_BRAND_OPENING = re.compile(r"(?P<a>[\u4e00-\u9fff]{2,10}?)(?=\([\u4e00-\u9fff]{2,4}\)|年产|[一二三四]期|第?[0-9])")
# what a name opening says of the project, not of who builds it (上海超级工厂一期, 产业园二期)
# What a brand before a place is written with (no digits, no punctuation: 蜂巢能源 of 蜂巢能源遂宁…).
_SPAN_OF_BRAND = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,10}")
_NOT_A_BRAND = re.compile(r"^年|^新建|^扩建|^续建|^改扩建|期|(?:工厂|基地|园|园区|项目|工程|中心|车间|城)$")


def brand_prefix(name: str) -> str | None:
    """The brand a project's name opens with, written without a suffix (``润马光能一期…项目`` → ``润马光能``).

    The brand stands before the project's place in brackets, its capacity
    (``年产``, a number) or its phase; a place after it is the project's,
    not the company's (``隆基股份丽江三期…`` → ``隆基股份``).  None when the
    name opens with a place (``厦门天马第6代…``: the brand may hold the place,
    宁德时代), a generic word, what the project is
    (``上海超级工厂一期``) or a trade (``单晶硅棒三期项目``: a brand named for its
    trade, 海辰储能, is not told from a description).
    """
    folded = fold(name)
    from monitor.events.places import gazetteer  # the gazetteer loads once, on first use

    match = _BRAND_OPENING.match(folded)
    if match is None:
        # a brand then the project's city or county (蜂巢能源遂宁动力锂离子电池项目, 中创新航江门基地)
        placed = gazetteer().mentions(folded, 0, min(len(folded), 14))
        if not placed or not 2 <= placed[0].start <= 10 or not _SPAN_OF_BRAND.fullmatch(folded, 0, placed[0].start):
            return None
        end = placed[0].end
    elif _NOT_A_BRAND.search(match.group("a")):
        return None
    else:
        end = match.end("a")
    mentions = gazetteer().mentions(folded, 0, end)
    if mentions and mentions[0].start == 0:
        return None  # a place then a brand (厦门天马) or a brand named for its place (宁德时代): not told apart
    bracket = folded[end : end + 1] == "("
    if bracket and not _is_place(folded[end + 1 : folded.index(")", end)]):
        return None  # 拉各斯阿布贾(快速)列车: a bracket after a brand holds the project's place
    for mention in mentions:
        if mention.end == end:
            end = mention.start  # the project's place after the brand: 隆基股份丽江 → 隆基股份
            break
    brand = folded[:end]
    if len(brand) < 2 or brand != name[:end]:
        return None  # (a name fold changed: too unusual to cut by offsets)
    if _is_place(brand) or _GENERIC.match(brand) or _NOT_AN_ORGANISATION.search(brand) or _NOT_A_BRAND.search(brand):
        return None
    if any(hit.sector for hit in industries.find_words(brand)):
        return None
    return brand


_LEGAL_FORM_AHEAD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{1,10}?(?P<form>股份有限公司|有限责任公司|有限公司|公司)")


def _longer_name_follows(text: str, end: int) -> bool:
    """Whether a legal form follows within a few name characters, with no word between that ends a name."""
    ahead = _LEGAL_FORM_AHEAD.match(text, end)
    if ahead is None:
        return False
    form = ahead.start("form")
    return _CUT.search(text, end, form) is None and _CUT_PATTERNS.search(text, end, form) is None


def _hot_spans(text: str, sentences: list[Sentence]) -> list[tuple[int, int]]:
    """The spans of the sentences with a word of investment, merged where they touch."""
    starts = [s.start for s in sentences]
    spans: list[tuple[int, int]] = []
    at = 0
    # after a hot sentence the scan goes on from its end: more words in it change nothing
    while (word := _INVESTMENT.search(text, at)) is not None:
        at = word.end()
        index = bisect_right(starts, word.start()) - 1
        if index < 0:
            continue
        sentence = sentences[index]
        if spans and sentence.start <= spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], max(spans[-1][1], sentence.end))
        else:
            spans.append((sentence.start, sentence.end))
        at = max(at, spans[-1][1])
    return spans


def _kind(suffix_text: str) -> str:
    last = None
    for match in _SUFFIX.finditer(suffix_text):
        last = match
    if last is None:  # 十一局: its lookbehind (中铁) is outside the suffix's own text
        return "company"
    kinds = [k for k, v in last.groupdict().items() if v]
    kind = kinds[0]
    # 开发区管委会: a zone's committee is its government
    return "government" if kind == "zone" and suffix_text.endswith(("管委会", "管理委员会")) else kind


def _company_settles(text: str, floor: int, position: int) -> bool:
    """Whether the clause before ``position`` has a company settling, not a project (公司正式落户 …)."""
    opening = max(floor, *(text.rfind(c, floor, position) + 1 for c in ",,;;"))
    before = text[opening:position]
    return "公司" in before and "项目" not in before


def _hyphened(before: str, after: str) -> bool:
    """Whether a hyphen between these characters joins two parts of a name (一汽-大众), not a range (18日-19日)."""
    return all(
        ("\u4e00" <= c <= "\u9fff" or (c.isascii() and c.isalpha())) and c not in "年月日号" for c in (before, after)
    )


def _name_start(text: str, suffix_start: int, floor: int) -> int | None:
    """Where the name ending at ``suffix_start`` begins, or None when the suffix stands alone."""
    i = suffix_start
    # (a hyphen joins two brands in a company's name, 一汽-大众; before a university or a zone it
    # joins two organisations: 上海医药-沈阳药科大学)
    company = text.startswith(("有限公司", "股份有限公司", "有限责任公司", "公司", "集团"), suffix_start)
    while i > floor:
        ch = text[i - 1]
        if "\u4e00" <= ch <= "\u9fff" or ch in _NAME_OTHER:
            i -= 1
            continue
        if ch == "-" and company and i - 2 > floor and _hyphened(text[i - 2], text[i : i + 1]):
            i -= 1  # two brands joined in one company's name: 中国一汽-大众汽车有限公司
            continue
        if ch in ")）":
            # a short bracketed place or group marker belongs to the name: 中交四航(武汉)供应链
            opening = max(text.rfind("(", floor, i - 1), text.rfind("（", floor, i - 1))
            inner = text[opening + 1 : i - 1] if opening >= 0 else ""
            if opening >= 0 and 1 <= len(inner) <= 8 and all("\u4e00" <= c <= "\u9fff" for c in inner):
                i = opening
                continue
        break
    start = i
    for pattern in (_CUT, _CUT_PATTERNS):
        for match in pattern.finditer(text, i, suffix_start):
            start = max(start, match.end())
    leading = _LEADING.match(text, start, suffix_start)
    if leading:
        start = leading.end()
    # a bracket left open at the start belongs to the text before it
    while start < suffix_start and text[start] in ")）":
        start += 1
    return start if start < suffix_start else None


def _alias_pairs(text: str, written: str, occurrences: list[Occurrence]) -> list[tuple[str, str]]:
    """(alias, full name) for every ``X(以下简称"Y")`` right after an organisation."""
    pairs = []
    for occurrence in occurrences:
        match = _ALIAS.match(text, occurrence.end)
        if match is None:
            continue
        alias = written[match.start("alias") : match.end("alias")].strip()
        if not alias or _GENERIC.match(fold(alias)) or alias in ("公司", "本公司", "该公司", "集团"):
            continue
        # a bracket with a place or legal note is not an alias: (集团), (中国), (武汉)
        if len(alias) <= 2 and not re.search(r"简称|下称", text[match.start() : match.end()]):
            continue
        if not re.search(r"简称|下称|以下称", text[match.start() : match.end()]) and not re.match(
            r"[((][“\"「『]", text[match.start() : match.start() + 2]
        ):
            continue
        pairs.append((alias, occurrence.name))
    return pairs


def _aliases(text: str, written: str, occurrences: list[Occurrence]) -> dict[str, str]:
    """Folded alias → the full name it stands for."""
    return {fold(alias): full for alias, full in _alias_pairs(text, written, occurrences)}


def _resolve_bare_governments(
    order: list[str], by_name: dict[str, list[Occurrence]], canonical: dict[str, str]
) -> None:
    """Merge 县政府 / 区人民政府 into the article's fuller government of that level, when there is one."""
    for key in list(order):
        if not _BARE_GOVERNMENT.match(key):
            continue
        fuller = [
            other
            for other in order
            if other != key
            and other in by_name
            and not _BARE_GOVERNMENT.match(other)
            and other.endswith(key)
            and by_name[other][0].kind in _HOST_KINDS
        ]
        if fuller:
            target = fuller[0]
            by_name[target].extend(by_name.pop(key))
            for written_key, value in list(canonical.items()):
                if value == key:
                    canonical[written_key] = target
        elif len(key) <= 3 and key.endswith("政府"):
            # 区政府 with no fuller name: a pronoun for "our government", not a named party
            by_name.pop(key, None)


def _role(found: list[Occurrence], everything: list[Occurrence]) -> Role:
    kind = found[0].kind
    if kind in _HOST_KINDS:
        return "host"
    if kind in ("bank", "academic"):
        return "partner"
    if kind == "fund":
        return "investor"
    if any(o.contractor for o in found) and not any(o.invests for o in found):
        return "partner"
    return "investor"


def _second_companies_are_partners(parties: list[Party], mentions: list[Occurrence], text: str) -> list[Party]:
    """In ``A公司与B公司签署…`` with no government and no word that B invests, B is A's partner."""
    invested = {fold(m.name) for m in mentions if m.invests}
    result = list(parties)
    by_sentence: dict[int, list[Occurrence]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    for group in by_sentence.values():
        if any(m.kind in _HOST_KINDS for m in group):
            continue
        companies = [m for m in group if m.kind == "company"]
        if len(companies) < 2 or not _SIGNING.search(text, companies[0].end, companies[-1].start + 40):
            continue
        for later in companies[1:]:
            if fold(later.name) in invested:
                continue
            for i, party in enumerate(result):
                if party.name == later.name and party.role == "investor":
                    result[i] = Party(party.name, "partner", party.normalised, party.same_as)
    return result
