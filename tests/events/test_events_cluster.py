"""Clusters: which reports are one real event, and why (real reports from the blind2026 cluster set).

The reports come from ``eval/blind2026/clusters.jsonl`` (a development set
since its first run): each is read as a stored page is, cleaned and
extracted, and its events grouped as filing groups them.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from functools import cache
from pathlib import Path

import pytest

from monitor.events import extract
from monitor.events.cluster import (
    Verdict,
    amounts_match,
    compare,
    group_events,
    joins_in_article,
    parties_match,
    statuses_agree,
)
from monitor.events.cluster_facts import (
    Amount,
    EventFacts,
    combine,
    editions_of,
    facts_of,
    is_government,
    make_facts,
    normal_party,
)
from monitor.text import clean_text
from monitor.text.article import CleanArticle
from monitor.text.byline import BEIJING
from tests.events.events_seedtext import article_from_text, seed_article

CLUSTERS = Path(__file__).parent / "eval" / "blind2026" / "clusters.jsonl"
# blind2026d's cluster set (a development set since its first run): its reports are named d:c063
CLUSTERS_D = Path(__file__).parent / "eval" / "blind2026d" / "clusters.jsonl"


@cache
def _reports(path: Path = CLUSTERS) -> dict[str, dict[str, str | None]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {row["id"]: row for row in (json.loads(line) for line in lines if line.strip())}


def report_article(report_id: str) -> CleanArticle:
    """A report of the cluster set as a stored page's article: cleaned, with the page's date when it shows one.

    ``d:c063`` names a report of blind2026d's set, ``c063`` one of blind2026's.
    """
    row = _reports(CLUSTERS_D)[report_id[2:]] if report_id.startswith("d:") else _reports()[report_id]
    article = clean_text(str(row["text"]))
    published = row["published"]
    if published:
        article = replace(article, published=datetime.fromisoformat(published).replace(tzinfo=BEIJING))
    return article


def event_groups(article: CleanArticle) -> list[EventFacts]:
    """The article's events as filing groups them (what it reports: mentions too): one set of facts per real event."""
    extraction = extract(article)
    facts = [facts_of(event, extraction.published) for event in extraction.reported]
    return [combine([facts[i] for i in group]) for group in group_events(facts)]


def best_verdict(a: CleanArticle, b: CleanArticle) -> Verdict:
    """The verdict of the closest pair of the two articles' events (a conflict when none is free of one)."""
    verdicts = [compare(x, y) for x in event_groups(a) for y in event_groups(b)]
    assert verdicts, "both articles must report an event"
    return max(verdicts, key=lambda v: (v.same, v.conflict is None, v.score))


# (first report, second report, the fields that match): reports of one event by different sites.
SAME_EVENT = [
    # a repost with no place and no date: the distinctive total and the project count
    ("c001", "c002", {"amounts", "projects"}),
    # the same day on one side, the same month and day on an undated page, and the company
    ("c003", "c004", {"parties", "date"}),
    # 5496亿元 in one province; one page gives the dateline's day, the other no date
    ("c037", "c038", {"amounts", "place"}),
    # 特斯拉储能超级工厂: the same wording, the event's day against a page's window
    ("c075", "c076", {"wording", "date"}),
    # a Traditional mirror: the same day, the same city, the same project name
    ("c093", "c094", {"wording", "date", "place"}),
    # 256.6亿元 on both; 30 projects against a count misread as 3 costs score, not the match
    ("c054", "c055", {"amounts", "date"}),
    # a government named two ways (省政府, 河南省政府) and the company, on one day
    ("c021", "c022", {"parties", "date", "place"}),
    # a company's announcement and a repost cut short: the project's full name, written alike
    # (贵州新能源动力及储能电池生产制造基地一期项目), though every word of it is a common one
    ("c091", "c092", {"wording", "place"}),
    # 南京's cloud signing: 67 projects on both, one site writing 67 个项目 with a space
    ("c047", "c048", {"projects", "place"}),
    # 上海建工 and 成都: one report names the ceremony by its agreement (…战略合作协议签署仪式),
    # attended by city leaders, the other the agreement on 8月24日
    ("c017", "c018", {"parties", "place"}),
    # the 23rd 华创会's opening told alone, and its 27 projects 在开幕式现场签约 the same day in 武汉
    ("d:c042", "d:c043", {"date", "place", "kind"}),
    # 国家能源集团's fourth batch of 2023: an announcement (宣布37个重点电力项目集中开工) and a repost's
    # groundbreaking read as a mention (近日集中开工): one stage, 1260亿元 on both
    ("d:c089", "d:c090", {"amounts", "kind"}),
    # 国轩高科's 庐江 agreement and a spun repost whose groundbreaking is still planned (計劃…开工建设)
    ("d:c009", "d:c011", {"place", "wording"}),
]


