"""Signing triggers: where a sentence reports a signing, of what kind, by whom.

A trigger is the verb phrase of a signing (集中签约, 签约仪式, 云签约,
签订战略合作协议, 签约入驻 …), normalised to a kind.  Words before it in its
clause (将, 拟, 推进, 将于10月举行 …) or after it (在谈) make it ``planned``;
``在谈项目`` is a planned signing on its own.

Rules an analyst would state, and how they read here:

- A signing reported through what was signed is a signing: ``签约项目12个``
  (a count of projects signed), ``签约的3个项目``, ``此次签约的项目``,
  ``新签约项目5个``, ``签约金额``.  ``签约项目`` without a count names signed
  projects (a later mention, a tally) and is not one by itself; ``签约率``
  is a rate.
- A tally over a period (今年以来, 全年, 累计, 截至 …) is not an event.
- 签约 outside investment is not a signing event: a family doctor's
  ``签约服务``, a club signing a player.  A bare ``签约`` needs a word of
  investment, projects, firms or agreements in its sentence.
- A ceremony named as the setting (``签约仪式上,A与B签订…协议``) is where the
  sentence's signing happened, not the signing itself: the agreement is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.events.model import Status

_AGREEMENT = r"(?:战略合作框架|战略合作|合作框架|框架|合作|投资|招商|入园|项目投资|项目)?(?:协议书?|备忘录)"
_TRIGGER = re.compile(
    rf"(?P<agree>(?:签订|签署|签下|签定|共签|签)了?[^,,。;;]{{0,12}}?{_AGREEMENT})"
    r"|(?P<cloud>云签约|视频签约|在线签约|线上签约|网上签约)"
    r"|(?P<mass>集中签约|集体签约|签约仪式|签约大会|签约活动|签约会|签约暨)"
    r"|(?P<settle>签约(?:入驻|落户|落地|入园|进驻))"
    r"|(?P<talks>在谈(?:的)?[^,,。;;]{0,4}?项目)"
    r"|(?P<plain>(?<=[共上场天日次将拟])签约(?=项目)|签约(?=项目\d+个|项目[一二两三四五六七八九十]+个)"
    r"|签约(?=的[^,,。;;]{0,12}?项目)|签约(?!(?:总额|金额|额)的|项目|率|资金|企业|客商|主体|数|的|后|成功率|服务|居民|医生))"
)
# Kinds, most specific first, for the normalised name of a trigger.
_AGREEMENT_KINDS = (
    ("战略合作框架协议", "战略合作协议"),
    ("战略合作协议", "战略合作协议"),
    ("战略合作", "战略合作协议"),
    # a framework agreement is a form of cooperation agreement, as 战略合作框架 above
    ("合作框架", "合作协议"),
    ("框架", "合作协议"),
    ("投资", "投资协议"),
    ("招商", "投资协议"),
    ("项目", "投资协议"),
    ("备忘录", "合作备忘录"),
    ("合作", "合作协议"),
)
_PLANNED_BEFORE = re.compile(
    r"(?:将|拟|计划|准备|推进|推动|力争|争取|有望|即将|预计|待|还将|正在洽谈|洽谈|酝酿|筹备|希望|尚未|未|没有)"
)
_PLANNED_AFTER = re.compile(r"^[^,,。;;]{0,6}(?:在谈|意向|待签)")
# A date still to come anywhere earlier in the clause: 将于10月举行…集中签约活动
_FUTURE_IN_CLAUSE = re.compile(r"将于|拟于|定于|计划于|预计于|将在|即将|准备于")
# A tally over a period (今年以来共签约…, 累计签约…): not one signing
_TALLY = re.compile(r"以来|全年|累计|截至|截止|上半年|前三季度")
# Words that put 签约 outside investment (health care, sport, show business, jobs)
_NOT_INVESTMENT = re.compile(r"家庭医生|签约服务|签约居民|球员|外援|球星|主教练|俱乐部|艺人|主播|歌手|演员|毕业生")
# A bare 签约 needs one of these in its sentence to be an investment signing
_INVESTMENT_CONTEXT = re.compile(r"项目|企业|投资|协议|公司|集团|产业|招商|园区|基地|工厂|合作|亿元|万元")
# After a ceremony trigger: it is named as the setting (签约仪式上, 签约活动中)
_SETTING = re.compile(r"(?:仪式|活动|大会)?(?:上|中|现场|期间)")
_CLAUSE_START = re.compile(r"[,,;;。!?!?\n]")
# 上海证券交易所与宝山区政府签订…: two parties joined by 与/和/同
_PARTIES = re.compile(
    r"(?P<a>[^,,。;;、:“”\"《》()()\s]{2,30}?)(?:与|和|同|携手)"
    r"(?P<b>[^,,。;;、:“”\"《》()()\s与和]{2,30}?)"
    r"(?:正式|成功|现场|共同|顺利|在[^,,。]{1,12})?(?:签订|签署|签下|签约|签定)"
)
_LEADING_NOISE = re.compile(
    r"^(?:同日|当日|当天|同天|会上|会议上|现场|随后|此外|同时|另外|日前|近日|今天|昨天|此次|本次|"
    r"期间|活动中|仪式上|其中|还|并|又|也|正式|已经|已)+"
)
_TRAILING_NOISE = re.compile(r"(?:又|也|还|已|已经|再次|先后|分别)+$")
_PRONOUNS = frozenset({"我们", "我", "他们", "双方", "各方", "我区", "我市", "我县", "我省", "公司", "企业"})


# Kinds that announce a batch of projects rather than an agreement between named parties.
BATCH_KINDS = frozenset({"集中签约", "签约仪式", "云签约", "签约"})


@dataclass(frozen=True)
class Trigger:
    """A signing found in text."""

    kind: str
    status: Status
    start: int
    end: int
    setting: bool = False  # a ceremony named as where another signing happened

    @property
    def has_parties(self) -> bool:
        """Whether this kind of signing names its parties (an agreement, a settling-in)."""
        return self.kind not in BATCH_KINDS - {"签约"}


def find_triggers(text: str, start: int, end: int) -> list[Trigger]:
    """Signing triggers in ``text[start:end]``, one per distinct phrase."""
    found: list[Trigger] = []
    if text.find("签", start, end) < 0 and text.find("在谈", start, end) < 0:
        return found  # every trigger has 签 or 在谈: most sentences are settled by one scan
    if _NOT_INVESTMENT.search(text, start, end):
        return found
    for match in _TRIGGER.finditer(text, start, end):
        kind = _kind(match)
        if kind is None:
            continue
        if kind == "签约" and not match.group("talks") and not _INVESTMENT_CONTEXT.search(text, start, end):
            continue
        status = "planned" if match.group("talks") else _status(text, match.start(), match.end(), start)
        if status == "done" and _TALLY.search(text, _clause_start(text, start, match.start()), match.start()):
            continue
        setting = match.group("mass") is not None and _SETTING.match(text, match.end()) is not None
        found.append(Trigger(kind, status, match.start(), match.end(), setting))
    return found


def _clause_start(text: str, floor: int, position: int) -> int:
    clause_start = floor
    for brk in _CLAUSE_START.finditer(text, floor, position):
        clause_start = brk.end()
    return clause_start


def _kind(match: re.Match[str]) -> str | None:
    if match.group("agree"):
        phrase = match.group("agree")
        if "军令状" in phrase or "责任书" in phrase:
            return None
        for marker, kind in _AGREEMENT_KINDS:
            if marker in phrase:
                return kind
        return "协议"
    if match.group("cloud"):
        return "云签约"
    if match.group("mass"):
        phrase = match.group("mass")
        return "集中签约" if phrase in ("集中签约", "集体签约") else "签约仪式"
    if match.group("settle"):
        return match.group("settle")
    return "签约"


def _status(text: str, start: int, end: int, floor: int) -> Status:
    clause_start = _clause_start(text, floor, start)
    before = text[max(clause_start, start - 8) : start]
    if _PLANNED_BEFORE.search(before) or _FUTURE_IN_CLAUSE.search(text, clause_start, start):
        return "planned"
    if _PLANNED_AFTER.match(text[end : end + 10]):
        return "planned"
    return "done"


def find_parties(clause: str) -> tuple[str, ...]:
    """The named parties of a signing clause (``A与B签订…`` → (A, B)); pronouns dropped."""
    match = _PARTIES.search(clause)
    if not match:
        return ()
    parties = []
    for raw in (match.group("a"), match.group("b")):
        name = _TRAILING_NOISE.sub("", _LEADING_NOISE.sub("", raw))
        # a date or place phrase before the party: keep what follows it
        name = re.sub(r"^.*?(?:日|月|年|在[^与和]{1,10}?上)", "", name) if re.search(r"\d+[日月年]", name) else name
        if len(name) >= 2 and name not in _PRONOUNS and not re.search(r"\d|项目|亿|万元", name):
            parties.append(name)
    return tuple(parties)
