"""Stages: the steps of a project's life an article reports as done, with their dates.

Stage words, by stage (the longest form wins where they overlap):

- 开工 (construction started): 开工仪式, 集中开工, 正式开工, 开工建设, 开工奠基,
  奠基仪式, 破土动工, 动工, 动土, 开建, 开工, a project's 启动仪式/启动活动; ``开竣工``
  is 开工 and 竣工 both.
- 竣工 (completed; capping counts): 竣工, 封顶, 完工, 建设完成, 建成.
- 投产 (production started): 首台设备投产, 正式投产, 投产, 试生产, 试产, 量产,
  首批产品下线, 产品下线, 正式下线, 投入生产, 投入使用, 投入运营, 正式运营, 正式启用, 投用, 投运,
  产品(成功)点亮, 成功点亮, 点亮仪式 (a display line's first panels), 开业 (a plant opened).
  ``竣工投产`` and ``建成投产`` report both 竣工 and 投产.
- 达产 (full capacity): 全面达产, 全部达产, 实现达产, 达产.
- 落地 (company registered): 注册成立, 完成注册, 工商注册, 注册落地, 落地注册.
- 签约 comes from the extraction's done signing events; where a sentence has
  no signing event, from here: 签约仪式, 正式/成功/完成/集中/本次签约, 签订/签署
  …协议 or 合同, 协议签署 ending a clause, a clause ending in 签约.

A stage is reported only when it happened.  Not a stage:

- a plan or a hope: a word of the future earlier in its clause (将, 拟, 计划,
  预计, 力争, 争取, 有望, 即将, 确保, 尽快, 早日, 推动, 目标 …), or a date
  after the article's own (``于今年12月动工``, in an article of November);
  not 已将 (将 marking the object), 按计划 or 按照原定计划 (on schedule), nor
  计划总投资…元的 (the project's planned sum, describing it);
- a condition: ``投产后``, ``建成后``, ``达产后``;
- a progress statement or a tally: 加快推进, 开工以来, 开工率, 具备开工条件,
  今年以来 … 累计开工;
- another sense: 注册资本, 投产达效 (a campaign's name), 开工令.

The stage's date is the nearest date written before the stage word in its
sentence (else in the sentence, else the paragraph's dateline); ``今天``
and ``昨天`` count from the article's date.  Undated, it is None.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from monitor.events import dates as dating
from monitor.events.model import DateSpan
from monitor.events.segments import Sentence
from monitor.events.signing import MOST_PER_SENTENCE
from monitor.projects.model import Stage
from monitor.projects.wordscan import word_alternation

_STAGE = re.compile(
    r"(?P<both>开竣工)"
    # 竣工投产: completed (the formal word) and producing, both reported; 建成投产 is production
    r"|(?P<done>竣工投产)"
    r"|(?P<达产>全面达产|全部达产|实现达产|已达产|达产)"
    # (开始生产: A320系列飞机总装线在天津开始生产)
    r"|(?P<投产>开始生产|建成投产|首台设备投产|首台(?:套)?设备(?:顺利)?投产|正式投产|全面投产|实现投产|投产|试生产|试产|量产"
    r"|首批产品下线|产品下线|顺利下线|正式下线|下线仪式|投入生产|投入使用|投入运营|正式运营|正式启用|投用|正式投运|投运"
    # a display line's first panels lit: its production (首批产品成功点亮, 点亮仪式)
    r"|产品成功点亮|产品点亮|成功点亮|点亮仪式"
    # a furnace lit (高炉于4月13日成功点火, 池炉…顺利点火): a glass or steel line's production started
    r"|成功点火|顺利点火|点火仪式"
    # a plant opened (大陆马牌轮胎中国首家工厂正式在…开业, 新工厂开业暨量产典礼): its operation started
    r"|开业仪式|正式开业|开业)"
    # (落成: a building or park finished and opened, 楚能新能源全球总部…落成, 健康产业园落成仪式)
    r"|(?P<竣工>竣工验收|竣工|主体结构全面封顶|主体结构封顶|全面封顶|顺利封顶|封顶|完工|建设完成|建成|落成)"
    # (a project's 正式启动: 胰岛素原料药项目正式启动, its works begun; checked in find_stage_hits)
    r"|(?P<开工>开工仪式|集中开工|正式开工|开工建设|开工奠基|奠基仪式|破土动工|动工|动土|开建|开工|奠基|启动建设|建设启动"
    # (a project's 启动仪式 or 启动活动: 二期项目启动仪式, 四期项目启动活动, its works begun)
    r"|(?<=项目)正式启动|(?<=项目)启动(?:仪式|活动))"
    # the project company registered: 注册成立, 成立了XX公司, 设立XX公司, 合资公司…正式落户 (checked in
    # find_stage_hits); a project settled in a place (项目今年2月进驻, 项目落地四川省盐亭县经开区: read.py keeps
    # these only in an article that reports no signing, where they are the first step told)
    r"|(?P<落地>注册成立|完成注册|完成工商注册|工商注册|注册落地|落地注册|成立了|设立|正式落户|进驻|落地)"
    # 签约 where the extraction filed no signing event (read.py decides): an agreement signed
    r"|(?P<签约>签约仪式|(?:正式|成功|顺利|完成|集中|现场|本次|此次)签约"
    r"|(?:签订|签署|签定)了?[^,,。;;!?!?\n]{0,40}?(?:协议|合同|项目)|签约(?=[,,。;;!?!?\n])"
    # the agreement, then its signing (…项目投资协议签署, a headline's 投资协议签署)
    r"|(?:协议|合同)(?:正式|顺利)?(?:签署|签订)(?=[,,。;;!?!?\n]|$))"
)
# Where a stage word may start: the first two characters of each of _STAGE's words, all
# literals, so the regex engine scans for them in C (grouped by first character:
# monitor.projects.wordscan); _STAGE is then tried only there.
_STAGE_START = word_alternation(
    [
        "开竣",
        "全面",
        "全部",
        "实现",
        "已达",
        "达产",
        "竣工",
        "建成",
        "落成",
        "首台",
        "正式",
        "投产",
        "试生",
        "试产",
        "量产",
        "首批",
        "投入",
        "投用",
        "主体",
        "顺利",
        "封顶",
        "完工",
        "开工",
        "集中",
        "开建",
        "破土",
        "动工",
        "动土",
        "奠基",
        "注册",
        "完成",
        "工商",
        "落地",
        "产品下",
        "产品成",
        "产品点",
        "成功点",
        "点亮",
        "点火",
        "下线",
        "投运",
        "签约",
        "成功签",
        "现场签",
        "本次签",
        "此次签",
        "签订",
        "签署",
        "签定",
        # (common words are scanned for with what follows them: 建设 alone is in every other sentence)
        "启动建",
        "启动仪",
        "启动活",
        "建设完",
        "开业",
        "协议签",
        "协议正",
        "协议顺",
        "合同签",
        "合同正",
        "合同顺",
        "建设启",
        "成立了",
        "开始生",
        "设立",
        "进驻",
    ]
)
# Right after a stage word: it is not a stage reached.
_NOT_AFTER = re.compile(
    r"后|以来|率|条件|手续|前|时间|目标|计划|节点|令|达效|期限|资本|地|资金|要求|准备|阶段|方案|许可|之日|当年|的|区|石|池"
    # a count of projects (开工建设70项): a tally, not one project's step
    r"|(?<!\d)\d+项(?!目)"
    # 开工项目, 签约金额: a category or a sum, not a step; 以工商注册登记为准: a rule for later
    r"|项目|金额|登记为准"
    # a count of plants (已建成四个基板玻璃生产基地): an investor's plants told together, not one's step
    r"|(?:[两二三四五六七八九十]|\d+)[个座家](?:[^,,。;;]{0,10}?)(?:基地|工厂)"
    r"|[^,,。;;]{0,4}?(?:以来|之后|后(?![来续期]))"
)
# Words earlier in the clause that make the stage a plan, a hope or a progress report.
_NOT_YET = re.compile(
    # (已将主体厂房封顶: 将 marks the object; 按计划, 按照原定计划完成封顶: done on schedule)
    # (the lookbehinds follow the literal, so the engine still scans for it)
    r"将(?<!已将)(?<!已经将)|拟|计划(?<!按计划)(?<!按照计划)(?<!原定计划)|预计|预期|力争|争取|有望|可望|即将|确保|尽快|早日|推动|推进|加快|加速|促进|督促|目标|待|准备|筹备"
    # (希望 in a company's name, 华西希望集团 and 新希望, is no hope)
    r"|希望(?!集团)(?<!新希望)"
    r"|尚未|未|没有|能否|要(?<![主重需]要)(?!求)|需|以便|早开工|早竣工|早投产|为.{0,8}奠定|前期(?!工程)|着力|争创|还将|年内"
    r"|月底|年底|月末|年末|近期|下一步|下阶段|今后|后续|及早|承诺"
)
# Before a stage word followed by 以来 or 后: 自/从 and a date, so the step is reported with its date
# (自去年12月开工以来, 自2024年7月正式开工建设以来, 自2023年年底正式奠基后), not a progress
# statement (开工以来) or a condition (投产后).
_DATED_SINCE = re.compile(
    r"[自从](?:[0-9]{2,4}年|去年|今年|前年)?(?:[0-9一二三四五六七八九十]{1,2}月(?:[0-9]{1,2}[日号])?(?:份)?|年?底|年?初)"
    r"(?:正式|顺利)?$"
)
# A year written right before a stage word (2020年建成的…工厂): the step dated, done that year.
_YEAR_JUST_BEFORE = re.compile(r"(?<!\d)\d{4}年(?:\d{1,2}月)?$")
# Entering a stage (进入试生产阶段) is reaching it.
_ENTERS = "进入"
_ALREADY = ("已", "已经")
# Between a time word of _NOT_YET and the stage word: it was done (于近期顺利动工).
_DONE_MARK = re.compile(r"已经|已|顺利|正式|成功")
_TIME_WORDS = frozenset(("近期", "年内", "月底", "年底", "月末", "年末"))
# A tally over a period: not one project's step.
_TALLY = re.compile(
    # 封顶以来 after a step is that step's report (the word itself is then no stage: _NOT_AFTER)
    # (以来 first, what stands before it checked after it: a pattern that opens with a lookbehind
    # is tried at every position, one that opens with a literal lets the engine skip to it)
    # (…以来最大/首个/规模最大: a superlative, 涪城建区以来最大工业项目, no tally)
    r"以来(?<!开工以来)(?<!封顶以来)(?<!竣工以来)(?<!投产以来)(?<!动工以来)(?<!建成以来)(?<!完工以来)(?<!开工建设以来)"
    r"(?!最|首|第一|规模最|单体)|全年|累计|截至(?!目前)|截止(?!目前)|上半年|下半年|前三季度|前\d+个月|(?<!\d)\d+[-—~至]\d+月|开工率|投产率|(?<!\d)\d+个项目已"
)
# (?<!\d) before a run of digits: tried only where a number starts, so a page of a million
# digits is read once, not once from every digit (the same matches: the run must end first).
_CLAUSE_BREAK = re.compile(r"[,,;;。!?!?\n]")
# Batches: a stage of many projects at once.
_BATCH = re.compile(
    r"集中开工|集中开竣工|集中竣工|集中投产|这些|一批|多个"
    # (三个子项目: one project's parts, no batch)
    r"|(?<!\d)\d+个(?:[^,,。;;项]{0,8})?(?<!子)项目|[一二三四五六七八九十百]+个(?:[^,,。;;项]{0,8})?(?<!子)项目"
)
_RELATIVE_DAY = re.compile(r"(今天|今日|当天|当日|昨天|昨日)")
# A dateline opens a paragraph: 中新社福州10月29日电, 资阳日报10月13日讯
_DATELINE = 30
_DATELINE_WORDS = re.compile(r"电|讯")


@dataclass(frozen=True)
class StageHit:
    """A stage word found in a sentence, reported as done."""

    stage: Stage
    start: int
    end: int
    sentence: int
    batch: bool


def find_stage_hits(text: str, sentences: list[Sentence], capped: list[int] | None = None) -> list[StageHit]:
    """Every stage the sentences report as done, in order.

    ``capped``, when given, gains the start of each sentence whose stage words
    past ``MOST_PER_SENTENCE`` were left unread (a hostile page, never news).
    """
    hits: list[StageHit] = []
    starts = [s.start for s in sentences]
    reached = 0
    planned = -1  # the sentence of the last stage word read as a plan
    read: Counter[int] = Counter()  # stage words read per sentence
    for first in _STAGE_START.finditer(text):  # where a stage word may start, then the words there
        if first.start() < reached:
            continue
        match = _STAGE.match(text, first.start())
        if match is None:
            continue
        reached = match.end()
        index = bisect_right(starts, match.start()) - 1
        if index < 0 or match.start() >= sentences[index].end:
            continue
        read[index] += 1
        if read[index] > MOST_PER_SENTENCE:
            if capped is not None and read[index] == MOST_PER_SENTENCE + 1:
                capped.append(sentences[index].start)  # said once a sentence: the extraction is flagged
            continue  # each word looks back over its sentence: a hostile endless one is read so far
        sentence = sentences[index]
        clause_start = _clause_start(text, sentence.start, match.start())
        after = _NOT_AFTER.match(text, match.end())
        if (
            after is not None
            and not match.group().startswith(("本次", "此次"))
            and not (after.group().endswith(("以来", "后")) and _DATED_SINCE.search(text, clause_start, match.start()))
            and not (after.group() == "阶段" and text.endswith(_ENTERS, clause_start, match.start()))
            # (5座主体已封顶的厂房: the plants capped already; 新落成的办公大楼 only describes; a celebration
            # is of a step taken: 庆祝双良40GW单晶硅项目一期20GW产能全面达产的活动)
            and not (
                after.group() == "的"
                and (
                    text.endswith(_ALREADY, clause_start, match.start())
                    # (即2020年建成的郑州海尔热水器互联工厂: the year it was done; a year to come is a plan, dropped
                    # by its date)
                    or (match.group() == "建成" and _YEAR_JUST_BEFORE.search(text, clause_start, match.start()))
                    or _CELEBRATES.search(text, clause_start, match.start())
                )
            )
            # (a project's 达产达效 is its capacity reached; 投产达效 stays a campaign's word)
            and not (after.group() == "达效" and match.lastgroup == "达产")
        ):
            continue  # (本次签约的XX项目 is a signing done; 自去年12月开工以来 dates the start; 进入试生产阶段)
        if not _registers(text, match, clause_start, sentence.end):
            continue  # 成立了工作专班, 项目正式落户: no company registered
        if _plan(text, clause_start, match.start()):
            planned = index
            continue
        if planned == index and not _DONE_MARK.search(text, clause_start, match.start()):
            continue  # 计划于三季度开工,明年二季度投产: the plan goes on in the next clause
        clause_end = _CLAUSE_BREAK.search(text, match.end(), sentence.end)
        named = match.lastgroup == "签约" and match.group().endswith(("项目", "协议", "合同"))
        if not named and _TALLY.search(text, sentence.start, clause_end.start() if clause_end else sentence.end):
            continue  # (…以来,陆续签订了XX项目: a tally, but of a named project's signing)
        batch = bool(_BATCH.search(text, sentence.start, sentence.end))
        kind = match.lastgroup
        stages: tuple[Stage, ...] = _KINDS.get(kind, (kind,))  # type: ignore[arg-type]
        for stage in stages:
            hits.append(StageHit(stage, match.start(), match.end(), index, batch or kind == "both"))
    return hits


def is_tally(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a sentence) tallies a period's steps (全年, 累计, 前10个月, 1—4月…)."""
    return _TALLY.search(text, start, end) is not None


