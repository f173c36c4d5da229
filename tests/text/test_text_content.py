"""The generic extractor on layouts that fooled it: the article found, the chrome around it left out.

Each case wraps seed 001's cleaned paragraphs in one layout seen on real portals
(GNE's sample pages: sxmu, a WordPress blog, njxfhn, sina).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest

from monitor.text import clean_html, clean_text
from tests.text.clean_seed_pages import seed_text

KEY = "预计今年在南大地区安排投资计划80亿元以上"
KEYWORD_CLOUD = " ".join(["邓朴方潜逃", "活力影院灰姑娘", "钓鱼岛屿事件", "祥园刻章", "农伯网", "奉新一中吧"] * 12)


@cache
def _article() -> str:
    paragraphs = clean_text(seed_text(1)).paragraphs
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def _page(body: str) -> str:
    return f"<html><head><title>宝山区产业项目</title></head><body>{body}</body></html>"


def form_wrapper() -> str:
    # ASP.NET-style: the whole page, article included, inside one <form>.
    return _page(
        f'<form id="form1"><table><tr><td><div id="vsb_content">{_article()}</div></td></tr></table>'
        '<div class="foot">主办单位：山西医科大学纪检监察室 版权所有</div></form>'
    )


def wordpress_article() -> str:
    # The article element carries the post's taxonomy as classes (``tag-…``).
    return _page(
        '<article class="post-6017 post type-post tag-wordpress tag-341 category-news">'
        f'<div class="entry-content">{_article()}</div></article>'
        '<div class="sidebar"><h3>热门文章</h3><p>宝山区签约仪式隆重举行，总投资额超百亿元的项目落地。</p></div>'
    )


def keyword_cloud() -> str:
    # SEO spam: a long run of keywords with no sentence punctuation, outside any link.
    return _page(f'<div class="left"><div class="post-body">{_article()}</div></div><div>{KEYWORD_CLOUD}</div>')


def chrome_named_wrapper() -> str:
    # A wrapper whose id says "share" but which holds the whole article.
    return _page(f'<div id="share-content">{_article()}</div><div class="share-bar">分享到微信</div>')


def related_box_above() -> str:
    # A related-news box above the article, inside the article element.
    return _page(f'<div class="artibody"><p>相关新闻：</p><p>苹果发布新iPhone 11：配6种颜色</p>{_article()}</div>')


LAYOUTS: list[tuple[Callable[[], str], list[str]]] = [
    (form_wrapper, ["主办单位"]),
    (wordpress_article, ["热门文章", "总投资额超百亿元"]),
    (keyword_cloud, ["邓朴方潜逃"]),
    (chrome_named_wrapper, ["分享到微信"]),
    (related_box_above, ["相关新闻", "iPhone"]),
]


@pytest.mark.parametrize(("layout", "chrome"), LAYOUTS, ids=[layout.__name__ for layout, _ in LAYOUTS])
def test_article_found_and_chrome_left_out(layout: Callable[[], str], chrome: list[str]) -> None:
    article = clean_html(layout())
    assert KEY in article.body
    assert article.paragraphs == clean_text(seed_text(1)).paragraphs
    for text in chrome:
        assert text not in article.body
