"""Keeping secrets out of sight: Apprise targets as its privacy mode prints them.

An Apprise URL carries tokens and passwords (``tgram://BOTTOKEN/CHAT``).
Anything signwatch prints about a subscription - lists, JSON, logs, errors -
goes through ``mask_target``; error text from a delivery goes through
``scrub`` so a service echoing our URL back cannot leak it either.

Apprise's privacy mode hides the secrets each plugin declares, but a plain
webhook (``json://``, ``jsons://``, ``xml://``, ``form://`` …) declares
none, and its path is often the whole secret (``json://host/SECRETPATH``).
So after Apprise, every path piece Apprise left readable is masked too, the
way Apprise masks its own (``S...H``): a channel or chat id shown masked is
a small price next to a token shown whole.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

import apprise

# Targets are one or more URLs separated by whitespace or commas (Apprise's own rule).
_SPLIT = re.compile(r"[\s,]+")
_MIN_SECRET = 4  # shorter pieces (ports, "0", "yes") are not worth hiding and would mangle text
_ENDS_SHOWN_FROM = 4  # a shorter path piece shown by its two ends would be shown nearly whole
# What Apprise's privacy modes leave in place of a secret: "a...z", "...wxyz", "****".
_MASKED = re.compile(r".?\.\.\..{0,4}|\*{4}")


def target_urls(target: str) -> list[str]:
    """The separate URLs in a subscription target."""
    return [part for part in _SPLIT.split(target.strip()) if part]


def is_url(text: str) -> bool:
    """Whether ``text`` looks like a URL (``scheme://``) rather than a file path."""
    return "://" in text


def mask_url(url: str) -> str:
    """One Apprise URL as Apprise prints it in privacy mode; a placeholder if Apprise cannot read it."""
    plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        scheme = url.split("://", 1)[0] if is_url(url) else ""
        return f"{scheme}://<unreadable URL>" if scheme else "<unreadable URL>"
    masked: str = plugin.url(privacy=True)  # type: ignore[no-untyped-call]
    # Apprise appends every default option; they are noise on a phone-sized list.
    return mask_path(masked.split("?", 1)[0])


def mask_path(url: str) -> str:
    """``url`` with every path piece not masked yet shown as ``f...l`` (``json://host/h...s/S...N``)."""
    scheme, found, rest = url.partition("://")
    if not found:
        return url
    netloc, slash, path = rest.partition("/")
    if not slash:
        return url
    return f"{scheme}://{netloc}/" + "/".join(_mask_piece(piece) for piece in path.split("/"))


def _mask_piece(piece: str) -> str:
    """One path piece masked as Apprise masks (first and last character), unless empty or masked already."""
    text = unquote(piece)
    if not text or _MASKED.fullmatch(text):
        return piece
    if len(text) < _ENDS_SHOWN_FROM:
        return "****"
    return f"{text[0]}...{text[-1]}"


def mask_target(target: str, tag: str | None = None) -> str:
    """A subscription target fit to print: URLs masked, config file paths as they are."""
    shown = [mask_url(part) if is_url(part) else part for part in target_urls(target)]
    text = ", ".join(shown)
    if tag:
        text = f"{text} [tag {tag}]" if text else f"[tag {tag}]"
    return text


def secrets_of(target: str) -> list[str]:
    """The pieces of a target's URLs that may be secret (user info, path, query values)."""
    pieces: list[str] = []
    for url in target_urls(target):
        if not is_url(url):
            continue
        pieces.append(url)
        try:
            parts = urlsplit(url)
        except ValueError:
            continue
        # Tokens sit in user info, host, port or path of service URLs
        # (tgram://BOT:TOKEN/CHAT), so every piece of them counts.
        pieces.extend(unquote(p) for p in re.split(r"[:@]", parts.netloc))
        pieces.extend(unquote(p) for p in parts.path.split("/"))
        pieces.extend(value for _key, value in parse_qsl(parts.query))
    unique = {p for p in pieces if len(p) >= _MIN_SECRET and p not in {"127.0.0.1", "localhost"}}
    # Longest first, so a URL is hidden whole before its parts are.
    return sorted(unique, key=len, reverse=True)


def scrub(text: str, target: str) -> str:
    """``text`` with every secret of ``target`` replaced by ``****``."""
    for secret in secrets_of(target):
        text = text.replace(secret, "****")
    return text
