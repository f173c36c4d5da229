"""Project names in real articles, and the key that links them across articles."""

from __future__ import annotations

import pytest

from monitor.events.extraction import prepare_article
from monitor.projects.names import find_names, investor_prefix, project_key
from monitor.text.article import CleanArticle
from tests.projects.passages import PASSAGES, article, extraction

# passage → the projects it names (one name each, as first or most fully written)
PROJECTS = [
    ("unigroup-chengdu", ["紫光IC国际城项目"]),
    ("luchuan-waste", ["陆川县生活垃圾焚烧发电项目"]),
    ("anwa-wuhu", ["安瓦新能源半固态动力电池产业化项目"]),
    ("wenan-culture-town", ["伟光汇通文旅古镇项目"]),
    ("xinfadi-coldchain", ["河北新发地智慧冷链物流园项目"]),
    # a ceremony's list (A项目、B项目,总投资…; 另外一个项目为…): one name per item, none for the counts
    (
        "zhangpu-signing",
        [
            "共享智能助力单车综合产业基地项目",
            "台玻技改项目",
            "鲁斑智能农业机械生产项目",
            "世艺淘园工贸项目",
            "呷一支食品生产项目",
            "天福养老产业项目",
        ],
    ),
    # 总投资60亿元年产20万吨的锂电池负极材料项目: the name starts after 的; a goal (打造…基地) is no name
    (
        "suizhou-q1-start",
        [
            "随州高新区青春化工园犇星新能源材料项目",
            "锂电池负极材料项目",
            "干星新材料项目",
            "东莞斯缤克化工聚酯胺膜和防伪油墨项目",
        ],
    ),
    # 项目,公司投资X亿元; items: category counts (工业项目13个) are no names
    (
        "mudan-signing",
        [
            "高速物流园项目",
            "牡丹办事处北外环片区棚户区改造项目",
            "太阳能发电空气动力发电项目",
            "新型复合高分子建筑材料项目",
            "小分子健康水生产项目",
        ],
    ),
    # the name stays as written, company and phase included; 位于…产业园 is a place
    ("xingyi-q1-start", ["义龙新区振华新材料有限公司锂离子电池正极材料生产线(三期)项目"]),
    # 基地 then 项目 a few characters on is one name; 打造…的新能源产业基地 is a goal
    ("saic-zhengzhou", ["上汽集团郑州新能源动力生产基地动力电池项目", "新能源动力生产基地项目"]),
    # 运营总部暨…产业园(以下简称中交卖货郎产业园): the short name is the same project
    ("cccc-maihuolang", ["中交卖货郎运营总部暨农业数字化产业园项目"]),
    # a county's plant named with and without its county is one project
    ("huimin-waste", ["生活垃圾焚烧发电项目"]),
    # 2015(春季)牡丹区招商项目, 重大项目, 一季度重大项目: no name of their own
    ("cscec7-liangyuan", []),
]


@pytest.mark.parametrize(("passage", "names"), PROJECTS, ids=[p for p, _ in PROJECTS])
def test_projects_named_in_real_articles(passage: str, names: list[str]) -> None:
    assert [p.name for p in extraction(PASSAGES[passage]).projects.projects] == names


def test_every_name_in_a_list_is_found_where_it_is_written() -> None:
    prepared = prepare_article(article(PASSAGES["zhangpu-signing"]))
    spans = find_names(prepared.text, prepared.written)
    assert all(prepared.written[s.start : s.end] == s.name for s in spans)
    assert "台玻技改项目" in [s.name for s in spans]


# (name as written, investor, key): what varies between two articles about one project goes
KEYS = [
    ("上药超级工厂", None, "上药超级"),
    ("石化高性能弹性体项目", None, "石化高性能弹性体"),
    ("紫光IC国际城项目", None, "紫光ic国际城"),
    ("華晟20GW異質結專用單晶硅材料智慧工廠（一期）項目", None, "华晟20gw异质结专用单晶硅材料智慧一期"),
    ("华晟20GW异质结专用单晶硅材料智慧工厂一期项目", None, "华晟20gw异质结专用单晶硅材料智慧一期"),
    ("浩云长盛宁夏数据中心项目二期", None, "浩云长盛宁夏数据中心二期"),
    ("义龙新区振华新材料有限公司锂离子电池正极材料生产线(三期)项目", None, "锂离子电池正极材料生产线三期"),
    ("上汽集团郑州新能源动力生产基地动力电池项目", "上汽集团", "郑州新能源动力生产基地动力电池"),
    ("河北新发地智慧冷链物流园项目", "河北新发地集团", "智慧冷链物流园"),
    ("株洲高新电业集团有限公司生产基地项目", None, "株洲高新电业集团生产"),
    # a company's full legal name before the project, not the group its name opens with
    ("巨石集团成都有限公司年产25万吨玻璃纤维智能制造基地", None, "年产25万吨玻璃纤维智能制造"),
    ("“花田酒溪·神农谷地”生态康养项目", None, "花田酒溪神农谷地生态康养"),
    ("开封市祥符区智能装备产业园建设项目", None, "开封市祥符区智能装备"),
]


