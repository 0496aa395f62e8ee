"""Alembic environment: Mg Coach always passes an open connection (storage.database)."""

from alembic import context

from mgcoach.storage.journal_tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
