"""Linking a later report to the project it continues when the names differ: real cases, both ways.

Keys, investors, places and industries as signwatch reads them from real
signing and stage articles (blind2026c and blind2026, development cases),
each with the distractor an analyst must keep apart: the same investor's
other project in the same city, another capacity, an expansion.
"""

from __future__ import annotations

import pytest

from monitor.events.model import Place
from monitor.store.project_filing import Known, named_place, same_project

SUINING = ("四川省", "遂宁市", None)
HEFEI_CHANGFENG = ("安徽省", "合肥市", "长丰县")
JINTAN = ("江苏省", "常州市", "金坛区")
SHANGRAO = ("江西省", "上饶市", None)
LIUZHOU = ("广西壮族自治区", "柳州市", None)
HAICANG = ("福建省", "厦门市", "海沧区")
TIANFU = ("四川省", "成都市", "天府新区")
JIANGNING = ("江苏省", "南京市", "江宁区")
GUANGZHOU = ("广东省", "广州市", None)
YICHANG = ("湖北省", "宜昌市", None)
SHUANGLIU = ("四川省", "成都市", "双流区")
YIBIN = ("四川省", "宜宾市", None)
WANGCHENG = ("湖南省", "长沙市", "望城区")
BAODI = ("天津市", "天津市", "宝坻区")
QINGDAO_HIGHTECH = ("山东省", "青岛市", "青岛高新技术产业开发区")
SIP = ("江苏省", "苏州市", "苏州工业园区")
TAICANG = ("江苏省", "苏州市", "太仓市")
ZHONGSHAN = ("广东省", "中山市", None)


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
        # a battery plant filed as 新能源 once and 新能源汽车 once: its trade agrees (blind2026e P17, LG化学 滨江)
        (
            _known("lg化学动力电池", None, JIANGNING, "新能源汽车"),
            _known("lg化学电池", "韩国LG化学", JIANGNING, "新能源"),
            True,
        ),
        (
            _known("lg化学动力电池", None, ("江苏省", "南京市", None), "新能源汽车"),
            _known("lg化学电池", "韩国LG化学", ("浙江省", "杭州市", "滨江区"), "新能源"),
            False,
        ),
        # a name opening with the brand of the other side's investor says who invests (blind2026e P21)
        (
            _known("百济神州生物制药", None, ("广东省", "广州市", "黄埔区"), "生物"),
            _known("百济神州生物药", "百济神州生物药有限公司", GUANGZHOU, "相关服务"),
            True,
        ),
        (
            _known("其苏州创新药物产业化", None, ("江苏省", "苏州市", "苏州工业园区"), "生物"),
            _known("百济神州生物药", "百济神州生物药有限公司", GUANGZHOU, "生物"),
            False,
        ),
        # ... but not for a sector's words: 宁德时代's 动力电池 is not the 时代吉利 joint venture's (blind2026 P03, P12)
        (
            _known("动力电池", "宁德时代新能源科技股份有限公司", YIBIN, "新能源汽车"),
            _known("时代吉利动力电池宜宾一期", None, YIBIN, "新能源汽车"),
            False,
        ),
        # one name, the same on both, opening with one investor's brand: the other investor read is the
        # builder (基础公司 of 中煤湖北地质局) or a partner (欧航航材) (blind2026e P02, P37)
        (
            _known("楚能新能源锂电池", "基础公司", ("湖北省", "宜昌市", "夷陵区"), "新能源"),
            _known("楚能新能源锂电池", "楚能新能源股份有限公司", YICHANG, "新能源"),
            True,
        ),
        (
            _known("楚能新能源锂电池", "基础公司", ("湖北省", "宜昌市", "夷陵区"), "新能源"),
            _known("楚能新能源锂电池", "恒信汽车集团股份有限公司", ("湖北省", "孝感市", None), "新能源"),
            False,
        ),
        (
            _known("空中客车飞机全生命周期服务", "空客公司", SHUANGLIU, None),
            _known("空中客车飞机全生命周期服务", "欧航航材公司", SHUANGLIU, None),
            True,
        ),
        # a name opening with the signer's brand, told with its parent (丰益集团) as investor: the parent is
        # no other investor (blind2026e P03, 益海嘉里 望城); a brand that writes the other investor in its
        # name is a joint venture, another investor (时代吉利 of 吉利 and 宁德时代)
        (
            _known("益海嘉里粮油食物智能制造", "丰益集团", WANGCHENG, "其他制造业"),
            _known("湖南粮油食品生产加工", "益海嘉里集团", WANGCHENG, "其他制造业"),
            True,
        ),
        (
            _known("金浩粮油智能", None, WANGCHENG, "其他制造业"),
            _known("湖南粮油食品生产加工", "益海嘉里集团", WANGCHENG, "其他制造业"),
            False,
        ),
        (
            _known("时代吉利年产能12gwh动力电池宜宾", "吉利", YIBIN, "新能源汽车"),
            _known("动力电池", "宁德时代新能源科技股份有限公司", YIBIN, "新能源汽车"),
            False,
        ),
        # a name that says only whose plant it is and where: the investor's project there (blind2026e P12,
        # 三一 宝坻; ``_link`` takes it only when that investor has one project there)
        (
            _known("三一重能天津", "三一重能", BAODI, None),
            _known("三一风电智能制造", "三一", BAODI, "高端装备制造"),
            True,
        ),
        (
            _known("三一重能天津", "三一重能", BAODI, None),
            _known("三一风电智能制造", "三一", ("天津市", "天津市", "滨海新区"), "高端装备制造"),
            False,
        ),
        (
            _known("三一重能天津", "三一重能", BAODI, None),
            _known("京东方智慧物联", "京东方科技集团", BAODI, "新一代信息技术"),
            False,
        ),
        (
            _known("一汽大众佛山", "一汽大众", ("广东省", "佛山市", None), "新能源汽车"),
            _known("美的楼宇科技", "美的集团", ("广东省", "佛山市", "顺德区"), "其他制造业"),
            False,
        ),
        # names that share a run of their own (吸入气雾剂, 仪器设备生产), with the place and the investor or
        # trade (blind2026e P33, 阿斯利康 青岛; P31, 罗氏诊断 苏州工业园区); an expansion there stays apart (X32)
        (
            _known("青岛吸入气雾剂生产供应一期", "阿斯利康", ("山东省", "青岛市", None), "其他制造业"),
            _known("布地格福吸入气雾剂国内生产供应", "阿斯利康", QINGDAO_HIGHTECH, "物流"),
            True,
        ),
        (
            _known("就呼吸药物生产及供应扩建", None, QINGDAO_HIGHTECH, "生物"),
            _known("布地格福吸入气雾剂国内生产供应", "阿斯利康", QINGDAO_HIGHTECH, "生物"),
            False,
        ),
        (
            _known("亚太试剂及仪器设备生产和研发", None, SIP, "生物"),
            _known("罗氏诊断试剂和仪器设备生产研发", "罗氏诊断产品(苏州)有限公司", SIP, "生物"),
            True,
        ),
        (
            _known("亚太试剂及仪器设备生产和研发", None, SIP, "生物"),
            _known(
                "罗氏诊断试剂和仪器设备生产研发", "罗氏诊断产品(苏州)有限公司", ("江苏省", "苏州市", "吴中区"), "生物"
            ),
            False,
        ),
        # a key inside another only by cutting one of its words (舍弗勒新基地's 舍弗勒新 and the 新 of
        # 新能源汽车): 舍弗勒's new base in 太仓 and its vehicle-parts project there are two (blind2026g Y33, Y34)
        (
            _known("舍弗勒新能源汽车核心部件", None, TAICANG, "新能源汽车"),
            _known("舍弗勒新", None, TAICANG, "现代服务业"),
            False,
        ),
        # an expansion is not the investor's plant there: 珠江啤酒's 中山 base signed in 2005 and the
        # 中山啤酒产能扩建升级项目 that later started production (blind2026g Y41, Y42)
        (
            _known("旗下中山啤酒产能扩建升级", "广州珠江啤酒", ZHONGSHAN, "其他制造业"),
            _known("中山生产", "珠江啤酒集团", ZHONGSHAN, None),
            False,
        ),
        # two investors' plants of one generic name in one county stay two
        (
            _known("年产2万吨碳酸锂", "天齐锂业股份有限公司", ("四川省", "遂宁市", "安居区"), "新能源"),
            _known("年产2万吨碳酸锂", "四川相源新能源有限公司", ("四川省", "遂宁市", "安居区"), "新能源"),
            False,
        ),
    ],
)
def test_same_project_when_names_differ(new: Known, stored: Known, same: bool) -> None:
    assert (same_project(new, stored) > 0) is same


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("恒力(昆山)国际新材料产业园", Place("江苏省", "苏州市", "昆山市")),
        ("恒力(吴江)智能化超市工厂项目", Place("江苏省", "苏州市", "吴江区")),
        ("楚能新能源（宜昌）锂电池产业园项目", Place("湖北省", "宜昌市", None)),
        ("三一(天津)风电智能制造产业园", Place("天津市", "天津市", None)),
        ("大众汽车(安徽)项目", Place("安徽省", None, None)),
        # a region, a phase, a place of several divisions: none
        ("恒力(长三角)国际新材料产业基地项目", None),
        ("华晟(一期)项目", None),
        ("绿色建材(朝阳)项目", None),
    ],
)
def test_a_place_in_brackets_in_a_name(name: str, place: Place | None) -> None:
    assert named_place(name) == place
