"""The write generation: a counter per scope that every write transaction bumps, so caches can
tell in one indexed read whether what they rest on has changed (storage.generation).

No rows to start with: a scope without a row reads as 0, and its first bump writes 1.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "generation",
        sa.Column("scope", sa.String(64), primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("generation")
