"""What kind of money an amount is, and how many projects does it cover?

The nearest keyword before the amount in its clause decides the kind
(``总投资``, ``签约金额``, ``协议投资`` → agreed; ``合同引资`` → contracted;
``到位资金``, ``实际使用外资`` → arrived; ``计划投资``, ``预计投资`` → planned;
``授信`` → credit; ``奖补`` → subsidy; ``税收`` → tax; ``产值`` → output;
``交易额`` → transaction; ``进出口`` → trade; ``营业收入`` → revenue;
``研发投入`` → rnd; ``月薪`` → salary; ``完成投资``, ``基金``, ``注册资本`` →
other money; ``固定资产投资`` is agreed only when a project in the sentence
owns it, since a region's fixed-asset investment is a statistic like GDP).
With none before it, a keyword right after it (``80亿元的投资``), then a
project it sizes (``50亿元的…项目``) or a signing of projects in the same
sentence make it agreed; a sentence that opens with 其中 breaks the one before
down and has its money.  A signed or contract sum at a trade fair (贸易,
采购, 订单 in the sentence) is trade or a transaction.  Projects offered
(推出, 推介, 发布, 策划) or selected for a signing to come (预选, 优选, 筛选,
汇总) are planned; in an article whose total is contracted
(合同投资, 合同额, 项目合同) its breakdowns (投资额, 签约额, 平均投资额, size
classes) are contracted; money an article says is still to be invested (将, 拟,
计划, 预计 in the clause) is planned when the article tells of no signing, and a
plan (计划, 拟, 未来5年内) is planned whatever it signs.  Contracted money may
name its origin between 合同 and 资金 (合同利用市外资金); an industry's scale is
output with its field named between (4000亿级汽车产业, 千亿级集群); projects still
in talks (正在洽谈) or picked (挑选) are planned.  Everything else is
other money: an alert on a tax figure costs the analyst more than a missed one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from monitor.events.model import INVESTMENT_KINDS, AmountKind
from monitor.events.numerals import parse_number

# Each kind's words.  One alternation over all of them, longest first, so
# 交易金额 wins over 金额, 研发投入 over 投入 and 合同引资 over 引资.
_KIND_WORDS: dict[AmountKind, tuple[str, ...]] = {
    "agreed": (
        "总投资额", "总投资", "投资总额", "投资总金额", "投资额", "投资金额", "协议投资", "协议金额",
        "协议总金额", "协议总额", "协议资金", "投资及贸易总额", "投资及贸易总金额", "投资和贸易总额",
        "投资和贸易总金额", "计划投资和贸易总额", "投资贸易总额", "投资贸易额", "签约金额",
        "签约总额", "签约总金额", "签约额", "签约资金", "签约", "签下", "签订",
        "项目金额", "投资规模", "投资体量", "引资", "引进资金", "引进内资", "意向投资", "工业性投入",
        "投资", "投入", "斥资", "吸金", "招商规模", "招商总规模",
        # the scale of an investment named whole (投资总规模93.68亿元): 总规模 alone would read as 规模
        "投资总规模",
        # money put up, 出资, is what is invested (总出资587.7亿元, 协议出资总额191.4亿元)
        "出资", "总出资", "出资额", "出资总额", "协议出资", "协议出资总额",
    ),
    "planned": (
        "计划总投资", "计划投资", "年度计划投资", "计划完成投资", "预计投资", "预计总投资", "拟投资",
        "将投资", "拟投入", "计划投入", "投资计划", "安排投资", "考核目标", "目标任务", "招商任务",
        "任务目标", "全年目标", "年度目标", "签约目标", "招商目标", "引资目标",
        "招商引资任务", "引资任务", "当年总投资", "当年计划投资",
        "所需资金", "需资金", "共需资金", "资金需求", "年度投资", "年度计划", "拟引资", "计划引资", "拟引进",
        "拟引进资金", "计划引进", "分配任务", "下达任务", "总任务", "规划总投资", "规划投资", "计划出资", "拟出资",
        "估算总投资", "估算投资", "预估总投资", "预估投资",
        # a year's investment target (年度投资目标491.77亿元, 年投资目标270.89亿元)
        "投资目标", "年投资目标", "年度投资目标",
        # foreign money still to be put to use (拟利用外资10.6亿美元), not arrived
        "拟利用外资", "计划利用外资",
        # what signed projects are expected to invest (集中签约,预期总投资746.28亿元)
        "预期总投资", "预期投资",
    ),
    "arrived": (
        "到位资金", "资金到位", "实际到位", "到位", "实际到资", "到资", "实际使用外资", "实际利用外资",
        "利用外资", "使用外资", "实到外资", "实际使用", "利润再投资", "直接投资存量", "直接投资流量", "实到资金",
        "实际投资", "实际吸收外资", "吸收外资", "到位投资", "实际到位投资", "实际进资", "进资", "到账外资",
        "实际内联引资", "实际引资", "利用省外",
        # money actually put in (对华实际投入外资金额669.72亿美元): 投入 alone is agreed
        "实际投入",
        # the money a campaign has actually brought in (完成招商引资实物量85亿元)
        "实物量",
        # money put to use of any origin (实际利用内资, 实际利用港资, 项目利用内资807.1亿元)
        "实际利用", "利用内资",
        # a statistic's foreign direct investment (外商直接投资3257万美元) is money used, like 实际使用外资
        "外商直接投资",
    ),
    "contracted": (
        "合同引资", "合同引进", "合同外资", "合同利用外资", "协议外资", "合同投资", "合同金额", "合同额",
        "合同总投资", "合同总投资额", "合同投资额", "合同总额", "合同总金额", "合同资金", "协议利用外资",
    ),
    # (a bank's 信贷投入 is lending, though 投入 alone is agreed)
    "credit": ("授信", "融资", "贷款", "信贷", "放贷", "信贷资金", "信贷投入"),
    "subsidy": (
        "奖补", "补贴", "补助", "拨付", "扶持", "奖励", "资助", "衔接资金", "专项资金", "资金支持",
        "支持资金",
    ),
    "tax": (
        "纳税", "缴税", "税收", "税额", "创税", "利税", "税金", "一般公共预算收入", "财政收入", "财政总收入",
        "一般预算收入", "税收收入", "公共预算收入",
        # taxes named by what they tax (上缴各项税费, 年入库增值税和企业所得税)
        "税费", "增值税", "所得税",
    ),
    "output": (
        "产值", "产量", "GDP", "生产总值", "增加值", "产业规模", "经济规模", "集群规模", "产业集群",
        "产业链", "经济总量", "产业体量", "行业规模", "市场规模", "施工能力",
    ),
    "transaction": (
        "交易额", "交易金额", "成交额", "成交金额", "成交", "采购额", "采购金额", "采购", "订单", "大单",
        "购销", "购销协议", "购销协议金额", "购销合同", "交易合同", "交易合同额", "技术合同", "技术合同额",
        "采购贸易额", "采购贸易金额", "销售签约", "现场销售",
        # poverty-aid buying (实现消费帮扶62.13亿元, 鲁渝消费协作已实现3.96亿元): goods bought
        "消费帮扶", "消费协作",
    ),
    "trade": (
        "出口订单", "进口订单", "外贸", "进出口额", "进出口", "出口额", "出口", "进口额", "进口", "贸易额", "贸易总额",
    ),
    "revenue": (
        "应税销售", "新增销售", "开票销售", "开票收入",
        "销售总额", "营业收入", "营收", "销售收入", "主营业务收入", "营业额", "销售额", "收入",
    ),
    "rnd": ("研发投入", "研发费用", "研发经费", "研发支出"),
    "salary": (
        "工资", "起薪", "年薪", "月薪", "薪资", "薪酬", "月收入", "年收入", "人均收入", "劳务报酬",
        # a household's income per head (居民人均可支配收入), not a firm's revenue
        "可支配收入",
    ),
    "other_money": (
        "完成投资", "完成固定资产投资", "实际总投资", "承包工程", "承包工程合同额",
        "基金", "注册资本", "利润", "存款", "保费", "预算", "财政",
        "票房", "消费", "零售额", "估值", "市值", "罚款", "赔偿", "捐赠", "捐款", "捐助", "股份", "股权",
        "规模",
        # a shareholder's subscribed or paid-in capital is registered capital, not a project's investment
        "认缴出资", "实缴出资",
    ),
}  # fmt: skip
_KIND_OF: dict[str, AmountKind] = {word: kind for kind, words in _KIND_WORDS.items() for word in words}
_FIXED_ASSETS = "固定资产投资"
_Trie = dict[str, "_Trie"]


def _trie_pattern(words: list[str]) -> str:
    """One regex for ``words`` that matches the longest word at a position, as a trie.

    A flat alternation of some 200 words tries every word at every position; a trie
    tries one character class, then only the words that share the prefix.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: _Trie) -> str:
        # longer continuations first, the end of a word last: the longest word wins
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if "" in node:
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return pattern(trie)


