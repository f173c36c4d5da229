"""The publication date cleaning reads: each place a page gives it, their order, and relative dates last."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from monitor.text import clean_html
from monitor.text.byline import BEIJING, parse_machine_date, url_date
from monitor.text.page_meta import LISTED, MACHINE, META_LINE, URL_DATE, DateClue, resolve_published
from tests.text import cms_pages
from tests.text.cms_pages import PARAGRAPHS, TITLE

FETCHED = datetime(2021, 9, 10, 4, 0, tzinfo=UTC)  # 12:00 in Beijing


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A Beijing time."""
    return datetime(year, month, day, hour, minute, tzinfo=BEIJING)


def page(head: str = "", meta_line: str = "", body: tuple[str, ...] = PARAGRAPHS, tail: str = "") -> str:
    """A plain article page: the given <head> markup, a title, a meta line, the body, then ``tail``."""
    return (
        f"<html><head><title>{TITLE}_肥西县投资促进网</title>{head}</head><body>"
        f"<div class='article'><h1>{TITLE}</h1><div class='info'>{meta_line}</div>"
        f"<div class='content'>{''.join(f'<p>{p}</p>' for p in body)}</div></div>{tail}</body></html>"
    )


DATES: list[tuple[str, str, str | None, datetime | None]] = [
    # (case, page, url, published)
    ("PubDate meta", page('<meta name="PubDate" content="2021-08-26 10:30">'), None, at(2021, 8, 26, 10, 30)),
    ("article:published_time in UTC, on a Beijing clock",
     page('<meta property="article:published_time" content="2021-08-26T02:30:00Z">'), None, at(2021, 8, 26, 10, 30)),
    ("JSON-LD datePublished",
     page('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", '
          '"headline": "x", "datePublished": "2021-08-26T10:30:00+08:00"}]}</script>'), None, at(2021, 8, 26, 10, 30)),
    ("<time datetime> in the entry footer, not the comment's", cms_pages.wordpress_article(), None,
     at(2021, 8, 26, 10, 30)),
    ("发布时间 line", page(meta_line="发布时间：2021-08-26 10:30　来源：肥西发布"), None, at(2021, 8, 26, 10, 30)),
    ("年月日 line", page(meta_line="2021年08月26日 来源：肥西发布"), None, at(2021, 8, 26)),
    ("日期 line", page(meta_line="日期:2021-08-26 点击:12"), None, at(2021, 8, 26)),
    ("Z-BlogPHP: the date inside the title's heading", cms_pages.zblog_default_article(), None,
     at(2021, 8, 26, 10, 30)),
    ("TRS URL t20210826_", page(), "http://www.feixi.example/zwdt/202108/t20210826_4800.html", at(2021, 8, 26)),
    ("URL /2021/8/26/", page(), "http://www.feixi.example/2021/8/26/qianyue/", at(2021, 8, 26)),
    ("URL /20210826/", page(), "http://www.feixi.example/a/zsdt/20210826/7.html", at(2021, 8, 26)),
    ("URL /2021-08-26/", page(), "http://www.feixi.example/news/2021-08-26/7.html", at(2021, 8, 26)),
    ("the page's date line beats the URL's", page(meta_line="发布时间：2021-08-27 09:00"),
     "http://www.feixi.example/a/20210826/7.html", at(2021, 8, 27, 9, 0)),
    ("the meta's date beats the printed line; the line lends its time",
     page('<meta name="PubDate" content="2021-08-26">', meta_line="2021-08-26 10:30"), None, at(2021, 8, 26, 10, 30)),
    ("a relative time only when nothing else dates the page", page(meta_line="admin 3天前"), None,
     at(2021, 9, 7, 12, 0)),
    ("the URL's date beats a relative time", page(meta_line="3天前"), "http://www.feixi.example/a/20210826/7.html",
     at(2021, 8, 26)),
    ("a date quoted in the body is not the page's",
     page(body=("2019年5月1日，肥西县与某集团签订战略合作协议，项目总投资20亿元。", *PARAGRAPHS)), None, None),
    ("a date in the footer is not the page's", page(tail="<div class='footer'>2021-01-01 版权所有</div>"), None, None),
]  # fmt: skip


@pytest.mark.parametrize(("case", "html", "url", "published"), DATES, ids=[case for case, _, _, _ in DATES])
def test_published(case: str, html: str, url: str | None, published: datetime | None) -> None:
    article = clean_html(html, url=url, fetched=FETCHED)
    assert article.published == published, case
    assert published is None or (article.published is not None and article.published.utcoffset() == timedelta(hours=8))


def test_a_feeds_date_when_the_page_gives_none() -> None:
    listed = datetime(2021, 8, 26, 2, 30, tzinfo=UTC)
    assert clean_html(page(), listed_published=listed).published == at(2021, 8, 26, 10, 30)
    # The page's own date comes first.
    dated = page(meta_line="发布时间：2021-08-25 16:00")
    assert clean_html(dated, listed_published=listed).published == at(2021, 8, 25, 16, 0)
    # ... but a relative one comes after the feed's.
    assert clean_html(page(meta_line="3天前"), listed_published=listed, fetched=FETCHED).published == at(
        2021, 8, 26, 10, 30
    )


CLUES = [
    ([DateClue(URL_DATE, at(2021, 8, 26), False), DateClue(MACHINE, at(2021, 8, 25, 8, 0), True)],
     at(2021, 8, 25, 8, 0)),
    ([DateClue(MACHINE, at(2021, 8, 26), False), DateClue(META_LINE, at(2021, 8, 26, 10, 30), True)],
     at(2021, 8, 26, 10, 30)),
    ([DateClue(MACHINE, at(2021, 8, 26), False), DateClue(LISTED, at(2021, 8, 27, 10, 30), True)], at(2021, 8, 26)),
    ([], None),
]  # fmt: skip


@pytest.mark.parametrize(("clues", "published"), CLUES)
def test_resolve_published(clues: list[DateClue], published: datetime | None) -> None:
    assert resolve_published(clues) == published


@pytest.mark.parametrize(("value", "moment"), [
    ("2021-08-26T10:30:00+08:00", at(2021, 8, 26, 10, 30)),
    ("2021-08-26T02:30:00Z", at(2021, 8, 26, 10, 30)),
    ("2021-08-26 10:30", at(2021, 8, 26, 10, 30)),
    ("Thu, 26 Aug 2021 10:30:00 +0800", at(2021, 8, 26, 10, 30)),
    ("2021年08月26日", at(2021, 8, 26)),
    ("not a date", None),
])  # fmt: skip
def test_machine_dates(value: str, moment: datetime | None) -> None:
    assert parse_machine_date(value) == moment


@pytest.mark.parametrize(("url", "moment"), [
    ("http://www.example.gov.cn/xxgk/202108/t20210826_123.html", at(2021, 8, 26)),
    ("http://www.example.com/html/2021/0826/1.html", at(2021, 8, 26)),
    ("http://www.example.gov.cn/art/2021/8/26/art_1_2.html", at(2021, 8, 26)),
    ("http://www.example.com/?id=20210826", None),
    ("http://www.example.com/a/20211345/1.html", None),
    (None, None),
])  # fmt: skip
def test_url_dates(url: str | None, moment: datetime | None) -> None:
    assert url_date(url) == moment
