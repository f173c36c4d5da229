"""Is an amount an investment figure, and how many projects does it cover?

The nearest keyword before the amount in its clause decides (``总投资``,
``签约金额`` → investment; ``税收``, ``产值``, ``交易金额``, ``扶持`` → not;
``固定资产投资`` → only when a project in the sentence owns it, since a
region's fixed-asset investment is a statistic like GDP);
with none before it, a keyword right after it (``80亿元的投资``), and then a
signing of projects in the same sentence.  Everything else is not an
investment figure: an alert on a tax figure costs the analyst more than a
missed one.
"""

from __future__ import annotations

import re

from monitor.events.numerals import parse_number

# Longest alternatives first, so 交易金额 wins over 金额 and 总投资额 over 投资.
_NOT_INVESTMENT = (
    "交易金额|交易额|成交额|成交金额|税收|纳税|税额|产值|营业收入|营收|收入|销售额|利润|"
    "进出口额|进出口|出口额|出口|进口额|进口|GDP|生产总值|增加值|月薪|年薪|薪资|薪酬|工资|"
    "补贴|补助|扶持|奖励|奖补|资助|市场规模|经济规模|产业规模|规模|贷款|授信|融资|存款|"
    "保费|预算|财政|票房|消费|零售额|估值|市值|注册资本|罚款|赔偿|捐赠|捐款|营业额|"
    "资金支持|支持资金|专项资金|基金|股份|股权"
)
_INVESTMENT = (
    "总投资额|总投资|投资总额|投资额|计划投资|协议投资|拟投资|签约金额|签约总额|签约额|"
    "合同金额|合同额|合同外资|实际利用外资|利用外资|引进资金|到位资金|工业性投入|投资|投入|"
    "项目金额"
)
# 固定资产投资 is a region's statistic (完成固定资产投资3860亿元) unless a project
# in the same sentence owns it (项目总投资5000万元,其中固定资产投资4200万元)
_KEYWORD = re.compile(rf"(?P<fixed>固定资产投资)|(?P<no>{_NOT_INVESTMENT})|(?P<yes>{_INVESTMENT})")
_CLAUSE_BREAK = re.compile(r"[,,;;。!?!?\n]")
_SIGNED_PROJECTS = re.compile(r"项目[^,,。;;]{0,12}签约|签约[^,,。;;]{0,6}项目|签约")

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


def is_investment(text: str, start: int, end: int, sentence_start: int) -> bool:
    """Decide whether the amount at ``text[start:end]`` is an investment figure."""
    clause_start = sentence_start
    for brk in _CLAUSE_BREAK.finditer(text, sentence_start, start):
        clause_start = brk.end()
    nearest: re.Match[str] | None = None
    for keyword in _KEYWORD.finditer(text, clause_start, start):
        nearest = keyword
    if nearest is not None:
        if nearest.group("fixed"):
            return "项目" in text[sentence_start : _sentence_end(text, end)]
        return nearest.group("yes") is not None
    clause_end = _CLAUSE_BREAK.search(text, end)
    stop = clause_end.start() if clause_end else len(text)
    following = _KEYWORD.search(text, end, min(stop, end + 12))
    if following is not None:
        if following.group("fixed"):
            return "项目" in text[sentence_start : _sentence_end(text, end)]
        return following.group("yes") is not None
    # 百亿级宝武十大项目 / 50亿元的上药超级工厂项目: an amount that sizes projects
    if re.match(r"^的?[^,,。;;]{0,8}项目", text[end:stop]):
        return True
    # 105个项目签约,金额276亿元 / 总投资80亿元的3个项目集中签约: a signing of projects
    sentence_end = _sentence_end(text, end)
    sentence = text[sentence_start:sentence_end]
    return bool(_SIGNED_PROJECTS.search(sentence)) and "项目" in sentence


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
