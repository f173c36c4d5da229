"""Full-text search over articles that works for Chinese: character bigrams on both backends.

SQLite's FTS5 and PostgreSQL's text search split text into words at spaces
and punctuation, so a Chinese sentence is one "word" and 签约 inside it is
never found.  Both are handed the text already cut into *units* (a CJK
character, or a run of ASCII letters and digits such as ``5g`` or ``500``)
and their *terms*:

- every pair of neighbouring units, joined: 签约 约仪 仪式, 500亿 亿元;
- the last unit of each run on its own, so that every unit starts a term
  and a one-character query is a prefix query (``签*``);
- every Latin/digit unit on its own, so ``5G`` or ``500`` alone is found.

A query is cut the same way and every one of its terms must match (AND).

Where the terms live:

- ``article_search`` (this module's model, both backends): one row per
  indexed article.  On PostgreSQL its ``terms`` column is the ``tsvector``
  of the term string (cast, not parsed: the parser's idea of a letter
  depends on the server's locale, a cast keeps the terms exactly), with a
  GIN index.  On SQLite ``terms`` stays NULL: the row says the article is
  in the FTS5 table with the terms of its current title and text.
- ``article_search_fts`` (SQLite only, made by migration 0005): a
  contentless FTS5 table (rowid = article id, ``detail=none``: AND of
  terms needs neither positions nor columns, and the index is a fraction
  of the size).  Contentless tables forget the text, so replacing an
  article's entry deletes it with the terms of the title and text the row
  still holds: ``index_articles`` must be called before a row's title or
  text change (``replace_terms``) or right after it is inserted.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from operator import add
from typing import Any

from sqlalchemy import (
    ColumnElement,
    ForeignKey,
    Index,
    Select,
    Text,
    bindparam,
    cast,
    delete,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR
from sqlalchemy.orm import InstrumentedAttribute, Mapped, Session, mapped_column

from monitor.store.base import Base
from monitor.store.models import Article

FTS_TABLE = "article_search_fts"
# The events' own index: the terms of each event's article title and evidence sentence (migration 0014).
EVENT_FTS_TABLE = "event_search_fts"
# The tables FTS5 keeps behind the FTS5 tables (SQLite only; no model can
# describe them, so a schema comparison leaves them out by these names).
SQLITE_ONLY_TABLES = frozenset(
    f"{table}{suffix}"
    for table in (FTS_TABLE, EVENT_FTS_TABLE)
    for suffix in ("", "_data", "_idx", "_config", "_docsize", "_content")
)


def is_modelled(name: str | None, type_: str, parent_names: object) -> bool:
    """Whether a schema comparison should look at this object (Alembic's ``include_name``).

    Not FTS5's own tables, nor the workbench's order indexes, which differ by
    backend (``monitor.store.workbench_indexes.ORDER_INDEXES``).
    """
    from monitor.store.workbench_indexes import (  # that module imports the models, as this one does
        ORDER_INDEXES,
        PLACE_ORDER_INDEXES,
    )

    if type_ == "index" and (name in ORDER_INDEXES or name in PLACE_ORDER_INDEXES):
        return False
    return not (type_ == "table" and name in SQLITE_ONLY_TABLES)


SQLITE_FTS_DDL = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "terms, content='', detail='none', columnsize=0, tokenize='unicode61 remove_diacritics 0')"
)
# The events' FTS5 table keeps its terms (not contentless), so an event's entry is deleted by its id alone:
# the trigger below drops it whenever the event row goes (a re-analysis deletes and refiles an article's events).
SQLITE_EVENT_FTS_DDL = (
    f"CREATE VIRTUAL TABLE {EVENT_FTS_TABLE} USING fts5("
    "terms, detail='none', columnsize=0, tokenize='unicode61 remove_diacritics 0')"
)
SQLITE_EVENT_FTS_TRIGGER = (
    "CREATE TRIGGER event_search_fts_on_delete AFTER DELETE ON events "
    f"BEGIN DELETE FROM {EVENT_FTS_TABLE} WHERE rowid = old.id; END"
)

# A unit: a run of ASCII letters/digits, or one other letter or digit (a CJK character).
_UNIT = re.compile(r"[0-9a-z]+|[^\W_]")
# A run of adjacent units: the units tile every letter or digit, so a run is a longest span of them.
_RUN = re.compile(r"[^\W_]+")
# An ASCII letter or digit: a run holding one has units longer than a character.
_LATIN = re.compile(r"[0-9a-z]")
SNIPPET_RADIUS = 60  # characters of context either side of the first hit


class ArticleSearch(Base):
    """An article's entry in the search index (its terms: PostgreSQL here, SQLite in the FTS5 table)."""

    __tablename__ = "article_search"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    terms: Mapped[str | None] = mapped_column(Text().with_variant(TSVECTOR(), "postgresql"))

    # GIN on PostgreSQL; on SQLite a plain index of NULLs, tiny, kept so both backends match the model.
    __table_args__ = (Index("ix_article_search_terms", "terms", postgresql_using="gin"),)


class EventSearch(Base):
    """An event's terms (its article's title and its evidence sentence) on PostgreSQL; SQLite keeps them in FTS5.

    The Events page's free text matches an event's title or evidence; the
    article index cannot narrow a word that is in an article's body but in
    none of its events' sentences, so the events have their own.  On SQLite
    this table stays empty (``event_search_fts`` holds the terms); on
    PostgreSQL an entry goes with its event (ON DELETE CASCADE).
    """

    __tablename__ = "event_search"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    terms: Mapped[str | None] = mapped_column(Text().with_variant(TSVECTOR(), "postgresql"))

    __table_args__ = (Index("ix_event_search_terms", "terms", postgresql_using="gin"),)


def normalise(value: str) -> str:
    """Text as the index reads it: NFKC (full-width ５Ｇ is 5G) and case-folded."""
    return unicodedata.normalize("NFKC", value).casefold()


def _runs(value: str) -> list[list[str]]:
    """The runs of adjacent units in ``value`` (anything that is not a unit ends a run)."""
    return [_units(run) for run in _RUN.findall(normalise(value))]


def _units(run: str) -> list[str]:
    """The units of one run: each character, but a run of ASCII letters and digits is one unit."""
    return _UNIT.findall(run) if _LATIN.search(run) else list(run)


def _is_word(unit: str) -> bool:
    return unit.isascii()


def document_terms(*parts: str | None) -> list[str]:
    """The distinct terms an article is indexed under (title and text given as parts), in first-seen order.

    Each run's pairs of adjacent units, then its last unit, then its ASCII
    words.  A run without ASCII letters or digits (most of a Chinese text)
    is sliced as a string, not matched unit by unit: indexing the text is a
    part of every article's storing transaction.
    """
    found: list[str] = []  # in order, repeats and all; the first of each is kept
    for part in parts:
        for run in _RUN.findall(normalise(part or "")):
            if _LATIN.search(run):
                units = _UNIT.findall(run)
                found += map(add, units, units[1:])
                found.append(units[-1])
                found += [unit for unit in units if _is_word(unit)]
            else:  # every unit one character, none of them ASCII
                found += map(add, run, run[1:])
                found.append(run[-1])
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class QueryTerm:
    """One term a match must contain; ``prefix``: any term starting with it (a lone CJK character)."""

    term: str
    prefix: bool = False


def query_terms(query: str) -> list[QueryTerm]:
    """The terms every match of ``query`` must contain (empty when it has no letter or digit)."""
    found: dict[QueryTerm, None] = {}
    for run in _runs(query):
        if len(run) == 1:
            found[QueryTerm(run[0], prefix=not _is_word(run[0]))] = None
        for left, right in pairwise(run):
            found[QueryTerm(left + right)] = None
    return list(found)


def _fts5_query(terms: Sequence[QueryTerm]) -> str:
    # Terms hold letters and digits only, so quoting cannot be broken out of.
    return " AND ".join(f'"{t.term}"' + ("*" if t.prefix else "") for t in terms)


def _tsquery(terms: Sequence[QueryTerm]) -> str:
    return " & ".join(f"'{t.term}'" + (":*" if t.prefix else "") for t in terms)


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _sqlite_delete(session: Session, rows: Sequence[tuple[int, str | None, str]]) -> None:
    # A contentless FTS5 entry is removed by handing back the terms it was indexed under.
    values = [{"id": article_id, "terms": " ".join(document_terms(title, body))} for article_id, title, body in rows]
    if values:
        session.execute(
            text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, terms) VALUES ('delete', :id, :terms)"), values
        )


