"""Seeds served by the mirror in their site's template clean to the same article as the seed text."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.demo.mirror.seeds import SEED_LAYOUTS
from monitor.demo.mirror.server import MirrorServer
from monitor.text import CleanArticle, clean_html, clean_text

SEEDS = Path(__file__).resolve().parents[2] / "monitor" / "demo" / "mirror" / "data"
# (mirror site, seed file prefix): each seed is served by the site of its type.
SEED_PAGES = [("generic", "000"), ("zblog", "001"), ("zblog", "002"), ("dedecms", "004"), ("taiwancn", "003")]


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer(1) as server:
        yield server


def served(mirror: MirrorServer, site: str, expected: CleanArticle) -> CleanArticle:
    """The cleaned mirror page carrying the seed's article (found by its second paragraph)."""
    for article in mirror.articles(site):
        url = mirror.article_url(site, article.article_id)
        with urllib.request.urlopen(url) as reply:
            body, charset = reply.read(), reply.headers.get_content_charset()
        cleaned = clean_html(body, url=url, http_charset=charset, site_type=site)
        if len(cleaned.paragraphs) > 1 and cleaned.paragraphs[1] == expected.paragraphs[1]:
            return cleaned
    raise AssertionError(f"no page on {site} cleans to the seed's second paragraph")


@pytest.mark.parametrize(("site", "seed"), SEED_PAGES)
def test_served_seed_gives_the_seed_text_hash(mirror: MirrorServer, site: str, seed: str) -> None:
    expected = clean_text(next(SEEDS.glob(f"{seed}_*.txt")).read_text(encoding="utf-8"))
    article = served(mirror, site, expected)
    assert article.paragraphs == expected.paragraphs
    if expected.title is None:
        # A seed whose archive copy is the body alone: the mirror's page prints a headline, and it is read.
        assert article.title == next(layout.headline for layout in SEED_LAYOUTS if layout.file.startswith(seed))
        return
    assert article.title == expected.title
    assert article.content_hash == expected.content_hash
