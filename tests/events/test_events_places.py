"""Places of signing events: development zones, Traditional leftovers, homonym districts."""

from __future__ import annotations

import pytest

from monitor.events import extract
from monitor.text.article import CleanArticle


def _place(sentence: str) -> tuple[str | None, str | None, str | None] | None:
    events = extract(CleanArticle(title=None, paragraphs=(sentence,))).events
    if not events:
        return None
    place = events[0].place
    return (place.province, place.city, place.county)


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        # a development zone resolves to the county or city it lies in
        ("昆山高新区举行重大项目集中签约仪式。", ("江苏省", "苏州市", "昆山市")),
        ("慈溪经济开发区与一家汽车零部件企业签订投资协议。", ("浙江省", "宁波市", "慈溪市")),
        ("义乌工业园区新签约项目6个。", ("浙江省", "金华市", "义乌市")),
        # without a zone word a bare short county name still needs its province or city
        ("义乌举行项目集中签约。", (None, None, None)),
        # Traditional leftovers are folded before places are looked up
        ("江寧區舉行重點項目集中簽約儀式。", ("江苏省", "南京市", "江宁区")),
        # a district shared with a far smaller namesake means the major city's
        ("南山区举行招商项目集中签约仪式。", ("广东省", "深圳市", "南山区")),
        # ... unless the article names the other one's city
        ("鹤岗市南山区举行招商项目集中签约仪式。", ("黑龙江省", "鹤岗市", "南山区")),
        # two namesakes of equal weight: no guess
        ("鼓楼区举行招商项目集中签约仪式。", (None, None, None)),
    ],
)
def test_event_places(sentence: str, place: tuple[str | None, str | None, str | None]) -> None:
    assert _place(sentence) == place
