"""Favourite foods: a food of a profile's journal with the amount and meal it is usually
logged with, logged again in one tap on the Log page (``favourite``). One row per food and
profile; going back, the favourites go (an older version has no such list).

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "favourite",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "profile_id",
            sa.Integer,
            sa.ForeignKey("profile.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("food_id", sa.String(64), nullable=False),
        sa.Column("amount_text", sa.Text, nullable=False),
        sa.Column("meal", sa.String(32)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("profile_id", "food_id", name="uq_favourite_profile_food"),
    )


def downgrade() -> None:
    op.drop_table("favourite")
