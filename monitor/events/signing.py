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
- Projects may be counted after the word for them (``签订合作项目111个``,
  ``达成合作项目57个``, ``对接签约数字经济项目421个``, ``洽谈签约项目超260个``):
  a fair's result.  ``洽谈签约`` is negotiated and signed, done; ``正在洽谈`` is not.
- Projects signed may be named rather than counted: as what was signed
  (``当天签订的…基地项目``), by their investment (``签订了投资300亿元的…项目``)
  or as a batch (``签订了一大批相关项目``).
- A tally over a period (今年以来, 全年, 累计, 截至 …) is not an event, unless
  its clause says it is this fair's (``截至目前,本届博览会共征集签约项目448个``).
- An intent to buy (``达成意向采购订单``, a 意向合约 in a sentence about deals)
  is trade, not an investment signing; so is a 签约 in a sentence of goods sold
  or ordered that names no project or investment (``农产品销售签约1.6亿元``).
- Not a signing told: a span measured from one (``从签约到开工仅用3天``), a
  signed total's share (``签约总额占…的40%``), and the signings of earlier
  fairs recounted in a paragraph on their progress (``前两届招商大会项目进展扎实``),
  and a signing told before taken as an occasion (``以此次签约为契机``).
- 签约 outside investment is not a signing event: a family doctor's
  ``签约服务``, a club signing a player.  A bare ``签约`` needs a word of
  investment, projects, firms or agreements in its sentence.
- A ceremony named as the setting (``签约仪式上,A与B签订…协议``) is where the
  sentence's signing happened, not the signing itself: the agreement is.
- An intent is its own status, ``intended``: ``意向签约``, ``意向签约额``,
  ``签订意向协议``, ``达成投资意向``.  It is neither a contract (done) nor a
  signing set for a day (planned).
- A company's board approving an agreement still to be signed is planned:
  ``董事会审议通过…同意公司与…签订``, ``公司拟与…人民政府…签订``, ``…协议的议案``.
- An agreement named by its title is a signing however long the title
  (``签订《…战略合作框架协议》``, ``再次签订《“十四五”合作协议》``); a motion's
  title (``《关于…签订…的议案》``) is not an agreement.  A firm's formal
  contract with a zone (``已与高新区签订正式合同``) is a signing too.
- This signing told by what it signed (``本次签约的德国欧颂公司``) or by its
  agreement (``协议的签订,既是…``) is the signing the article reports.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Final

from monitor.events.firstchars import FirstChars
from monitor.events.model import Status
from monitor.events.segments import Sentence

