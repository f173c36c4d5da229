"""Repairing GBK mojibake where one byte of a two-byte sequence was lost.

When a byte is lost, every following pair is read one byte off until the next
ASCII byte resynchronises the decoder: ``徐建青說`` (d0ec bda8 c7e0 d566) becomes
``毙旖ㄇ嗾f``.  Re-encoding the span as GB18030 and dropping the orphan byte
gives the text back.  Where the decoder already replaced bytes with ``?`` the
bytes are gone; then the span is rebuilt from a clean repetition of the same
words elsewhere in the article (``上??苿?chuàng)中心`` ← ``上海科創(chuàng)中心``).
Spans no candidate clearly repairs are left alone and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from monitor.text.common_chars import has_uncommon, is_common, uncommon_class, uncommon_count

# ``?`` marks where a decoder gave up; a run of them hugging a rare character is
# the shape a lost byte leaves behind.
_QUESTION_SPAN = re.compile(r"\?+[^\x00-\x7f?\s]{1,4}\?")
_WINDOW = 4
# Longest run of Han characters a repetition lookup rebuilds.
_MAX_REBUILT = 6


@dataclass(frozen=True)
class MojibakeReport:
    """What ``repair_mojibake`` did: spans it repaired and spans it left alone."""

    repaired: tuple[str, ...] = ()
    unrepaired: tuple[str, ...] = ()


def repair_mojibake(text: str) -> tuple[str, MojibakeReport]:
    """Repair lost-byte GBK mojibake in ``text``; report repaired and unrepaired spans."""
    repaired: list[str] = []
    unrepaired: list[str] = []
    if not has_uncommon(text):
        # Both kinds of damage leave rare characters behind; most pages have none.
        return text, MojibakeReport()
    text = _repair_shifted_runs(text, repaired, unrepaired)
    text = _repair_question_spans(text, repaired, unrepaired)
    return text, MojibakeReport(tuple(repaired), tuple(unrepaired))


@lru_cache(maxsize=1)
def _suspect_tail() -> re.Pattern[str]:
    """The last four characters of a non-ASCII run, two or more of them rare.

    That is the first test ``_garbage_start`` makes; the regex engine finds the few
    runs that pass it, sparing a Python step for each of a page's clean runs.
    """
    rare, other = uncommon_class(), "[^\\x00-\\x7f]"
    last_four = f"(?:{rare}{rare}{other}{{0,2}}|{rare}{other}{rare}{other}?|{rare}{other}{{2}}{rare})"
    return re.compile(f"{last_four}(?!{other})")


def _suspect_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-ASCII run whose tail looks like mojibake."""
    runs: list[tuple[int, int]] = []
    for tail in _suspect_tail().finditer(text):
        start = tail.start()
        while start > 0 and not text[start - 1].isascii():
            start -= 1
        if not runs or runs[-1][1] != tail.end():
            runs.append((start, tail.end()))
    return runs


def _repair_shifted_runs(text: str, repaired: list[str], unrepaired: list[str]) -> str:
    pieces: list[str] = []
    last = 0
    for run_start, run_end in _suspect_runs(text):
        run = text[run_start:run_end]
        start = _garbage_start(run)
        if start is None:
            continue
        # The pair the lost byte broke ends on the first ASCII byte after the run.
        span_end = run_end + (1 if run_end < len(text) and text[run_end].isprintable() else 0)
        repair = None
        # The first broken pair often decodes as a common character (``毙``), so the
        # span may begin a character or two before the garbage shows.
        for span_start in range(run_start + max(0, start - 2), run_start + start + 1):
            repair = _best_shift(text[span_start:span_end])
            if repair is not None:
                break
        if repair is None:
            unrepaired.append(text[run_start + start : span_end])
            continue
        span = text[span_start:span_end]
        pieces.append(text[last:span_start])
        pieces.append(repair)
        last = span_end
        repaired.append(span)
    pieces.append(text[last:])
    return "".join(pieces)


def _garbage_start(run: str) -> int | None:
    """Where mojibake starts in a run of non-ASCII text that ends at a resync point, or None."""
    tail = run[-_WINDOW:]
    if len(run) < 2 or uncommon_count(tail) < 2:
        return None
    start = len(run)
    # Walk back while the window keeps looking like garbage.
    while start > 0 and uncommon_count(run[max(0, start - _WINDOW) : start]) >= 2:
        start -= 1
    while start < len(run) and is_common(run[start]):
        start += 1
    return start


def _best_shift(span: str) -> str | None:
    """The byte-shifted reading of ``span`` made of common characters, or None."""
    try:
        raw = span.encode("gb18030")
    except UnicodeEncodeError:
        return None
    before = uncommon_count(span)
    best: str | None = None
    for skip in (1, 0):
        for candidate_bytes in (raw[skip:], raw[skip:-1] if len(raw) > skip + 1 else b""):
            if not candidate_bytes:
                continue
            try:
                candidate = candidate_bytes.decode("gb18030")
            except UnicodeDecodeError:
                continue
            if candidate == span or not candidate.isprintable():
                continue
            if uncommon_count(candidate) == 0 and before >= 2:
                best = candidate if best is None or len(candidate) > len(best) else best
        if best is not None:
            return best
    return best


def _repair_question_spans(text: str, repaired: list[str], unrepaired: list[str]) -> str:
    for match in reversed(list(_QUESTION_SPAN.finditer(text))):
        span = match.group()
        if uncommon_count(span.replace("?", "")) == 0:
            continue  # ordinary question marks around ordinary words
        rebuilt = _rebuild_from_repetition(text, match.start(), match.end())
        if rebuilt is None:
            unrepaired.append(span)
            continue
        text = text[: match.start()] + rebuilt + text[match.end() :]
        repaired.append(span)
    return text


def _rebuild_from_repetition(text: str, start: int, end: int) -> str | None:
    """Rebuild text[start:end] from a clean copy of the words that follow it."""
    right = _right_context(text, end)
    if right is None:
        return None
    left_char = text[start - 1] if start > 0 else ""
    fallback: str | None = None
    for occurrence in re.finditer(re.escape(right), text):
        if occurrence.start() == end:
            continue
        before = text[max(0, occurrence.start() - _MAX_REBUILT - 1) : occurrence.start()]
        for length in range(1, min(_MAX_REBUILT, len(before) - 1) + 1):
            candidate = before[-length:]
            if "?" in candidate or uncommon_count(candidate) or "\n" in candidate:
                break
            if before[-length - 1] == left_char:
                return candidate
        if fallback is None:
            fallback = _bytes_fallback(before, end - start)
    return fallback


def _right_context(text: str, end: int) -> str | None:
    """The words after a damaged span, long enough (4 Han characters) to look up."""
    han = 0
    stop = end
    while stop < len(text) and stop - end < 16 and text[stop] not in "\n?":
        if "\u4e00" <= text[stop] <= "\u9fff":
            han += 1
            if han == 4:
                return text[end : stop + 1]
        stop += 1
    return None


def _bytes_fallback(before: str, damaged_chars: int) -> str | None:
    """As many clean characters as the damaged span's bytes could have held."""
    budget = damaged_chars + 1
    taken = ""
    for ch in reversed(before):
        size = len(ch.encode("gb18030", errors="replace"))
        if ch in "?\n" or size > budget or uncommon_count(ch):
            break
        taken = ch + taken
        budget -= size
    return taken or None
