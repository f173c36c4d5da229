"""Blocks named as chrome: which class and id names count, and the same verdict in every process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from monitor.text import clean_html
from monitor.text.article_block import drop_chrome

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "".join(
    f"<p>肥西县第{n}批招商引资项目集中签约，总投资额达{n}0亿元，涉及新能源汽车零部件、高端装备制造等产业，项目全部落地经开区。</p>"
    for n in range(1, 6)
)
BLOCK_TEXT = "招商动态 项目推介 政策法规 联系我们"

# (class or id value, the block goes as chrome): a chrome word counts inside a name, between separators.
NAMES = [
    ("main-nav-list", True),
    ("con_share_2", True),
    ("left side box", True),
    ("page-footer-links", True),
    ("art_related_1", True),
    ("nav", False),  # the word alone: chrome tags go anyway, a lone name does not count
    ("footer", False),
    ("nav-list", False),  # starts with the word
    ("site-nav", False),  # ends with it
    ("navigation-box", False),  # not the word
    ("content", False),
    ("post type-post tag-hot category-news", False),  # WordPress's taxonomy classes describe the post
]


@pytest.mark.parametrize(("name", "chrome"), NAMES)
@pytest.mark.parametrize("attribute", ["class", "id"])
def test_chrome_named_blocks(name: str, chrome: bool, attribute: str) -> None:
    page = f'<html><body><div {attribute}="{name}">{BLOCK_TEXT}</div><div class="text">{ARTICLE}</div></body></html>'
    document = etree.fromstring(page, etree.HTMLParser())
    drop_chrome(document)
    assert (BLOCK_TEXT not in "".join(document.itertext())) is chrome


# A page with many names that start or end with a chrome word: the old one-scan rule counted
# such a name only when it came first or last in a set of strings, an order that follows the
# process's string hashing, so two crawls could clean this page differently.
def _many_names_page() -> str:
    blocks = "".join(
        f'<div class="{prefix}{word}{suffix}">{word}栏目：{BLOCK_TEXT}</div>'
        for word in ("nav", "menu", "share", "footer", "side", "hot", "tags", "banner")
        for prefix, suffix in (("", "-box"), ("top-", ""), ("", ""))
    )
    body = f"<div class='text'>{blocks}{ARTICLE}{blocks}</div>"
    return f"<html><head><title>项目签约</title></head><body>{body}</body></html>"


def _cleaned_in_process(seed: str) -> str:
    code = "import sys; from monitor.text import clean_html; print(repr(clean_html(sys.stdin.read()).paragraphs))"
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], input=_many_names_page(), capture_output=True, text=True, env=env, check=True
    )
    return done.stdout.strip()


@pytest.mark.slow
def test_the_same_page_cleans_the_same_in_every_process() -> None:
    here = repr(clean_html(_many_names_page()).paragraphs)
    assert {_cleaned_in_process(seed) for seed in ("1", "2", "3", "4")} == {here}
