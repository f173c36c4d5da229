"""Mentions: the occasion a page reports when no signing or announcement reader recognises one.

Each case is a page as a crawl stores it (one paragraph per line, the
publication day given); the mention is what ``extract`` reports for it.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from monitor.events.extraction import extract
from monitor.events.mentions import MENTION_STATUS, STAGE_KINDS
from monitor.text.byline import BEIJING
from tests.events.events_seedtext import article_from_text


def _day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BEIJING)


# (name, page, published, (kind, province, city, date, figure texts) or None)
CASES: list[tuple[str, str, str, tuple[str, str | None, str | None, str | None, list[str]] | None]] = [
    (
        "expo-turnover",
        "新华社上海11月10日电 第三届中国国际进口博览会10日闭幕。\n"
        "按一年计,本届进博会累计意向成交726.2亿美元,比上届增长2.1%。",
        "2020-11-10",
        ("展会成交", "上海市", "上海市", "2020-11-10", ["726.2亿美元"]),
    ),
    (
        "expo-turnover-traditional-repost",
        "第三屆中國國際進口博覽會于11月10日閉幕,按一年計,累計意向成交726.2億美元。",
        "2020-11-11",
        ("展会成交", None, None, "2020-11-10", ["726.2亿美元"]),
    ),
    (
        "a-fair-closes-闭会",
        "本报兰州7月9日讯 第14届中国兰州投资贸易洽谈会完成各项活动日程,于今天下午宣布闭会。",
        "2007-07-10",
        ("闭幕", "甘肃省", "兰州市", "2007-07-09", []),
    ),
    (
        "projects-placed-落子",
        "11月16日,2021无锡锡山金秋招商合作恳谈会举行,总投资达894.7亿元的64个项目落子。",
        "2021-11-17",
        ("落户", "江苏省", "无锡市", "2021-11-16", ["达894.7亿元"]),
    ),
    (
        "groundbreaking-of-one-plant",
        "4月22日,总投资100亿美元的埃克森美孚惠州乙烯项目在广东惠州大亚湾石化区正式动工。",
        "2020-04-23",
        ("开工", "广东省", "惠州市", "2020-04-22", ["100亿美元"]),
    ),
    (
        "ceremony-without-a-figure",
        "3月29日上午,精细化工及原料工程项目开工仪式在辽宁省盘锦市辽滨沿海经济技术开发区举行。",
        "2023-03-30",
        ("开工", "辽宁省", "盘锦市", "2023-03-29", []),
    ),
    (
        "commissioning-before-its-groundbreaking-in-the-sentence",
        "近日,特斯拉上海储能超级工厂在上海临港新片区正式投产,该工厂于2024年5月开工建设,用时仅7个月即竣工。",
        "2025-02-12",
        ("投产", "上海市", "上海市", None, []),
    ),
    (
        "investment-decision",
        "德国巴斯夫集团20日宣布已作出最终投资决策,将投资高达100亿欧元建设位于广东省湛江市的一体化基地。",
        "2022-07-21",
        ("投资决策", "广东省", "湛江市", "2022-07-20", ["高达100亿欧元"]),
    ),
    (
        "a-new-plant-announced",
        "4月9日,特斯拉宣布,将在上海新建一家超级工厂,专门生产储能电池。",
        "2023-04-10",
        ("落户", "上海市", "上海市", "2023-04-09", []),
    ),
    (
        "launched-today",
        "今天,巴斯夫总投资额达100亿美元的广东新型一体化生产基地项目正式在广东湛江启动。",
        "2019-11-23",
        ("启动", "广东省", "湛江市", "2019-11-23", ["达100亿美元"]),
    ),
    (
        "an-edition-of-a-congress-opens",
        "10月22日上午,第五届楚商大会在湖北省武汉市开幕,海内外知名楚商代表与会。",
        "2021-10-22",
        ("开幕", "湖北省", "武汉市", "2021-10-22", []),
    ),
    # a congress or fair held, named by its year or edition (blind2026d c061, c039, c034, c066)
    (
        "a-congress-held-named-by-its-year",
        "14日,2023世界温州人大会在浙江省温州市举行,浙江省人大常委会副主任、中国侨联副主席吴晶在致辞中表示。",
        "2023-10-15",
        ("开幕", "浙江省", "温州市", "2023-10-14", []),
    ),
    (
        "a-fair-named-by-its-year-opens",
        "中新网武汉11月16日电 (梁婷 武一力)2021华侨华人创业发展洽谈会(简称“华创会”)16日在武汉开幕。",
        "2021-11-16",
        ("开幕", "湖北省", "武汉市", "2021-11-16", []),
    ),
    (
        "a-taiwan-week-opens",
        "第十一届“重庆·台湾周”16日正式开幕,600余名海峡两岸嘉宾齐聚重庆,共同探讨两岸经贸合作与文化交流。",
        "2019-10-16",
        ("开幕", "重庆市", "重庆市", "2019-10-16", []),
    ),
    (
        "the-first-congress-convened",
        "2月24日上午10时,备受全球川商瞩目的首届川商返乡发展大会在成都市锦江宾馆召开。",
        "2016-02-24",
        ("开幕", "四川省", "成都市", "2016-02-24", []),
    ),
    # stages still to come: the agreement the lead names is the occasion (c011), a planned
    # groundbreaking only where nothing else is named (blind2026b p113)
    (
        "a-planned-stage-gives-way-to-the-agreement",
        "根据协议,国轩高科将在庐江高新区增加投资建设年产20万吨高端正极材料项目。该项目位于庐江高新区磙桥路与金汤路交口"
        "东南角,占地面积约268亩,总建筑面积约12万平方米,計劃峜图于 2021年10月底前开工建设,2025年正式投产,"
        "建成后預計估計年产值将达100亿元。",
        "2021-07-27",
        ("签约", "安徽省", "合肥市", None, ["达100亿元"]),
    ),
    (
        "a-planned-stage-alone",
        "精细化工及原料工程项目总投资837亿元人民币,实施主体是华锦阿美石油化工有限公司,股东方分别是北方工业集团、沙特阿美、"
        "盘锦鑫诚,持股比例分别为51%、30%和19%。在获得所需的行政批准后,项目将于2023年第二季度开工建设,"
        "预计在2026年投入全面运营。",
        "2023-03-10",
        ("开工", "辽宁省", "盘锦市", None, ["837亿元人民币"]),
    ),
    # news of something else: no occasion, or an occasion of no project and no money
    # (a fair still to be held: its preview, blind2026d c198)
    (
        "a-fair-to-be-held",
        "台湾网9月1日潍坊消息 以“两岸一家亲、鲁台共发展”为主题的第二十届鲁台经贸洽谈会将于9月1日至4日在山东潍坊举行。",
        "2014-09-01",
        None,
    ),
    ("statistics", "今年前三季度,全市规模以上工业增加值同比增长6.5%,增速比上半年加快0.3个百分点。", "2024-10-20", None),
    (
        "looking-back-over-past-expos",
        "回顾三年进博会,经贸合作硕果累累。按一年计,第三届进博会累计意向成交达到726.2亿美元。",
        "2021-11-05",
        None,
    ),
    ("games-closing", "第十四届全国运动会27日在西安闭幕,运动员们在赛场上奋勇拼搏。", "2021-09-28", None),
]


@pytest.mark.parametrize(("name", "page", "published", "expected"), CASES, ids=[case[0] for case in CASES])
def test_a_page_with_no_signing_reports_its_occasion(
    name: str,
    page: str,
    published: str,
    expected: tuple[str, str | None, str | None, str | None, list[str]] | None,
) -> None:
    extraction = extract(article_from_text(page, published=_day(published)))
    assert extraction.events == () and extraction.announcements == ()
    if expected is None:
        assert extraction.mentions == ()
        return
    [mention] = extraction.mentions
    kind, province, city, day, figures = expected
    assert mention.status == MENTION_STATUS
    assert (mention.kind, mention.place.province, mention.place.city) == (kind, province, city)
    assert (mention.date.to_json() if mention.date else None) == day
    assert [f.text for f in mention.figures] == figures
    assert extraction.reported == extraction.mentions  # what the store files and signwatch extract shows


def test_a_page_with_a_signing_gives_no_mention() -> None:
    page = (
        "9月26日,湖北省人民政府与中国长江三峡集团有限公司在武汉签署战略合作协议,"
        "双方将共同推进154个项目,总投资3645亿元。"
    )
    extraction = extract(article_from_text(page, published=_day("2021-09-26")))
    assert extraction.events
    assert extraction.mentions == ()


def test_stages_are_occasions_a_mention_can_name() -> None:
    kinds = {case[3][0] for case in CASES if case[3] is not None}
    assert kinds <= STAGE_KINDS | {"签约", "闭幕", "开幕", "落户"}
    assert {"开工", "投产", "投资决策", "展会成交"} <= kinds


# Pages that retell a signing as the background of a stage (blind2026d c113 and c057,
# blind2026e q095): (name, page, published, the mention's kind, city and (month, day)).
RETOLD: list[tuple[str, str, str | None, tuple[str, str, tuple[int, int]]]] = [
    (
        "groundbreaking-retells-the-signing-below-its-lead",
        "3月21日,云南通威二期20萬噸高純晶硅項目開工儀式在昌寧園中園舉行。市委書記楊軍出席開工儀式并宣布項目開工。"
        "市委副書記、代理市長陳銳出席并致辭。\n"
        "據介紹,云南通威二期20萬噸高純晶硅項目于2022年9月2日正式簽約,總投資160億元,"
        "是高純晶硅領域全球首個20萬噸級的項目,也是全球高純晶硅領域首個投資過百億的項目。",
        None,
        # (the page gives the groundbreaking no year: the year read is the signing's, not asserted)
        ("开工", "保山市", (3, 21)),
    ),
    (
        "早在-a-signing-as-background",
        "格力电器(桂林)智能制造生产基地项目早在2021年11月4日桂林市政府与格力电器就正式签署了项目投资协议书。"
        "后来因为疫情等多种原因一直未能开工,荒地搁浅。\n"
        "2024年9月28日,桂林迎来了格力电器(桂林)智能制造生产基地的开工!",
        None,
        ("开工", "桂林市", (9, 28)),
    ),
    (
        "trial-production-retells-the-agreement",
        "新京报讯(记者 王子扬)3月29日,新京报记者了解到,元气森林位于四川都江堰的第5座自建工厂已进行设备调试,"
        "准备试投产。该工厂总投资约10亿元,占地229.3亩,年产能超12亿瓶,生产产品将主要辐射中国西南地区。\n"
        "元气森林都江堰工厂项目于2021年6月16日签订投资协议,从立项到投产不到一年时间。",
        "2022-04-09",
        ("投产", "成都市", (3, 29)),
    ),
]


@pytest.mark.parametrize(("name", "page", "published", "expected"), RETOLD, ids=[case[0] for case in RETOLD])
def test_a_retold_signing_is_not_the_page_s_event(
    name: str, page: str, published: str | None, expected: tuple[str, str, tuple[int, int]]
) -> None:
    """The page's news is the stage its lead reports; the signing it retells was news on its own day."""
    extraction = extract(article_from_text(page, published=_day(published) if published else None))
    assert extraction.events == ()
    [mention] = extraction.reported
    kind, city, (month, day) = expected
    assert (mention.status, mention.kind, mention.place.city) == (MENTION_STATUS, kind, city)
    assert mention.date is not None and (mention.date.earliest.month, mention.date.earliest.day) == (month, day)


