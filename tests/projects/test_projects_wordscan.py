"""A word list grouped by first character matches exactly what its flat alternation matches."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from monitor.projects import parties, stages
from monitor.projects.wordscan import word_alternation

ROOT = Path(__file__).resolve().parent.parent.parent
# the labelled passages: real published text, headlines and bodies
PASSAGES = [
    json.loads(line)["text"]
    for line in (ROOT / "tests" / "projects" / "eval" / "blind2026" / "passages.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]

# (words in their order, text, the spans found)
CASES = [
    # the longest word first: 集团股份有限公司 over 集团
    (["集团股份有限公司", "股份有限公司", "集团", "股份"], "上海医药集团股份有限公司签约", [(4, 12)]),
    # a one-character word keeps its place among the longer ones of its character
    (["铝", "铝合金", "新材料"], "铝合金新材料项目", [(0, 1), (3, 6)]),
    (["铝合金", "铝", "新材料"], "铝合金新材料项目", [(0, 3), (3, 6)]),
    # words with a regex metacharacter are literals
    (["5G+", "C++"], "5G+工业互联网", [(0, 3)]),
]


@pytest.mark.parametrize(("words", "text", "spans"), CASES)
def test_word_alternation_spans(words: list[str], text: str, spans: list[tuple[int, int]]) -> None:
    assert [m.span() for m in word_alternation(words).finditer(text)] == spans


@pytest.mark.parametrize("pattern", [parties._SUFFIX_START, stages._STAGE_START], ids=["party-suffixes", "stage-words"])
def test_grouped_scans_match_the_flat_alternation(pattern: re.Pattern[str]) -> None:
    words = [w for branch in _branches(pattern.pattern) for w in _expand(branch)]
    flat = re.compile("|".join(words))
    for text in PASSAGES:
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in flat.finditer(text)]


def _branches(pattern: str) -> list[str]:
    """The top-level branches of a grouped pattern (its | outside brackets)."""
    branches, depth, last = [], 0, 0
    for at, char in enumerate(pattern):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            branches.append(pattern[last:at])
            last = at + 1
    return [*branches, pattern[last:]]


def _expand(branch: str) -> list[str]:
    """The words of one grouped branch (``签(?:约|订)`` → 签约, 签订)."""
    if "(?:" not in branch:
        return [branch]
    head, rest = branch.split("(?:", 1)
    return [head + r for r in rest.rstrip(")").split("|")]


def test_empty_word_is_refused() -> None:
    with pytest.raises(ValueError, match="empty word"):
        word_alternation(["签约", ""])
