"""A pattern searched only where its first character can stand.

The regex engine skips ahead in C to where a pattern can begin only when the
pattern opens with a literal or a character class.  A pattern that opens with
a group of alternatives, an optional part or a lookbehind (``_AMOUNT`` of
``monitor.events.amounts``: a number written in digits or in Chinese, or 上)
is tried in full at every position of the text, and the text of an article
is mostly positions where it cannot begin.  ``FirstChars`` pairs such a
pattern with the class of characters its matches begin with: the class is
searched (fast: it opens with itself), and the pattern is tried only there.

The matches are those of the pattern's own ``search``/``finditer``: a
search tries the positions from left to right and takes the first that
matches, and a position whose character is outside the class cannot match,
so skipping it changes nothing.  ``pattern.match(text, position)`` reads
what comes before ``position`` as a search reaching it does (a lookbehind
sees it).  The pattern must never match the empty string: ``finditer`` goes
on from the end of each match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class FirstChars:
    """``pattern``, tried only at the characters of ``firsts`` (a regex class every match begins with)."""

    def __init__(self, pattern: re.Pattern[str], firsts: str) -> None:
        self.pattern = pattern
        self._firsts = re.compile(firsts)
        self._match = pattern.match
        self._next = self._firsts.search

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The leftmost match in ``text[pos:endpos]``, as ``pattern.search`` finds it."""
        stop = len(text) if endpos is None else endpos
        match, after = self._match, self._next
        while (first := after(text, pos, stop)) is not None:
            at = first.start()
            found = match(text, at, stop)
            if found is not None:
                return found
            pos = at + 1
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """Every match in ``text[pos:endpos]``, in order, as ``pattern.finditer`` yields them."""
        stop = len(text) if endpos is None else endpos
        match, after = self._match, self._next
        while (first := after(text, pos, stop)) is not None:
            at = first.start()
            found = match(text, at, stop)
            if found is None:
                pos = at + 1
                continue
            yield found
            pos = max(found.end(), at + 1)  # (an empty match would hold the scan in place)
