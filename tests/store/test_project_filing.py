"""Filing projects through the real store: linking stages into one timeline, reposts, distractors, re-analysis.

The passages are abridged from real published reports (a signing in 天府新区,
the groundbreaking of another 紫光 project there two years later and its
repost, a 奉贤 groundbreaking of a project never seen signed, a 沙洋 batch
signing of six projects in one county, a 华润江中 groundbreaking and capping).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from monitor.archive.files import Archive
from monitor.events.extraction import extract
from monitor.records import FetchedPage, StoredArticle
from monitor.store import Article, Database
from monitor.store.event_models import EventRow
from monitor.store.filing import file_extractions
from monitor.store.project_filing import Known, same_project
from monitor.store.project_models import EventParty, Project, ProjectStage
from monitor.text.article import CleanArticle
from tests.conftest import store_page
from tests.events.events_seedtext import article_from_text

# name: (title, published, text)
PASSAGES: dict[str, tuple[str, str, str]] = {
    "ic-city-signed": (
        "紫光IC国际城项目落户天府新区",
        "2017-04-23",
        "4月22日,天府新区成都管委会与紫光集团有限公司在成都正式签署紫光IC国际城项目合作协议。"
        "紫光IC国际城项目将瞄准我国高端集成电路产品设计、制造等薄弱环节,打造世界一流的半导体产业基地。"
        "项目总投资不低于2000亿元。",
    ),
    "chip-city-groundbreaking": (
        "四川天府新区紫光芯城项目正式开工 投资500亿元",
        "2019-04-21",
        "天府新区紫光芯城项目开工仪式21日在成都市科学城产业功能区举行。该项目投资额约500亿元,"
        "项目整体预计2022年竣工并投入运营。项目建成后,将对集成电路、大数据、云计算和人工智能等产业从研发源头上形成强势引领。",
    ),
    "chip-city-repost": (
        "成都天府新区紫光芯城开建",
        "2019-04-22",
        "据经济参考报报导,成都天府新区紫光芯城项目4月21日在成都科学城开工。该项目投资500亿元人民币,计划2022年竣工投运。",
    ),
    "fengxian-groundbreaking": (
        "上海杭州湾开发区第四季度项目集中开工",
        "2020-10-28",
        "10月28日,上海杭州湾开发区举行兰钧新能源项目开工仪式。奉贤区委副书记、区人民政府区长郭芳出席开工仪式并宣布项目开工。",
    ),
    "shayang-batch": (
        "沙洋县三季度重大项目集中签约活动举行",
        "2024-09-20",
        "9月20日,沙洋县举行三季度重大项目集中签约活动。"
        "华中服装制造产业园项目、乡村振兴全域旅游项目、汉上云谷数字经济产业园和算力中心项目、"
        "新能源电动车整车组装项目等12个项目集中签约,总投资83.9亿元。",
    ),
    "jiangzhong-groundbreaking": (
        "华润江中生产基地一期项目正式动工",
        "2020-10-20",
        "10月20日,华润江中生产基地一期项目在赣江新区中医药科创城正式动工。",
    ),
    "jiangzhong-capped": (
        "华润江中生产基地一期项目主体结构封顶",
        "2023-12-15",
        "近日,华润江中生产基地一期项目主体结构封顶仪式在中医药科创城举行。",
    ),
}


def _article(name: str) -> CleanArticle:
    title, published, text = PASSAGES[name]
    return article_from_text(text, title=title, published=datetime.fromisoformat(published).replace(tzinfo=UTC))


def _file(db: Database, archive: Archive, names: list[str]) -> dict[str, int]:
    ids = {}
    for name in names:
        article = _article(name)
        page = FetchedPage(
            url=f"http://127.0.0.1/{name}", body=article.canonical_text.encode(), fetched_at=datetime.now(UTC)
        )
        ids[name] = store_page(db, archive, page, article, "test").article_id
    return ids


def _timelines(db: Database, ids: dict[str, int]) -> dict[str, list[tuple[str, str]]]:
    """Each project's name and its (stage, article name) reports, in filing order."""
    names = {article_id: name for name, article_id in ids.items()}
    with db.session() as session:
        return {
            project.name: [(row.stage, names[row.article_id]) for row in project.stages]
            for project in session.scalars(select(Project).order_by(Project.id))
        }


