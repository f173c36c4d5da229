"""Matching forms: one spelling of a name whatever its script, width and legal form."""

from __future__ import annotations

import pytest

from monitor.projects.normalise import fold, organisation

# names as real pages in tests/projects/passages.py write them
ORGANISATIONS = [
    ("上海医药集团股份有限公司", "上海医药集团"),
    ("聯發科技股份有限公司", "联发科技"),
    ("联发科技(合肥)有限公司", "联发科技"),
    ("中交四航（武汉）供应链管理有限公司", "中交四航供应链管理"),
    ("江西省地质工程(集团)公司", "江西省地质工程"),
    ("甘肃亿德力建筑有限责任公司", "甘肃亿德力建筑"),
    ("紫光集团有限公司", "紫光集团"),
    ("紫光集团", "紫光集团"),
    ("梁园区人民政府", "梁园区政府"),
    ("許昌經濟技術開發區管理委員會", "许昌经济技术开发区管委会"),
]


@pytest.mark.parametrize(("name", "form"), ORGANISATIONS)
def test_organisation_form(name: str, form: str) -> None:
    assert organisation(name) == form


def test_fold_is_simplified_half_width_without_quotes() -> None:
    assert fold("“花田酒溪·神農谷地”生態康養項目") == "花田酒溪神农谷地生态康养项目"
    assert fold("華晟２０ＧＷ異質結（一期）") == "华晟20GW异质结(一期)"
