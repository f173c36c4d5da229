"""Brands, bare names and capacities: what two reports of one project share when their names differ.

Names and investors as real signing and stage reports wrote them (blind2026c's
and blind2026's development cases: 恩捷, 伊利, 杉杉, 晶科, TCL中环, 天马).
"""

from __future__ import annotations

import pytest

from monitor.projects.brands import bare, brand, capacities_differ, opens_with_brand, same_brand


@pytest.mark.parametrize(
    ("investor", "mark"),
    [
        ("内蒙古伊利实业集团股份有限公司", "伊利"),
        ("厦门天马显示科技有限公司", "天马"),
        ("江苏恩捷新材料科技有限公司", "恩捷"),
        ("恩捷股份", "恩捷"),
        ("中国巨石", "巨石"),
        ("TCL中环新能源科技股份有限公司", "tcl"),
        ("上海杉杉锂电材料科技有限公司", "杉杉"),
        # a trade is no brand: 上海医药 would match every drug maker
        ("上海医药集团", None),
        ("锂电行业头部企业惠州亿纬锂能股份有限公司", None),
    ],
)
def test_brand(investor: str, mark: str | None) -> None:
    assert brand(investor) == mark


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("恩捷股份", "江苏恩捷新材料科技有限公司", True),
        ("上海杉杉锂电材料科技有限公司", "杉杉科技", True),
        ("这标志著蒙牛集团", "内蒙古蒙牛乳业(集团)股份有限公司", True),  # words read before the name
        ("中航锂电", "中创新航", False),  # a renamed company is no brand match
        ("宁德时代", "比亚迪", False),
    ],
)
def test_same_brand(a: str, b: str, same: bool) -> None:
    assert same_brand(a, b) is same


@pytest.mark.parametrize(
    ("key", "investors", "expected"),
    [
        (
            "tcl中环年产35gw高纯太阳能(000591)超薄单晶硅片智慧",
            ("TCL中环新能源科技股份有限公司",),
            "35gw高纯太阳能超薄单晶硅片智慧",
        ),
        ("年产35gw高纯太阳能超薄单晶硅片智慧", ("TCL中环新能源科技股份有限公司",), "35gw高纯太阳能超薄单晶硅片智慧"),
        ("眉山20万吨锂电池负极材料一体化", (), "20万吨锂电池负极材料一体化"),
        ("广信区晶科24gw光伏组件一期", ("晶科能源股份有限公司",), "24gw光伏组件一期"),
    ],
)
def test_bare(key: str, investors: tuple[str, ...], expected: str) -> None:
    assert bare(key, investors) == expected


@pytest.mark.parametrize(
    ("a", "b", "differ"),
    [
        ("8gw高效光伏组件", "24gw光伏组件和10万吨光伏组件铝型材", True),
        ("天马第8.6代新型显示面板生产线", "天马第6代柔性amoled生产线", True),
        ("20万吨锂电池负极材料一体化", "眉山20万吨锂电池负极材料一体化", False),
        ("20gwh动力电池", "蜂巢能源遂宁动力锂离子电池", False),  # one states none
    ],
)
def test_capacities_differ(a: str, b: str, differ: bool) -> None:
    assert capacities_differ(a, b) is differ


def test_opens_with_brand() -> None:
    assert opens_with_brand("蜂巢能源遂宁动力锂离子电池", "蜂巢能源科技有限公司")
    assert opens_with_brand("合肥伊利乳业一期", "内蒙古伊利实业集团股份有限公司")
    assert not opens_with_brand("16万吨液态奶冷饮生产", "内蒙古伊利实业集团股份有限公司")