_AGREEMENT = (
    r"(?:(?:战略合作框架|战略合作|合作框架|框架|合作|投资|招商|入园|项目投资|项目)?(?:协议书?|协定|备忘录)"
    # a contract for projects or an investment (签订利用外资项目合同, 签署项目投资合同), not for goods;
    # a firm's formal contract with a zone (该企业已与高新区签订正式合同): a purchase names its goods
    # (正式合同项目692个 are projects counted, below)
    r"|(?:项目|投资)合同|正式合同(?!项目))"
)
_COUNT = r"(?:\d+|[一二两三四五六七八九十百]+)(?:个|项|宗)"
# How a count of signed projects may be introduced: 签约项目超260个, 项目累计120个, 项目达267个
_COUNT_LEAD = r"(?:共|达|有|计|累计|超过?|逾|近)?"
_TRIGGER = re.compile(
    # an intent, before the agreement forms that would read 签订意向协议 as a contract
    r"(?P<intent>意向签约|签约意向|(?:签订|签署|签下)了?[^,,。;;]{0,6}?意向|达成了?[^,,。;;]{0,8}?意向"
    r"|(?:签订|签署)了?[^,,。;;]{0,16}?意向[^,,。;;]{0,4}?(?:协议|书))"
    # an agreement named by its title, which may be long: 签订《…框架协议》
    # (or in quotes: 签署“第10.5代…建设项目合作框架协议”); a title in 《》 may hold quotes of its own
    # (再次签订《“十四五”合作协议》)
    r"|(?P<titled>(?:签订|签署|签下|签定|共签)了?[^,,。;;《“]{0,10}?"
    r"(?:《(?P<title>[^》\n]{1,120})》|“(?P<quoted>[^”\n]{1,120})”))"
    # (an agreement named by what it is about, with no 《》, may be long: 签订了关于建设资兴云轨产业制造基地的
    # 战略合作框架协议)
    rf"|(?P<agree>(?:签订|签署|签下|签定|共签|签|达成)了?(?:关于[^,,。;;]{{1,40}}?的|[^,,。;;]{{0,12}}?){_AGREEMENT})"
    # this signing told by what it signed (本次签约的德国欧颂公司, 此次签约的30个项目) or by the
    # agreement it made (协议的签订,既是…): a signing, the one the article reports (此次签约的8个项目
    # are counted below, a signing whatever else the article tells)
    r"|(?P<told>(?<=此次|本次|这次)签约(?=的)(?!的[^,,。;;]{0,12}?项目|的还有)|(?<=协议的)(?:签订|签署)(?![^,,。;;]{0,4}?(?:仪式|后|前)))"
    # an agreement left unnamed at the end of its clause: 公司拟与…中心签订,
    r"|(?P<bare>(?:签订|签署)(?=[,,。;;]))"
    # projects signed, counted: 签下7个项目, 签署78个合作项目, 将签署一批合作项目
    rf"|(?P<counted>(?:签订|签署|签下)了?[^,,。;;]{{0,4}}?(?:{_COUNT}|一批)[^,,。;;]{{0,8}}?项目"
    # …or counted after them: 签订国际、国内合作项目111个, 达成合作项目57个,
    # 签订投资额2000万元以上的正式合同项目692个
    rf"|(?:签订|签署|签下|达成)了?[^,,。;;]{{0,24}}?项目{_COUNT_LEAD}{_COUNT})"
    r"|(?P<cloud>云签约|视频签约|在线签约|线上签约|网上签约)"
    r"|(?P<mass>集中签约|集体签约|签约仪式|签署仪式|签字仪式|签约大会|签约活动|签约会|签约暨)"
    r"|(?P<settle>签约(?:入驻|落户|落地|入园|进驻))"
    r"|(?P<talks>在谈(?:的)?[^,,。;;]{0,4}?项目)"
    # projects signed, counted, the field named between: 对接签约数字经济项目421个, 洽谈签约项目超260个
    # projects signed, named as what was signed (当天签订的…基地项目), by their investment
    # (签订了投资300亿元的…项目合作协议) or as a batch (签订了一大批相关项目)
    r"|(?P<named>(?:签订|签署|签下)(?=的[^,,。;;]{0,40}?项目|了?(?:总?投资|一大?批)[^,,。;;]{0,30}?项目))"
    rf"|(?P<plain>(?<=[共上场天日次将拟])签约(?=项目)|签约(?=[^,,。;;]{{0,10}}?项目{_COUNT_LEAD}{_COUNT})"
    r"|签约(?=的[^,,。;;]{0,12}?项目|的还有)"
    # (a signed total's share, 签约总额占…的40%, is a breakdown, not a signing)
    r"|签约(?!(?:总额|金额|额)[的占]|项目|率|资金|企业|客商|主体|数|的|后|成功率|服务|居民|医生))"
)
# Every trigger begins with one of these (意向签约, 签…, 达成, 共签, 云签约, 视频/在线/线上/网上签约,
# 集中签约, 在谈): _TRIGGER opens with groups, which the engine tries at every position of a
# sentence; it is tried only here (monitor.events.firstchars).
_TRIGGER_SCAN = FirstChars(_TRIGGER, "[意签达共云视在线网集]")
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
    r"(?:将|拟|计划|准备|推进|推动|力争|争取|有望|可望|即将|预计|待|还将|正在洽谈|洽谈(?!会)|酝酿|筹备|希望|尚未|未|没有)"
)  # (a 洽谈会 is a meeting's name: 金秋经贸月洽谈会暨重点项目集中签约活动 is held)
# A ceremony held (举行…签约仪式) is done: the words between 举行 and the trigger are its name
# (灵秀镇举行乡村振兴整镇推进政银战略合作签约仪式), however they read; a date still to
# come before 举行 (将于10月举行) is read from the whole clause as before.
_HELD = re.compile(r"举行|举办")
# Agreements to buy or sell (签订36份采购协议, 签订农产品购销意向合同) are trade, not an investment signing.
_PURCHASE = re.compile(r"采购|购销|销售|订货|供货")
_PURCHASE_SIGNED = re.compile(r"签订[^,,。;;]{0,12}?(?:采购|购销|销售|订货|供货)[^,,。;;]{0,6}?(?:协议|合同)")
# A sentence about goods sold or bought (农产品销售签约1.6亿元, 展销会现场签约逾20亿元,
# 签下订单合同41个,预计签约金额5.4亿元) that names no project or investment: its 签约 is a deal.
_GOODS_DEAL = re.compile(r"销售|展销|订单|订货|采购|购销|供货")
_INVESTED = re.compile(r"项目|投资")
_PLANNED_AFTER = re.compile(r"^[^,,。;;]{0,6}(?:在谈|待签)|^[^,,。;;]{0,40}?的?议案|^(?:定于|将于|拟于|计划于)")
_INTENDED_AFTER = re.compile(r"^[^,,。;;]{0,6}意向")
# Further back in the clause, a signing partner still to be signed with: a board's
# 同意公司与…签订, an announcement's 公司拟与…人民政府…共同签订 (the partner's name
# puts 拟 out of the few characters looked at just before the verb).
_PARTY_HOLDER = r"(?:由)?(?:本公司|公司|全资子公司|控股子公司|子公司)?(?:与|同|和|跟)"
_PLANNED_PARTNER = re.compile(rf"(?:将|计划|准备|决定|预计){_PARTY_HOLDER}")
# A board's approval or a company's 拟 governs every agreement of its sentence:
# 同意公司与A…签订《…》,与B…签订《…》
_APPROVED_PARTNER = re.compile(rf"(?:拟|同意){_PARTY_HOLDER}")
# An agreement with a partner named in the clause (the bare 签订 needs one)
_PARTNER = re.compile(r"与|同|和|跟")
# A motion or decision, not an agreement: 《关于…签订…协议书的议案》
_NOT_AGREEMENT_TITLE = re.compile(r"(?:议案|决定|决议|通知|办法|意见|公告|规定)$")
_AGREEMENT_TITLE = re.compile(r"(?:协议书?|协定|备忘录|合同书?|意向书|契约)$")
# A date still to come anywhere earlier in the clause: 将于10月举行…集中签约活动
# (or a goal the clause sets: 争取…项目签约总额占大会签约总额的40%)
# (or projects arranged to take part in a ceremony ahead: 已安排5个项目参加省集中签约仪式)
# (or projects there will be to sign: 将有一批重大战略合作项目签约, its count or batch between)
_FUTURE_IN_CLAUSE = re.compile(
    r"将于|拟于|定于|计划于|预计于|将在|即将|准备于|争取|力争|有望|可望|将有|安排[^,,。;;]{0,12}?参加"
)
# Words of the planned list that read done in a compound: 洽谈签约 (negotiated and
# signed, a fair's tally of deals), 成功推动5个项目签约 (brought to signing); but
# 正在洽谈 is still under way.
_DONE_COMPOUND = re.compile(r"(?<![正在])洽谈$|成功(?:推动|推进|促成)")
# A tally over a period (今年以来共签约…, 累计签约…): not one signing
_TALLY = re.compile(r"以来|全年|累计|截至|截止|上半年|前三季度")
# A plan of a year or a budget (预计今年…安排投资计划, 年度计划投资): not a signing's total
_YEAR_PLAN = re.compile(
    r"(?:预计|计划|力争|争取|目标)[^,,。;;]{0,4}?(?:今年|明年|年内|全年|本年|当年|\d{4}年)"
    r"|安排[^,,。;;]{0,8}?投资|投资计划|年度计划|年度投资|当年计划"
)
# A short clause naming a period (截至今年9月份,…) governs the signings the
# rest of its sentence counts.
_LEADING_CLAUSE = 14
# …unless the signing's own clause says it is this one (此次, 当天 …).
_THIS_SIGNING = re.compile(r"此次|本次|这次|本届|当天|当日|今天|现场|会上|仪式上")
# Words that put 签约 outside investment (health care, sport, show business, jobs)
_NOT_INVESTMENT = re.compile(r"家庭医生|签约服务|签约居民|球员|外援|球星|主教练|俱乐部|艺人|主播|歌手|演员|毕业生")
# An intent to buy, not to invest: 意向采购订单, 意向成交, a fair's 意向合约 in a sentence about deals
_TRADE_INTENT = re.compile(r"采购|订单|成交")
# 从签约到开工仅用3天: a span of time measured from a signing, not a signing told
_FROM_SIGNING = re.compile(r"从[^,,。;;]{0,4}$")
_TO_AFTER = re.compile(r"[^,,。;;]{0,12}?到")
# 以此次签约为契机: a signing already told, taken as the occasion of what comes next
_OCCASION_BEFORE = re.compile(r"以[^,,。;;]{0,6}$")
_OCCASION_AFTER = re.compile(r"[^,,。;;]{0,4}?为契机")
# 继6月11日与广州市人民政府签订战略合作协议之后,…又与沈阳市人民政府…签约: a signing told as what came
# before the news (继…之后, "following …"), not the signing the sentence reports; its place and date are
# the earlier one's.  (继续, 继承, 继而, 相继, 后继 are other words.)
_RETOLD = re.compile(r"(?<![相后连接])继(?![续承而任])[^,,。;;!?!?\n]{1,40}?(?:之后|以后|后)(?=[,,\s])")
# A year written in a signing's clause (三星在2017年又跟…签署了二期投资协议), and how many
# calendar years before the article's make it history, not news: a signing of late December
# told in January is still news.
# (no digit before the year, asserted after its 19/20: a pattern that opens with its literal
# lets the engine skip to it, one that opens with a lookbehind is tried at every position)
_WRITTEN_YEAR = re.compile(r"((?:19|20)(?<!\d..)\d{2})\s*年")
_RECALLED_YEARS = 2
# A paragraph that opens on the progress of earlier fairs' projects (前两届招商大会项目进展扎实)
# recounts their signings; it tells no new one.
_SENTENCE_MARK = re.compile(r"[。!?!?\n]")
_EARLIER_FAIRS = re.compile(
    r"(?:前[两二三四五六七八九十\d]+届|上届|上一届|往届|历届)[^。!?!?]{0,24}?(?:进展|开工|落地|履约)"
)
# A bare 签约 needs one of these in its sentence to be an investment signing
_INVESTMENT_CONTEXT = re.compile(r"项目|企业|投资|协议|公司|集团|产业|招商|园区|基地|工厂|合作|亿元|万元")
# After a ceremony trigger: it is named as the setting (签约仪式上, 签约活动中)
_SETTING = re.compile(r"(?:仪式|活动|大会)?(?:上|中|现场|期间)")
_CLAUSE_START = re.compile(r"[,,;;。!?!?\n]")
# 上海证券交易所与宝山区政府签订…: two parties joined by 与/和/同
_PARTIES = re.compile(
    r"(?P<a>[^,,。;;、:“”\"《》()()\s]{2,30}?)(?:与|和|同|携手)"
    r"(?P<b>[^,,。;;、:“”\"《》()()\s与和]{2,30}?)"
    # (the agreement may be named before its verb: 成都市与上海建工集团战略合作协议签署仪式)
    r"(?:(?:战略合作框架|战略合作|合作框架|框架|合作|投资|项目投资|项目)?(?:协议书?|备忘录))?"
    r"(?:正式|成功|现场|共同|顺利|在[^,,。]{1,12})?(?:签订|签署|签下|签约|签定)"
)
# Who attended the signing is no party of it: 施小琳等市领导还出席了成都市与…签署仪式.
_ATTENDED = re.compile(r"^.*(?:出席了?|见证了?|参加了?)")
_LEADING_NOISE = re.compile(
    r"^(?:同日|当日|当天|同天|会上|会议上|现场|随后|此外|同时|另外|日前|近日|今天|昨天|此次|本次|同意|经|"
    r"期间|活动中|仪式上|其中|还|并|又|也|正式|已经|已)+"
)
_TRAILING_NOISE = re.compile(r"(?:又|也|还|已|已经|再次|先后|分别|拟|将|计划|准备|决定|同意)+$")
# What follows the second party's name before the verb: 与温州市人民政府建立…关系并签订, 与…管委会就…事宜签订
_PARTY_TAIL = re.compile(r"(?:建立|就|围绕|针对|并).*$")
_PRONOUNS = frozenset({"我们", "我", "他们", "双方", "各方", "我区", "我市", "我县", "我省", "公司", "企业"})