@pytest.mark.parametrize(("first", "second", "fields"), SAME_EVENT, ids=[f"{a}-{b}" for a, b, _ in SAME_EVENT])
def test_reports_of_one_event_share_a_cluster(first: str, second: str, fields: set[str]) -> None:
    verdict = best_verdict(report_article(first), report_article(second))
    assert verdict.same, verdict
    assert fields <= set(verdict.fields), verdict.fields
    # the decision does not depend on which report came first
    assert best_verdict(report_article(second), report_article(first)).same


# (first report, second report, the conflict or None when only the score is short): look-alikes.
OTHER_EVENT = [
    # 浙江省政府 and 吉利: a 2022 agreement and the 2026 one
    ("c111", "c112", "date"),
    # 国家能源集团 with 四川省人民政府, and with 蜀道集团 on the same day: another counterparty
    ("c147", "c148", "parties"),
    # 腾讯 with 成都高新区 on 6月1日 and with 成都市 on 8月20日, both without a year
    ("c135", "c136", "date"),
    # 巴南区's fourth-quarter signing (216亿元, 25 projects) and the next year's first (238亿元, 24)
    ("c106", "c107", None),
    # 河南省 and 中国邮政: 2020 and 2024
    ("c021", "c123", "date"),
    # the second and the third 西洽会
    ("c156", "c052", "date"),
    # 甘肃's fairs in Hong Kong of 2023 (4 projects) and 2025 (13): "有关单位和企业" is no party of either
    ("d:c192", "d:c193", None),
]


@pytest.mark.parametrize(("first", "second", "conflict"), OTHER_EVENT, ids=[f"{a}-{b}" for a, b, _ in OTHER_EVENT])
def test_look_alikes_stay_apart(first: str, second: str, conflict: str | None) -> None:
    verdict = best_verdict(report_article(first), report_article(second))
    assert not verdict.same, verdict
    if conflict is not None:
        assert verdict.conflict is not None and verdict.conflict.startswith(conflict), verdict


# The example: agreements of the same two parties on other days are other events.
ZHENGZHOU = "{day},河南省政府与中国邮政集团有限公司在郑州签署战略合作框架协议。"


@pytest.mark.parametrize(
    ("day", "same"),
    [("9月28日", True), ("9月29日", True), ("10月1日", False), ("2021年3月5日", False)],
    ids=["same-day", "announced-next-day", "three-days-after", "next-year"],
)
def test_agreements_of_the_same_parties_on_other_days_are_other_events(day: str, same: bool) -> None:
    first = article_from_text(ZHENGZHOU.format(day="9月28日"), published=datetime(2020, 9, 29, tzinfo=BEIJING))
    other = article_from_text(ZHENGZHOU.format(day=day), published=datetime(2021, 3, 6, tzinfo=BEIJING))
    assert best_verdict(first, other).same is same


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (Amount(60875000000, "CNY", "exact"), Amount(60000000000, "CNY", "more_than"), True),  # 608.75亿, 超600亿
        (Amount(84760000000, "CNY", "exact"), Amount(84800000000, "CNY", "nearly"), True),  # 847.6亿, 近848亿
        (Amount(102000000000, "CNY", "exact"), Amount(100000000000, "CNY", "more_than"), True),  # 1020亿, 超千亿
        (Amount(82470000000, "CNY", "exact"), Amount(824700000000, "CNY", "exact"), True),  # 824.7亿, 8247亿 garbled
        (Amount(11081000000, "CNY", "exact"), Amount(11080000000, "CNY", "exact"), True),  # 110.81亿, 110.8亿
        (Amount(102000000000, "CNY", "exact"), Amount(10000000000, "CNY", "more_than"), False),  # 1020亿, 超百亿
        (Amount(6000000000, "CNY", "exact"), Amount(60000000000, "CNY", "exact"), False),  # 60亿, 600亿
        (Amount(22000000000, "CNY", "exact"), Amount(21600000000, "CNY", "exact"), False),  # 220亿 is not 216亿
        (Amount(1846000000, "USD", "exact"), Amount(1846000000, "CNY", "exact"), False),  # another currency
        (Amount(65000000000, "CNY", "exact"), Amount(60000000000, "CNY", "more_than"), True),  # 650亿, 超600亿
        (Amount(71000000000, "CNY", "exact"), Amount(60000000000, "CNY", "more_than"), False),  # 710亿, 超600亿
    ],
)
def test_amounts_agree_as_written_rounded_or_garbled(a: Amount, b: Amount, agree: bool) -> None:
    assert (amounts_match(a, b) is not None) is agree
    assert (amounts_match(b, a) is not None) is agree


