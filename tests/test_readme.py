"""The README's examples run: its config loads, its commands exist, its test command is CI's."""

from __future__ import annotations

import dataclasses
import re
import tomllib
import typing
from pathlib import Path
from typing import Any

import pytest

from monitor.cli import loaded_app
from monitor.config import Settings, SourceSettings, SubscriptionSettings, load_settings
from monitor.demo.mirror.sources_config import sources_toml

app = loaded_app()  # every command registered, as `signwatch --help` shows them

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    """The README's fenced code blocks in ``language``."""
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_config_example_loads_and_means_what_it_says(tmp_path: Path) -> None:
    workers, example = blocks("toml")
    path = tmp_path / "workers.toml"
    path.write_text(workers, encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.workers.redis_url == "redis://queue.internal:6379/0" and loaded.notices == ()
    path = tmp_path / "signwatch.toml"
    path.write_text(example, encoding="utf-8")
    settings = load_settings(path)
    assert settings.data_path == tmp_path / "signwatch-data"
    assert settings.source("bs-cfw").type == "zblog" and not settings.source("bs-cfw").enabled
    assert settings.subscriptions[0].places == ["上海市"]
    assert settings.crawler.crawl_timeout == 1800.0


def config_block() -> str:
    """The README's block of every configuration key."""
    return blocks("toml")[1]


# Tables of the config file and the settings class each is read into.
TABLES = {name: hint for name, hint in typing.get_type_hints(Settings).items() if dataclasses.is_dataclass(hint)}
ENTRIES = {"sources": SourceSettings, "subscriptions": SubscriptionSettings}
# Fields of Settings that are not keys of a file: signwatch fills them in.
NOT_KEYS = {"path", "notices"}


def keys_of(cls: Any) -> set[str]:
    """The keys a config file may give for ``cls``."""
    return {f.name for f in dataclasses.fields(cls)} - NOT_KEYS


def test_config_block_holds_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The block, loaded, is what a file that says nothing gives: a README default that is not the code's fails."""
    monkeypatch.delenv("SIGNWATCH_DATABASE_URL", raising=False)
    # In the config's folder, where a written data_dir and the default one meet.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "readme.toml").write_text(config_block(), encoding="utf-8")
    (tmp_path / "empty.toml").write_text("", encoding="utf-8")
    readme, defaults = load_settings(tmp_path / "readme.toml"), load_settings(tmp_path / "empty.toml")
    assert readme.data_path.resolve() == defaults.data_path.resolve() == tmp_path / "signwatch-data"
    assert readme.sources_file == defaults.sources_file
    for table in TABLES:
        assert getattr(readme, table) == getattr(defaults, table), table


def test_a_file_without_data_dir_uses_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the README says of data_dir's place: written, next to the file; left out, the working directory."""
    (tmp_path / "etc").mkdir()
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    (tmp_path / "etc" / "empty.toml").write_text("", encoding="utf-8")
    (tmp_path / "etc" / "written.toml").write_text('data_dir = "signwatch-data"\n', encoding="utf-8")
    assert load_settings(tmp_path / "etc" / "empty.toml").data_path.resolve() == tmp_path / "work" / "signwatch-data"
    assert load_settings(tmp_path / "etc" / "written.toml").data_path == tmp_path / "etc" / "signwatch-data"
    assert "**working directory**" in README.split("## Configuration", 1)[1]


def test_config_block_lists_every_key() -> None:
    document = tomllib.loads(config_block())
    assert set(document) == keys_of(Settings)
    for table, cls in TABLES.items():
        assert set(document[table]) == keys_of(cls), table
    for entry, cls in ENTRIES.items():
        assert set(document[entry][0]) == keys_of(cls), entry


def test_keys_the_examples_use_are_documented(tmp_path: Path) -> None:
    documented = tomllib.loads(config_block())
    # The config `signwatch mirror --sources-out` writes, trouble site included.
    mirror = sources_toml("http://127.0.0.1:8800", "127.0.0.1", tmp_path, include_trouble=True)
    examples = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples").glob("*.toml"))]
    for text in [mirror, *examples]:
        used = tomllib.loads(text)
        for key, value in used.items():
            assert key in documented, key
            entries = value if isinstance(value, list) else [value]
            for entry in entries:
                if isinstance(entry, dict):
                    known = documented[key][0] if isinstance(documented[key], list) else documented[key]
                    assert set(entry) <= set(known), (key, set(entry) - set(known))


def toml_literal(value: Any) -> str:
    """How a default is written in TOML: true, 0, 0.0, "", []."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


def test_example_entries_say_where_they_leave_the_defaults() -> None:
    """In the example source and subscription, a value that is not the default names the default."""
    section = ""
    checked = 0
    for line in config_block().splitlines():
        header = re.match(r"^\[\[(\w+)\]\]$", line) or re.match(r"^\[(\w+)\]$", line)
        if header:
            section = header.group(1)
            continue
        written = re.match(r"^(\w+) = (.+?)(?:\s+# (.*))?$", line)
        if section not in ENTRIES or not written:
            continue
        key, value, comment = written.group(1), tomllib.loads(f"v = {written.group(2)}")["v"], written.group(3) or ""
        field = next(f for f in dataclasses.fields(ENTRIES[section]) if f.name == key)
        if field.default is not dataclasses.MISSING:
            default: Any = field.default
        elif field.default_factory is not dataclasses.MISSING:
            default = field.default_factory()
        else:
            assert comment.startswith("required"), (section, key)
            continue
        checked += 1
        if value != default:
            assert f"default {toml_literal(default)}" in comment, (section, key, comment)
    assert checked >= 10


def test_every_command_is_documented() -> None:
    import typer.main

    command = typer.main.get_command(app)
    names = set(command.commands)  # type: ignore[attr-defined]
    documented = set(re.findall(r"`signwatch ([a-z]+)", README))
    assert names <= documented, names - documented


def test_ci_runs_the_readme_test_command() -> None:
    test_command = blocks("sh")[1].strip()
    assert "pytest" in test_command
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_python_example_prints_what_the_readme_shows() -> None:
    import contextlib
    import io

    section = README.split("## Using signwatch from Python", 1)[1].split("\n## ", 1)[0]
    code, shown = re.findall(r"```(?:python|text)\n(.*?)```", section, flags=re.S)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    assert printed.getvalue() == shown