# The kind of an intent reached or signed (意向签约, 达成投资意向).
INTENT_KIND = "意向签约"

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
    told_back: bool = False  # this signing told by what it signed (本次签约的…): the article's only where alone

    @property
    def has_parties(self) -> bool:
        """Whether this kind of signing names its parties (an agreement, a settling-in)."""
        return self.kind not in BATCH_KINDS - {"签约"}


def find_triggers(
    text: str,
    start: int,
    end: int,
    lead: int | None = None,
    published_year: int | None = None,
    capped: list[int] | None = None,
) -> list[Trigger]:
    """Signing triggers in ``text[start:end]``, one per distinct phrase.

    ``lead``, when given, is where the sentence really begins: a line broken
    inside a sentence (``公司拟与重庆\n创新经济走廊…签订投资协议``, as PDFs
    are copied) leaves words that decide the status on the line before.
    ``published_year``, the article's year when known: a signing its clause
    dates two calendar years or more before it is history the article recalls.
    ``capped``, when given, gains ``start`` if the sentence holds more than
    ``MOST_PER_SENTENCE`` phrases and those after it were left unread.
    """
    found: list[Trigger] = []
    if text.find("签", start, end) < 0 and text.find("在谈", start, end) < 0 and text.find("达成", start, end) < 0:
        return found  # every trigger has 签, 在谈 or 达成: most sentences are settled by a scan or two
    if _NOT_INVESTMENT.search(text, start, end):
        return found
    # What holds for the whole sentence is read once, not once per trigger: a page of
    # thousands of 签约 would otherwise read its sentence thousands of times.
    sentence = _SentenceFacts(text, start, end)
    for number, match in enumerate(_TRIGGER_SCAN.finditer(text, start, end)):
        if number == MOST_PER_SENTENCE:
            if capped is not None:
                capped.append(start)  # said, not dropped silently: the extraction is flagged
            break  # no prose signs this often in one sentence: a hostile page is read so far, not for hours
        kind = _kind(match)
        if kind is None:
            continue
        if kind == "签约" and not match.group("talks") and not sentence.investment_context:
            continue
        if kind == INTENT_KIND and sentence.trade_intent:
            continue  # 达成意向采购订单136笔: an intent to buy at a fair, not to invest
        if _PURCHASE.search(match.group()):
            continue  # 签订36份采购协议: a purchase, not an investment
        if kind == "签约" and _PURCHASE_SIGNED.search(text, start, end):
            continue  # 签订农产品购销意向合同,签约金额超过20亿元: the sum of the purchases
        if kind == "签约" and sentence.goods_deal:
            continue  # 农产品销售签约1.6亿元: goods sold, no investment signed
        if _FROM_SIGNING.search(text, max(start, match.start() - 5), match.start()) and _TO_AFTER.match(
            text, match.end()
        ):
            continue  # 此次从签订协议到项目全面开工建设,仅用3天
        if _OCCASION_BEFORE.search(text, max(start, match.start() - 7), match.start()) and _OCCASION_AFTER.match(
            text, match.end()
        ):
            continue  # 中国能建将以此次签约为契机,继续深化与宁夏合作
        if sentence.recounts_earlier_fairs:
            continue
        if sentence.retold[0] <= match.start() < sentence.retold[1]:
            continue  # 继…签订战略合作协议之后: the signing before the news
        if match.group("bare") and not _PARTNER.search(text, _clause_start(text, start, match.start()), match.start()):
            continue  # 签订, with nobody it was signed with: not an agreement we can name
        status = _status(text, match, start, lead)
        if status != "planned" and _is_tally(text, start, match.start()):
            continue
        if published_year is not None and _recalled(text, start, match.start(), published_year):
            continue  # 三星在2017年又跟西安当地政府签署了二期投资协议, told in 2019
        setting = match.group("mass") is not None and _SETTING.match(text, match.end()) is not None
        found.append(Trigger(kind, status, match.start(), match.end(), setting, match.group("told") is not None))
    return found


