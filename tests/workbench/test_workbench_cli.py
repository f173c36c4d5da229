"""The commands around the workbench: ``signwatch serve`` answering on its port, ``events --csv`` neutralised."""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.cli.conftest import ROOT, signwatch
from tests.workbench.conftest import HOSTILE_TITLE, Workbench


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_serve_answers_on_the_configured_database_and_stops_on_sigint(workbench: Workbench) -> None:
    port = _free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SIGNWATCH_")}
    environment["PYTHONPATH"] = str(ROOT)
    server = subprocess.Popen(
        [sys.executable, "-m", "monitor", "--config", workbench.settings.path, "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/events?format=json", timeout=5) as answer:
                    document = answer.read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None, server.communicate()
                assert time.monotonic() < deadline, "signwatch serve did not answer"
                time.sleep(0.2)
        assert "mirror-hostile" in document
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert out.startswith(f"signwatch workbench on http://127.0.0.1:{port}/")


def test_events_csv_neutralises_a_scraped_formula(workbench: Workbench, tmp_path: Path) -> None:
    done = signwatch("--config", workbench.settings.path, "events", "--csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    [hostile] = [row for row in rows if "HYPERLINK" in row["title"]]
    assert hostile["title"] == "'" + HOSTILE_TITLE
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values() if value)
