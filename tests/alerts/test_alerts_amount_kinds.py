"""Alerts name the kind of investment, show no other money as an amount, compare min_amount on investment only.

Passages of the development set ``tests/events/eval/blind2026`` (ids in the
comments) go through the real extraction, store and sink.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from monitor.alerts.alert_event import AlertEvent, Amount
from monitor.alerts.filters import matches
from monitor.alerts.render import Templates, summary_line
from monitor.archive.files import Archive
from monitor.demo.sink import AlertSink
from monitor.events import extract
from monitor.store import Database
from monitor.store.alert_models import Subscription
from monitor.text.article import CleanArticle
from tests.alerts.alerts_helpers import deliver, store, subscribe, text_article

# p103's first batch, dated: a signing of contracted investment, then output and tax.
YUEYANG = (
    "8月26日,岳阳县举行重大产业项目集中签约仪式。集中签约项目15个,合同引资68.6亿元,"
    "全部建成达产后,预计实现年产值37.5亿元、亩均产值451万元,年税收1.03亿元。"
)
# p047, dated: a signing of bank credit, no investment.
CREDIT = (
    "8月26日,中国人民银行上海总部、上海市工商联联合举办民营企业与商业银行对接暨集中授信签约活动。"
    "10家银行与30家民营企业现场签署授信协议,涉及金额1200多亿元。"
)
# p001, dated: a bracket, and the total of the signing.
XIANGYANG = (
    "8月26日上午,襄阳市2021年第二次重大项目集中开工、竣工、签约活动在高新区举行。"
    "此次全市共有156个亿元以上重大项目集中开工、竣工、签约,总投资608.75亿元。"
)


def _signings(text: str) -> list[AlertEvent]:
    events = extract(CleanArticle(title=None, paragraphs=(text,))).events
    assert events
    return [AlertEvent.from_signing(event, title="t", url="https://x/1") for event in events]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        (YUEYANG, "合同引资68.6亿元"),
        (XIANGYANG, "总投资608.75亿元"),
        (CREDIT, None),
    ],
)
def test_the_summary_names_the_kind_of_investment(text: str, amount: str | None) -> None:
    lines = [summary_line(event) for event in _signings(text)]
    if amount:
        assert lines[0].split(" · ")[-1] == amount
    else:  # a credit line is no investment amount: no 总投资, no amount at all
        assert not any("亿元" in line for line in lines)
    assert not any("亿元以上" in line for line in lines)  # a bracket is never the amount


@pytest.mark.parametrize(
    ("kind", "alert_kind", "shown"),
    [
        ("agreed", "signing", "总投资超500亿元"),
        ("contracted", "signing", "合同引资超500亿元"),
        ("arrived", "investment", "到位资金超500亿元"),
        ("planned", "signing", "计划投资超500亿元"),
        ("agreed", "investment", "总投资超500亿元"),
        # money of another kind is no event amount: not shown, no 总投资
        ("credit", "signing", ""),
        ("subsidy", "investment", ""),
        # stored before kinds were: a signing's total investment, as alerts said then
        (None, "signing", "总投资超500亿元"),
        (None, "investment", "超500亿元"),
    ],
)
def test_the_word_for_each_kind(kind: str | None, alert_kind: str, shown: str) -> None:
    event = AlertEvent(
        kind=alert_kind, province="上海市", county="宝山区", amount=Amount(5e10, None, "CNY", "more_than", kind)
    )
    line = summary_line(event)
    assert line == " · ".join(p for p in ("上海市宝山区", "签约" if alert_kind == "signing" else "投资", shown) if p)
    title = Templates().event(event).title
    assert ("超500亿元" in title) == bool(shown)


def _subscription(**filters: object) -> Subscription:
    values: dict[str, object] = {"places": [], "kinds": [], "keywords": [], "min_amount": None, "enabled": True}
    values.update(filters)
    return Subscription(name="t", target="json://127.0.0.1/x", **values)


@pytest.mark.parametrize(
    ("amount", "over_10_billion", "investment_alert"),
    [
        (Amount(5e10, kind="agreed"), True, True),
        (Amount(5e10, kind="arrived"), True, True),
        (Amount(5e10), True, True),  # stored before kinds were
        (Amount(5e10, kind="credit"), False, False),
        (Amount(5e10, kind="subsidy"), False, False),
        (Amount(5e8, kind="agreed"), False, True),
        (None, False, False),
    ],
)
def test_min_amount_compares_investment_only(
    amount: Amount | None, over_10_billion: bool, investment_alert: bool
) -> None:
    event = AlertEvent(kind="signing", province="上海市", amount=amount)
    assert matches(_subscription(min_amount=1e10), event) == over_10_billion
    assert matches(_subscription(kinds=["investment"]), event) == investment_alert


def test_the_payload_keeps_the_kind_and_reads_old_payloads() -> None:
    [event] = _signings(YUEYANG)
    again = AlertEvent.from_payload(event.to_payload())
    assert again.amount == event.amount and again.amount is not None and again.amount.kind == "contracted"
    old = event.to_payload()
    del old["amount"]["kind"]
    assert AlertEvent.from_payload(old).amount == Amount(6.86e9, None, "CNY", "exact")


def test_alerts_at_the_sink(db: Database, archive: Archive, sink: AlertSink) -> None:
    subscribe(db, "big", sink.url("big"), min_amount="10亿")
    subscribe(db, "all", sink.url("all"))
    day = datetime(2021, 8, 26, tzinfo=UTC)
    store(db, archive, text_article(YUEYANG, "岳阳县重大产业项目集中签约", day), "https://a.example/yueyang.html")
    store(db, archive, text_article(CREDIT, "上海集中授信签约", day), "https://a.example/credit.html")
    store(db, archive, text_article(XIANGYANG, "襄阳集中签约", day), "https://a.example/xiangyang.html")
    report = deliver(db)
    assert report.failed == 0
    big = sorted(message.body.splitlines()[0] for message in sink.received("big"))
    assert len(big) == 2
    assert any(line.endswith("合同引资68.6亿元") for line in big)
    assert any(line.endswith("总投资608.75亿元") for line in big)
    everything = [message.body for message in sink.received("all")]
    assert len(everything) >= 3
    credit = [body for body in everything if "授信" in body]
    assert credit and not any("总投资" in body or "1200" in body.splitlines()[0] for body in credit)
    assert not any("亿元以上" in body.splitlines()[0] for body in everything)