@pytest.mark.parametrize(
    ("filed", "expected"),
    [
        pytest.param(
            ["ic-city-signed", "chip-city-groundbreaking", "chip-city-repost"],
            {
                "紫光IC国际城项目": [("签约", "ic-city-signed")],
                # same investor, same district, another project: its own timeline; the repost joins its 开工
                "四川天府新区紫光芯城项目": [("开工", "chip-city-groundbreaking"), ("开工", "chip-city-repost")],
            },
            id="same-investor-and-place-other-project-and-a-repost",
        ),
        pytest.param(
            ["fengxian-groundbreaking"],
            {"兰钧新能源项目": [("开工", "fengxian-groundbreaking")]},
            id="never-seen-signed-starts-at-its-stage",
        ),
        pytest.param(
            ["shayang-batch"],
            {
                "华中服装制造产业园项目": [("签约", "shayang-batch")],
                "乡村振兴全域旅游项目": [("签约", "shayang-batch")],
                "汉上云谷数字经济产业园": [("签约", "shayang-batch")],
                "算力中心项目": [("签约", "shayang-batch")],
                "新能源电动车整车组装项目": [("签约", "shayang-batch")],
            },
            id="a-ceremony-list-same-county-never-one-project",
        ),
        pytest.param(
            ["jiangzhong-groundbreaking", "jiangzhong-capped"],
            {"华润江中生产基地一期项目": [("开工", "jiangzhong-groundbreaking"), ("竣工", "jiangzhong-capped")]},
            id="a-later-stage-joins-the-timeline",
        ),
    ],
)
def test_stages_are_linked_into_one_timeline_per_project(
    db: Database, archive: Archive, filed: list[str], expected: dict[str, list[tuple[str, str]]]
) -> None:
    ids = _file(db, archive, filed)
    assert _timelines(db, ids) == expected


def test_the_project_row_summarises_its_timeline(sqlite_db: Database, archive: Archive) -> None:
    _file(sqlite_db, archive, ["jiangzhong-groundbreaking", "jiangzhong-capped", "ic-city-signed"])
    with sqlite_db.session() as session:
        rows = {p.name: p for p in session.scalars(select(Project))}
    jiangzhong, ic_city = rows["华润江中生产基地一期项目"], rows["紫光IC国际城项目"]
    assert (jiangzhong.stage, jiangzhong.signed_on, jiangzhong.province) == ("竣工", None, "江西省")
    assert (ic_city.stage, ic_city.signed_on) == ("签约", date(2017, 4, 22))
    assert (ic_city.investor, ic_city.investor_normalised, ic_city.county) == (
        "紫光集团有限公司",
        "紫光集团",
        "天府新区",
    )
    assert (ic_city.industry, ic_city.amount_value) == ("新一代信息技术", 2e11)


def test_a_repost_reports_no_new_stage(sqlite_db: Database, archive: Archive) -> None:
    seen = []
    for name in ["chip-city-groundbreaking", "chip-city-repost"]:
        article = _article(name)
        page = FetchedPage(
            url=f"http://127.0.0.1/{name}", body=article.canonical_text.encode(), fetched_at=datetime.now(UTC)
        )
        with sqlite_db.session() as session:
            from monitor.archive.storing import store_pages
            from tests.conftest import to_store

            batch = store_pages(session, archive, [to_store(page, article, "test")])
            [filed] = file_extractions(session, batch.articles)
            seen.append([(s.stage, s.new_stage, s.new_project) for s in filed.stages])
    assert seen == [[("开工", True, True)], [("开工", False, False)]]


def test_the_sessions_project_says_what_filing_wrote(db: Database, archive: Archive) -> None:
    # The summaries are written with a Core statement: the project object the transaction holds (started by
    # the first article, continued by the second) must still say the stage and date that were written.
    from monitor.archive.storing import store_pages
    from tests.conftest import to_store

    with db.session() as session:
        held = []
        for name in ["jiangzhong-groundbreaking", "jiangzhong-capped"]:
            article = _article(name)
            page = FetchedPage(
                url=f"http://127.0.0.1/{name}", body=article.canonical_text.encode(), fetched_at=datetime.now(UTC)
            )
            batch = store_pages(session, archive, [to_store(page, article, "test")])
            [filed] = file_extractions(session, batch.articles)
            project = session.get(Project, filed.stages[0].project_id)
            assert project is not None
            held.append((project.name, project.stage, project.signed_on))
    with db.session() as session:
        stored = [(p.name, p.stage, p.signed_on) for p in session.scalars(select(Project))]
    assert held == [("华润江中生产基地一期项目", "开工", None), ("华润江中生产基地一期项目", "竣工", None)]
    assert stored == held[-1:]


def test_reanalysis_keeps_the_project_and_its_id(sqlite_db: Database, archive: Archive) -> None:
    ids = _file(sqlite_db, archive, ["ic-city-signed", "chip-city-groundbreaking"])
    with sqlite_db.session() as session:
        before = {p.name: p.id for p in session.scalars(select(Project))}
    for _ in range(2):  # reprocess twice: nothing doubles
        with sqlite_db.session() as session:
            stored = []
            for name, article_id in ids.items():
                row = session.get(Article, article_id)
                assert row is not None
                article = _article(name)
                stored.append(StoredArticle(row, article, extract(article), inserted=False))
            file_extractions(session, stored)
    with sqlite_db.session() as session:
        after = {p.name: p.id for p in session.scalars(select(Project))}
        reports = session.scalars(select(ProjectStage)).all()
    assert after == before
    assert len(reports) == 2


