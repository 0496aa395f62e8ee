"""The database schema as SQLAlchemy Core tables (the Alembic revisions create the same).

Search structures that depend on the dialect — SQLite's FTS5 tables and triggers, PostgreSQL's
tsvector column and GIN/trigram indexes — are made by the migrations (see search_index.py).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from ..foods.nutrients import nutrient_keys

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

food = Table(
    "food",
    metadata,
    # An explicit integer key: SQLite's FTS5 index refers to it, and VACUUM may renumber an
    # implicit rowid.
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False, unique=True),
    Column("source", String(32), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("name_nl", Text),
    Column("synonyms", Text, nullable=False, default=""),
    Column("synonyms_nl", Text, nullable=False, default=""),
    Column("usda_ndb", String(8), index=True),
    Column("fdc_id", Integer),
    Column("barcode", String(32), index=True),
    Column("brand", Text),
    Column("food_group", String(32)),
    Column("tags", Text, nullable=False, default=""),
    Column("serving", Text),
    # Folded, stemmed terms (foods.search_text): what the full-text indexes cover.
    Column("search_name", Text, nullable=False, default=""),
    Column("search_nl", Text, nullable=False, default=""),
    Column("search_syn", Text, nullable=False, default=""),
    *(Column(key, Float) for key in nutrient_keys()),
    # The account whose own food this is (revision 0008); NULL: shared with everyone.
    Column(
        "owner",
        Integer,
        ForeignKey("app_user.id", name="fk_food_owner", ondelete="CASCADE"),
        index=True,
    ),
)

food_portion = Table(
    "food_portion",
    metadata,
    Column("food_id", String(64), ForeignKey("food.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("amount", Float, nullable=False),
    Column("unit", Text, nullable=False),
    Column("grams", Float, nullable=False),
)

# Every search term that any food has had: the vocabulary typo tolerance draws on.
food_term = Table(
    "food_term",
    metadata,
    Column("term", String(64), primary_key=True),
)

food_usage = Table(
    "food_usage",
    metadata,
    Column("food_id", String(64), ForeignKey("food.id", ondelete="CASCADE"), primary_key=True),
    Column("uses", Integer, nullable=False, default=0),
    Column("last_used", DateTime(timezone=True), nullable=False),
)

recipe_ingredient = Table(
    "recipe_ingredient",
    metadata,
    Column("recipe_id", String(64), ForeignKey("food.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("food_id", String(64), ForeignKey("food.id"), nullable=False),
    Column("amount_text", Text, nullable=False),
    Column("grams", Float, nullable=False),
)

# The write generation (storage.generation): per scope, how many write transactions touched it.
generation = Table(
    "generation",
    metadata,
    Column("scope", String(64), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

# Rate limits (storage.limits, revision 0007): one row per counted attempt, kept for the
# longest window that reads it.
attempt = Table(
    "attempt",
    metadata,
    Column(
        "id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("scope", String(32), nullable=False),
    Column("key", String(128), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_attempt_scope_key_at", "scope", "key", "at"),
    Index("ix_attempt_at", "at"),
)
