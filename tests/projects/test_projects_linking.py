"""Linking a later report to the project it continues when the names differ: real cases, both ways.

Keys, investors, places and industries as signwatch reads them from real
signing and stage articles (blind2026c and blind2026, development cases),
each with the distractor an analyst must keep apart: the same investor's
other project in the same city, another capacity, an expansion.
"""

from __future__ import annotations

import pytest

from monitor.store.project_filing import Known, same_project

SUINING = ("四川省", "遂宁市", None)
HEFEI_CHANGFENG = ("安徽省", "合肥市", "长丰县")
JINTAN = ("江苏省", "常州市", "金坛区")
SHANGRAO = ("江西省", "上饶市", None)
LIUZHOU = ("广西壮族自治区", "柳州市", None)
HAICANG = ("福建省", "厦门市", "海沧区")
TIANFU = ("四川省", "成都市", "天府新区")


def _known(key: str, investor: str | None, place: tuple[str | None, ...], industry: str | None) -> Known:
    return Known(key, investor, place[0], place[1], place[2], industry)


@pytest.mark.parametrize(
    ("new", "stored", "same"),
    [
        # the investor written as a subsidiary and as the listed company: one brand
        (
            _known("恩捷隔膜", "恩捷股份", JINTAN, None),
            _known("恩捷隔膜", "江苏恩捷新材料科技有限公司", JINTAN, None),
            True,
        ),
        # the bare names agree: less the place, 年产
        (
            _known("眉山20万吨锂电池负极材料一体化", "杉杉科技", ("四川省", "眉山市", None), "新材料"),
            _known(
                "年产20万吨锂电池负极材料一体化",
                "上海杉杉锂电材料科技有限公司",
                ("四川省", "眉山市", "彭山区"),
                "新材料",
            ),
            True,
        ),
        # a signing that names no project but its product, and the plant named by brand and place
        (
            _known("蜂巢能源遂宁动力锂离子电池", None, SUINING, "新能源"),
            _known("20gwh动力电池", "蜂巢能源科技有限公司", SUINING, "新能源汽车"),
            True,
        ),
        (
            _known("合肥伊利乳业一期", None, HEFEI_CHANGFENG, "其他制造业"),
            _known("16万吨液态奶冷饮生产", "内蒙古伊利实业集团股份有限公司", HEFEI_CHANGFENG, "其他制造业"),
            True,
        ),
        # bare names ending in the same product (a trade's word in it), with the place and investor
        (
            _known("通威太阳能眉山基地高效晶硅电池一期", None, ("四川省", "眉山市", None), "新能源"),
            _known("通威高新技术绿色产业园区项目暨10gw高效晶硅电池", "通威集团", ("四川省", "眉山市", None), "新能源"),
            True,
        ),
        (
            _known("通威太阳能眉山基地高效晶硅电池一期", None, ("四川省", "眉山市", None), "新能源"),
            _known("通威高新技术绿色产业园区项目暨10gw高效晶硅电池", "通威集团", TIANFU, "新能源"),
            False,
        ),
        # a stored name of the brand and a trade's words only is no name of its own
        (
            _known("南京欣旺达新能源一期", None, ("江苏省", "南京市", "溧水区"), "新能源"),
            _known("欣旺达动力电池", "欣旺达电子股份有限公司", ("江苏省", "南京市", "溧水区"), "新能源汽车"),
            True,
        ),
        # never by place and trade alone: another brand's plant there
        (
            _known("合肥蒙牛乳业一期", None, HEFEI_CHANGFENG, "其他制造业"),
            _known("16万吨液态奶冷饮生产", "内蒙古伊利实业集团股份有限公司", HEFEI_CHANGFENG, "其他制造业"),
            False,
        ),
        # the same investor's project of its own name there is another project
        (
            _known("紫光芯城", "紫光集团", TIANFU, "新一代信息技术"),
            _known("紫光ic国际城", "紫光集团", TIANFU, "新一代信息技术"),
            False,
        ),
        (
            _known("特斯拉储能超级", "特斯拉", ("上海市", "上海市", None), "新能源"),
            _known("特斯拉上海超级一期", "特斯拉", ("上海市", "上海市", None), "新能源汽车"),
            False,
        ),
        (
            _known("12英寸高端模拟集成电路芯片制造生产线", "士兰微", HAICANG, "新一代信息技术"),
            _known("士兰微电子12吋芯片生产线", "厦门士兰集科微电子有限公司", HAICANG, "新一代信息技术"),
            False,
        ),
        # another capacity, an expansion: another plant
        (
            _known("8gw高效光伏组件", "晶科能源", SHANGRAO, "新能源"),
            _known("24gw光伏组件和10万吨光伏组件铝型材", "晶科能源股份有限公司", SHANGRAO, "新能源"),
            False,
        ),
        (
            _known("柳州国轩新增年产10gwh动力电池出产", None, LIUZHOU, "新能源汽车"),
            _known("年产10gwh动力电池生产", "国轩高科股份有限公司", LIUZHOU, "新能源汽车"),
            False,
        ),
        # a trade read from what is built (产业园), or not read at all, is no evidence
        (
            _known("惠科显示模组", "惠科", ("四川省", "绵阳市", None), "房地产与产业园区"),
            _known("中国兵器装备军民融合", "惠科", ("四川省", "绵阳市", "涪城区"), "房地产与产业园区"),
            False,
        ),
        (
            _known("q10", "湖北亿纬动力有限公司", ("湖北省", "荆门市", None), None),
            _known("就荆门动力储能电池", "湖北亿纬动力有限公司", ("湖北省", "荆门市", None), "新能源"),
            False,
        ),
    ],
)
def test_same_project_when_names_differ(new: Known, stored: Known, same: bool) -> None:
    assert (same_project(new, stored) > 0) is same
