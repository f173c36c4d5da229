"""Clusters: reposts of one event share a cluster, other events do not."""

from __future__ import annotations

from datetime import datetime

import pytest

from monitor.events import extract
from monitor.events.cluster import ClusterKey, cluster_key, same_cluster
from monitor.text.article import CleanArticle
from tests.events.events_seedtext import article_from_text, seed_article

# An abridged repost of seed 000: the lede only, no day, published days later.
BAOSHAN_REPOST = (
    "近日,在上海市宝山区举行的2021年重大产业项目集中签约仪式上,100个产业项目集中签约,"
    "总投资额超500亿元。其中重大产业项目31个,总投资突破300亿元。"
)
# A Simplified rewrite of the Jinshan signing in seed 003.
JINSHAN_REWRITE = (
    "1月19日,上海市金山区举行招商大会,石化高性能弹性体等3个项目集中签约,总投资80亿元。金山区还成立了产业招商顾问团。"
)
# The next year's signing in the same district: same place, other figures and date.
BAOSHAN_NEXT_YEAR = "2022年8月30日,上海市宝山区举行重大产业项目集中签约仪式,120个项目集中签约,总投资额超600亿元。"
# Another district's signing with the same amount on the same day.
JIADING_SAME_AMOUNT = "8月26日,上海市嘉定区举行项目集中签约仪式,100个项目集中签约,总投资额超500亿元。"


def _keys(article: CleanArticle) -> list[ClusterKey]:
    extraction = extract(article)
    return [cluster_key(e, extraction.published) for e in extraction.events if e.figures]


def _article(text: str, published: str) -> CleanArticle:
    return article_from_text(text, published=datetime.fromisoformat(published))


@pytest.mark.parametrize(
    ("original", "repost"),
    [
        (seed_article("000"), _article(BAOSHAN_REPOST, "2021-08-30")),
        (seed_article("003"), _article(JINSHAN_REWRITE, "2021-01-20")),
        (seed_article("000"), seed_article("000", published=datetime(2021, 8, 27))),
    ],
    ids=["baoshan-abridged", "jinshan-rewrite", "baoshan-dated-copy"],
)
def test_reposts_share_a_cluster(original: CleanArticle, repost: CleanArticle) -> None:
    [a] = _keys(original)
    [b] = _keys(repost)
    assert a.key == b.key
    assert same_cluster(a, b) and same_cluster(b, a)


@pytest.mark.parametrize(
    "other",
    [
        _article(BAOSHAN_NEXT_YEAR, "2022-08-31"),
        _article(JIADING_SAME_AMOUNT, "2021-08-27"),
        _article(JINSHAN_REWRITE, "2021-01-20"),
    ],
    ids=["next-year", "other-district", "other-event"],
)
def test_other_events_do_not(other: CleanArticle) -> None:
    [baoshan] = _keys(seed_article("000"))
    [key] = _keys(other)
    assert not same_cluster(baoshan, key)


def test_a_repost_long_after_publication_is_another_cluster() -> None:
    [dated] = _keys(seed_article("000"))
    # the same figures reported with no date two years later cannot be the 2021 signing
    [late] = _keys(_article(BAOSHAN_REPOST, "2023-09-01"))
    assert not same_cluster(dated, late)
