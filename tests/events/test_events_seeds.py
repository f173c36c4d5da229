"""The seeds as a table of expected signing events and figures."""

from __future__ import annotations

from typing import Any

import pytest

from monitor.events import extract
from monitor.text import clean_text
from tests.events.events_seedtext import seed_article, seed_path


def _extract(number: str, cleaned: bool) -> dict[str, Any]:
    article = clean_text(seed_path(number).read_text(encoding="utf-8")) if cleaned else seed_article(number)
    return extract(article).to_json()


@pytest.fixture(params=[False, True], ids=["t2s-only", "clean_text"])
def cleaned(request: pytest.FixtureRequest) -> bool:
    """Run each seed case on simply simplified text and on monitor.text's cleaning."""
    return bool(request.param)


def test_seed_000_mass_signing_in_baoshan(cleaned: bool) -> None:
    result = _extract("000", cleaned)
    assert result["signing"] is True
    mass = [e for e in result["events"] if e["kind"] == "集中签约"]
    assert len(mass) == 1
    event = mass[0]
    assert event["status"] == "done"
    assert event["place"] == {"province": "上海市", "city": "上海市", "county": "宝山区"}
    assert event["date"] == "2021-08-26"
    assert event["projects"] == 100
    [figure] = event["figures"]
    assert (figure["value"], figure["qualifier"], figure["investment"]) == (50000000000, "more_than", True)
    [part] = event["parts"]
    assert part["projects"] == 31
    assert [(f["value"], f["qualifier"]) for f in part["figures"]] == [(30000000000, "more_than")]


def test_seed_000_strategic_agreement(cleaned: bool) -> None:
    result = _extract("000", cleaned)
    agreements = [e for e in result["events"] if e["kind"] == "战略合作协议"]
    assert len(agreements) == 1
    assert agreements[0]["parties"] == ["上海证券交易所", "宝山区政府"]
    assert agreements[0]["date"] == "2021-08-26"  # 同日: the day of the signing before it
    assert agreements[0]["place"]["county"] == "宝山区"


def test_seed_003_jinshan_signing_dated_from_text_and_article(cleaned: bool) -> None:
    result = _extract("003", cleaned)
    assert result["published"] == "2021-01-21"
    [event] = result["events"]
    assert event["kind"] == "集中签约"
    assert event["place"] == {"province": "上海市", "city": "上海市", "county": "金山区"}
    assert event["date"] == "2021-01-19"
    assert event["projects"] == 3
    assert [(f["value"], f["investment"]) for f in event["figures"]] == [(8000000000, True)]


def test_seed_002_investment_figure_but_no_signing(cleaned: bool) -> None:
    result = _extract("002", cleaned)
    assert result["signing"] is False
    assert result["events"] == []
    by_text = {f["text"]: f for f in result["figures"]}
    assert by_text["210亿元"]["investment"] is True
    assert by_text["210亿元"]["projects"] == 24
    for text in ("60.4亿元", "179亿元", "突破100亿元", "4.3亿元"):
        assert by_text[text]["investment"] is False, text
    # the related-articles teasers carry other events' figures: not this article's
    assert not any(f["value"] in (27600000000, 34000000000) for f in result["figures"])


@pytest.mark.parametrize(
    ("number", "signing", "kinds"),
    [
        ("000", True, ["集中签约", "战略合作协议"]),
        ("001", True, ["签约", "战略合作协议", "签约"]),
        ("002", False, []),
        ("003", True, ["集中签约"]),
        ("004", False, []),
    ],
)
def test_seed_event_kinds(number: str, signing: bool, kinds: list[str], cleaned: bool) -> None:
    result = _extract(number, cleaned)
    assert result["signing"] is signing
    assert [e["kind"] for e in result["events"]] == kinds


def test_seed_004_support_money_is_not_investment(cleaned: bool) -> None:
    result = _extract("004", cleaned)
    [figure] = result["figures"]
    assert (figure["text"], figure["qualifier"], figure["investment"]) == ("近6000万元", "nearly", False)
