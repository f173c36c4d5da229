"""New investment no signing carries becomes a 投资 event; a progress report does not (issue 15).

Rows are published passages of the development set
``tests/events/eval/blind2026/passages.jsonl`` (ids in the comments) and
the seed pages.  ``extract`` makes the 投资 events (``Extraction.announcements``),
so ``signwatch extract`` shows what the store files and alerts.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from monitor.alerts.dispatch import deliver_due
from monitor.alerts.policy import AlertPolicy
from monitor.alerts.subscriptions import SubscriptionSpec, add_subscription
from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.config import Settings
from monitor.demo.sink import AlertSink
from monitor.events import Extraction, extract
from monitor.events.announcements import INVESTMENT_KIND
from monitor.records import FetchedPage
from monitor.store import Database
from monitor.store.event_models import EventRow
from monitor.text import clean_text
from monitor.text.byline import BEIJING
from tests.conftest import seed_text, to_store

# p180, published 2020-05-08, in Traditional characters as the page has it
P180 = (
    "【文匯網訊】(香港文匯網記者 趙臣)5月8日上午,安徽省第五批貫徹「六穩」暨合肥經開區重大項目•"
    "空港國際小鎮集中開工動員大會,在合肥空港經濟示範區舉行。安徽省委常委、省委宣傳部部長、合肥市委書記虞愛華出席並宣佈項目集中開工。"
    "此次集中開工項目共107個,總投資1126億元(人民幣,下同)。"
)
# p131, published 2021-10-09: a batch of projects starting work, with its total
STARTING_WORK = (
    "近日,石家庄市举行2021年三季度重点项目集中开工活动,普兴电子产业基地、荣鼎·砂之船奥特莱斯等442个项目集中开工,"
    "总投资552.5亿元,当年计划投资152.1亿元,项目单体平均投资规模1.3亿元。"
)


def _extracted(text: str, published: date | None = None) -> Extraction:
    """The passage cleaned as a user's text is, published on ``published``."""
    article = clean_text(text)
    if published is not None:
        article = replace(article, published=datetime(published.year, published.month, published.day, tzinfo=BEIJING))
    return extract(article)


def _announced(text: str) -> list[tuple[str, str, int | None, float]]:
    extraction = _extracted(text)
    assert extraction.signing is False
    assert extraction.events == ()  # the announcements are not signings
    return [(e.kind, e.status, e.projects, e.figures[0].value) for e in extraction.announcements]


@pytest.mark.parametrize(
    ("passage", "events"),
    [
        (STARTING_WORK, [(INVESTMENT_KIND, "done", 442, 55250000000)]),
        # p180: 此次集中开工项目共107个
        (
            P180,
            [(INVESTMENT_KIND, "done", 107, 112600000000)],
        ),
        # p104
        (
            "● 集中开工项目10个,计划投资46.15亿元,全部达产后,预计实现年产值22.27亿元、亩均产值389万元,年税收6682万元。",
            [(INVESTMENT_KIND, "done", 10, 4615000000)],
        ),
    ],
)
def test_new_projects_are_announced(passage: str, events: list[tuple[str, str, int | None, float]]) -> None:
    assert _announced(passage) == events


@pytest.mark.parametrize(
    "passage",
    [
        # seed 002: progress on projects that exist already
        "去年嘉定片区完成税收60.4亿元、增长44.3%,创历史新高;实现规上工业产值179亿元,占整个商务区的近40%;"
        "总投资210亿元的24个重大项目得到有力推进,嘉定片区能级品质不断跃升。",
        # p023: money arrived this month, for new and continuing projects
        "在已实施的项目中,新建项目91个,本月到位资金4.64亿元;续建项目204个,本月到位资金17.77亿元。",
        # p060: investment spent to date
        "两年来,新片区完成68个产业项目土地出让,完成产业投资634亿元。",
        # p095: projects offered to investors
        "为充分把握“港澳企业四川行”带来的机遇,我省五大经济区均有大项目推出:成都经济区推出项目645个,投资额1.17万亿元。",
        # p127: a year's programme and what it has spent
        "据了解,石家庄市今年共安排省市重点项目350项,总投资6416.3亿元,年度计划投资840.5亿元 。"
        "截至9月底,已累计完成投资885.8亿元,占年度计划的105.4% 。",
    ],
)
def test_progress_tallies_and_offers_are_not_announced(passage: str) -> None:
    assert _announced(passage) == []


def test_an_announcement_has_the_date_in_its_text() -> None:
    # p180: 5月8日上午, in the article of 2020-05-08
    [event] = _extracted(P180, date(2020, 5, 8)).announcements
    assert event.date is not None and event.date.to_json() == "2020-05-08"
    assert (event.place.province, event.place.city) == ("安徽省", "合肥市")


def test_seed_002_progress_report_is_no_event() -> None:
    # The example: 总投资210亿元的24个重大项目得到有力推进 is neither a signing nor new investment.
    extraction = extract(clean_text(seed_text(2)))
    assert extraction.reported == ()
    assert 21000000000 in [f.value for f in extraction.figures]  # still a figure


def _stored(db: Database, archive: Archive, body: str, url: str, fetched: datetime, policy: AlertPolicy) -> None:
    article = clean_text(body, fetched=fetched)
    page = FetchedPage(url=url, body=body.encode(), fetched_at=fetched)
    ingest_pages(db, archive, [to_store(page, article, "blind2026")], alert_policy=policy)


def test_investment_subscriber_is_alerted_for_new_projects_not_for_progress(db: Database, archive: Archive) -> None:
    fetched = datetime(2021, 10, 9, 8, tzinfo=UTC)
    news_day = AlertPolicy(now=datetime(2021, 10, 10, tzinfo=UTC))
    with AlertSink() as sink:
        with db.session() as session:
            add_subscription(session, SubscriptionSpec(name="money", target=sink.url("money"), kinds=("investment",)))
            add_subscription(session, SubscriptionSpec(name="deals", target=sink.url("deals"), kinds=("signing",)))
        # seed 002 as a crawl stores it: no event at all
        _stored(db, archive, seed_text(2), "http://127.0.0.1/002.html", fetched, news_day)
        _stored(
            db, archive, "石家庄重点项目集中开工\n\n" + STARTING_WORK, "http://127.0.0.1/p131.html", fetched, news_day
        )
        with db.session() as session:
            events = session.scalars(select(EventRow)).all()
            assert [(e.kind, e.projects, e.investment_value, e.city) for e in events] == [
                (INVESTMENT_KIND, 442, 55250000000, "石家庄市")
            ]
        deliver_due(db, Settings())
        money = [m.body for m in sink.received("money")]
        assert len(money) == 1 and "552.5亿元" in money[0] and "210亿元" not in money[0]
        assert sink.received("deals") == []  # no signing