def test_a_distinctive_amount_weighs_more_than_a_round_one() -> None:
    distinctive = amounts_match(Amount(549600000000, "CNY", "exact"), Amount(549600000000, "CNY", "exact"))
    round_ = amounts_match(Amount(50000000000, "CNY", "more_than"), Amount(50000000000, "CNY", "more_than"))
    assert distinctive is not None and round_ is not None and distinctive[0] > round_[0]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("省政府", "河南省人民政府", True),
        ("上汽集团", "上海汽车集团股份有限公司", True),
        ("中国电建", "中国电力建设集团有限公司", True),
        ("国机集团", "中国机械工业集团有限公司", True),
        ("宁德时代", "宁德时代新能源科技股份有限公司", True),
        ("共同见证省政府", "四川省人民政府", True),
        ("蜀道集团", "国家能源集团", False),
        ("成都高新区", "成都市", False),
        ("宁德时代", "宁德市政府", False),
        ("中国中化集团", "中国化工集团", False),
    ],
)
def test_parties_match_by_name_or_abbreviation(a: str, b: str, same: bool) -> None:
    assert parties_match(normal_party(a), normal_party(b)) is same


@pytest.mark.parametrize(
    ("name", "normal", "government"),
    [
        ("河南省人民政府", "河南省政府", True),
        ("天津西青经济技术开发区管理委员会", "天津西青经济技术开发区管理委员会", True),
        ("中国交通建设集团有限公司今天", "中国交通建设集团", False),
        ("副省长郑备", "", False),
        # an officer named with the body they speak for is that body; an officer alone is no party
        ("吉利控股集团董事长李书福出席", "吉利控股集团", False),
        ("浙江吉利控股集团高级副总裁俞学良", "浙江吉利控股集团", False),
        ("常务副省长李云泽", "", False),
        # a class of bodies is no party (甘肃和香港两地有关单位和企业共签署4个投资项目)
        ("甘肃和香港两地有关单位", "", False),
        ("企业共", "", False),
        ("台湾相关企业和行业协会", "", False),
    ],
)
def test_party_names_are_compared_without_their_trimmings(name: str, normal: str, government: bool) -> None:
    assert normal_party(name) == normal
    assert not normal or is_government(normal) is government


# A ceremony of 40 projects and two of its projects, each signed by a county
# with a company (a ceremony as the issue describes: its parts carry parties).
SHANGLUO = (
    "5月24日上午,商洛市代表团举行第一次集中签约仪式,共签约项目40个,总投资295.73亿元。\n"
    "在当天举行的集中签约仪式上,镇安县与陕西矿山冶金有限公司签订东阳钼产业园项目合同书,总投资19.8亿元。"
)


