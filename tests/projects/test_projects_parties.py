"""Parties of real signings: who is named, in which role, in which matching form."""

from __future__ import annotations

import pytest

from monitor.events.extraction import extract, prepare_article
from monitor.projects.parties import brand_prefix, find_parties
from monitor.text.article import CleanArticle
from tests.projects.passages import PASSAGES, article, extraction

# passage → the parties (name as written, role); Traditional pages read as cleaning leaves them (Simplified)
PARTIES = [
    ("cscec7-liangyuan", {("中建七局投资有限公司", "investor"), ("梁园区人民政府", "host")}),
    ("unigroup-chengdu", {("成都市政府", "host"), ("紫光集团有限公司", "investor"), ("天府新区成都管委会", "host")}),
    ("mediatek-hefei", {("联发科技股份有限公司", "investor")}),
    (
        "xuchang-biopark",
        {
            ("河南省科技投资有限公司", "investor"),
            ("许昌经济技术开发区管理委员会", "host"),
            ("河南经高生物医药产业园有限公司", "investor"),
            ("许昌富森生物科技股份有限公司", "investor"),
        },
    ),
    ("dacheng-waste", {("县住建局", "host"), ("中国环境保护集团有限公司", "investor")}),
    ("anwa-wuhu", {("安徽安瓦新能源科技有限公司", "investor"), ("芜湖经开区管委会", "host")}),
    ("wenan-culture-town", {("伟光汇通文化旅游投资集团有限公司", "investor"), ("文安县政府", "host")}),
    ("nanyue-health", {("南岳区人民政府", "host"), ("中核健康投资有限公司", "investor")}),
    ("weihai-skywell", {("威海南海新区管委会", "host"), ("开沃新能源汽车集团有限公司", "investor")}),
    # the town signing is the host, named without a suffix (a side of 与…签)
    ("lezhi-pigs", {("乐至县石佛镇", "host"), ("正邦集团有限公司", "investor")}),
    ("zhongwei-datacenter", {("广东浩云长盛网络股份有限公司", "investor")}),
    ("saic-zhengzhou", {("上汽集团", "investor"), ("郑州市政府", "host")}),
    # the zone where the ceremony is held receives the projects: their host
    # (钟楼区, holding the batch, is named once: by its zone)
    ("zhonglou-signing", {("ESR集团", "investor"), ("钟楼经济开发区", "host")}),
    (
        "mudan-signing",
        {
            ("山东高速物流集团有限公司", "investor"),
            ("中国国际联储投资集团有限公司", "investor"),
            ("北京宏泰电力有限公司", "investor"),
            ("甘肃亿德力建筑有限责任公司", "investor"),
            ("藏域云路科技有限公司", "investor"),
        },
    ),
    # the authorising parent in brackets is a partner, not a second investor
    ("luchuan-waste", {("陆川润电环保有限公司", "investor"), ("广东润电环保有限公司", "partner")}),
    # a university signing with the group is its partner
    # (开业典礼在辽宁本溪高新区举行: the zone holding the project's ceremony is its host)
    ("spharma-benxi", {("上海医药集团", "investor"), ("沈阳药科大学", "partner"), ("辽宁本溪高新区", "host")}),
    # 由中建八局二公司华中农业大学第五综合楼项目承办: a company and a university, not one name
    # (武汉市…集中开工活动顺利举行: the city holding the ceremony is its host)
    ("wuhan-hongshan", {("中建八局二公司", "investor"), ("华中农业大学", "partner"), ("武汉市", "host")}),
    # the city holding a batch groundbreaking is its host; no organisation signs or invests
    ("suizhou-q1-start", {("湖北随州", "host")}),
    # a progress report: none signs, but a project's name opens with its investor's brand
    ("cihu-progress", {("金星钛白", "investor")}),
]


@pytest.mark.parametrize(("passage", "expected"), PARTIES, ids=[p for p, _ in PARTIES])
def test_parties_of_real_signings(passage: str, expected: set[tuple[str, str]]) -> None:
    parties = extraction(PASSAGES[passage]).projects.parties
    assert {(p.name, p.role) for p in parties} == expected