def index_articles(session: Session, articles: Iterable[Article]) -> int:
    """Put ``articles`` (flushed rows) in the search index, replacing entries they already have; how many.

    Called in the storing transaction right after new articles are
    flushed, and by reprocess before an article's title or text change
    (see ``replace_terms``).
    """
    rows = {row.id: (row.title, row.clean_text) for row in articles}
    if not rows:
        return 0
    write_entries(session, [(article_id, title, body) for article_id, (title, body) in rows.items()], replace=True)
    return len(rows)


def replace_terms(session: Session, row: Article, title: str | None, body: str) -> None:
    """Index ``row`` under a new title and text, before they are copied onto it (reprocess, import analysis)."""
    write_entries(session, [(row.id, title, body)], replace=True, old={row.id: (row.title, row.clean_text)})


def write_entries(
    session: Session,
    entries: Sequence[tuple[int, str | None, str]],
    *,
    replace: bool,
    old: dict[int, tuple[str | None, str]] | None = None,
) -> None:
    """Index (article id, title, text) entries; with ``replace``, first drop the entries these ids have.

    ``old`` gives the title and text an entry was indexed under when the
    row no longer holds them (SQLite needs them to delete the entry);
    without it they are read from the article rows.
    """
    ids = [article_id for article_id, _, _ in entries]
    sqlite = _is_sqlite(session)
    if replace:
        indexed = list(session.scalars(select(ArticleSearch.article_id).where(ArticleSearch.article_id.in_(ids))))
        if indexed:
            if sqlite:
                known = old or {}
                missing = [article_id for article_id in indexed if article_id not in known]
                stored = {
                    article_id: (title, body)
                    for article_id, title, body in session.execute(
                        select(Article.id, Article.title, Article.clean_text).where(Article.id.in_(missing))
                    )
                }
                stale = {**stored, **known}
                _sqlite_delete(session, [(i, *stale[i]) for i in indexed if i in stale])
            session.execute(delete(ArticleSearch).where(ArticleSearch.article_id.in_(indexed)))
    strings = [(article_id, " ".join(document_terms(title, body))) for article_id, title, body in entries]
    if sqlite:
        session.execute(
            text(f"INSERT INTO {FTS_TABLE}(rowid, terms) VALUES (:id, :terms)"),
            [{"id": article_id, "terms": terms} for article_id, terms in strings],
        )
        session.execute(insert(ArticleSearch), [{"article_id": article_id} for article_id, _ in strings])
    else:
        session.execute(
            insert(ArticleSearch).values(terms=cast(bindparam("t", type_=Text), TSVECTOR)),
            [{"article_id": article_id, "t": terms} for article_id, terms in strings],
        )


