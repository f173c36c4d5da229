"""Project names: where an article names a project, and the key that names it across articles.

A project name ends in a word of its kind — ``项目``, ``工厂``, ``基地``,
``产业园`` (``上药超级工厂``, ``石化高性能弹性体项目``, ``XX智能制造基地``,
``莲花健康新区建设项目一期工程``) — and runs back to the nearest punctuation
(a ceremony's list ``1.XX项目 2.YY项目`` or ``XX项目、YY项目等`` gives one
name per item), then starts after the last word that cannot be inside a
name: ``的`` (``总投资60亿元的锂电池负极材料项目``), an amount, a date, a
verb of the event (签约, 开工, 建设 …), ``暨``.  A name that says nothing
of its own (``重大项目``, ``18个重点产业项目``, ``先进制造业项目``, ``一期项目``)
is no name.  Nor is a word of this kind inside an organisation's name
(``河南经高生物医药产业园有限公司``) or a team (``项目部``).

``project_key(name)`` is the form later articles are linked by; see its docstring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from monitor.projects import industries
from monitor.projects.normalise import fold, organisation
from monitor.projects.wordscan import word_alternation, words_of

# The word that ends a project's name, and a phase written after it (项目一期工程, 项目(二期)).
# A production line is named as a plant is (京东方绵阳6代柔性AMOLED生产线上月投产).
_SUFFIX = re.compile(
    r"(?:项目|工厂|基地|产业园|工业园|生产线)"
    r"(?:[((]?第?[一二三四五六七八九十\d]{1,2}期(?:工程|项目)?[))]?)?"
)
# What may follow the word when it is not a project's name: an organisation, a team, an office.
_NOT_A_NAME_AFTER = re.compile(
    r"(?:部|组|办|公司|有限|股份|管委|管理委员会|管理|集团|党|指挥部|建设指挥|服务|领导小组|推进|"
    # a park that hosts a promotion (云南绿色铝创新产业园招商推介会暨签约仪式): its host, not a project signed
    r"招商(?:推介|会|大会)|推介|"
    # a category counted (工业项目13个, 商贸服务业项目2个): no one project's name
    r"(?:共|达|有)?\d+(?:个|项)|(?:共|达|有)?[一二两三四五六七八九十]+(?:个|项))"
)
# Before a name in its clause: the name describes a goal or a place, not a project
# (打造世界一流的半导体产业基地, 位于兴义市义龙新材料产业园, 在XX基地举行).
# (位于该区鱼复工业园: 该 is a cut word, so the name starts after it)
_DESCRIBED = re.compile(r"(?:位于|坐落于|地处|入驻|落户于?|在)(?:该|本)?$")
# A batch's category, not a project: 第二次重大项目, 大连太平湾重大项目, “携手高新 共赢未来”重大招商项目,
# 东莞重大建设项目.
_CATEGORY_END = re.compile(r"(?:重大|重点)(?:招商|产业|工业|建设)?项目$")
# A description, not a name: 全球最大高效晶硅电池项目, 全球第一家海外超级工厂, 又一核心产业基地;
# a scale or a rank (“百亿级”新能源项目, 世界500强项目), an ordinal (第5座自建工厂, 首条…生产线).
_SUPERLATIVE_OPENING = re.compile(
    r"^(?:(?:全球|全国|世界|亚洲|国内|省内|全省|全市)(?:单体)?(?:最大|最先进|最早|第一|首个|首家|首座|唯一)|又一|另一"
    r"|[“\"]?[十百千万]亿级|(?:世界|中国|全球)500强"
    # a rank, also after the region it ranks in (重庆第二大汽车制造基地, 华南地区首座12英寸晶圆工厂)
    r"|[\u4e00-\u9fff]{0,4}?(?:第[\d一二三四五六七八九十]+[大座家条]|首[条座]))"
)
# A period's batch, not a project: 2020年二季度广西“双百双新”产业项目, 上半年…项目.
_PERIOD_OPENING = re.compile(r"(?:\d{4}年)?(?:[一二三四]季度|上半年|下半年)")
# An organisation's name and 项目 only: the organisation's project, no name of its own.
_ORGANISATION_PROJECT = re.compile(r"(?:公司|集团)项目$")
# A place, then "one more" (南京又一百亿项目奠基开工): a description as 又一… is, the place in front.
_PLACE_ONE_MORE = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:又一|另一)")
# Just before a name's start (a cut word): a rank or "one … of", so a description (是…在中国的第一个轮胎生产基地,
# 设立的一个重要项目) or one more of a kind (长沙新能源汽车产业再添一整车项目); the cut leaves the rest,
# which would read as a name.
_RANKED_BEFORE = re.compile(r"(?:(?:第[\d一二三四五六七八九十]+|首|一)个|[再又]添一?)$")
# A zone named by its place and its trade, not a project: 宜宾三江新区东部产业园, 扶风县新兴产业园.
_ZONE_END = re.compile(r"(?:产业园|产业基地|工业园)$")
# Before a 基地/工厂 once a project is named in the sentence: what that project builds, not another
# project (…项目,总投资130亿元,建设新一代储能锂电池生产基地和研发中心).
_BUILDS = re.compile(r"建设|新建|拟建")
# Earlier in a production line's clause: equipment a project buys, not a project (并引进全自动玻璃生产线).
_EQUIPPED = re.compile(r"引进|购置|配置|采购|安装")

# Earlier in the name's clause: a goal, not a project (将建成华中地区首个…产业园, 打造…基地).
_GOAL = re.compile(r"打造|建成(?!投产)|成为|定位为|作为|共建")
_SUPERLATIVE = re.compile(
    # (a scale: 第二个“百亿级”的光伏项目)
    r"(?:最[\u4e00-\u9fff]{1,3}|一流|重要|领先|知名|唯一|标杆|示范|国家级|全国|全球|世界|区域性|[十百千万]亿级[”\"]?)的?$"
)
# Characters a name is written with (quotes and brackets are handled apart).
# (the Han block is tested by its range, the rest by a set look-up: no regex call a character)
_NAME_OTHER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.·-/+%&")
_MAX_NAME = 60
# Words a name cannot contain: the name starts after one of them (the latest that
# leaves a name of its own).  和/及 stay: 防水卷材和防水涂料项目, 研发基地及芯片项目.
_CUT = word_alternation(
    words_of(
        # literals only (the regex engine then scans for their first characters in C);
        # the cut words with digits or a lookahead are _CUT_PATTERNS
        r"同意|的|了|之一|以下简称|简称|下称|为|是|即|在|于|由|将|把|被|向|从|对|与|同|等|该|此|这个|这一|本次|此次|其中|包括|位于|落户|入驻|作为|属于"
        r"|签约|签订|签署|签下|开工|动工|竣工|投产|启动|举行|举办|召开|宣布|标志着|标志著|意味着|意味著|随着|推进|加快|开展|完成|实现|参加|出席|参观|考察"
        r"|投资建设|计划投资|总投资|投资|打造|新建|引进|引入|共建|合作|合资|签约仪式|仪式|活动|上午|下午"
        r"|实施|紧盯|围绕|聚焦|推动|抓好|做好|确保|保障|跟踪|谋划|储备|包装|梳理|共有|共计|拥有|涉及|涵盖|覆盖|包含|还有|以及"
        r"|见证|目前|当前|现在|近日|日前|当天|当日|今天|昨天|今年|去年|明年|首家|首个|首批"
        # 签定 is a common miswriting of 签订; 同意/带动 are verbs; 所属/下属 open a subsidiary's project
        # (子公司太阳能科技公司所属镇江公司…项目); 我国 opens a dateline's sentence
        r"|签定|带动|所属|下属|我国|届时"
        # 就 opens what a party signs about (…管理有限公司就银河饮用水及饮料生产项目签约); 拟 and 投建
        # a plan's project (第一期拟投建年产…项目: the project after the verb); 相关/所签 describe
        # projects named elsewhere (储能相关项目, 所签项目); a reporter's walk (记者到项目) is no name
        r"|就|拟|投建|相关|所签|记者|跟随"
        # 而 (while) opens a new clause's subject (…签约仪式举行,而一汽-大众广东项目…), 设立 (set up)
        # what is set up; a venue (在主会场沈阳铁西亿纬锂能…项目工程现场召开) is no part of the name
        r"|而|主会场|分会场|设立"
        # a move's destination (把…工厂搬迁至新制造基地: 搬迁 alone is a name's word, 环保搬迁改造项目) and a
        # headline's "gains one more" (产业再添一整车项目, see _RANKED_BEFORE) describe a project, name none
        r"|搬迁至|迁至|再添一|又添一|再添|又添"
        # a visit, a report or a duty before a project is no part of its name (记者来到东盟李宁中心项目,
        # 报道再次提及华天科技项目, 铝业有限公司负责90万吨…项目, 向支持项目建设的各级各部门)
        r"|来到|看到|走进|提及|负责|支持"
        # a new round (绿色铝产业再签新项目) names none (助力 stays: 共享智能助力单车 is a product)
        r"|再签"
    )
)
_CUT_PATTERNS = re.compile(
    r"建设(?!项目|工程|工厂|基地|产业园)"
    # 系 (is) cuts, 系统 and 系列 are words of a name (鹏辉锂离子动力电池及系统项目)
    r"|系(?!统|列)"
    # a batch's category joined to a name is no part of it (四季度重大项目暨小河镇…整治项目)
    r"|(?:重大|重点)(?:招商|产业|工业)?项目暨"
    r"|\d+(?:\.\d+)?(?:亿|万|千)?(?:元|美元|欧元|英镑|日元|韩元|港元)|\d+(?:年|月|日|号)|\d+个|[一二两三四五六七八九十百千]+个"
    # lines counted (规划建设两条12吋…生产线): the count is no part of the line's name
    r"|(?<![第一二两三四五六七八九十\d])[一二两三四五六七八九十\d]+条"
)
# Words that say nothing of a project's own: a name of only these is generic.
_GENERIC_WORDS = word_alternation(
    words_of(
        # literals only, as _CUT, grouped by first character (monitor.projects.wordscan);
        # the generic words with digits or classes are _GENERIC_PATTERNS
        r"重大|重点|产业|签约|开工|竣工|投产|在建|新建|续建|新开工|工业|招商引资|引资|招商|基础设施|社会民生|民生|服务业|制造业|"
        r"先进|现代|亿元以上|以上|外资|内资|市级|省级|县级|区级|集中|其他|其余|部分|一批|首批|生态文明|科技创新|新型工业化|"
        r"新型城镇化|农业现代化|旅游产业化|发展|及|和|与|合作|投资|建设|该|此|本|这些|这个|各类|各|"
        r"年度|今年|全年|全市|全县|全区|全省|大|好|优质|龙头|标志性|示范|"
        r"配套|高质量|标杆|新|老|类|型|级|省|市|县|区|镇|乡|上述|相关|有关|同类|单个|每个|多个|若干|所有|全部|整个|现场|专项|政府|"
        r"固定资产|经营性|公益性|功能性|备案|在库|入库|审批|社会事业|体量|规模|大型|季度|上半年|下半年|春季|秋季|过亿元|超亿元|"
        r"亿元|千万元|研发|生产|制造|营销|运营|销售|加工|储备|谋划|策划|前期|后续|落地|签约的|项目|工厂|基地|产业园|工程|"
        r"产业链|上下游|协议|规划|一线|服务|"
        # a rank, no name (厦门市的代表项目, 基地型、龙头型、旗舰型项目)
        r"代表|代表性|旗舰|"
        # a scale, no name (荆州…保持了…百亿工业项目)
        r"十亿|百亿|千亿|"
        '(|)|（|）|“|”|"'
    )
)
_GENERIC_PATTERNS = re.compile(
    r"\d+个|[一二两三四五六七八九十百千]+个|第?[一二两三四五六七八九十\d]期|第[一二三四五六七八九十\d]+[批次]|[一二三四]季度"
)
# After 基地/工厂/产业园, the 项目 that ends a longer name: 郑州新能源动力生产基地动力电池项目
_LONGER_NAME = re.compile(r"(?:[((][\u4e00-\u9fff]{2,6}[))])?[\u4e00-\u9fffA-Za-z0-9]{0,12}?项目")
# A phase and its kind word after one space: the same name, broken by the page (工厂 二期工程项目).
_SPACED_PHASE = re.compile(r" 第?[一二三四五六七八九十\d]{1,2}期(?:工程)?(?:项目|工程)")
# Two names joined by one of these are two names: 电子信息产业园和文化产业园项目.
_JOINER = re.compile(r"[和及与、暨]|以及")
# Inside a name, a bracketed phase or short place is kept: 智慧工厂(一期)项目, 西部绿色能源科技(重庆)
_BRACKETED = re.compile(r"[((][\u4e00-\u9fffA-Za-z\d]{1,6}[))]")


@dataclass(frozen=True)
class NameSpan:
    """A project's name found in text (offsets in the prepared text)."""

    name: str
    start: int
    end: int


