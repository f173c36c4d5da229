"""Each stored figure keeps its amount kind and bracket flag; an event's amount is an investment, never a bracket.

Real passages of the development set (``tests/events/eval/blind2026``, ids in
the comments) stored through the real storing transaction, on SQLite and
PostgreSQL.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import select

from monitor.archive.files import Archive
from monitor.archive.storing import store_pages
from monitor.events.extraction import extract
from monitor.records import FetchedPage
from monitor.store import Database
from monitor.store.event_models import EventRow, FigureRow
from monitor.store.filing import amount_figures, file_extractions
from monitor.text.article import CleanArticle
from tests.conftest import store_page, to_store

PUBLISHED = datetime(2021, 4, 28, tzinfo=UTC)


def _store(db: Database, archive: Archive, text: str, url: str) -> int:
    article = CleanArticle(title=None, paragraphs=tuple(text.split("\n")), published=PUBLISHED)
    page = FetchedPage(url=url, body=text.encode("utf-8"), fetched_at=PUBLISHED)
    return store_page(db, archive, page, article, "test").article_id


def _figures(db: Database, article_id: int) -> list[tuple[str, str | None, bool, bool, bool]]:
    with db.session() as session:
        rows = session.scalars(select(FigureRow).where(FigureRow.article_id == article_id).order_by(FigureRow.id))
        return [(f.text, f.amount_kind, f.bracket, f.investment, f.event_id is not None) for f in rows]


def _events(db: Database, article_id: int) -> list[tuple[float | None, str | None]]:
    with db.session() as session:
        rows = session.scalars(select(EventRow).where(EventRow.article_id == article_id).order_by(EventRow.position))
        return [(e.investment_value, e.amount_kind) for e in rows]


def test_a_bracket_is_stored_as_a_bracket_and_the_total_is_the_event_amount(db: Database, archive: Archive) -> None:
    # p001
    article_id = _store(
        db,
        archive,
        "4月27日上午,襄阳市2021年第二次重大项目集中开工、竣工、签约活动在高新区举行。"
        "此次全市共有156个亿元以上重大项目集中开工、竣工、签约,总投资608.75亿元。",
        "http://127.0.0.1/p001.html",
    )
    assert _events(db, article_id) == [(60875000000.0, "agreed")]
    assert _figures(db, article_id) == [
        ("608.75亿元", "agreed", False, True, True),
        ("亿元以上", "agreed", True, True, False),
    ]


def test_kinds_of_money_are_stored_and_none_is_an_event_amount(db: Database, archive: Archive) -> None:
    # p103, the line of its first batch: contracted investment, then output and tax
    article_id = _store(
        db,
        archive,
        "集中签约项目15个,合同引资68.6亿元,全部建成达产后,预计实现年产值37.5亿元、亩均产值451万元,年税收1.03亿元。",
        "http://127.0.0.1/p103.html",
    )
    assert _events(db, article_id) == [(6860000000.0, "contracted")]
    assert [(text, kind) for text, kind, *_ in _figures(db, article_id)] == [
        ("68.6亿元", "contracted"),
        ("37.5亿元", "output"),
        ("451万元", "output"),
        ("1.03亿元", "tax"),
    ]


def test_one_amount_twice_in_a_sentence_is_stored_twice(db: Database, archive: Archive) -> None:
    # p022
    article_id = _store(
        db, archive, "12月份我县招商引资项目到位资金6.08亿元,其中省外到位资金6.08亿元。", "http://127.0.0.1/p022.html"
    )
    assert _figures(db, article_id) == [
        ("6.08亿元", "arrived", False, True, False),
        ("6.08亿元", "arrived", False, True, False),
    ]


def test_the_event_amount_is_chosen_among_investment_figures_that_are_no_bracket(
    db: Database, archive: Archive
) -> None:
    # A signing whose figures, as another reader might hand them over, include a
    # bracket and a credit line larger than its investment (p047 and p001's words).
    text = (
        "4月18日,上海市举行集中授信签约活动,10家银行现场签署授信协议,涉及金额1200多亿元,"
        "其中亿元以上项目18个,总投资80亿元。"
    )
    article = CleanArticle(title=None, paragraphs=(text,), published=PUBLISHED)
    extraction = extract(article)
    [event] = extraction.events
    figures = extraction.figures
    assert {f.kind for f in figures} == {"credit", "agreed"} and any(f.bracket for f in figures)
    widened = replace(extraction, events=(replace(event, figures=figures),))
    assert [f.text for f in amount_figures(figures)] == ["80亿元"]
    page = FetchedPage(url="http://127.0.0.1/p047.html", body=text.encode("utf-8"), fetched_at=PUBLISHED)
    with db.session() as session:
        stored = store_pages(session, archive, [replace(to_store(page, article, "test"), extraction=widened)])
        [filed] = file_extractions(session, stored.articles)
        article_id = filed.row.id
    assert _events(db, article_id) == [(8000000000.0, "agreed")]