# What every trigger holds (find_triggers settles a sentence with none of these at once).
_TRIGGER_MARK = re.compile(r"签|在谈|达成")


def signing_candidates(text: str, sentences: Sequence[Sentence]) -> list[int]:
    """The indices of the sentences that hold 签, 在谈 or 达成, in order: ``find_triggers`` finds nothing in the rest.

    One scan of the text for the article, instead of a call and its look-ups for
    every sentence (most report no signing); after a sentence is found the scan
    goes on from its end.
    """
    starts = [sentence.start for sentence in sentences]
    found: list[int] = []
    at = 0
    while (mark := _TRIGGER_MARK.search(text, at)) is not None:
        index = bisect_right(starts, mark.start()) - 1
        at = mark.end()
        if index < 0 or mark.start() >= sentences[index].end:
            continue  # (between sentences: no sentence holds it)
        found.append(index)
        at = max(at, sentences[index].end)
    return found


# The signing phrases read in one sentence at most.  Each costs a look back over its
# sentence, so a page of one endless sentence of 签订投资协议 would cost the square of its
# length; real sentences name a handful.
MOST_PER_SENTENCE = 64
# The flag of an extraction that left a sentence's phrases past MOST_PER_SENTENCE unread
# (signing phrases or stage words): a reader of a hostile page is told it was read so far.
PHRASES_CAPPED: Final = "phrases-capped"


