"""Settings: one TOML file plus the environment, checked into typed dataclasses.

The file is found by ``--config FILE``, then ``$SIGNWATCH_CONFIG``, then
``./signwatch.toml``; with none of them the embedded defaults apply (SQLite and
the archive under ``./signwatch-data/``).  ``$SIGNWATCH_DATABASE_URL``
overrides the database URL.  Any problem becomes one ConfigError line naming
the file, the key and what is wrong.

A renamed table is still read under its old name for a while (``[cluster]``,
now ``[workers]``, until signwatch 0.3); loading never prints anything, it
leaves one line per old name in ``Settings.notices`` for the entry point to
report, as it reports a ConfigError (``signwatch: warning: …``).
"""

from __future__ import annotations

import os
import tomllib
import types
import typing
from dataclasses import MISSING, dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from monitor.errors import ConfigError
from monitor.sites import site_type_names

CONFIG_ENV = "SIGNWATCH_CONFIG"
DATABASE_URL_ENV = "SIGNWATCH_DATABASE_URL"
DEFAULT_CONFIG_NAME = "signwatch.toml"
DEFAULT_DATA_DIR = Path("signwatch-data")

# Tables renamed, by old name: the old name is read, with a notice, until signwatch 0.3.
RENAMED_TABLES = {"cluster": "workers"}
RENAMED_UNTIL = "0.3"

# Field metadata marking a setting signwatch fills in itself, never read from a file.
_NOT_IN_FILE = "signwatch_not_in_file"


@dataclass(frozen=True)
class DatabaseSettings:
    """Where the store lives; empty ``url`` means SQLite in the data directory."""

    url: str = ""
    echo: bool = False


@dataclass(frozen=True)
class ArchiveSettings:
    """Where the content-hash archive lives; empty ``dir`` means ``<data_dir>/archive``."""

    dir: str = ""


@dataclass(frozen=True)
class CrawlerSettings:
    """Politeness and limits shared by every spider."""

    user_agent: str = "signwatch/0.1 (+{contact})"
    contact: str = "https://example.invalid/signwatch"
    obey_robots: bool = True
    download_delay: float = 1.0
    concurrency_per_domain: int = 2
    timeout: float = 30.0
    max_page_bytes: int = 8 * 1024 * 1024
    retries: int = 3
    max_redirects: int = 5
    crawl_timeout: float = 1800.0


@dataclass(frozen=True)
class SourceSettings:
    """One site to watch: which spider type reads it and how often.

    ``schedule`` is an interval (``30m``, ``6h``, ``1d``) or a five-field cron
    expression.  ``revisit_days`` re-checks stored article URLs published
    within that many days (0: never re-check).
    """

    name: str
    type: str
    start_urls: list[str]
    allowed_domains: list[str] = field(default_factory=list)
    schedule: str = "6h"
    page_limit: int = 200
    encoding: str = ""
    enabled: bool = True
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    link_css: str = ""
    link_xpath: str = ""
    article_pattern: str = ""
    revisit_days: int = 0


@dataclass(frozen=True)
class SubscriptionSettings:
    """A subscription declared in the config file (see ``signwatch subscribe``)."""

    name: str
    url: str
    places: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    min_amount: float = 0.0
    keywords: list[str] = field(default_factory=list)
    digest: str = ""
    tag: str = ""


@dataclass(frozen=True)
class AlertSettings:
    """Outbox delivery: retries, backoff, templates and source-health thresholds."""

    max_attempts: int = 6
    backoff_seconds: float = 60.0
    backoff_max_seconds: float = 3600.0
    health_failures: int = 3
    title_template: str = ""
    body_template: str = ""
    # Templates of a digest message: its title, and one line per event.
    digest_title_template: str = ""
    digest_line_template: str = ""
    # How message bodies are marked up: text (Apprise escapes for each
    # service), markdown or html (signwatch escapes web text itself).
    body_format: str = "text"
    # A row being sent is someone's for this long; a dispatcher that died
    # leaves it to be sent again after the lease runs out.
    claim_lease_seconds: float = 300.0
    # Digest times (daily@HH:MM) are read in this time zone.
    timezone: str = "Asia/Shanghai"
    # An Apprise config file whose tags subscriptions may name instead of a URL.
    apprise_config: str = ""
    # No alert for an event older than this by its own date (a reprocess or an
    # import of old articles must not page anyone about 2021).
    max_event_age_days: int = 14


