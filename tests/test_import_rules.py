"""The import rules of the layout, checked over the source of every module in crawler/ and monitor/.

Arrows point from ``crawler/`` into ``monitor/``, never back; the pure layers
(the site-type registry, cleaning, extraction) reach no database, queue or
runner; the demo and the CLI sit on top, where nothing else imports them.

Every import counts, at module level or inside a function (a lazy import
runs too), and so does ``importlib.import_module("a.constant")``; imports
under ``if TYPE_CHECKING:`` do not, since they never run.  ``from monitor
import name`` counts as importing the module that ``monitor`` takes the name
from.  One row per rule; a broken rule names the file, the line and the import.
"""

from __future__ import annotations

import ast
from collections import deque
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

import monitor

ROOT = Path(__file__).resolve().parent.parent
PURE = ("monitor.sites", "monitor.text", "monitor.events", "monitor.projects")


@dataclass(frozen=True)
class Import:
    """One import statement's target, where it is written."""

    module: str  # the importing module
    target: str  # the imported module (or, for ``from a import b``, ``a.b`` when that is a module)
    line: int


@dataclass(frozen=True)
class Rule:
    """Modules under ``importers`` (minus ``exempt``) must not import anything under ``forbidden``.

    ``allowed`` carves exceptions out of ``forbidden``.  With ``transitive``, a
    forbidden module reached through a chain of this project's modules counts too.
    """

    name: str
    importers: tuple[str, ...]
    forbidden: tuple[str, ...]
    exempt: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    transitive: bool = False


RULES = [
    Rule(
        "monitor never imports the crawler, Scrapy or Twisted (crawls run as child processes)",
        importers=("monitor",),
        forbidden=("crawler", "scrapy", "scrapy_redis", "twisted"),
    ),
    Rule(
        "the registry, cleaning and extraction import, of monitor, only each other, the errors and the canonical text",
        importers=PURE,
        forbidden=("monitor",),
        allowed=(*PURE, "monitor.errors", "monitor.archive.canonical", "monitor.lazy"),
    ),
    Rule(
        "the registry, cleaning and extraction reach no database, queue, scheduler, alerting or crawler",
        importers=PURE,
        forbidden=("sqlalchemy", "psycopg", "redis", "alembic", "apprise", "apscheduler", "scrapy", "twisted"),
        transitive=True,
    ),
    Rule(
        "the registry stands below cleaning and extraction, cleaning below extraction",
        importers=("monitor.sites",),
        forbidden=("monitor.text", "monitor.events", "monitor.projects"),
    ),
    Rule(
        "cleaning does not import extraction or the project reading",
        importers=("monitor.text",),
        forbidden=("monitor.events", "monitor.projects"),
    ),
    Rule(
        "the config reads only the errors, the site-type registry and the subscription terms",
        importers=("monitor.config",),
        forbidden=("monitor",),
        allowed=("monitor.config", "monitor.errors", "monitor.sites", "monitor.subscription_terms"),
    ),
    Rule(
        "the subscription terms (shared by the config and the alerts) import, of monitor, only the errors",
        importers=("monitor.subscription_terms",),
        forbidden=("monitor",),
        allowed=("monitor.subscription_terms", "monitor.errors"),
    ),
    Rule(
        "the subscription terms reach no database, queue, scheduler or crawler (Apprise only)",
        importers=("monitor.subscription_terms",),
        forbidden=("sqlalchemy", "psycopg", "redis", "alembic", "apscheduler", "scrapy", "twisted"),
        transitive=True,
    ),
    Rule(
        "the errors import nothing of monitor at run time (everything imports them)",
        importers=("monitor.errors",),
        forbidden=("monitor",),
        allowed=("monitor.errors",),
    ),
    Rule(
        "the store knows nothing of alerts, running, the CLI or the demo",
        importers=("monitor.store",),
        forbidden=("monitor.alerts", "monitor.running", "monitor.cli", "monitor.demo"),
    ),
    Rule(
        "the demo (mirror, sink, tour) is imported only by the CLI",
        importers=("monitor", "crawler"),
        exempt=("monitor.demo", "monitor.cli"),
        forbidden=("monitor.demo",),
    ),
    Rule(
        "the workbench reads the store, the config, the alerts and the pure layers; never running, the demo or the CLI",
        importers=("monitor.workbench",),
        forbidden=("monitor",),
        allowed=(
            "monitor.workbench",
            "monitor.store",
            "monitor.config",
            "monitor.alerts",
            "monitor.subscription_terms",
            "monitor.errors",
            "monitor.events",
            "monitor.projects",
        ),
    ),
    Rule(
        "the workbench is imported only by the CLI (the web app is a way to look, not part of the job)",
        importers=("monitor", "crawler"),
        exempt=("monitor.workbench", "monitor.cli"),
        forbidden=("monitor.workbench",),
    ),
    Rule(
        "only `python -m monitor` imports the CLI",
        importers=("monitor", "crawler"),
        exempt=("monitor.cli", "monitor.__main__"),
        forbidden=("monitor.cli",),
    ),
]