class _SentenceFacts:
    """What ``find_triggers`` asks of a whole sentence, each read on first use and kept."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    @cached_property
    def investment_context(self) -> bool:
        """Whether the sentence speaks of investment (a bare 签约 needs it)."""
        return _INVESTMENT_CONTEXT.search(self._text, self._start, self._end) is not None

    @cached_property
    def trade_intent(self) -> bool:
        """Whether the sentence's intent is to buy (达成意向采购订单), not to invest."""
        return _TRADE_INTENT.search(self._text, self._start, self._end) is not None

    @cached_property
    def goods_deal(self) -> bool:
        """Whether the sentence tells of goods sold or bought and of no project or investment."""
        return (
            _GOODS_DEAL.search(self._text, self._start, self._end) is not None
            and _INVESTED.search(self._text, self._start, self._end) is None
        )

    @cached_property
    def retold(self) -> tuple[int, int]:
        """Where the sentence's clause telling what came before (继…之后,) begins and ends, or (-1, -1)."""
        if self._text.find("继", self._start, self._end) < 0:
            return (-1, -1)  # most sentences: one scan
        found = _RETOLD.search(self._text, self._start, self._end)
        return found.span() if found else (-1, -1)

    @cached_property
    def recounts_earlier_fairs(self) -> bool:
        """Whether the sentence's paragraph opens on earlier fairs' progress."""
        return _recounts_earlier_fairs(self._text, self._start)


