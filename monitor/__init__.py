"""signwatch: a scheduled crawler and change monitor for Chinese investment-promotion news.

Everything that is not Scrapy lives in this package: text cleaning, the
content-hash archive, the SQL store, event extraction, alerts, scheduling and
the ``signwatch`` command. Nothing in here imports Scrapy.

The names below are the API for scripts; everything else is internal and may
move between releases::

    import monitor

    article = monitor.clean_html(page_bytes, url=url)   # or monitor.clean_text(text)
    found = monitor.extract(article)                    # signing events and money figures
    for event in found.events:
        print(event.place.names, [figure.text for figure in event.figures])

Errors a script may want to catch all derive from ``SignwatchError`` and carry
a one-line message: ``ConfigError`` (settings), ``InputError`` (a bad argument,
such as an unknown site type), ``StoreError`` (the database), ``ArchiveError``
(the archive directory).
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# Lazy: ``import monitor`` stays under a millisecond, where importing the
# exports eagerly costs about 0.1 s (OpenCC and lxml for cleaning, the
# gazetteer for extraction).  The CLI, the crawler's child processes and
# ``monitor.running.crawl`` (which reads only ``monitor.__file__``) import this
# package without wanting any of it; a name is imported on first use instead.
_EXPORTS = {
    "clean_html": "monitor.text.clean",
    "clean_text": "monitor.text.clean",
    "CleanArticle": "monitor.text.article",
    "extract": "monitor.events.extraction",
    "Extraction": "monitor.events.extraction",
    "SigningEvent": "monitor.events.model",
    "Figure": "monitor.events.model",
    "Place": "monitor.events.model",
    "DateSpan": "monitor.events.model",
    "Part": "monitor.events.model",
    "ProjectReading": "monitor.projects.model",
    "Party": "monitor.projects.model",
    "ProjectMention": "monitor.projects.model",
    "StageMention": "monitor.projects.model",
    "load_settings": "monitor.config.reading",
    "Settings": "monitor.config.settings",
    "site_type_names": "monitor.sites",
    "SignwatchError": "monitor.errors",
    "ConfigError": "monitor.errors",
    "InputError": "monitor.errors",
    "StoreError": "monitor.errors",
    "ArchiveError": "monitor.errors",
}

__all__ = [
    "ArchiveError",
    "CleanArticle",
    "ConfigError",
    "DateSpan",
    "Extraction",
    "Figure",
    "InputError",
    "Part",
    "Party",
    "Place",
    "ProjectMention",
    "ProjectReading",
    "Settings",
    "SigningEvent",
    "SignwatchError",
    "StageMention",
    "StoreError",
    "clean_html",
    "clean_text",
    "extract",
    "load_settings",
    "site_type_names",
]

# The usual constant without importing typing (a millisecond); type checkers know the name.
TYPE_CHECKING = False
if TYPE_CHECKING:  # what type checkers and editors see; at run time __getattr__ imports
    from typing import Any

    from monitor.config.reading import load_settings
    from monitor.config.settings import Settings
    from monitor.errors import ArchiveError, ConfigError, InputError, SignwatchError, StoreError
    from monitor.events.extraction import Extraction, extract
    from monitor.events.model import DateSpan, Figure, Part, Place, SigningEvent
    from monitor.projects.model import Party, ProjectMention, ProjectReading, StageMention
    from monitor.sites import site_type_names
    from monitor.text.article import CleanArticle
    from monitor.text.clean import clean_html, clean_text


def __getattr__(name: str) -> Any:
    """Import an exported name on first use (PEP 562) and keep it."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
