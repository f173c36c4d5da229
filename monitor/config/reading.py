"""Reading the config: finding the file, TOML into settings, every problem one line naming file and key.

Reading goes on past a problem (a value of the wrong type keeps its default
so the rest is still read) and collects them all: ``read_config`` returns
every one, ``load_settings`` raises the first as a ConfigError saying how
many more there are.  Problems are listed table by table: the top-level keys
and tables, ``[[subscriptions]]``, then ``[[sources]]`` (the file's, then its
sources_file's), then the environment.
"""

from __future__ import annotations

import os
import tomllib
import types
import typing
from dataclasses import MISSING, dataclass, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from monitor.config.checks import value_problems
from monitor.config.ranges import PATH, database_url_problem
from monitor.config.settings import NOT_IN_FILE, Settings, SourceSettings
from monitor.errors import ConfigError

CONFIG_ENV = "SIGNWATCH_CONFIG"
DATABASE_URL_ENV = "SIGNWATCH_DATABASE_URL"
DEFAULT_CONFIG_NAME = "signwatch.toml"

# Tables renamed, by old name: the old name is read, with a notice, until signwatch 0.3.
RENAMED_TABLES = {"cluster": "workers"}
RENAMED_UNTIL = "0.3"


T = TypeVar("T")


@dataclass(frozen=True)
class ConfigReading:
    """What reading a config found: the settings when it is sound, and every problem, one line each."""

    settings: Settings | None
    problems: tuple[str, ...]


@dataclass(frozen=True)
class _At:
    """Where a value is: the file (or variable), the key as the file spells it, the entry's name."""

    origin: str
    key: str = ""
    tag: str = ""  # " (name)" inside a source or subscription entry

    def child(self, name: str) -> _At:
        return _At(self.origin, f"{self.key}.{name}" if self.key else name, self.tag)

    def item(self, index: int, tag: str | None = None) -> _At:
        return _At(self.origin, f"{self.key}[{index}]", self.tag if tag is None else tag)

    def line(self, problem: str) -> str:
        return f"{self.origin}: {self.key or 'top level'}{self.tag}: {problem}"


class _Bad:
    """The marker of a value that could not be read as its type (its problem is already reported)."""


_BAD = _Bad()


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
    except OSError as error:  # a name too long, a file where a folder should be ...
        raise ConfigError(f"{path}: cannot be read ({error.strerror or error})") from None
    except ValueError:  # a NUL in the name
        raise ConfigError(f"{path!r}: not a file name") from None


def load_settings(explicit: Path | None = None) -> Settings:
    """Load settings from the config file found by ``find_config`` and the environment.

    Any problem is a ConfigError: the first one's line, saying how many more
    there are (``signwatch sources check`` lists them all).
    """
    reading = read_config(explicit)
    if reading.settings is None:
        first, *more = reading.problems
        raise ConfigError(f"{first} (and {len(more)} more: signwatch sources check)" if more else first)
    return reading.settings


def read_config(explicit: Path | None = None) -> ConfigReading:
    """Read and check the config found by ``find_config``, collecting every problem instead of stopping at one."""
    path = find_config(explicit)
    try:
        return _read(path)
    except ConfigError as error:  # the file itself cannot be read: nothing more to find
        return ConfigReading(None, (str(error),))


def _read(path: Path | None) -> ConfigReading:
    raw: dict[str, Any] = read_toml(path) if path is not None else {}
    origin = str(path) if path is not None else "<defaults>"
    top = _At(origin)
    problems: list[str] = []
    if path is not None:
        _rebase_paths(raw, path.resolve().parent)
    entries = _source_entries(raw, path, top, problems)
    renamed = _renamed_tables(raw, top, problems)
    settings = _build(Settings, raw, top, problems)
    sources = _sources(entries, problems)
    db_url = os.environ.get(DATABASE_URL_ENV)
    if db_url:
        problem = database_url_problem(db_url)
        if problem:
            problems.append(f"${DATABASE_URL_ENV}: {problem}")
    if problems or isinstance(settings, _Bad):
        return ConfigReading(None, tuple(problems))
    settings = replace(
        settings,
        **{new: value for new, (value, _notice) in renamed.items()},
        sources=sources,
        path=str(path) if path is not None else "",
        notices=tuple(notice for _value, notice in renamed.values()),
    )
    if db_url:
        settings = replace(settings, database=replace(settings.database, url=db_url))
    return ConfigReading(settings, ())


def _source_entries(raw: dict[str, Any], path: Path | None, top: _At, problems: list[str]) -> list[tuple[_At, Any]]:
    """The raw ``[[sources]]`` of the file and of its sources_file, each with where it is; taken out of ``raw``."""
    entries: list[tuple[_At, Any]] = []
    in_file = raw.pop("sources", [])
    if isinstance(in_file, list):
        entries += [(top.child("sources"), entry) for entry in in_file]
    else:
        problems.append(top.child("sources").line(f"expected a list, got {_kind(in_file)}"))
    sources_file = raw.get("sources_file")
    # A name that is no path (a control character in it) is reported with the other values.
    if path is not None and isinstance(sources_file, str) and sources_file and PATH.problem(sources_file) is None:
        sources_path = Path(sources_file)
        if not sources_path.is_absolute():
            sources_path = path.resolve().parent / sources_path
        try:
            extra = read_toml(sources_path)
        except ConfigError as error:
            problems.append(top.child("sources_file").line(str(error)))
            return entries
        for unknown in sorted(set(extra) - {"sources"}):
            problems.append(f"{sources_path}: unknown key {unknown!r} (a sources file holds only [[sources]])")
        listed = extra.get("sources", [])
        at = _At(str(sources_path), "sources")
        if isinstance(listed, list):
            entries += [(at, entry) for entry in listed]
        else:
            problems.append(at.line(f"expected a list, got {_kind(listed)}"))
    return entries


