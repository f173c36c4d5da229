"""Signing events and investment figures in cleaned articles.

``extract(article)`` is the entry point; ``cluster`` turns events into keys
so reposts of one real-world event share a cluster.
"""

from monitor.events.extract import Extraction, extract
from monitor.events.model import DateSpan, Figure, Part, Place, SigningEvent

__all__ = ["DateSpan", "Extraction", "Figure", "Part", "Place", "SigningEvent", "extract"]
