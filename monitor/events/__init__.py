"""Signing events and investment figures in cleaned articles.

``extract(article)`` is the entry point; ``cluster`` turns events into keys
so reposts of one real-world event share a cluster.
"""

from typing import TYPE_CHECKING

from monitor.events.model import DateSpan, Figure, Part, Place, SigningEvent
from monitor.lazy import exports_on_use

if TYPE_CHECKING:
    from monitor.events.extraction import Extraction, extract

# On first use: extraction compiles its patterns and imports the projects'
# reading at import (most of a CLI command's start), and the store, the
# alerts and the workbench import this package for its model alone.
__getattr__ = exports_on_use(globals(), dict.fromkeys(("Extraction", "extract"), "monitor.events.extraction"))

__all__ = ["DateSpan", "Extraction", "Figure", "Part", "Place", "SigningEvent", "extract"]
