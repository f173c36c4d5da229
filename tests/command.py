"""The ``signwatch`` command run as a user runs it: a child process, its output piped.

Every test that drives the real command goes through ``run_signwatch``, so
they all start it alike: ``python -m monitor`` from this checkout, no
``SIGNWATCH_`` variable of the test run leaking in (the config file is what
must be read), UTF-8 output decoded as such.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_signwatch(
    *args: str,
    cwd: Path | None = None,
    timeout: float = 300,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``signwatch ARGS`` to completion in ``cwd``; ``env`` adds variables (``COLUMNS``, …)."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("SIGNWATCH_")}
    # This checkout's monitor, also when another tree is installed in the environment.
    environment["PYTHONPATH"] = str(ROOT)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
