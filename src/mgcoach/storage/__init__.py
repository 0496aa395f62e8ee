"""Storage: the only package that talks SQL (SQLAlchemy 2), on SQLite or PostgreSQL.

tables.py holds the schema, migrations/ the Alembic revisions that build it, database.py opens
and upgrades a database, and the stores (foods.py, ...) hold the queries.
"""
