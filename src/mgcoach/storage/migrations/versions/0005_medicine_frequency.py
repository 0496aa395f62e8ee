"""Medicine frequency: a profile's medicine may be taken once a week or every N days.

Existing medicines were all taken every day: the new column is NULL for them, which reads as
daily.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("profile_medication", sa.Column("frequency", sa.String(64)))


def downgrade() -> None:
    # Without the column every medicine reads as daily again: stricter, never less safe.
    op.drop_column("profile_medication", "frequency")
