"""``signwatch reprocess`` re-reads stored raw pages: a page that reads as a listing is no article, a stored date stays.

Pages in the structure of real CMS templates (``tests/text/cms_pages.py``),
stored through the whole storing transaction as the crawl stores them, then
analysed again as ``signwatch reprocess`` does, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import select

from monitor.archive.analysis import NotAnArticle, analyse_pending, mark_all_pending
from monitor.archive.files import Archive
from monitor.records import FetchedPage
from monitor.store import Article, Database
from monitor.store.event_models import EventRow
from monitor.text import clean_html
from tests.conftest import store_page
from tests.text import cms_pages

FETCHED = datetime(2021, 9, 1, 2, 0, tzinfo=UTC)
LISTING_REASON = "a listing page (a list of links to articles), not an article"


def _store(db: Database, archive: Archive, url: str, html: str, *, listed: datetime | None = None) -> int:
    """Store a page as a crawl did (a listing as a crawl did before listings were told apart: as an article)."""
    body = html.encode("utf-8")
    article = clean_html(body, url=url, fetched=FETCHED, listed_published=listed)
    article = replace(article, flags=())  # stored whatever it reads as, as an older signwatch stored it
    page = FetchedPage(url=url, body=body, fetched_at=FETCHED, encoding="utf-8", listed_published=listed)
    return store_page(db, archive, page, article, "feixi").article_id


def _events(db: Database) -> dict[int, int]:
    with db.session() as session:
        counts: dict[int, int] = {}
        for article_id in session.scalars(select(EventRow.article_id)):
            counts[article_id] = counts.get(article_id, 0) + 1
    return counts


# (what the stored page is, its markup, its URL): each listing re-reads as one and files no events.
LISTINGS = [
    ("DedeCMS list_article", cms_pages.dedecms_listing(), "http://www.feixi.example/a/zsdt/list_3_2.html"),
    ("Z-BlogPHP category", cms_pages.zblog_default_listing(), "https://www.feixi.example/category-1_2.html"),
    ("TRS column with a scripted pager", cms_pages.gov_listing(), "http://www.feixi.example/xxgk/zwdt/index_1.html"),
]


def test_reprocess_reports_a_stored_listing_as_no_article_and_drops_its_teasers_events(
    db: Database, archive: Archive
) -> None:
    article = _store(db, archive, "http://www.feixi.example/a/zsdt/20210826/7.html", cms_pages.dedecms_article())
    listings = {name: _store(db, archive, url, html) for name, html, url in LISTINGS}
    assert analyse_pending(db) == 0  # stored analysed, as a crawl stores
    before = _events(db)
    # The article's signing, and the listings' teasers read as signings (two of them hold one).
    assert before.get(article) and sum(1 for listing in listings.values() if before.get(listing)) >= 2

    mark_all_pending(db)
    found: list[NotAnArticle] = []
    assert analyse_pending(db, on_not_article=found.append) == 1 + len(LISTINGS)
    assert sorted((item.article_id, item.reason) for item in found) == sorted(
        (listing, LISTING_REASON) for listing in listings.values()
    )
    with db.session() as session:
        names = {row.id: row.archive_name for row in session.execute(select(Article.id, Article.archive_name))}
    assert all(item.archive_name == names[item.article_id] for item in found)
    after = _events(db)
    assert after == {article: before[article]}  # the article's events stay, the listings' teasers' are gone
    with db.session() as session:
        assert session.scalars(select(Article.id).where(Article.analysed_at.is_(None))).all() == []  # none pending


# (the page, the date a feed gave it, the stored date after reprocess): a date only the feed gave stays;
# a page that prints its own date is read as before.
DATES = [
    (
        "Z-BlogPHP post whose theme prints no date",
        cms_pages.zblog_default_article(paragraphs=cms_pages.PARAGRAPHS[:2]).replace(
            '<span class="post-date">2021-08-26 10:30:00</span>', ""
        ),
        datetime(2021, 8, 25, 23, 0, tzinfo=UTC),
    ),
    ("DedeCMS article with its 时间 line", cms_pages.dedecms_article(), datetime(2021, 8, 20, 1, 0, tzinfo=UTC)),
]


def test_reprocess_keeps_a_stored_date_the_raw_page_does_not_hold(db: Database, archive: Archive) -> None:
    stored = {}
    for number, (_name, html, listed) in enumerate(DATES):
        url = f"http://www.feixi.example/news/post-{number}/"
        article_id = _store(db, archive, url, html, listed=listed)
        cleaned = clean_html(html.encode("utf-8"), url=url, fetched=FETCHED)
        stored[article_id] = (cleaned.published, clean_html(html.encode(), url=url, listed_published=listed).published)
    with db.session() as session:
        kept_before = {row.id: row.published_at for row in session.execute(select(Article.id, Article.published_at))}

    mark_all_pending(db)
    assert analyse_pending(db) == len(DATES)
    with db.session() as session:
        kept_after = {row.id: row.published_at for row in session.execute(select(Article.id, Article.published_at))}
    assert kept_after == kept_before
    (undated, _), (dated, _) = stored.items()
    assert stored[undated][0] is None and kept_after[undated] == DATES[0][2]  # only the feed dated it
    assert stored[dated][0] is not None and kept_after[dated] == stored[dated][0]  # the page's own date
