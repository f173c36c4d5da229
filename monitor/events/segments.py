"""The article as extraction sees it: body paragraphs and their sentences.

Cleaning removes most chrome, but extraction must not rely on that alone: a
related-articles list left behind carries *other* events' figures.  So the
body ends at the first related-list marker, and teaser blocks (a headline
repeated, then an excerpt cut off with ``...``) are dropped wherever they sit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A paragraph that opens a list of other articles: nothing after it is ours.
_LIST_MARKER = re.compile(
    r"^(?:[“\"].*[”\"]\s*的)?(?:相关文章|相关新闻|相关阅读|相关报道|延伸阅读|推荐阅读|热门文章|"
    r"热点推荐|猜你喜欢|更多新闻|推广信息|上一篇|下一篇|精彩推荐)"
)
_TRUNCATED = re.compile(r"(?:\.{3,}|…+)\s*$")
_SENTENCE_END = re.compile(r"[。!?;!?;\n]")
# How a paragraph may end when its sentence ends with it (closing quotes and brackets too).
_PARAGRAPH_END = re.compile(r"[。!?;!?;::…”’」』)))】\]\"'.]\s*$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the prepared text, with its paragraph number and offsets."""

    text: str
    start: int
    end: int
    paragraph: int


def body_paragraphs(paragraphs: list[str]) -> list[str]:
    """The paragraphs that belong to this article, teasers and related lists removed."""
    return [paragraphs[i].strip() for i in body_indices(paragraphs)]


def body_indices(paragraphs: list[str]) -> list[int]:
    """The indices of the paragraphs ``body_paragraphs`` keeps, in order."""
    kept: list[int] = []
    i = 0
    while i < len(paragraphs):
        para = paragraphs[i].strip()
        if _LIST_MARKER.match(para) and len(para) <= 60:
            break
        # teaser block: headline, the same headline again, a cut-off excerpt
        if (
            i + 2 < len(paragraphs)
            and para
            and para == paragraphs[i + 1].strip()
            and _TRUNCATED.search(paragraphs[i + 2])
        ):
            i += 3
            continue
        if para:
            kept.append(i)
        i += 1
    return kept


# The longest sentence read as one.  The readers look back over a sentence from each
# phrase they find in it, so an endless "sentence" (a hostile page, a table flattened into
# one line) would cost the square of its length; news sentences stay far below this.
LONGEST_SENTENCE = 2000


def split_sentences(text: str, paragraph_starts: list[int]) -> list[Sentence]:
    """Split ``text`` into sentences at 。!?; and line ends, keeping offsets.

    A stretch longer than ``LONGEST_SENTENCE`` with no such end is cut into
    pieces of that length.
    """
    sentences: list[Sentence] = []
    start = 0
    para = 0
    for match in _SENTENCE_END.finditer(text + "\n"):
        end = match.end() if match.group() != "\n" else match.start()
        for piece_start in range(start, end, LONGEST_SENTENCE):
            piece_end = min(piece_start + LONGEST_SENTENCE, end)
            piece = text[piece_start:piece_end]
            if piece.strip():
                while para + 1 < len(paragraph_starts) and paragraph_starts[para + 1] <= piece_start:
                    para += 1
                sentences.append(Sentence(piece, piece_start, piece_end, para))
        start = match.end()
    return sentences


def sentence_lead(text: str, paragraph_spans: list[tuple[int, int]], sentence: Sentence) -> int | None:
    """Where ``sentence`` really begins when a line break cut it (a PDF copied line by line), else None.

    A body paragraph that ends with no closing punctuation, in the middle of a
    word (``公司拟与重庆`` / ``创新经济走廊…签订投资协议``), runs on into the
    next; the title (paragraph 0) never does.
    """
    paragraph = sentence.paragraph
    if paragraph < 2 or sentence.start != paragraph_spans[paragraph][0]:
        return None
    before_start, before_end = paragraph_spans[paragraph - 1]
    last = text[before_end - 1 : before_end]
    if not last or _PARAGRAPH_END.search(last) or not (last.isalnum() or "\u4e00" <= last <= "\u9fff"):
        return None
    return before_start
