"""The canonical text of an article and its content hash: the identity of an article.

Canonical text is built from the cleaned title and body paragraphs only, so
page chrome (view counters, relative times, related lists) can never change
an article's identity.  The rules, applied in order:

1. each piece (the title, then every paragraph) is Unicode NFKC-normalised,
   so full-width and half-width forms of one character hash alike;
2. every run of whitespace inside a piece becomes one ASCII space, and the
   piece is stripped at both ends;
3. empty pieces are dropped;
4. the pieces are joined with ``\\n`` and the text ends with one ``\\n``.

The content hash is the first 16 hex digits of SHA-256 over the UTF-8 bytes of
the canonical text.  An archive file signwatch writes holds exactly the
canonical text, so its name can always be checked against its content.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

_WHITESPACE = re.compile(r"\s+")

HASH_LENGTH = 16


def canonical_piece(piece: str) -> str:
    """Normalise one title or paragraph the way canonical text requires."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", piece)).strip()


def canonical_text(title: str | None, paragraphs: Iterable[str]) -> str:
    """Build the canonical text of an article from its cleaned title and paragraphs."""
    pieces = [canonical_piece(p) for p in [title or "", *paragraphs]]
    kept = [p for p in pieces if p]
    return "\n".join(kept) + "\n" if kept else ""


def content_hash(text: str) -> str:
    """Return the 16-hex-digit content hash of an already canonical text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]