def find_names(text: str, written: str) -> list[NameSpan]:
    """Every project name in ``text`` (folded; ``written`` gives the name as written, offset for offset), in order."""
    found: list[NameSpan] = []
    position = 0
    while True:
        match = _SUFFIX.search(text, position)
        if match is None:
            break
        end = match.end()
        # 生产基地项目, 产业园项目: one name, however many of these words follow each other
        while (more := _SUFFIX.match(text, end)) is not None:
            end = more.end()
        # 通富微电南通工厂 二期工程项目: a phase after a stray space (a page's line break) is the name's
        spaced = _SPACED_PHASE.match(text, end)
        if spaced is not None:
            end = spaced.end()
        # 生产基地动力电池项目: a 项目 a few name characters on makes one longer name
        longer = _LONGER_NAME.match(text, end)
        if (
            longer is not None
            and not text.endswith("项目", 0, end)
            and match.group().startswith(("基地", "工厂", "产业园", "工业园"))
            and not _CUT.search(longer.group())
            and not _CUT_PATTERNS.search(longer.group())
            and not _JOINER.search(longer.group())
        ):
            end = longer.end()
        position = end
        if _NOT_A_NAME_AFTER.match(text, end):
            continue
        floor = 0
        if found:
            joined = _JOINER.match(text, found[-1].end)
            floor = joined.end() if joined else found[-1].end
        if text.startswith("项目", match.start()) and text[match.start() - 1 : match.start()] in _JOINED_BEFORE:
            continue  # 审计报告及项目, 洽谈会暨项目, 调度和项目: "and the projects", no name
        start = _name_start(text, match.start(), end, floor)
        if start is None:
            continue
        clause = max(text.rfind(c, 0, start) for c in ",,;;。\n")
        goal = _GOAL.search(text, clause + 1, start)
        if goal is not None and not _relative(text, goal.end(), start):
            continue  # 打造…基地, 打造…的XX基地 are goals; 合作打造的XX项目, 作为…之一的XX项目 name one
        name = text[start:end]
        if _CATEGORY_END.search(name) or _SUPERLATIVE_OPENING.match(name) or _PERIOD_OPENING.match(name):
            continue
        if _ORGANISATION_PROJECT.search(name):
            continue  # 山东创新集团有限公司和中铝…有限公司项目: whose project, not which
        placed_one_more = _PLACE_ONE_MORE.match(name)
        if placed_one_more is not None and _places_only(placed_one_more.group(1)):
            continue  # 南京又一百亿项目: one more of a place's projects, a headline's description
        if _RANKED_BEFORE.search(text, max(0, start - 4), start):
            continue
        if not text.endswith("项目", 0, end):
            # 位于XX产业园, 在XX基地举行: a place; 落户XX项目 is still a project
            placed = _DESCRIBED.search(text, max(0, start - 6), start) or text.startswith("区", end)
            zone = _ZONE_END.search(name) and (_LEADING_SETTING.match(name) or _places_only(name[:-3]))
            if placed or zone:
                continue
            # …项目,建设YY生产基地、ZZ工厂: what the project named before builds
            if found and _BUILDS.search(text, clause + 1, start) and not _named_before(name, found):
                continue
            if name.endswith("生产线") and _EQUIPPED.search(text, clause + 1, start):
                continue
        if text[start - 1 : start] == "的" and _SUPERLATIVE.search(text, max(0, start - 8), start):
            continue
        if found and start == found[-1].end + 1 and _joins(text, found[-1], end):
            # A项目暨B项目, X基地及Y项目: one project written with both its names
            found[-1] = NameSpan(written[found[-1].start : end], found[-1].start, end)
            continue
        found.append(NameSpan(written[start:end], start, end))
    return found


