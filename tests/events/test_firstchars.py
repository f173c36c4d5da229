"""A pattern tried only at its first characters finds what the pattern itself finds.

``monitor.events.firstchars.FirstChars`` is a speed change (issues 15, 18:
extraction throughput): the amounts, bare 亿 sizes, signing phrases and dates are
searched only where they can begin.  Here each scan is compared with its
pattern's own ``finditer`` and ``search`` on real text: the five seeds and
every labelled passage, whole and sentence by sentence, and on runs of the
characters they start with (a hostile page); the industry words (their starts
found by a class that opens the pattern, not a lookahead) against a plain reading
of the longest word at each position.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from monitor.events.amounts import _AMOUNT_SCAN, _BARE_SCAN
from monitor.events.dates import _DATE_SCAN, _DAY_ONLY_SCAN
from monitor.events.extraction import prepare_article
from monitor.events.firstchars import FirstChars
from monitor.events.signing import _TRIGGER_SCAN, find_triggers, signing_candidates
from monitor.projects.industries import _WORD_LABELS, find_words
from monitor.text import clean_text
from monitor.text.article import CleanArticle

ROOT = Path(__file__).resolve().parents[2]
SCANS = {
    "amounts": _AMOUNT_SCAN,
    "bare": _BARE_SCAN,
    "triggers": _TRIGGER_SCAN,
    "dates": _DATE_SCAN,
    "days": _DAY_ONLY_SCAN,
}


def _texts() -> list[str]:
    """The prepared texts of the seeds and of every labelled passage."""
    articles = [
        clean_text(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "monitor/demo/mirror/data").glob("*.txt"))
    ]
    for path in sorted((ROOT / "tests").glob("*/eval/*/passages.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                articles.append(CleanArticle(title=None, paragraphs=(str(json.loads(line).get("text") or ""),)))
    return [prepare_article(article).text for article in articles]


TEXTS = _texts()


def _spans(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(SCANS))
def test_a_scan_finds_what_its_pattern_finds_in_real_text(name: str) -> None:
    scan = SCANS[name]
    assert len(TEXTS) > 100
    for text in TEXTS:
        assert _spans(scan.finditer(text)) == _spans(scan.pattern.finditer(text))
        for sentence in prepare_article(CleanArticle(title=None, paragraphs=(text,))).sentences:
            start, end = sentence.start + 1, sentence.end  # (a lookbehind then reads the character before)
            assert _spans(scan.finditer(text, start, end)) == _spans(scan.pattern.finditer(text, start, end))
            found, expected = scan.search(text, start, end), scan.pattern.search(text, start, end)
            assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize(
    "text",
    [
        "上" * 500 + "亿元",  # 上 opens an amount (上亿元) only before its magnitude
        "1" * 3000 + "亿元",
        "一二三四五六七八九十" * 200,
        "万亿" * 400 + "元以上项目",
        "签约" * 300 + "在谈项目",
        "2021年" * 300 + "1" * 500 + "12月26日",
        "",
    ],
)
def test_runs_of_first_characters_give_the_same_matches(text: str) -> None:
    for scan in SCANS.values():
        assert _spans(scan.finditer(text)) == _spans(scan.pattern.finditer(text))


def test_an_empty_match_does_not_hold_the_scan() -> None:
    scan = FirstChars(re.compile(r"a*"), "a")
    assert [m.span() for m in scan.finditer("baab")] == [(1, 3)]


def test_industry_words_are_the_longest_word_at_each_position() -> None:
    # find_words' one grouped regex against the plain reading: from each position on, the
    # longest taxonomy word there, the scan going on after it
    words = sorted(_WORD_LABELS, key=len, reverse=True)
    for text in TEXTS[:80]:
        expected = []
        at = 0
        while at < len(text):
            word = next((w for w in words if not w.isascii() and text.startswith(w, at)), None)
            if word is None:
                at += 1
                continue
            if _WORD_LABELS[word][0]:
                expected.append((word, at))
            at += len(word)
        found = [(hit.word, hit.start) for hit in find_words(text) if not hit.word.isascii()]
        assert found == expected


def test_signing_candidates_are_the_sentences_find_triggers_can_read() -> None:
    # extract reads only these: every sentence left out holds no 签, 在谈 or 达成, so no trigger
    for written in TEXTS:
        prepared = prepare_article(CleanArticle(title=None, paragraphs=(written,)))
        text, sentences = prepared.text, prepared.sentences
        candidates = signing_candidates(text, sentences)
        assert candidates == sorted(set(candidates))
        for index, sentence in enumerate(sentences):
            holds = any(mark in sentence.text for mark in ("签", "在谈", "达成"))
            assert (index in candidates) == holds
            if index not in candidates:
                assert find_triggers(text, sentence.start, sentence.end) == []
