"""A headline's figure that the body repeats is one figure, not two.

The article extraction reads is its title and then its body, and a headline
usually sums up the body: ``130余亿元!株洲11个重大招商项目集中签约`` over
``现场集中签约11个项目,总投资额达130余亿元``.  Such a figure is the body's
figure (its sentence says what the money is); the headline's copy is dropped
from the article's figures and, in an event that carries it, replaced by the
body's.  A figure is the same when its value, upper end and currency are; of
several such in the body, the one of the same kind (investment or not).

The headline is the title, and the short lines that open the body before its
first sentence (a page's headline copied with its subtitles, as plain text
often keeps it: ``签约15个亿元项目`` / ``总投资额285.31亿元``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from monitor.events.model import Figure, SigningEvent

# A headline line: short, and not ended as a sentence is.
_HEADLINE_LENGTH = 60
_SENTENCE_END = re.compile(r"[。;;…]\s*$")


def headline_end(text: str, paragraph_spans: Sequence[tuple[int, int]]) -> int:
    """Where the headline ends: after the title and the short unpunctuated lines that follow it."""
    end = paragraph_spans[0][1] if paragraph_spans else 0
    for start, stop in paragraph_spans[1:]:
        line = text[start:stop]
        if len(line) > _HEADLINE_LENGTH or _SENTENCE_END.search(line) or "。" in line:
            break
        end = stop
    return end


def drop_headline_repeats(
    figures: Sequence[Figure], events: Sequence[SigningEvent], end: int
) -> tuple[list[Figure], list[SigningEvent]]:
    """The figures without the headline's copies of body figures, and the events with the body's figure instead."""
    body: dict[tuple[object, ...], list[Figure]] = {}
    for figure in figures:
        if figure.start >= end:
            body.setdefault(_amount(figure), []).append(figure)
    twins: dict[int, Figure] = {}
    for figure in figures:
        if figure.start < end and (same := body.get(_amount(figure))):
            # the body's figure of the same kind, else the first: a headline has too few
            # words around its figure to say what the money is (130余亿元!…集中签约)
            twins[id(figure)] = next((f for f in same if f.investment == figure.investment), same[0])
    if not twins:
        return list(figures), list(events)
    kept = [f for f in figures if id(f) not in twins]
    return kept, [_with_body_figures(event, twins) for event in events]


def _amount(figure: Figure) -> tuple[object, ...]:
    return (figure.value, figure.maximum, figure.currency)


def _with_body_figures(event: SigningEvent, twins: dict[int, Figure]) -> SigningEvent:
    if not any(id(f) in twins for f in event.figures):
        return event
    figures: list[Figure] = []
    for figure in event.figures:
        chosen = twins.get(id(figure), figure)
        if chosen not in figures:
            figures.append(chosen)
    return replace(event, figures=tuple(figures))
