"""One regex for a list of literal words that the engine scans cheaply.

A flat alternation of many words (``集团|股份|有限|…``) makes the regex engine
try every word, one after the other, at each position whose character starts
some word.  Grouped by first character (``集(?:团)|股(?:份)|…``) it tries one
character per group and then only that group's words.  The match is the same:
at a position only the words of one first character can match, and within a
group the words keep their order, so the word the flat alternation would take
(the first that matches, the longest when the list runs longest first) is the
one taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def word_alternation(words: Iterable[str]) -> re.Pattern[str]:
    """A regex matching what ``"|".join(map(re.escape, words))`` matches, grouped by first character."""
    groups: dict[str, list[str]] = {}
    for word in words:
        if not word:
            raise ValueError("an empty word matches everywhere")
        groups.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in groups.items():
        if len(rests) == 1:
            branches.append(re.escape(first + rests[0]))
        else:
            # an empty rest (the one-character word itself) stays where the list put it
            branches.append(re.escape(first) + "(?:" + "|".join(map(re.escape, rests)) + ")")
    return re.compile("|".join(branches))


def words_of(alternation: str) -> list[str]:
    """The words of a list written as one string, ``a|b|c`` (no regex: ``(`` is a word)."""
    return alternation.split("|")