@pytest.mark.parametrize(
    ("article", "groups"),
    [
        # a strategic agreement, then 出席签约仪式: a sentence referring back to it
        (lambda: report_article("c003"), 1),
        # a strategic agreement, then 见证签约
        (lambda: report_article("c007"), 1),
        # a ceremony of 40 projects, then one of them signed by a county with a company
        (lambda: article_from_text(SHANGLUO, published=datetime(2014, 5, 26, tzinfo=BEIJING)), 1),
        # a batch signing, then 同日 a named agreement of other parties with no amount: another event
        (lambda: seed_article("000"), 2),
    ],
    ids=["referring-back", "witnessed", "sub-project", "same-day-other-agreement"],
)
def test_an_articles_events_are_grouped_into_real_events(article: object, groups: int) -> None:
    assert callable(article)
    assert len(event_groups(article())) == groups


def _facts(**changes: object) -> EventFacts:
    base = EventFacts(
        kinds=frozenset({"集中签约"}),
        status="done",
        province="湖北省",
        city="襄阳市",
        county=None,
        day=date(2021, 4, 27),
        window=(date(2021, 4, 27), date(2021, 4, 27)),
        published=date(2021, 4, 28),
        month_day=(4, 27),
        parties=(),
        amounts=(Amount(60875000000, "CNY", "exact"),),
        projects=frozenset({156}),
        batch=True,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "same"),
    [
        # a repost naming the district, rounding the amount, without the date (an undated page of 4月29日)
        (
            {
                "county": "襄州区",
                "amounts": (Amount(60000000000, "CNY", "more_than"),),
                "day": None,
                "window": (date(2021, 2, 28), date(2021, 4, 29)),
                "month_day": None,
            },
            True,
        ),
        # the same, but the province's other city
        ({"city": "宜昌市", "amounts": (Amount(60000000000, "CNY", "more_than"),)}, False),
        # a results briefing's dateline four days later, with the same distinctive total
        (
            {"day": date(2021, 5, 1), "window": (date(2021, 5, 1), date(2021, 5, 1)), "published": date(2021, 5, 1)},
            True,
        ),
        # a preview of the signing (将签约) is another event than the signing
        ({"status": "planned"}, False),
    ],
    ids=["district-rounded-undated", "other-city", "dateline-day", "preview"],
)
def test_reposts_may_differ_in_level_rounding_and_date(change: dict[str, object], same: bool) -> None:
    assert compare(_facts(), _facts(**change)).same is same


# ---------------------------------------------------------------- mentions (status "reported")


def reported_groups(article: CleanArticle) -> list[EventFacts]:
    """What filing compares of an article: its signings, announcements or mention, grouped into events."""
    extraction = extract(article)
    facts = [facts_of(event, extraction.published) for event in extraction.reported]
    return [combine([facts[i] for i in group]) for group in group_events(facts)]


def _page(text: str, published: str | None) -> CleanArticle:
    day = datetime.fromisoformat(published).replace(tzinfo=BEIJING) if published else None
    return article_from_text(text, published=day)


EXPO_THIRD = "新华社上海11月10日电 第三届中国国际进口博览会10日闭幕。按一年计,累计意向成交726.2亿美元,比上届增长2.1%。"
EXPO_THIRD_MIRROR = "第三屆中國國際進口博覽會于11月10日閉幕,按一年計,累計意向成交726.2億美元,比上屆增長2.1%。"
EXPO_FOURTH = "新华社上海11月10日电 第四届中国国际进口博览会10日闭幕。按一年计,累计意向成交707.2亿美元,比上届略降2.6%。"
GROUNDBREAKING = "4月22日,总投资100亿美元的埃克森美孚惠州乙烯项目在广东惠州大亚湾石化区正式动工。"
GROUNDBREAKING_UNDATED = "埃克森美孚惠州乙烯项目举行“云开工”仪式,国务院领导出席并宣布项目开工。"
COMMISSIONING = "7月15日,总投资100亿美元的埃克森美孚惠州乙烯项目在广东惠州大亚湾石化区投产。"
LAUNCH = "7月2日,上汽集团郑州新能源动力电池项目启动仪式在河南省郑州经开区举行,省长出席并宣布项目启动。"
SIGNED_THAT_DAY = "7月2日,上汽集团与郑州市人民政府在郑州签署新能源动力生产基地项目合作框架协议。"

