"""Investment announcements: investment figures that no signing event carries.

``总投资210亿元的24个重大项目得到有力推进`` reports an investment without a
signing.  Subscribers who follow investment figures want it once, like a
signing, so the store keeps it as an event of kind ``投资`` with its own
cluster (place, date, amount), and alerts treat it as an ``investment`` alert.
``signwatch extract`` is unchanged: such an article still reports
``"signing": false`` and its figure under ``figures``.
"""

from __future__ import annotations

from monitor.events.extract import Extraction
from monitor.events.model import Figure, SigningEvent
from monitor.events.places import PlaceResolver
from monitor.text.article import CleanArticle

INVESTMENT_KIND = "投资"


def investment_announcements(extraction: Extraction, article: CleanArticle) -> list[SigningEvent]:
    """One ``投资`` event per distinct investment figure for counted projects, in an article with no signing.

    Its place is read from the title and the figure's own sentence; its date is
    the article's (the store falls back to the publication day).
    """
    if extraction.events:
        # In an article that reports a signing, the other investment figures are
        # that signing's details (其中…, per-project amounts), not news of their own.
        return []
    seen: set[int | float] = set()
    found: list[SigningEvent] = []
    for figure in extraction.figures:
        # An announcement is projects with their total investment: a figure with
        # no project count (a target, one plant's budget) is left as a figure.
        if not figure.investment or figure.projects is None or figure.value in seen:
            continue
        seen.add(figure.value)
        found.append(_announcement(figure, article))
    return found


def _announcement(figure: Figure, article: CleanArticle) -> SigningEvent:
    context = f"{article.title or ''}\n{figure.evidence}"
    place = PlaceResolver(context).resolve([(0, len(context))])
    return SigningEvent(
        kind=INVESTMENT_KIND,
        status="done",
        place=place,
        date=None,
        parties=(),
        projects=figure.projects,
        figures=(figure,),
        parts=(),
        evidence=figure.evidence,
    )