@dataclass(frozen=True)
class SearchHit:
    """One article that matched: its id and where in its text the query was found."""

    article_id: int
    title: str | None
    snippet: list[tuple[str, bool]]  # the snippet's pieces, True for the matching ones (escape each)

    @property
    def snippet_text(self) -> str:
        """The snippet as plain text."""
        return "".join(piece for piece, _ in self.snippet)


@dataclass(frozen=True)
class SearchPage:
    """A page of search results, best first."""

    query: str
    hits: list[SearchHit]
    total: int
    offset: int
    limit: int
    ranked: bool  # best first; False: more than RANK_LIMIT match (total is that), the newest stored first


# Ranking computes a score for every match: past this many matches (a word in most articles,
# where relevance says little) the newest stored come first, which both backends read off the index.
RANK_LIMIT = 5000
# PostgreSQL: a query is first tested on this many newest articles' terms; if at that rate more than
# RANK_LIMIT match within COMMON_WINDOW newest articles, they are read to say so (see common_in_newest).
COMMON_SAMPLE = 2_000
COMMON_WINDOW = 50_000


def matching_ids(session: Session, query: str, *, limit: int = 20, offset: int = 0) -> tuple[list[int], int, bool]:
    """The ids of articles containing every term of ``query``, how many match, and whether they are ranked.

    Ranked: best first (bm25 on SQLite, ts_rank on PostgreSQL); else
    (more than RANK_LIMIT matches) newest stored first, and the count stops
    at RANK_LIMIT (it means "more than that": counting every match of a
    common word took seconds at a million articles).
    """
    terms = query_terms(query)
    if not terms:
        return [], 0, False
    if _is_sqlite(session):
        match = _fts5_query(terms)
        counted = f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q LIMIT :cap)"
        total = int(session.scalar(text(counted), {"q": match, "cap": RANK_LIMIT + 1}) or 0)
        ranked = total <= RANK_LIMIT
        total = min(total, RANK_LIMIT)
        order = "rank, rowid DESC" if ranked else "rowid DESC"
        ids = session.scalars(
            text(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q ORDER BY {order} LIMIT :limit OFFSET :offset"
            ),
            {"q": match, "limit": limit, "offset": offset},
        ).all()
        return list(ids), total, ranked
    tsquery = cast(bindparam("q", type_=Text), TSQUERY)
    condition = ArticleSearch.terms.op("@@")(tsquery)
    params = {"q": _tsquery(terms)}
    if common_in_newest(session, query, RANK_LIMIT):
        # Unranked and the count capped, as the index's count would say; the page is read newest first below.
        total, ranked = RANK_LIMIT, False
    else:
        matches = select(ArticleSearch.article_id).where(condition).limit(RANK_LIMIT + 1).subquery()
        total = int(session.scalar(select(func.count()).select_from(matches), params) or 0)
        ranked = total <= RANK_LIMIT
        total = min(total, RANK_LIMIT)
    ordering = [ArticleSearch.article_id.desc()]
    if ranked:
        ordering.insert(0, func.ts_rank(ArticleSearch.terms, tsquery).desc())
    statement = select(ArticleSearch.article_id).where(condition).order_by(*ordering).limit(limit).offset(offset)
    return list(session.scalars(statement, params)), total, ranked