_COMPANY = re.compile(r"公司")
# Earlier in a clause: a celebration, of a step taken.
_CELEBRATES = re.compile(r"庆祝|庆贺")
# After 设立: the company set up, named (设立江苏天赐高新材料有限公司; not 新设立公司, nor 投资设立,是…).
_SET_UP = re.compile(r"[^,,。;;]{2,30}?公司")
# After 落地: the place a project settles in (项目落地四川省盐亭县经开区), not another step (落地投产).
_SETTLES_IN = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:省|市|县|区|镇|乡|园)")


def _registers(text: str, match: re.Match[str], clause_start: int, sentence_end: int) -> bool:
    """Whether 成立了 names the company set up after it (成立了XX有限公司), and 正式落户 has a company,
    not a project, before it in its clause (合资公司…正式落户); other stage words pass."""
    if match.group() == "成立了":
        return _COMPANY.search(text, match.end(), min(sentence_end, match.end() + 30)) is not None
    if match.group() == "设立":
        return _SET_UP.match(text, match.end(), sentence_end) is not None
    if match.group() in ("进驻", "落地"):
        # a project's own settling: 项目 earlier in the clause (正威宝鸡项目今年2月进驻), and for
        # 落地 the place right after it; 签约落地 is the signing's word (签约 is read from it)
        before = text[clause_start : match.start()]
        if "项目" not in before or before.endswith("签约"):
            return False
        return match.group() == "进驻" or _SETTLES_IN.match(text, match.end(), sentence_end) is not None
    if match.group() == "正式落户":
        before = text[clause_start : match.start()]
        return "公司" in before and "项目" not in before
    return True


