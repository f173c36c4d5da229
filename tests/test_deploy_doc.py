"""docs/deploy.md, tried: its shell blocks run as root in a temporary prefix, and deploy/'s files are checked.

The page's blocks are tagged ```sh step=NAME. A scenario is a list of steps,
run in one bash process (so the names and ``stamp`` carry from block to
block) after the page's names block, whose paths the test then replaces with
its own under ``tmp_path``. A few steps are the test's own (copy the
release, import the seeds, lose the data, take a snapshot); the rest are the
page's, word for word. The page's table "Not run by a test" lists the steps
no scenario runs, and a test keeps the two in step.
"""

from __future__ import annotations

import gzip
import json
import os
import pwd
import re
import shutil
import stat
import subprocess
import sys
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from tests.test_lock import lock_pins

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "deploy.md"
DEPLOY = ROOT / "deploy"
SEEDS = ROOT / "monitor" / "demo" / "mirror" / "data"
BLOCK = re.compile(r"^```sh step=([a-z-]+)\n(.*?)^```$", flags=re.M | re.S)
NAME = re.compile(r"^(SW_[A-Z_]+)=(\S+)", flags=re.M)
# The installed signwatch of the environment running these tests (the fast scenarios use it as $SW_OPT/.venv).
VENV = Path(sys.prefix)
UNITS = sorted([*DEPLOY.glob("*.service"), *DEPLOY.glob("*.timer")])

# The test's own steps, between the page's: {out} is a folder outside the prefix for what the test reads back.
OWN_STEPS = {
    "link-release": 'ln -s "{root}" "$SW_OPT/src" && ln -s "{venv}" "$SW_OPT/.venv"',
    "import-seeds": 'sw import "$SW_OPT/src/monitor/demo/mirror/data" && sw articles --json > "{out}/before.json"',
    "lose-data": 'rm -rf "$SW_HOME/signwatch.db" "$SW_HOME/archive" && sw articles --json > "{out}/lost.json"',
    "snapshot": 'sw articles --json > "{out}/after.json"',
    "db-url": 'sw db upgrade > "{out}/db.txt"',
}

# Every scenario starts with the names block; the page's steps run in the page's order.
SCENARIOS: dict[str, list[str]] = {
    "sqlite": [
        "directories", "link-release", "config", "check", "import-seeds",
        "backup-sqlite", "lose-data", "restore-sqlite", "snapshot",
    ],
    "postgres": [
        "directories", "link-release", "config", "postgres", "check", "db-url", "import-seeds",
        "backup-postgres", "restore-postgres", "snapshot",
    ],
    "workers": ["directories", "link-release", "config", "postgres", "check", "workers-config"],
    # The slow one: the release copied in, the virtual environment built from the lock.
    "install": ["directories", "venv", "config", "check", "migrate", "import-seeds", "snapshot"],
}  # fmt: skip


def doc_steps() -> dict[str, str]:
    """The page's shell blocks by step name, in the page's order."""
    steps: dict[str, str] = {}
    for name, body in BLOCK.findall(DOC.read_text(encoding="utf-8")):
        assert name not in steps, f"two blocks named {name}"
        steps[name] = body
    return steps


def not_run_table() -> dict[str, str]:
    """The page's "Not run by a test" table: step name -> why."""
    section = DOC.read_text(encoding="utf-8").split("## Not run by a test", 1)[1]
    rows: dict[str, str] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not cells[0].startswith("`"):
            continue
        for step in re.findall(r"`([a-z-]+)`", cells[0]):
            rows[step] = cells[1]
    return rows


def doc_names() -> dict[str, str]:
    """The names block's defaults: SW_OPT -> /opt/signwatch, ..."""
    return dict(NAME.findall(doc_steps()["names"]))


def names_for_test(prefix: Path, *, database: str = "", redis: str = "") -> dict[str, str]:
    """The test's values for the page's names: every path under ``prefix``, the current user."""
    return {
        "SW_USER": pwd.getpwuid(os.geteuid()).pw_name,
        "SW_OPT": str(prefix / "opt" / "signwatch"),
        "SW_ETC": str(prefix / "etc" / "signwatch"),
        "SW_HOME": str(prefix / "var" / "lib" / "signwatch"),
        "SW_LOG": str(prefix / "var" / "log" / "signwatch"),
        "SW_BACKUP": str(prefix / "var" / "backups" / "signwatch"),
        "SW_DB": database or "unused",
        "SW_REDIS": redis or "redis://unused.invalid/0",
        "SW_REPOSITORY": "unused.invalid",
        "SW_VERSION": "unused",
    }


