"""The chrome rules' line matcher says what a search per rule says, on every rule and on real lines."""

from __future__ import annotations

import re

import pytest

from monitor.text.chrome import SITE_RULES, LineMatcher, strip_chrome
from tests.text.clean_seed_pages import seed_text

# (pattern, anchored at the line's start as a whole): only those are joined into one match.
ANCHORING = [
    (r"^当前位置\s*[:：]", True),
    (r"^(当前位置|您的位置)\s*[:：]", True),  # the branch is inside brackets
    (r"^版权声明|分享到", False),  # a top-level branch: 分享到 may stand anywhere
    (r"^[|｜]\s*首页", True),  # a | inside a character class
    (r"^[]|]首页", True),  # ] first in a class is a member, the | stays inside
    (r"^a\|b", True),  # an escaped |
    (r"^(a)\1", False),  # a backreference: joining would renumber it
    (r"二维码", False),
    (r"-{3,}\s*分隔线", False),
]

# Lines that meet the edge cases above, and real chrome and prose lines.
LINES = [
    "当前位置：首页 > 新闻",
    "您的位置: 首页",
    "版权声明：本文来源于网络",
    "文末分享到微信",
    "|首页",
    "｜ 首页",
    "]首页",
    "a|b",
    "aa",
    "扫描二维码关注",
    "----分隔线----",
    "肥西县第1批招商引资项目集中签约，总投资额达10亿元。",
    "责任编辑：王明",
    "",
]


@pytest.mark.parametrize(("pattern", "anchored"), ANCHORING)
def test_a_pattern_is_joined_only_when_anchored_as_a_whole(pattern: str, anchored: bool) -> None:
    compiled = re.compile(pattern)
    matcher = LineMatcher((compiled,))
    assert (matcher._start is not None) is anchored
    for line in LINES:
        assert matcher(line) is (compiled.search(line) is not None), line


def test_all_edge_patterns_together_match_as_searched_one_by_one() -> None:
    patterns = tuple(re.compile(pattern) for pattern, _ in ANCHORING)
    matcher = LineMatcher(patterns)
    for line in LINES:
        assert matcher(line) is any(pattern.search(line) for pattern in patterns), line


def _seed_lines() -> list[str]:
    return [line.strip() for number in range(5) for line in seed_text(number).splitlines() if line.strip()]


@pytest.mark.parametrize("site_type", sorted(SITE_RULES))
def test_every_type_s_rules_match_as_searched_one_by_one(site_type: str) -> None:
    rules = SITE_RULES[site_type]
    for line in LINES + _seed_lines():
        assert rules.drops(line) is any(pattern.search(line) for pattern in rules.drop), line
        assert rules.cuts(line) is any(pattern.search(line) for pattern in rules.cut), line


def test_strip_chrome_drops_and_cuts_with_the_matcher() -> None:
    rules = SITE_RULES["generic"]
    lines = [
        "当前位置：首页 > 新闻",
        "肥西县第1批招商引资项目集中签约，总投资额达10亿元。" * 4,
        "相关新闻",
        "茶叶价格上涨",
    ]
    kept, removed = strip_chrome(lines, rules)
    assert kept == [lines[1]]
    assert removed == 3
