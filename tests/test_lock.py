"""The locks: every dependency of pyproject.toml pinned with == and its hashes, the same pins in both locks.

``requirements.lock`` is what a deployment installs (pyproject.toml's
dependencies); ``requirements-test.lock`` adds the test extra and is what
.ci/run installs, made with the first as a constraint so that every pin the
two share is one version. pyproject.toml keeps its loose ranges for library
users; each pin must lie inside its range.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Each lock, with the extras of pyproject.toml it holds beside the dependencies.
LOCKS = {"requirements.lock": (), "requirements-test.lock": ("test",)}


@dataclass(frozen=True)
class Pin:
    """One locked requirement: ``name==version`` and its ``--hash=sha256:`` values."""

    name: str
    version: str
    hashes: tuple[str, ...]
    line: str


def lock_pins(path: Path) -> dict[str, Pin]:
    """The pins of a lock file by canonical name; every requirement must be ``==`` with hashes."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))  # join the continuation lines
    pins: dict[str, Pin] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement_part, *hash_parts = line.split(" --hash=")
        requirement = Requirement(requirement_part.strip())
        [specifier] = requirement.specifier  # exactly one
        assert specifier.operator == "==" and "*" not in specifier.version, line
        assert requirement.url is None and not requirement.extras, line
        hashes = tuple(part.strip() for part in hash_parts)
        assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), line
        name = canonicalize_name(requirement.name)
        assert name not in pins, f"{name} pinned twice"
        pins[name] = Pin(name, specifier.version, hashes, line)
    return pins


def named_requirements(extras: tuple[str, ...]) -> list[Requirement]:
    """pyproject.toml's dependencies and those of ``extras``."""
    lines = list(PYPROJECT["dependencies"])
    for extra in extras:
        lines += PYPROJECT["optional-dependencies"][extra]
    return [Requirement(line) for line in lines]


def closure(roots: list[Requirement]) -> set[str]:
    """Every distribution ``roots`` need on this Python, through the installed packages' own requirements."""
    needed: dict[str, set[str]] = {}
    queue = list(roots)
    while queue:
        requirement = queue.pop()
        name = canonicalize_name(requirement.name)
        extras = set(requirement.extras)
        if name in needed and extras <= needed[name]:
            continue
        needed.setdefault(name, set()).update(extras)
        try:
            requires = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            continue  # not installed here: its own requirements are the lock tool's word
        for line in requires:
            child = Requirement(line)
            wanted = needed[name] | {""}
            if child.marker is None or any(child.marker.evaluate({"extra": extra}) for extra in wanted):
                queue.append(child)
    return set(needed)


@pytest.mark.parametrize(("lock", "extras"), LOCKS.items())
def test_every_requirement_pyproject_names_is_pinned_within_its_range(lock: str, extras: tuple[str, ...]) -> None:
    pins = lock_pins(ROOT / lock)
    for requirement in named_requirements(extras):
        pin = pins.get(canonicalize_name(requirement.name))
        assert pin is not None, f"{lock} lacks {requirement}"
        assert requirement.specifier.contains(pin.version, prereleases=True), (
            f"{lock}: {pin.line} outside {requirement}"
        )


@pytest.mark.parametrize(("lock", "extras"), LOCKS.items())
def test_the_lock_holds_what_they_need_in_turn(lock: str, extras: tuple[str, ...]) -> None:
    # psycopg[binary] needs psycopg-binary, scrapy needs twisted, ...: the whole tree, not only the top.
    missing = closure(named_requirements(extras)) - set(lock_pins(ROOT / lock))
    assert not missing, f"{lock} lacks {sorted(missing)}"


def test_the_deployment_lock_holds_no_test_tools() -> None:
    runtime_needs = closure(named_requirements(()))
    test_tools = {canonicalize_name(r.name) for r in named_requirements(("test",))} - runtime_needs
    assert test_tools >= {"pytest", "mypy"}
    assert not test_tools & set(lock_pins(ROOT / "requirements.lock"))


def test_ci_tests_the_versions_a_deployment_installs() -> None:
    runtime = lock_pins(ROOT / "requirements.lock")
    tested = lock_pins(ROOT / "requirements-test.lock")
    for name, pin in runtime.items():
        assert name in tested, f"requirements-test.lock lacks {name}"
        assert (tested[name].version, set(tested[name].hashes)) == (pin.version, set(pin.hashes)), name


@pytest.mark.parametrize("lock", LOCKS)
def test_the_lock_says_how_it_was_made_and_the_readme_says_the_same(lock: str) -> None:
    header = (ROOT / lock).read_text(encoding="utf-8").splitlines()[:2]
    assert header[0] == "# This file was autogenerated by uv via the following command:"
    command = header[1].removeprefix("#").strip()
    assert command.startswith("uv pip compile pyproject.toml ") and command.endswith(f"-o {lock}")
    for option in ("--generate-hashes", "--python-version 3.11", "--python-platform x86_64-unknown-linux-gnu"):
        assert option in command, option
    assert command in README, f"the README does not show how {lock} is made: {command}"


def test_ci_and_the_quickstart_install_from_the_locks() -> None:
    demo, tests = re.findall(r"```sh\n(.*?)```", README, flags=re.S)[:2]
    assert "-r requirements.lock" in demo and demo.strip().endswith("signwatch demo")
    assert "-r requirements-test.lock" in tests and "--no-deps -e ." in tests
    assert tests.strip() in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
