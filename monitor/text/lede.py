"""Keeping a repeated lede once: a paragraph whose words another paragraph already holds.

Only paragraphs of the body are compared: a title is never dropped because a
lede or a summary repeats it (cleaning keeps the title apart from the body).
"""

from __future__ import annotations

import re

# A lede often opens with its own time word (``近日,`` where the body says
# ``8月26日,``) and ends with an ellipsis; neither makes it a different text.
_OPENING_TIME = re.compile(r"^(近日|日前|昨天|昨日|今天|今日|近期|\d{1,2}月\d{1,2}日)[,，]")
_TRAILING = re.compile(r"(\.{2,}|…+|。)+$")
# Shorter paragraphs (a heading, ``详情如下``) may repeat legitimately.
_MIN_REPEAT = 30


# The characters a core may open with a time word by (besides a digit) and end with an ellipsis or a
# full stop by: a paragraph that neither opens nor ends so keeps its text, and no regex is run
# (every paragraph of every page comes here).
_TIME_WORD_STARTS = frozenset("近日昨今")
_TRAILING_ENDS = (".", "…", "。")


def _core(paragraph: str) -> str:
    core = paragraph.strip()
    if core and (core[0] in _TIME_WORD_STARTS or core[0].isdecimal()):  # isdecimal: what \d matches
        core = _OPENING_TIME.sub("", core)
    return _TRAILING.sub("", core) if core.endswith(_TRAILING_ENDS) else core


def drop_repeated_paragraphs(paragraphs: list[str]) -> tuple[list[str], int]:
    """Drop paragraphs whose text another paragraph contains; keep the fuller (or later) one."""
    cores = [_core(p) for p in paragraphs]
    # A core found once in the whole text is in its own paragraph only: the
    # pairwise check below runs just for the few that occur again.
    joined = "\n".join(paragraphs)
    # A summary of the body's start, cut across paragraphs, goes; it never makes a body paragraph "repeated".
    summary = bool(cores) and _summarises(cores[0], paragraphs[1:])
    kept: list[str] = []
    dropped = 0
    for index, paragraph in enumerate(paragraphs):
        core = cores[index]
        repeated = (
            len(core) >= _MIN_REPEAT
            and joined.count(core) > 1
            and any(
                other != index
                and not (summary and other == 0)
                and core in paragraphs[other]
                # Of two equal texts the later stays: the body's copy, not the lede's.
                and (len(cores[other]) > len(core) or (cores[other] == core and other > index))
                for other in range(len(paragraphs))
            )
        )
        if repeated or (index == 0 and summary):
            dropped += 1
        else:
            kept.append(paragraph)
    return kept, dropped


def _summarises(core: str, rest: list[str]) -> bool:
    """True when a first paragraph is the start of the body after it, cut across paragraphs.

    An automatic summary (DedeCMS's description, a Z-BlogPHP intro) is the
    body's first characters, ending mid-sentence in an ellipsis, so it may
    span the first two paragraphs and be contained in neither.
    """
    if len(core) < _MIN_REPEAT or not rest:
        return False
    body = "".join(rest)
    return body.startswith(core) or _OPENING_TIME.sub("", body).startswith(core)