# (first page and its publication day, second page and its day, one event?, the conflict when apart)
MENTIONS: list[tuple[str, tuple[str, str | None], tuple[str, str | None], bool, str | None]] = [
    ("expo-turnover-and-its-mirror", (EXPO_THIRD, "2020-11-10"), (EXPO_THIRD_MIRROR, "2020-11-11"), True, None),
    ("groundbreaking-dated-and-undated", (GROUNDBREAKING, "2020-04-23"), (GROUNDBREAKING_UNDATED, None), True, None),
    ("two-editions-of-one-expo", (EXPO_THIRD_MIRROR, None), (EXPO_FOURTH, None), False, "edition"),
    ("groundbreaking-and-commissioning", (GROUNDBREAKING, None), (COMMISSIONING, None), False, "stage"),
    (
        "a-launch-and-the-agreement-signed-that-day",
        (LAUNCH, "2023-07-03"),
        (SIGNED_THAT_DAY, "2023-07-03"),
        False,
        "stage",
    ),
]


@pytest.mark.parametrize(("name", "first", "second", "same", "conflict"), MENTIONS, ids=[m[0] for m in MENTIONS])
def test_a_mention_joins_the_event_it_reports_and_no_other(
    name: str, first: tuple[str, str | None], second: tuple[str, str | None], same: bool, conflict: str | None
) -> None:
    [a] = reported_groups(_page(*first))
    b_groups = reported_groups(_page(*second))
    assert b_groups
    for b in b_groups:
        verdict = compare(a, b)
        assert verdict.same is same, verdict
        assert compare(b, a).same is same
        if conflict is not None:
            assert verdict.conflict == conflict, verdict


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("done", "done", True),
        ("done", "planned", False),
        ("intended", "done", False),
        ("reported", "done", True),  # a mention names no status of its own
        ("planned", "reported", True),
        ("reported", "reported", True),
    ],
)
def test_a_mention_agrees_with_any_status(a: str, b: str, agree: bool) -> None:
    assert statuses_agree(a, b) is agree


@pytest.mark.parametrize(
    ("sentence", "editions"),
    [
        ("第四屆中非經貿博覽會15日在湖南長沙落幕", (4,)),
        ("首届中国国际进口博览会于10日闭幕", (1,)),
        ("第12届中国—东北亚博览会开幕,比第十一届增加", (12, 11)),
        ("本届进博会累计意向成交707.2亿美元", ()),
    ],
)
def test_editions_of_a_recurring_occasion(sentence: str, editions: tuple[int, ...]) -> None:
    assert editions_of(sentence) == editions


@pytest.mark.parametrize(
    ("earlier", "later", "joins"),
    [
        # an agreement told first without its parties, then with them: one agreement
        (
            {"parties": (), "batch": False, "kinds": frozenset({"投资协议"})},
            {"parties": ("上海市政府", "特斯拉")},
            True,
        ),
        # an agreement of named parties, then another agreement of another company: two
        ({"parties": ("襄阳市政府", "比亚迪"), "batch": False}, {"parties": ("襄阳市政府", "宁德时代")}, False),
    ],
    ids=["first-told-without-parties", "another-company"],
)
def test_an_agreement_first_told_without_its_parties_is_one_event(
    earlier: dict[str, object], later: dict[str, object], joins: bool
) -> None:
    single = {"amounts": (), "projects": frozenset(), "batch": False, "kinds": frozenset({"合作备忘录"})}
    assert joins_in_article(_facts(**{**single, **earlier}), _facts(**{**single, **later})) is joins


@pytest.mark.parametrize(
    ("first", "second", "verdict"),
    [
        (
            "第三届中非经贸博览会签约项目120个",
            "第三屆中非經貿博覽會落下帷幕",
            "edition",
        ),  # the same edition: it adds score
        ("第三届中非经贸博览会签约项目120个", "第四届中非经贸博览会签约项目176个", "conflict"),
        ("本届博览会签约项目120个", "第三届中非经贸博览会签约项目120个", "neither"),  # 本届 names no edition
    ],
)
def test_an_edition_of_a_recurring_occasion_tells_one_year_from_another(first: str, second: str, verdict: str) -> None:
    result = compare(_facts(evidence=(first,)), _facts(evidence=(second,)))
    assert ("edition" in result.fields) is (verdict == "edition")
    assert (result.conflict == "edition") is (verdict == "conflict")


