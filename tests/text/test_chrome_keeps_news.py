"""Chrome rules never drop a paragraph that carries a money figure or a signing (issue 15).

A paragraph that mentions a QR code or a WeChat account beside the article's
news is the news; an agent's contact lines, breadcrumbs and share prompts
without a figure go as before.
"""

from __future__ import annotations

import pytest

from monitor.text import clean_text
from monitor.text.chrome import GENERIC, rules_for, strip_chrome


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        # news beside a QR code or an account: kept
        ("扫描下方二维码关注“宝山招商”公众号。今年以来,宝山区新签约项目120个,总投资超300亿元。", True),
        ("长按识别二维码报名。8月26日,金山区将举行重点产业项目集中签约仪式,欢迎企业参加。", True),
        ("扫一扫关注公众号,了解更多:本次推介会现场签约45亿元。", True),
        ("详情请咨询电话:021-56781234,项目总投资 50 亿元,占地300亩。", True),
        # chrome without a figure or a signing: dropped as before (seed 001's agent block)
        ("长按/扫一扫加葛毅明的微信号", False),
        ("扫一扫关注公众号", False),
        ("或微信/手机:135246785151356468684613391219793", False),
        ("葛毅明微信号", False),
        # a breadcrumb naming a signing is no sentence: dropped
        ("当前位置:首页 > 招商动态 > 宝山区100个项目集中签约", False),
        ("扫描二维码,关注我们的公众号。", False),
    ],
)
def test_drop_rules_keep_a_sentence_with_a_figure_or_a_signing(line: str, kept: bool) -> None:
    lines = ["8月26日,宝山区举行重大产业项目集中签约仪式。", line, "本次签约项目涵盖集成电路、生物医药等领域。"]
    for rules in (GENERIC, rules_for("zblog")):
        assert (line in strip_chrome(lines, rules)[0]) == kept


def test_the_figure_reaches_the_clean_article() -> None:
    page = (
        "宝山区招商动态\n\n"
        "8月26日,宝山区举行重大产业项目集中签约仪式。\n\n"
        "扫描下方二维码关注“宝山招商”公众号。今年以来,宝山区新签约项目120个,总投资超300亿元。\n\n"
        "扫一扫关注公众号\n"
    )
    text = "\n".join(clean_text(page).paragraphs)
    assert "总投资超300亿元" in text
    assert "扫一扫关注公众号" not in text