def retold_end(text: str, start: int, end: int) -> int:
    """Where a clause in ``text[start:end]`` telling what came before the news (继…之后,) ends, or ``start``.

    The signing the sentence reports, its place and its date are after it.
    """
    if text.find("继", start, end) < 0:
        return start  # most sentences: one scan
    retold = _RETOLD.search(text, start, end)
    return retold.end() if retold else start


def _recalled(text: str, start: int, position: int, published_year: int) -> bool:
    """Whether the clause of the signing at ``position`` dates it two calendar years or more before publication."""
    clause_start = _clause_start(text, start, position)
    years = [int(year) for year in _WRITTEN_YEAR.findall(text, clause_start, position)]
    return bool(years) and max(years) <= published_year - _RECALLED_YEARS


def _recounts_earlier_fairs(text: str, start: int) -> bool:
    """Whether the sentence at ``start`` is in a paragraph that opens on earlier fairs' progress."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    first = _SENTENCE_MARK.search(text, paragraph_start)  # one scan, to the first sentence's end
    return _EARLIER_FAIRS.search(text, paragraph_start, first.end() if first else len(text)) is not None


def is_plan_figure(text: str, sentence_start: int, trigger: Trigger, figure_start: int) -> bool:
    """Whether a figure at ``figure_start`` is a plan of the year told beside a signing, not the signing's total.

    ``我们与临港集团签约深化合作,…,预计今年在南大地区安排投资计划80亿元以上``:
    the figure's own clause, not the signing's, names a year's plan or budget.
    """
    clause_start = _clause_start(text, sentence_start, figure_start)
    if _clause_start(text, sentence_start, trigger.start) == clause_start:
        return False  # the signing's own clause (签约项目计划总投资30亿元) names its total
    return _YEAR_PLAN.search(text, clause_start, figure_start) is not None


def is_period_tally(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` counts over a period (截至今年9月底,…累计签约…): its figures are no one signing's."""
    return _TALLY.search(text, start, end) is not None


