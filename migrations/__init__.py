"""Alembic migrations of the signwatch store (run through ``signwatch db upgrade``)."""
