"""Reading whole articles: each project's own amount, investor and place, and the hook in extract()."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from monitor.events import extract
from monitor.projects import ProjectReading, read_projects
from monitor.projects.model import NOTHING
from monitor.text.article import CleanArticle
from tests.projects.passages import PASSAGES, article, extraction

# (passage, project, its own investment figures in yuan, investor, place as province/city/county)
PROJECTS = [
    # a list's items each get their own amount, not the batch's 160亿元 or 337.4亿元
    ("suizhou-q1-start", "锂电池负极材料项目", [6e9], None, ("湖北省", "随州市", None)),
    ("suizhou-q1-start", "干星新材料项目", [1.5e9], None, ("湖北省", "随州市", None)),
    ("suizhou-q1-start", "随州高新区青春化工园犇星新能源材料项目", [], None, ("湖北省", "随州市", None)),
    # 该项目总投资32.5亿元: the sentence after the name
    (
        "fuzhou-q4-start",
        "福州福清市福耀玻璃年产400万套智能车用安全玻璃生产项目",
        [3.25e9],
        None,
        ("福建省", "福州市", "福清市"),
    ),
    ("fuzhou-q4-start", "福建奔驰新增纯电动车车型建设项目", [4.5e9], None, ("福建省", "福州市", "闽侯县")),
    # 项目,公司投资X亿元; each item its company
    (
        "mudan-signing",
        "牡丹办事处北外环片区棚户区改造项目",
        [3e9],
        "中国国际联储投资集团有限公司",
        ("山东省", "菏泽市", "牡丹区"),
    ),
    ("mudan-signing", "小分子健康水生产项目", [2e8], "藏域云路科技有限公司", ("山东省", "菏泽市", "牡丹区")),
    # a list of items followed by their total: the total is no item's (总投资4.74亿元 after 呷一支…项目)
    ("zhangpu-signing", "呷一支食品生产项目", [], None, ("福建省", "漳州市", "漳浦县")),
    ("zhangpu-signing", "天福养老产业项目", [2.5e8], None, ("福建省", "漳州市", "漳浦县")),
    # 项目总投资不低于2000亿元 in the next sentence, the investor from the signing
    ("unigroup-chengdu", "紫光IC国际城项目", [2e11], "紫光集团有限公司", ("四川省", "成都市", None)),
    # the company the name opens with is its investor
    (
        "xingyi-q1-start",
        "义龙新区振华新材料有限公司锂离子电池正极材料生产线(三期)项目",
        [8e9, 1.2e9, 1.12e8],
        "义龙新区振华新材料有限公司",
        ("贵州省", "黔西南布依族苗族自治州", "兴义市"),
    ),
    (
        "wenan-culture-town",
        "伟光汇通文旅古镇项目",
        [],
        "伟光汇通文化旅游投资集团有限公司",
        ("河北省", "廊坊市", "文安县"),
    ),
    # 项目总投资10.1亿元,项目建成投产后…,新增年销售约20亿元: the sales are no investment of it
    ("yangzhou-silicon", "绿色高效超薄硅片项目", [1.01e9], None, (None, None, None)),
    (
        "lezhi-pigs",
        "10万头生猪楼房生态循环养殖项目",
        [3e8],
        "正邦集团有限公司",
        ("四川省", "资阳市", "乐至县"),
    ),
]


@pytest.mark.parametrize(("passage", "name", "figures", "investor", "place"), PROJECTS)
def test_a_projects_own_fields(
    passage: str, name: str, figures: list[float], investor: str | None, place: tuple[str | None, ...]
) -> None:
    [project] = [p for p in extraction(PASSAGES[passage]).projects.projects if p.name == name]
    assert [f.value for f in project.figures] == figures
    assert project.investor == investor
    assert (project.place.province, project.place.city, project.place.county) == place


def test_extract_carries_the_reading_and_read_projects_gives_the_same() -> None:
    cleaned = article(PASSAGES["unigroup-chengdu"])
    extraction = extract(cleaned)
    assert isinstance(extraction.projects, ProjectReading)
    assert read_projects(cleaned, extraction) == extraction.projects
    document = json.loads(json.dumps(extraction.to_json(), ensure_ascii=False))
    reading = document["projects"]
    assert set(reading) == {"parties", "projects", "stages", "industry", "industry_words"}
    assert reading["industry"] == "新一代信息技术"
    assert reading["parties"][1] == {
        "name": "紫光集团有限公司",
        "role": "investor",
        "normalised": "紫光集团",
        "same_as": None,
    }
    [project] = reading["projects"]
    assert set(project) == {"name", "key", "investor", "place", "figures", "industry", "industry_words", "implied"}
    assert project["place"] == {"province": "四川省", "city": "成都市", "county": None}
    assert reading["stages"] == [
        {
            "stage": "签约",
            "project": "紫光IC国际城项目",
            "key": "紫光ic国际城",
            "date": "2017-04-22",
            "evidence": reading["stages"][0]["evidence"],
        }
    ]


def test_an_article_about_no_project_reads_as_nothing() -> None:
    # the cleaned seed text of a page about something else entirely
    cleaned = CleanArticle(title="天气预报", paragraphs=("明天多云转晴,气温十五到二十二度。",))
    assert extract(cleaned).projects is NOTHING


def test_the_reading_pickles() -> None:
    import pickle

    reading = extraction(PASSAGES["mudan-signing"]).projects
    assert pickle.loads(pickle.dumps(reading)) == reading


@pytest.mark.slow
def test_either_package_imports_first() -> None:
    # monitor.events imports monitor.projects and the other way round: neither order may fail
    for first in ("monitor.projects", "monitor.projects.read", "monitor.events", "monitor.events.extraction"):
        done = subprocess.run([sys.executable, "-c", f"import {first}"], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr


# (sentence, project, investor): an investor's short name written right before a quoted project name
# is that project's investor, however near another investing party is named (blind2026 P04's signing)
WRITTEN_BEFORE = [
    (
        "2019年6月30日,中航锂电科技有限公司、厦门火炬高新区管委会与金圆集团在厦门市行政中心共同签署了"
        "《投资合作协议》,总投资100亿元的中航锂电“新型动力锂电池生产线项目”正式落户厦门火炬高新区。",
        "新型动力锂电池生产线项目",
        "中航锂电科技有限公司",
    ),
    # no quote: the nearest investing party, as before
    (
        "眉山市政府、甘孜州政府与通威集团签定通威高新技术绿色产业园区项目暨10GW高效晶硅电池项目投资协议。",
        "通威高新技术绿色产业园区项目暨10GW高效晶硅电池项目",
        "通威集团",
    ),
]


@pytest.mark.parametrize(("sentence", "name", "investor"), WRITTEN_BEFORE)
def test_investor_written_right_before_a_quoted_name(sentence: str, name: str, investor: str) -> None:
    reading = extract(CleanArticle(title=None, paragraphs=(sentence,))).projects
    [project] = [p for p in reading.projects if p.name == name]
    assert project.investor == investor


def test_a_name_in_brackets_after_a_name_and_its_auxiliaries_is_that_project() -> None:
    # blind2026c P29's groundbreaking: the stage word comes after the short name in brackets
    sentence = (
        "2月18日,TCL中环年产35GW高纯太阳能(000591)超薄单晶硅片智慧工厂项目及配套项目(“DW五期”项目)"
        "在银川市经济技术开发区正式开工建设,项目投资41亿元。"
    )
    reading = extract(CleanArticle(title=None, paragraphs=(sentence,))).projects
    [project] = reading.projects
    assert project.name == "TCL中环年产35GW高纯太阳能(000591)超薄单晶硅片智慧工厂项目"
    assert [(s.stage, s.key) for s in reading.stages] == [("开工", project.key)]


def test_a_code_name_is_the_project_it_ends() -> None:
    # TCL华星t8项目 and t8项目 in one article (blind2026c P26's groundbreaking): one project, whose trade
    # the code name's sentence tells
    reading = extract(
        CleanArticle(
            title="TCL华星t8项目正式开工",
            paragraphs=("TCL华星t8项目于10月21日在广州正式开工。t8项目是全球第一条规模化量产的G8.6代印刷OLED产线。",),
        )
    ).projects
    assert [(p.name, p.industry) for p in reading.projects] == [("TCL华星t8项目", "新一代信息技术")]


def test_projects_whose_names_name_no_trade_take_the_articles() -> None:
    # blind2026c P13's signing: one investor's plant named two ways, neither name with a trade word
    reading = extract(
        CleanArticle(
            title="中创新航项目签约江门",
            paragraphs=(
                "1月26日,江门市人民政府与中创新航签署项目投资合作协议,中创新航50GWh产业基地正式落户江门市。"
                "中创新航江门基地项目的落地,将助推江门市新能源汽车智能化全产业链体系建设,为江门市打造动力锂电池专业产业园。",
            ),
        )
    ).projects
    assert reading.industry is not None
    assert {p.industry for p in reading.projects} == {reading.industry}


@pytest.mark.parametrize(
    ("text", "investor"),
    [
        # the company the project is named for, written in full only as a founder's employer (blind2026c P23)
        (
            "3月27日,总投资120亿元的欣旺达动力电池项目落户南京溧水区。欣旺达电子股份有限公司创始人王明旺出席签约仪式。",
            "欣旺达电子股份有限公司",
        ),
        # a project named for its place is no company's of that place
        ("3月27日,南京市智能制造产业园项目开工。南京市城建集团有限公司负责人出席。", None),
    ],
)
def test_a_project_takes_the_company_it_is_named_for(text: str, investor: str | None) -> None:
    reading = extract(CleanArticle(title=None, paragraphs=(text,))).projects
    assert [p.investor for p in reading.projects] == [investor]


@pytest.mark.parametrize(
    ("text", "plant"),
    [
        # a step of a company's plant told with no project named (blind2026e's e023): the one investor's
        # plant, named by the company, no project name read (implied), of no trade
        (
            "4月25日,三一(塔城)风电设备有限公司举行投产仪式暨产品订货会。塔城地委书记魏建国出席并见证这一重要时刻。",
            ("三一(塔城)风电设备有限公司", "三一风电设备项目", "塔城地区", "投产"),
        ),
        # a company that itself starts production (blind2026e e062, 大众 合肥; blind2026c b067): its plant's step
        (
            "12月29日从大众中国获悉,大众汽车(安徽)有限公司已于近日正式投产出口欧洲市场的纯电动车型Cupra Tavascan。",
            ("大众汽车(安徽)有限公司", "大众汽车项目", None, "投产"),
        ),
        (
            "7月10日,中粮可口可乐饮料(贵州)有限公司(下称“中粮可口可乐贵州厂”)正式宣布投产。作为中粮可口可乐的第20家工厂,"
            "中粮可口可乐贵州厂拥有得天独厚的地理位置、气候环境及营商环境优势。",
            ("中粮可口可乐饮料(贵州)有限公司", "中粮可口可乐饮料项目", None, "投产"),
        ),
        # a signing that tells where the investor's plant goes (blind2026c b037): of that plant
        (
            "智东西5月4日肇庆现场报道,小鹏汽车今日与广东肇庆政府举行了签约仪式,正式将小鹏汽车的生产基地落户在肇庆市高新区。",
            ("小鹏汽车", "小鹏汽车项目", "肇庆市", "签约"),
        ),
        # a signing that names no project (a framework agreement: cscec7-liangyuan's) implies no plant
        ("10月27日,中建七局投资有限公司与梁园区人民政府举行战略合作框架协议签约仪式。", None),
    ],
)
def test_a_step_of_a_plant_no_project_names_is_its_investors_plant(
    text: str, plant: tuple[str, str, str | None, str] | None
) -> None:
    reading = read_projects(
        CleanArticle(title=None, paragraphs=(text,)), extract(CleanArticle(title=None, paragraphs=(text,)))
    )
    if plant is None:
        assert reading.projects == ()
        return
    (project,) = reading.projects
    assert (project.name, project.key, project.place.city, project.implied, project.industry) == (
        *plant[:3],
        True,
        None,
    )
    assert [(s.stage, s.project) for s in reading.stages] == [(plant[3], plant[0])]