def _is_tally(text: str, start: int, position: int) -> bool:
    """Whether the signing at ``position`` is counted over a period (今年以来共签约…)."""
    if start > 0 and text[start - 1] in ";;":
        # 截至今年9月份,…已签订正式投资协议3项;签订投资意向13个: after a semicolon the
        # sentence goes on, and its opening clauses still count
        start = max(text.rfind(end, 0, start - 1) for end in "。!?!?\n") + 1
    clause_start = _clause_start(text, start, position)
    if _TALLY.search(text, clause_start, position):
        return True
    if clause_start == start or _THIS_SIGNING.search(text, clause_start, position):
        return False
    # 据悉,截至今年9月份,海河开发已签订正式投资协议3项: a short clause of a period before it.
    # A clause that signs itself (镇街板块累计签约项目28个;开放园区签约项目63个) is a
    # tally of its own, not the period of the clauses after it.
    opening = start
    for brk in _CLAUSE_START.finditer(text, start, clause_start):
        clause = text[opening : brk.start()]
        if len(clause) <= _LEADING_CLAUSE and "签" not in clause and _TALLY.search(clause):
            return True
        opening = brk.end()
    return False


def _clause_start(text: str, floor: int, position: int) -> int:
    clause_start = floor
    for brk in _CLAUSE_START.finditer(text, floor, position):
        clause_start = brk.end()
    return clause_start


