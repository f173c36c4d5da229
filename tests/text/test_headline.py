"""The title cleaning reads: never the site's or the column's name, never lost to a summary that repeats it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from monitor.text import clean_html
from monitor.text.headline import trim_page_title
from tests.text import cms_pages
from tests.text.cms_pages import COLUMN, PARAGRAPHS, SITE, TITLE

PAGES: list[tuple[str, Callable[[], str], str | None]] = [
    # (case, page, site type given to cleaning)
    ("Z-BlogPHP: <title> 站名-标题, the blog's name the only <h1>, the date inside the heading",
     cms_pages.zblog_default_article, None),
    ("Z-BlogPHP as a generic source", cms_pages.zblog_default_article, "generic"),
    ("DedeCMS: the logo <h1> is an image, the title an <h2>", cms_pages.dedecms_article, None),
    ("DedeCMS: the summary (摘要) repeats the title", lambda: cms_pages.dedecms_article(intro=TITLE), None),
    ("DedeCMS: the summary starts with the title",
     lambda: cms_pages.dedecms_article(intro=TITLE + "。" + PARAGRAPHS[0]), "generic"),
    ("DedeCMS: the body's first paragraph restates the title",
     lambda: cms_pages.dedecms_article(paragraphs=(TITLE, *PARAGRAPHS)), None),
    ("PbootCMS: the column's name is an <h1> above the article", cms_pages.pbootcms_article, None),
    ("PbootCMS as a generic source", cms_pages.pbootcms_article, "generic"),
    ("WordPress: h1.entry-title, <title> 标题 – 站名", cms_pages.wordpress_article, None),
    ("government site: ArticleTitle meta, <title> only the site's name", cms_pages.gov_article, "generic"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "page", "site_type"), PAGES, ids=[case for case, _, _ in PAGES])
def test_title_is_the_articles(case: str, page: Callable[[], str], site_type: str | None) -> None:
    article = clean_html(page(), site_type=site_type)
    assert article.title == TITLE, case
    # The body is the article's, whatever repeated the title.
    assert article.paragraphs[-len(PARAGRAPHS) :] == PARAGRAPHS


def test_a_body_paragraph_equal_to_the_title_stays_in_the_body() -> None:
    article = clean_html(cms_pages.dedecms_article(paragraphs=(TITLE, *PARAGRAPHS)))
    assert article.title == TITLE
    assert article.paragraphs == (TITLE, *PARAGRAPHS)


def _plain(head_title: str, *, heading: str = "", footer: str = SITE, logo: str = "") -> str:
    return (
        f"<html><head><title>{head_title}</title></head><body>"
        f'<div class="top">{logo}<a href="/">首页</a> <a href="/news/">{COLUMN}</a></div>'
        f"<div class='main'>{heading}{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</div>"
        f"<div class='footer'>版权所有 © {footer} 皖ICP备12345678号</div></body></html>"
    )


PLAIN: list[tuple[str, str, str | None]] = [
    ("site name after _", _plain(f"{TITLE}_{SITE}"), TITLE),
    ("site name after a spaced dash", _plain(f"{TITLE} - {SITE}"), TITLE),
    ("site name after |", _plain(f"{TITLE} | {SITE}"), TITLE),
    ("site name before ——", _plain(f"{SITE}——{TITLE}"), TITLE),
    ("a 标题_栏目_站点 chain", _plain(f"{TITLE}_{COLUMN}_{SITE}"), TITLE),
    ("the column's name alone", _plain(COLUMN), None),
    ("the site's name alone", _plain(SITE), None),
    ("the site's name in a logo <h1>", _plain(f"{TITLE}_{SITE}", logo=f'<h1><a href="/">{SITE}</a></h1>'), TITLE),
    ("a logo <h1> and the title's <h2>",
     _plain(f"{SITE}", logo=f'<h1 class="logo"><a href="/">{SITE}</a></h1>', heading=f"<h2>{TITLE}</h2>"), TITLE),
]  # fmt: skip


@pytest.mark.parametrize(("case", "page", "title"), PLAIN, ids=[case for case, _, _ in PLAIN])
def test_title_of_plain_pages(case: str, page: str, title: str | None) -> None:
    assert clean_html(page).title == title, case


TRIM = [
    (f"{TITLE}_{COLUMN}_{SITE}", {SITE, COLUMN}, TITLE),
    (f"{SITE}-{TITLE}", {SITE}, TITLE),
    (f"{TITLE}-{COLUMN}-{SITE}-招商引资服务平台", {COLUMN, SITE}, TITLE),
    (f"{COLUMN}_{SITE}", {COLUMN, SITE}, None),
    (f"{TITLE} - {SITE}", set(), TITLE),  # no name known: a short last part is the site's
    ("G60科创走廊-长三角一体化", {"长三角一体化"}, "G60科创走廊"),
]


@pytest.mark.parametrize(("page_title", "names", "expected"), TRIM)
def test_trim_page_title(page_title: str, names: set[str], expected: str | None) -> None:
    assert trim_page_title(page_title, names) == expected
