"""Development zones and new areas as places, and short names that only context places.

Tables of real zone names (from the State Council's lists and GB/T 37028-2018)
and the place each lies in; ambiguous names with and without the context that
settles them; the issue's examples; real passages of the blind2026 set (now a
development set) whose place hangs on a zone or on context.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest

from monitor.events import extract
from monitor.events.places import PlaceResolver, divisions, gazetteer
from monitor.events.zones import parse_zones, zone_records
from monitor.text import clean_text
from monitor.text.article import CleanArticle

PlaceTuple = tuple[str | None, str | None, str | None]
PASSAGES = Path(__file__).parent / "eval" / "blind2026" / "passages.jsonl"


def _place(text: str) -> PlaceTuple:
    """The place a text names, read as a whole (one scope)."""
    place = PlaceResolver(text).resolve([(0, len(text))])
    return (place.province, place.city, place.county)


def _event_place(*paragraphs: str, title: str | None = None) -> PlaceTuple | None:
    events = extract(CleanArticle(title=title, paragraphs=paragraphs)).events
    if not events:
        return None
    place = events[0].place
    return (place.province, place.city, place.county)


# --- the table ---------------------------------------------------------------------------


def test_every_zone_lies_in_a_known_division_and_says_so() -> None:
    table = gazetteer()
    records = zone_records()
    assert len(records) > 2600
    for record in records:
        division = table.by_key[(record.level, record.code)]
        names = [d.name for d in table.chain(division)]
        assert names[0].endswith(("省", "市", "自治区", "特别行政区")), record


def test_the_place_column_agrees_with_the_codes() -> None:
    """The human-readable place of each row is the one its code stands for."""
    table = gazetteer()
    text = (resources.files("monitor.events") / "data" / "zones.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        fields = line.split("\t")
        division = table.by_key[(int(fields[5]), fields[6])]
        names = [d.name for d in table.chain(division)] + ["-"] * (3 - division.level)
        assert fields[7] == "/".join(names), line


@pytest.mark.parametrize(
    ("rank", "kind", "at_least"),
    [
        # GB/T 37028-2018 has 219 national 经开区 and 168 高新区; 17 and 5 were approved since
        ("国家级", "经开区", 230),
        ("国家级", "高新区", 173),
        ("国家级", "国家级新区", 19),
        ("国家级", "自贸区", 22),
        ("国家级", "自贸片区", 69),
        ("国家级", "综保区", 130),
        ("省级", "经开区", 900),
        ("省级", "高新区", 140),
    ],
)
def test_counts_per_class(rank: str, kind: str, at_least: int) -> None:
    counts = Counter((r.rank, r.kind) for r in zone_records())
    assert counts[(rank, kind)] >= at_least


def test_a_bad_row_is_a_one_line_error() -> None:
    with pytest.raises(ValueError, match="line 2: not a zone row"):
        parse_zones("# header\n经开区\t国家级\t某经开区\n")


def test_loading_the_zones_keeps_the_divisions_as_they_were() -> None:
    """Zones add names; every division full name still reads as that division."""
    table = gazetteer()
    for division in divisions()[:400]:
        found = table.mentions(division.name)
        assert found and found[0].end == len(division.name) and division in found[0].candidates, division


# --- one test per zone class: real names and where they lie -----------------------------


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("武汉经济技术开发区", ("湖北省", "武汉市", None)),
        ("江宁经开区", ("江苏省", "南京市", "江宁区")),
        ("浏阳经开区", ("湖南省", "长沙市", "浏阳市")),
        ("北京亦庄", ("北京市", "北京市", "大兴区")),
        ("广州开发区", ("广东省", "广州市", "黄埔区")),
        ("天津开发区", ("天津市", "天津市", "滨海新区")),
        ("漕河泾开发区", ("上海市", "上海市", None)),
        ("沧州临港经济技术开发区", ("河北省", "沧州市", None)),
        ("合肥蜀山经济技术开发区", ("安徽省", "合肥市", "蜀山区")),  # approved 2021
        ("广州花都经济技术开发区", ("广东省", "广州市", "花都区")),  # approved 2024
        # provincial: the county in the name
        ("山东寿光经济开发区", ("山东省", "潍坊市", "寿光市")),
        ("湖北谷城经济开发区", ("湖北省", "襄阳市", "谷城县")),
        ("安巢经开区", ("安徽省", "合肥市", "巢湖市")),
    ],
)
def test_economic_and_technological_development_zones(name: str, place: PlaceTuple) -> None:
    assert _place(name) == place


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("武汉东湖新技术开发区", ("湖北省", "武汉市", None)),
        ("东湖高新区", ("湖北省", "武汉市", None)),
        ("光谷", ("湖北省", "武汉市", None)),
        ("张江高新区", ("上海市", "上海市", None)),
        ("中关村科技园区", ("北京市", "北京市", None)),
        ("苏州高新区", ("江苏省", "苏州市", "虎丘区")),
        ("杭州高新区(滨江)", ("浙江省", "杭州市", "滨江区")),
        ("昆山高新区", ("江苏省", "苏州市", "昆山市")),
        ("东莞松山湖高新区", ("广东省", "东莞市", None)),
        ("遵义高新技术产业开发区", ("贵州省", "遵义市", None)),  # upgraded 2022
        ("长治高新区", ("山西省", "长治市", None)),
    ],
)
def test_high_tech_zones(name: str, place: PlaceTuple) -> None:
    assert _place(name) == place


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("武汉东湖综合保税区", ("湖北省", "武汉市", None)),
        ("曹妃甸综保区", ("河北省", "唐山市", "曹妃甸区")),
        ("郑州新郑综合保税区", ("河南省", "郑州市", "新郑市")),
        ("奉贤综合保税区", ("上海市", "上海市", "奉贤区")),
        ("外高桥保税区", ("上海市", "上海市", "浦东新区")),
    ],
)
def test_bonded_zones(name: str, place: PlaceTuple) -> None:
    assert _place(name) == place


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("两江新区", ("重庆市", "重庆市", None)),
        ("雄安新区", ("河北省", "保定市", None)),
        ("江北新区", ("江苏省", "南京市", None)),
        ("西海岸新区", ("山东省", "青岛市", "黄岛区")),
        ("湘江新区", ("湖南省", "长沙市", None)),
        ("天府新区", ("四川省", "成都市", "天府新区")),  # the code table lists it as a county of 成都
        # across two cities: the province only
        ("赣江新区", ("江西省", None, None)),
        ("贵安新区", ("贵州省", None, None)),
        # a new area that is a district: the district
        ("浦东新区", ("上海市", "上海市", "浦东新区")),
    ],
)
def test_national_new_areas(name: str, place: PlaceTuple) -> None:
    assert _place(name) == place


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("中国（湖北）自由贸易试验区", ("湖北省", None, None)),
        ("上海自贸区", ("上海市", "上海市", None)),
        ("海南自由贸易港", ("海南省", None, None)),
        ("天津自贸试验区", ("天津市", "天津市", "滨海新区")),
    ],
)
def test_free_trade_zones(name: str, place: PlaceTuple) -> None:
    assert _place(name) == place


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("临港新片区", ("上海市", "上海市", None)),
        ("中国(上海)自由贸易试验区临港新片区", ("上海市", "上海市", None)),
        ("中国（湖北）自由贸易试验区武汉片区", ("湖北省", "武汉市", None)),
        ("前海蛇口片区", ("广东省", "深圳市", "南山区")),
        ("横琴片区", ("广东省", "珠海市", "香洲区")),
        ("正定片区", ("河北省", "石家庄市", "正定县")),
        ("绥芬河片区", ("黑龙江省", "牡丹江市", "绥芬河市")),
        ("河北自贸区大兴机场片区", ("河北省", "廊坊市", None)),
        # both 北京 and 河北 have a 大兴机场片区: without context, no place
        ("大兴机场片区", (None, None, None)),
    ],
)
def test_free_trade_zone_areas(name: str, place: PlaceTuple) -> None:
    assert _place(name) == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a city's own new area, named without its city (blind2026d p144, c001: 郑东新区 is 郑州's)
        (
            "2024年11月2日,郑东新区在龙子湖智慧岛隆重举行第四季度招商引资重点项目签约仪式,"
            "共计签约项目35个,投资总额超145亿元。",
            ("河南省", "郑州市", None),
        ),
        ("翠亨新区", ("广东省", "中山市", None)),
        ("武夷新区", ("福建省", "南平市", None)),
        ("太白湖新区", ("山东省", "济宁市", None)),
        ("大鹏新区", ("广东省", "深圳市", None)),
        ("前湾新区", ("浙江省", "宁波市", None)),
        ("杭州湾新区", ("浙江省", "宁波市", None)),
        ("金义新区", ("浙江省", "金华市", None)),
        ("五象新区", ("广西壮族自治区", "南宁市", None)),
        ("瓯江口新区", ("浙江省", "温州市", None)),
        # a new area's former name, a district today
        ("光明新区", ("广东省", "深圳市", "光明区")),
        ("红谷滩新区", ("江西省", "南昌市", "红谷滩区")),
    ],
)
def test_cities_own_new_areas(text: str, place: PlaceTuple) -> None:
    assert _place(text) == place


# --- ambiguous names, with and without context ------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # 东湖: a district of 南昌, and a lake (and a zone) of 武汉
        ("东湖举行项目签约。", (None, None, None)),
        ("南昌市东湖举行项目签约。", ("江西省", "南昌市", "东湖区")),
        ("东湖高新区举行项目签约。", ("湖北省", "武汉市", None)),
        # 鼓楼: districts of 南京, 福州, 徐州 and 开封
        ("鼓楼举行项目签约。", (None, None, None)),
        ("福州鼓楼举行项目签约。", ("福建省", "福州市", "鼓楼区")),
        # 朝阳: 北京's district, 辽宁's city, 长春's district - and the 朝阳 of 朝阳产业
        ("朝阳举行项目签约。", (None, None, None)),
        ("大力发展朝阳产业。", (None, None, None)),
        ("北京朝阳举行项目签约。", ("北京市", "北京市", "朝阳区")),
        ("辽宁朝阳举行项目签约。", ("辽宁省", "朝阳市", None)),
        # a bare zone word: the city the article names says which
        ("高新区举行项目签约。", (None, None, None)),
        ("襄阳市在高新区举行项目签约。", ("湖北省", "襄阳市", None)),
        # a name several zones share: 沧州, 宜宾, 威海 ... each have a 临港经开区
        ("临港经开区举行项目签约。", (None, None, None)),
        ("河北临港经开区举行项目签约。", ("河北省", "沧州市", None)),
        # two such zones in 山东 (威海, 临沂): the province settles nothing, so no place
        ("山东临港经开区举行项目签约。", ("山东省", None, None)),
        # a zone named only by its own words needs its region named (宾阳县黎塘工业园区)
        ("黎塘工业园区举行项目签约。", (None, None, None)),
        ("南宁市黎塘工业园区举行项目签约。", ("广西壮族自治区", "南宁市", "宾阳县")),
        ("松山湖高新区举行项目签约。", (None, None, None)),
        ("东莞市松山湖高新区举行项目签约。", ("广东省", "东莞市", None)),
    ],
)
def test_ambiguous_names_need_context(text: str, place: PlaceTuple) -> None:
    assert _place(text) == place


def test_context_further_down_the_article_settles_a_name() -> None:
    """A province or city named anywhere in the article counts, not only near the signing."""
    place = _event_place(
        "临港经开区举行重点项目集中签约仪式,12个项目签约,总投资86亿元。",
        "近年来,该区持续优化营商环境。",
        "下一步,沧州市将继续加大招商引资力度。",
    )
    assert place == ("河北省", "沧州市", None)


def test_the_source_home_region_is_context() -> None:
    text = "临港经开区举行重点项目集中签约仪式。"
    assert PlaceResolver(text).resolve([(0, len(text))]).names == ()
    assert PlaceResolver(text, home="河北日报").resolve([(0, len(text))]).names == ("河北省", "沧州市")


def test_a_news_outlet_s_place_is_context_not_the_event_s() -> None:
    place = _event_place("【香港商报讯】在10月16日举行的座谈会上,安徽省与45户央企签署78个合作项目。")
    assert place == ("安徽省", None, None)


def test_where_investors_come_from_is_not_where_they_sign() -> None:
    place = _event_place(
        "禹城市已招引项目27个,总投资83.72亿元。集中签约的10个项目总投资42.95亿元,全部来自济南、北京等地。"
    )
    assert place == ("山东省", "德州市", "禹城市")


def test_several_cities_of_one_province_give_the_province() -> None:
    place = _event_place("此次集中签约项目120个,其中合肥市签约36个,芜湖市签约20个,蚌埠市签约12个。")
    assert place == ("安徽省", None, None)


# --- the issue's examples and district-level places --------------------------------------


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        # today: 江西省南昌市东湖区
        ("武汉东湖高新区举行重点项目集中签约仪式,总投资120亿元。", ("湖北省", "武汉市", None)),
        # today: no place, so a 上海市 subscriber never hears of it
        ("临港新片区6个重磅项目签约落地,总投资额超400亿元。", ("上海市", "上海市", None)),
        # the zone is where the signing is, not the partner's city; the district named beside it deepens it
        ("阳逻开发区与北京一家投资公司签约,武汉市新洲区招商局介绍。", ("湖北省", "武汉市", "新洲区")),
    ],
)
def test_issue_examples(sentence: str, place: PlaceTuple) -> None:
    assert _event_place(sentence) == place


def test_a_signing_whose_article_names_its_district_gets_the_district() -> None:
    place = _event_place(
        "上海市举行重点项目集中签约仪式,20个项目签约,总投资120亿元。",
        title="宝山区20个重点项目集中签约",
    )
    assert place == ("上海市", "上海市", "宝山区")


def test_counties_run_by_their_province_are_their_own_city() -> None:
    assert _place("五家渠市") == ("新疆维吾尔自治区", "五家渠市", None)
    assert _place("仙桃市") == ("湖北省", "仙桃市", None)
    assert _place("香港") == ("香港特别行政区", None, None)


# --- real passages of blind2026 (a development set now) ----------------------------------


def _passages() -> dict[str, dict[str, object]]:
    with PASSAGES.open(encoding="utf-8") as lines:
        return {row["id"]: row for row in map(json.loads, lines)}


@pytest.mark.parametrize(
    "passage",
    [
        "p050",  # 東湖高新區 … 光谷 (Traditional): 武汉市, not 南昌
        "p057",  # 临港新片区 … 6个重磅项目签约落地
        "p059",  # 临港新片区 … 42个项目集中签约
        "p073",  # 两江新区
        "p106",  # 阳逻开发区 with 北京's investor in the sentence
        "p020",  # 湖州市接轨上海推介会: 湖州, not 上海
        "p169",  # 全部来自济南、北京: 德州 (禹城)
        "p162",  # 五家渠市
        "p097",  # 香港: no city
        "p172",  # 安巢经开区
        "p114",  # 街河市镇 … 松滋市 in the next paragraph
    ],
)
def test_blind2026_passages(passage: str) -> None:
    row = _passages()[passage]
    published = row.get("published")
    article = clean_text(str(row["text"]))
    if isinstance(published, str):
        article = CleanArticle(
            title=article.title,
            paragraphs=article.paragraphs,
            published=datetime.fromisoformat(published).replace(tzinfo=UTC),
        )
    events = extract(article).events
    assert events
    label = row["place"]
    assert isinstance(label, dict)
    assert (events[0].place.province, events[0].place.city) == (label["province"], label["city"])


def test_the_article_s_source_line_is_context() -> None:
    """A 来源 naming a province (河北日报) settles a name several zones share."""
    paragraphs = ("临港经开区举行重点项目集中签约仪式,12个项目签约,总投资86亿元。",)
    unsourced = extract(CleanArticle(title=None, paragraphs=paragraphs)).events[0].place
    sourced = extract(CleanArticle(title=None, paragraphs=paragraphs, source="河北日报")).events[0].place
    assert unsourced.names == ()
    assert sourced.names == ("河北省", "沧州市")