def _places_only(words: str) -> bool:
    """Whether ``words`` are place names and nothing else (云南曲靖 of 云南曲靖工业园: a zone, no project)."""
    from monitor.events.places import gazetteer  # the gazetteer loads once, on first use

    found = gazetteer().mentions(words)
    return bool(found) and sum(m.end - m.start for m in found) == len(words)


def _relative(text: str, after_goal: int, start: int) -> bool:
    """Whether the goal word before a name opens a relative clause (打造的, 作为…之一的), not a goal."""
    return text.startswith("的", after_goal) or "之一的" in text[after_goal:start]


def _named_before(name: str, found: list[NameSpan]) -> bool:
    """Whether ``name`` (folded) is a project already named (建设…的XX产业园 after the title's XX产业园一期)."""
    key = without_setting(project_key(name))
    return any(key in without_setting(project_key(fold(span.name))) for span in found)


# Before 项目, these leave it no name of its own.
_JOINED_BEFORE = frozenset("及和与暨、")


def _joins(text: str, previous: NameSpan, end: int) -> bool:
    """Whether the name ending at ``end`` continues ``previous`` (暨 after it; 及 after a 基地/工厂, before a 项目)."""
    joiner = text[previous.end]
    if joiner == "暨":
        return True
    return joiner == "及" and not text.endswith("项目", 0, previous.end) and text.endswith("项目", 0, end)


