"""Alerts name an agreement's parties: two signings that differ only in them never look alike (issue 15)."""

from __future__ import annotations

import pytest

from monitor.alerts.alert_event import AlertEvent
from monitor.alerts.render import Templates
from monitor.events import extract
from tests.alerts.alerts_helpers import seed_article

PAGE = {"title": "宝山:作为“施工者”要到“工地”里找问题、寻机遇、想对策", "source": "bs-cfw", "url": "https://x/1"}


def _alerts(seed: int, body_format: str = "text") -> list[tuple[str, str]]:
    templates = Templates(body_format=body_format)
    messages = [templates.event(AlertEvent.from_signing(e, **PAGE)) for e in extract(seed_article(seed)).events]
    return [(m.title, m.body) for m in messages]


def test_three_signings_in_one_district_name_their_parties() -> None:
    # Seed 001: 宝山区 signs with 临港集团, with 复旦大学 (a strategic agreement) and with
    # 北京北大科技园有限公司; none has an amount, so only the parties tell them apart.
    alerts = _alerts(1)
    assert [title for title, _ in alerts] == [
        "【签约】上海市宝山区 临港集团",
        "【签约】上海市宝山区 复旦大学",
        "【签约】上海市宝山区 北京北大科技园有限公司",
    ]
    assert [body.splitlines()[0] for _, body in alerts] == [
        "上海市宝山区 · 签约 · 临港集团",
        "上海市宝山区 · 战略合作协议 · 复旦大学",
        "上海市宝山区 · 签约 · 北京北大科技园有限公司",
    ]


def test_a_strategic_agreement_names_both_parties() -> None:
    # Seed 000: 同日,上海证券交易所与宝山区政府签订战略合作协议
    title, body = _alerts(0)[1]
    assert title == "【签约】上海市宝山区 上海证券交易所、宝山区政府"
    assert body.splitlines()[0] == "上海市宝山区 · 2021-08-26 · 战略合作协议 · 上海证券交易所、宝山区政府"


@pytest.mark.parametrize("body_format", ["text", "markdown", "html"])
def test_a_signing_without_parties_reads_as_before(body_format: str) -> None:
    title, body = _alerts(0, body_format)[0]
    assert title == "【签约】上海市宝山区 超500亿元"
    assert body.splitlines()[0] == (
        "上海市宝山区 · 2021\\-08\\-26 · 集中签约 · 100个项目 · 总投资超500亿元"
        if body_format == "markdown"
        else "上海市宝山区 · 2021-08-26 · 集中签约 · 100个项目 · 总投资超500亿元"
    )
