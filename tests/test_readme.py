"""The README's examples run: its config loads, its commands exist, its test command is CI's."""

from __future__ import annotations

import re
from pathlib import Path

from monitor.cli import app
from monitor.config import load_settings

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
