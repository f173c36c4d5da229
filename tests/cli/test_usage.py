"""Usage mistakes are one ``signwatch: error:`` line and status 2; ``--version``; switches are flags."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

import monitor
from monitor.cli import loaded_app
from tests.cli.conftest import ROOT, one_error, signwatch

app = loaded_app()  # every command registered, as `signwatch --help` shows them

# (command line, the one line on stderr): Click's mistakes and ours, said alike.
USAGE_ERRORS = [
    (
        ["articles", "--bogus"],
        "signwatch: error: articles: no such option: --bogus (see signwatch articles --help)",
    ),
    (["nosuch"], "signwatch: error: no such command 'nosuch' (see signwatch --help)"),
    (["--bogus"], "signwatch: error: no such option: --bogus (see signwatch --help)"),
    (
        ["articles", "--limit", "-5"],
        "signwatch: error: articles: invalid value for '--limit' / '-n': "
        "Input should be greater than or equal to 1 (see signwatch articles --help)",
    ),
    (
        ["events", "--limit", "many"],
        "signwatch: error: events: invalid value for '--limit': "
        "Input should be a valid integer, unable to parse string as an integer (see signwatch events --help)",
    ),
    (
        ["articles", "--json", "true"],
        "signwatch: error: articles: got unexpected extra argument(s) (true) (see signwatch articles --help)",
    ),
    (
        ["sources", "check", "--fix"],
        "signwatch: error: sources check: no such option: --fix (see signwatch sources check --help)",
    ),
    (
        ["worker", "--log-level", "loud"],
        "signwatch: error: --log-level 'loud': use one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
    ),
    (["crawl", "--all", "x"], "signwatch: error: give source names or --all, not both"),
]


@pytest.mark.parametrize(("args", "line"), USAGE_ERRORS, ids=[" ".join(args) for args, _ in USAGE_ERRORS])
def test_usage_error_is_one_line_and_status_2(tmp_path: Path, args: list[str], line: str) -> None:
    assert one_error(signwatch(*args, cwd=tmp_path)) == line


def test_version(tmp_path: Path) -> None:
    result = signwatch("--version", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"signwatch {monitor.__version__}\n", "")


def test_a_bare_group_prints_its_help(tmp_path: Path) -> None:
    result = signwatch("db", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr == ""
    assert result.stdout.startswith("Usage: signwatch db [OPTIONS] COMMAND [ARGS]...\n")
    assert "upgrade" in result.stdout


def test_help_names_flags_as_flags(tmp_path: Path) -> None:
    result = signwatch("articles", "--help", cwd=tmp_path)
    assert result.returncode == 0
    options = [line.split() for line in result.stdout.splitlines() if line.strip().startswith("--json")]
    assert options == [["--json", "Print", "a", "JSON", "list."]]


def _commands() -> Iterator[tuple[str, Any, Any]]:
    """Every command and group of the app, with a context to render its help."""

    def walk(command: Any, context: Any, path: str) -> Iterator[tuple[str, Any, Any]]:
        yield path, command, context
        for name, sub in (getattr(command, "commands", None) or {}).items():
            yield from walk(sub, sub.make_context(name, [], parent=context, resilient_parsing=True), f"{path} {name}")

    root = typer.main.get_command(app)
    yield from walk(root, root.make_context("signwatch", [], resilient_parsing=True), "signwatch")


def test_every_switch_is_a_flag() -> None:
    """``--json`` (and every other yes/no option) takes no value, and no help shows it taking one."""
    switches = 0
    for path, command, context in _commands():
        assert "<bool>" not in command.get_help(context), path
        for param in command.params:
            if isinstance(param.default, bool):
                assert param.is_flag, (path, param.opts)
                switches += 1
        json_options = [p for p in command.params if "--json" in p.opts]
        assert all(p.is_flag for p in json_options), path
    assert switches >= 20


def test_output_cut_short_by_a_closed_pipe_is_no_traceback(tmp_path: Path) -> None:
    """``signwatch clean big.txt | head -1``: the reader leaves early, the command ends quietly."""
    page = tmp_path / "big.txt"
    page.write_text("标题\n" + "\n".join(f"第{n}段,宝山区举行重大项目集中签约仪式。" * 20 for n in range(400)), "utf-8")
    environment = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    with subprocess.Popen(
        [sys.executable, "-m", "monitor", "clean", str(page)],
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        assert child.stdout.readline().endswith(b"\n")
        child.stdout.close()  # what `head -1` does after its line
        errors = child.stderr.read().decode()
        status = child.wait(timeout=120)
    assert errors == "" and status == 1  # as Click ends a command whose reader left