@pytest.mark.parametrize(
    ("sentence", "name", "named"),
    [
        ("4月22日,总投资100亿美元的埃克森美孚惠州乙烯项目在惠州正式动工。", "埃克森美孚", True),
        ("华钟咨询集团与临港新片区政府签订战略合作协议", "临港新片区", False),  # a place is compared as a place
        ("双方将在生物医药领域开展合作", "生物医药", False),  # an industry every report may name
        ("第三届中国国际进口博览会闭幕", "第三届", False),  # an edition is compared as an edition
    ],
)
def test_short_runs_between_common_words_are_names(sentence: str, name: str, named: bool) -> None:
    assert (name in _facts(evidence=(sentence,), province="广东省", city="惠州市").names) is named


def test_a_name_counts_only_where_a_side_names_no_parties() -> None:
    huizhou = {"evidence": ("埃克森美孚惠州乙烯项目签约",), "amounts": (), "province": "广东省", "city": "惠州市"}
    unnamed = _facts(parties=(), **huizhou)
    assert "names" in compare(unnamed, _facts(parties=("埃克森美孚",), **huizhou)).fields
    both = _facts(parties=("惠州市政府", "埃克森美孚"), **huizhou)
    assert "names" not in compare(both, both).fields  # the parties say who: no second count


def test_a_name_may_stand_inside_a_longer_run_of_the_other_report() -> None:
    shanghai = {"amounts": (), "province": "上海市", "city": "上海市", "parties": ()}
    alone = _facts(evidence=("1月7日,特斯拉上海超级工厂奠基仪式举行",), **shanghai)
    inside = _facts(evidence=("最大的外资制造业项目特斯拉超级工厂在临港开工建设",), **shanghai)
    assert "特斯拉" in alone.names and "特斯拉" not in inside.names  # 特斯拉超级工厂 is one run there
    assert alone.names_in(inside) == inside.names_in(alone) == frozenset({"特斯拉"})


# ---------------------------------------------------------------- agreements told with less (issue 15)

# Two reports of one agreement of a company and a city, one naming it in full, one only 签署协议.
CITY_AGREEMENT = "近日,一家电池企业新能源科技有限公司与昆明市人民政府在昆明签署全面战略合作协议。"
CITY_AGREEMENT_BARE = "当天,昆明市与一家电池企业新能源科技有限公司签署协议,将共同规划建设锂电池生产基地。"


@pytest.mark.parametrize(
    ("first", "second", "published", "same"),
    [
        # a bare 协议 may be the agreement the other report names in full
        (CITY_AGREEMENT, CITY_AGREEMENT_BARE, ("2026-02-05", None), True),
        # ... but not a batch of projects signed (a bare agreement is generic among agreements only)
        (
            "3月2日,昆明市举行重大项目集中签约仪式,32个项目集中签约。",
            CITY_AGREEMENT_BARE,
            ("2026-03-03", None),
            False,
        ),
    ],
    ids=["bare-agreement", "bare-agreement-against-a-batch"],
)
def test_a_bare_agreement_is_the_agreement_another_report_names(
    first: str, second: str, published: tuple[str | None, str | None], same: bool
) -> None:
    [a] = reported_groups(_page(first, published[0]))
    [b] = reported_groups(_page(second, published[1]))
    assert compare(a, b).same is same


@pytest.mark.parametrize(
    ("change", "conflict"),
    [
        # 8月20日 with no year or publication day cannot be an event of a report published on 3 December
        ({"month_day": (8, 20)}, "date"),
        # ... while a day the dated report's window holds can (in any of its years)
        ({"month_day": (11, 20)}, None),
        ({"month_day": (12, 3)}, None),
    ],
    ids=["outside-the-window", "inside-the-window", "the-publication-day"],
)
def test_a_yearless_day_must_fall_in_the_dated_reports_window(change: dict[str, object], conflict: str | None) -> None:
    dated = _facts(day=None, month_day=None, window=(date(2017, 10, 4), date(2017, 12, 3)), published=date(2017, 12, 3))
    yearless = _facts(day=None, window=None, published=None, **change)
    assert compare(dated, yearless).conflict == conflict
    assert compare(yearless, dated).conflict == conflict


