"""All models' metadata in one place, for Alembic and for the schema-drift test."""

from __future__ import annotations

import importlib

from sqlalchemy import MetaData

from monitor.store.base import Base

# Every module that defines models; later issues append theirs here.
MODEL_MODULES = (
    "monitor.store.models",
    "monitor.store.event_models",
    "monitor.store.alert_models",
    "monitor.store.search_index",
    "monitor.store.workbench_indexes",
    "monitor.store.project_models",
)


def all_metadata() -> MetaData:
    """The metadata with every signwatch table registered."""
    for module in MODEL_MODULES:
        importlib.import_module(module)
    return Base.metadata