def _run_start(text: str, suffix_start: int, floor: int) -> int:
    floor = max(floor, suffix_start - _MAX_NAME)
    i = suffix_start
    while i > floor:
        ch = text[i - 1]
        if "\u4e00" <= ch <= "\u9fff" or ch in _NAME_OTHER:
            i -= 1
            continue
        if ch in ",，" and text[i - 2 : i - 1].isdigit() and text[i : i + 3].isdigit() and len(text[i : i + 3]) == 3:
            i -= 1  # a number's thousands (厦钨新能宁德70,000吨…项目): no break in the name
            continue
        if ch in ")）":
            opening = max(text.rfind("(", floor, i - 1), text.rfind("（", floor, i - 1))
            if opening >= 0 and _BRACKETED.fullmatch(text, opening, i):
                i = opening
                continue
        if ch in '”"':
            # a quoted brand inside the name: “花田酒溪·神农谷地”生态康养项目
            opening = max(text.rfind("“", floor, i - 1), text.rfind('"', floor, i - 1))
            if opening >= 0 and i - opening <= 20 and not re.search(r"[,，。;；、]", text[opening:i]):
                i = opening
                continue
        break
    return i


def _name_start(text: str, suffix_start: int, end: int, floor: int) -> int | None:
    """Where the name ending at ``end`` starts (not before ``floor``), or None when no name of its own is there."""
    start = _run_start(text, suffix_start, floor)
    # searched up to the name's end, so a lookahead sees the suffix (建设 before 项目 is no cut)
    run = start
    for pattern in (_CUT, _CUT_PATTERNS):
        for cut in pattern.finditer(text, run, end):
            if cut.end() <= suffix_start and not _coordinated(text, cut.start(), cut.end()):
                start = max(start, cut.end())
    return _trim(text, start, suffix_start) if _specific(text[start:end]) else None


