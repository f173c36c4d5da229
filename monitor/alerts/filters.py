"""Which alerts a subscription wants: kinds, places, a minimum investment, keywords.

Filters of different kinds must all hold; values of one filter are
alternatives (``--place 上海市 --place 苏州市`` takes either).  A subscription
with no filter at all takes every signing, investment and health alert; one
with event filters but no ``--kind`` takes signings and investments only,
since a source outage has no place or figure to match.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from monitor.alerts.alert_event import AlertEvent
from monitor.errors import InputError
from monitor.events.amounts import find_amounts
from monitor.events.places import gazetteer
from monitor.store.alert_models import Subscription

# Minus signs a user may type before an amount: ASCII, Unicode, full-width, 负.
_MINUS_SIGNS = ("-", "\u2212", "\uff0d", "负")
EVENT_KINDS = ("signing", "investment")


@dataclass(frozen=True)
class PlaceTerms:
    """A place filter: its division names, each of which the event's place must contain."""

    text: str
    names: tuple[frozenset[str], ...]  # per term, the full names it may stand for

    def matches(self, place_names: Iterable[str]) -> bool:
        """Whether a place (its names at each level) lies within this filter."""
        have = set(place_names)
        return all(term & have for term in self.names)


@lru_cache(maxsize=1024)
def place_terms(text: str) -> PlaceTerms:
    """Read a place filter (``上海市``, ``宝山``, ``上海市宝山区``) against the division gazetteer.

    Short names become full ones; a name the gazetteer does not know is an
    InputError, since a typo would otherwise silently match nothing.
    """
    cleaned = "".join(text.split())
    if not cleaned:
        raise InputError("an empty --place matches nothing")
    places = gazetteer()
    mentions = places.mentions(cleaned)
    covered = sum(m.end - m.start for m in mentions)
    if not mentions or covered != len(cleaned):
        raise InputError(f"place {text!r} is not a division signwatch knows (try the full name, e.g. 宝山区)")
    names = tuple(frozenset(d.name for d in m.candidates) for m in mentions)
    # A short name that stands for one division is stored by its full name (上海 → 上海市).
    pairs = zip(names, mentions, strict=True)
    canonical = "".join(next(iter(n)) if len(n) == 1 else cleaned[m.start : m.end] for n, m in pairs)
    return PlaceTerms(canonical, names)


def parse_min_amount(value: str | float | None) -> float | None:
    """A ``--min-amount`` in yuan: a number (``5e9``) or Chinese (``50亿``, ``50亿元``, ``1.5万亿``).

    None or "" is no minimum.  A negative or zero minimum is an InputError:
    the amount reader sees ``-5亿`` as the figure ``5亿`` (a dash is no minus
    sign in Chinese news), so the sign is looked at here first.
    """
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        amount = float(value)
    else:
        text = value.strip().replace(",", "")
        if text.startswith(_MINUS_SIGNS):
            raise InputError(f"--min-amount {value!r} is negative: give a positive amount (e.g. 50亿)")
        try:
            amount = float(text)
        except ValueError:
            found = find_amounts(text if text.endswith("元") else text + "元")
            if len(found) != 1 or found[0].currency != "CNY":
                raise InputError(f"--min-amount {value!r} is not an amount (e.g. 50亿, 5000万元, 5e9)") from None
            amount = float(found[0].value)
    if not math.isfinite(amount):
        raise InputError(f"--min-amount {value!r} is not an amount (e.g. 50亿, 5000万元, 5e9)")
    if amount < 0:
        raise InputError(f"--min-amount {value!r} is negative: give a positive amount (e.g. 50亿)")
    if amount == 0:
        raise InputError(f"--min-amount {value!r} is zero: leave it out for no minimum")
    return amount


def has_event_filters(row: Subscription) -> bool:
    """Whether the subscription narrows events by place, amount or keyword."""
    return bool(row.places or row.keywords or row.min_amount)


def wants_kind(row: Subscription, kind: str) -> bool:
    """Whether the subscription takes alerts of ``kind`` at all."""
    if row.kinds:
        return kind in row.kinds
    if kind == "health":
        return not has_event_filters(row)
    return kind in EVENT_KINDS


def matches(row: Subscription, event: AlertEvent) -> bool:
    """Whether a subscription wants the alert for ``event``."""
    # A signing with an investment figure is an investment alert as well.
    kinds = (event.kind, "investment") if event.investment_amount is not None else (event.kind,)
    if not row.enabled or not any(wants_kind(row, kind) for kind in kinds):
        return False
    if row.places and not any(place_terms(p).matches(event.place_names) for p in row.places):
        return False
    if row.min_amount:
        # only an investment amount is compared: a credit line or a subsidy is no investment
        total = event.total_in_yuan
        if total is None or total < row.min_amount:
            return False
    if row.keywords:
        haystack = event.searchable_text
        if not any(k in haystack for k in row.keywords):
            return False
    return True
