"""An event's date is the date in its text (issue 15), its year from the article.

Rows are published passages of the development set
``tests/events/eval/blind2026/passages.jsonl`` (ids in the comments) with the
page date the set records, and the seed pages.  A page's relative date
(``9个月前 (09-24)``) becomes the article's publication date, which lends a
date its year but is never the event's own date.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from monitor.events import extract
from monitor.events.dates import find_dates
from monitor.text import clean_text
from monitor.text.article import CleanArticle
from monitor.text.byline import BEIJING
from tests.conftest import seed_text


def _dates(text: str, published: date | None) -> list[str | None]:
    when = datetime(published.year, published.month, published.day, tzinfo=BEIJING) if published else None
    article = CleanArticle(title=None, paragraphs=tuple(p for p in text.split("\n") if p.strip()), published=when)
    return [e.date.to_json() if e.date else None for e in extract(article).events]


@pytest.mark.parametrize(
    ("passage", "published", "dates"),
    [
        # p066: of two dates before the agreement, the board meeting's, nearest to it
        (
            "美湖股份3月23日晚间发布公告称,经公司2025年3月22日召开的第十一届董事会第十八次会议审议通过,"
            "公司拟与重庆市沙坪坝区招商投资促进中心签订,项目计划总投资约7亿元,一期投资2亿元。",
            None,
            ["2025-03-22"],
        ),
        # p168: the dateline (5月27日讯) is when the report was filed; 5月份 names the batch
        (
            "本报德州5月27日讯(记者徐良)5月26日上午,德州招商引资项目5月份集中开工暨签约仪式在禹城举行,"
            "27个项目集中开工,10个项目集中签约。",
            date(2021, 5, 28),
            ["2021-05-26"],
        ),
        # p085: a day alone takes the month of the dateline before it
        (
            "中新网苏州4月27日电 (记者 钟升)以“投资苏州,赢得未来”为主题的2025苏州全球招商大会26日下午举行。"
            "总投资3415.7亿元的417个项目集中签约,全球产业创新合作伙伴计划也于同期启动。",
            date(2025, 4, 27),
            ["2025-04-26"],
        ),
        # p020: a day alone, in the article's month
        (
            "在27日举行的2016湖州市接轨上海推介会上,湖州市人民政府和上海市人民政府发展研究中心签署战略合作协议。",
            date(2016, 11, 29),
            ["2016-11-27"],
        ),
        # p021: 16日上午 in an article of the 17th
        (
            "16日上午,省政府与中国农业发展银行签署《支持浙江高质量发展建设共同富裕示范区战略合作协议》,"
            "省长王浩、中国农业发展银行行长湛东升见证签约。",
            date(2023, 3, 17),
            ["2023-03-16"],
        ),
        # p035: a reporting date (记者从…获悉) and a period of months are no event's date
        (
            "本网讯 (记者 张再行)3月13日,记者从区招商中心获悉,1至3月,我区实现春季集中签约文旅、工业、商贸等产业项目9个,"
            "协议引资67.7亿元,实现招商引资“开门红”。",
            date(2019, 3, 14),
            [None],
        ),
        # p202: 1月至4月 is a period
        (
            "恩施州高度重视招商引资工作,今年派出230余名招商“尖兵”赴全国各地招商,1月至4月,"
            "恩施州新签约亿元以上产业项目149个,计划投资763亿元。",
            date(2022, 6, 1),
            [None],
        ),
        # p203: 截至今年9月份 bounds a period; the intent's date is its own day, 2日
        (
            "北方網消息:2日,由12位美國房地產界、金融界人士組成的美國企業代表團在天津市投資服務中心、"
            "天津市外國企業專家服務總公司帶領下,對海河兩岸綜合開發改造進行相關項目考察,並初步達成相關投資意向。\n"
            "據悉,截至今年9月份,海河開發已簽訂正式投資協議3項,引資25.7億元;簽訂投資意向13個,意向引資額110多億元。",
            date(2004, 11, 3),
            ["2004-11-02"],
        ),
        # an exhibition held over several days: its signing is on one of them, which the range does not say
        # (a window over the range, not its first day nor its last; the labels give such a range no day)
        (
            "2022年11月5日至10日,第五届中国国际进口博览会在上海国家会展中心举行,现场签约项目86个,总投资300亿元。",
            None,
            ["2022-11-05/2022-11-10"],
        ),
        # a year written later as a goal (到2030年) is not the year of a day told before it: no year, no date
        (
            "新华社法兰克福7月21日电 巴斯夫集团20日与湛江市政府签署投资协议。\n"
            "到2030年,巴斯夫将在湛江投资高达100亿欧元。",
            None,
            [None],
        ),
        # ... while a year written later that is no goal still gives it one
        (
            "新华社法兰克福7月21日电 巴斯夫集团20日与湛江市政府签署投资协议。\n这是2022年巴斯夫在华最大的投资。",
            None,
            ["2022-07-20"],
        ),
        # ... and so does a plan's own year (计划2020年…), most often the article's
        (
            "6月10日,一家锂电企业与厦门市政府签署投资协议。\n该项目总投资100亿元,计划2020年第四季度投产。",
            None,
            ["2020-06-10"],
        ),
        # p084: 去年 counts from the article's year
        (
            "去年4月26日,首届苏州全球招商大会共集中签约项目367个,总投资3735.4亿元。",
            date(2025, 4, 26),
            ["2024-04-26"],
        ),
    ],
)
def test_the_event_date_is_the_date_in_its_text(passage: str, published: date | None, dates: list[str | None]) -> None:
    assert _dates(passage, published) == dates


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("5月26日上午", [(5, 26, False)]),
        ("中新网苏州4月27日电 (记者 钟升)", [(4, 27, True)]),
        ("本报德州5月27日讯(记者徐良)", [(5, 27, True)]),
        ("26日下午举行", [(None, 26, False)]),
        # counts and bounds that look like dates
        ("近30日", []),
        ("5日内完成审批", []),
        ("截至今年9月份", []),
        ("截至8月底", []),
        ("1至9月", []),
        ("1月至4月", []),
        ("3月13日,记者从区招商中心获悉", []),
        # a company's announcement is when it told of an agreement, not when it was signed
        # (blind2026d c005: 8月4日晚间公告 of the agreement signed on 8月2日)
        ("亿纬锂能(300014)8月4日晚间公告,与荆门高新区管委会建立战略合作关系,并签订了《战略投资协议》。", []),
        ("美湖股份3月23日晚间发布公告称,经公司2025年3月22日召开的董事会审议通过", [(3, 22, False)]),
        ("通威股份(600438)8月17日晚间公告,公司拟与包头市昆都仑区政府签署", []),  # c112, simplified
        # a range of days is one date, from its first day (its last: test_a_range_of_days_is_a_window)
        ("2022年11月5日至10日,博览会在上海举行", [(11, 5, False)]),
        ("9月26日到28日举办", [(9, 26, False)]),
        ("10月13-16日在北京召开三个招商推介会", [(10, 13, False)]),
        ("9月15日到 17 日,镇长带队赴江苏南通", [(9, 15, False)]),
        # ... and only when it follows its start (a day before it, or a day alone elsewhere, is not)
        ("9月26日举办,28日闭幕", [(9, 26, False), (None, 28, False)]),
        ("9月28日至26日", [(9, 28, False), (None, 26, False)]),
    ],
)
def test_which_dates_are_written(text: str, found: list[tuple[int | None, int, bool]]) -> None:
    assert [(m.month, m.day, m.dateline) for m in find_dates(text)] == found


def test_a_relative_page_date_is_the_articles_date_never_the_events() -> None:
    # Seed 001 as a crawl fetched it: its meta line 9个月前 (09-24) makes the article
    # of 2021-09-24; its signings take their dates from the text (今年2月, 刚刚过去的4月)
    # or have none - never the publication day.
    article = clean_text(seed_text(1), fetched=datetime(2022, 6, 10, tzinfo=UTC))
    extraction = extract(article)
    assert extraction.published == date(2021, 9, 24)
    assert [(e.kind, e.date.to_json() if e.date else None) for e in extraction.events] == [
        ("签约", None),
        ("战略合作协议", "2021-02"),
        ("签约", "2021-04"),
    ]
    # Read without the fetch time (signwatch extract on the file), the page has no date, and
    # the same signings have none either: a month alone has no year to take.
    assert extract(clean_text(seed_text(1))).published is None
    assert [e.date for e in extract(clean_text(seed_text(1))).events] == [None, None, None]


def test_seed_000_dates_come_from_its_text() -> None:
    # 8月26日, the year from 2021年 in the text; 同日 is the day of the event before
    events = extract(clean_text(seed_text(0))).events
    assert [(e.kind, e.date.to_json() if e.date else None) for e in events] == [
        ("集中签约", "2021-08-26"),
        ("战略合作协议", "2021-08-26"),
    ]


@pytest.mark.parametrize(
    ("passage", "published", "dates"),
    [
        # blind2026d p034: the labels give a range no day; it is a window over its days
        (
            "本网讯 在梁山县委、县政府提出的“百日攻坚”重要部署后,拳铺镇统一思想、积极行动,"
            "10月13-16日在北京召开三个招商推介会,达成多项合作意向。",
            date(2015, 10, 27),
            (date(2015, 10, 13), date(2015, 10, 16)),
        ),
        # blind2026d p032 (a space inside the range, as the page has it)
        (
            "西部決策網(wǎng)訊為全面落實“三個年”活動要求,9月15日到 17 日,鎮(zhèn)巴縣簡池鎮(zhèn)鎮(zhèn)長張超帶隊"
            "赴江蘇南通及上海等地開展叩門招商,期間與近10家企業(yè)進(jìn)行對接洽談,簽訂協(xié)議3項,總投資約1.1億元。",
            date(2023, 9, 18),
            (date(2023, 9, 15), date(2023, 9, 17)),
        ),
        # blind2026d c044: a fair's span is not its first day
        (
            "香港新聞網11月16日電  由國務院僑辦、湖北省人民政府共同主辦的2023年華僑華人創業發展洽談會"
            "(以下簡稱華創會)於11月15日至17日在湖北武漢召開。",
            date(2023, 11, 16),
            (date(2023, 11, 15), date(2023, 11, 17)),
        ),
    ],
)
def test_a_range_of_days_is_a_window(passage: str, published: date, dates: tuple[date, date]) -> None:
    when = datetime(published.year, published.month, published.day, tzinfo=BEIJING)
    [event] = extract(replace(clean_text(passage), published=when)).reported
    assert event.date is not None
    assert (event.date.earliest, event.date.latest) == dates
    assert event.date.to_json() == f"{dates[0].isoformat()}/{dates[1].isoformat()}"