def common_in_newest(
    session: Session, query: str, limit: int, *, sample: int | None = None, window: int | None = None
) -> bool:
    """PostgreSQL: whether more than ``limit`` articles hold ``query``, shown by the newest articles alone.

    The GIN index answers a count by building the bitmap of every article
    holding every term first: for a query whose terms are each in a fifth of
    the articles or more (集成电路, 宝山区 签约) that was 150-225 ms at a
    million articles before the first match was counted, when the newest
    ~30,000 articles' terms, read in id order off the primary key, already
    hold more than ``limit`` matches (~25 ms).  So the newest ``sample``
    articles are tested first; at their rate of matches, the newest rows
    that should hold ``limit`` + 1 (half as many again, for the rate's
    error) are read and counted, if at most ``window``.  True only when
    more than ``limit`` are seen, so it never says what the index would
    not; False (ask the index) for a rare query, one seen too seldom in
    the sample, or a rate that would need more than ``window`` rows.
    """
    found = query_terms(query)
    sample = COMMON_SAMPLE if sample is None else sample
    window = COMMON_WINDOW if window is None else window
    if not found or sample <= 0:
        return False
    tsquery = cast(bindparam("common_terms", value=_tsquery(found), type_=Text), TSQUERY)

    def matches_in_newest(rows: int) -> int:
        newest = select(ArticleSearch.terms).order_by(ArticleSearch.article_id.desc()).limit(rows).subquery()
        held = select(newest.c.terms).where(newest.c.terms.op("@@")(tsquery)).limit(limit + 1).subquery()
        return int(session.scalar(select(func.count()).select_from(held)) or 0)

    seen = matches_in_newest(sample)
    if seen > limit:
        return True
    if not seen:
        return False
    needed = math.ceil((limit + 1) * sample / seen * 1.5)
    return needed <= window and matches_in_newest(needed) > limit


