"""Investment announcements: new investment that no signing event carries.

``此次集中开工项目共107个,总投资1126亿元`` reports new investment without a
signing.  Subscribers who follow investment figures want it once, like a
signing, so ``extract`` reports it as an event of kind ``投资`` (in an article
with no signing event), the store files it with its own cluster and alerts
treat it as an ``investment`` alert.  ``signwatch extract`` and the store read
the same events: ``extract`` is the one place they are made.

What is an announcement, as an analyst would say it:

- projects with their total investment (a figure with no count of projects -
  a target, one plant's budget - stays a figure);
- new: the sentence says the projects start, settle or are brought in
  (开工, 落户, 落地, 开建, 奠基, 引进, 入驻);
- not a report on projects that exist already: ``总投资210亿元的24个重大项目
  得到有力推进`` (progress), 在建/续建, 完成投资, 到位资金, a tally (累计,
  截至, 以来), projects offered or planned (推出, 储备, 安排, 计划开工);
- not a part of another total (a sentence opening with ``其中``).

Its place is read like a signing's (its sentence, its paragraph, the title,
then the article); its date is the date in its text (``monitor.events.dates``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from monitor.events import dates as dating
from monitor.events.model import Figure, SigningEvent
from monitor.events.places import PlaceResolver
from monitor.events.segments import Sentence

INVESTMENT_KIND = "投资"

_NEW_INVESTMENT = re.compile(r"开工|落户|落地|开建|奠基|引进|入驻|进驻")
# Said of projects that exist already, or are still only offered or planned.
_NOT_NEW = re.compile(
    r"推进|进展|在建|续建|建设中|完成(?:产业|固定资产)?投资|到位|累计|截至|截止|以来|储备|推出|安排|前期|谋划|策划"
)
# 计划开工, 拟落户, 将于…开工: not yet
_NOT_YET = re.compile(r"(?:计划|拟|将|预计|即将|准备|力争|争取)[^,,。;;]{0,6}$")
_PART = re.compile(r"^\s*其中")


def announcements(
    text: str,
    written: str,
    sentences: Sequence[Sentence],
    paragraph_spans: Sequence[tuple[int, int]],
    figures: Sequence[Figure],
    published: date | None,
) -> list[SigningEvent]:
    """One ``投资`` event per distinct figure of new investment in counted projects (see the module doc).

    ``text`` is the prepared article text (title first), ``written`` the same
    text as the article writes it, for the evidence; ``sentences`` and
    ``paragraph_spans`` locate its parts.
    """
    chosen: list[tuple[Figure, Sentence]] = []
    seen: set[int | float] = set()
    for figure in figures:
        # A size bracket (亿元以上项目18个) counts projects above a size: no amount of theirs.
        if not figure.investment or figure.bracket or figure.projects is None or figure.value in seen:
            continue
        sentence = _sentence_at(sentences, figure.start)
        if sentence is None or not _is_new_investment(text, sentence):
            continue
        seen.add(figure.value)
        chosen.append((figure, sentence))
    if not chosen:
        return []  # most articles: no place scan at all
    title = paragraph_spans[0]
    scan = [title, *(paragraph_spans[s.paragraph] for _, s in chosen)]
    resolver = PlaceResolver(text, scan=scan)
    found = []
    for figure, sentence in chosen:
        paragraph = paragraph_spans[sentence.paragraph]
        place = resolver.resolve([(sentence.start, sentence.end), paragraph, title])
        if not place.names:
            place = resolver.article_place()
        found.append(
            SigningEvent(
                kind=INVESTMENT_KIND,
                status="done",
                place=place,
                date=dating.event_date(
                    text, (sentence.start, sentence.end), paragraph[0], figure.start, published, past=True
                ),
                parties=(),
                projects=figure.projects,
                figures=(figure,),
                parts=(),
                evidence=written[sentence.start : sentence.end].strip(),
                start=sentence.start,
            )
        )
    return found


def _sentence_at(sentences: Sequence[Sentence], position: int) -> Sentence | None:
    return next((s for s in sentences if s.start <= position < s.end), None)


def _is_new_investment(text: str, sentence: Sentence) -> bool:
    """Whether the sentence announces new projects (集中开工, 落户), not progress, a tally or a plan."""
    if _PART.match(sentence.text) or _NOT_NEW.search(text, sentence.start, sentence.end):
        return False
    return any(
        not _NOT_YET.search(text, sentence.start, word.start())
        for word in _NEW_INVESTMENT.finditer(text, sentence.start, sentence.end)
    )
