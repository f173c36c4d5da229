"""Marking figures and their source sentences in an article's text, escaped piece by piece.

The text is scraped, so it is escaped here and the marks are the only markup
added: the result is safe to put in a template as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape


def _spans(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """Every non-overlapping place each needle occurs in ``text``, in order."""
    found: list[tuple[int, int]] = []
    for needle in dict.fromkeys(n for n in needles if n):
        start = text.find(needle)
        while start != -1:
            found.append((start, start + len(needle)))
            start = text.find(needle, start + len(needle))
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start < merged[-1][1]:
            continue  # an overlap: the earlier mark wins
        merged.append((start, end))
    return merged


def _marked(text: str, needles: Iterable[str], css_class: str, inner: Iterable[str] = ()) -> Markup:
    pieces: list[str] = []
    cursor = 0
    inner = list(inner)
    for start, end in _spans(text, needles):
        pieces.append(escape(text[cursor:start]))
        content = _marked(text[start:end], inner, "figure") if inner else escape(text[start:end])
        pieces.append(Markup('<mark class="{}">{}</mark>').format(css_class, content))
        cursor = end
    pieces.append(escape(text[cursor:]))
    return Markup("").join(pieces)


def mark_figures(text: str, figures: Iterable[str]) -> Markup:
    """``text`` escaped, each figure's words (``总投资500亿元``) in ``<mark class="figure">``."""
    return _marked(text, figures, "figure")


def mark_evidence(text: str, sentences: Iterable[str], figures: Iterable[str]) -> Markup:
    """``text`` escaped, each source sentence in ``<mark class="evidence">`` and its figures marked within."""
    return _marked(text, sentences, "evidence", inner=figures)