_KEYWORD = re.compile(_trie_pattern([*_KIND_OF, _FIXED_ASSETS]))
# Words that name a signed or contracted sum without saying what was bought:
# in a sentence about trade (贸易; not 采购贸易, a fair's purchases) the sum is trade;
# in a paragraph about a fair's purchases (采购, 订单, 供应商, 进博会) or a fair that
# sells goods (展销会) it is a transaction.
_GENERIC_SUMS = frozenset(
    ("签约金额", "签约总额", "签约总金额", "签约额", "签约", "签下", "签订", "合同金额", "合同额")
)
# (贸易洽谈会, 投资贸易博览会 name a fair, not what was signed; 买家 buy goods)
_TRADE_CONTEXT = re.compile(r"(?<!投资)(?<!采购)贸易(?!洽谈|博览|交易会)")
_TRANSACTION_CONTEXT = re.compile(r"采购|订单|成交|供应商|买家|进博会|交易团|交易分团|展销")
# Projects of commerce are deals, not investment (商贸项目总签约额105亿美元) ...
_TRADED_PROJECTS = re.compile(r"商贸项目|贸易项目|贸易类项目")
# ... while projects signed (各方签约项目累计120个、金额103亿美元) are investment, at a fair of deals too.
_SIGNED_WITH_PROJECTS = re.compile(r"签约[^,,。;;]{0,4}项目")
# A fair's deals told in the sentence before a sum of sales: the sales are deals.
_FAIR_DEALS = re.compile(r"交易额|成交额|交易总额")
# Support money of financing agreements or a bank's is lent, not granted (…融资合作协议等6个金融项目,
# 支持资金52.3亿元).
_SUPPORT_WORDS = frozenset(("支持资金", "资金支持"))
_FINANCING = re.compile(r"融资|金融项目|信贷|贷款|银行")
# A signing of banks with firms (政银企对接, 银企签约, 授信): its signed sum is credit.
_BANK_CONTEXT = re.compile(r"银企|政银|银行业金融机构|银行机构|授信|融资对接")
# A size class (亿元以上项目) is in the money its sentence measures those projects in:
# the first money word written right before a number after it (…项目2399个,实际到位资金2383.3亿元).
_SIZE_CLASS_END = ("以上", "以下", "级")
_MONEY_BEFORE_NUMBER = re.compile(r"(?:资金|总额|金额|额|达到?|为|约|共|超过?|近)?[0-9零一二两三四五六七八九十百千]")
# A signing verb names no money of its own: what the amount sizes, when the text says (签订…11.86亿元的意向贷款协议).
_SIGNING_VERBS = frozenset(("签约", "签订", "签下"))
# A word that only sizes the keyword right before it (合同外资规模 is contracted investment).
_SUFFIX_WORDS = frozenset(("规模",))
# A keyword in brackets right after another, then the amount: a gloss of the first.
_GLOSSED = re.compile(r"[((][^()()]{1,8}[))]\s*(?:约|达|为)?[0-9零一二两三四五六七八九十百千]")


