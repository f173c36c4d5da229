"""The same figure in the headline and the body is one figure, not two (issue 15).

The pages are published news pages (their addresses in the comments), the
headline and opening kept as the page writes them.
"""

from __future__ import annotations

from monitor.events import extract
from monitor.text import clean_text
from monitor.text.article import CleanArticle

# http://zhuzhou.021cf.cn/index.php/post/57.html
ZHUZHOU_TITLE = "130余亿元!株洲11个重大招商项目集中签约"
ZHUZHOU_BODY = (
    "株洲新闻网3月1日讯(记者 谢林格 通讯员 唐琳)3月1日,2024年株洲市一季度重大招商项目集中签约仪式举行。"
    "现场集中签约11个项目,总投资额达130余亿元。株洲市委副书记、市长陈恢清出席签约仪式。"
)
# https://ezhou.cjyun.org/p/145069.html: a headline in four lines, as plain text keeps it
EZHOU = (
    "签约15个亿元项目\n总投资额285.31亿元\n鄂城区举行重大项目集中签约并发布十大农业招商场景\n陈平见证签约\n"
    "9月27日,鄂城区举行三季度重大项目集中签约仪式暨十大农业招商场景发布会。市委副书记、市长陈平见证签约。\n"
    "鄂城区三季度签约亿元项目15个,涵盖新能源新材料、高端装备制造及人工智能、生物医疗及医疗器械、文旅康养、"
    "光电子信息、现代农业等业态,其中,100亿级项目1个、30亿级项目2个、20亿级项目3个、1至10亿级项目9个,"
    "总投资额为285.31亿元。"
)


def test_a_title_figure_the_body_repeats_is_the_bodys() -> None:
    extraction = extract(CleanArticle(title=ZHUZHOU_TITLE, paragraphs=(ZHUZHOU_BODY,)))
    assert [(f.text, f.evidence) for f in extraction.figures if f.value == 13_000_000_000] == [
        ("达130余亿元", "现场集中签约11个项目,总投资额达130余亿元。")
    ]
    # one event: the ceremony, its figure and the headline, merged
    [event] = extraction.events
    assert (event.kind, event.projects, event.date and event.date.to_json()) == ("集中签约", 11, "2024-03-01")
    assert [f.text for f in event.figures] == ["达130余亿元"]


def test_headline_lines_at_the_top_of_plain_text_are_the_headline() -> None:
    extraction = extract(clean_text(EZHOU))
    totals = [f for f in extraction.figures if f.value == 28_531_000_000]
    assert [f.text for f in totals] == ["285.31亿元"]
    assert totals[0].evidence.startswith("鄂城区三季度签约亿元项目15个")


def test_a_figure_the_body_does_not_repeat_stays() -> None:
    # the page's opening sentence alone: the title's amount is the only one, nothing to fold it into
    opening = ZHUZHOU_BODY[: ZHUZHOU_BODY.index("。") + 1]
    extraction = extract(CleanArticle(title=ZHUZHOU_TITLE, paragraphs=(opening,)))
    assert [f.text for f in extraction.figures if f.value == 13_000_000_000] == ["130余亿元"]