def test_events_get_their_parties_and_industry(db: Database, archive: Archive) -> None:
    ids = _file(db, archive, ["ic-city-signed"])
    with db.session() as session:
        events = session.scalars(select(EventRow).where(EventRow.article_id == ids["ic-city-signed"])).all()
        parties = session.execute(select(EventParty.name, EventParty.normalised, EventParty.role)).all()
    assert {e.industry for e in events} == {"新一代信息技术"}
    assert ("紫光集团有限公司", "紫光集团", "investor") in parties
    assert ("天府新区成都管委会", "天府新区成都管委会", "host") in parties


def _known(
    key: str,
    investor: str | None = None,
    place: tuple[str | None, ...] = (None, None, None),
    industry: str | None = None,
) -> Known:
    return Known(key, investor, place[0], place[1], place[2], industry)


BAOSHAN = ("上海市", "上海市", "宝山区")
JIADING = ("上海市", "上海市", "嘉定区")


@pytest.mark.parametrize(
    ("new", "stored", "same"),
    [
        # names that agree
        (_known("紫光ic国际城"), _known("紫光ic国际城"), True),
        (
            _known("紫光芯城", "紫光集团", ("四川省", "成都市", None)),
            _known("四川天府新区紫光芯城", "紫光集团", ("四川省", "成都市", "天府新区")),
            True,
        ),
        (_known("上药超级", "上药集团", BAOSHAN), _known("上海医药超级", "上海医药集团", BAOSHAN), True),
        # an abbreviation needs the place and one more to agree
        (_known("上药超级", None, BAOSHAN), _known("上海医药超级", None, BAOSHAN), False),
        # a short key needs something more than its name
        (_known("华为"), _known("华为"), False),
        (_known("华为", None, BAOSHAN), _known("华为", None, BAOSHAN), True),
        # never by place, investor or amount alone
        (_known("石化高性能弹性体", "上海石化", BAOSHAN), _known("锂电池负极材料", "上海石化", BAOSHAN), False),
        # a known place or investor that differs: another project
        (
            _known("紫光ic国际城", None, ("四川省", "成都市", None)),
            _known("紫光ic国际城", None, ("江苏省", "南京市", None)),
            False,
        ),
        (_known("上药超级", "上药集团", BAOSHAN), _known("上药超级", "上药集团", JIADING), False),
        (_known("年产10万吨电池", "宁德时代"), _known("年产10万吨电池", "比亚迪"), False),
        # a key inside another needs the investor or the place; the industry alone never links
        (
            _known("紫光芯城", None, (None, None, None), "新一代信息技术"),
            _known("紫光芯城配套人才公寓", None, ("四川省", "成都市", "天府新区"), "新一代信息技术"),
            False,
        ),
        # a sector's words are no name of their own: only the investor links them
        (
            _known("集成电路", None, BAOSHAN, "新一代信息技术"),
            _known("宝山集成电路", None, BAOSHAN, "新一代信息技术"),
            False,
        ),
        (_known("新能源汽车", None, BAOSHAN), _known("新能源汽车", None, BAOSHAN), False),
        (_known("新能源汽车", "上汽集团", BAOSHAN), _known("新能源汽车", "上汽集团", BAOSHAN), True),
        # a county read from inside the name (大明光伏 as 明光市) does not set two reports apart
        (
            _known("大明光伏新能源智能制造", None, ("安徽省", "滁州市", "明光市")),
            _known("大明光伏新能源智能制造", "大明光福集团", ("安徽省", "六安市", "金寨县")),
            True,
        ),
        # the project's own place written in front is no part of its name
        (
            _known("成都天府新区紫光芯城", None, ("四川省", "成都市", "天府新区")),
            _known("四川天府新区紫光芯城", None, ("四川省", "成都市", "天府新区")),
            True,
        ),
        # characters added that name a trade or product make another plant, not an abbreviation
        (
            _known("星驰超级", "星驰公司", BAOSHAN, "新能源汽车"),
            _known("星驰储能超级", "星驰公司", BAOSHAN, "新能源汽车"),
            False,
        ),
        # phases are different projects
        (_known("华晟异质结一期"), _known("华晟异质结二期"), False),
        # but a project told without its phase and its 一期 told later are one, with what else agrees
        (
            _known("星驰超级", "星驰公司", ("上海市", "上海市", None)),
            _known("星驰上海超级一期", "星驰", ("上海市", "上海市", None)),
            True,
        ),
        (
            _known("星驰超级", "星驰公司", ("上海市", "上海市", None)),
            _known("星驰上海超级二期", "星驰", ("上海市", "上海市", None)),
            False,
        ),
        (_known("华晟异质结"), _known("华晟异质结一期", None, BAOSHAN), False),
    ],
)
def test_same_project(new: Known, stored: Known, same: bool) -> None:
    assert (same_project(new, stored) > 0) is same
