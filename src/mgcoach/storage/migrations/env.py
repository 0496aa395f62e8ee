"""Alembic environment: Mg Coach always passes an open connection (storage.database)."""

from alembic import context

from mgcoach.storage import account_tables, journal_tables  # noqa: F401  (register the tables)
from mgcoach.storage.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
