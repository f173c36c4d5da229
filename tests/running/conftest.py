"""Fixtures for running signwatch as cron and systemd would: a mirror, a sink, a config."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.demo.mirror.server import MirrorServer
from monitor.demo.sink import AlertSink
from tests.command import run_signwatch


@pytest.fixture
def mirror() -> Iterator[MirrorServer]:
    """A small mirror (three generated articles per site) on 127.0.0.1."""
    with MirrorServer(3) as server:
        yield server


@pytest.fixture
def sink() -> Iterator[AlertSink]:
    """A local Apprise json:// sink."""
    with AlertSink() as running:
        yield running


def write_config(mirror: MirrorServer, sink: AlertSink, directory: Path, schedule: str = "30m") -> Path:
    """A config crawling the mirror on ``schedule``, subscribing the sink to everything."""
    text = mirror.sources_toml(directory / "data").replace('schedule = "30m"', f'schedule = "{schedule}"')
    text += f'\n[[subscriptions]]\nname = "everything"\nurl = "{sink.url("everything")}"\n'
    path = directory / "signwatch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def signwatch(*args: str, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run the signwatch command to completion."""
    return run_signwatch(*args, cwd=cwd, timeout=timeout)
