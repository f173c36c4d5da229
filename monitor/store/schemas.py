"""A PostgreSQL schema of its own for one store: made, named in the URL, dropped after.

Tests and benchmarks each build a store beside others on one server; a schema
per store keeps them apart without a database per store (which needs rights a
plain user may lack), and ``search_path`` in the URL points every connection
of that store at it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def schema_url(server_url: str, schema: str) -> str:
    """``server_url`` with every connection's ``search_path`` set to ``schema``."""
    url = make_url(server_url).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@contextmanager
def scratch_schema(server_url: str, prefix: str = "sw") -> Iterator[str]:
    """The URL of a new, empty schema on the PostgreSQL server at ``server_url``, dropped with all it holds after."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    except BaseException:
        admin.dispose()
        raise
    try:
        yield schema_url(server_url, schema)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
