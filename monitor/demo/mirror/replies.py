"""The mirror's HTTP replies before they are written: body bytes, headers, validators, and 304s."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime

from monitor.demo.mirror.templates import SiteStyle


@dataclass(frozen=True)
class Reply:
    """A response before it is written: status, headers and body bytes."""

    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


def text_reply(text: str, content_type: str, status: int = 200) -> Reply:
    """``text`` in UTF-8 with the given Content-Type (no validators)."""
    return Reply(status, text.encode("utf-8"), (("Content-Type", content_type),))


def html_reply(style: SiteStyle, page: str, modified: datetime | None) -> Reply:
    """A page of ``style``'s site: in its encoding and header charset, with an ETag (and Last-Modified if given)."""
    body = page.encode(style.encoding, errors="xmlcharrefreplace")
    content_type = "text/html" + (f"; charset={style.header_charset}" if style.header_charset else "")
    headers = [("Content-Type", content_type), ("ETag", '"' + hashlib.sha1(body).hexdigest()[:16] + '"')]
    if modified is not None:
        headers.append(("Last-Modified", format_datetime(modified.replace(microsecond=0), usegmt=False)))
    return Reply(200, body, tuple(headers))


def conditional(reply: Reply, request_headers: dict[str, str]) -> Reply:
    """Turn ``reply`` into a 304 when the request's validators still match."""
    own = dict(reply.headers)
    validators = tuple((k, v) for k, v in reply.headers if k in ("ETag", "Last-Modified"))
    etag = request_headers.get("if-none-match")
    if etag is not None:
        if own.get("ETag") in {tag.strip() for tag in etag.split(",")}:
            return Reply(304, b"", validators)
        return reply
    since = request_headers.get("if-modified-since")
    if since and "Last-Modified" in own:
        try:
            if parsedate_to_datetime(own["Last-Modified"]) <= parsedate_to_datetime(since):
                return Reply(304, b"", validators)
        except (TypeError, ValueError):
            return reply
    return reply
