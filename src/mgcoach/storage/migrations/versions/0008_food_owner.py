"""Food ownership: a food added by an account on a multi-user server is that account's alone.

``food.owner`` is the ``app_user`` id of the account that added the food; NULL is a shared
food (USDA, FoodData Central, Open Food Facts, the curated table, and every food added in local
mode or by the CLI without ``--user``). Existing rows stay shared, as they were. Deleting an
account deletes its foods with it (an id SQLite hands out again must not inherit them).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.add_column("food", sa.Column("owner", sa.Integer))
        op.create_foreign_key(
            "fk_food_owner", "food", "app_user", ["owner"], ["id"], ondelete="CASCADE"
        )
    else:
        # SQLite adds a column with its reference in one statement (Alembic would rebuild the
        # table, and with it the full-text index's triggers).
        op.execute(
            "ALTER TABLE food ADD COLUMN owner INTEGER "
            "CONSTRAINT fk_food_owner REFERENCES app_user (id) ON DELETE CASCADE"
        )
    op.create_index("ix_food_owner", "food", ["owner"])


def downgrade() -> None:
    op.drop_index("ix_food_owner", table_name="food")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("fk_food_owner", "food", type_="foreignkey")
    op.drop_column("food", "owner")