def under(name: str, prefixes: tuple[str, ...]) -> bool:
    """True when ``name`` is one of ``prefixes`` or a module inside one of them."""
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def sources() -> dict[str, Path]:
    """Every module of crawler/ and monitor/, by dotted name."""
    return {
        module_name(path): path for package in ("crawler", "monitor") for path in sorted((ROOT / package).rglob("*.py"))
    }


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve(module: str, is_package: bool, level: int, name: str | None) -> str:
    if not level:
        return name or ""
    base = module.split(".")
    base = base[: len(base) - level + (1 if is_package else 0)]
    return ".".join([*base, name] if name else base)


@cache
def imports_of(module: str) -> tuple[Import, ...]:
    """What one module of the project imports."""
    path = sources()[module]
    return imports_in(path.read_text(encoding="utf-8"), module, is_package=path.name == "__init__.py")


def imports_in(source: str, module: str, *, is_package: bool = False) -> tuple[Import, ...]:
    """What module ``module``, of source text ``source``, imports, wherever in the module the import is written."""
    found: list[Import] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for branch in node.orelse:
                visit(branch)
            return
        if isinstance(node, ast.Import):
            found.extend(Import(module, alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node.level, node.module)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in sources():
                    found.append(Import(module, submodule, node.lineno))
                elif base == "monitor" and alias.name in monitor._EXPORTS:
                    found.append(Import(module, monitor._EXPORTS[alias.name], node.lineno))
                else:
                    found.append(Import(module, base, node.lineno))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(Import(module, node.args[0].value, node.lineno))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return tuple(found)


def _executed(target: str) -> list[str]:
    """The project modules importing ``target`` runs: each enclosing package, then the module."""
    parts = target.split(".")
    return [name for name in (".".join(parts[:i]) for i in range(1, len(parts) + 1)) if name in sources()]


def _chain(start: str, rule: Rule) -> tuple[list[str], Import] | None:
    """A chain of project modules from ``start`` to an import the rule forbids (breadth first: a shortest one)."""
    seen = {start}
    queue: deque[list[str]] = deque([[start]])
    while queue:
        path = queue.popleft()
        for found in imports_of(path[-1]):
            if _breaks(found.target, rule):
                return path, found
            for module in _executed(found.target):
                if module not in seen:
                    seen.add(module)
                    queue.append([*path, module])
    return None


def _breaks(target: str, rule: Rule) -> bool:
    return under(target, rule.forbidden) and not under(target, rule.allowed)


def violations(rule: Rule) -> list[str]:
    """One line per import that breaks ``rule``: file, line, the import (and for a transitive rule, the chain)."""
    lines = []
    for module in sources():
        if not under(module, rule.importers) or under(module, rule.exempt):
            continue
        where = sources()[module].relative_to(ROOT).as_posix()
        if rule.transitive:
            found = _chain(module, rule)
            if found is not None:
                path, last = found
                via = " -> ".join([*path, last.target])
                lines.append(f"{where}: reaches {last.target} ({via}, line {last.line} of {last.module})")
        else:
            lines.extend(f"{where}:{i.line} imports {i.target}" for i in imports_of(module) if _breaks(i.target, rule))
    return lines


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_import_rule(rule: Rule) -> None:
    assert any(under(module, rule.importers) for module in sources()), "the rule applies to no module"
    broken = violations(rule)
    assert not broken, f"{rule.name}:\n" + "\n".join(broken)


# --- the checker itself ----------------------------------------------------------------


SAMPLE = """
from typing import TYPE_CHECKING
import importlib
from monitor import clean_text
from . import chrome
from .byline import parse_metadata

if TYPE_CHECKING:
    from monitor.records import IngestResult
else:
    import json


def later():
    import sqlalchemy.orm
    return importlib.import_module("monitor.store")
"""


def test_the_checker_sees_every_import_that_runs() -> None:
    found = {(i.target, i.line) for i in imports_in(SAMPLE, "monitor.text.sample")}
    assert found == {
        ("typing", 2),
        ("importlib", 3),
        ("monitor.text.clean", 4),  # where monitor takes clean_text from
        ("monitor.text.chrome", 5),
        ("monitor.text.byline", 6),
        ("json", 11),  # the else branch of TYPE_CHECKING runs; its if branch does not
        ("sqlalchemy.orm", 15),
        ("monitor.store", 16),
    }


def test_a_broken_rule_names_the_offending_import() -> None:
    rule = Rule("cleaning may not import the errors (a rule made to fail)", ("monitor.text",), ("monitor.errors",))
    assert "monitor/text/clean.py:" in "\n".join(violations(rule))
    assert any(line.endswith("imports monitor.errors") for line in violations(rule))
    deep = Rule(
        "cleaning may not reach hashlib (made to fail)", ("monitor.text.article",), ("hashlib",), transitive=True
    )
    [line] = violations(deep)
    assert "monitor.text.article -> monitor.archive.canonical -> hashlib" in line
