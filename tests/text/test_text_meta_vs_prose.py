"""A sentence that starts with a date is prose, not a meta line (it must stay in the body)."""

from __future__ import annotations

import pytest

from monitor.text import clean_html
from monitor.text.byline import is_meta_line

LINES = [
    ("2023-10-24 14:09来源:互联网 点击:94次", True),
    ("admin9个月前 (09-24)宝山产业地产信息941", True),
    ("2021-01-21 13:15:00", True),
    ("来源:新華網", True),
    ("2021年8月26日,上海市宝山区举行2021年重大产业项目集中签约仪式,100个产业项目集中签约,总投资额超500亿元。", False),
    ("2024年3月11日,在嘉定区重点产业项目视频签约仪式上,105个项目在线签约。", False),
]


@pytest.mark.parametrize(("line", "meta"), LINES)
def test_meta_line_or_prose(line: str, meta: bool) -> None:
    assert is_meta_line(line) is meta


def test_opening_sentence_with_a_date_survives_html_cleaning() -> None:
    page = (
        "<html><head><title>宝山区百个产业项目集中签约</title></head><body><article>"
        "<h1>宝山区百个产业项目集中签约</h1><time>2026年11月22日</time>"
        "<p>2021年8月26日,上海市宝山区举行重大产业项目集中签约仪式,100个产业项目集中签约,总投资额超500亿元。</p>"
        "<p>其中重大产业项目31个,总投资突破300亿元。</p></article></body></html>"
    )
    article = clean_html(page, site_type="generic")
    assert article.title == "宝山区百个产业项目集中签约"
    assert article.paragraphs[0].startswith("2021年8月26日,上海市宝山区举行")
    assert article.published is not None and article.published.date().isoformat() == "2026-11-22"
