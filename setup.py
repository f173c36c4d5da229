"""Packaging that pyproject.toml cannot say: the migrations install under a name of ours.

The Alembic scripts stay in the top-level ``migrations/`` folder, where the
project keeps them, but install as ``signwatch_migrations``: a top-level
``migrations`` package would clash with any other project's in the same
environment.  Everything else is in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[
        *find_namespace_packages(include=["monitor", "monitor.*", "crawler", "crawler.*"]),
        "signwatch_migrations",
        "signwatch_migrations.versions",
    ],
    package_dir={"signwatch_migrations": "migrations"},
)