def run_scenario(prefix: Path, steps: Sequence[str], names: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the names block, the test's names, then ``steps`` in one bash; fail naming the step that failed."""
    page = doc_steps()
    out = prefix / "out"
    out.mkdir(parents=True, exist_ok=True)
    script = ["set -euo pipefail", page["names"]]
    script += [f"{name}={value}" for name, value in names.items()]
    for step in steps:
        body = OWN_STEPS[step].format(root=ROOT, venv=VENV, out=out) if step in OWN_STEPS else page[step]
        script += [f"echo '== step {step}' >&2", body]
    # What the pytest process was given must not reach signwatch: the page's config is the one to read.
    env = {key: value for key, value in os.environ.items() if not key.startswith("SIGNWATCH_")}
    done = subprocess.run(["bash", "-c", "\n".join(script)], cwd="/", env=env, capture_output=True, text=True)
    if done.returncode != 0:
        failed = re.findall(r"^== step (\S+)", done.stderr, flags=re.M)
        pytest.fail(
            f"step {failed[-1] if failed else 'names'} exited {done.returncode}\n"
            f"stdout:\n{done.stdout[-3000:]}\nstderr:\n{done.stderr[-3000:]}"
        )
    return done


def articles(path: Path) -> list[str]:
    """The content hashes in a ``signwatch articles --json`` output file."""
    return sorted(article["hash"] for article in json.loads(path.read_text(encoding="utf-8")))


def needs_root() -> None:
    """Skip unless root: the page's blocks use runuser and install -o."""
    if os.geteuid() != 0:
        pytest.skip("the deployment page's blocks run as root (runuser, install -o): not root here")


@pytest.fixture
def local_postgres() -> Iterator[str]:
    """A name for a role and database the page's postgres block creates; both dropped afterwards."""
    needs_root()
    if not os.environ.get("SIGNWATCH_TEST_POSTGRES_URL"):
        pytest.skip("PostgreSQL tests skipped: set SIGNWATCH_TEST_POSTGRES_URL")
    probe = subprocess.run(
        ["runuser", "-u", "postgres", "--", "psql", "-XAtc", "select 1"], cwd="/", capture_output=True, text=True
    )
    if probe.returncode != 0:
        pytest.skip(f"the page's PostgreSQL steps use the local cluster as user postgres: {probe.stderr.strip()}")
    name = f"sw_deploy_{uuid.uuid4().hex[:10]}"
    try:
        yield name
    finally:
        for command in (["dropdb", "--if-exists", name], ["dropuser", "--if-exists", name]):
            subprocess.run(["runuser", "-u", "postgres", "--", *command], cwd="/", capture_output=True, check=True)


# -- the page itself ----------------------------------------------------------


def test_every_block_is_run_by_a_scenario_or_listed_as_not_run() -> None:
    steps = set(doc_steps())
    run = {"names"} | {step for scenario in SCENARIOS.values() for step in scenario if step not in OWN_STEPS}
    not_run = set(not_run_table())
    assert not run & not_run, f"both run and listed as not run: {run & not_run}"
    assert steps == run | not_run, f"untested and unlisted: {steps - run - not_run}; gone: {(run | not_run) - steps}"
    assert all(not_run_table().values()), "every step not run says why"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_scenario_takes_the_pages_steps_in_the_pages_order(scenario: str) -> None:
    order = list(doc_steps())
    steps = [step for step in SCENARIOS[scenario] if step not in OWN_STEPS]
    assert steps == sorted(steps, key=order.index)


def test_the_test_replaces_every_name_the_page_defines() -> None:
    assert set(doc_names()) == set(names_for_test(Path("/x"))), "a new name needs a value under the test's prefix"


@pytest.mark.parametrize("step", sorted({s for scenario in SCENARIOS.values() for s in scenario} - set(OWN_STEPS)))
def test_a_block_the_test_runs_touches_nothing_outside_the_names(step: str) -> None:
    # Only through the names do the blocks reach the host's directories; the test's names point into tmp_path.
    body = doc_steps()[step]
    assert not re.search(r"(?<![\w$}])/(etc|var|opt|srv|home|root)/", body), body


# -- deploy/: the units, the cron line, logrotate ------------------------------


def test_the_deploy_files_use_the_pages_names() -> None:
    defaults = doc_names()
    for path in [*UNITS, DEPLOY / "signwatch.cron"]:
        if path.suffix == ".timer":
            continue  # it starts signwatch-run.service and names no path
        text = path.read_text(encoding="utf-8")
        assert f"{defaults['SW_OPT']}/.venv/bin/signwatch " in text, path.name
        assert f"SIGNWATCH_CONFIG={defaults['SW_ETC']}/signwatch.toml" in text, path.name
    for unit in UNITS:
        if unit.suffix == ".service":
            text = unit.read_text(encoding="utf-8")
            assert f"User={defaults['SW_USER']}\n" in text and f"WorkingDirectory={defaults['SW_HOME']}\n" in text
            assert f"ReadWritePaths={defaults['SW_HOME']}\n" in text, unit.name
    assert f"su {defaults['SW_USER']} {defaults['SW_USER']}" in (DEPLOY / "signwatch.logrotate").read_text()


def test_systemd_accepts_every_unit(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here: the units are not verified")
    signwatch = VENV / "bin" / "signwatch"
    assert signwatch.exists(), signwatch
    # verify checks that ExecStart exists: point it at this environment's signwatch.
    for unit in UNITS:
        text = unit.read_text(encoding="utf-8").replace(f"{doc_names()['SW_OPT']}/.venv/bin/signwatch", str(signwatch))
        (tmp_path / unit.name).write_text(text, encoding="utf-8")
    done = subprocess.run(
        [analyze, "verify", *(str(tmp_path / unit.name) for unit in UNITS)], capture_output=True, text=True
    )
    # A bad value is only a warning ("…, ignoring") with exit status 0: any line about our units fails.
    ours = [line for line in (done.stdout + done.stderr).splitlines() if "signwatch" in line]
    assert done.returncode == 0 and not ours, done.stdout + done.stderr
    assert {unit.name for unit in UNITS} >= {
        "signwatch.service", "signwatch-run.service", "signwatch.timer", "signwatch-worker@.service"
    }  # fmt: skip


def deployed_copy(path: Path, names: dict[str, str]) -> str:
    """A deploy/ file with the page's default names replaced by the test's."""
    text = path.read_text(encoding="utf-8")
    defaults = doc_names()
    for name in ("SW_OPT", "SW_ETC", "SW_HOME", "SW_LOG"):
        text = text.replace(defaults[name], names[name])
    user = defaults["SW_USER"]
    return text.replace(f"su {user} {user}", f"su {names['SW_USER']} {names['SW_USER']}").replace(
        f"0640 {user} {user}", f"0640 {names['SW_USER']} {names['SW_USER']}"
    )


@pytest.mark.slow
def test_the_cron_line_runs_a_pass_into_a_log_that_logrotate_rotates(tmp_path: Path) -> None:
    needs_root()
    logrotate = shutil.which("logrotate")
    if logrotate is None:
        pytest.skip("logrotate is not installed here: the rotation is not tried")
    names = names_for_test(tmp_path)
    run_scenario(tmp_path, ["directories", "link-release", "config", "check"], names)
    [line] = [
        line for line in deployed_copy(DEPLOY / "signwatch.cron", names).splitlines()
        if line and not line.startswith("#") and "=" not in line.split()[0]
    ]  # fmt: skip
    minute, _hour, _day, _month, _weekday, user, command = line.split(maxsplit=6)
    assert (minute, user) == ("*/10", doc_names()["SW_USER"])
    log = Path(names["SW_LOG"]) / "signwatch.log"
    config = tmp_path / "logrotate.conf"
    config.write_text(deployed_copy(DEPLOY / "signwatch.logrotate", names), encoding="utf-8")
    state = tmp_path / "logrotate.state"

    def one_pass() -> str:
        before = log.read_text(encoding="utf-8") if log.exists() else ""
        subprocess.run(["/bin/sh", "-c", command], check=True, cwd="/", env={"PATH": os.environ["PATH"]})
        added = log.read_text(encoding="utf-8")[len(before) :]
        assert added and "Traceback" not in added, added
        return added

    def rotate() -> None:
        subprocess.run([logrotate, "--state", str(state), "--force", str(config)], check=True, capture_output=True)

    first = one_pass()
    rotate()
    assert (log.parent / "signwatch.log.1").read_text(encoding="utf-8") == first
    assert log.read_text(encoding="utf-8") == "" and stat.S_IMODE(log.stat().st_mode) == 0o640
    second = one_pass()
    rotate()
    assert (log.parent / "signwatch.log.1").read_text(encoding="utf-8") == second  # delaycompress: the newest stays
    assert gzip.decompress((log.parent / "signwatch.log.2.gz").read_bytes()).decode("utf-8") == first


# -- the page's scenarios ------------------------------------------------------


@pytest.mark.slow
def test_sqlite_deployment_backs_up_and_restores(tmp_path: Path) -> None:
    needs_root()
    if shutil.which("sqlite3") is None:
        pytest.skip("the sqlite3 command is not installed here (Debian: apt-get install sqlite3)")
    run_scenario(tmp_path, SCENARIOS["sqlite"], names_for_test(tmp_path))
    out = tmp_path / "out"
    assert len(articles(out / "before.json")) == len(list(SEEDS.glob("[0-9]*.txt")))
    assert articles(out / "lost.json") == []
    assert articles(out / "after.json") == articles(out / "before.json")


@pytest.mark.slow
@pytest.mark.postgres
def test_postgres_deployment_backs_up_and_restores(tmp_path: Path, local_postgres: str) -> None:
    run_scenario(tmp_path, SCENARIOS["postgres"], names_for_test(tmp_path, database=local_postgres))
    out = tmp_path / "out"
    assert (out / "db.txt").read_text(encoding="utf-8").startswith("postgresql+psycopg://"), "PostgreSQL, not SQLite"
    assert len(articles(out / "before.json")) == len(list(SEEDS.glob("[0-9]*.txt")))
    assert articles(out / "after.json") == articles(out / "before.json")


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.redis
def test_workers_config_reaches_the_queue(tmp_path: Path, local_postgres: str) -> None:
    redis = os.environ.get("SIGNWATCH_TEST_REDIS_URL")
    if not redis:
        pytest.skip("Redis tests skipped: set SIGNWATCH_TEST_REDIS_URL")
    done = run_scenario(tmp_path, SCENARIOS["workers"], names_for_test(tmp_path, database=local_postgres, redis=redis))
    assert "redis" in done.stdout, done.stdout  # `signwatch workers status` reached the queue


@pytest.mark.slow
def test_install_from_the_lock_into_a_fresh_environment(tmp_path: Path) -> None:
    needs_root()
    python = Path("/usr/bin/python3")
    version = subprocess.run([python, "-c", "import sys; print(sys.version_info >= (3, 11))"], capture_output=True)
    if not python.exists() or version.stdout.strip() != b"True":
        pytest.skip("the page installs with Debian's /usr/bin/python3 (3.11); not here")
    names = names_for_test(tmp_path)
    # The release: this checkout's files, as a clone of the repository would hold them.
    shutil.copytree(
        ROOT,
        Path(names["SW_OPT"]) / "src",
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis", "signwatch-data"
        ),
    )
    run_scenario(tmp_path, SCENARIOS["install"], names)
    installed = Path(names["SW_OPT"]) / ".venv"
    assert (installed / "bin" / "signwatch").exists()
    out = tmp_path / "out"
    assert articles(out / "after.json") == articles(out / "before.json") != []
    # What the lock pins is what got installed, version for version.
    # Without the caller's PYTHONPATH: a checkout on it lists its own egg-info as "signwatch==0.1.0".
    clean = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    frozen = subprocess.run(
        [installed / "bin" / "pip", "freeze"], capture_output=True, text=True, check=True, env=clean
    ).stdout
    # signwatch itself is installed from the release folder: "signwatch @ file:///…", no version pin.
    pinned = [line.split("==") for line in frozen.splitlines() if "==" in line]
    got = {canonicalize_name(name): version for name, version in pinned}
    assert "signwatch" not in got and any(line.startswith("signwatch @ ") for line in frozen.splitlines())
    assert got == {name: pin.version for name, pin in lock_pins(ROOT / "requirements.lock").items()}
