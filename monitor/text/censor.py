"""Finding censor marks: characters a site replaced with ``*`` or ``#`` (``*近``, ``水######融``)."""

from __future__ import annotations

import re

_CENSORED = re.compile(r"(?<=[\u4e00-\u9fff，。、,“”])(\*+|#{2,})(?=[\u4e00-\u9fff，。、,“”])|^\*(?=[\u4e00-\u9fff])")


def has_censor_marks(paragraph: str) -> bool:
    """True if the paragraph holds ``*`` or ``##`` standing in for Han characters."""
    # Every mark holds a * or a #: most paragraphs hold neither, and need no regex.
    return ("*" in paragraph or "#" in paragraph) and _CENSORED.search(paragraph) is not None