# (passage, party, its matching form, the other name the article gives it)
FORMS = [
    ("mediatek-hefei", "联发科技股份有限公司", "联发科技", "联发科技"),
    ("unigroup-chengdu", "紫光集团有限公司", "紫光集团", None),
    ("nanyue-health", "南岳区人民政府", "南岳区政府", None),
    ("xuchang-biopark", "许昌经济技术开发区管理委员会", "许昌经济技术开发区管委会", None),
    ("zhongwei-datacenter", "广东浩云长盛网络股份有限公司", "广东浩云长盛网络", None),
    ("mudan-signing", "甘肃亿德力建筑有限责任公司", "甘肃亿德力建筑", None),
]


@pytest.mark.parametrize(("passage", "name", "normalised", "same_as"), FORMS)
def test_matching_form_and_alias(passage: str, name: str, normalised: str, same_as: str | None) -> None:
    [party] = [p for p in extraction(PASSAGES[passage]).projects.parties if p.name == name]
    assert party.normalised == normalised
    assert party.same_as == same_as


# One organisation named twice (紫光集团, 紫光集团有限公司) is one party; a person's employer
# (中建七局党委常委鲍宗平, 市铁投公司董事长崔伟), a bureau as the venue (在县工信局举行), a person
# signing for a side and a venue are none.
NOT_PARTIES = [
    ("unigroup-chengdu", "紫光集团"),
    ("cscec7-liangyuan", "中建七局"),
    ("cscec7-liangyuan", "市铁投公司"),
    ("cscec7-liangyuan", "中建七局总承包公司"),
    ("zhangpu-signing", "县工信局"),
    ("zhangpu-signing", "绥安开发区"),
    # 韩广杰与…陈允璨分别代表双方签约: people signing for the sides
    ("cscec7-liangyuan", "韩广杰"),
    # 主会场宣布开工: the ceremony's main venue
    ("wuhan-hongshan", "主会场"),
]


@pytest.mark.parametrize(("passage", "name"), NOT_PARTIES)
def test_not_a_party(passage: str, name: str) -> None:
    assert name not in {p.name for p in extraction(PASSAGES[passage]).projects.parties}


def test_an_alias_names_the_party_it_stands_for() -> None:
    # 中交第四航务工程局有限公司(以下简称中交四航局) … 2021年底,中交四航局携手…签约落户
    prepared = prepare_article(article(PASSAGES["cccc-maihuolang"]))
    scan = find_parties(prepared.text, prepared.written, prepared.sentences)
    party = scan.party("中交四航局")
    assert party is not None
    assert (party.name, party.role, party.normalised, party.same_as) == (
        "中交第四航务工程局有限公司",
        "investor",
        "中交第四航务工程局",
        "中交四航局",
    )
    # the partner it signed with, less the words that describe it (农村电商龙头企业)
    assert "深圳市前海卖货郎投资发展有限公司" in {p.name for p in scan.parties}


def _parties_in(text: str) -> set[tuple[str, str]]:
    """(name, role) of the parties read in a headline and one paragraph."""
    title, _, body = text.partition("\n")
    return {(p.name, p.role) for p in extract(CleanArticle(title=title, paragraphs=(body,))).projects.parties}


