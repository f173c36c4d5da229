"""Settings: one TOML file plus the environment, checked into typed dataclasses.

The file is found by ``--config FILE``, then ``$SIGNWATCH_CONFIG``, then
``./signwatch.toml``; with none of them the embedded defaults apply (SQLite and
the archive under ``./signwatch-data/``).  ``$SIGNWATCH_DATABASE_URL``
overrides the database URL.

Every setting says, beside its default, which values it may take and why
(``allowed(range, why)`` in its field's metadata, in ``settings``;
``setting_ranges()`` prints them as one table of key, range and reason).
Loading checks all of it, for every command: the types; each value against
its range (a ``max_page_bytes`` of 0 would be no limit at all to Scrapy, a
``max_attempts`` of 0 fails every alert unsent); URLs, patterns, selectors,
schedules, the time zone and the subscriptions' kinds, digest times and
Apprise URLs; and the rules across keys (a start URL outside
``allowed_domains``, two sources of one name).  Each problem is one line
naming the file, the key and what is wrong.  ``read_config`` collects every
one (``signwatch sources check`` prints them all); ``load_settings`` raises
the first as a ConfigError saying how many more there are.

The validator is hand-written rather than a pydantic model: the dataclasses
already are the typed model and every module imports them; the messages are
this project's one-line format (the file, the key as the file spells it, the
entry's name), which pydantic's errors would have to be rewritten into; TOML
values must never be coerced ('1' is not 1, 1 is not true), pydantic's
default; and it adds no dependency to lock and no import time to every
command.

A subscription's ``kinds``, its ``digest`` time and its ``url`` (each URL one
Apprise can use, shown masked when it cannot; each other part an existing
Apprise config file; "" only with a ``tag``, and a tag only with
``alerts.apprise_config``) are checked here too, by the grammars
monitor.alerts goes by: both import them from ``monitor.subscription_terms``.
What is checked only where it is first used: whether Apprise finds a service
in an Apprise config file (it reads the file: when the subscriptions are
synced, monitor.alerts.subscriptions), whether a place is a division the
gazetteer knows (monitor.alerts.filters, on sync), and which fields an alert
template names (monitor.alerts.render; here only that it is a template at
all).

A renamed table is still read under its old name for a while (``[cluster]``,
now ``[workers]``, until signwatch 0.3); loading never prints anything, it
leaves one line per old name in ``Settings.notices`` for the entry point to
report, as it reports a ConfigError (``signwatch: warning: …``).

The modules: ``ranges`` (what one value may be), ``settings`` (the tables,
each field with its range), ``checks`` (values against ranges, rules across
keys), ``reading`` (file and environment into settings, every problem
collected).  Import from here: the names below are the package's.
"""

from __future__ import annotations

from monitor.config.checks import setting_ranges, source_problems, value_problems
from monitor.config.reading import (
    CONFIG_ENV,
    DATABASE_URL_ENV,
    DEFAULT_CONFIG_NAME,
    RENAMED_TABLES,
    RENAMED_UNTIL,
    ConfigReading,
    find_config,
    load_settings,
    read_config,
    read_toml,
)
from monitor.config.settings import (
    DEFAULT_DATA_DIR,
    AlertSettings,
    ArchiveSettings,
    CrawlerSettings,
    DatabaseSettings,
    Settings,
    SourceSettings,
    SubscriptionSettings,
    WorkbenchSettings,
    WorkersSettings,
)

__all__ = [
    "CONFIG_ENV",
    "DATABASE_URL_ENV",
    "DEFAULT_CONFIG_NAME",
    "DEFAULT_DATA_DIR",
    "RENAMED_TABLES",
    "RENAMED_UNTIL",
    "AlertSettings",
    "ArchiveSettings",
    "ConfigReading",
    "CrawlerSettings",
    "DatabaseSettings",
    "Settings",
    "SourceSettings",
    "SubscriptionSettings",
    "WorkbenchSettings",
    "WorkersSettings",
    "find_config",
    "load_settings",
    "read_config",
    "read_toml",
    "setting_ranges",
    "source_problems",
    "value_problems",
]
