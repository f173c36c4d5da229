"""Subscriptions: who follows which events, checked by Apprise before they are saved.

A subscription's target is one or more Apprise URLs, an Apprise config file
(YAML or text), or only a tag that picks entries of the configured
``alerts.apprise_config`` file.  ``check_target`` asks Apprise to read it;
anything Apprise cannot use is refused with a one-line InputError that shows
the target masked, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import apprise
from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.alerts.filters import parse_min_amount, place_terms
from monitor.alerts.masking import mask_target
from monitor.config import SubscriptionSettings
from monitor.errors import ConfigError, InputError
from monitor.store.alert_models import Subscription
from monitor.subscription_terms import check_kinds, check_stages, is_url, parse_digest, part_problem, target_urls


@dataclass(frozen=True)
class SubscriptionSpec:
    """A subscription as the user writes it (command line or config file)."""

    name: str
    target: str
    tag: str | None = None
    places: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    min_amount: str | float | None = None
    digest: str | None = None
    origin: str = "cli"
    extra: dict[str, Any] = field(default_factory=dict)


def build_apprise(target: str, tag: str | None, apprise_config: str = "") -> apprise.Apprise:
    """An Apprise object holding a subscription's services (empty when none could be read)."""
    notifier = apprise.Apprise()
    parts = target_urls(target)
    if not parts and tag and apprise_config:
        parts = [apprise_config]
    for part in parts:
        if is_url(part):
            notifier.add(part)
        else:
            config = apprise.AppriseConfig()
            config.add(str(Path(part).expanduser()))
            notifier.add(config)
    return notifier


def check_target(target: str, tag: str | None, apprise_config: str = "") -> None:
    """Refuse a target Apprise cannot deliver to (InputError, the target masked)."""
    parts = target_urls(target)
    if not parts and not tag:
        raise InputError("a subscription needs an Apprise URL, an Apprise config file or a --tag")
    if not parts and not apprise_config:
        raise InputError(f"tag {tag!r} needs alerts.apprise_config (an Apprise config file) in the config")
    for part in parts or [apprise_config]:
        problem = part_problem(part)
        if problem:
            raise InputError(problem)
    notifier = build_apprise(target, tag, apprise_config)
    services = list(notifier.find(tag)) if tag else list(notifier)
    if not services:
        what = mask_target(target, tag) or apprise_config
        raise InputError(f"Apprise finds no service to notify in {what}")


def _normalise(spec: SubscriptionSpec, apprise_config: str) -> Subscription:
    name = spec.name.strip()
    if not name or len(name) > 200:
        raise InputError("a subscription name must be 1-200 characters")
    check_target(spec.target, spec.tag, apprise_config)
    digest = spec.digest.strip() if spec.digest else None
    if digest:
        parse_digest(digest)
    stages = check_stages(spec.stages)
    kinds = check_kinds(spec.kinds)
    if stages and not kinds:
        # "tell me when it breaks ground" asks for that alone, not every signing besides
        kinds = ["stage"]
    return Subscription(
        name=name,
        target=spec.target.strip(),
        tag=spec.tag or None,
        places=[place_terms(p).text for p in spec.places],
        kinds=kinds,
        stages=stages,
        keywords=[k.strip() for k in spec.keywords if k.strip()],
        min_amount=parse_min_amount(spec.min_amount),
        digest=digest,
        origin=spec.origin,
    )


def default_name(session: Session, target: str, tag: str | None) -> str:
    """A name for a subscription added without ``--name``: its service and a number."""
    urls = target_urls(target)
    stem = urls[0].split("://", 1)[0] if urls and is_url(urls[0]) else (tag or "apprise")
    taken = set(session.scalars(select(Subscription.name)))
    number = 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