# Error classes of the projects development set (issue 18), in sentences written like the news:
# organisations written without a suffix, and places and zones that host.
PARTY_CLASSES = [
    # 自治区, 自贸区 and 自由贸易区 are words of a name, not 自 (from) and 由 (by) cutting it; 为进一步推进公司…
    # is a purpose, no party (blind2026i i013, blind2026 q050: the zone where the plant goes, read whole)
    (
        "钧达股份公告\n钧达股份11月1日公告,为进一步推进公司阿曼年产5GW高效电池生产基地项目建设,根据董事会授权,"
        "公司阿曼项目投资运营管理主体JIETAI NEW ENERGY TECHNOLOGY OM(FZC) SPC(捷泰新能源科技(阿曼)苏哈尔自贸区"
        "有限责任公司)与SOHAR FREE ZONE LLC(苏哈尔自由贸易区有限公司)于近日签署《土地租赁合同》。",
        {
            ("钧达股份", "investor"),
            ("捷泰新能源科技(阿曼)苏哈尔自贸区有限责任公司", "partner"),
            ("苏哈尔自由贸易区有限公司", "partner"),
        },
    ),
    (
        "隆基股份公告\n3月13日消息,隆基股份今日发布公告称,根据战略发展需求,公司与鄂尔多斯市人民政府、"
        "伊金霍洛旗人民政府签订《投资合作协议》,就公司在内蒙古自治区鄂尔多斯市伊金霍洛旗蒙苏经济开发区投资建设"
        "年产20GW单晶硅棒和切片项目、30GW高效单晶电池项目及5GW高效光伏组件项目达成合作意向。",
        {
            ("隆基股份", "investor"),
            ("鄂尔多斯市人民政府", "host"),
            ("伊金霍洛旗人民政府", "host"),
            ("内蒙古自治区鄂尔多斯市伊金霍洛旗蒙苏经济开发区", "host"),
        },
    ),
    # 合作 after the sides (…与徐工集团工程机械有限公司合作签约仪式) is a word, not a party (blind2026i i033)
    (
        "佛山签约\n11月9日上午,广东省佛山市人民政府与徐工集团工程机械有限公司合作签约仪式在佛山市机关礼堂举行。"
        "徐工将在佛山市建设总投资20亿元的建筑起重机械生产基地。",
        {("广东省佛山市人民政府", "host"), ("徐工集团工程机械有限公司", "investor")},
    ),
    # a company that itself starts production invests in the plant (blind2026e e062); told as a plan, no party
    (
        "大众安徽\n12月29日从大众中国获悉,大众汽车(安徽)有限公司已于近日正式投产出口欧洲市场的"
        "纯电动车型Cupra Tavascan。",
        {("大众汽车(安徽)有限公司", "investor")},
    ),
    ("大众安徽\n12月29日从大众中国获悉,大众汽车(安徽)有限公司计划明年投产出口欧洲市场的纯电动车型。", set()),
    # ... also with its short name between, announcing it (blind2026c b067)
    (
        "中粮可口可乐贵州厂投产\n7月10日,中粮可口可乐饮料(贵州)有限公司(下称“中粮可口可乐贵州厂”)正式宣布投产。",
        {("中粮可口可乐饮料(贵州)有限公司", "investor")},
    ),
    # money paid into a company: the amount and 到 are no part of a name (blind2026c P26's signing)
    (
        "签约\n9月12日,TCL科技公告称,公司与广州市人民政府共同签署项目合作协议,各方同意共同出资147.5亿元到项目公司注册资本金。",
        {("TCL科技", "investor"), ("广州市人民政府", "host")},
    ),
    # founding a company (独资成立, 合资成立) is no part of its name (blind2026g r020)
    (
        "台积电南京12吋晶圆厂签约仪式在宁举行\n根据协议,台积电将在南京市浦口经济开发区投资30亿美元,"
        "独资成立台积电(南京)有限公司,下设一座12吋晶圆厂以及一个设计服务中心。",
        {("台积电(南京)有限公司", "investor"), ("南京市浦口经济开发区", "host")},
    ),
    # the two sides of a signing, a brand and a zone named without a legal form
    (
        "快讯\n7月8日,大会上,华锐重工与滨海特别合作区完成华锐风电装备项目签约。",
        {("华锐重工", "investor"), ("滨海特别合作区", "host")},
    ),
    ("快讯\n3月4日,曲靖市与天合光能在昆明签订投资补充协议。", {("曲靖市", "host"), ("天合光能", "investor")}),
    # a listed company announcing (with its code, its date)
    ("快讯\n晶澳科技(002459)1月17日晚间公告,拟在包头投资建设组件项目。", {("晶澳科技", "investor")}),
    ("快讯\n电动车生产商蔚来9日在合肥宣布加码投资电池项目。", {("蔚来", "investor")}),
    # a place or zone that holds the ceremony, or where the investor builds
    ("快讯\n3月11日,耒阳市举行重大项目集中签约仪式。", {("耒阳市", "host")}),
    ("快讯\n集中签约仪式在长沙宁乡高新区隆重举行。", {("长沙宁乡高新区", "host")}),
    (
        "快讯\n江西瑞宇新能源科技有限公司将在永州经开区投资建设光电产业园。",
        {("江西瑞宇新能源科技有限公司", "investor"), ("永州经开区", "host")},
    ),
    # a clause opening with a place that holds the ceremony (…签约活动在高新区举行, …开工典礼顺利举办)
    ("快讯\n4月27日上午,襄阳市2021年第二次重大项目集中开工、签约活动在高新区举行。", {("襄阳市", "host")}),
    ("快讯\n1月21日,云南省元江县2026年一季度工业项目集中开工典礼顺利举办。", {("云南省元江县", "host")}),
    # a verb before 公司 (进一步扩大公司…, 持有合资公司), a byline (e公司讯), 据: no names or no part of one
    ("快讯\n项目投产后将进一步扩大公司产能,双方签约合作。", set()),
    ("快讯\ne公司讯,据中国建材集团有限公司消息,项目签约。", {("中国建材集团有限公司", "investor")}),
    # people signing for the sides, a venue, an office holder: none
    ("快讯\n张伟与李明分别代表双方签约。", set()),
    ("快讯\n主会场宣布开工后,现场施工机械鸣笛示意。", set()),
    # a brand opening the name of a project no named organisation invests in (a stage report)
    ("快讯\n5月6日,华曜光能二期年产8GW电池片项目正式投产。", {("华曜光能", "investor")}),
    ("快讯\n3月9日,宏业科技(滁州)精密轴承项目开工建设。", {("宏业科技", "investor")}),
    # ... not when an organisation the article names invests, or the name opens with a place
    (
        "快讯\n华曜光能科技有限公司投资的华曜光能二期年产8GW电池片项目正式投产。",
        {("华曜光能科技有限公司", "investor")},
    ),
    ("快讯\n5月6日,合肥华曜二期年产8GW电池片项目正式投产。", set()),
    # a zone that holds a groundbreaking, where a project breaks ground (a town of the zone
    # between), where a company registers or settles: its host, with no signing (blind2026's
    # q116, q082, q125, q128)
    ("快讯\n1月7日, 合肥 庐江高新区举行新能源项目开工动员会。", {("庐江高新区", "host")}),
    ("快讯\n12月22日,航天航空及电子信息高性能材料项目在常州高新区奔牛镇奠基。", {("常州高新区", "host")}),
    (
        "快讯\n四川时代新能源科技有限公司系宁德时代投资成立的全资子公司,于2019年10月15日在宜宾临港经开区注册成立。",
        {("四川时代新能源科技有限公司", "investor"), ("宜宾临港经开区", "host")},
    ),
    (
        "快讯\n时代吉利动力电池公司正式落户宜宾临港经开区,当天奠基开工的时代吉利项目正由该公司投资建设。",
        {("时代吉利动力电池公司", "investor"), ("宜宾临港经开区", "host")},
    ),
    # a zone and its committee, both named, are one host (blind2026's q038)
    (
        "快讯\n2019年6月30日,中航锂电科技有限公司、厦门火炬高新区管委会与金圆集团在厦门市行政中心共同签署了"
        "《投资合作协议》,总投资100亿元的中航锂电“新型动力锂电池生产线项目”正式落户厦门火炬高新区。",
        # (金圆集团, the city's investment group, is read as a co-investor; the set calls it a partner)
        {("中航锂电科技有限公司", "investor"), ("厦门火炬高新区管委会", "host"), ("金圆集团", "investor")},
    ),
    # words before a name that are no part of it (blind2026c's b034, b086, b045): 标志著 as a
    # Traditional page leaves it, a trade's 龙头, and a side written as its project (惠科项目终于与…)
    ("快讯\n这标志著蒙牛集团西南特色全产业链项目一期正式投产。", {("蒙牛集团", "investor")}),
    (
        "快讯\n我国乳业龙头蒙牛乳业集团首次在西南地区建立的生产基地10月9日落成投产。",
        {("蒙牛乳业集团", "investor")},
    ),
    (
        "快讯\n今天,盼望已久的惠科项目终于与绵阳成功签约!",
        {("惠科", "investor"), ("绵阳", "host")},
    ),
    # a zone named as where a project is (位于…经开区) is still no party
    ("快讯\n该项目位于常州高新区奔牛镇,总投资20亿元。", set()),
    # what the sentence does before a name is no part of it (blind2026e's q014, q016, q064, q049, q088)
    (
        "签约\n自今年1月江门与君乐宝乳业集团开展对接以来,双方多次互动,最终君乐宝乳业集团选择在江门建设华南液态奶"
        "基地项目。4月24日上午,江门市人民政府、蓬江区人民政府与君乐宝乳业集团签订投资协议。",
        {("君乐宝乳业集团", "investor"), ("江门市人民政府", "host"), ("蓬江区人民政府", "host")},
    ),
    (
        "签约\n近日,遂宁市安居区政府与天齐锂业股份有限公司签约,年产2万吨碳酸锂工厂项目落户安居区。"
        "双方还将探索地方政府与企业共办园区的新模式,在安居区共建中国西部锂电产业园。",
        {("遂宁市安居区政府", "host"), ("天齐锂业股份有限公司", "investor")},
    ),
    (
        "公告\n11月19日,鹏辉能源发布公告称,拟总投资50亿元,在安徽广德投建储能电芯制造工厂项目。"
        "根据公告,公司将在安徽省广德市注册全资子公司作为实施主体。",
        {("鹏辉能源", "investor")},
    ),
    (
        "签约\n赣锋新型锂电池科技产业园项目是继去年与两江新区签约后,将新增投资46亿元。",
        {("两江新区", "host")},
    ),
    (
        "签约\n此外,合江县法王寺镇还与四川亿园达农业发展有限公司签订年产5000吨泡椒项目招商引资协议。",
        {("合江县法王寺镇", "host"), ("四川亿园达农业发展有限公司", "investor")},
    ),
    # 系 (is) cuts a name, 系统 is a word of one
    (
        "签约\n3月2日,华锐能源系统有限公司与宿迁经开区签订储能项目投资协议。",
        {("华锐能源系统有限公司", "investor"), ("宿迁经开区", "host")},
    ),
    # a project no party invests in, whose company is written in full only beside its chairman: that
    # company invests and is a party (blind2026e's q071)
    (
        "签约\n6月25日,盘古钠祥钠离子电池研发总部及制造基地项目签约落户锡山经济技术开发区。市长赵建军出席签约仪式。"
        "深圳盘古钠祥新能源有限公司董事长胡明祥致辞。",
        # (read from the project's first characters on: the place before them is left)
        {("盘古钠祥新能源有限公司", "investor"), ("锡山经济技术开发区", "host")},
    ),
    # a person announcing, named after an office earlier, is no company (blind2026e's q019)
    (
        "投产\n义乌晶澳太阳能科技有限公司年产10GW高效电池项目举行投产仪式。浙江省政府副秘书长董贵波出席。"
        "董贵波宣布晶澳义乌项目正式投产。",
        {("义乌晶澳太阳能科技有限公司", "investor")},
    ),
    # a hyphen joining two brands is inside a company's name (blind2026e's e114, P34); a date range's
    # hyphen is not (e081)
    (
        "签约\n中新社佛山6月9日电 中国一汽-大众汽车有限公司(简称一汽-大众)广东项目签约仪式9日在广东佛山举行。",
        {("中国一汽-大众汽车有限公司", "investor")},
    ),
    # the zone a step's ceremony is held in, in an article that tells no signing, is a place, no party
    # (blind2026e's q013, q040; blind2026's q059); the zone that organises a step or where the project
    # breaks ground still hosts it (blind2026's q116, q082)
    (
        "开工\n7月20日,长沙三安光电第三代半导体项目开工活动在长沙高新区举行,项目建成达产后将形成超百亿元的产业规模。",
        set(),
    ),
    (
        "投产\n五月八日,德枋亿纬年产11万吨磷酸铁锂项目试生产仪式在云南省曲靖市经济技术开发区顺利举办。",
        {("德枋亿纬", "investor")},
    ),
    (
        "开工\n作为我市第三批百亿级重大项目之一的中润新能源(滁州)有限公司16GW大尺寸高效光伏电池项目开工仪式在琅琊经济开发区举行。",
        {("中润新能源(滁州)有限公司", "investor")},
    ),
    ("开工\n1月7日, 合肥 庐江高新区举行新能源项目开工动员会。", {("庐江高新区", "host")}),
    ("开工\n12月22日,航天航空及电子信息高性能材料项目在常州高新区奔牛镇奠基。", {("常州高新区", "host")}),
    # a project settling in a zone, in an article that tells no signing, says where it is (blind2026e's
    # q104, blind2026's q042); a company settling there (the 时代吉利 row above) is hosted
    ("落地\n去年4月,年产40亿瓦时锂离子动力电池新能源项目落地四川省盐亭县经开区。", set()),
    (
        "新华社西宁5月14日电(记者王金金)我国年产2万吨高性能碳纤维及配套原丝项目工程13日落户青海省西宁经济技术开发区,"
        "计划于2020年初步建成。",
        set(),
    ),
    # products joined by 与 in a project's name are no sides of a signing (q009, P05)
    ("签约\n9月27日晚,亿纬锂能储能与动力电池项目签约仪式在沈阳举行,省委副书记、省长李乐成出席。", set()),
    # a trade's firm described before the name is no part of it (blind2026k m014)
    (
        "开工\n全球最大铝企山东魏桥创业集团官方微信显示,12月18日上午,云南省人民政府、魏桥创业,在云南省文山州砚山县"
        "举行云南绿色铝创新产业园暨200万吨绿色水电铝项目开工仪式。",
        {("山东魏桥创业集团", "investor")},
    ),
    # 相关企业 (the companies concerned) names no one (blind2026k m060)
    (
        "签约\n9月17日下午,云南绿色铝创新产业园招商推介会暨签约仪式在文山举行。"
        "会上,州政府、砚山县政府分别与相关企业签订了合作协议,共签约5个项目,签约总投资26.6亿元。",
        {("州政府", "host"), ("砚山县政府", "host")},
    ),
]


