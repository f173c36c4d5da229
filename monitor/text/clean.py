"""The cleaning pipeline: page text or HTML in, CleanArticle out.

Both inputs meet in ``_clean_parts``: lines are re-decoded where they were
decoded wrongly, mojibake is repaired (before pinyin is stripped, because the
damaged spans swallow the ``(`` of the annotation after them), pinyin goes,
OpenCC turns everything Simplified, and only then are chrome rules, the lede
check and metadata applied, so one set of Simplified rules serves every page.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from monitor.errors import InputError
from monitor.sites import site_type as registered_site_type
from monitor.text.article import CleanArticle, Script
from monitor.text.byline import beijing_time, is_meta_line, parse_metadata, split_source_paragraphs, url_date
from monitor.text.censor import has_censor_marks
from monitor.text.chrome import rules_for, strip_chrome
from monitor.text.decoding import decode_page, redecode_text
from monitor.text.lede import drop_repeated_paragraphs
from monitor.text.mojibake import repair_mojibake
from monitor.text.page_kind import LISTING_PAGE
from monitor.text.page_meta import LISTED, META_LINE, RELATIVE, URL_DATE, DateClue, resolve_published
from monitor.text.page_parts import PageParts, extract_page, parse_document
from monitor.text.pinyin import strip_pinyin
from monitor.text.plausible import EMPTY_PAGE, looks_like_text
from monitor.text.recognise import text_site_type
from monitor.text.script import detect_script, to_simplified

# Past this a page is not an article; the rest is cut off and the article flagged.
MAX_PAGE_CHARS = 2_000_000
# Where the title and meta block of page text may start.
_HEADER_SCAN_LINES = 12
_MAX_TITLE = 100


def clean_text(text: str, *, fetched: datetime | None = None, site_type: str | None = None) -> CleanArticle:
    """Clean page text in the seed format (title, meta lines, body) into a CleanArticle."""
    _check_site_type(site_type)
    text, truncated = _bounded(text)
    lines = [line for line in text.splitlines() if line.strip()]
    kind = site_type or text_site_type(lines[:_HEADER_SCAN_LINES])
    return _clean_parts(None, lines, kind, fetched, truncated, find_title=True)


def clean_html(
    page: bytes | str,
    *,
    url: str | None = None,
    fetched: datetime | None = None,
    http_charset: str | None = None,
    site_type: str | None = None,
    listed_published: datetime | None = None,
) -> CleanArticle:
    """Clean an HTML page (bytes as fetched, or text) into a CleanArticle.

    ``url`` lends its date (``t20210826_``, ``/2021/08/26/``) when the page gives
    none; ``listed_published``, the date a feed or listing gave the page, comes
    after every date of the page itself but before a relative one (``3天前``).
    A page that reads as a listing is flagged ``listing-page`` (see ``page_kind``).
    """
    _check_site_type(site_type)
    utf8 = None
    if not isinstance(page, bytes | str):
        raise InputError(f"clean_html needs bytes or str, not {type(page).__name__}")
    if not page or page.isspace():
        return _empty(False, EMPTY_PAGE)
    if isinstance(page, bytes):
        text, codec = decode_page(page, http_charset)
        utf8 = page if codec == "utf-8" else None
    else:
        text = page
    # Bytes that are no text (binary, or a codec nothing reads) would clean into an
    # "article" of replacement and rare characters: flagged, and nothing read.
    if (not_text := looks_like_text(text)) is not None:
        return _empty(False, not_text)
    text, truncated = _bounded(text)
    if truncated:
        utf8 = None  # the bytes hold more than the text cleaned
    parsed = parse_document(text, utf8)
    if parsed.document is None:
        return _empty(truncated, *parsed.flags)
    parts: PageParts = extract_page(parsed.document, site_type, url, page_text=text, page_utf8=utf8)
    # What the metas or the type's source_xpath name comes first, as a meta line, so it is converted like the rest.
    given = [f"来源:{parts.source}" for _ in [1] if parts.source] + [
        f"作者:{parts.author}" for _ in [1] if parts.author
    ]
    meta_lines = [*given, *parts.meta_lines]
    lines = [parts.title or "", *meta_lines, *parts.body_lines]
    clues = list(parts.dates)
    if (from_url := url_date(url)) is not None:
        clues.append(DateClue(URL_DATE, from_url, False))
    if listed_published is not None:
        clues.append(DateClue(LISTED, beijing_time(listed_published), True))
    article = _clean_parts(len(meta_lines), lines, parts.site_type, fetched, truncated, find_title=False, clues=clues)
    flags = (*parsed.flags, *((LISTING_PAGE,) if parts.listing else ()))
    if flags:
        article = replace(article, flags=(*article.flags, *flags))
    return article


def _check_site_type(site_type: str | None) -> None:
    """An unknown site type is an InputError naming the registered ones."""
    if site_type is not None:
        registered_site_type(site_type)


def _bounded(text: str) -> tuple[str, bool]:
    if len(text) > MAX_PAGE_CHARS:
        return text[:MAX_PAGE_CHARS], True
    return text, False


def _empty(truncated: bool, *why: str) -> CleanArticle:
    flags = ("no-body", "truncated") if truncated else ("no-body",)
    return CleanArticle(title=None, paragraphs=(), flags=(*flags, *why))


def _normalise(lines: list[str]) -> tuple[list[str], list[str], list[str], Script]:
    """Re-decode, repair mojibake, strip pinyin and convert to Simplified, line by line."""
    repairs: list[str] = []
    flags: list[str] = []
    text = "\n".join(lines)
    text, redecoded = redecode_text(text)
    if redecoded:
        repairs.append("redecoded")
    text, report = repair_mojibake(text)
    if report.repaired:
        repairs.append("mojibake")
    if report.unrepaired:
        flags.append("mojibake-unrepaired")
    text, stripped = strip_pinyin(text)
    if stripped:
        repairs.append("pinyin")
    simplified = to_simplified(text)
    script = detect_script(text, simplified)
    if simplified != text:
        repairs.append("t2s")
    out = [line.strip(" \t\u3000\xa0") for line in simplified.split("\n")]
    if len(out) != len(lines):
        # Conversion merged or split lines (it should not): fall back to per-line.
        out = [to_simplified(strip_pinyin(line)[0]).strip() for line in lines]
    return out, repairs, flags, script


def _split_text_layout(lines: list[str], rules_kind: str) -> tuple[str | None, list[str], list[str]]:
    """Title, meta lines and body of page text: the title is the line above the first meta line."""
    for index, line in enumerate(lines[:_HEADER_SCAN_LINES]):
        if not line or not is_meta_line(line):
            continue
        title_index = index - 1
        while title_index >= 0 and not lines[title_index]:
            title_index -= 1
        title = lines[title_index] if title_index >= 0 else None
        if title is not None and (len(title) > _MAX_TITLE or is_meta_line(title)):
            title = None
        end = index
        while end < len(lines) and (not lines[end] or _is_header_line(lines[end], rules_kind)):
            end += 1
        return title, lines[index:end], lines[end:]
    return None, [], lines


def _is_header_line(line: str, rules_kind: str) -> bool:
    if is_meta_line(line):
        return True
    kept, _ = strip_chrome([line], rules_for(rules_kind))
    return not kept and len(line) <= 20


def _clean_parts(
    meta_count: int | None,
    lines: list[str],
    site_type: str,
    fetched: datetime | None,
    truncated: bool,
    *,
    find_title: bool,
    clues: list[DateClue] | None = None,
) -> CleanArticle:
    normal, repairs, flags, script = _normalise(lines)
    if find_title:
        title, meta_lines, body = _split_text_layout(normal, site_type)
    else:
        count = meta_count or 0
        title, meta_lines, body = normal[0] or None, normal[1 : 1 + count], normal[1 + count :]
    rules = rules_for(site_type)
    body = [line for line in body if line]
    body, removed = strip_chrome(body, rules)
    if removed:
        repairs.append("chrome")
    body, byline_source = split_source_paragraphs(body)
    body, repeated = drop_repeated_paragraphs(body)
    if repeated:
        repairs.append("lede-dedup")
    metadata = parse_metadata(meta_lines, body, fetched)
    if metadata.source is None and byline_source is not None:
        metadata = replace(metadata, source=byline_source)
    published = metadata.published
    if clues:
        if published is not None:
            rank = RELATIVE if metadata.relative else META_LINE
            clues.append(DateClue(rank, published, (published.hour, published.minute) != (0, 0)))
        published = resolve_published(clues)
    if any(has_censor_marks(paragraph) for paragraph in body):
        flags.append("censored")
    if not body:
        flags.append("no-body")
    if truncated:
        flags.append("truncated")
    return CleanArticle(
        title=title,
        paragraphs=tuple(body),
        published=published,
        source=metadata.source,
        author=metadata.author,
        script=script if body or title else "simplified",
        repairs=tuple(repairs),
        flags=tuple(flags),
    )