_BRACKETED = re.compile(r"[((][^()()]{1,8}[))]")


def _unsuffixed(keywords: list[re.Match[str]]) -> re.Match[str] | None:
    """The last keyword, or the one before it when the last only sizes it (产值规模 is output)."""
    if not keywords:
        return None
    last = keywords[-1]
    if last.group() in _SUFFIX_WORDS and len(keywords) > 1:
        between = last.string[keywords[-2].end() : last.start()]
        # (外商直接投资(FDI)规模: a gloss in brackets between)
        if not between or _BRACKETED.fullmatch(between):
            return keywords[-2]
    return last


# The noun an amount sizes, right after it (给予最高2000万元补贴, 100亿元的…投资基金): how far it may be.
_HEAD_WINDOW = 16
_ATTACHED = 5
# Projects offered to investors, not signed (推出1257个招商项目,总投资6.4万亿元): planned investment,
# unless a signing is named nearer to the amount.
# (推介, 发布 and 策划 projects are offered too; a 推介会 or 发布会 is only where.  Projects
# 征集, 上报 or 对接 are gathered for a fair, signed or not: no kind of their own.)
# (发布 offers projects to investors — 招商, 合作, 对接 projects — not a 重点项目清单, the year's plan.)
# (Projects selected or gathered for a coming signing — 预选, 优选, 筛选, 汇总 — are offered too:
# 初步预选对接项目82个,总投资额1887.8亿元; not 包装, which is as often a product as a verb.)
# (Projects picked, 挑选, are selected too; projects still in talks, 正在洽谈, 洽谈中, are not
# signed: 除了已经签约的项目,目前正在洽谈中的…项目,单个投资额就上百亿元.)
_OFFERED = re.compile(
    r"推出|推荐|推介(?!会)|预选|优选|筛选|挑选|汇总|发布(?!会)(?=[^,,。;;]{0,16}?(?:招商|合作|对接))|策划"
    r"|正在洽谈|洽谈中"
)
# Projects held in reserve (谋划储备项目600个,总投资达2000亿元) are not signed either; said of its own
# sentence (a later sentence's 推进50亿元以上重特大项目42个 are under way).  (谋划 alone is not: projects
# 谋划实施 or 谋划推动 under an agreement are its own, blind2026b p109, blind2026f f088.)
_RESERVED = re.compile(r"储备")
_SIGNED = re.compile(r"签约|签订|签署|签下")
# Foreign money to be used by projects just signed or contracted (已成功签约项目52项,利用外资5.15亿美元;
# 合同项目20项,利用外资2.09亿美元) is contracted, not yet arrived: 实际利用外资 says arrived.
_FOREIGN_USE = frozenset(("利用外资", "使用外资"))
_SIGNED_OR_CONTRACT_PROJECTS = re.compile(r"签约[^,,。;;]{0,4}项目|合同(?:外资)?项目")
# Investment already spent (完成产业投资634亿元): a statistic, not money agreed ...
# (累计固定资产投资达175.5亿元: what a project has spent so far, also a statistic)
_SPENT = re.compile(r"(?:完成|累计)[^,,。;;]{0,4}$")
# ... unless it is a target (力争…完成投资300亿元, 计划完成投资): planned.
_TARGET = re.compile(r"力争|计划|预计|确保|目标|将")
# 签订…合同 with no word for what was bought or invested: a contract for goods or services.
_INVESTED = re.compile(r"项目|投资|协议|落户")
# A region's fixed-asset investment is a statistic like GDP; a project's or a firm's is what it invests.
_OWNED_BY_PROJECT = re.compile(r"项目|企业|引进")
_REGION_WIDE = re.compile(r"全省|全市|全区|全县|全国")
_CLAUSE_BREAK = re.compile(r"[,,;;。!?!?\n]")
_SIGNED_PROJECTS = re.compile(r"项目[^,,。;;]{0,12}签约|签约[^,,。;;]{0,6}项目|签约|签订|签署|达成|落户")
_SIZES_PROJECTS = re.compile(r"的?[^,,。;;]{0,8}项目")
# A scale that sizes an industry (千亿级产业, 五百亿级产业规模), with its field named between too
# (4000亿级汽车产业, 千亿级集群, 千亿级新能源汽车产业集群, 千亿级中国食品名城, 千亿级经济总量):
# output, not money invested.  (百亿级产业项目 and 百亿级宝武十大项目 are projects.)
_SIZES_INDUSTRY = re.compile(r"级的?(?:[^,,。;;、\d“”]{0,6}?(?:产业|集群|名城|经济总量)(?![^,,。;;]{0,6}?项目)|规模)")
# A fair whose projects are contracts (合同项目, 签订…项目合同, 合同投资2712亿元) reports its
# breakdowns in the same money: 其中…签约额, 平均投资额, 投资额10亿元以上的项目 are contracted.
# (…项目合同书 names one document, a project's agreement, not the contracted class)
# (合同外资项目 are contract projects too: 149个合同外资项目签订,总投资达161.9亿美元)
_CONTRACT_PROJECTS = re.compile(r"合同(?:外资)?项目|项目合同(?!书)")
# (合同项目 alone is often one class beside 协议项目, or the last fair's: not a total.)
# (but 签订…正式合同项目692个, 签约合同项目1172个 is the fair's count of contracts.)
_CONTRACT_TOTAL = re.compile(
    r"项目合同|合同投资|合同总投资|合同额|合同总额|合同金额|(?:签订|签约|签署)[^,,。;;]{0,20}?合同项目"
)
# Contracted money named with the money's origin between (合同利用市外资金, 合同利用境内外资金,
# 合同境外省外资金额): no fixed word, so read right before the amount.
_CONTRACT_MONEY = re.compile(r"合同(?:利用)?[^,,。;;\d]{0,6}?资金(?:总?额)?(?:达到?|为|约|共)?$")
# How far after its start a size class may name the projects it classes (2000万元以上的正式合同项目).
_CLASSED_WINDOW = 24
_BREAKDOWN_WORDS = frozenset(
    ("", "投资额", "投资总额", "总投资额", "投资金额", "签约额", "签约总额", "签约金额", "签约总金额", "签约", "签订")
)
# ... unless the sentence names an agreement or an intent of its own (利用外资项目协议53个,总投资额…).
_NOT_CONTRACT = re.compile(r"协议|意向")
# Money still to be invested, said by its clause (将在2030年前投资100亿欧元, 总投资将超过140亿美元,
# 拟建…项目总投资): planned, when no signing in the article makes it an agreement's total
# (签署框架协议…预计一期投资70亿美元 is the agreement's figure).
_FUTURE = re.compile(r"将(?!近)|拟|计划|预计|未来")
# ... but a plan (计划在玉溪市投资300—500亿元, 计划一期投资1500万欧元, 拟在…投资) is planned money even
# when the article signs: the deal is described by its plan (a forecast, 预计一期投资70亿美元, is not).
# So is money spread over years ahead (在未来5年内投资310亿元, 未来10年内…在疆投资将达1600亿元以上).
_PLAN = re.compile(r"计划|拟|未来[^,,。;;]{0,3}年")
# A target (力争今年…协议投资总额达400亿元) is planned money whatever the article signs:
# no agreement's figure is said as an aim.
_AIM = re.compile(r"力争|争取")
# A target right after the amount names it (…7000亿元目标任务, …400亿元的年度目标): planned, whatever
# investment word before it says what the target counts.
_TARGET_HEAD = re.compile(r"目标|任务")
# A task (完成市分配任务25亿元) is planned money of the kind its sentence counts: an export's task is trade.
_TASK_WORDS = frozenset(("分配任务", "总任务"))
_SIGNING_IN_SENTENCE = re.compile(r"签约|签订|签署|签下|协议|协定")
# A sentence that breaks the one before it down (其中,VR产业项目291.15亿元): the same money.
_PART = re.compile(r"\s*其中")
# The plain words for a part's money (其中一期投资6亿元), which say no kind of their own.
_PART_WORDS = frozenset(("投资", "投资额"))  # (其中…总投资 is a sub-batch's own total)

