"""Package exports imported on first use (PEP 562), so importing a package costs nothing it does not need.

A package's ``__init__`` that re-exports its submodules' names eagerly makes
every importer pay for all of them: ``monitor.events`` compiles the
extraction's patterns and ``monitor.projects`` the reading's, about a second
of CPU together, for a ``signwatch alerts`` that only reads stored rows.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def exports_on_use(namespace: dict[str, Any], exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` importing ``exports[name]`` (a module path) on first use and keeping the value."""
    package = namespace["__name__"]

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    return __getattr__