# project name → the brand it opens with (an investor the article may name nowhere else), None for none
BRANDS = [
    ("华曜光能二期年产8GW电池片项目", "华曜光能"),
    ("宏业年产50GWh储能电池项目", "宏业"),
    ("宏业科技(滁州)精密轴承项目", "宏业科技"),
    ("天启第6代柔性显示生产线项目", "天启"),
    # the project's place after the brand is the project's
    ("华曜光能常州三期年产10GW组件项目", "华曜光能"),
    # a brand then the project's city or county, with nothing else between (blind2026c, blind2026)
    ("蜂巢能源遂宁动力锂离子电池项目", "蜂巢能源"),
    ("中复神鹰西宁万吨碳纤维基地", "中复神鹰"),
    ("长城汽车泰州整车项目", "长城汽车"),
    ("通威太阳能眉山基地一期高效晶硅电池项目", None),  # a trade inside: 太阳能
    # a place first: the brand may be named for it (宁德时代), or follow it; not told apart
    ("合肥华曜二期年产8GW电池片项目", None),
    ("宁德时代年产10GWh电池项目", None),
    # what the project is, its phase, its capacity, a trade or a bracket that is no place
    ("上海超级工厂一期", None),
    ("一期3GW高效光伏组件项目", None),
    ("年产5GW单晶组件项目", None),
    ("单晶硅棒三期项目", None),
    ("新建年产2万吨项目", None),
    ("汽车工业园二期项目", None),
    ("城际(快速)铁路项目", None),
]


