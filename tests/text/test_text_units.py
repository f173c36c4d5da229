"""The single steps of cleaning, each from a table of real cases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from monitor.text.byline import BEIJING, parse_metadata, parse_published
from monitor.text.chrome import GENERIC, is_seo_footer, strip_chrome
from monitor.text.decoding import normalize_charset, redecode_text
from monitor.text.lede import drop_repeated_paragraphs
from monitor.text.mojibake import repair_mojibake
from monitor.text.pinyin import strip_pinyin
from monitor.text.script import detect_script, to_simplified


@pytest.mark.parametrize(("text", "expected"), [
    ("上海市寶山區(qū)舉行", "上海市寶山區舉行"),
    ("重大產(chǎn)業(yè)項(xiàng)目", "重大產業項目"),
    ("(文章来源:上海证券报)", "(文章来源:上海证券报)"),
    ("各鎮(zhèn)(工業(yè)區(qū))與區", "各鎮(工業區)與區"),
    ("發那科智能工廠(三期)項目", "發那科智能工廠(三期)項目"),
    ("年產20萬噸PET(滌綸)成套", "年產20萬噸PET(滌綸)成套"),
    ("中國（guó）", "中國"),
    ("宝武(上海)碳中和产业园", "宝武(上海)碳中和产业园"),
])  # fmt: skip
def test_pinyin_annotation_goes_real_parentheses_stay(text: str, expected: str) -> None:
    assert strip_pinyin(text)[0] == expected


@pytest.mark.parametrize(("text", "expected", "repaired"), [
    ("一體化建設!毙旖ㄇ嗾f。", "一體化建設!徐建青說。", True),
    ("的紐帶!苯鹕絽^(qū)投促辦", "的紐帶!金山區(qū)投促辦", True),
    ("蕰藻浜和轨交1号线交汇", "蕰藻浜和轨交1号线交汇", False),
    ("为什么?因为总投资80亿元", "为什么?因为总投资80亿元", False),
])  # fmt: skip
def test_lost_byte_mojibake_is_shifted_back(text: str, expected: str, repaired: bool) -> None:
    fixed, report = repair_mojibake(text)
    assert fixed == expected
    assert bool(report.repaired) is repaired


def test_question_mark_mojibake_is_rebuilt_from_a_clean_repetition() -> None:
    text = "打造上??苿?chuàng)中心主陣地,積極\n在打造上海科創(chuàng)中心主陣地的戰略"
    fixed, report = repair_mojibake(text)
    assert fixed.startswith("打造上海科創(chuàng)中心主陣地")
    assert report.repaired == ("??苿?",)


def test_unrepairable_mojibake_is_left_and_reported() -> None:
    text = "發(fā)展?jié)摿薮?,誠(chéng)邀企業家"
    fixed, report = repair_mojibake(text)
    assert fixed == text
    assert report.unrepaired


@pytest.mark.parametrize(("text", "script"), [
    ("中國臺灣網移動版 來源:新華網 總投資額超500億元", "traditional"),
    ("上海宝山区100个产业项目集中签约,总投资额超500亿元", "simplified"),
    ("2024年 PET", "simplified"),
])  # fmt: skip
def test_script_is_detected_and_converted(text: str, script: str) -> None:
    simplified = to_simplified(text)
    assert detect_script(text, simplified) == script
    assert to_simplified(simplified) == simplified


@pytest.mark.parametrize("original", ["上海产业项目集中签约", "宝山招商引资签约仪式"])
def test_wrongly_decoded_text_is_redecoded(original: str) -> None:
    utf8_as_gbk = original.encode("utf-8").decode("gb18030", errors="strict")
    assert redecode_text(utf8_as_gbk) == (original, True)
    gbk_as_latin1 = original.encode("gbk").decode("latin-1")
    assert redecode_text(gbk_as_latin1) == (original, True)
    assert redecode_text(original) == (original, False)


@pytest.mark.parametrize(("declared", "codec"), [
    ("GB2312", "gb18030"), ("gbk", "gb18030"), ("x-gbk", "gb18030"), ("BIG5", "big5hkscs"),
    ("utf8", "utf-8"), ("iso-8859-1", None), ("no-such", None), (None, None),
])  # fmt: skip
def test_charset_names(declared: str | None, codec: str | None) -> None:
    assert normalize_charset(declared) == codec


# A naive fetch time is UTC: 09:30 UTC is 17:30 in Beijing.
FETCHED = datetime(2024, 6, 20, 9, 30)
# 18:00 UTC on 23 September is already 24 September in Beijing.
LATE_UTC = datetime(2024, 9, 23, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize(("line", "fetched", "expected"), [
    ("2023-10-24 14:09来源:互联网 点击:94次", None, datetime(2023, 10, 24, 14, 9, tzinfo=BEIJING)),
    ("2021-01-21 13:15:00", None, datetime(2021, 1, 21, 13, 15, tzinfo=BEIJING)),
    ("发布时间:2022年3月5日", None, datetime(2022, 3, 5, tzinfo=BEIJING)),
    ("admin9个月前 (09-24)宝山产业地产信息941", FETCHED, datetime(2023, 9, 24, tzinfo=BEIJING)),
    ("admin9个月前 (09-24)宝山产业地产信息941", None, None),
    ("3天前", FETCHED, datetime(2024, 6, 17, 17, 30, tzinfo=BEIJING)),
    ("2小时前", datetime(2024, 6, 20, 1, 0, tzinfo=UTC), datetime(2024, 6, 20, 7, 0, tzinfo=BEIJING)),
    ("2小时前 (09-24)", LATE_UTC, datetime(2024, 9, 24, tzinfo=BEIJING)),
    ("1天前 (09-23)", LATE_UTC, datetime(2024, 9, 23, tzinfo=BEIJING)),
    ("刚刚", FETCHED, FETCHED.replace(tzinfo=UTC)),
    ("2023-02-30", None, None),
])  # fmt: skip
def test_published(line: str, fetched: datetime | None, expected: datetime | None) -> None:
    published = parse_published(line, fetched)
    assert published == expected
    # Aware and on a Beijing clock, so its date is the page's local date.
    assert published is None or published.utcoffset() == timedelta(hours=8)
    assert published is None or expected is None or published.date() == expected.astimezone(BEIJING).date()


def test_source_and_author() -> None:
    meta = parse_metadata(["2021-01-21 13:15:00", "来源:新华网", "字号"])
    assert (meta.source, meta.author) == ("新华网", None)
    meta = parse_metadata(["作者:王小明 来源:宝山区融媒体中心 点击:12次"])
    assert (meta.source, meta.author) == ("宝山区融媒体中心", "王小明")
    meta = parse_metadata([], ["央广网上海10月23日消息(记者唐奇云)“南北转型”"])
    assert meta.author == "唐奇云"


_ARTICLE = "北京时间9月11日凌晨，苹果公司在秋季新品发布会上发布了新一代iPhone 11，前置摄像头升级至1200万像素。"


@pytest.mark.parametrize(("lines", "kept"), [
    (["正文。", "葛毅明微信号", "产业招商/厂房土地租售:400 0123 021", "或微信/手机:13524678515", "结尾。"],
     ["正文。", "结尾。"]),
    (["正文。", "版权声明:本文由本站发布", "更多正文"], ["正文。"]),
    (["正文。", "“宝山:作为施工者” 的相关文章", "teaser"], ["正文。"]),
    (["正文。", "相关新闻", "teaser"], ["正文。"]),
    # A related-news box above the article (sina): the box goes, the article stays.
    (["相关新闻：", "苹果发布新iPhone 11：配6种颜色", _ARTICLE, _ARTICLE + "第二段。"],
     [_ARTICLE, _ARTICLE + "第二段。"]),
    # Below an article a cut is final, even before long teasers.
    ([_ARTICLE * 3, "相关新闻", _ARTICLE + "另一篇。", _ARTICLE + "又一篇。"], [_ARTICLE * 3]),
    (["正文。", "上一篇:宁波地铁   下一篇:长寿之乡"], ["正文。"]),
    (["正文。", "------分隔线----------------------------"], ["正文。"]),
    (["正文。", "前往东方财富APP阅读全文,体验更佳"], ["正文。"]),
    (["正文。", "[责任编辑:陈文韬]"], ["正文。"]),
    (["相关报道显示,宝山今年签约项目总投资超百亿元,同比增长两成。"],
     ["相关报道显示,宝山今年签约项目总投资超百亿元,同比增长两成。"]),
])  # fmt: skip
def test_generic_chrome_rules(lines: list[str], kept: list[str]) -> None:
    assert strip_chrome(lines, GENERIC)[0] == kept


def test_seo_footer() -> None:
    assert is_seo_footer("两当县| 墨脱县| 花垣县| 江山市| 全南县| 湖口县| 温泉县| 莆田市|")
    assert not is_seo_footer("宝山|嘉定|金山")
    assert not is_seo_footer("总投资80亿元的3个项目 | 集中签约 | 宝山区政府 | 2021年")


def test_repeated_lede() -> None:
    body = "8月26日,在上海市宝山区举行签约仪式上,100个产业项目集中签约,总投资额超500亿元。"
    lede = "近日,在上海市宝山区举行签约仪式上,100个产业项目集中签约,总投资额超500亿元。......"
    kept, dropped = drop_repeated_paragraphs([lede, "另一段。", body])
    assert (kept, dropped) == (["另一段。", body], 1)


def test_a_summary_cut_across_the_first_two_paragraphs_goes() -> None:
    first = "8月26日上午，肥西县举行重点项目集中签约仪式，28个项目现场签约，总投资86亿元。"
    second = "本次签约项目涵盖新能源汽车、智能家电、生物医药等领域，其中10亿元以上项目3个。"
    summary = (first + second)[:60] + "..."
    assert drop_repeated_paragraphs([summary, first, second]) == ([first, second], 1)
    # Both paragraphs stay: the summary holds the first whole, but it is the summary that goes.
    assert drop_repeated_paragraphs([first, second]) == ([first, second], 0)