# A count starts where its run of numerals starts, and never gives a numeral back:
# tried at every numeral of a long run, the search would be quadratic (a page of
# a million digits took minutes); the results are the same.
_COUNT = r"((?<!\d)\d++|(?<![一二两三四五六七八九十百千])[一二两三四五六七八九十百千]++)"
# 总投资80亿元的3个先进制造业和投资平台项目: projects written after the amount
_PROJECTS_AFTER = re.compile(rf"^[,,]?(?:的|、)?{_COUNT}(?:个|项|宗)[^,,。;;\d]{{0,24}}?项目")
# 100个产业项目…总投资额超500亿元 / 其中重大产业项目31个
_PROJECTS_BEFORE = re.compile(
    rf"{_COUNT}(?:个|项|宗)[^,,。;;\d个]{{0,16}}?项目|项目(?:共|达|有|计)?{_COUNT}(?:个|项|宗)"
)


def amount_kind(text: str, start: int, end: int, sentence_start: int) -> AmountKind:
    """The kind of money of the amount at ``text[start:end]`` (see the module doc)."""
    kind = _amount_kind(text, start, end, sentence_start)
    if kind == "agreed" and _AIM.search(text, sentence_start, start):
        return "planned"  # 力争今年工业项目引进协议投资总额达400亿元,其中50亿元或5亿美元以上工业项目2个
    return kind