def articles_holding(session: Session, query: str, limit: int) -> list[int] | None:
    """The ids of the articles whose title or text hold every term of ``query``, if at most ``limit`` do.

    None when more do (the caller scans instead: a common word narrows
    nothing) or when the query has no term to look up.  Every article whose
    title or text contains ``query`` is among them (its terms are the
    query's), so a filter may use them to narrow before a substring test.
    """
    return _holding(session, query, limit, FTS_TABLE, ArticleSearch.article_id, ArticleSearch.terms)


def index_events(session: Session, entries: Sequence[tuple[int, str | None, str | None]]) -> None:
    """Index new events as (event id, article title, evidence sentence), in the transaction that files them."""
    values = [
        {"id": event_id, "terms": " ".join(document_terms(title, evidence))} for event_id, title, evidence in entries
    ]
    if not values:
        return
    if _is_sqlite(session):
        session.execute(text(f"INSERT INTO {EVENT_FTS_TABLE}(rowid, terms) VALUES (:id, :terms)"), values)
    else:
        session.execute(
            insert(EventSearch).values(event_id=bindparam("id"), terms=cast(bindparam("terms", type_=Text), TSVECTOR)),
            values,
        )


def events_holding(session: Session, query: str, limit: int) -> list[int] | None:
    """The ids of the events whose title or evidence hold every term of ``query``, if at most ``limit`` do.

    As ``articles_holding``, over each event's own title and sentence: every
    event whose title or evidence contains ``query`` is among them, so the
    Events page's free text reads only these, not every event newest first.
    """
    return _holding(session, query, limit, EVENT_FTS_TABLE, EventSearch.event_id, EventSearch.terms)


def _holding(
    session: Session,
    query: str,
    limit: int,
    fts_table: str,
    row_id: InstrumentedAttribute[int],
    terms_column: InstrumentedAttribute[Any],
) -> list[int] | None:
    """``articles_holding`` and ``events_holding`` over one index: its FTS5 table, or its tsvector column."""
    terms = query_terms(query)
    if not terms:
        return None
    if _is_sqlite(session):
        statement = text(f"SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH :q LIMIT :limit")
        ids = list(session.scalars(statement, {"q": _fts5_query(terms), "limit": limit + 1}))
    else:
        tsquery = cast(bindparam("q", type_=Text), TSQUERY)
        found = select(row_id).where(terms_column.op("@@")(tsquery)).limit(limit + 1)
        ids = list(session.scalars(found, {"q": _tsquery(terms)}))
    return ids if len(ids) <= limit else None


def events_matching(query: str) -> Select[int] | None:
    """PostgreSQL: the ids of the events whose terms hold every term of ``query``, as a subquery (None: no term).

    For a text too common for ``events_holding`` to list: the GIN index still
    gives the candidates in one bitmap, and the page sorts those instead of
    testing every event newest first (1.4-2.9 s p95 at 1M articles).
    """
    terms = query_terms(query)
    if not terms:
        return None
    tsquery = cast(bindparam("event_terms", value=_tsquery(terms), type_=Text), TSQUERY)
    return select(EventSearch.event_id).where(EventSearch.terms.op("@@")(tsquery))


