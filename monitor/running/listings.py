"""What the last crawl saw on a source's listing pages: validators and the fingerprint of their article links.

A source polled every few minutes mostly has not changed.  The next crawl
asks for each listing page with the validators it answered with last time
(an unchanged page costs a 304 and no body), and compares the fingerprint
of the article links it finds with the stored one (a server that ignores
validators costs one fetch and no following of links already stored).
On a 304 the stored links stand in for the page's: a link not stored yet
(its fetch failed last time) is still followed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from monitor.archive.storing import ensure_source
from monitor.store import Database, ListingState, Source, utcnow


@dataclass(frozen=True)
class ListingMemo:
    """One listing page as a crawl saw it: its URL, validators and article links (in page order)."""

    url: str
    etag: str | None
    last_modified: str | None
    links: tuple[str, ...]

    @property
    def digest(self) -> str:
        """The fingerprint of the page's article links: the same set of links, the same digest."""
        return links_digest(self.links)


def links_digest(links: Iterable[str]) -> str:
    """SHA-1 of the sorted, distinct links (order on the page is presentation, not news)."""
    return hashlib.sha1("\n".join(sorted(set(links))).encode("utf-8")).hexdigest()


def load_listing_memos(db: Database, source: str) -> dict[str, ListingMemo]:
    """The stored listing pages of ``source`` by URL (empty for a source never crawled)."""
    with db.session() as session:
        rows = session.scalars(
            select(ListingState).join(Source, ListingState.source_id == Source.id).where(Source.name == source)
        ).all()
        return {
            row.url: ListingMemo(row.url, row.etag, row.last_modified, tuple(filter(None, row.links.split("\n"))))
            for row in rows
        }


def save_listing_memos(db: Database, source: str, memos: Sequence[ListingMemo]) -> int:
    """Store (insert or replace) what a crawl saw on listing pages of ``source``; return how many."""
    if not memos:
        return 0
    with db.session() as session:
        owner = ensure_source(session, source)
        session.flush()
        stored = {
            row.url: row
            for row in session.scalars(
                select(ListingState).where(
                    ListingState.source_id == owner.id, ListingState.url.in_([m.url for m in memos])
                )
            )
        }
        now = utcnow()
        for memo in memos:
            row = stored.get(memo.url)
            if row is None:
                row = ListingState(source_id=owner.id, url=memo.url)
                session.add(row)
            row.etag, row.last_modified = memo.etag, memo.last_modified
            row.links_digest, row.links = memo.digest, "\n".join(memo.links)
            row.checked_at = now
    return len(memos)
