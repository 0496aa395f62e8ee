"""Alembic revisions of the Mg Coach schema (run by storage.database.upgrade)."""