def _coordinated(text: str, start: int, end: int) -> bool:
    """Whether the cut word at ``[start, end)`` is 与 joining two products of one name (储能与动力电池)."""
    return text[start:end] == "与" and industries.trades_joined(text, start, end)


def _trim(text: str, start: int, suffix_start: int) -> int:
    # a bracket or quote left open at the start belongs to the text before
    while start < suffix_start and text[start] in ")）”暨和及与、":
        start += 1
    # XX项目中YY项目: YY among XX's parts
    if text[start : start + 1] == "中" and text[max(0, start - 2) : start] in ("项目", "工程"):
        start += 1
    # 继XX项目…以来: "after", not the name's (继电器 stays)
    if text[start : start + 1] == "继" and text[start + 1 : start + 2] != "电":
        start += 1
    if text[start : start + 1] == "“" and "”" not in text[start:suffix_start]:
        start += 1
    return start


# A leading year, season or place says nothing of the project: 2015(春季)牡丹区招商项目, 银川市重点工业项目.
_LEADING_SETTING = re.compile(
    r"^(?:(?:19|20)\d{2}年?(?:[((][^))]{1,4}[))])?|[\u4e00-\u9fff]{1,6}?(?:省|市|县|区|州|新区|镇|乡))+"
)


def without_setting(key: str) -> str:
    """A key less a leading year or place (惠民县生活垃圾焚烧发电 → 生活垃圾焚烧发电), if enough is left."""
    core = _LEADING_SETTING.sub("", key)
    return core if len(core) >= 4 else key


def _specific(name: str) -> bool:
    """Whether a name says something of its own (two characters past a leading setting and the generic words)."""
    core = _LEADING_SETTING.sub("", name)
    return len(_GENERIC_WORDS.sub("", _GENERIC_PATTERNS.sub("", core))) >= 2