# An agreement that names the ceremony right after it: …战略合作协议签署仪式, …合作备忘录签约仪式.
_CEREMONY_OF = re.compile(r"(?:战略合作框架|战略合作|合作框架|框架|合作|投资|项目投资|项目)?(?:协议书?|备忘录)$")


def _kind(match: re.Match[str]) -> str | None:
    if match.group("intent"):
        return INTENT_KIND
    if match.group("titled"):
        title = (match.group("title") or match.group("quoted")).strip()
        if _NOT_AGREEMENT_TITLE.search(title) or not _AGREEMENT_TITLE.search(title):
            return None  # a motion about an agreement, or a title that names no agreement
        return next((kind for marker, kind in _AGREEMENT_KINDS if marker in title), "协议")
    if match.group("counted") or match.group("named"):
        return "签约"
    if match.group("told"):
        return "签约" if match.group("told") == "签约" else "协议"  # 此次签约的…; 协议的签订
    if match.group("bare"):
        return "协议"
    if match.group("agree"):
        phrase = match.group("agree")
        phrase = phrase[phrase.rfind("的") + 1 :] if "关于" in phrase else phrase  # the kind, not what it is about
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
        if phrase in ("集中签约", "集体签约"):
            return "集中签约"
        # a ceremony named by its agreement (成都市与上海建工集团战略合作协议签署仪式) is that agreement's signing
        named = _CEREMONY_OF.search(match.string, max(0, match.start() - 12), match.start())
        if named and phrase in ("签约仪式", "签署仪式", "签字仪式"):
            return next((kind for marker, kind in _AGREEMENT_KINDS if marker in named.group()), "协议")
        return "签约仪式"
    if match.group("settle"):
        return match.group("settle")
    return "签约"


def _status(text: str, match: re.Match[str], floor: int, lead: int | None) -> Status:
    if match.group("talks"):
        return "planned"  # 在谈项目: under negotiation
    start, end = match.start(), match.end()
    clause_start = _clause_start(text, floor, start)
    if clause_start == floor and lead is not None and lead < floor:
        clause_start = _clause_start(text, lead, floor - 1)  # the clause began on the line before
    held = [m.start() for m in _HELD.finditer(text, clause_start, start)] if match.group("mass") else []
    # (a ceremony held: what stands before 举行 says its status, not the name after it)
    before = _DONE_COMPOUND.sub("", text[clause_start : held[-1] if held else start].replace("\n", ""))[-8:]
    if (
        _PLANNED_BEFORE.search(before)
        or _FUTURE_IN_CLAUSE.search(text, clause_start, start)
        or _PLANNED_PARTNER.search(text, clause_start, start)
        or _APPROVED_PARTNER.search(text, min(floor, clause_start), start)
    ):
        return "planned"
    after = text[end : end + 60]
    if _PLANNED_AFTER.match(after):
        return "planned"
    if match.group("intent") or _INTENDED_AFTER.match(after):
        return "intended"
    return "done"


def find_parties(clause: str) -> tuple[str, ...]:
    """The named parties of a signing clause (``A与B签订…`` → (A, B)); pronouns dropped."""
    match = _PARTIES.search(clause)
    if not match:
        return ()
    parties = []
    for raw in (match.group("a"), _PARTY_TAIL.sub("", match.group("b"))):
        name = _TRAILING_NOISE.sub("", _LEADING_NOISE.sub("", _ATTENDED.sub("", raw)))
        # a date or place phrase before the party: keep what follows it
        name = re.sub(r"^.*?(?:日|月|年|在[^与和]{1,10}?上)", "", name) if re.search(r"\d+[日月年]", name) else name
        if len(name) >= 2 and name not in _PRONOUNS and not re.search(r"\d|项目|亿|万元", name):
            parties.append(name)
    return tuple(parties)
