"""Rate limits that hold across processes: one row per counted attempt (a failed password
check, a sign-up, a token made), keyed by what it limits (scope) and whom (an account's name,
a client address, or "*" for a global count), read back over a sliding window
(storage.limits). Old rows are pruned as new ones are written.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attempt",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("scope", sa.String(32), nullable=False),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_attempt_scope_key_at", "attempt", ["scope", "key", "at"])
    op.create_index("ix_attempt_at", "attempt", ["at"])


def downgrade() -> None:
    op.drop_index("ix_attempt_at", table_name="attempt")
    op.drop_index("ix_attempt_scope_key_at", table_name="attempt")
    op.drop_table("attempt")