def _amount_kind(text: str, start: int, end: int, sentence_start: int) -> AmountKind:
    clause_start = sentence_start
    for brk in _CLAUSE_BREAK.finditer(text, sentence_start, start):
        clause_start = brk.end()
    clause_end = _CLAUSE_BREAK.search(text, end)
    stop = clause_end.start() if clause_end else len(text)
    if _SIZES_INDUSTRY.match(text, end - 1):
        return "output"  # 三个五百亿级产业
    if _CONTRACT_MONEY.search(text, clause_start, start):
        return "contracted"  # 合同利用市外资金169.21亿元, 合同境外省外资金额2562亿元
    before = list(_KEYWORD.finditer(text, clause_start, start))
    nearest = _unsuffixed(before)
    if nearest is not None and len(before) > 1 and _GLOSSED.match(text, before[-2].end()):
        nearest = before[-2]  # 年可实现产值(营业收入)127亿元: the word in brackets glosses the one before it
    # the noun the amount sizes: the last keyword of the words right after it (…产业投资基金 is a fund)
    head = _unsuffixed(list(_KEYWORD.finditer(text, end, min(stop, end + _HEAD_WINDOW))))
    if nearest is None:
        # 亿元以上在建省外投资项目2399个,实际到位资金…: a size class, in its sentence's money
        if text.endswith(_SIZE_CLASS_END, start, end) and _SIZES_PROJECTS.match(text, end, stop):
            measured = _money_measured(text, end)
            # (money spent, 1至3月…完成投资63.59亿元, sizes no project: 20亿元以上项目36个 is their total)
            if measured is not None and measured != "other_money":
                return measured
        if head is not None:
            return _context(_kind_of(head, text, sentence_start, end), head.group(), text, sentence_start, start)
        # 百亿级宝武十大项目 / 50亿元的上药超级工厂项目: an amount that sizes projects
        if _SIZES_PROJECTS.match(text, end, stop):
            return _context("agreed", "", text, sentence_start, start)
        # 到位资金22.41亿元,其中省外资金8.42亿元: the sentence's money word carries over its clauses
        # (a signing verb does not: 就业签约率达到92%,平均起薪5800元)
        # (外商直接投资(FDI)规模创新高,达到33.61亿美元: 规模 sizes the word before it)
        earlier = _unsuffixed(
            [k for k in _KEYWORD.finditer(text, sentence_start, clause_start) if k.group() not in _SIGNING_VERBS]
        )
        if earlier is not None:
            kind = _context(_kind_of(earlier, text, sentence_start, end), earlier.group(), text, sentence_start, start)
            future = _FUTURE.search(text, clause_start, start)
            if kind == "agreed" and future and (not _signs(text) or _PLAN.search(text, clause_start, start)):
                return "planned"  # 第一阶段投资70亿美元,…但预计会超过70亿美元
            # 计划一期投资1500万欧元,二期增资至3000万欧元: the plan that named the money names its later clauses
            earlier_clause = sentence_start
            for brk in _CLAUSE_BREAK.finditer(text, sentence_start, earlier.start()):
                earlier_clause = brk.end()
            if kind == "agreed" and _PLAN.search(text, earlier_clause, earlier.start()):
                return "planned"
            return kind
        # 105个项目签约,金额276亿元 / 总投资80亿元的3个项目集中签约: a signing of projects
        sentence = text[sentence_start : _sentence_end(text, end)]
        # (a fair's 签约成果277个 are its signed deals and projects)
        signed = bool(_SIGNED_PROJECTS.search(sentence)) and ("项目" in sentence or "签约成果" in sentence)
        if signed:
            return _context("agreed", "", text, sentence_start, start)
        if _OFFERED.search(sentence) and "项目" in sentence:
            return "planned"  # 发布对接项目293个、金额431.56亿美元
        if _BANK_CONTEXT.search(text, text.rfind("\n", 0, start) + 1, start):
            return "credit"  # 各银行业金融机构与企业现场达成意向协议2.36亿元
        inherited = _kind_of_whole(text, sentence_start) or _kind_of_series(text, sentence_start)
        return _context(inherited, "", text, sentence_start, start) if inherited else "other_money"
    if nearest.group() in _PART_WORDS and _PART.match(text, clause_start):
        # 项目计划总投资23亿元,其中项目一期投资6亿元: a part of the whole its sentence named, in its money
        whole = None
        for keyword in _KEYWORD.finditer(text, sentence_start, clause_start):
            if keyword.group() not in _SIGNING_VERBS:
                whole = keyword
        if whole is not None:
            own = text[clause_start:start].replace(nearest.group(), "")
            whole_kind = _context(
                _kind_of(whole, text, sentence_start, end), whole.group(), text, sentence_start, start
            )
            if whole_kind == "agreed" and _FUTURE.search(own) and (not _signs(text) or _PLAN.search(own)):
                return "planned"  # 项目总投资500亿元,其中文化旅游主体地块投资将超过200亿元: the part is still to come
            # (…年产值24.97亿元,其中源发动力精密铸件项目投资4亿元: an investment is no part of an output,
            # a tax or a revenue; it is of a statistic, 完成固定资产投资86.5亿元,其中工业投资32亿元)
            if whole_kind in INVESTMENT_KINDS or whole_kind == "other_money":
                nearest = whole
    kind = _kind_of(nearest, text, sentence_start, end)
    if nearest.group() in _TASK_WORDS:
        counted = [
            _kind_of(k, text, sentence_start, end) for k in _KEYWORD.finditer(text, sentence_start, nearest.start())
        ]
        if counted and counted[-1] not in INVESTMENT_KINDS and counted[-1] != "other_money":
            return counted[-1]  # 全县完成外贸出口314万美元,占市分配任务1000万美元: the export's task
    if nearest.group() in ("签订", "签下") and head is None:
        # 签订了总额2亿元的技术服务合同: a contract, unless the sentence names an investment or projects;
        # at a fair's purchases (…签下1亿美元的意向合约) a deal
        if _TRANSACTION_CONTEXT.search(text, text.rfind("\n", 0, start) + 1, start):
            return "transaction"
        sentence = text[sentence_start : _sentence_end(text, end)]
        return kind if _INVESTED.search(sentence) else "transaction"
    if head is not None:
        head_kind = _kind_of(head, text, sentence_start, end)
        signing_verb = nearest.group() in _SIGNING_VERBS
        # 给予最高2000万元补贴: the money is the subsidy, whatever investment the clause names before it
        # (or whatever other money: 预算安排500万元专项资金 is a subsidy budgeted)
        # (but 年产值60亿元、年税收2.2亿元: after 、 the next item begins)
        attached = (
            (kind in INVESTMENT_KINDS or kind == "other_money")
            and head_kind not in INVESTMENT_KINDS
            and head.start() - end <= _ATTACHED
            and "、" not in text[end : head.start()]
        )
        if signing_verb or attached:
            return _context(head_kind, head.group(), text, sentence_start, start)
        # 完成全年到位资金7000亿元目标任务的68.09%: the money is the target, not the arrived (an output's
        # target, 实现产值200亿元年度目标, stays output)
        target = head_kind == "planned" and _TARGET_HEAD.search(head.group()) is not None
        if target and kind in INVESTMENT_KINDS and head.start() - end <= 1:
            return "planned"
    return _context(kind, nearest.group(), text, sentence_start, start)


