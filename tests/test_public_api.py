"""The Python API: what ``import monitor`` offers a script, documented, complete and light to import."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import subprocess
import sys
import typing
from pathlib import Path

import pytest

import monitor

ROOT = Path(__file__).resolve().parent.parent

# What a script calls to read a page; the API must also offer every type their results hold.
# (Settings stays one name: a script reads its fields, it does not build its parts.)
ENTRY_POINTS = ("clean_html", "clean_text", "extract")
# Every public name, with the module that defines it (the package's own table).
EXPECTED: dict[str, str] = dict(monitor._EXPORTS)


def _signwatch_classes(annotation: object, found: set[type]) -> None:
    """The classes of ours named anywhere in a type annotation (``list[Figure] | None`` -> Figure)."""
    for argument in typing.get_args(annotation):
        _signwatch_classes(argument, found)
    if isinstance(annotation, type) and annotation.__module__.startswith("monitor."):
        found.add(annotation)


def test_every_type_a_result_holds_is_exported() -> None:
    reachable: set[type] = set()
    for name in ENTRY_POINTS:
        _signwatch_classes(typing.get_type_hints(getattr(monitor, name)).get("return"), reachable)
    frontier = list(reachable)
    while frontier:  # the dataclasses inside the results, all the way down
        held = frontier.pop()
        if dataclasses.is_dataclass(held):
            for annotation in typing.get_type_hints(held).values():
                inner: set[type] = set()
                _signwatch_classes(annotation, inner)
                frontier += inner - reachable
                reachable |= inner
    missing = sorted(cls.__name__ for cls in reachable if cls.__name__ not in monitor.__all__)
    assert not missing, f"results hold types a script cannot import from monitor: {missing}"
    assert {"CleanArticle", "Extraction", "SigningEvent", "Figure", "Place"} <= {cls.__name__ for cls in reachable}


def test_all_is_the_expected_table() -> None:
    assert sorted(monitor.__all__) == sorted(EXPECTED)
    assert set(ENTRY_POINTS) <= set(EXPECTED)
    assert len(set(monitor.__all__)) == len(monitor.__all__)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_name_imports_from_its_module_and_has_a_docstring(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from monitor import {name}", namespace)  # the way a script spells it
    value = namespace[name]
    assert value is getattr(monitor, name)
    assert getattr(value, "__module__", None) == EXPECTED[name]
    assert inspect.getdoc(value) and value.__doc__, f"monitor.{name} has no docstring"


def test_the_errors_a_script_catches_share_one_base() -> None:
    for name in ("ConfigError", "InputError", "StoreError", "ArchiveError"):
        assert issubclass(getattr(monitor, name), monitor.SignwatchError)


def test_unknown_names_are_attribute_errors_and_dir_lists_the_api() -> None:
    with pytest.raises(AttributeError, match="no attribute 'clean'"):
        monitor.clean  # noqa: B018
    assert set(monitor.__all__) <= set(dir(monitor))


def test_type_checkers_see_what_run_time_gives() -> None:
    # The TYPE_CHECKING imports of monitor/__init__.py must name the same
    # modules as the lazy table, or editors and mypy would be told otherwise.
    tree = ast.parse((ROOT / "monitor" / "__init__.py").read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.module != "typing":
                    seen.update({alias.name: statement.module or "" for alias in statement.names})
    assert seen == EXPECTED


def test_import_monitor_imports_nothing_else_of_signwatch() -> None:
    # Lazy exports: the CLI and the crawl's child processes import ``monitor``
    # without paying for OpenCC, lxml or the store.
    code = (
        "import sys, monitor\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('monitor', 'lxml', 'opencc', 'sqlalchemy', 'crawler', 'scrapy')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.strip() == "['monitor']"
