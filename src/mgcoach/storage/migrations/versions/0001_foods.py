"""Foods: the food table with its nutrients per 100 g, portions, search vocabulary, usage
(recent and frequent foods) and recipe ingredients, plus the dialect's full-text indexes.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from mgcoach.storage.search_index import (
    POSTGRES_CREATE,
    POSTGRES_DROP,
    SQLITE_CREATE,
    SQLITE_DROP,
)

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The nutrient columns as of this revision (a later nutrient needs a later revision).
NUTRIENTS = (
    "energy_kcal",
    "protein_g",
    "fibre_g",
    "magnesium_mg",
    "calcium_mg",
    "potassium_mg",
    "sodium_mg",
    "zinc_mg",
    "phosphorus_mg",
    "iron_mg",
    "fat_g",
    "carbohydrate_g",
    "water_g",
    "vitamin_d_ug",
)


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "food",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.String(32), nullable=False, index=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_nl", sa.Text),
        sa.Column("synonyms", sa.Text, nullable=False),
        sa.Column("synonyms_nl", sa.Text, nullable=False),
        sa.Column("usda_ndb", sa.String(8), index=True),
        sa.Column("fdc_id", sa.Integer),
        sa.Column("barcode", sa.String(32), index=True),
        sa.Column("brand", sa.Text),
        sa.Column("food_group", sa.String(32)),
        sa.Column("tags", sa.Text, nullable=False),
        sa.Column("serving", sa.Text),
        sa.Column("search_name", sa.Text, nullable=False),
        sa.Column("search_nl", sa.Text, nullable=False),
        sa.Column("search_syn", sa.Text, nullable=False),
        *(sa.Column(key, sa.Float) for key in NUTRIENTS),
    )
    op.create_table(
        "food_portion",
        sa.Column(
            "food_id",
            sa.String(64),
            sa.ForeignKey("food.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("amount", sa.Float, nullable=False),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("grams", sa.Float, nullable=False),
    )
    op.create_table("food_term", sa.Column("term", sa.String(64), primary_key=True))
    op.create_table(
        "food_usage",
        sa.Column(
            "food_id",
            sa.String(64),
            sa.ForeignKey("food.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("uses", sa.Integer, nullable=False),
        sa.Column("last_used", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "recipe_ingredient",
        sa.Column(
            "recipe_id",
            sa.String(64),
            sa.ForeignKey("food.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("food_id", sa.String(64), sa.ForeignKey("food.id"), nullable=False),
        sa.Column("amount_text", sa.Text, nullable=False),
        sa.Column("grams", sa.Float, nullable=False),
    )
    statements = SQLITE_CREATE if op.get_bind().dialect.name == "sqlite" else POSTGRES_CREATE
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    statements = SQLITE_DROP if op.get_bind().dialect.name == "sqlite" else POSTGRES_DROP
    for statement in statements:
        op.execute(statement)
    for table in ("recipe_ingredient", "food_usage", "food_term", "food_portion", "food", "meta"):
        op.drop_table(table)
