"""Listing or article: a column's list is flagged and never stored; no article is, whatever lists surround it."""

from __future__ import annotations

import urllib.request
from collections.abc import Callable, Iterator

import pytest

from monitor.demo.mirror.server import MirrorServer
from monitor.demo.mirror.sites import SITES
from monitor.demo.mirror.templates import listing_path
from monitor.text import clean_html
from monitor.text.page_kind import LISTING_PAGE
from monitor.text.plausible import not_an_article
from tests.text import cms_pages
from tests.text.clean_seed_pages import dedecms_page, plain_page, taiwancn_page, zblog_page
from tests.text.cms_pages import OTHERS, PARAGRAPHS, TITLE

LISTINGS: list[tuple[str, Callable[[], str], str | None]] = [
    # (case, page, url)
    ("Z-BlogPHP category, three entries with intros", cms_pages.zblog_default_listing, None),
    ("Z-BlogPHP category's last page: one entry", lambda: cms_pages.zblog_default_listing(1),
     "https://www.feixi.example/category-1_3.html"),
    ("DedeCMS list_article", cms_pages.dedecms_listing, None),
    ("DedeCMS last page: one entry", lambda: cms_pages.dedecms_listing(1), None),
    ("PbootCMS newslist", cms_pages.pbootcms_listing, None),
    ("WordPress archive with excerpts", cms_pages.wordpress_archive, "https://www.feixi.example/category/zsdt/page/2/"),
    ("WordPress archive's last page: one post", lambda: cms_pages.wordpress_archive(1),
     "https://www.feixi.example/category/zsdt/page/3/"),
    ("TRS column with a scripted pager", cms_pages.gov_listing, None),
]  # fmt: skip


@pytest.mark.parametrize(("case", "page", "url"), LISTINGS, ids=[case for case, _, _ in LISTINGS])
def test_listing_pages_are_flagged(case: str, page: Callable[[], str], url: str | None) -> None:
    for site_type in (None, "generic"):
        article = clean_html(page(), url=url, site_type=site_type)
        assert LISTING_PAGE in article.flags, case
        assert not_an_article(article) == "a listing page (a list of links to articles), not an article"


def _short_with_related() -> str:
    # A one-sentence notice beside a related list and a latest-posts sidebar, none of them chrome by name.
    related = "".join(
        f'<li><a href="/a/{n}.html">{title}</a><span>2021-08-2{n}</span></li>' for n, title in enumerate(OTHERS)
    )
    return (
        f"<html><head><title>{TITLE}</title></head><body><div class='main'><h1>{TITLE}</h1>"
        f"<div class='info'>发布时间：2021-08-26</div><div class='text'><p>{PARAGRAPHS[0]}</p></div>"
        f"<div class='xiangguan'><h3>相关信息</h3><ul>{related}</ul></div></div>"
        f"<div class='right'><h3>最新发布</h3><ul>{related}</ul></div></body></html>"
    )


def _notice_with_attachments() -> str:
    # A government notice whose body is a line and its attachments, linked.
    files = "".join(f'<p><a href="/u/{n}.doc">附件{n + 1}：{title}申报表</a></p>' for n, title in enumerate(OTHERS[:4]))
    return (
        f"<html><head><title>关于申报2021年招商引资奖励资金的通知</title></head><body><div class='article'>"
        "<h1>关于申报2021年招商引资奖励资金的通知</h1><div class='info'>发布时间：2021-08-26</div>"
        f"<div class='TRS_Editor'><p>各有关单位：现将申报事项通知如下，详见附件。</p>{files}</div></div></body></html>"
    )


ARTICLES: list[tuple[str, Callable[[], str]]] = [
    ("Z-BlogPHP article with a latest-posts sidebar", cms_pages.zblog_default_article),
    ("DedeCMS article with 推荐内容 teasers", cms_pages.dedecms_article),
    ("PbootCMS article", cms_pages.pbootcms_article),
    ("WordPress article with recent posts and a comment", cms_pages.wordpress_article),
    ("government article", cms_pages.gov_article),
    ("a one-sentence article beside two lists", _short_with_related),
    ("a notice with its attachments", _notice_with_attachments),
    *[(f"seed {n} in a Z-BlogPHP page", lambda n=n: zblog_page(n)) for n in (1, 2)],
    *[(f"seed {n} in a plain page", lambda n=n: plain_page(n)) for n in range(5)],
    ("seed 3 in a 中国台湾网 page", lambda: taiwancn_page(3)),
    ("seed 4 in a DedeCMS page", lambda: dedecms_page(4)),
]


@pytest.mark.parametrize(("case", "page"), ARTICLES, ids=[case for case, _ in ARTICLES])
def test_articles_are_not_listings(case: str, page: Callable[[], str]) -> None:
    for site_type in (None, "generic"):
        article = clean_html(page(), site_type=site_type)
        assert LISTING_PAGE not in article.flags, case
        assert not_an_article(article) is None


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer(4) as server:
        yield server


def _fetch(url: str) -> tuple[bytes, str | None]:
    with urllib.request.urlopen(url) as reply:
        return reply.read(), reply.headers.get_content_charset()


@pytest.mark.parametrize("site", [style.name for style in SITES])
def test_the_mirrors_pages(mirror: MirrorServer, site: str) -> None:
    """Every article page of the mirror's first four sites reads as an article, every listing page as a listing."""
    style = next(style for style in SITES if style.name == site)
    for article in mirror.articles(site):
        url = mirror.article_url(site, article.article_id)
        body, charset = _fetch(url)
        for site_type in (site, "generic"):
            assert LISTING_PAGE not in clean_html(body, url=url, http_charset=charset, site_type=site_type).flags, url
    pages = -(-len(mirror.articles(site)) // mirror.page_size)
    for number in range(1, pages + 1):
        url = mirror.base_url + listing_path(style, number)
        body, charset = _fetch(url)
        for site_type in (site, "generic"):
            assert LISTING_PAGE in clean_html(body, url=url, http_charset=charset, site_type=site_type).flags, url
