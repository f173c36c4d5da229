"""Signing triggers: what counts as a signing, planned or done, and which kind names it.

Each row is a sentence of our own in the style of investment-promotion news,
with the first event extraction must report (kind/status, or "-" for none).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from monitor.events import extract
from monitor.text.article import CleanArticle


def _first_event(sentence: str) -> str:
    events = extract(CleanArticle(title=None, paragraphs=(sentence,))).events
    return f"{events[0].kind}/{events[0].status}" if events else "-"


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        # a signing told through what was signed
        ("萧山区签约项目18个,总投资310亿元。", "签约/done"),
        ("江宁区新签约项目9个,总投资46亿元。", "签约/done"),
        ("现场签约的6个项目涵盖集成电路和新材料。", "签约/done"),
        ("嘉兴市签约的储能电池项目计划投资30亿元。", "签约/done"),
        ("当天活动的签约金额达到85亿元。", "签约/done"),
        # ... but not a reference back to a total, a signed project named later, or a rate
        ("其中外资项目5个,占签约总额的三成。", "-"),
        ("签约项目履约率保持在90%以上。", "-"),
        # a tally over a period is not one signing
        ("今年以来全县共签约项目37个,总投资120亿元。", "-"),
        ("截至9月底,累计签约入驻企业210家。", "-"),
    ],
)
def test_signings_told_through_what_was_signed(sentence: str, event: str) -> None:
    assert _first_event(sentence) == event


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("下周我县将签约项目12个,总投资约60亿元。", "签约/planned"),
        ("目前经开区在谈项目28个,意向投资约300亿元。", "签约/planned"),
        ("全市在谈的重大项目有17个。", "签约/planned"),
        ("园区正在推进签约的项目有9个。", "签约/planned"),
        ("青岛市将于11月举办年度重大项目集中签约仪式。", "集中签约/planned"),
        ("该市定于下月中旬在深圳举行招商项目集中签约。", "集中签约/planned"),
        # a date already past: done
        ("5月20日,该区举行重大项目集中签约仪式。", "集中签约/done"),
    ],
)
def test_planned_signings(sentence: str, event: str) -> None:
    assert _first_event(sentence) == event


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("社区家庭医生签约服务已覆盖6万居民。", "-"),
        ("重点人群签约居民达到2.1万人。", "-"),
        ("球队官方宣布签约一名中场球员。", "-"),
        ("这家俱乐部今天正式签约了新任主教练。", "-"),
        # the same verb with an investment object stays a signing
        ("该区今天与一家新能源企业签约。", "签约/done"),
    ],
)
def test_signing_outside_investment_is_not_an_event(sentence: str, event: str) -> None:
    assert _first_event(sentence) == event


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        # the ceremony is the setting; the agreement signed there is the event
        ("签约仪式上,市政府与一家央企签署战略合作协议。", "战略合作协议/done"),
        ("在签约活动现场,县政府与两家企业签订投资协议。", "投资协议/done"),
        # a ceremony with no other signing in the sentence is the event
        ("该区举行重点项目签约仪式,签约项目11个。", "签约仪式/done"),
        # the mode of signing is more specific than the occasion
        ("签约大会采用线上线下结合方式,网上签约项目7个。", "云签约/done"),
        ("开发区以线上签约方式与8个项目签约。", "云签约/done"),
        # a framework agreement is a form of cooperation agreement
        ("市政府与一家高校签订合作框架协议。", "合作协议/done"),
        ("双方签署框架协议,共建研发中心。", "合作协议/done"),
    ],
)
def test_kind_names(sentence: str, event: str) -> None:
    assert _first_event(sentence) == event


def test_a_ceremony_and_its_agreement_in_separate_sentences_are_two_events() -> None:
    # as in seed 000: the mass signing, and 同日 an agreement, each an event
    article = CleanArticle(
        title=None,
        paragraphs=(
            "6月3日,该区举行重大项目集中签约仪式,20个项目总投资90亿元。同日,区政府与一家银行签订战略合作协议。",
        ),
    )
    assert [e.kind for e in extract(article).events] == ["集中签约", "战略合作协议"]


@pytest.mark.parametrize(
    ("title", "body", "events"),
    [
        # blind2026j's cluster report jc011: the 广州 signing of five days before is told as what came
        # before (继…之后); the news is the 沈阳 one, in 沈阳, on 6月15日
        (
            "继广州后 恒大与沈阳签新能源投资协议",
            "继6月11日与广州市人民政府签订战略合作协议之后,6月15日,恒大集团又与沈阳市人民政府"
            "就打造新能源汽车基地进行签约。",
            [("投资协议", "沈阳市", None), ("签约", "沈阳市", "2019-06-15")],
        ),
        # blind2026b p012: a 继…之后 after the signing tells of the firm's earlier project; the signing stays
        (
            None,
            "10月27日,在宜昌市举行的座谈会上,总经理黄兆义代表航发集团与秭归县人民政府签订了价值150亿元的"
            "战略合作框架协议,这是集团公司继投资香溪长江大桥项目之后,政企双方再次牵手合作。",
            [("战略合作协议", "宜昌市", "2018-10-27")],
        ),
    ],
)
def test_a_signing_told_as_what_came_before_is_not_the_news(
    title: str | None, body: str, events: list[tuple[str, str, str | None]]
) -> None:
    article = CleanArticle(title=title, paragraphs=(body,), published=datetime(2019, 6, 17, tzinfo=UTC))
    found = [
        (e.kind, e.place.city, e.date.earliest.isoformat() if e.date and e.date.is_day else None)
        for e in extract(article).events
    ]
    assert found == events
