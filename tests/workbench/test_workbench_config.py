"""The ``[workbench]`` table: every key with its range, bad values one line naming the key, never a password."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from monitor.config import WorkbenchSettings, load_settings, read_config
from monitor.config.ranges import RANGE_KEY, WHY_KEY
from monitor.workbench.passwords import hash_password

GOOD_HASH = hash_password("correct horse battery")

# (the table, the one line its problem is)
BAD = [
    ("port = 0", "workbench.port: must be at least 1, not 0"),
    ("port = 70000", "workbench.port: must be at most 65535, not 70000"),
    ("port = '8000'", "workbench.port: expected"),
    ("host = ''", "workbench.host: must be a host name or an IP address"),
    ("host = 'http://0.0.0.0/'", "workbench.host: must be a host name or an IP address"),
    ("viewer_password_hash = 'hunter2-plain'", "workbench.viewer_password_hash: must be a hash from"),
    (
        "editor_password_hash = 'scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 44 + "'",
        "workbench.editor_password_hash: scrypt's N must be a power of two of at least 16384",
    ),
    ("realm = 'x'", "unknown key 'workbench.realm'"),
]


@pytest.mark.parametrize(("table", "line"), BAD)
def test_bad_workbench_values_are_one_line_naming_the_key(tmp_path: Path, table: str, line: str) -> None:
    config = tmp_path / "signwatch.toml"
    config.write_text(f"[workbench]\n{table}\n", encoding="utf-8")
    problems = read_config(config).problems
    assert len(problems) == 1 and line in problems[0], problems
    assert "hunter2" not in problems[0]


def test_a_good_table_loads(tmp_path: Path) -> None:
    config = tmp_path / "signwatch.toml"
    config.write_text(f'[workbench]\nhost = "::"\nport = 8443\neditor_password_hash = "{GOOD_HASH}"\n')
    workbench = load_settings(config).workbench
    assert (workbench.host, workbench.port, workbench.has_auth) == ("::", 8443, True)


def test_every_workbench_key_has_a_range_and_a_reason_and_the_defaults_are_in_range() -> None:
    defaults = WorkbenchSettings()
    assert not defaults.has_auth and defaults.host == "127.0.0.1" and defaults.port == 8000
    for field in fields(WorkbenchSettings):
        assert RANGE_KEY in field.metadata and field.metadata[WHY_KEY], field.name
        assert field.metadata[RANGE_KEY].problem(getattr(defaults, field.name)) is None, field.name