# Words that report two steps at once.
_KINDS: dict[str | None, tuple[Stage, ...]] = {"both": ("开工", "竣工"), "done": ("竣工", "投产")}


# After 计划/拟/预计: the project's planned sum describing it (计划总投资450亿元的…项目一期全线投产),
# not a plan of the step.
_PLANNED_SUM = re.compile(r"总?投资(?:额)?(?:约|达|超|近)?[\d.]+多?(?:亿|万)?(?:元|美元|欧元)(?:人民币)?的")


def _plan(text: str, clause_start: int, position: int) -> bool:
    """Whether a word earlier in the clause makes the stage word at ``position`` a plan or a hope."""
    for word in _NOT_YET.finditer(text, clause_start, position):
        if word.group() in ("计划", "拟", "预计") and _PLANNED_SUM.match(text, word.end(), position):
            continue
        if word.group() in _TIME_WORDS and (
            _DONE_MARK.search(text, word.end(), position) or text[word.start() - 1 : word.start()] in _DATE_BEFORE
        ):
            continue  # 于近期顺利动工: done; 4月底开工建设, 去年底投产: a date, not a plan
        return True
    return False


# Before 月底/年底, a month or year named: a date (4月底, 2022年底, 去年底).
_DATE_BEFORE = frozenset("0123456789一二三四五六七八九十去")


