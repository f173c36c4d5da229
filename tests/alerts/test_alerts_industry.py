"""Signing alerts name the industry of the signed project (issue 18: "alerts name the investor and the industry").

Each passage goes through the real extraction and storing transaction
(``ingest_pages``: events, projects and the industry filed, then the outbox)
and is delivered to a local Apprise sink; the message is what a subscriber
reads.  A signing whose text names no industry says none.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from monitor.alerts.alert_event import AlertEvent
from monitor.alerts.render import summary_line
from monitor.archive.files import Archive
from monitor.demo.sink import AlertSink
from monitor.store import Database
from tests.alerts.alerts_helpers import deliver, store, subscribe, text_article

TODAY = datetime.now(UTC) - timedelta(hours=1)  # news for the default alert policy
DAY = f"{TODAY.astimezone().month}月{TODAY.astimezone().day}日"

# (passage, the industry the alert names; None: the text names none)
CASES = [
    (
        f"{DAY},上海市宝山区政府与上海医药集团股份有限公司签署战略合作协议,共建上药生物医药产业园项目,总投资50亿元。",
        "生物",
    ),
    (f"{DAY},金山区人民政府与某某新能源汽车有限公司签约,投资建设新能源汽车整车制造项目,总投资80亿元。", "新能源汽车"),
    (f"{DAY},岳阳县举行重大产业项目集中签约仪式。集中签约项目15个,合同引资68.6亿元。", None),
]


@pytest.mark.parametrize(("passage", "industry"), CASES)
def test_the_alert_names_the_industry(
    db: Database, archive: Archive, sink: AlertSink, passage: str, industry: str | None
) -> None:
    subscribe(db, "all", sink.url("all"))
    store(db, archive, text_article(passage, "签约", TODAY), "https://a.example/1.html", fetched=TODAY)
    assert deliver(db).failed == 0
    [message] = sink.received("all")
    first_line = message.body.splitlines()[0]
    if industry is None:
        assert not any(label in first_line for label in ("生物", "新能源", "新一代信息技术", "高端装备制造"))
    else:
        assert f" · {industry}" in first_line, first_line


def test_the_payload_keeps_the_industry_and_reads_old_payloads() -> None:
    event = AlertEvent(kind="signing", province="上海市", county="宝山区", parties=("上药集团",), industry="生物")
    assert AlertEvent.from_payload(event.to_payload()) == event
    assert summary_line(event) == "上海市宝山区 · 签约 · 上药集团 · 生物"
    old = event.to_payload()
    del old["industry"]  # an outbox row queued before alerts named industries
    assert AlertEvent.from_payload(old).industry is None


@pytest.mark.parametrize(
    ("projects", "label", "shown"),
    [
        (None, "签约", "生物"),  # one agreement: its project's industry
        (1, "签约", "生物"),
        (3, "集中签约", ""),  # a ceremony of three projects spans industries: none named as the whole
        (None, "开工 · 签约后 143 天 · 生物", ""),  # a stage alert's label names it already
    ],
)
def test_the_summary_names_one_projects_industry_once(projects: int | None, label: str, shown: str) -> None:
    event = AlertEvent(kind="signing", label=label, province="上海市", projects=projects, industry="生物")
    assert summary_line(event).count("生物") == (1 if shown or "生物" in label else 0)
    assert (" · 生物" in summary_line(event).replace(label, "")) == bool(shown)