@dataclass(frozen=True)
class WorkersSettings:
    """The ``[workers]`` table, the crawl shared through Redis: empty ``redis_url`` means one host, no Redis.

    ``key_prefix`` names every Redis key of this deployment (two deployments
    can share one Redis).  A run's request fingerprints expire after
    ``seen_ttl_hours``; a worker whose heartbeat is older than
    ``worker_timeout`` seconds is dead and its unfinished requests go back to
    the queue.  (The table was ``[cluster]`` before; the keys in Redis did not
    change with the name, so a running deployment's queue carries on.)
    """

    redis_url: str = ""
    key_prefix: str = "signwatch"
    seen_ttl_hours: float = 48.0
    worker_timeout: float = 30.0


@dataclass(frozen=True)
class Settings:
    """Everything signwatch reads from its config file and environment."""

    data_dir: str = str(DEFAULT_DATA_DIR)
    sources_file: str = ""
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    archive: ArchiveSettings = field(default_factory=ArchiveSettings)
    crawler: CrawlerSettings = field(default_factory=CrawlerSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)
    workers: WorkersSettings = field(default_factory=WorkersSettings)
    sources: list[SourceSettings] = field(default_factory=list)
    subscriptions: list[SubscriptionSettings] = field(default_factory=list)
    path: str = ""  # the file these settings came from ("" for embedded defaults)
    # One line per deprecated spelling the file used, for the entry point to
    # print or log (never a key of the file: see _NOT_IN_FILE).
    notices: tuple[str, ...] = field(default=(), compare=False, metadata={_NOT_IN_FILE: True})

    @property
    def data_path(self) -> Path:
        """The data directory, relative paths taken from the working directory."""
        return Path(self.data_dir)

    @property
    def archive_path(self) -> Path:
        """The archive directory."""
        return Path(self.archive.dir) if self.archive.dir else self.data_path / "archive"

    @property
    def database_url(self) -> str:
        """The SQLAlchemy URL of the store."""
        if self.database.url:
            return self.database.url
        return f"sqlite:///{self.data_path / 'signwatch.db'}"

    def source(self, name: str) -> SourceSettings:
        """The source called ``name``; ConfigError when there is none."""
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources) or "none configured"
        raise ConfigError(f"unknown source {name!r} (known: {known})")


T = TypeVar("T")


def find_config(explicit: Path | None) -> Path | None:
    """The config file to read: explicit, then $SIGNWATCH_CONFIG, then ./signwatch.toml."""
    if explicit is not None:
        return explicit
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        return Path(from_env)
    local = Path(DEFAULT_CONFIG_NAME)
    return local if local.is_file() else None


def read_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file, turning every failure into one ConfigError line."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a directory, not a TOML file") from None
    except PermissionError:
        raise ConfigError(f"{path}: not readable (permission denied)") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None


def load_settings(explicit: Path | None = None) -> Settings:
    """Load settings from the config file found by ``find_config`` and the environment."""
    path = find_config(explicit)
    raw: dict[str, Any] = read_toml(path) if path is not None else {}
    origin = str(path) if path is not None else "<defaults>"
    if path is not None:
        _rebase_paths(raw, path.resolve().parent)
    sources_file = raw.get("sources_file")
    if path is not None and isinstance(sources_file, str) and sources_file:
        sources_path = Path(sources_file)
        if not sources_path.is_absolute():
            sources_path = path.resolve().parent / sources_path
        extra = read_toml(sources_path)
        unknown = set(extra) - {"sources"}
        if unknown:
            raise ConfigError(
                f"{sources_path}: unknown key {sorted(unknown)[0]!r} (a sources file holds only [[sources]])"
            )
        raw["sources"] = [*raw.get("sources", []), *extra.get("sources", [])]
    raw["path"] = str(path) if path is not None else ""
    renamed = _renamed_tables(raw, origin)
    settings = build(Settings, raw, origin, "")
    if renamed:
        settings = replace(
            settings,
            **{new: value for new, (value, _notice) in renamed.items()},
            notices=tuple(notice for _value, notice in renamed.values()),
        )
    db_url = os.environ.get(DATABASE_URL_ENV)
    if db_url:
        settings = _replace_database_url(settings, db_url)
    check_sources(settings.sources, origin)
    return settings


