"""What a subscription may say: its alert kinds, its digest time, its Apprise targets (and a target masked).

Two places read subscriptions: the config (monitor.config checks every
``[[subscriptions]]`` entry when the file is loaded, for every command) and
the alerts (monitor.alerts checks ``subscribe add`` and copies the entries
into the store).  The words and grammars both go by are defined here, once;
the config may import nothing else of the alerts.

Pure: of monitor it imports only the errors.  Apprise is imported on first
use (asking whether it can use a URL loads its plugins, most of a second),
so loading a config without subscriptions never pays for it.
"""

from __future__ import annotations

import os
import re
import sys
import warnings
from collections.abc import Iterable
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from monitor.errors import InputError

if TYPE_CHECKING:
    from apprise.plugins.base import NotifyBase

# --- kinds -----------------------------------------------------------------------------

# Every kind of alert, with its name in messages.
KIND_NAMES = {"signing": "签约", "investment": "投资", "health": "源健康", "stage": "项目进展"}
KINDS = tuple(KIND_NAMES)


def kind_problem(kind: str) -> str | None:
    """What keeps ``kind`` from being a kind of alert (case and surrounding spaces aside), or None."""
    return None if kind.strip().lower() in KINDS else f"{kind!r} is not one of {', '.join(KINDS)}"


def check_kinds(kinds: Iterable[str]) -> list[str]:
    """The kinds of a ``--kind`` filter, each one of signing, investment, health (InputError otherwise)."""
    chosen: list[str] = []
    for kind in kinds:
        problem = kind_problem(kind)
        if problem:
            raise InputError(f"--kind {problem}")
        kind = kind.strip().lower()
        if kind not in chosen:
            chosen.append(kind)
    return chosen


# --- project stages --------------------------------------------------------------------

# The stages a project passes (monitor.projects.model.STAGES, which a test keeps equal):
# written out here because the config may import no reading code.
STAGE_NAMES = ("签约", "落地", "开工", "竣工", "投产", "达产")


def stage_problem(stage: str) -> str | None:
    """What keeps ``stage`` from naming a project stage (surrounding spaces aside), or None."""
    return None if stage.strip() in STAGE_NAMES else f"{stage!r} is not one of {', '.join(STAGE_NAMES)}"


def check_stages(stages: Iterable[str]) -> list[str]:
    """The stages of a ``--stage`` filter, each one of 签约 落地 开工 竣工 投产 达产 (InputError otherwise)."""
    chosen: list[str] = []
    for stage in stages:
        problem = stage_problem(stage)
        if problem:
            raise InputError(f"--stage {problem}")
        if stage.strip() not in chosen:
            chosen.append(stage.strip())
    return chosen


# --- digest times ----------------------------------------------------------------------

_DAILY = re.compile(r"^daily@([01]?\d|2[0-3]):([0-5]\d)$")


def digest_problem(spec: str) -> str | None:
    """What keeps ``spec`` from being a ``daily@HH:MM`` digest time, or None."""
    return None if _DAILY.match(spec.strip()) else f"{spec!r} is not daily@HH:MM (e.g. daily@08:30)"


def parse_digest(spec: str) -> time:
    """The time of day of a ``daily@HH:MM`` digest; InputError for anything else."""
    match = _DAILY.match(spec.strip())
    if match is None:
        raise InputError(f"--digest {digest_problem(spec)}")
    return time(int(match.group(1)), int(match.group(2)))


# --- Apprise targets -------------------------------------------------------------------

# Targets are one or more URLs separated by whitespace or commas (Apprise's own rule).
_SPLIT = re.compile(r"[\s,]+")
_ENDS_SHOWN_FROM = 4  # a shorter path piece shown by its two ends would be shown nearly whole
# What Apprise's privacy modes leave in place of a secret: "a...z", "...wxyz", "****".
_MASKED = re.compile(r".?\.\.\..{0,4}|\*{4}")


def target_urls(target: str) -> list[str]:
    """The separate URLs (or Apprise config files) in a subscription target."""
    return [part for part in _SPLIT.split(target.strip()) if part]


def is_url(text: str) -> bool:
    """Whether ``text`` looks like a URL (``scheme://``) rather than a file path."""
    return "://" in text


def quiet_apprise_plugins() -> None:
    """Import imghdr once with its deprecation silenced, before Apprise's plugins load.

    Apprise's e-mail plugin imports imghdr, deprecated since Python 3.11, when
    its plugins load; imported quietly first, that warning never reaches users.
    """
    if sys.version_info < (3, 13):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            import imghdr  # noqa: F401


def _plugin(url: str) -> NotifyBase | None:
    """The Apprise plugin that would serve ``url``, or None when Apprise cannot use it."""
    quiet_apprise_plugins()
    import apprise

    return apprise.Apprise.instantiate(url)


def mask_url(url: str) -> str:
    """One Apprise URL as Apprise prints it in privacy mode; a placeholder if Apprise cannot read it."""
    plugin = _plugin(url)
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


# Set by a command for the crawl child it starts, on a config it has checked (monitor.running.crawl).
TARGETS_CHECKED_BY_PARENT = "SIGNWATCH_TARGETS_CHECKED_BY_PARENT"


def target_problem(target: str) -> str | None:
    """What keeps a target from being Apprise URLs Apprise can use and existing Apprise config files, or None."""
    return next(filter(None, map(part_problem, target_urls(target))), None)


def part_problem(part: str) -> str | None:
    """What keeps one part of a target from being an Apprise URL Apprise can use or an existing file, or None.

    Never repeats a secret: a URL is shown masked, and a part that is no
    URL is named only when it reads as a file path (``tgram:/TOKEN``, one
    slash short of a URL, is not shown).
    """
    if is_url(part):
        # A crawl's child process reads the config its parent command has just checked:
        # asking Apprise again would load every plugin (seconds) for nothing.
        if os.environ.get(TARGETS_CHECKED_BY_PARENT) == "1":
            return None
        if _plugin(part) is None:
            return f"Apprise cannot use {mask_url(part)}: invalid URL or unsupported service"
        return None
    if is_config_file(part):
        return None
    shown = "a part (not shown: it may hold a token)" if any(c in part for c in ":@?") else repr(part)
    return f"{shown} is neither an Apprise URL (scheme://…) nor an existing Apprise config file"


def is_config_file(part: str) -> bool:
    """Whether a target part that is no URL names an existing file (an Apprise config file)."""
    try:
        return Path(part).expanduser().is_file()
    except (OSError, ValueError, RuntimeError):  # a name too long, a NUL, ~nosuchuser
        return False
