"""CleanArticle: what cleaning hands to the archive, the store and extraction."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from monitor.archive.canonical import canonical_text, content_hash

Script = Literal["traditional", "simplified"]


@dataclass(frozen=True)
class CleanArticle:
    """A cleaned article: Simplified text, chrome removed, metadata resolved.

    ``repairs`` names what cleaning changed (``"t2s"``, ``"pinyin"``,
    ``"mojibake"``, ``"redecoded"``, ``"lede-dedup"`` ...); ``flags`` names what a
    reader should know but cleaning left in place (``"censored"``,
    ``"mojibake-unrepaired"``, ``"listing-page"`` — a column's list of articles,
    not an article, which the crawl does not store ...).  ``published`` is
    time-zone-aware, on a Beijing clock (UTC+8), so ``published.date()`` is the
    page's local date and a UTC store keeps the right instant.
    """

    title: str | None
    paragraphs: tuple[str, ...]
    published: datetime | None = None
    source: str | None = None
    author: str | None = None
    script: Script = "simplified"
    repairs: tuple[str, ...] = field(default_factory=tuple)
    flags: tuple[str, ...] = field(default_factory=tuple)

    @property
    def body(self) -> str:
        """The body as one text, one paragraph per line."""
        return "\n".join(self.paragraphs)

    @property
    def canonical_text(self) -> str:
        """The canonical text the archive stores and hashes."""
        return canonical_text(self.title, self.paragraphs)

    @functools.cached_property
    def content_hash(self) -> str:
        """The article's identity: the hash of its canonical text.

        Kept once computed (the dedupe step, the store and the archive all ask),
        and pickled with the article, so a hash made in a clean process is not
        made again by the crawl and store processes.
        """
        return content_hash(self.canonical_text)

    def to_json(self) -> dict[str, Any]:
        """The JSON shape ``signwatch clean --json`` prints."""
        return {
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "author": self.author,
            "body": self.body,
            "script": self.script,
            "repairs": list(self.repairs),
            "flags": list(self.flags),
        }
