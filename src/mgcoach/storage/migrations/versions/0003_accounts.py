"""Accounts for the web app: a password hash and settings on each user, browser sessions and
API tokens.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

USER_COLUMNS = ("password_hash", "language", "units")


def _user_key() -> sa.Column[int]:
    return sa.Column(
        "user_id", sa.Integer, sa.ForeignKey("app_user.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    # Plain ALTER TABLE on both dialects (SQLite 3.35+ drops columns too): a batch copy would
    # rewrite the table and its stored CREATE statement.
    op.add_column("app_user", sa.Column("password_hash", sa.String(255)))
    op.add_column("app_user", sa.Column("language", sa.String(8)))
    op.add_column("app_user", sa.Column("units", sa.String(8)))
    op.create_table(
        "web_session",
        sa.Column("id", sa.String(64), primary_key=True),
        _user_key(),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_web_session_user", "web_session", ["user_id"])
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _user_key(),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_api_token_user", "api_token", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_api_token_user", table_name="api_token")
    op.drop_table("api_token")
    op.drop_index("ix_web_session_user", table_name="web_session")
    op.drop_table("web_session")
    for name in reversed(USER_COLUMNS):
        op.drop_column("app_user", name)
