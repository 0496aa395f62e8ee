"""Journal: users, profiles with their medicines, and entries (food, supplement, medicine,
symptom, sleep, training, lab, note) with one detail table per kind.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The food-entry nutrient columns as of this revision (the food table's, revision 0001).
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
DETAIL_TABLES = (
    "food_item",
    "supplement_intake",
    "medication_dose",
    "symptom",
    "sleep",
    "training",
    "lab_result",
)


def _entry_key() -> sa.Column[int]:
    return sa.Column(
        "entry_id", sa.Integer, sa.ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True
    )


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey("app_user.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("sex", sa.String(8), nullable=False),
        sa.Column("age_years", sa.Float, nullable=False),
        sa.Column("age_on", sa.Date, nullable=False),
        sa.Column("pregnant", sa.Boolean, nullable=False),
        sa.Column("lactating", sa.Boolean, nullable=False),
        sa.Column("system", sa.String(8), nullable=False),
        sa.Column("weight_kg", sa.Float),
        sa.Column("height_cm", sa.Float),
        sa.Column("egfr", sa.Float),
        sa.Column("dialysis", sa.Boolean, nullable=False),
        sa.Column("activity", sa.String(16)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("user_id", "name", name="uq_profile_user_name"),
    )
    op.create_table(
        "profile_medication",
        sa.Column(
            "profile_id",
            sa.Integer,
            sa.ForeignKey("profile.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("times", sa.Text, nullable=False),
    )
    op.create_table(
        "entry",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uid", sa.String(32), nullable=False, unique=True),
        sa.Column(
            "profile_id",
            sa.Integer,
            sa.ForeignKey("profile.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("time", sa.Integer),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_entry_profile_day", "entry", ["profile_id", "day", "kind"])
    op.create_table(
        "food_item",
        _entry_key(),
        sa.Column("food_id", sa.String(64)),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_nl", sa.Text),
        sa.Column("amount_text", sa.Text, nullable=False),
        sa.Column("grams", sa.Float),
        sa.Column("item_kind", sa.String(16), nullable=False),
        sa.Column("counted", sa.Boolean, nullable=False),
        sa.Column("meal", sa.String(32)),
        sa.Column("extra", sa.Text),
        *(sa.Column(key, sa.Float) for key in NUTRIENTS),
    )
    op.create_table(
        "supplement_intake",
        _entry_key(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("compound", sa.String(64)),
        sa.Column("label", sa.Text),
        sa.Column("dose_mg", sa.Float),
        sa.Column("elemental_mg", sa.Float, nullable=False),
        sa.Column("given_as", sa.String(16), nullable=False),
    )
    op.create_table(
        "medication_dose",
        _entry_key(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("drug", sa.String(64), nullable=False),
    )
    op.create_table(
        "symptom",
        _entry_key(),
        sa.Column("symptom", sa.String(32), nullable=False),
        sa.Column("count", sa.Integer),
        sa.Column("severity", sa.Float),
        sa.Column("location", sa.Text),
        sa.Column("night", sa.Boolean),
    )
    op.create_table(
        "sleep",
        _entry_key(),
        sa.Column("hours", sa.Float, nullable=False),
        sa.Column("quality", sa.Float),
    )
    op.create_table(
        "training",
        _entry_key(),
        sa.Column("activity", sa.Text, nullable=False),
        sa.Column("minutes", sa.Float, nullable=False),
        sa.Column("rpe", sa.Float),
    )
    op.create_table(
        "lab_result",
        _entry_key(),
        sa.Column("test", sa.String(32), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit", sa.String(16), nullable=False),
        sa.Column("value_mmol_l", sa.Float, nullable=False),
    )


def downgrade() -> None:
    for name in DETAIL_TABLES:
        op.drop_table(name)
    op.drop_index("ix_entry_profile_day", table_name="entry")
    for name in ("entry", "profile_medication", "profile", "app_user"):
        op.drop_table(name)