def _money_measured(text: str, end: int) -> AmountKind | None:
    """The kind of the first money word written before a number in the rest of the sentence, or None."""
    stop = _sentence_end(text, end)
    for keyword in _KEYWORD.finditer(text, end, stop):
        if _MONEY_BEFORE_NUMBER.match(text, keyword.end()) and keyword.group() not in _SIGNING_VERBS:
            return _kind_of(keyword, text, end, stop)
    return None


def _kind_of_whole(text: str, sentence_start: int) -> AmountKind | None:
    """The money of the sentence before, when this one (其中,…) breaks it down; else None."""
    if not _PART.match(text, sentence_start) or sentence_start == 0:
        return None
    previous_start = max(text.rfind(mark, 0, sentence_start - 1) for mark in "。!?;!?;\n") + 1
    last = None
    for keyword in _KEYWORD.finditer(text, previous_start, sentence_start):
        last = keyword
    if last is not None:
        return _kind_of(last, text, previous_start, sentence_start)
    previous = text[previous_start:sentence_start]
    return "agreed" if _SIGNED_PROJECTS.search(previous) and "项目" in previous else None


# How many items back a series' money word may be (the items that name only a place).
_SERIES_ITEMS = 4


def _kind_of_series(text: str, sentence_start: int) -> AmountKind | None:
    """The money of the items before, when this sentence is the next item of a series after a ;; else None.

    开发区直接利用外资合同额9.32亿美元,增长1.7倍;保税区3.9亿美元;新技术产业园区1.21亿美元: each
    item after a semicolon names only its place, in the money the first item named.
    """
    start = sentence_start
    for _ in range(_SERIES_ITEMS):
        if start == 0 or text[start - 1] not in ";;":
            return None
        previous_start = max(text.rfind(mark, 0, start - 1) for mark in "。!?;!?;\n") + 1
        last = None
        for keyword in _KEYWORD.finditer(text, previous_start, start):
            if keyword.group() not in _SIGNING_VERBS:
                last = keyword
        if last is not None:
            return _kind_of(last, text, previous_start, start)
        start = previous_start
    return None


