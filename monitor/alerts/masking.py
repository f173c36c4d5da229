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
a small price next to a token shown whole.  One URL is masked by
``monitor.subscription_terms.mask_url``, which the config uses too (a bad URL
in the config file is refused masked, when the file is loaded).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

from monitor.subscription_terms import is_url, mask_url, target_urls

_MIN_SECRET = 4  # shorter pieces (ports, "0", "yes") are not worth hiding and would mangle text


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