def holds_terms(terms: ColumnElement[Any], query: str) -> ColumnElement[bool] | None:
    """PostgreSQL: whether ``terms`` (a tsvector expression) holds every term of ``query`` (None: no term).

    For a test of one row at a time, where ``events_matching`` would read every match from the GIN index.
    """
    found = query_terms(query)
    if not found:
        return None
    return terms.op("@@")(cast(bindparam("held_terms", value=_tsquery(found), type_=Text), TSQUERY))


def snippet(value: str, query: str, radius: int = SNIPPET_RADIUS) -> list[tuple[str, bool]]:
    """The part of ``value`` around the first place the query's text occurs, cut into (piece, is-hit) pieces.

    Occurrences are found on the normalised text (full-width and case
    ignored), character by character so the pieces are the original text.
    """
    folded = [unicodedata.normalize("NFKC", char).casefold() for char in value]
    starts = [0]
    for piece in folded:
        starts.append(starts[-1] + len(piece))
    flat = "".join(folded)
    to_char = {position: index for index, position in enumerate(starts)}
    # The words as typed first (1.5亿元 whole); their runs of units only when a word is not there as typed.
    spans: list[tuple[int, int]] = []
    for word in normalise(query).split():
        found = _spans(flat, [word], to_char)
        spans += found or _spans(flat, ["".join(run) for run in _runs(word)], to_char)
    if not spans:
        return [(value[: 2 * radius], False)] if value else []
    first_begin, first_end = min(spans)
    window_start = max(0, first_begin - radius)
    window_end = min(len(value), first_end + radius)
    pieces: list[tuple[str, bool]] = []
    cursor = window_start
    for begin, end in sorted(spans):
        if begin < cursor or begin >= window_end:
            continue
        if begin > cursor:
            pieces.append((value[cursor:begin], False))
        end = min(end, window_end)
        pieces.append((value[begin:end], True))
        cursor = end
    if cursor < window_end:
        pieces.append((value[cursor:window_end], False))
    return pieces


def _spans(flat: str, needles: list[str], to_char: dict[int, int]) -> list[tuple[int, int]]:
    spans = []
    for needle in needles:
        for found in re.finditer(re.escape(needle), flat):
            begin, end = to_char.get(found.start()), to_char.get(found.end())
            if begin is not None and end is not None:
                spans.append((begin, end))
    return spans


def search(session: Session, query: str, *, limit: int = 20, offset: int = 0) -> SearchPage:
    """Articles containing every term of ``query``, best first, each with a snippet of where."""
    ids, total, ranked = matching_ids(session, query, limit=limit, offset=offset)
    rows = {
        article_id: (title, body)
        for article_id, title, body in session.execute(
            select(Article.id, Article.title, Article.clean_text).where(Article.id.in_(ids))
        )
    }
    hits = []
    for article_id in ids:
        if article_id not in rows:
            continue  # deleted since: its FTS5 entry outlives it until a reindex
        title, body = rows[article_id]
        hits.append(SearchHit(article_id, title, snippet(body or "", query)))
    return SearchPage(query, hits, total, offset, limit, ranked)


def reindex(session: Session, *, batch: int = 2000) -> int:
    """Rebuild the whole index from the articles' titles and texts (the backfill); how many were indexed."""
    if _is_sqlite(session):
        session.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')"))
    session.execute(delete(ArticleSearch))
    done = 0
    last = 0
    while True:
        rows = session.execute(
            select(Article.id, Article.title, Article.clean_text)
            .where(Article.id > last)
            .order_by(Article.id)
            .limit(batch)
        ).all()
        if not rows:
            return done
        write_entries(session, [(article_id, title, body) for article_id, title, body in rows], replace=False)
        done += len(rows)
        last = rows[-1][0]
