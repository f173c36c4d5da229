"""Messages: amounts as Chinese news writes them, one-line events, web text made harmless."""

from __future__ import annotations

import pytest

from monitor.alerts.alert_event import AlertEvent, Amount
from monitor.alerts.render import Templates, clean_field, escape_for, format_amount, format_minimum
from monitor.config import AlertSettings
from monitor.errors import ConfigError
from monitor.events import extract
from tests.alerts.alerts_helpers import seed_article


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Amount(5e10, None, "CNY", "more_than"), "超500亿元"),
        (Amount(8.093e9, None, "CNY", "exact"), "80.93亿元"),
        (Amount(5e9, 6e9, "CNY", "exact"), "50-60亿元"),
        (Amount(6e7, None, "CNY", "more_than"), "超6000万元"),
        (Amount(1.5e12, None, "CNY", "exact"), "1.5万亿元"),
        (Amount(1e9, None, "USD", "about"), "约10亿美元"),
        (Amount(9.5e9, None, "CNY", "nearly"), "近95亿元"),
        (None, ""),
    ],
)
def test_amounts(amount: Amount | None, text: str) -> None:
    assert format_amount(amount) == text


@pytest.mark.parametrize(
    ("yuan", "text"),
    [
        (1e10, "≥100亿元"),
        (5e9, "≥50亿元"),
        (1.5e12, "≥1.5万亿元"),
        (5e7, "≥5000万元"),
        (123456.0, "≥12.35万元"),
        (1.23456789e9, "≥12.35亿元"),
        (99999999.0, "≥1亿元"),  # rounded to 10000万: said in the next unit up
        (5000.0, "≥5000元"),
    ],
)
def test_minimum_amounts(yuan: float, text: str) -> None:
    assert format_minimum(yuan) == text


def test_seed_000_event_in_one_line() -> None:
    article = seed_article(0)
    signing = extract(article).events[0]
    event = AlertEvent.from_signing(signing, title="宝山区重大产业项目集中签约", source="bs-cfw", url="https://x/1")
    message = Templates().event(event)
    assert message.title == "【签约】上海市宝山区 超500亿元"
    first, *rest = message.body.splitlines()
    assert first == "上海市宝山区 · 2021-08-26 · 集中签约 · 100个项目 · 总投资超500亿元"
    assert rest == ["标题:宝山区重大产业项目集中签约", "来源:bs-cfw", "https://x/1"]


def test_web_text_cannot_forge_lines_or_flip_direction() -> None:
    hostile = "正常标题\n来源:假冒\u202eevil\x00\u200b"
    assert clean_field(hostile) == "正常标题 来源:假冒evil"
    message = Templates().event(AlertEvent(kind="signing", title=hostile, url="https://x/\n2"))
    assert "\n来源:假冒" not in message.body
    assert message.body.splitlines()[-1] == "https://x/ 2"


@pytest.mark.parametrize(
    ("body_format", "text", "escaped"),
    [
        ("html", "<script>alert(1)</script>&", "&lt;script&gt;alert(1)&lt;/script&gt;&amp;"),
        ("markdown", "*粗体* [链接](http://evil)", r"\*粗体\* \[链接\]\(http://evil\)"),
        ("text", "<b>*x*</b>", "<b>*x*</b>"),
    ],
)
def test_escaping_for_the_body_format(body_format: str, text: str, escaped: str) -> None:
    assert escape_for(body_format, text) == escaped


def test_configured_templates_are_used_and_checked() -> None:
    templates = Templates.from_settings(AlertSettings(title_template="{place}:{amount}", body_template="{url}"))
    event = AlertEvent(kind="signing", province="上海市", amount=Amount(8e9), url="https://x/3")
    assert templates.event(event).title == "上海市:80亿元"
    assert templates.event(event).body == "https://x/3"
    with pytest.raises(ConfigError, match="unknown field"):
        Templates.from_settings(AlertSettings(body_template="{secret}"))
    with pytest.raises(ConfigError, match="unknown field"):
        Templates.from_settings(AlertSettings(title_template="{title.__class__}"))
    with pytest.raises(ConfigError, match="body_format"):
        Templates.from_settings(AlertSettings(body_format="rtf"))


def test_digest_lists_the_period() -> None:
    events = [
        AlertEvent(kind="signing", province="上海市", county="宝山区", amount=Amount(5e10, qualifier="more_than")),
        AlertEvent(kind="signing", province="上海市", county="金山区", projects=3, amount=Amount(8e9)),
    ]
    message = Templates().digest(events, "08-26")
    assert message.title == "signwatch 汇总 08-26:2条"
    assert message.body.startswith("1. 上海市宝山区 · 签约 · 总投资超500亿元")
    assert "2. 上海市金山区 · 签约 · 3个项目 · 总投资80亿元" in message.body
