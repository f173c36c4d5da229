"""Pages of one endless "sentence" are read in bounded pieces (issue 16/15: bad input never hangs).

Every reader looks back over its sentence from each phrase it finds, so a
hostile page — a million digits after 总投资, thousands of 签订投资协议 with
no full stop — would cost the square of its length.  Sentences are cut at
``LONGEST_SENTENCE`` characters and at most ``MOST_PER_SENTENCE`` signing
phrases of one sentence are read; real news is far below both, so what real
pages give does not change (``bench/check_extract_same.py`` over 2,729 texts).
A page read only so far says so: its extraction carries ``phrases-capped``.
"""

from __future__ import annotations

import pytest

from monitor.events import extract
from monitor.events.segments import LONGEST_SENTENCE, split_sentences
from monitor.events.signing import MOST_PER_SENTENCE, PHRASES_CAPPED, find_triggers
from monitor.text.article import CleanArticle


@pytest.mark.parametrize(
    ("length", "pieces"),
    [(LONGEST_SENTENCE - 1, 1), (LONGEST_SENTENCE, 1), (LONGEST_SENTENCE + 1, 2), (5 * LONGEST_SENTENCE, 5)],
)
def test_a_stretch_with_no_sentence_end_is_cut_into_pieces(length: int, pieces: int) -> None:
    text = "项" * (length - 1) + "。短句。"  # a sentence of ``length`` characters, its 。 included
    sentences = split_sentences(text, [0])
    assert len(sentences) == pieces + 1
    assert "".join(s.text for s in sentences) == text  # nothing lost, offsets kept
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert max(len(s.text) for s in sentences) <= LONGEST_SENTENCE


def test_a_sentence_of_endless_signings_reads_its_first_phrases() -> None:
    text = "与某公司签订投资协议" * (MOST_PER_SENTENCE * 3)
    triggers = find_triggers(text, 0, len(text))
    assert 0 < len(triggers) <= MOST_PER_SENTENCE


def test_a_capped_sentence_is_noted_and_one_at_the_cap_is_not() -> None:
    phrase = "与某公司签订投资协议"
    for count, noted in ((MOST_PER_SENTENCE, []), (MOST_PER_SENTENCE + 1, [0])):
        text = phrase * count
        capped: list[int] = []
        find_triggers(text, 0, len(text), capped=capped)
        assert capped == noted


@pytest.mark.parametrize(
    ("paragraph", "flags"),
    [
        ("上海市松江区举行集中签约仪式,总投资" + "9" * 200_000 + "亿元。", ("amount-too-large",)),
        ("与某公司签订投资协议" * 20_000, (PHRASES_CAPPED,)),
        ("签约" * 100_000, (PHRASES_CAPPED,)),
        ("项目开工" * 20_000, (PHRASES_CAPPED,)),  # stage words past the cap, in every 2,000-character piece
        # a long real-shaped sentence well under the cap reads whole and is not flagged
        ("松江区与" + "、".join(f"第{n}家企业" for n in range(60)) + "签订投资协议,总投资120亿元。", ()),
    ],
    ids=["digits", "agreements", "signings", "stage-words", "long-list"],
)
def test_hostile_paragraphs_give_a_result(paragraph: str, flags: tuple[str, ...]) -> None:
    found = extract(CleanArticle(title=None, paragraphs=(paragraph,)))
    assert found.flags == flags