# (sentence of one report, sentence of another, whether the copied phrase counts): a phrase of
# PHRASE characters written alike is one text copied; a shorter one, or one whose year differs, is not.
COPIED = [
    (
        "公司拟在贵州省贵安新区投资建设贵州新能源动力及储能电池生产制造基地一期项目。",
        "宁德时代公告称拟投资建设贵州新能源动力及储能电池生产制造基地一期项目。",
        True,
    ),
    ("第十二届中国—东北亚博览会在长春闭幕。", "第十三届中国—东北亚博览会在长春开幕。", False),
    # the same series' phrase, another year's
    ("2024粤港澳大湾区全球招商大会新闻发布会在广州举行。", "2025粤港澳大湾区全球招商大会新闻发布会在广州举行。", False),
    # a ceremony's title in quotes recurs from one ceremony of a series to the next
    (
        "高新区举行“2026年重大产业项目集中签约仪式”,41个项目集中签约。",
        "高新区举行“2026年重大产业项目集中签约仪式”,54个项目集中签约。",
        False,
    ),
]


@pytest.mark.parametrize(
    ("first", "second", "copied"), COPIED, ids=["project-name", "short-name", "another-year", "a-series-title"]
)
def test_a_long_phrase_written_alike_is_one_text_copied(first: str, second: str, copied: bool) -> None:
    a = make_facts_of(first)
    b = make_facts_of(second)
    verdict = compare(a, b)
    assert (verdict.fields.get("wording", "").startswith("copied: ")) == copied, verdict


def make_facts_of(sentence: str) -> EventFacts:
    """Facts of a partyless report of 落户 in 贵州省 with no date or money, whose evidence is ``sentence``."""
    return make_facts(
        kind="落户",
        status="reported",
        place=("贵州省", None, None),
        dated=None,
        published=None,
        evidence=sentence,
        parties=(),
        amounts=(),
        projects=frozenset(),
    )


# (a signing sentence, the count of projects signed): the count a site spaces, and the pool the
# signed projects were chosen from, which is not their count.
SIGNED_COUNTS = [
    ("1 小时内,35 个项目完成签约,总投资120亿元。", 35),
    ("大会从150个储备项目中,遴选出18个项目进行现场签约。", 18),
    ("本次签约项目共26个,总投资80亿元。", 26),
]


@pytest.mark.parametrize(("sentence", "count"), SIGNED_COUNTS, ids=["spaced", "chosen-from-a-pool", "plain"])
def test_the_count_of_projects_signed(sentence: str, count: int) -> None:
    [event] = [e for e in extract(article_from_text(sentence)).events if e.projects is not None]
    assert event.projects == count


# (a signing clause, its kind, its parties): a ceremony named by its agreement is that agreement's
# signing, and who attended it (出席, 见证) is no party of it.
CEREMONIES = [
    ("市领导还出席了泸州市与中国电建集团战略合作协议签署仪式。", "战略合作协议", ("泸州市", "中国电建集团")),
    ("副市长出席了高新区与甲科技公司项目投资协议签约仪式。", "投资协议", ("高新区", "甲科技公司")),
    ("省长共同见证省政府与乙集团签署战略合作协议。", "战略合作协议", ("省政府", "乙集团")),
    ("全市重大项目集中签约仪式在新区举行。", "集中签约", ()),
    ("投资促进大会签约仪式在会展中心举行。", "签约仪式", ()),
]


@pytest.mark.parametrize(
    ("sentence", "kind", "parties"), CEREMONIES, ids=["agreement-ceremony", "investment", "witnessed", "batch", "bare"]
)
def test_a_ceremony_named_by_its_agreement(sentence: str, kind: str, parties: tuple[str, ...]) -> None:
    [event] = extract(article_from_text(sentence)).events
    assert (event.kind, event.parties) == (kind, parties)


