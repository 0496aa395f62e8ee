"""Sharing a journal read-only with a dietitian (issue 20, part 4): an invitation from the
person (``owner_id``) to a dietitian's account, accepted or revoked by the person; and an index
of the entries by day, for a dietitian's population summary. Going back, both go.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal_share",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "owner_id", sa.Integer, sa.ForeignKey("app_user.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "dietitian_id",
            sa.Integer,
            sa.ForeignKey("app_user.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("status", sa.String(16), nullable=False),  # invited, accepted, declined, revoked
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("owner_id", "dietitian_id", name="uq_journal_share_pair"),
    )
    op.create_index("ix_journal_share_dietitian", "journal_share", ["dietitian_id", "status"])
    # The population summary's entries of a period, of every client at once (share_tables.py).
    op.create_index(
        "ix_entry_kind_day", "entry", ["kind", "day"], postgresql_include=["profile_id", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_entry_kind_day", table_name="entry")
    op.drop_index("ix_journal_share_dietitian", table_name="journal_share")
    op.drop_table("journal_share")
