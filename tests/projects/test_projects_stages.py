"""Stages in real articles: what happened, to which project, when; plans and progress are none."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from monitor.events.extraction import extract, prepare_article
from monitor.projects.stages import find_stage_hits
from monitor.text.article import CleanArticle
from tests.projects.passages import PASSAGES, article, extraction

# passage → the stages it reports as done (stage, project, date); 签约 comes from the signing events
STAGES = [
    (
        "zhuzhou-capping",
        {
            ("竣工", "株洲高新电业集团有限公司生产基地项目", "2025-07-01"),  # 主体结构全面封顶
            ("开工", "株洲高新电业集团有限公司生产基地项目", "2025-03-17"),  # 项目于2025年3月17日正式开工
        },
    ),
    # 该项目2月19日开工; 月底主体完工, 月底二层封顶 are the month's plans
    ("zhongqin-xinglong", {("开工", "中秦兴龙产业园项目", "2017-02-19")}),
    # 7月8日竣工投产 reports completion and production both; 准备试生产 is a plan; 均已完工 is 竣工
    # (no year written: undated)
    (
        "cihu-progress",
        {("竣工", "名士达新材料项目", None), ("投产", "名士达新材料项目", None), ("竣工", "慈湖码头项目", None)},
    ),
    # 开工奠基仪式; 项目建成投产后 is a condition
    ("huimin-waste", {("开工", "生活垃圾焚烧发电项目", None)}),
    # a batch of 193, and two of its projects; 当天 is the dateline's day; 2025年12月建成投产后 is a plan
    (
        "fuzhou-q4-start",
        {
            ("开工", None, "2024-10-29"),
            ("开工", "福州福清市福耀玻璃年产400万套智能车用安全玻璃生产项目", "2024-10-29"),
            ("开工", "福建奔驰新增纯电动车车型建设项目", "2024-10-29"),
        },
    ),
    # 开竣工 is a batch's groundbreakings and completions both
    (
        "zhonglou-signing",
        {
            ("开工", None, "2023-09-26"),
            ("竣工", None, "2023-09-26"),
            ("开工", "易商智能终端及核心零部件产业基地项目", "2023-09-26"),
        },
    ),
    # 注册成立 is 落地; the 开工 date is not the 建成 date of the next clause; 建成开业典礼 is completion
    # and opening (开业: its operation started, as the development sets label a plant's 开业)
    (
        "spharma-benxi",
        {
            ("竣工", "上药北方研发中试和产业化基地", None),
            ("竣工", "上海医药集团(本溪)北方药业研发中试和产业化基地项目(一期)", None),
            ("投产", "上海医药集团(本溪)北方药业研发中试和产业化基地项目(一期)", None),
            ("落地", None, "2014-11"),
            ("开工", "上海医药集团(本溪)北方药业研发中试和产业化基地项目(一期)", "2015-07"),
        },
    ),
    # 正进行试生产 is 投产 (its reporting date 6月14日 is no date of it); 预计8月全面完工 is a plan;
    # 主体厂房及主通道已建设完成 is the main building's completion (竣工, as capping is)
    (
        "leshan-paper-machines",
        {
            ("投产", "乐山高端智能装备制造产业园一期", None),
            ("投产", "一期工程高端造纸橡塑机械制造基地项目", None),
            ("竣工", "一期工程高端造纸橡塑机械制造基地项目", None),
        },
    ),
    # 已全面开工建设; 预计明年8月底交付使用 is a plan
    ("xinfadi-coldchain", {("开工", "河北新发地智慧冷链物流园项目", None)}),
    ("zhenxiong-pigs", {("开工", "生猪养殖项目", "2017-10-18")}),
    ("xingyi-q1-start", {("开工", None, "2023-02-01")}),  # 计划到2025年底前全部建成投产 is a plan
    ("suizhou-q1-start", {("开工", None, "2022-01-20")}),  # 预计9月投产 is a plan
    ("wenan-culture-town", set()),  # 一期计划将于2022年3月底开工
    ("weihai-skywell", set()),  # 计划2020年投产
    ("dacheng-waste", set()),  # 预计2020年底建成投产
    ("saic-zhengzhou", set()),  # 项目投产后,年产值将超过100亿元
]


@pytest.mark.parametrize(("passage", "expected"), STAGES, ids=[p for p, _ in STAGES])
def test_stages_reported_as_done(passage: str, expected: set[tuple[str, str | None, str | None]]) -> None:
    stages = extraction(PASSAGES[passage]).projects.stages
    found = {(s.stage, s.project, s.date.to_json() if s.date else None) for s in stages if s.stage != "签约"}
    assert found == expected


# the signings become 签约 stages, of their project when the sentence names one
SIGNINGS = [
    ("unigroup-chengdu", {("紫光IC国际城项目", "2017-04-22")}),
    ("nanyue-health", {("高端康养项目", "2019-11-27")}),
    # 4月23日 with no year but the goal 预计2020年底建成投产, which dates no signing (the page is of 2017)
    ("dacheng-waste", {("大城县生活垃圾焚烧发电特许经营项目", None)}),
    ("cscec7-liangyuan", {(None, "2021-10-27")}),  # a framework agreement names no project
]


@pytest.mark.parametrize(("passage", "expected"), SIGNINGS, ids=[p for p, _ in SIGNINGS])
def test_signings_are_stages(passage: str, expected: set[tuple[str | None, str | None]]) -> None:
    stages = extraction(PASSAGES[passage]).projects.stages
    assert {(s.project, s.date.to_json() if s.date else None) for s in stages if s.stage == "签约"} == expected


# An intent agreement signed (the extraction's ``intended`` signing) is the project's 签约, as the
# development sets label it (blind2026i i005, i014): its later steps follow it as they follow a contract.
INTENT_SIGNINGS = [
    (
        "厦钨新能公告\n中证网讯 厦钨新能(688778)9月16日盘后公告,公司与雅安经济技术开发区管理委员会签署"
        "《锂离子正极材料项目投资意向书》。公司计划在雅安经开区投资建设锂离子正极材料项目。",
        {"锂离子正极材料项目"},
    ),
    (
        "中国粉体网讯 5月18日,乌海市政府、海勃湾区政府与融捷投资控股集团有限公司签订合作意向协议。\n"
        "项目将在海勃湾区规划建设年产能为10GWh的锂电池电芯工厂及PACK工厂,总投资约35亿元,计划总用地500亩。",
        {"锂电池电芯工厂"},
    ),
]


@pytest.mark.parametrize(("text", "projects"), INTENT_SIGNINGS, ids=["i005", "i014"])
def test_an_intent_agreement_signed_is_a_signing(text: str, projects: set[str | None]) -> None:
    title, _, body = text.partition("\n")
    reading = extract(CleanArticle(title=title, paragraphs=(body,))).projects
    assert {s.project for s in reading.stages if s.stage == "签约"} == projects


def test_a_stage_mention_keeps_its_sentence() -> None:
    [capped, started] = extraction(PASSAGES["zhuzhou-capping"]).projects.stages
    assert capped.evidence == "株洲高新电业集团有限公司生产基地项目主体结构全面封顶"  # the headline's
    assert started.evidence.startswith("项目于2025年3月17日正式开工")
    assert started.key == capped.key == "株洲高新电业集团生产"


# words of a stage that report none: a plan, a condition, a campaign, a progress report
NOT_STAGES = [
    ("yinchuan-huasun", "投产达效"),  # 实施大体量项目投产达效行动: a campaign's name
    ("yinchuan-huasun", "首棒下线"),  # 预计年底可实现首棒下线
    ("cihu-progress", "试生产"),  # 准备试生产
    ("zhongwei-datacenter", "建成运营"),  # 项目计划2025年12月底建成运营
    ("suizhou-q1-start", "建成满产后"),  # 这些项目建成满产后可新增产值
]


@pytest.mark.parametrize(("passage", "words"), NOT_STAGES)
def test_not_a_stage(passage: str, words: str) -> None:
    prepared = prepare_article(article(PASSAGES[passage]))
    at = prepared.text.find(words)
    assert at >= 0
    hits = find_stage_hits(prepared.text, prepared.sentences)
    assert not any(at <= h.start < at + len(words) for h in hits)


def _stages_of(text: str, published: str = "2023-06-20") -> set[str]:
    """The stages ``find_stage_hits`` reads in a headline and one paragraph."""
    title, _, body = text.partition("\n")
    day = datetime.fromisoformat(published).replace(tzinfo=UTC)
    prepared = prepare_article(CleanArticle(title=title, paragraphs=(body,), published=day))
    return {h.stage for h in find_stage_hits(prepared.text, prepared.sentences)}


# Error classes of the projects development set (issue 18), in sentences written like the news.
STAGE_CLASSES = [
    # an agreement signed, read here (the extraction files no signing event without its verbs' frame)
    ("快讯\n1月25日,市政府与华宇集团签订华宇储能电池项目投资协议。", {"签约"}),
    ("快讯\n本次签约的金源新材料项目计划投资10亿元。", {"签约"}),
    ("快讯\n双方拟于下月签署合作协议。", set()),
    ("快讯\n全年签约项目55个,签约金额312亿元。", set()),
    # 竣工投产 reports both steps; 投运 and 产品下线 are production
    ("快讯\n6月17日,宏图电池一期项目竣工投产。", {"竣工", "投产"}),
    ("快讯\n6月17日,宏图电池一期项目正式投运。", {"投产"}),
    ("快讯\n4月10日,宏图光伏组件项目举行产品下线仪式。", {"投产"}),
    # a plan goes on into the next clause; a month's end after a number is a date
    ("快讯\n该工厂计划于2023年第三季度开工,2024年第二季度投产。", set()),
    ("快讯\n项目2月签约,4月底开工建设,11月初开始量产。", {"签约", "开工", "投产"}),
    ("快讯\n该项目于近期顺利动工。", {"开工"}),
    # a step's report mentioned with 以来 does not make the sentence a tally; 截至目前 is today
    ("快讯\n继9月20日实现封顶以来,项目一期工程土建已经完工。", {"竣工"}),
    ("快讯\n截至目前,项目8万平方米厂房已建成。", {"竣工"}),
    # a phase (冲刺完工阶段), a category (开工项目), a rule for later (以工商注册登记为准), a pledge
    ("快讯\n项目已进入冲刺完工阶段。", set()),
    ("快讯\n力推10多个开工项目加快推进,及早竣工投产,承诺达产效益。", set()),
    ("快讯\n合资公司名称以工商注册登记为准。", set()),
    # construction started in other words; a company registered (成立了…公司, 合资公司…正式落户),
    # not a project settling after its signing nor a task force set up
    ("快讯\n8月18日,新项目建设启动活动在知识城举行。", {"开工"}),
    ("快讯\n9月1日,双方成立了华锐(四川)电池有限公司。", {"落地"}),
    ("快讯\n合资公司华锐电池公司正式落户临港经开区。", {"落地"}),
    ("快讯\n标志着华锐电池项目正式落户经开区。", set()),
    ("快讯\n园区成立了工作专班。", set()),
    # 建成投产 is production (竣工 is the formal completion's word)
    ("快讯\n6月17日,彭山基地建成投产。", {"投产"}),
    # 自<date>开工以来 reports the start with its date; 开工以来 alone is progress
    ("快讯\n该项目自去年12月开工以来,进展顺利。", {"开工"}),
    ("快讯\n该项目开工以来,进展顺利。", set()),
    # a tally's sentence that names the projects signed still reports their signing
    ("快讯\n2019年9月以来,宜宾与华锐陆续签订了华锐电池一至六期项目。", {"签约"}),
    ("快讯\n今年以来,全市累计签约项目55个。", set()),
    # a display line's first panels lit are its production; a plan to light them is not (blind2026c P25)
    ("快讯\n昨日上午,厦门天马第6代柔性AMOLED生产线项目首批产品成功点亮。", {"投产"}),
    ("快讯\n该项目将于2020年3月底产品点亮。", set()),
    # …以来最大 is a superlative, no tally (blind2026c P21's capping)
    ("快讯\n8月8日,涪城建区以来最大工业项目——惠科显示器件项目主体厂房提前23天封顶。", {"竣工"}),
    # the sentences of blind2026e: a building or park 落成 is finished (q042, q056), a building
    # newly 落成 is only described; entering trial production is production (q022); the first
    # tyre off the line is production (q059)
    ("快讯\n11月22日,楚能新能源全球总部在孝感临空经济区落成。", {"竣工"}),
    ("快讯\n8月19日,凤冈县招商推介会暨香港邵氏集团健康产业园落成仪式在凤冈举行。", {"竣工"}),
    ("快讯\n一面五星红旗在双良硅材料(包头)有限公司新落成的办公大楼广场前冉冉升起。", set()),
    (
        "快讯\n今年7月,投资近10亿元的三一重能(巴里坤)大兆瓦智能风电装备制造产业园项目进入试生产阶段。",
        {"投产"},
    ),
    ("快讯\n项目已进入试生产准备阶段。", set()),
    ("快讯\n3月28日,双钱股份安徽PCR项目第一条回力轮胎——雪地胎顺利下线。", {"投产"}),
    # 自<date>(正式)<step>后/以来 dates the step (q015, q097); 投产后 alone is a condition
    ("快讯\n该项目自2023年年底正式奠基后,历经20个月的建设,办公楼主体结构已于近日封顶。", {"开工", "竣工"}),
    ("快讯\n杏林甄选高端饮料生产基地项目自2024年7月正式开工建设以来,各项工作有序推进。", {"开工"}),
    ("快讯\n项目开工建设以来,各项工作有序推进。", set()),
    ("快讯\n项目投产后,从挤奶到制成品仅需两小时。", set()),
    # 希望 in a company's name is no hope (q055)
    (
        "快讯\n3月7日,石阡县人民政府和华西希望集团四川特驱投资有限公司签订了苔茶产业化及龙江希望城城市综合体开发项目合同。",
        {"签约"},
    ),
    ("快讯\n双方希望尽快签订合作协议。", set()),
    # what was capped already (已封顶的厂房) is capped; what is newly finished (新落成的) is described (q047)
    ("快讯\n5座主体已封顶的厂房和1栋仓库被罩在绿色安全网中。", {"竣工"}),
    ("快讯\n项目封顶的时间定在年底。", set()),
    # a celebration is of a step taken (blind2026e's q093); a project's 达产达效 is its capacity reached
    # (q048), 投产达效 a campaign's word
    (
        "快讯\n这是双良纪念中国共产党成立101周年的庆祝活动,也是庆祝双良40GW单晶硅项目一期20GW产能全面达产的活动。",
        {"达产"},
    ),
    (
        "快讯\n近日,河北省宁晋县投资10.53亿元的晶龙集团晶澳公司高效太阳能电池——博秀P型单晶太阳能电池项目达产达效。",
        {"达产"},
    ),
    ("快讯\n全力推动项目投产达效。", set()),
    # a tally of a period's signings (q053, q054) and a count of projects started (q053) tell no step
    ("快讯\n2012年1—4月,该县新签约项目32个,签约资金40.116亿元。开工建设70项,落实到位资金18.01亿元。", set()),
    ("快讯\n笔者从锦屏县招商部门获悉,锦屏县前10个月共签约招商引资项目76个,协议资金147.97亿元。", set()),
    # the project company set up and named is the project's registration (q075); one a company was
    # founded by (由…投资设立,是…: q072) or a company to be set up (新设立公司作为投资主体) is none
    (
        "快讯\n2018年2月2日,广州天赐与南渡镇政府签署投资协议,并于同年4月份设立江苏天赐高新材料有限公司。",
        {"签约", "落地"},
    ),
    ("快讯\n苏州新中能源科技有限公司由新加坡Durapower股份有限公司投资设立,是一家专业从事储能电池的企业。", set()),
    # a project settling in (进驻, 落地 in a place) is its first step where no signing is told (q085,
    # q104); 落地投产 is production, 签约落地 the signing (q024, q073)
    ("快讯\n据悉,正威宝鸡项目今年2月进驻,6月动工,12月投产。", {"落地", "开工", "投产"}),
    (
        "快讯\n去年4月,年产40亿瓦时锂离子动力电池新能源项目落地四川省盐亭县经开区。",
        {"落地"},
    ),
    ("快讯\n近日,三一(塔城)风电设备有限公司举行投产仪式,标志着三一重能又一主机及叶片制造基地落地投产。", {"投产"}),
    ("快讯\n总投资100亿元的15GWh清陶能源动力固态电池储能产业基地正式签约落地成都郫都区。", {"签约"}),
    # a project's 正式启动 is its start (blind2026e's e094, as the set's labels read it), 开始生产 its
    # production (e053), the start of its preliminary works a start (e080); 前期工作 prepares only
    ("快讯\n10月17日,赛诺菲宣布,其位于北京经济技术开发区(北京亦庄)的胰岛素原料药项目正式启动。", {"开工"}),
    ("快讯\n当天,空客在中国和亚洲的第二条线——A320系列飞机总装线在天津开始生产。", {"投产"}),
    ("快讯\n中新社漳州4月2日电 中沙古雷乙烯项目前期工程开工仪式2日在福建省漳州古雷开发区举行。", {"开工"}),
    ("快讯\n项目前期工作正式启动。", set()),
    ("快讯\n项目将于明年开始生产。", set()),
    # issue 18's development on blind2026i, blind2026g and blind2026 (2026-12-05): 动土 is a start
    # (blind2026g r048), a project's 启动仪式/启动活动 its start (blind2026i i079, blind2026 q083), a
    # plant's 开业 and a train's 正式下线 its production (r066, i046), 建设完成 its completion (r010)
    (
        "快讯\n26日,由台湾联华电子股份有限公司在厦门投资建设的12英寸晶圆项目——联芯整合电路制造项目,"
        "在厦门火炬高新区举行动土典礼。",
        {"开工"},
    ),
    ("快讯\n1月22日,粤芯半导体技术股份有限公司(以下简称“粤芯”)四期项目启动活动在广州开发区举行。", {"开工"}),
    ("快讯\n10月11日,齐鲁制药乐陵医药产业园一期项目试产成功,并举行表彰大会暨二期项目启动仪式。", {"投产", "开工"}),
    (
        "快讯\n5月18日,全球知名的汽车零配件供应商和轮胎供应商大陆马牌轮胎中国首家工厂正式在安徽省合肥市开业。",
        {"投产"},
    ),
    ("快讯\n新疆首列本地化制造地铁列车“丝绸之路号”在中车株机旗下乌鲁木齐中车公司正式下线。", {"投产"}),
    ("快讯\n轮胎世界近日获悉,米其林沈阳600万条高性能子午线轮胎扩建项目,已建设完成。", {"竣工"}),
    ("快讯\n项目将于明年开业。", set()),
    # done on schedule (按照原定计划完成封顶: i007), 已将 (已将主体厂房封顶: i065, 将 marks the object), and
    # a project's planned sum describing it (计划总投资450亿元的…项目一期…全线投产: r070) are no plans
    ("快讯\n该项目进度再提速,回收车间、员工宿舍楼部分按照原定计划完成封顶。", {"竣工"}),
    ("快讯\n记者看到工人们冒着凛冽的寒风,已将主体厂房封顶。", {"竣工"}),
    (
        "快讯\n6月28日,计划总投资450亿元的防城港钢铁基地项目一期(以下简称防钢基地项目)全线投产仪式举行。",
        {"投产"},
    ),
    ("快讯\n项目计划总投资10亿元,将于年底投产。", set()),
    ("快讯\n项目计划明年封顶。", set()),
    # the agreement, then its signing: a headline's 投资协议签署 (i036)
    ("徐工:新疆装备制造业基地项目投资协议签署\n将是带动我国工程机械市场新一轮高速发展的重要增长极。", {"签约"}),
    ("快讯\n投资协议签署后,项目将尽快开工。", set()),
    # a count of plants built is the investor's plants told together, no one plant's step (blind2026k m028)
    (
        "彩虹股份\n彩虹股份的液晶基板玻璃业务,已建成四个基板玻璃生产基地,形成了从G5到G8.5+的基板玻璃系列化产品规模。",
        set(),
    ),
    # a year right before 建成的 dates the step, done (blind2026k m035); a 将 makes it a plan
    ("海尔\n其中有一个就位于郑州,即2020年建成的郑州海尔热水器互联工厂。", {"竣工"}),
    ("海尔\n其中有一个将位于郑州,即将于2030年建成的郑州海尔热水器互联工厂。", set()),
    # a furnace lit is a glass or steel line's production started (blind2026k m058, m070)
    ("中天钢铁\n从中冶集团获悉,中天钢铁公司南区二期9号1580平方米高炉于4月13日成功点火,并于4月14日顺利出铁。", {"投产"}),
    (
        "彩虹\n彩虹(合肥)液晶玻璃基板项目CH01生产线池炉于2010年10月11日上午8时零8分在合肥市新站平板显示工业园顺利点火。",
        {"投产"},
    ),
    ("高炉\n三号高炉计划下月点火。", set()),
]


@pytest.mark.parametrize(("text", "stages"), STAGE_CLASSES, ids=[str(i) for i in range(len(STAGE_CLASSES))])
def test_stage_error_classes(text: str, stages: set[str]) -> None:
    assert _stages_of(text) == stages


def test_one_agreement_signs_each_project_of_its_list() -> None:
    text = (
        "3月13日,华宇股份与滨海市人民政府签订《投资合作协议》,就公司在滨海市投资建设年产20GW单晶硅棒项目、"
        "年产30GW高效单晶电池项目和5GW高效光伏组件项目达成合作。"
    )
    day = datetime(2022, 3, 14, tzinfo=UTC)
    reading = extract(CleanArticle(title="快讯", paragraphs=(text,), published=day)).projects
    assert [(s.stage, s.project) for s in reading.stages] == [
        ("签约", "年产20GW单晶硅棒项目"),
        ("签约", "年产30GW高效单晶电池项目"),
        ("签约", "5GW高效光伏组件项目"),
    ]


def test_the_project_said_before_a_stage_is_the_one_it_names_not_its_parts() -> None:
    # blind2026e's q030 (e030): 该项目 is the park named before; 三个子项目 are its parts, no batch, and
    # the base it will become (将建成…固态电池生产基地) is no other project of the step
    text = (
        "赣锋新型锂电池科技产业园项目一期工程楼体预计9月份封顶,PACK生产线部分投产,预计8月底实现全部投产。"
        "据了解,该项目于去年7月30日正式开工建设,固定投资超过50亿元,将建成国内最大的固态电池生产基地,"
        "包括固态电池技术研究院、固态电池生产基地及电池Pack系统三个子项目。"
    )
    stages = extract(CleanArticle(title=None, paragraphs=(text,))).projects.stages
    assert [(s.stage, s.project) for s in stages if s.stage == "开工"] == [
        ("开工", "赣锋新型锂电池科技产业园项目一期工程")
    ]