def _rebase_paths(raw: dict[str, Any], base: Path) -> None:
    """Make relative paths in a config file relative to that file.

    A config must mean the same from any working directory (cron, systemd).
    """
    data_dir = raw.get("data_dir")
    if isinstance(data_dir, str) and not Path(data_dir).is_absolute():
        raw["data_dir"] = str(base / data_dir)
    archive = raw.get("archive")
    archive_dir = archive.get("dir") if isinstance(archive, dict) else None
    if (
        isinstance(archive, dict)
        and isinstance(archive_dir, str)
        and archive_dir
        and not Path(archive_dir).is_absolute()
    ):
        archive["dir"] = str(base / archive_dir)


def _renamed_tables(raw: dict[str, Any], origin: str) -> dict[str, tuple[Any, str]]:
    """Take the tables spelled by an old name out of ``raw``: new name -> (built table, notice).

    Each is built under the name the file used, so an error names the key as
    written.  Old and new name together are one ConfigError.
    """
    hints = typing.get_type_hints(Settings)
    renamed: dict[str, tuple[Any, str]] = {}
    for old, new in RENAMED_TABLES.items():
        if old not in raw:
            continue
        if new in raw:
            raise ConfigError(
                f"{origin}: both [{old}] and [{new}]: [{old}] is the old name of [{new}]; keep [{new}] only"
            )
        value = _coerce(hints[new], raw.pop(old), origin, old)
        notice = f"{origin}: [{old}] is renamed [{new}]; the old name is read until signwatch {RENAMED_UNTIL}"
        renamed[new] = (value, notice)
    return renamed


def _replace_database_url(settings: Settings, url: str) -> Settings:
    return replace(settings, database=replace(settings.database, url=url))


def check_sources(sources: list[SourceSettings], origin: str) -> None:
    """Reject sources whose names repeat or whose type no spider handles."""
    seen: set[str] = set()
    for index, source in enumerate(sources):
        where = f"{origin}: sources[{index}] ({source.name})"
        if source.name in seen:
            raise ConfigError(f"{where}: duplicate source name")
        seen.add(source.name)
        if source.type not in site_type_names():
            raise ConfigError(f"{where}: type {source.type!r} is not one of {', '.join(site_type_names())}")


def build(cls: type[T], raw: Any, origin: str, key: str) -> T:
    """Build dataclass ``cls`` from TOML data, checking every key and type."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{origin}: {key or 'top level'}: expected a table, got {_kind(raw)}")
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in fields(cls) if not f.metadata.get(_NOT_IN_FILE)}  # type: ignore[arg-type]
    for name in raw:
        if name not in known:
            where = f"{key}.{name}" if key else name
            raise ConfigError(f"{origin}: unknown key {where!r}")
    values: dict[str, Any] = {}
    for name, spec in known.items():
        where = f"{key}.{name}" if key else name
        if name in raw:
            values[name] = _coerce(hints[name], raw[name], origin, where)
        elif spec.default is MISSING and spec.default_factory is MISSING:
            raise ConfigError(f"{origin}: {key or 'top level'}: missing required key {name!r}")
    return cls(**values)


def _coerce(hint: Any, value: Any, origin: str, where: str) -> Any:
    origin_type = typing.get_origin(hint)
    if origin_type is list:
        (item_type,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise ConfigError(f"{origin}: {where}: expected a list, got {_kind(value)}")
        return [_coerce(item_type, item, origin, f"{where}[{i}]") for i, item in enumerate(value)]
    if origin_type in (typing.Union, types.UnionType):
        for option in typing.get_args(hint):
            try:
                return _coerce(option, value, origin, where)
            except ConfigError:
                continue
        raise ConfigError(f"{origin}: {where}: unexpected {_kind(value)}")
    if is_dataclass(hint):
        return build(hint, value, origin, where)  # type: ignore[arg-type]
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in (str, int, float, bool):
        if isinstance(value, hint) and not (hint is int and isinstance(value, bool)):
            return value
        raise ConfigError(f"{origin}: {where}: expected {_NAMES[hint]}, got {_kind(value)}")
    raise ConfigError(f"{origin}: {where}: unsupported setting type")  # pragma: no cover


_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"string {value!r}"
    return f"{type(value).__name__} {value!r}"