# Words that end a project's name but not its identity: 上药超级工厂 = 上药超级工厂项目.
_KEY_SUFFIX = re.compile(r"(?:项目|工程|建设|基地|工厂|产业园)$")
# A phase: kept in the key (一期 and 二期 are different projects), but wherever it is written.
_PHASE = re.compile(r"[((]?第?([一二三四五六七八九十\d]{1,2})期(?:工程|项目)?[))]?")
_PHASE_DIGITS = dict(zip("123456789", "一二三四五六七八九", strict=True))
# A bracketed place in a name is not its identity: 上海医药集团(本溪)北方药业
_BRACKETED_PLACE = re.compile(r"\([\u4e00-\u9fff]{1,4}\)")
# A key shorter than this once its investor is dropped keeps the investor (生产 says nothing).
_MIN_OWN_KEY = 4
# An investor written before the project: 河南中联天盛防水防腐材料有限公司年产…项目, 上汽集团郑州…基地
# (a company's full legal name first: 巨石集团成都有限公司年产… is 巨石集团成都有限公司's, not 巨石集团's)
_INVESTOR_PREFIX = re.compile(
    r"^[\u4e00-\u9fffA-Za-z0-9()]{2,30}?(?:集团股份有限公司|集团有限公司|股份有限公司|有限责任公司|有限公司)(?=.{2})"
    r"|^[\u4e00-\u9fffA-Za-z0-9()]{2,30}?集团(?=.{2})"
)


def investor_prefix(name: str) -> str | None:
    """The organisation a project's name opens with (``XX有限公司年产…项目`` → ``XX有限公司``), else None."""
    match = _INVESTOR_PREFIX.match(fold(name))
    if match is None:
        return None
    # the prefix as the name writes it: fold keeps lengths except for dropped quotes and spaces
    return name[: len(match.group())] if fold(name[: len(match.group())]) == match.group() else match.group()


@lru_cache(maxsize=8192)
def project_key(name: str, investor: str | None = None) -> str:
    """The key a project is linked by across articles.

    The name is folded (Simplified, half-width, no spaces or quotes, Latin in
    lower case); an investor written in front of it is dropped (the
    investor is matched on its own); the words that end a name but not its
    identity are stripped (项目, 工程, 建设, 基地, 工厂, 产业园, as often as
    they stack); a phase is kept, in one spelling, at the end.  When the
    investor is all that distinguishes the name (``XX集团生产基地``), its
    matching form stays in front.

    >>> project_key("上药超级工厂")
    '上药超级'
    >>> project_key("石化高性能弹性体项目")
    '石化高性能弹性体'
    >>> project_key("華晟20GW異質結專用單晶硅材料智慧工廠（一期）項目")
    '华晟20gw异质结专用单晶硅材料智慧一期'
    >>> project_key("华晟20GW异质结专用单晶硅材料智慧工厂一期项目")
    '华晟20gw异质结专用单晶硅材料智慧一期'
    >>> project_key("河南中联天盛防水防腐材料有限公司年产1500万平方米环保型防水卷材项目")
    '年产1500万平方米环保型防水卷材'
    >>> project_key("上汽集团郑州新能源动力生产基地动力电池项目", investor="上汽集团")
    '郑州新能源动力生产基地动力电池'
    >>> project_key("株洲高新电业集团有限公司生产基地项目")
    '株洲高新电业集团生产'
    """
    folded = fold(name).lower()
    owner = ""
    prefix = _INVESTOR_PREFIX.match(folded)
    if prefix:
        owner = prefix.group()
    elif investor:
        # the investor as written, or its matching form less 集团 (河北新发地集团 → 河北新发地智慧冷链物流园)
        # (a short brand stays: 紫光 of 紫光集团 is part of 紫光IC国际城)
        for form in (fold(investor).lower(), organisation(investor).lower().removesuffix("集团")):
            if len(form) >= _MIN_OWN_KEY and folded.startswith(form) and len(folded) > len(form) + 2:
                owner = form
                break
    key = _core(folded[len(owner) :])
    if owner and len(_PHASE.sub("", key)) < _MIN_OWN_KEY:
        # 株洲高新电业集团有限公司生产基地项目: without its investor the name says too little
        key = organisation(owner).lower() + key
    return key


def _core(name: str) -> str:
    """A folded name less its kind words, its phase moved to the end in one spelling."""
    phases = [_PHASE_DIGITS.get(p, p) for p in _PHASE.findall(name)]
    key = _BRACKETED_PLACE.sub("", _PHASE.sub("", name))
    while (stripped := _KEY_SUFFIX.sub("", key)) != key and len(stripped) >= 2:
        key = stripped
    return key + "".join(f"{p}期" for p in phases)