def _kind_of(keyword: re.Match[str], text: str, sentence_start: int, end: int) -> AmountKind:
    """The kind a keyword names; fixed-asset investment and investment already spent by their sentence."""
    word = keyword.group()
    spent = word in ("完成投资", "完成固定资产投资") or (
        word in ("投资", "投入") and _SPENT.search(text, max(0, keyword.start() - 6), keyword.start())
    )
    if spent:
        # 完成产业投资634亿元 is spent, a statistic; 力争…完成投资300亿元 is a target
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, sentence_start, keyword.start())]
        clause_start = breaks[-1] if breaks else sentence_start
        return "planned" if _TARGET.search(text, clause_start, keyword.start()) else "other_money"
    if word == _FIXED_ASSETS:
        sentence = text[sentence_start : _sentence_end(text, end)]
        owned = _OWNED_BY_PROJECT.search(sentence) and not _REGION_WIDE.search(sentence)
        # a project's 累计固定资产投资 is what it has spent so far
        spent_so_far = _SPENT.search(text, max(0, keyword.start() - 6), keyword.start())
        return "agreed" if owned and not spent_so_far else "other_money"
    return _KIND_OF[word]


def _context(kind: AmountKind, word: str, text: str, sentence_start: int, start: int) -> AmountKind:
    """The kind as the words around refine it: a trade fair's sums, projects offered, contract projects."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    if word in _GENERIC_SUMS and _BANK_CONTEXT.search(text, paragraph_start, start):
        return "credit"  # 银企现场签约,…签约金额达190.48亿元
    if word in _GENERIC_SUMS and _TRADED_PROJECTS.search(text, sentence_start, start):
        return "transaction"  # 商贸项目总签约额105亿美元
    signed_projects = word in _SIGNING_VERBS and _SIGNED_WITH_PROJECTS.search(text, sentence_start, start)
    if word in _GENERIC_SUMS and not signed_projects:
        if _TRADE_CONTEXT.search(text, sentence_start, start):
            return "trade"
        paragraph_end = text.find("\n", start)
        if _TRANSACTION_CONTEXT.search(text, paragraph_start, paragraph_end if paragraph_end >= 0 else len(text)):
            return "transaction"
    if word in _FOREIGN_USE and _SIGNED_OR_CONTRACT_PROJECTS.search(text, sentence_start, start):
        return "contracted"
    if word in _SUPPORT_WORDS and _FINANCING.search(text, sentence_start, start):
        return "credit"  # 签约…融资合作协议等6个金融项目,支持资金52.3亿元: a loan's support
    if kind == "revenue" and _FAIR_DEALS.search(text, sentence_start, start):
        return "transaction"  # 现场交易额3.88亿元,其中…线下销售总额1.48亿元
    if kind == "agreed":
        offered = _last(_OFFERED, text, paragraph_start, start)
        if offered >= 0 and offered > _last(_SIGNED, text, paragraph_start, start):
            return "planned"  # 推出1257个招商项目,总投资达6.4万亿元
        reserved = _last(_RESERVED, text, sentence_start, start)
        if reserved >= 0 and reserved > _last(_SIGNED, text, sentence_start, start):
            return "planned"  # 谋划储备项目600个,总投资达2000亿元
        if _CONTRACT_PROJECTS.search(text, sentence_start, start) or _classes_contracts(text, start):
            return "contracted"  # 合同项目31个,总投资219.54亿元; 签订利用外资项目合同103个,总投资额…
        if (
            word in _BREAKDOWN_WORDS
            and 0 <= _contract_total(text) < sentence_start
            and not _NOT_CONTRACT.search(text, sentence_start, start)
        ):
            return "contracted"  # 合同投资2712亿元。…项目平均投资额达38亿元
        if word and word not in _SIGNING_VERBS:
            clause_start = sentence_start
            for brk in _CLAUSE_BREAK.finditer(text, sentence_start, start):
                clause_start = brk.end()
            clause = text[clause_start:start]
            # only a money word before the amount, in its clause, is said in the future or not
            own = clause.replace(word, "")
            if word in clause and _FUTURE.search(own) and (not _signs(text) or _PLAN.search(own)):
                return "planned"  # 将在2030年前投资100亿欧元

    return kind


@lru_cache(maxsize=4)
def _signs(text: str) -> bool:
    """Whether the text tells of a signing or an agreement anywhere; once per text."""
    return _SIGNING_IN_SENTENCE.search(text) is not None


@lru_cache(maxsize=4)
def _contract_total(text: str) -> int:
    """Where the text first names a contracted total (合同项目, 合同投资 …), or -1; once per text.

    A contracted sum in a sentence that opens with 其中 is a part of another total, not the total.
    """
    for found in _CONTRACT_TOTAL.finditer(text):
        opening = max(text.rfind(mark, 0, found.start()) for mark in "。!?;!?;\n") + 1
        if not _PART.match(text, opening):
            return found.start()
    return -1


def _classes_contracts(text: str, start: int) -> bool:
    """Whether the amount at ``start`` sizes contract projects named after it in its clause (…以上的正式合同项目)."""
    clause_end = _CLAUSE_BREAK.search(text, start, start + _CLASSED_WINDOW)
    stop = clause_end.start() if clause_end else min(len(text), start + _CLASSED_WINDOW)
    return _CONTRACT_PROJECTS.search(text, start, stop) is not None


def _last(pattern: re.Pattern[str], text: str, begin: int, end: int) -> int:
    """Where the last match of ``pattern`` in ``text[begin:end]`` starts, or -1."""
    found = -1
    for match in pattern.finditer(text, begin, end):
        found = match.start()
    return found


def is_investment(text: str, start: int, end: int, sentence_start: int) -> bool:
    """Whether the amount at ``text[start:end]`` is an investment figure (its kind is an investment kind)."""
    return amount_kind(text, start, end, sentence_start) in INVESTMENT_KINDS


def _sentence_end(text: str, position: int) -> int:
    for i in range(position, len(text)):
        if text[i] in "。!?;!?;\n":
            return i
    return len(text)


def projects_for(text: str, start: int, end: int, sentence_start: int, floor: int) -> int | None:
    """The number of projects the amount refers to, or None.

    Looks right after the amount first (``…亿元的3个…项目``), then back to
    ``floor`` (the end of the previous amount, so one amount never takes
    another's count) within the sentence, and the sentence before when this
    one opens with the amount's own clause (``100个产业项目集中签约,总投资…``).
    """
    after = _PROJECTS_AFTER.match(text[end : end + 40])
    if after:
        return _count(after.group(1))
    window_start = max(sentence_start, floor)
    found: int | None = None
    for match in _PROJECTS_BEFORE.finditer(text, window_start, start):
        found = _count(match.group(1) or match.group(2))
    return found


def _count(number: str) -> int | None:
    value = parse_number(number)
    return int(value) if value is not None else None
