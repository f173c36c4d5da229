"""Filters: kinds, places along the division hierarchy, minimum investment, keywords."""

from __future__ import annotations

import pytest

from monitor.alerts.alert_event import AlertEvent, Amount
from monitor.alerts.filters import matches, parse_min_amount, place_terms, wants_kind
from monitor.errors import InputError
from monitor.store.alert_models import Subscription

BAOSHAN = AlertEvent(
    kind="signing",
    label="集中签约",
    province="上海市",
    city="上海市",
    county="宝山区",
    amount=Amount(5e10, None, "CNY", "more_than"),
    title="宝山区2021年重大产业项目集中签约",
    text="100个产业项目集中签约,涉及集成电路、生物医药",
)
# 双鸭山市宝山区: another 宝山区, in Heilongjiang
SHUANGYASHAN = AlertEvent(kind="signing", province="黑龙江省", city="双鸭山市", county="宝山区")
WUJIANG_USD = AlertEvent(
    kind="signing", province="江苏省", city="苏州市", county="吴江区", amount=Amount(1e9, None, "USD", "exact")
)
NO_FIGURE = AlertEvent(kind="signing", label="战略合作协议", province="上海市", city="上海市", county="金山区")


def sub(**filters: object) -> Subscription:
    values: dict[str, object] = {"places": [], "kinds": [], "keywords": [], "min_amount": None, "enabled": True}
    values.update(filters)
    return Subscription(name="t", target="json://127.0.0.1/x", **values)


@pytest.mark.parametrize(
    ("filters", "event", "wanted"),
    [
        ({}, BAOSHAN, True),
        ({}, NO_FIGURE, True),
        ({"places": ["上海市"]}, BAOSHAN, True),  # the hierarchy: a city takes its districts
        ({"places": ["上海市"]}, SHUANGYASHAN, False),
        ({"places": ["宝山区"]}, SHUANGYASHAN, True),  # a bare district name means any 宝山区
        ({"places": ["上海市宝山区"]}, SHUANGYASHAN, False),  # qualified: only Shanghai's
        ({"places": ["上海市宝山区"]}, BAOSHAN, True),
        ({"places": ["江苏省", "上海市"]}, WUJIANG_USD, True),  # alternatives
        ({"places": ["苏州市"]}, BAOSHAN, False),
        ({"places": ["上海市"]}, AlertEvent(kind="signing"), False),  # no place: no match
        ({"min_amount": 1e10}, BAOSHAN, True),
        ({"min_amount": 6e10}, BAOSHAN, False),
        ({"min_amount": 5e9}, WUJIANG_USD, True),  # 10亿美元 is about 72亿元
        ({"min_amount": 1e10}, WUJIANG_USD, False),
        ({"min_amount": 1.0}, NO_FIGURE, False),  # a figure filter needs a figure
        ({"keywords": ["集成电路"]}, BAOSHAN, True),  # found in the article text
        ({"keywords": ["新能源", "宝山区"]}, BAOSHAN, True),
        ({"keywords": ["新能源"]}, BAOSHAN, False),
        ({"kinds": ["investment"]}, BAOSHAN, True),  # a signing with a figure is an investment too
        ({"kinds": ["investment"]}, NO_FIGURE, False),
        ({"kinds": ["signing"]}, NO_FIGURE, True),
        ({"kinds": ["health"]}, BAOSHAN, False),
        ({"enabled": False}, BAOSHAN, False),
        ({"places": ["上海市"], "min_amount": 1e10, "keywords": ["签约"]}, BAOSHAN, True),
    ],
)
def test_matches(filters: dict[str, object], event: AlertEvent, wanted: bool) -> None:
    assert matches(sub(**filters), event) is wanted


@pytest.mark.parametrize(
    ("filters", "wanted"),
    [({}, True), ({"kinds": ["health"]}, True), ({"places": ["上海市"]}, False), ({"kinds": ["signing"]}, False)],
)
def test_who_takes_health_alerts(filters: dict[str, object], wanted: bool) -> None:
    assert wants_kind(sub(**filters), "health") is wanted


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("上海市", "上海市"),
        ("上海", "上海市"),
        ("宝山", "宝山区"),
        ("上海市宝山区", "上海市宝山区"),
        (" 苏州 ", "苏州市"),
    ],
)
def test_place_names_are_read_against_the_gazetteer(written: str, stored: str) -> None:
    assert place_terms(written).text == stored


@pytest.mark.parametrize("written", ["", "火星", "上海市abc"])
def test_unknown_places_are_refused(written: str) -> None:
    with pytest.raises(InputError):
        place_terms(written)


@pytest.mark.parametrize(
    ("written", "yuan"),
    [("50亿", 5e9), ("50亿元", 5e9), ("5000万元", 5e7), ("1.5万亿", 1.5e12), ("5e9", 5e9), ("100000", 1e5), ("", None)],
)
def test_min_amounts(written: str, yuan: float | None) -> None:
    assert parse_min_amount(written) == yuan


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("lots", "not an amount"),
        ("10亿美元", "not an amount"),
        ("nan", "not an amount"),
        ("inf", "not an amount"),
        ("-5", "negative"),
        ("-5亿", "negative"),  # the amount reader alone sees 5亿 here
        ("−5亿", "negative"),
        ("－5亿元", "negative"),
        ("负5亿", "negative"),
        (" -1e9", "negative"),
        (-3.0, "negative"),
        ("0", "zero"),
        (0.0, "zero"),
    ],
)
def test_bad_min_amounts(written: str | float, why: str) -> None:
    with pytest.raises(InputError, match=why):
        parse_min_amount(written)