def test_a_signing_held_with_the_stage_stays_the_page_s_event() -> None:
    """A 签约开工仪式 is a signing too, dated as the lead dates it (blind2026d p146)."""
    page = (
        "淄博市招商引资项目现场会暨高新区第二季度重大项目集中签约开工仪式举行\n"
        "淄博3月19日讯 3月19日上午,淄博市2021年招商引资项目现场会暨淄博高新区第二季度重大项目集中签约开工仪式,"
        "在淄博高新区山东头部医科大学智能配药机器人产业化项目现场举行。"
    )
    extraction = extract(article_from_text(page))
    dated = [(e.status, e.date.to_json()) for e in extraction.events if e.date is not None]
    assert ("done", "2021-03-19") in dated


# Leads that open with a quote or a scene: the occasion is in the paragraph after (blind2026d
# c061, c032): (name, page, published, (kind, city, date)).
LATE_NEWS: list[tuple[str, str, str | None, tuple[str, str, str | None]]] = [
    (
        "a-quote-first",
        "中新网 温州10月15日电(周健)“二十年来,世界温州人大会掀起了温商回归、温青回归、温智回归热潮,"
        "为促进温州经济社会发展和现代化建设注入强大动力,形成海内外温州人融合发展的生动局面。”\n"
        "14日,2023世界温州人大会在浙江省温州市举行,浙江省人大常委会副主任、中国侨联副主席吴晶在致辞中表示。",
        None,
        ("开幕", "温州市", None),
    ),
    (
        "a-scene-first",
        "中國臺灣網(wǎng)重慶9月16日訊(記者 尹賽楠 卓娜 李銳)九月的重慶,驕陽依舊火熱,情感愈發(fā)滾燙。\n"
        "9月16日,第十七屆“重慶·臺灣周”在渝開幕。兩岸有關(guān)民間團(tuán)體、工商團(tuán)體代表以及專家學(xué)者等600余人參加開幕式。",
        "2025-09-16",
        ("开幕", "重庆市", "2025-09-16"),
    ),
]


@pytest.mark.parametrize(("name", "page", "published", "expected"), LATE_NEWS, ids=[case[0] for case in LATE_NEWS])
def test_a_lead_without_an_occasion_reads_one_paragraph_more(
    name: str, page: str, published: str | None, expected: tuple[str, str, str | None]
) -> None:
    extraction = extract(article_from_text(page, published=_day(published) if published else None))
    [mention] = extraction.reported
    kind, city, day = expected
    assert (mention.status, mention.kind, mention.place.city) == (MENTION_STATUS, kind, city)
    assert (mention.date.to_json() if mention.date else None) == day
