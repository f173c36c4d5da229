"""Reading a page's query string: known keys only, each once, each a clean line of text.

A page states the keys it takes; anything else in the query string — an
unknown key (a typo that would silently show everything), a key given twice,
a value that is not valid UTF-8 once decoded, control characters, or a value
longer than any filter needs — is a ``BadQuery``, which the app answers
with a 400 page naming the problem, never a 500.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from urllib.parse import parse_qsl

from monitor.errors import InputError

# Longer than any place, party or search a person types; a bound on work per request.
LONGEST_VALUE = 200
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]")
FORMATS = ("html", "json", "csv", "xlsx")


class BadQuery(InputError):
    """A page's query string cannot be read (raised by monitor.workbench.params and the pages; shown as a 400 page)."""


def read_params(query_string: bytes | str, allowed: Collection[str]) -> dict[str, str]:
    """The query string's values by key; BadQuery for an unknown, repeated, malformed or overlong one.

    Empty values count as absent (a form submitted with an empty field).
    """
    try:
        raw = query_string.decode("utf-8") if isinstance(query_string, bytes) else query_string
        pairs = parse_qsl(raw, keep_blank_values=True, strict_parsing=False, errors="strict", max_num_fields=64)
    except UnicodeDecodeError:
        raise BadQuery("查询字符串不是有效的 UTF-8 (the query string is not valid UTF-8)") from None
    except ValueError:
        raise BadQuery("查询参数过多 (too many query parameters)") from None
    found: dict[str, str] = {}
    for key, value in pairs:
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise BadQuery(f"未知的参数 {key!r} (unknown parameter; this page takes: {known})")
        if key in found:
            raise BadQuery(f"参数 {key!r} 出现了两次 (parameter given twice)")
        if _CONTROL.search(value) or _CONTROL.search(key):
            raise BadQuery(f"参数 {key!r} 含有控制字符或无效字符 (control or invalid characters)")
        if len(value) > LONGEST_VALUE:
            raise BadQuery(f"参数 {key!r} 过长 (longer than {LONGEST_VALUE} characters)")
        found[key] = value.strip()
    return {key: value for key, value in found.items() if value}


def read_format(params: dict[str, str], offered: Collection[str] = FORMATS) -> str:
    """The ``format`` a page is asked in (html when absent); BadQuery for one the page does not offer."""
    wanted = params.get("format", "html")
    if wanted not in offered:
        raise BadQuery(f"未知的格式 {wanted!r} (unknown format; this page offers: {', '.join(offered)})")
    return wanted


# The largest id a BIGINT column holds: past it SQLite's driver overflows and PostgreSQL errs.
LARGEST_ROW_ID = 2**63 - 1


def row_id(path_params: dict[str, object], key: str) -> int:
    """A row id from the path; an id no table can hold is simply not found (404), never a driver's overflow."""
    from starlette.exceptions import HTTPException

    value = path_params[key]
    if not isinstance(value, int) or not 0 < value <= LARGEST_ROW_ID:
        raise HTTPException(404, f"没有编号为 {value} 的记录 (no such id)")
    return value


def read_int(params: dict[str, str], key: str, default: int, low: int, high: int) -> int:
    """An integer parameter within [low, high]; BadQuery for anything else."""
    text = params.get(key)
    if text is None:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise BadQuery(f"参数 {key!r} 必须是 {low} 到 {high} 之间的整数 (must be a whole number from {low} to {high})")
    return int(text)