def test_agreements_of_the_same_parties_share_their_sentence_but_no_copied_phrase() -> None:
    # the same two parties' agreements in two fields, told in one template sentence (the mirror's)
    sentence = "同日,宝武集团与苏州工业园区政府签订战略合作协议,双方将在{}领域共建创新平台。"
    first = replace(make_facts_of(sentence.format("新材料")), parties=("宝武集团", "苏州工业园区政府"))
    second = replace(make_facts_of(sentence.format("生物医药")), parties=("宝武集团", "苏州工业园区政府"))
    assert first.phrases & second.phrases  # the phrase is there ...
    assert not compare(first, second).fields.get("wording", "").startswith("copied")  # ... and counts for nothing


# 福州 on 2025-05-18 (blind2026d c063, c173): a congress's signing and another fair's opening that day;
# 武汉 on 2023-11-16 (c042, c043): the 华创会's opening and the projects signed at it.
FUZHOU_SIGNING = (
    "央广网福州5月19日消息(记者龚雯)5月18日,2025中国福州国际招商月启动仪式暨“万商云集 有福之州”全球招商大会"
    "在福建福州举行,吸引1200多名海内外商协会代表、企业家代表、产业专家学者参会。大会共签约82个项目、总投资超1300亿元。"
)
FUZHOU_OPENING = "人民网福州5月18日电 (记者林盈)18日,第二十七届海峡两岸经贸交易会(以下简称海交会)在福建省福州市开幕。"
WUHAN_SIGNING = (
    "11月16日,第二十三届华侨华人创业发展洽谈会(以下简称“华创会”)在湖北武汉开幕。"
    "27个项目在开幕式现场签约,现场签约金额308亿元。"
)
WUHAN_OPENING = (
    "11月16日上午,由湖北省人民政府、国务院侨务办公室共同主办的第二十三届华侨华人创业发展洽谈会"
    "(以下简称“华创会”)在武汉东湖国际会议中心开幕。"
)


@pytest.mark.parametrize(
    ("signing", "opening", "same"),
    [
        ((FUZHOU_SIGNING, "2025-05-19"), (FUZHOU_OPENING, "2025-05-18"), False),
        ((WUHAN_SIGNING, "2023-11-17"), (WUHAN_OPENING, "2023-11-17"), True),
    ],
    ids=["another-occasion-that-day", "signed-at-the-opening"],
)
def test_a_fairs_opening_is_a_signings_occasion_only_where_it_was_signed_there(
    signing: tuple[str, str], opening: tuple[str, str], same: bool
) -> None:
    [sign] = [g for g in reported_groups(_page(*signing)) if g.status != "reported"]
    [mention] = reported_groups(_page(*opening))
    assert mention.status == "reported" and mention.kinds == {"开幕"}
    assert sign.day == mention.day and sign.city == mention.city
    assert compare(sign, mention).same is same, compare(sign, mention)
    assert compare(mention, sign).same is same


@pytest.mark.parametrize(
    ("kind", "evidence", "kinds"),
    [
        (
            "投资",
            "3月28日,国家能源集团举行2024年首批重点项目开工大会,宣布总投资4000亿元的80个重点项目集中开工。",
            {"投资", "开工"},
        ),
        ("投资", "12月28日,总投资120亿元的15个项目集中竣工投产。", {"投资", "投产"}),
        ("投资", "该公司将投资110亿元在当地建设动力电池生产研发基地。", {"投资"}),
        # a signing's sentence keeps its own kind: the stage it mentions is no stage of the signing
        ("投资协议", "双方签署投资协议,项目计划年内开工。", {"投资协议"}),
    ],
)
def test_an_investment_announced_at_a_stage_is_that_stage(kind: str, evidence: str, kinds: set[str]) -> None:
    facts = make_facts(
        kind=kind,
        status="done",
        place=(None, None, None),
        dated=None,
        published=None,
        evidence=evidence,
        parties=(),
        amounts=(),
        projects=frozenset(),
    )
    assert facts.kinds == kinds