def add_subscription(session: Session, spec: SubscriptionSpec, apprise_config: str = "") -> Subscription:
    """Validate and save a subscription; InputError (nothing saved) when anything is wrong."""
    row = _normalise(spec, apprise_config)
    if session.scalar(select(Subscription.id).where(Subscription.name == row.name)) is not None:
        raise InputError(f"a subscription called {row.name!r} exists already (remove it first)")
    session.add(row)
    session.flush()
    return row


def remove_subscription(session: Session, name: str) -> bool:
    """Delete the subscription called ``name`` and its queued alerts; False if there is none."""
    row = session.scalar(select(Subscription).where(Subscription.name == name))
    if row is None:
        return False
    session.delete(row)
    return True


def find_subscription(session: Session, name: str) -> Subscription:
    """The subscription called ``name``; InputError naming the known ones otherwise."""
    row = session.scalar(select(Subscription).where(Subscription.name == name))
    if row is None:
        known = ", ".join(session.scalars(select(Subscription.name).order_by(Subscription.name))) or "none"
        raise InputError(f"no subscription called {name!r} (known: {known})")
    return row


def list_subscriptions(session: Session) -> list[Subscription]:
    """Every subscription, by name."""
    return list(session.scalars(select(Subscription).order_by(Subscription.name)))


def describe(row: Subscription) -> dict[str, Any]:
    """A subscription as JSON, its target masked."""
    return {
        "name": row.name,
        "target": mask_target(row.target, row.tag),
        "places": list(row.places),
        "kinds": list(row.kinds),
        "keywords": list(row.keywords),
        "stages": list(row.stages or ()),
        "min_amount": row.min_amount,
        "digest": row.digest,
        "origin": row.origin,
        "enabled": row.enabled,
    }


def spec_from_settings(entry: SubscriptionSettings) -> SubscriptionSpec:
    """The spec of a ``[[subscriptions]]`` entry of the config file."""
    return SubscriptionSpec(
        name=entry.name,
        target=entry.url,
        tag=entry.tag or None,
        places=tuple(entry.places),
        kinds=tuple(entry.kinds),
        keywords=tuple(entry.keywords),
        stages=tuple(entry.stages),
        min_amount=entry.min_amount or None,
        digest=entry.digest or None,
        origin="config",
    )


def sync_config_subscriptions(
    session: Session, entries: Sequence[SubscriptionSettings], apprise_config: str = "", *, apply: bool = True
) -> list[str]:
    """Make the table's config-file subscriptions equal the ``[[subscriptions]]`` entries.

    A config entry replaces a same-named subscription's settings (keeping its
    queued alerts); config subscriptions no longer in the file are removed.
    Returns the names added or changed.  A bad entry is a ConfigError.
    With ``apply`` false nothing is written: the caller only learns what
    would change (and rolls the session back).
    """
    with session.no_autoflush:
        changed = _sync(session, entries, apprise_config)
    if apply:
        session.flush()
    return changed


def _sync(session: Session, entries: Sequence[SubscriptionSettings], apprise_config: str) -> list[str]:
    """The changes ``sync_config_subscriptions`` makes, staged in the session but not flushed."""
    changed: list[str] = []
    wanted: set[str] = set()
    for index, entry in enumerate(entries):
        try:
            fresh = _normalise(spec_from_settings(entry), apprise_config)
        except InputError as error:
            raise ConfigError(f"subscriptions[{index}] ({entry.name}): {error}") from None
        wanted.add(fresh.name)
        row = session.scalar(select(Subscription).where(Subscription.name == fresh.name))
        if row is None:
            session.add(fresh)
            changed.append(fresh.name)
            continue
        before = describe(row), row.target, row.tag
        for column in ("target", "tag", "places", "kinds", "keywords", "stages", "min_amount", "digest", "origin"):
            setattr(row, column, getattr(fresh, column))
        if (describe(row), row.target, row.tag) != before:
            changed.append(row.name)
    for row in session.scalars(select(Subscription).where(Subscription.origin == "config")):
        if row.name not in wanted:
            session.delete(row)
            changed.append(row.name)
    return changed
