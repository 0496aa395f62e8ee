"""Sharing a journal read-only with a dietitian (issue 20, part 4): an invitation from the
person (``owner_id``) to a dietitian's account, accepted or revoked by the person. Going
back, the shares go.

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
        sa.Column("status", sa.String(16), nullable=False),  # invited, accepted, revoked
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("owner_id", "dietitian_id", name="uq_journal_share_pair"),
    )
    op.create_index("ix_journal_share_dietitian", "journal_share", ["dietitian_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_journal_share_dietitian", table_name="journal_share")
    op.drop_table("journal_share")