@pytest.mark.parametrize(("name", "investor", "key"), KEYS)
def test_project_key(name: str, investor: str | None, key: str) -> None:
    assert project_key(name, investor) == key


def test_investor_written_before_the_project() -> None:
    assert investor_prefix("河南中联天盛防水防腐材料有限公司年产1500万平方米环保型防水卷材和2500吨防水涂料项目") == (
        "河南中联天盛防水防腐材料有限公司"
    )
    assert investor_prefix("紫光IC国际城项目") is None


def _names_in(text: str) -> list[str]:
    """The project names ``find_names`` reads in a headline and one paragraph."""
    title, _, body = text.partition("\n")
    prepared = prepare_article(CleanArticle(title=title, paragraphs=(body,)))
    return [span.name for span in find_names(prepared.text, prepared.written)]


# Error classes of the projects development set (issue 18), each in sentences written like the
# news it comes from: what is no name, and what is one name however it is joined.
NAME_CLASSES = [
    # "X及项目" / "X暨项目" / "X和项目": "and the projects", no name of its own
    ("会议听取汇报\n专家组审查了决算报告及项目完成后的效益情况。", []),
    ("招商推介\n市投资洽谈会暨项目签约仪式在会展中心举行,共签约9个项目。", []),
    # a batch's category ending in 重大项目 / 重大招商项目, a campaign or a count in front
    ("全市第三次重大项目集中签约\n全市第三次重大项目集中签约活动举行。", []),
    ("推介会举行\n“奋进新征程”重大招商项目推介会在市民中心举行。", []),
    ("两期投产\n一期、两期项目均已投产。", []),
    # a superlative describes, it does not name
    ("新区快讯\n全球最大液流储能电池项目在新区开工。", []),
    # a park a project is placed in (在/位于…, …产业园区, a place and its trade) is no project
    ("溧阳快讯\n星源隔膜项目在溧阳市天目湖产业园开工。", ["星源隔膜项目"]),
    ("签约\n签约仪式在淮南现代煤化工产业园区举行,双方签署恒泰树脂项目协议。", ["恒泰树脂项目"]),
    # what a named project builds is not another project; the same project named again is
    (
        "招商快讯\n总投资20亿元的恒通光电模组项目签约,主要建设光电模组生产基地、封装工厂和研发中心。",
        ["恒通光电模组项目"],
    ),
    (
        "宏图智能装备产业园一期投产\n公司投资30亿元,建设占地300亩的宏图智能装备产业园。",
        ["宏图智能装备产业园一期", "宏图智能装备产业园"],
    ),
    # one project written with both its names: A项目暨B项目, X工厂及Y项目
    ("签约\n双方签署鑫达物流园项目暨冷链仓储中心项目合作协议。", ["鑫达物流园项目暨冷链仓储中心项目"]),
    ("投产\n宏达精密工厂及配套仓储项目顺利投产。", ["宏达精密工厂及配套仓储项目"]),
    ("签约\n双方签约宁远锂电生产基地(赣州)项目。", ["宁远锂电生产基地(赣州)项目"]),
    # a relative clause (合作打造的, 作为…之一的) is no goal: the name after it stands
    ("开工\n由两家企业合作打造的华锐风电装备项目正式开工。", ["华锐风电装备项目"]),
    ("开工\n作为全省重大项目之一的盛和光电显示项目开工仪式举行。", ["盛和光电显示项目"]),
    # but a goal's object with its 的 is still a goal (打造…的…基地)
    ("快讯\n双方将共同打造立足四川、面向西南的中国西部新能源产业基地。", []),
    ("快讯\n厦门是公司继洛阳之后打造的又一核心产业基地。", []),
    # 届时 (by then) opens a plan's clause, not a name
    ("快讯\n届时海辰储能重庆基地将有6条产线。", ["海辰储能重庆基地"]),
    # verbs and subsidiaries before a name: 签定, 同意, 所属, 项目中
    ("签约\n市政府与远景集团签定远景零碳产业园项目投资协议。", ["远景零碳产业园项目"]),
    ("批复\n工信部同意天祥汽车有限公司新能源乘用车工厂扩建。", ["天祥汽车有限公司新能源乘用车工厂"]),
    ("开工\n天成能源公司所属宿迁公司储能电芯项目开工。", ["宿迁公司储能电芯项目"]),
    ("开工\n宿迁智能制造一期项目中2GW储能电芯项目开工。", ["宿迁智能制造一期项目", "2GW储能电芯项目"]),
    # 继…以来 is "after": not part of the name; 继电器 is a product
    ("快讯\n设备搬入是继增芯项目9月20日实现封顶以来的重要交付。", ["增芯项目"]),
    ("快讯\n继电器项目签约。", ["继电器项目"]),
    # a production line is named as a plant is; lines counted are no part of the name, an ordinal is
    ("投产\n京东方绵阳6代柔性AMOLED生产线上月投产。", ["京东方绵阳6代柔性AMOLED生产线"]),
    ("签约\n双方签署协议,规划建设两条12吋特色工艺晶圆生产线。", ["12吋特色工艺晶圆生产线"]),
    ("开工\n鑫资再生铅第三条生产线开工。", ["鑫资再生铅第三条生产线"]),
    # equipment a project buys is no project
    ("开工\n该项目拟建设工业标准化厂房,并引进全自动玻璃生产线。", []),
    # a scale, a rank or an ordinal opening a name describes a project named elsewhere (blind2026e's
    # q011, q005, q095, q099); 相关/所签 projects are named elsewhere (q049, q066)
    ("封顶\n这一“百亿级”新能源项目体量最大的主体工程如期完成。", []),
    ("签约\n益海嘉里湖南粮油食品生产加工基地是望城引进的又一世界500强项目。", ["益海嘉里湖南粮油食品生产加工基地"]),
    ("投产\n元气森林位于四川都江堰的第5座自建工厂已进行设备调试。", []),
    ("投产\n9月19日,江西升华新材料有限公司(简称:江西升华)首条磷酸铁锂正极材料生产线顺利点火试产。", []),
    ("签约\n新区共计签约引进7个储能相关项目。", []),
    ("签约\n当天所签项目落户阳江海上风电产业园。", []),
    # 就 opens what is signed, 拟投建 a plan's project, a reporter's walk is no name (q096, q081, q008)
    ("签约\n成都银河投资管理有限公司就银河饮用水及饮料生产项目签约。", ["银河饮用水及饮料生产项目"]),
    ("公告\n第一期拟投建年产9万吨多晶硅项目。", ["年产9万吨多晶硅项目"]),
    ("探访\n系列报道我们跟随记者到项目现场。", []),
    # 系 (is) cuts a name, 系统 is a word of one (q062; blind2026's q103)
    (
        "开工\n总投资58亿元的鹏辉锂离子动力电池及系统项目昨天在江苏省常州市金坛区金城科技产业园开工。",
        ["鹏辉锂离子动力电池及系统项目"],
    ),
    ("开工\n1月21日,国峰元储年产30吉瓦时电池PACK及系统集成项目开工。", ["国峰元储年产30吉瓦时电池PACK及系统集成项目"]),
    ("快讯\n该公司系华锐集团在西南投资的储能电池项目。", ["储能电池项目"]),
    # a scale before 的, a batch's category before 暨: a description, no part of the name (q018, q052)
    ("签约\n晶澳科技高效组件项目是信息光电高新区第二个“百亿级”的光伏项目。", ["晶澳科技高效组件项目"]),
    (
        "开工\n11月8日,四季度重大项目暨小河镇全域国土综合整治项目开工仪式举行。",
        ["小河镇全域国土综合整治项目"],
    ),
    # 与 between two trades' words joins two products of one name (blind2026e's q009, P05); a venue
    # (主会场) and 而 (while) are no part of a name (q010; e114, P34)
    (
        "签约\n9月27日晚,亿纬锂能储能与动力电池项目签约仪式在沈阳举行,省委副书记、省长李乐成出席。",
        ["亿纬锂能储能与动力电池项目"],
    ),
    (
        "开工\n3月20日,2023年辽宁省一季度重点项目集中开工动员大会在主会场沈阳铁西亿纬锂能储能与动力电池项目工程现场召开。",
        ["沈阳铁西亿纬锂能储能与动力电池项目"],
    ),
    ("签约\n汪洋致辞,而一汽-大众广东项目的选址在佛山南海。", ["一汽-大众广东项目"]),
    # an industrial park (工业园) names a project as 产业园 does, a 项目 after it makes one longer name, and
    # places and 工业园 alone are a zone (blind2026e's q033, q027; blind2026's q079)
    (
        "开工\n2月19日,益海嘉里(青岛)粮油工业有限公司、益海嘉里(青岛)风味油脂有限公司2个项目正式开工。"
        "此次开工的2个项目属于益海嘉里食品工业园的一部分。",
        ["益海嘉里食品工业园"],
    ),
    (
        "开工\n2023年2月1日,新年伊始,信义集团云南曲靖工业园多晶硅一期项目开工仪式10:00正式举行,"
        "拉开了云南曲靖工业园新年开好局、起好步的序幕。",
        ["信义集团云南曲靖工业园多晶硅一期项目"],
    ),
    (
        "签约\n比亚迪将继续加大在深投资,与深汕特别合作区签约,建设深汕比亚迪汽车工业园四期。",
        ["深汕比亚迪汽车工业园四期"],
    ),
    ("开工\n项目位于曲靖经济技术开发区西城工业园区。", []),
    # an amount in euros and 设立 (set up) are no part of a name (e093, P26: 约10亿欧元设立全新生产制造基地
    # was read as one), and what is left says nothing of its own
    ("签约\n赛诺菲与北京经济技术开发区签署了合作备忘录,将投资约10亿欧元设立全新生产制造基地。", []),
    # a rank, also after the region it ranks in, or "a … one" before the name describes a project named
    # elsewhere; so does a batch of 重大建设项目 (blind2026g's r029, r049, r062, r066, r008, r033;
    # blind2026's q047, blind2026e's q107)
    (
        "开工\n昨天在合川工业园区天顶组团开工,明年底建成投产后,将助力合川成为继两江新区后,重庆第二大汽车制造基地。",
        [],
    ),
    ("签约\n项目一期总投资62亿美元,总建筑面积约37万平方米,为我国华南地区首座12英寸晶圆工厂。", []),
    ("开业\n住友橡胶集团在沪正式宣布,将于湖南省长沙市,设立中国第二家工厂。", []),
    (
        "开业\n该工厂位于合肥市高新区南岗科技园,是德国大陆集团在中国的第一个轮胎生产基地,工厂年产能将达到400万条轿车轮胎。",
        [],
    ),
    (
        "签约\n舍弗勒新能源汽车核心部件项目是舍弗勒集团为顺应汽车电动化趋势,"
        "服务于中国新能源汽车产业发展而设立的一个重要项目。",
        ["舍弗勒新能源汽车核心部件项目"],
    ),
    ("签约\n该项目也是落户重庆的首个锂电化学储能整装项目。", []),
    (
        "签约\n在东莞重大建设项目方面,松山湖高新区再次锦上添花。日前,歌尔股份华南智能制造项目在东莞松山湖生态园大道正式动工。",
        ["歌尔股份华南智能制造项目"],
    ),
    # a move's destination, a headline's "gains one more" and a park placed by 位于该区 describe, name
    # nothing; 搬迁 inside a name stays (blind2026g's r007, r011, r018, r009)
    (
        "签约\n此外,舍弗勒将把舍弗勒太仓朝阳路工厂搬迁至新制造基地,为太仓城市规划的可持续发展和产业布局提供全新空间。",
        ["舍弗勒太仓朝阳路工厂"],
    ),
    (
        "长沙新能源汽车产业再添一整车项目\n11月17日,广汽埃安长沙工厂项目在长沙经开区启动建设。",
        ["广汽埃安长沙工厂项目"],
    ),
    (
        "投产\n两江新区管委会发布消息称,位于该区鱼复工业园的韩泰轮胎已于9月11日投产。",
        [],
    ),
    (
        "开工\n这标志着总投资14.57亿美元的米其林沈阳轮胎有限公司“高性能子午线轮胎环保搬迁改造及扩产项目”正式启动。",
        ["高性能子午线轮胎环保搬迁改造及扩产项目"],
    ),
    # a plant's number is no rank (第五工厂: no 大/座/家/个 after it; blind2026's sentence, its bracketed
    # second name left out)
    ("竣工\n19日,北京现代第五工厂正式落成。", ["北京现代第五工厂"]),
    # a phase after a stray space is the name's (blind2026i i065, k038: 通富微电南通工厂 二期工程项目); two
    # names a space apart stay two
    (
        "封顶\n在位于苏通园区的通富微电南通工厂 二期工程项目建设现场,记者看到工人们已将主体厂房封顶。",
        ["通富微电南通工厂 二期工程项目"],
    ),
    ("开工\n长江工业园定制厂房项目 东部新城项目同日开工。", ["长江工业园定制厂房项目", "东部新城项目"]),
    # a number's thousands comma and a bracketed workshop with Latin letters are inside the name
    # (blind2026i i007, i008: 厦钨新能宁德…(CD车间)项目); a comma between clauses still ends it
    (
        "进展\n厦钨新能宁德70,000吨锂离子电池正极材料(CD车间)项目是福建省重点项目,于2022年开工。",
        ["厦钨新能宁德70,000吨锂离子电池正极材料(CD车间)项目"],
    ),
    (
        "封顶\n11日,在厦钨新能宁德年产7万吨锂离子电池正极材料(CD车间)项目施工现场,省建工集团建设者抓进度。",
        ["厦钨新能宁德年产7万吨锂离子电池正极材料(CD车间)项目"],
    ),
    ("开工\n总投资2,000万元,年产10万吨饲料项目开工。", ["年产10万吨饲料项目"]),
    # a park that hosts a promotion is its host, no project (blind2026k m060); a project's 招商引资协议 names it
    ("签约\n9月17日下午,云南绿色铝创新产业园招商推介会暨签约仪式在文山举行。", []),
    ("签约\n合江县法王寺镇还与四川亿园达农业发展有限公司签订年产5000吨泡椒项目招商引资协议。", ["年产5000吨泡椒项目"]),
    # a visit, a report or a duty before the name is no part of it; a rank is no name (blind2026k m047, m008,
    # m025, m048, m010)
    ("李宁中心\n3月22日,记者来到东盟李宁中心项目,看到项目一期主体结构已封顶。", ["东盟李宁中心项目"]),
    ("华天\n而近日南京日报报道再次提及华天科技项目进展。", ["华天科技项目"]),
    ("投产\n向支持项目建设的各级各部门表示诚挚慰问。", []),
    ("投产\n项目是连云港国家级石化基地重点打造的基地型、龙头型、旗舰型项目。", ["连云港国家级石化基地"]),
    ("开工\n茂晶光电VR光学镜头项目更是厦门市的代表项目。", ["茂晶光电VR光学镜头项目"]),
    (
        "签约\n河南神火集团有限公司新组建的云南神火铝业有限公司负责90万吨绿色水电铝材一体化项目建设。",
        ["90万吨绿色水电铝材一体化项目"],
    ),
    # a period's batch, a scale, a new round and an organisation's project are no names (blind2026k m037, m066,
    # m061, m062)
    ("投产\n6月28日,2020年二季度广西“双百双新”产业项目集中开竣工仪式举行。", []),
    ("开工\n保持了去年以来每季度都有千亿签约金额、百亿工业项目开工的势头。", []),
    ("签约\n近日,文山州绿色铝产业再签新项目。", []),
    ("签约\n1月16日,文山州政府与山东创新集团有限公司和中铝(云南)华江铝业有限公司项目合作协议签字仪式举行。", []),
    # a place's "one more" project is a description (blind2026k m009, m010, m056)
    (
        "开工\n南京又一百亿项目奠基开工。9月22日,华天南京集成电路先进封测产业基地二期项目在浦口区奠基。",
        ["华天南京集成电路先进封测产业基地二期项目"],
    ),
]


@pytest.mark.parametrize(("text", "names"), NAME_CLASSES, ids=[str(i) for i in range(len(NAME_CLASSES))])
def test_name_error_classes(text: str, names: list[str]) -> None:
    assert _names_in(text) == names
