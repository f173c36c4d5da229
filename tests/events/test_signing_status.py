"""Signing statuses (issue 15): done, planned, intended, or no signing at all.

Each row is a published passage, quoted as it appears in the development set
``tests/events/eval/blind2026/passages.jsonl`` (its id in the comment), cleaned
as a user's text is (``clean_text``), with every signing event extraction
reports, as ``kind/status``.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from monitor.events import extract
from monitor.text import clean_text
from monitor.text.article import CleanArticle


def _statuses(text: str) -> list[str]:
    return [f"{e.kind}/{e.status}" for e in extract(clean_text(text)).events]


@pytest.mark.parametrize(
    ("passage", "events"),
    [
        # p037: an intent signed at a fair, and its amount, are intended, not done
        (
            "本报海东讯 (记者 赵睿) 7月21日,记者从海东工业园区管理委员会获悉,"
            "园区已落实“青洽会”意向签约项目7项,意向签约额160亿元。",
            ["意向签约/intended"],
        ),
        # p041: 签订意向金额
        (
            "“请进来”招商36次,对接企业139家,洽谈项目43个,签订意向金额30亿元。",
            ["意向签约/intended"],
        ),
        # p048: an intended loan agreement named after its amount
        (
            "【香港商報網訊】3月20日,安徽省巢湖市召開全面有序復工復產銀企合作對接會議,"
            "會上全市15家企業與15家銀行簽訂總額11.86億元的意向貸款協議,為緩解企業融資壓力,恢復生產經營提供有力保障。",
            ["意向签约/intended"],
        ),
        # p116: the ceremony is only the setting of what was reached there, an intent
        (
            "签约仪式上,鱼台县还围绕煤盐化工、农产品加工、高新技术、机电设备等六大优势产业向60多位中外客商"
            "重点推介了20个重点投资项目,其中有18个项目达成合作意向,共签订合作意向投资额20多亿。",
            ["意向签约/intended"],
        ),
        # p203: 达成投资意向; the formal agreements are counted 截至今年9月份, a tally, not an event
        (
            "北方網消息:2日,由12位美國房地產界、金融界人士組成的美國企業代表團在天津市投資服務中心、"
            "天津市外國企業專家服務總公司帶領下,對海河兩岸綜合開發改造進行相關項目考察,並初步達成相關投資意向。\n"
            "據悉,截至今年9月份,海河開發已簽訂正式投資協議3項,引資25.7億元;簽訂投資意向13個,意向引資額110多億元。",
            ["意向签约/intended"],
        ),
    ],
)
def test_an_intent_is_intended(passage: str, events: list[str]) -> None:
    assert _statuses(passage) == events


@pytest.mark.parametrize(
    ("passage", "events"),
    [
        # p066: a board approved it; the agreement is left unnamed at the end of its clause
        (
            "美湖股份3月23日晚间发布公告称,经公司2025年3月22日召开的第十一届董事会第十八次会议审议通过,"
            "公司拟与重庆市沙坪坝区招商投资促进中心签订,项目计划总投资约7亿元,一期投资2亿元。",
            ["协议/planned"],
        ),
        # p067: the motion, then the agreement the company 拟与 its partner signs
        (
            "申菱环境公告,公司第四届董事会第十三次会议于2026年3月6日召开,审议通过关于公司拟签署投资开发建设协议的议案。"
            "根据协议,公司拟与佛山市顺德区陈村镇人民政府签署投资开发建设协议,宗地项目投资总额不低于8亿元。",
            ["投资协议/planned", "投资协议/planned"],
        ),
        # p068: 同意公司与…签订《…》 governs every agreement of its sentence
        (
            "金风科技公告,公司董事会会议审议通过《关于布局温州海上风电产业基地的议案》,"
            "同意公司与温州市人民政府建立战略合作伙伴关系并签订《战略合作框架协议》。"
            "同时,基于《战略合作框架协议》,同意公司与温州瓯江口产业集聚区管理委员会就金风科技温州深远海海上风电"
            "零碳总部基地等项目落地瓯江口相关事宜签订《项目投资协议》,与温州洞头区人民政府就打造国际领先的深远海"
            "海工装备制造及服务产业集群相关事宜签订《项目投资合作协议书》。",
            ["战略合作协议/planned", "投资协议/planned"],
        ),
        # p069: 拟与 two partners, and a motion whose title names the agreement (no event of its own)
        (
            "英科医疗公告,公司拟与临湘市人民政府、城陵矶新港区管理委员会共同签订两份《投资协议书》。\n"
            "2020年9月2日,公司董事会会议审议通过了《关于与临湘市人民政府、城陵矶新港区管理委员会签订"
            "年产400亿只(4000万箱)高端医用手套项目和城陵矶新港区北片区(临湘工业园)热电联产项目投资协议书的议案》,"
            "该议案尚需提交公司2020年第四次临时股东大会审议通过。",
            ["投资协议/planned"],
        ),
        # p070: a line broken inside the sentence (a PDF copied line by line) leaves 拟与 on the line before
        (
            "为满足公司战略发展需要,进一步提升公司规模化生产效应,公司拟与重庆\n"
            "创新经济走廊开发建设有限公司签订投资协议,在重庆市渝北区投资建设高分子\n"
            "材料项目,项目总投资不低于 6 亿元(其中固定资产投资约 2 亿元)。",
            ["投资协议/planned"],
        ),
        # the planned forms: 拟签约 (heldout2 h2-099), 计划 (p038), 将 (p043)
        ("株洲市荷塘区拟签约项目4个,拟投资总额3.8亿元。", ["签约/planned"]),
        (
            "绿城五彩河湟建设项目、易华录城市数据湖项目3项计划参加集中签约专题活动,投资金额达120亿元。",
            ["集中签约/planned"],
        ),
        ("仅4月17日,广陵区就将新签约重大项目52个、集中新开工和竣工投产项目66个。", ["签约/planned"]),
        # a planned signing stays the headline over intents reached ahead of it (heldout2 h2-016)
        (
            "沈阳市浑南区拟于9月下旬集中签约一批科技创新项目,目前已有23个项目达成签约意向,意向投资额约75亿元。",
            ["集中签约/planned"],
        ),
    ],
)
def test_a_signing_still_to_come_is_planned(passage: str, events: list[str]) -> None:
    assert _statuses(passage) == events


@pytest.mark.parametrize(
    ("passage", "events"),
    [
        # p021: an agreement named by a long title
        (
            "16日上午,省政府与中国农业发展银行签署《支持浙江高质量发展建设共同富裕示范区战略合作协议》。",
            ["战略合作协议/done"],
        ),
        # p114 and the 已成功签约项目52项: projects counted with 项
        ("6月5日,街河市镇成功签约3个招商引资项目,协议投资额达3.1亿元。", ["签约/done"]),
        ("已成功签约项目52项。", ["签约/done"]),
        # p105 and p176: projects signed, counted after the verb
        (
            "24日,在杭州举行的2012年湖北浙江“长三角”地区经贸洽谈会上,新洲区一次签下7个项目,投资总额达146.5亿元。",
            ["签约/done"],
        ),
        (
            "在10月16日举行的安徽省与中央企业深化合作座谈会上,安徽省与45户央企签署78个合作项目,投资规模1677.6亿元。",
            ["签约/done"],
        ),
        # p046: an agreement reached
        (
            "在不到一个月时间内,我市就有38个重点建设项目与银行达成合作协议,预计年内可授信额度159.3亿元。",
            ["合作协议/done"],
        ),
        # p064: a later project signed at the same time
        ("同时签约的还有上海技术交易所国际交易中心“跨境技术贸易功能平台和跨境产业孵化基地”项目。", ["签约/done"]),
        # blind2026f f041, blind2026d p092: projects named as what was signed
        (
            "我市当天签订的北京国巨投资控股集团总投资66亿元建设的北京国巨大健康产业基地项目,"
            "广东华创化工有限公司总投资5.3亿元建设的年产5000吨羰基铁生产项目,"
            "黑龙江省沃达科技有限公司总投资18亿元建设的20万吨钛白粉装置、40万吨磷酸盐装置项目,"
            "深圳市众鑫丰源投资有限公司总投资8亿元建设的钼产品深加工项目,四川科伦集团总投资8亿元建设的博宇公路港项目,"
            "上海蔡同德药业有限公司总投资5.5亿元建设的胡庆余堂中药饮品及保健品系列生产项目,"
            "港丰基业(北京)投资管理有限公司总投资5亿元建设的年产5万吨高性能防腐涂料项目,"
            "北京豪门科技集团有限公司总投资5亿元建设的隧道掘进机刀盘项目,"
            "上海金恪投资控股集团总投资5亿元建设的现代农业金融创新平台项目,"
            "桂林三金药业有限公司总投资5亿元建设的医药、保健品生产项目,"
            "大连绿都房地产开发有限公司总投资5亿元建设的佰颐温泉庄园项目,贵州瓮福集团总投资5亿元建设的生态农业示范项目,"
            "上海筑居房地产开发有限公司总投资5亿元建设的木结构房屋试验基地项目,因投资规模大、效益前景好而格外引人关注。",
            ["签约/done"],
        ),
        (
            "”谈话间,江西致信光电科技有限公司董事长赖景彰与万年县签订的投资10亿元高端变焦镜头生产项目的电子合同已生成。",
            ["签约/done"],
        ),
        # blind2026b p139: by their investment, the agreement named far after the verb
        (
            "区委副书记、区长李洪亮代表九台区政府与复星集团党委书记、高级副总裁李海峰"
            "签订了投资300亿元的长春卡伦湖生态新城项目合作协议。",
            ["签约/done"],
        ),
        # blind2026f f145: as a batch
        (
            "圍繞自治區產業結構調整確定的優勢優先產業開展產業鏈和重點行業招商引資,并簽訂了一大批相關項目。",
            ["签约/done"],
        ),
    ],
)
def test_signings_in_forms_the_triggers_lacked(passage: str, events: list[str]) -> None:
    assert _statuses(passage) == events


def test_a_clause_that_signs_is_no_period_for_the_clauses_after_it() -> None:
    # p080: 累计 counts the first clause's signings; the open zones' 63 projects are this event's too
    passage = (
        "板块联动显优势。这次活动,镇街板块累计签约项目28个,总投资155亿元,占比23%;"
        "开放园区签约项目63个,总投资525亿元,占比77%。"
    )
    assert _statuses(passage) == ["签约/done"]


@pytest.mark.parametrize(
    "passage",
    [
        # p117: a tally up to a date, its period in a clause of its own before the semicolons
        "截止4月23日,七里坪镇签约项目16个,协议投资1.92亿元;高桥镇签约项目13个,协议投资3.52亿元;"
        "城关镇签约项目11个,协议投资5.22亿元;杏花乡签约项目11个,协议投资3.7亿元;"
        "太平桥镇签约项目8个,协议投资2.03亿元;二程镇签约项目8个,协议投资1.97亿元;"
        "上新集镇签约项目6个,协议投资6.92亿元;华家河镇签约项目5个,协议投资1.18亿元;"
        "火连畈茶场签约项目2个,协议投资1.3亿元;觅儿寺镇签约项目2个茶场,协议投资0.27亿元;"
        "八里湾镇、永佳河镇、天台山风景区管理处无签约项目。",
        # p017: a tally since a date, opened by a short clause of the period
        "截至目前,重庆已累计开展“云签约”活动近20场,合计签约各类项目200余个,协议引资近2000亿元。",
        # seed 002: a progress report on existing projects
        "总投资210亿元的24个重大项目得到有力推进,嘉定片区能级品质不断跃升。",
        # p069: a motion's title that names an agreement
        "2020年9月2日,公司董事会会议审议通过了《关于与临湘市人民政府、城陵矶新港区管理委员会签订"
        "年产400亿只(4000万箱)高端医用手套项目和城陵矶新港区北片区(临湘工业园)热电联产项目投资协议书的议案》,"
        "该议案尚需提交公司2020年第四次临时股东大会审议通过。",
        # blind2026f f142: a signing told before, taken as the occasion of what comes next
        "中国能建将以此次签约为契机,继续深化与宁夏合作,充分发挥七个一体化优势和“七网融合”核心优势,"
        "积极助力宁夏加快形成“六新六特六优”产业发展格局,以更大担当为奋力开创宁夏高质量发展新局面贡献能建之力。",
    ],
)
def test_no_signing(passage: str) -> None:
    assert _statuses(passage) == []


# Cases written for the classes blind2026b showed (issue 15); the texts are ours, in
# the shapes fair reports, wire copy and company notices use.
@pytest.mark.parametrize(
    ("passage", "events"),
    [
        # projects counted after the word for them: 签订…项目N个, 达成…项目N个
        ("本届洽谈会期间,共签订国内外合作项目126个、金额835亿元。", ["签约/done"]),
        ("峰会期间达成合作项目38个,总金额412亿元。", ["签约/done"]),
        ("交易会共签订投资额5000万元以上的正式合同项目318个,投资总额2210.4亿元。", ["签约/done"]),
        ("展会期间,该市与客商签订的投资合作项目达94个,其中超亿元项目61个。", ["签约/done"]),
        # the field named between 签约 and the projects, or the count qualified
        ("本届大会共对接签约先进制造业项目57个、总投资680亿元。", ["签约/done"]),
        ("大会洽谈签约项目超150个,涉及投资总额超3000亿元。", ["签约/done"]),
        ("本届博览会各方签约项目累计86个、金额47亿美元。", ["签约/done"]),
        # 洽谈签约 is a fair's word for deals signed; 成功推动 brought one to signing
        ("6月8日,投资推介会举行,共有42个项目洽谈签约,涉及投资总额315亿元。", ["签约/done"]),
        ("推介会上,经开区成功推动3个项目签约,总投资额46亿元。", ["签约/done"]),
        # a ceremony named 签署仪式 or 签字仪式
        ("该公司昨日在合肥举行签署仪式,正式启动新能源电池基地项目建设。", ["签约仪式/done"]),
        # an agreement in quotes, a 协定, a project's contract
        (
            "集团与市政府签署“智能制造产业园建设项目合作框架协议”,将投资120亿元建设产业园。",
            ["合作协议/done"],
        ),
        ("近日,该公司与市政府达成合作协定,将在高新区投资80亿元建设研发中心。", ["合作协议/done"]),
        ("各代表团共签订利用外资项目合同总投资额12.6亿美元。", ["投资协议/done"]),
        # a fair's own tally 截至目前 is this fair's result
        ("截至目前,本届博览会共征集签约项目215个,签约总额3600亿元。", ["签约/done"]),
    ],
)
def test_signings_counted_in_the_forms_fairs_report(passage: str, events: list[str]) -> None:
    assert _statuses(passage) == events


@pytest.mark.parametrize(
    ("passage", "events"),
    [
        # a goal set for signings still to come
        ("开发区力争年内与3家龙头企业签订投资协议。", ["投资协议/planned"]),
        # a company board approving a project contract still to be signed
        (
            "会议审议通过了《关于公司与某经济技术开发区管理委员会签署项目投资合同的议案》,项目计划总投资15亿元。",
            ["投资协议/planned"],
        ),
        # …but a negotiation still under way is not a signing yet
        ("双方正在洽谈签约事宜,项目拟投资20亿元。", ["签约/planned"]),
    ],
)
def test_a_goal_or_approval_is_planned(passage: str, events: list[str]) -> None:
    assert _statuses(passage) == events


@pytest.mark.parametrize(
    "passage",
    [
        # an intent to buy at a fair is trade, not an investment signing
        "本届进博会,市交易团已达成意向采购订单85笔,意向采购金额12.4亿美元。",
        "开幕当天,该集团便与一家海外供应商签下5000万美元的意向合约,刷新了展会的成交纪录。",
    ],
)
def test_an_intent_to_buy_is_no_signing(passage: str) -> None:
    assert _statuses(passage) == []


@pytest.mark.parametrize(
    ("passage", "events"),
    [
        # a span measured from a signing is no signing told
        ("此次从签订协议到项目开工建设,仅用了5天时间。", []),
        ("该项目从签约到投产只用了11个月。", []),
        # a paragraph on the progress of earlier fairs' projects recounts their signings
        (
            "目前,前两届投资大会项目进展顺利。2022年大会共签约项目620个,其中已开工410个;"
            "2023年大会共签约项目655个,其中已开工480个。",
            [],
        ),
        # a signed total's share is a breakdown; a fair's coming signings are planned
        (
            "大会期间将签署一批合作项目,争取先进制造业项目签约总额占大会签约总额的45%。",
            ["签约/planned"],
        ),
        # projects arranged to take part in a ceremony still ahead
        ("另外,我县已安排8个项目参加省集中签约仪式,涉及签约资金2.1亿美元。", ["集中签约/planned"]),
    ],
)
def test_spans_recounts_and_arrangements(passage: str, events: list[str]) -> None:
    assert _statuses(passage) == events


@pytest.mark.parametrize(
    ("paragraphs", "published", "events"),
    [
        # a signing its clause dates two years or more before the article is history recalled
        (
            ("该企业一期项目已于去年投产。", "企业在2021年又与当地政府签署了二期投资协议,总投资80亿元。"),
            datetime(2023, 10, 9, tzinfo=UTC),
            [],
        ),
        # ... the year before is still news (a signing of late December told in January)
        (
            ("2022年12月28日,企业与当地政府签署了二期投资协议,总投资80亿元。",),
            datetime(2023, 1, 6, tzinfo=UTC),
            ["投资协议/done"],
        ),
        # ... and with no date of the article nothing is taken for history
        (
            ("企业在2021年又与当地政府签署了二期投资协议,总投资80亿元。",),
            None,
            ["投资协议/done"],
        ),
    ],
)
def test_a_signing_years_before_the_article_is_recalled(
    paragraphs: tuple[str, ...], published: datetime | None, events: list[str]
) -> None:
    article = CleanArticle(title=None, paragraphs=paragraphs, published=published)
    assert [f"{e.kind}/{e.status}" for e in extract(article).events] == events


@pytest.mark.parametrize(
    ("passage", "events"),
    [
        # blind2026d p112: a ceremony held is done, whatever its name says (整镇推进)
        (
            "本报讯 引入金融“活水”,助力乡村振兴。4月3日,灵秀镇举行乡村振兴整镇推进政银战略合作签约仪式,"
            "未来三年,石狮农商银行将为灵秀镇乡村振兴项目整体授信20亿元。",
            ["签约仪式/done"],
        ),
        # blind2026d p129: a 洽谈会 is a meeting's name, not talks still under way
        (
            "10月28日,在太仓2021金秋经贸月洽谈会暨重点项目集中签约活动上,"
            "艾威昂智能科技(太仓)有限公司总经理马库斯·克诺尔手拿公司营业执照开心地说。",
            ["集中签约/done"],
        ),
        # blind2026d p154: ... and a ceremony set for a day after it is still planned
        (
            "从会上传出消息,经省委、省政府同意,省民营企业产业项目洽谈会暨签约仪式定于9月27日在福州举行,"
            "目前各项筹备工作已进入倒计时。",
            ["签约仪式/planned"],
        ),
        # a ceremony to be held is planned, as before
        ("下月,我市将举行重大项目集中签约仪式。", ["集中签约/planned"]),
    ],
)
def test_a_ceremony_held_and_one_to_come(passage: str, events: list[str]) -> None:
    assert _statuses(passage) == events


@pytest.mark.parametrize(
    "passage",
    [
        # blind2026d p069, p072: agreements to buy or sell at a fair are trade, not an investment signing
        "近日,首届泰州绿色健康农产品(上海)展销会在上海农业展览馆举行。本届展销会收获颇丰,"
        "泰州市及各市(区)31家单位与上海商家共签订36份采购协议,协议成交总额达15.54亿元。",
        "本次展会组委会还邀请了江苏、浙江、上海、北京等地200多名采购商参展洽谈采购,"
        "42家企业现场签订农产品购销意向合同,签约金额超过20亿元。",
        # blind2026d p063, p071, p075: goods sold or ordered, in a sentence naming no project or
        # investment, are a deal however it says 签约
        "10月12日至14日,2013海峡两岸(江苏)名优农产品展销会在无锡举办。"
        "本届农展会上,徐州市现场销售农产品近50万元,农产品销售签约1.6亿元。",
        "2019海峽兩岸(江蘇)名優農産品展銷會現場簽約逾20億元",
        "记者从发布会上获悉,此次交易会共签下订单合同41个,预计签约金额5.4亿元,"
        "合同产品涉及枸杞、人参果、韭菜、羊肉、蜜瓜、藜麦、食葵、花卉制种等产品30多个。",
    ],
)
def test_purchase_agreements_are_no_signing(passage: str) -> None:
    assert _statuses(passage) == []


@pytest.mark.parametrize(
    ("passage", "events"),
    [
        # blind2026h h182: a firm's formal contract with the zone it settles in
        ("该企业已与高新区签订正式合同,并在我市注册工商营业执照,租赁了厂房和员工宿舍。", ["协议/done"]),
        # h161, h123: this signing told by what it signed, or by its agreement
        (
            "本次签约的德国欧颂公司成立于1984年,是德国安全座椅行业的开创者与引领者。",
            ["签约/done"],
        ),
        (
            "陈建平表示,协议的签订,既是我县深化政银企合作对接的一项重要成果,"
            "也标志着竹山县与农发行十堰分行的合作迈上新台阶。",
            ["协议/done"],
        ),
    ],
)
def test_signings_told_by_title_contract_or_back(passage: str, events: list[str]) -> None:
    assert _statuses(passage) == events


@pytest.mark.parametrize(
    ("passage", "events"),
    [
        # blind2026g l072 (projects): 此次签约的…两个新项目 retells the ceremony of the first sentence;
        # read as a signing of its own it joined another project's later stage
        (
            "近日,今麦郎产业园饮品和面粉项目签约仪式在山东济宁市兖州区举行。\n"
            "据了解,此次签约的今麦郎集团饮品和面粉两个新项目将落户兖州工业园,总投资20亿元。",
            [("签约仪式", "近日,今麦郎产业园饮品和面粉项目签约仪式在山东济宁市兖州区举行。", ())],
        ),
        # blind2026 p124: projects counted after 此次签约的 are the ceremony's, with their figure
        (
            "日前,石家庄市元氏县2021年第二次项目集中签约仪式在元氏县政府举行。\n"
            "此次签约的8个项目包括大寺峪项目、诚实汽车贸易产业园项目等,总投资约110亿元。",
            [
                (
                    "集中签约",
                    "此次签约的8个项目包括大寺峪项目、诚实汽车贸易产业园项目等,总投资约110亿元。",
                    ("约110亿元",),
                )
            ],
        ),
    ],
)
def test_a_signing_told_back_under_a_ceremony_is_that_ceremony(
    passage: str, events: list[tuple[str, str, tuple[str, ...]]]
) -> None:
    found = extract(clean_text(passage)).events
    assert [(e.kind, e.evidence, tuple(f.text for f in e.figures)) for e in found] == events


def test_a_title_holding_quotes_is_an_agreements_title() -> None:
    # blind2026h h122, published 2021-08-20: the agreement of 2017 is recalled, and the new one's
    # title in 《》 holds quotes of its own
    article = CleanArticle(
        title=None,
        paragraphs=(
            "经竹山县与农发行十堰分行充分酝酿和友好协商,双方同意在2017年12月签订的《全面深化金融合作协议》"
            "的基础上,再次签订《“十四五”合作协议》。",
        ),
        published=datetime(2021, 8, 20, tzinfo=UTC),
    )
    assert [f"{e.kind}/{e.status}" for e in extract(article).events] == ["合作协议/done"]


@pytest.mark.parametrize(
    ("passage", "events"),
    [
        # blind2026j j063: projects there will be to sign (将有…项目签约), the batch named between
        (
            "质量优。会上,在推动滨州市高质量发展、黄河流域生态保护和高质量发展、乡村振兴试验示范区建设等领域,"
            "以及建设应急安全产业科创中心暨滨州应急安全产业学院等方面,将有一批重大战略合作项目签约。",
            ["签约/planned"],
        ),
        # j159: projects expected to sign (可望签约), ready for a fair to come
        (
            "昨日,笔者从永定区商务局获悉,该区积极筹备2020年厦洽会各项工作,目前已落实可望签约项目5个,"
            "计划总投资20.23亿元,其中外资项目2个、内资项目3个。",
            ["签约/planned"],
        ),
        # j141: an agreement named by what it is about, with no 《》 (签订了关于建设…的战略合作框架协议)
        (
            "座谈会上,我市与中铁湘建建设工程集团有限公司经过协商,签订了关于建设资兴云轨产业制造基地的"
            "战略合作框架协议。",
            ["战略合作协议/done"],
        ),
    ],
)
def test_signings_blind2026j(passage: str, events: list[str]) -> None:
    assert _statuses(passage) == events


def test_an_agreements_money_told_on_in_the_next_paragraph() -> None:
    # j141: the agreement's paragraph names no money; the next opens 据悉 and tells the project's total
    passage = (
        "座谈会上,我市与中铁湘建建设工程集团有限公司经过协商,签订了关于建设资兴云轨产业制造基地的战略合作框架协议。\n"
        "据悉,资兴云轨产业制造基地项目包括云轨车辆整车制造厂、云轨技术研发中心及相应的办公、生活设施。"
        "项目预计总投资40亿元人民币,建设期两年。"
    )
    assert [[f.text for f in e.figures] for e in extract(clean_text(passage)).events] == [["40亿元人民币"]]