@pytest.mark.parametrize(("name", "brand"), BRANDS)
def test_brand_prefix(name: str, brand: str | None) -> None:
    assert brand_prefix(name) == brand


@pytest.mark.parametrize(("text", "parties"), PARTY_CLASSES, ids=[str(i) for i in range(len(PARTY_CLASSES))])
def test_party_error_classes(text: str, parties: set[tuple[str, str]]) -> None:
    assert _parties_in(text) == parties


# A verb before a company's name is no part of it (blind2026g r030, r044, r064; r064's page is in
# traditional characters, read simplified): the fragment read before is no party, the name after
# the verb is one.
VERB_BEFORE_A_NAME = [
    (
        "歌尔股份公告\n11月22日,歌尔股份有限公司(以下简称“歌尔股份”)发布公告称,为加快公司产业布局,"
        "公司同山东省荣成市人民政府于2018年11月21日在荣成市签署了《项目合作协议》。",
        "加快公司",
        "歌尔股份有限公司",
    ),
    (
        "杭电股份签约\n为整合富春江集团旗下杭电股份、富春环保两大上市公司资源优势,杭州电缆股份有限公司计划在"
        "小蓝经开区投资约50亿元,建设年产5万吨新能源汽车锂电池超薄铜箔项目。",
        "整合富春江集团",
        "富春江集团",
    ),
    (
        "住友橡胶投产\n省委书记、省人大常委会主任周强宣布住友橡胶(湖南)有限公司正式投产。",
        "省人大常委会主任周强宣布住友橡胶(湖南)有限公司",
        "住友橡胶(湖南)有限公司",
    ),
]


@pytest.mark.parametrize(("text", "fragment", "name"), VERB_BEFORE_A_NAME, ids=["r030", "r044", "r064"])
def test_a_verb_before_a_name_is_cut_off(text: str, fragment: str, name: str) -> None:
    names = {party for party, _ in _parties_in(text)}
    assert fragment not in names and name in names
