"""Cleaning each seed page: title, date, key sentences, no chrome, Simplified, no pinyin."""

from __future__ import annotations

from datetime import datetime

import opencc
import pytest

from monitor.text import clean_text
from monitor.text.byline import BEIJING
from monitor.text.pinyin import has_pinyin
from tests.text.clean_seed_pages import seed_text

FETCHED = datetime(2024, 6, 20, 12, 0)


def beijing(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A time as a Beijing page gives it (UTC+8)."""
    return datetime(year, month, day, hour, minute, tzinfo=BEIJING)


SEEDS = [
    # (seed, title, published, source, author, script, key sentences)
    (0, None, None, None, None, "traditional",
     ["100个产业项目集中签约,总投资额超500亿元", "打造上海科创中心主阵地",
      "上海证券交易所与宝山区政府签订战略合作协议"]),
    (1, "宝山:作为“施工者”要到“工地”里找问题、寻机遇、想对策", beijing(2023, 9, 24), None, "admin", "simplified",
     ["预计今年在南大地区安排投资计划80亿元以上", "发那科智能工厂(三期)项目", "驱动传统老工业区转型发展"]),
    (2, "上海市嘉定区区长高香:嘉定将积极承接虹桥“大科创”功能", beijing(2023, 9, 21), "上海证券报·中国证券网", "admin",
     "simplified", ["总投资210亿元的24个重大项目得到有力推进", "(文章来源:上海证券报·中国证券网)"]),
    (3, "“上海湾区”吹响新年招商引资“集结号”", beijing(2021, 1, 21, 13, 15), "新华网", None, "traditional",
     ["总投资80亿元的3个先进制造业和投资平台项目集中签约", "徐建青说", "金山区投促办主任葛钧表示", "各镇(工业区)",
      "年产20万吨PET(涤纶)成套装置"]),
    (4, "奋进“北转型”上海宝山全力打造新时代现代化转型样本", beijing(2023, 10, 24, 14, 9), "互联网", "唐奇云",
     "simplified", ["首批扶持7个项目近6000万元", "今年全区新能源领域投资备案项目和总投资分别同比增长91%和329%"]),
]  # fmt: skip

CHROME = [
    "当前位置", "正文内容", "个月前", "微信", "135246785", "扫一扫", "二维码", "版权声明", "本文链接", "标签",
    "分享给朋友", "相关文章", "相关新闻", "热门文章", "推广信息", "上一篇", "下一篇", "分隔线", "东方财富",
    "蕞受益", "责任编辑", "两当县", "墨脱县", "返回首页", "点击:", "字号", "台湾网移动版", "2019年1月宝山在售楼盘报价",
    "月薪蕞高46万元", "105个项目总投资额276亿元",
]  # fmt: skip

_T2S = opencc.OpenCC("t2s")


@pytest.mark.parametrize(("seed", "title", "published", "source", "author", "script", "sentences"), SEEDS)
def test_seed_is_cleaned(
    seed: int,
    title: str | None,
    published: datetime | None,
    source: str | None,
    author: str | None,
    script: str,
    sentences: list[str],
) -> None:
    article = clean_text(seed_text(seed), fetched=FETCHED)
    assert article.title == title
    assert article.published == published
    assert article.published is None or article.published.tzinfo == BEIJING
    assert article.source == source
    assert article.author == author
    assert article.script == script
    for sentence in sentences:
        assert sentence in article.body
    for chrome in CHROME:
        assert chrome not in article.canonical_text, chrome
    assert _T2S.convert(article.body) == article.body
    assert not has_pinyin(article.body)


def test_lede_repeating_the_body_is_kept_once() -> None:
    body = clean_text(seed_text(0)).body
    assert body.count("100个产业项目集中签约,总投资额超500亿元") == 1
    assert body.count("与培育壮大发展新动能相结合") == 1
    assert clean_text(seed_text(4)).body.count("全力打造新时代现代化转型的样本") == 1


@pytest.mark.parametrize(("seed", "flags", "repairs"), [
    (0, {"censored", "mojibake-unrepaired"}, {"mojibake", "pinyin", "t2s", "lede-dedup"}),
    (1, {"censored"}, {"chrome"}),
    (3, set(), {"mojibake", "pinyin", "t2s", "chrome"}),
])  # fmt: skip
def test_seed_flags_and_repairs(seed: int, flags: set[str], repairs: set[str]) -> None:
    article = clean_text(seed_text(seed))
    assert set(article.flags) == flags
    assert repairs <= set(article.repairs)


def test_censor_marks_stay_in_the_text() -> None:
    body = clean_text(seed_text(1)).body
    assert "*近,我们对南大、吴淞地区" in body
    assert "水######融" in body


def test_relative_date_without_fetch_time_is_unknown() -> None:
    assert clean_text(seed_text(1)).published is None
    assert clean_text(seed_text(1), fetched=datetime(2024, 1, 5)).published == datetime(2023, 9, 24, tzinfo=BEIJING)
