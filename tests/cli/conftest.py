"""What the command-line tests share: the real ``signwatch`` command, its output piped, and a small mirror."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.demo.mirror.server import MirrorServer
from tests.command import run_signwatch

ROOT = Path(__file__).resolve().parents[2]

# A log line as monitor.logs writes it: time, level, logger, message.
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} (DEBUG|INFO|WARNING|ERROR|CRITICAL) [\w.]+: \S")


def signwatch(*args: str, cwd: Path, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """Run ``python -m monitor ARGS`` to completion, stdout and stderr to pipes (never a terminal)."""
    # A wide terminal must not matter: the output is not one.
    return run_signwatch(*args, cwd=cwd, timeout=timeout, env={"COLUMNS": "80"})


def one_error(result: subprocess.CompletedProcess[str]) -> str:
    """The one line a mistake prints (status 2, nothing on stdout, no traceback)."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def mirror() -> Iterator[MirrorServer]:
    """A small mirror (two generated articles per site) on 127.0.0.1."""
    with MirrorServer(2) as server:
        yield server
