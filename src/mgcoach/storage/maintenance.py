"""Giving deleted journal rows back to the file system."""

from __future__ import annotations

from .database import Database
from .journal_tables import DETAIL_TABLES

JOURNAL_TABLES = ("entry", *(t.name for t in DETAIL_TABLES.values()), "profile", "app_user")


def compact_journal(db: Database) -> None:
    """Vacuum after a delete, so the deleted rows do not linger in free pages (SQLite: the
    whole file after a WAL checkpoint; PostgreSQL: the journal's tables)."""
    autocommit = db.engine.execution_options(isolation_level="AUTOCOMMIT")
    with autocommit.connect() as connection:
        if db.dialect == "sqlite":
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.exec_driver_sql("VACUUM")
        else:
            connection.exec_driver_sql(f"VACUUM {', '.join(JOURNAL_TABLES)}")