def _clause_start(text: str, floor: int, position: int) -> int:
    start = floor
    for brk in _CLAUSE_BREAK.finditer(text, floor, position):
        start = brk.end()
    return start


def stage_date(
    text: str,
    sentence: Sentence,
    paragraph_start: int,
    position: int,
    published: date | None,
    floor: int | None = None,
    hints: dict[int, int | None] | None = None,
) -> DateSpan | bool | None:
    """The date of the stage word at ``position``: a DateSpan, None when undated, False when it is yet to come.

    Dates are looked for from ``floor`` (the sentence's start, or the start
    of this clause when another stage was reported in an earlier one: that
    date is the other stage's) up to the stage word, nearest first; then
    after it in its clause; then a dateline opening the paragraph
    (新华网上海1月19日电).
    """
    low = sentence.start if floor is None else floor
    # a year written in the text only counts where the article has no date of its own
    # (``hints`` keeps each sentence's year across an article's stages: year_hint reads the whole text)
    hint = None
    if published is None:
        if hints is None:
            hint = dating.year_hint(text, sentence.start)
        elif sentence.start in hints:
            hint = hints[sentence.start]
        else:
            hint = hints[sentence.start] = dating.year_hint(text, sentence.start)
    # after the stage word, only its own clause: 正进行试生产…,一期项目预计8月全面完工 is another step's date
    clause_end = _CLAUSE_BREAK.search(text, position, sentence.end)
    after_end = clause_end.start() if clause_end else sentence.end
    mentions = dating.find_dates(text, low, position)[::-1] or dating.find_dates(text, position, after_end)
    if not mentions:
        relative = _RELATIVE_DAY.search(text, low, position)
        if relative is not None:
            return _relative_day(text, relative.group(1), relative.start(), published, hint)
        head = min(paragraph_start + _DATELINE, sentence.start)
        dateline = dating.find_dates(text, paragraph_start, head)
        mentions = [m for m in dateline if _DATELINE_WORDS.search(text, m.end, m.end + 3)][:1]
    for mention in mentions:
        span = dating.resolve(mention, published, hint, past=True)
        if span is None:
            continue
        # a date written with its year (or 今年/明年) that lies ahead: a plan, not a step taken
        if published is not None and mention.day is not None and span.earliest > published + timedelta(days=1):
            return False
        if published is not None and mention.day is None and span.earliest > published:
            return False
        return span
    return None


def _relative_day(text: str, word: str, at: int, published: date | None, hint: int | None) -> DateSpan | None:
    """今天/今日 is the article's day, 昨天/昨日 the day before; 当天/当日 the day last named before it."""
    if word in ("当天", "当日"):
        for mention in reversed(dating.find_dates(text, 0, at)):
            span = dating.resolve(mention, published, hint, past=True)
            if span is not None and span.is_day:
                return span
    if published is None:
        return None
    day = published - timedelta(days=1 if word in ("昨天", "昨日") else 0)
    return DateSpan(day, day)