def _sources(entries: list[tuple[_At, Any]], problems: list[str]) -> list[SourceSettings]:
    """Build every source entry, each numbered within its own file; two of one name is a problem."""
    built: list[SourceSettings] = []
    seen: set[str] = set()
    counts: dict[str, int] = {}
    for at, entry in entries:
        index = counts[at.origin] = counts.get(at.origin, -1) + 1
        name = entry.get("name") if isinstance(entry, dict) else None
        where = at.item(index, f" ({name})" if isinstance(name, str) and name else "")
        source = _build(SourceSettings, entry, where, problems)
        if isinstance(source, _Bad):
            continue
        if source.name in seen:
            problems.append(where.line("duplicate source name"))
        seen.add(source.name)
        built.append(source)
    return built


def _rebase_paths(raw: dict[str, Any], base: Path) -> None:
    """Make relative paths in a config file relative to that file.

    A config must mean the same from any working directory (cron, systemd).
    """
    data_dir = raw.get("data_dir")
    if isinstance(data_dir, str) and data_dir and not Path(data_dir).is_absolute():
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


def _renamed_tables(raw: dict[str, Any], top: _At, problems: list[str]) -> dict[str, tuple[Any, str]]:
    """Take the tables spelled by an old name out of ``raw``: new name -> (built table, notice).

    Each is built under the name the file used, so a problem names the key as
    written.  Old and new name together are a problem.
    """
    hints = typing.get_type_hints(Settings)
    renamed: dict[str, tuple[Any, str]] = {}
    for old, new in RENAMED_TABLES.items():
        if old not in raw:
            continue
        if new in raw:
            raw.pop(old)
            problems.append(
                f"{top.origin}: both [{old}] and [{new}]: [{old}] is the old name of [{new}]; keep [{new}] only"
            )
            continue
        value = _coerce(hints[new], raw.pop(old), top.child(old), problems)
        notice = f"{top.origin}: [{old}] is renamed [{new}]; the old name is read until signwatch {RENAMED_UNTIL}"
        if not isinstance(value, _Bad):
            renamed[new] = (value, notice)
    return renamed


def _build(cls: type[T], raw: Any, at: _At, problems: list[str]) -> T | _Bad:
    """Build dataclass ``cls`` from TOML data, reporting every unknown key, wrong type and value out of range.

    A value of the wrong type leaves its default in place so the rest is
    still checked; the result is ``_BAD`` only when a required key is missing
    or unreadable (and the caller must not use a result when it reported
    anything).
    """
    if not isinstance(raw, dict):
        problems.append(at.line(f"expected a table, got {_kind(raw)}"))
        return _BAD
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in fields(cls) if not f.metadata.get(NOT_IN_FILE)}  # type: ignore[arg-type]
    for name in raw:
        if name not in known:
            problems.append(f"{at.origin}: unknown key {at.child(name).key!r}{at.tag}")
    values: dict[str, Any] = {}
    complete = True
    for name, spec in known.items():
        required = spec.default is MISSING and spec.default_factory is MISSING
        if name in raw:
            value = _coerce(hints[name], raw[name], at.child(name), problems)
            if not isinstance(value, _Bad):
                values[name] = value
                continue
        elif required:
            problems.append(at.line(f"missing required key {name!r}"))
        complete = complete and not required
    if not complete:
        return _BAD
    built = cls(**values)
    for key, problem in value_problems(built):
        problems.append(_At(at.origin, f"{at.key}.{key}" if at.key else key, at.tag).line(problem))
    return built


def _coerce(hint: Any, value: Any, at: _At, problems: list[str]) -> Any:
    """``value`` as type ``hint``, or ``_BAD`` with the problem reported."""
    origin_type = typing.get_origin(hint)
    if origin_type is list:
        (item_type,) = typing.get_args(hint)
        if not isinstance(value, list):
            problems.append(at.line(f"expected a list, got {_kind(value)}"))
            return _BAD
        items = [_coerce(item_type, item, _entry(at, i, item, item_type), problems) for i, item in enumerate(value)]
        return _BAD if any(isinstance(item, _Bad) for item in items) else items
    if origin_type in (typing.Union, types.UnionType):
        for option in typing.get_args(hint):
            scratch: list[str] = []
            coerced = _coerce(option, value, at, scratch)
            if not scratch and not isinstance(coerced, _Bad):
                return coerced
        problems.append(at.line(f"unexpected {_kind(value)}"))
        return _BAD
    if is_dataclass(hint):
        return _build(hint, value, at, problems)  # type: ignore[arg-type]
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in (str, int, float, bool):
        if isinstance(value, hint) and not (hint is int and isinstance(value, bool)):
            return value
        problems.append(at.line(f"expected {_NAMES[hint]}, got {_kind(value)}"))
        return _BAD
    problems.append(at.line("unsupported setting type"))  # pragma: no cover
    return _BAD  # pragma: no cover


def _entry(at: _At, index: int, item: Any, item_type: Any) -> _At:
    """Where item ``index`` of a list is; an entry of a list of tables is also called by its name."""
    name = item.get("name") if is_dataclass(item_type) and isinstance(item, dict) else None
    return at.item(index, f" ({name})" if isinstance(name, str) and name else None)


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
